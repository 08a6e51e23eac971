"""The preview: the site as it would be released, built from a copy of the project.

The copy (``build/workbench-preview/``) gets the project's plans, data, ledger, templates and settings
before each preview, and the pipeline builds it exactly as it builds the project — so the preview
shows what a release would publish, and its ledger what a release would record, while the
project's own ``site/`` and ``data/published.json`` stay untouched until staff release.
The copy gets the project's build caches (charts, PDFs, downloads, search index; all keyed by their
content, each file written once and replaced, never changed in place) as hard links, and what the preview
adds goes back the same way — so a release after a preview redoes nothing the preview already did. Not
symbolic links: the build never writes through a link (writing.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PARTS = ("content", "data", "templates", "site_config", "mkdocs.yml")
CACHES = ("chart-cache", "pdf-cache", "download-cache", "search-cache")
MIRROR = "build/workbench-preview"


def mirror_root(root: Path) -> Path:
    return root / MIRROR


def _hidden(_folder: str, names: list[str]) -> list[str]:
    return [n for n in names if n.startswith(".")]  # the workbench's history is not data


def sync(root: Path) -> Path:
    """Bring the copy up to date with the project; returns its folder."""
    mirror = mirror_root(root)
    mirror.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        source, copy = root / part, mirror / part
        if copy.is_dir() and not copy.is_symlink():
            shutil.rmtree(copy)
        elif copy.exists() or copy.is_symlink():
            copy.unlink()
        if source.is_dir():
            shutil.copytree(source, copy, symlinks=True, ignore=_hidden)
        elif source.is_file():
            shutil.copy2(source, copy)
    for cache in CACHES:
        copy = mirror / "build" / cache
        if copy.is_symlink():  # a copy made when the caches were linked
            copy.unlink()
        shutil.rmtree(copy, ignore_errors=True)
        _share(root / "build" / cache, copy)
    return mirror


def keep_caches(root: Path) -> None:
    """What the preview's build added to its caches, shared with the project's."""
    for cache in CACHES:
        _share(mirror_root(root) / "build" / cache, root / "build" / cache)


def _share(source: Path, target: Path) -> None:
    """Every file of ``source`` also in ``target`` (a hard link; a copy where none can be made);
    files already there are left as they are."""
    def link(from_: str, to: str) -> None:
        if not os.path.lexists(to):
            try:
                os.link(from_, to)
            except OSError:
                shutil.copy2(from_, to)
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, target, symlinks=True, copy_function=link, dirs_exist_ok=True)


def site_of(root: Path) -> Path:
    return mirror_root(root) / "site"
