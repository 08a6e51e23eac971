"""The preview: the site as it would be released, built from a copy of the project.

The copy (``build/workbench-preview/``) gets the project's plans, data, ledger, templates and settings
before each preview, and the pipeline builds it exactly as it builds the project — so the preview
shows what a release would publish, and its ledger what a release would record, while the
project's own ``site/`` and ``data/published.json`` stay untouched until staff release.
The copy shares the project's build caches (charts, PDFs, downloads, search index; all keyed by
their content), so a release after a preview redoes nothing the preview already did.
"""

from __future__ import annotations

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
        shared, link = root / "build" / cache, mirror / "build" / cache
        shared.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink():
            link.parent.mkdir(parents=True, exist_ok=True)
            if link.exists():
                shutil.rmtree(link)
            link.symlink_to(shared.resolve(), target_is_directory=True)
    return mirror


def site_of(root: Path) -> Path:
    return mirror_root(root) / "site"
