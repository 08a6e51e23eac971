"""Write the generated pages, charts and files, and build the site with MkDocs.

The generated sources go to ``build/docs/``; a file whose bytes do not change is not rewritten
(so ``mkdocs serve`` reloads only what changed, and a publish diff stays small). The site is
built into a temporary folder beside ``site/`` and swapped in only when the build succeeded:
visitors never see a half-built site, and a failed build leaves the last good one in place.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from generator.render.environment import make_environment
from generator.render.pages.common import SiteParts
from generator.render.svg import render_svgs


class BuildError(RuntimeError):
    pass


# Material's bundle names two scripts on an outside host, fetched only on demand: a ResizeObserver
# polyfill for browsers older than 2020, and mermaid, for diagrams this site never has. Both are
# replaced by an empty script, so that no browser ever asks an outside host for anything.
OUTSIDE_SCRIPTS = re.compile(r"https://unpkg\.com/(?:resize-observer-polyfill|mermaid@[\w.]+/dist/mermaid\.min\.js)")
EMPTY_SCRIPT = "data:text/javascript,"
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1"}  # the notice is for theme authors; staff need their own messages


def keep_requests_local(site: Path) -> None:
    for bundle in (site / "assets" / "javascripts").glob("bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        bundle.write_text(OUTSIDE_SCRIPTS.sub(EMPTY_SCRIPT, text), encoding="utf-8")


def _write_if_changed(target: Path, content: bytes) -> bool:
    if target.is_file() and target.read_bytes() == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return True


def front_matter(title: str | None) -> str:
    """The page's title for MkDocs and Material (<title>, search results). Material prints it into
    the page unescaped, so it is escaped here; names come from content files."""
    if title is None:
        return ""
    return "---\n" + yaml.safe_dump({"title": html.escape(title, quote=True)}, allow_unicode=True, width=10_000) + "---\n\n"


def write_sources(parts: SiteParts, templates: Path, docs: Path, cache: Path) -> list[str]:
    """Render pages, write files and charts into ``docs``; remove what is no longer generated.

    Returns the docs paths that were written or removed."""
    environment = make_environment(templates)
    wanted: dict[str, bytes] = {}
    for page in parts.pages:
        text = front_matter(page.title) + environment.get_template(page.template).render(**page.context)
        wanted[page.path] = text.encode("utf-8")
    wanted.update(parts.files)
    changed = [path for path, content in sorted(wanted.items()) if _write_if_changed(docs / path, content)]
    rendered = render_svgs({docs / path: spec for path, spec in parts.charts.items()}, cache)
    changed += [p.relative_to(docs).as_posix() for p in rendered]
    keep = set(wanted) | set(parts.charts)
    for stale in sorted(p for p in docs.rglob("*") if p.is_file() and p.relative_to(docs).as_posix() not in keep):
        stale.unlink()
        changed.append(stale.relative_to(docs).as_posix())
    return changed


def write_config(root: Path, build: Path, parts: SiteParts, site_dir: Path) -> Path:
    dictionary = build / "jieba-user-dict.txt"
    # Whole names (counties, units) as single words, so a search for 如东县 matches the word 如东县.
    _write_if_changed(dictionary, "".join(f"{term} 100000\n" for term in parts.search_terms).encode("utf-8"))
    config = {
        "INHERIT": os.path.relpath(root / "mkdocs.yml", build),
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "nav": parts.nav,
        "copyright": parts.footer,  # Material prints it unescaped: SiteParts.footer is escaped HTML
        "theme": {"name": "material", "custom_dir": str(root / "templates" / "theme")},
        "plugins": [{"search": {"lang": "zh", "separator": r"[\s\u200b\-]", "jieba_dict_user": str(dictionary)}}],
    }
    if parts.config.settings.site_url:
        config["site_url"] = parts.config.settings.site_url
    path = build / "mkdocs.yml"
    _write_if_changed(path, yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8"))
    return path


def build_site(root: Path, parts: SiteParts, source_date_epoch: int) -> Path:
    """Write sources, build into a temporary folder, then replace ``site/`` in one step."""
    build = root / "build"
    docs = build / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    write_sources(parts, root / "templates", docs, build / "chart-cache")
    site = root / "site"
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=root))
    try:
        config = write_config(root, build, parts, Path(os.path.relpath(staging, build)))
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)],
                                capture_output=True, text=True, cwd=root,
                                env={**os.environ, **MKDOCS_ENV, "SOURCE_DATE_EPOCH": str(source_date_epoch)})
        if result.returncode != 0:
            problems = [line for line in result.stderr.splitlines() if line.startswith(("WARNING", "ERROR"))]
            raise BuildError("网站生成失败（MkDocs 报告了以下问题，多为模板中的链接或格式错误）：\n"
                             + "\n".join(problems or result.stderr.strip().splitlines()[-20:]))
        keep_requests_local(staging)
        old = root / ".site-old"
        if old.exists():
            shutil.rmtree(old)
        if site.exists():
            site.rename(old)
        staging.rename(site)
        if old.exists():
            shutil.rmtree(old)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return site
