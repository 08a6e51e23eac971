"""Every internal link of a built site leads somewhere: pages, charts (SVG), stylesheets, PDFs, downloads.

Run on the finished site before it replaces the published one, so that a page linking to a bulletin,
report or file that was never made fails the build instead of reaching readers. Links that leave
the site (http:, mailto: …) are not followed; a link to a part of a page (``#s2``) must name an id on
that page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src", "xlink:href", "poster", "data"}
OUTSIDE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")  # http:, https:, mailto:, tel:, data:, javascript: …
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
PDF_LINK = re.compile(rb"/URI\s*\(([^)]*)\)")
MARKUP = (".html", ".svg")


class _Links(HTMLParser):
    """The links and the ids of one HTML or SVG document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and not (tag == "link" and ("rel", "canonical") in attrs):
                self.links.append(value)
            elif name == "srcset":
                self.links += [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]

    handle_startendtag = handle_starttag


def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def _links_of(path: Path) -> list[str]:
    if path.suffix in MARKUP:
        return _parsed(path).links
    if path.suffix == ".css":
        return CSS_URL.findall(path.read_text(encoding="utf-8", errors="replace"))
    if path.suffix == ".pdf":  # a PDF's link annotations: only those into the site are checked
        return [m.decode("latin-1") for m in PDF_LINK.findall(path.read_bytes())]
    return []


def _target(site: Path, page: Path, link: str) -> tuple[Path, str] | None:
    """The file a link leads to and its fragment; None for a link that leaves the site or stays on the page."""
    link = link.strip()
    if not link or OUTSIDE.match(link) or link.startswith("//"):
        return None
    parts = urlsplit(link)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return (page, fragment) if fragment else None
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, fragment


def broken_links(site_dir: Path) -> list[str]:
    """Each link of the site whose file (or part of a page) does not exist: “page → link (why)”, sorted."""
    site = Path(site_dir).resolve()
    ids: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in (*MARKUP, ".css", ".pdf")):
        if page.suffix == ".html" and page.parent.name == "pagefind" or "pagefind" in page.relative_to(site).parts:
            continue  # the search index's own files
        for link in _links_of(page):
            found = _target(site, page, link)
            if found is None:
                continue
            target, fragment = found
            where = page.relative_to(site).as_posix()
            if site not in target.parents and target != site:
                broken.append(f"{where} → {link}（指向网站以外的文件）")
            elif not target.is_file():
                broken.append(f"{where} → {link}（文件不存在）")
            elif fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = _parsed(target).ids
                if fragment not in ids[target]:
                    broken.append(f"{where} → {link}（页面中没有“{fragment}”这一部分）")
    return sorted(set(broken))
