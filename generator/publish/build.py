"""Write the generated pages, charts and files, and build the site with MkDocs.

The generated sources go to ``build/docs/``; a file whose bytes do not change is not rewritten
(so ``mkdocs serve`` reloads only what changed, and a publish diff stays small). The site is
built into a temporary folder beside ``site/`` and swapped in only when the build succeeded:
visitors never see a half-built site, and a failed build leaves the last good one in place.

The swap is one atomic exchange of the two folders (Linux ``renameat2(RENAME_EXCHANGE)``), so a
kill at any instant leaves a complete ``site/``. Where the file system cannot exchange, it is two
renames; a kill between them leaves the old site as ``.site-old``, which the next build puts back
before anything else. One build at a time: a second one started meanwhile stops with a message.
The replaced site is set aside in ``build/`` and deleted by the next build while MkDocs runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import yaml

from generator import timing
from generator.render.environment import make_environment
from generator.render.escape import nav_title, page_title
from generator.render.search_facts import SearchFacts
from generator.render.pages.common import SiteParts
from generator.publish import engine
from generator.publish.link_check import broken_links
from generator.publish.search_index import SearchIndexError, index_site
from generator.render.svg import render_svgs
from generator.load.ledger import LEDGER
from generator.writing import LinkInTheWay, writable, writable_tree, write_file


class BuildError(RuntimeError):
    pass


class BuildBusy(BuildError):
    """Another build holds the project's lock."""


# A theme's scripts and styles name files on outside hosts, fetched only on demand (Material: a
# ResizeObserver polyfill and mermaid on unpkg.com; Zensical: unpkg.com and cdn.jsdelivr.net too),
# for features this site never uses. Every such URL a script or style could fetch (a string, a CSS
# url(…); not the URLs that comments cite) becomes an empty file of its kind, so that no browser ever
# asks an outside host for anything. XML namespace names (www.w3.org/2000/svg …) are names, never
# fetched, and stay.
OUTSIDE_URL = re.compile(r"""(?<=`)https?://(?!www\.w3\.org/)[^`]*(?=`)"""  # a whole template literal
                         r"""|(?<=["'])https?://(?!www\.w3\.org/)[^"'\s]*"""  # a quoted string
                         r"""|(?<=url\()https?://(?!www\.w3\.org/)[^)"'\s]*""")  # CSS url(…)
EMPTY = {".js": "data:text/javascript,", ".mjs": "data:text/javascript,", ".css": "data:text/css,"}
# The theme's source maps (.map) help no reader, weigh several MB and name outside hosts in the
# sources they carry: they are not published, and the comments pointing at them go too.
SOURCE_MAP_COMMENT = re.compile(r"\n?(?://[#@] sourceMappingURL=\S+|/\*[#@] sourceMappingURL=\S+ ?\*/)\s*$")


def keep_requests_local(site: Path) -> None:
    """Replace every outside URL in the site's scripts and styles (Pagefind's are added later)."""
    for path in (p for p in site.rglob("*") if p.suffix in (".js", ".mjs", ".css") and p.is_file()):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        local = OUTSIDE_URL.sub(lambda m: _empty(m.group(0), path.suffix), text)
        if local != text:
            write_file(path, local.encode("utf-8", errors="surrogateescape"))


def _empty(url: str, named_in: str) -> str:
    """An empty file of the URL's kind; a script's URL without one (a polyfill) an empty script."""
    kind = Path(url.split("?")[0].split("#")[0]).suffix
    return EMPTY.get(kind) or (EMPTY[".js"] if named_in in (".js", ".mjs") and not kind else "data:,")


def drop_source_maps(site: Path) -> None:
    for source_map in site.rglob("*.map"):
        source_map.unlink()
    for path in (p for p in site.joinpath("assets").rglob("*") if p.suffix in (".js", ".css")):
        text = path.read_text(encoding="utf-8")
        if SOURCE_MAP_COMMENT.search(text):
            path.write_text(SOURCE_MAP_COMMENT.sub("", text), encoding="utf-8")


def _write_if_changed(target: Path, content: bytes) -> bool:
    if target.is_file() and target.read_bytes() == content:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    write_file(target, content)
    return True


def front_matter(title: str | None, indexed: bool = True, draft: str = "", facts: SearchFacts | None = None) -> str:
    """The page's title for MkDocs and Material (<title>, search results), escaped: names come from
    content files; for a page kept out of the search index, Material's ``search: exclude``; the
    初步数据 notice of a page showing a draft year (the theme shows it above the article); and what
    the search page knows of the page (search_facts.py), escaped like the title, for main.html."""
    lines = ([f"title: {page_title(title)}"] if title else []) + ([] if indexed else ["search:", "  exclude: true"])
    if draft:
        lines.append("draft: " + json.dumps(draft, ensure_ascii=False))  # JSON strings are YAML strings
    if facts and indexed:
        lines += ["search_facts:", f"  kind: {page_title(facts.kind)}", f"  plan: {page_title(facts.plan)}",
                  f"  status: {page_title(facts.status)}", f"  empty: {'true' if facts.empty else 'false'}",
                  "  names:", *(f"    - {page_title(name)}" for name in facts.names)]
    return "---\n" + "\n".join(lines) + "\n---\n\n" if lines else ""


def write_sources(parts: SiteParts, templates: Path, docs: Path, cache: Path) -> list[str]:
    """Render pages, write files and charts into ``docs``; remove what is no longer generated.

    Returns the docs paths that were written or removed."""
    environment = make_environment(templates)
    wanted: dict[str, bytes] = {}
    with timing.phase(timing.PAGES, total=len(parts.pages)) as tick:
        for page in parts.pages:
            text = (front_matter(page.title, page.indexed, page.draft, parts.search.get(page.path))
                    + environment.get_template(page.template).render(**page.context))
            wanted[page.path] = text.encode("utf-8")
            tick()
        wanted.update(parts.files)
        changed = [path for path, content in sorted(wanted.items()) if _write_if_changed(docs / path, content)]
    # A file rendered later keeps its last version, or an empty stand-in, while MkDocs checks the links to it.
    later = {path for files in parts.later for path in files.paths}
    changed += [path for path in sorted(later) if not (docs / path).is_file() and _write_if_changed(docs / path, b"")]
    rendered = render_svgs({docs / path: spec for path, spec in parts.charts.items()}, cache)
    changed += [p.relative_to(docs).as_posix() for p in rendered]
    keep = set(wanted) | set(parts.charts) | later
    for stale in sorted(p for p in docs.rglob("*") if p.is_file() and p.relative_to(docs).as_posix() not in keep):
        stale.unlink()
        changed.append(stale.relative_to(docs).as_posix())
    return changed


def write_config(root: Path, build: Path, parts: SiteParts, site_dir: Path) -> Path:
    """build/mkdocs.yml. ``site_dir`` is inside ``build`` and written relative to it: MkDocs takes any
    folder, Zensical only one within the config's own folder."""
    config = {
        "INHERIT": os.path.relpath(root / "mkdocs.yml", build),
        "site_name": nav_title(parts.config.settings.site_name),  # Material prints it unescaped (header, <title>)
        "docs_dir": "docs",
        "site_dir": os.path.relpath(site_dir, build),
        "nav": parts.nav,
        "copyright": parts.footer,  # Material prints it unescaped: SiteParts.footer is escaped HTML
        "theme": {"name": "material", "custom_dir": str(root / "templates" / "theme")},
        "plugins": [],  # no Material search: Pagefind indexes the built site (search_index.py)
    }
    if parts.config.settings.site_url:
        config["site_url"] = parts.config.settings.site_url
    path = build / "mkdocs.yml"
    _write_if_changed(path, yaml.safe_dump(config, allow_unicode=True, sort_keys=False).encode("utf-8"))
    return path


LOCK = "build/build.lock"
STAGING_PREFIX = ".site-new-"
SEARCH_CACHE = "search-cache"  # in build/: the last search index, reused while the pages stay the same
# The site a build replaced is moved here (one rename) and removed by the next build while MkDocs
# works on one core and the other waits: deleting thousands of files otherwise adds to every build.
REPLACED = "build/replaced-sites"
OLD = ".site-old"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock; a second build started meanwhile stops with a message. The lock
    goes with the process, so a killed build never leaves it held."""
    path = root / LOCK
    _refuse_links(root, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy("另一个生成过程（build）正在这个项目中运行，这次没有开始。请等它结束后再运行。") from None
        try:
            _refuse_links(root, *(root / name for name in ("build", "site", OLD, LEDGER)), *root.glob(f"{STAGING_PREFIX}*"))
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _refuse_links(root: Path, *paths: Path) -> None:
    """Every place a build writes or deletes, checked before the first write: a link there (``build/``
    committed as a link to a folder elsewhere) stops the build with a message naming it. build/ is
    walked whole, since its caches are read back and copied into the site; the replaced sites are
    only deleted, by a removal that never follows a link."""
    try:
        for path in paths:
            if path == root / "build":
                writable_tree(root, path, skip=(root / REPLACED,))
            else:
                writable(root, path)
    except LinkInTheWay as error:
        raise BuildError(str(error)) from None


def recover(root: Path) -> None:
    """Undo what a killed build left: the old site put back if the swap stopped halfway, temporary
    folders removed. Called with the lock held, before anything else is written."""
    site, old = root / "site", root / OLD
    if old.exists() and not site.exists():
        old.rename(site)
    for leftover in [old, *(root / "build").glob(f"{STAGING_PREFIX}*")]:
        if leftover.exists():
            shutil.rmtree(leftover)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one atomic step; False where the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_in(staging: Path, site: Path) -> None:
    """Put the new site in place of the old one; the old one ends up at ``staging`` (then removed)."""
    if site.exists() and _exchange(staging, site):
        return
    old = site.with_name(OLD)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    if old.exists():
        old.rename(staging)


def render_later(parts: SiteParts) -> dict[str, bytes]:
    return {path: data for files in parts.later for path, data in files.render().items()}


def build_site(root: Path, parts: SiteParts, source_date_epoch: int) -> Path:
    """Write sources, build into a temporary folder, then replace ``site/`` in one step."""
    build = root / "build"
    docs = build / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    write_sources(parts, root / "templates", docs, build / "chart-cache")
    site = root / "site"
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=build))
    try:
        config = write_config(root, build, parts, staging)
        with tempfile.TemporaryFile("w+", encoding="utf-8") as log:
            with engine.start_build(config, root, log, source_date_epoch) as mkdocs:
                clearing = threading.Thread(target=shutil.rmtree, args=(root / REPLACED,), kwargs={"ignore_errors": True})
                clearing.start()
                late = render_later(parts)  # on the other core, while MkDocs builds the pages
                with timing.phase(timing.MKDOCS):
                    mkdocs.wait()
                clearing.join()
            log.seek(0)
            output = log.read()
        if mkdocs.returncode != 0:
            raise BuildError(engine.build_failure(output))
        for path, data in late.items():
            _write_if_changed(docs / path, data)
            (staging / path).write_bytes(data)
        keep_requests_local(staging)
        drop_source_maps(staging)
        try:
            index_site(staging, build / SEARCH_CACHE)
        except SearchIndexError as error:
            raise BuildError(str(error)) from error
        if broken := broken_links(staging):  # before the site is swapped in: the last good one stays
            raise BuildError(f"网站生成失败：{len(broken)} 个链接指向不存在的页面或文件，上一次生成的网站保持不变：\n"
                             + "\n".join(broken[:20]) + ("\n……" if len(broken) > 20 else ""))
        swap_in(staging, site)
        if staging.exists():  # the old site, removed during the next build
            (root / REPLACED).mkdir(parents=True, exist_ok=True)
            staging.rename(root / REPLACED / staging.name)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return site
