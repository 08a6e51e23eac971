"""Write the generated pages and build the site with MkDocs.

The site is built into a temporary folder beside ``site/`` and swapped in only when the
build succeeded, so visitors never see a half-built site and a failed build leaves the last
good one in place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from generator.render.environment import make_environment
from generator.render.pages import Page


def write_pages(pages: list[Page], templates: Path, docs: Path) -> list[str]:
    """Render pages into ``docs``; rewrite a file only when its bytes change. Returns changed paths."""
    environment = make_environment(templates)
    wanted = {}
    for page in pages:
        wanted[page.path] = environment.get_template(page.template).render(**page.context).encode("utf-8")
    changed = []
    for path, content in sorted(wanted.items()):
        target = docs / path
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        changed.append(path)
    for stale in sorted(p for p in docs.rglob("*.md") if p.relative_to(docs).as_posix() not in wanted):
        stale.unlink()
        changed.append(stale.relative_to(docs).as_posix())
    return changed


def navigation(pages: list[Page]) -> list:
    """Home first, then one entry per page in the order the pages were listed."""
    return [{page.title: page.path} for page in pages]


def write_config(root: Path, build: Path, pages: list[Page], site_dir: Path) -> Path:
    config = {
        "INHERIT": os.path.relpath(root / "mkdocs.yml", build),
        "docs_dir": "docs",
        "site_dir": str(site_dir),
        "nav": navigation(pages),
    }
    path = build / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class BuildError(RuntimeError):
    pass


def build_site(root: Path, pages: list[Page]) -> Path:
    """Render, build into a temporary folder, then replace ``site/`` in one step."""
    build = root / "build"
    docs = build / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    write_pages(pages, root / "templates", docs)
    site = root / "site"
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=root))
    try:
        config = write_config(root, build, pages, staging)
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-f", str(config)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise BuildError(f"网站生成失败（MkDocs）：\n{result.stderr.strip()}")
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
