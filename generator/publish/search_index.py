"""The site's search index (Pagefind), made from the staged site after MkDocs has built it.

Chinese is written without spaces, and Pagefind's Chinese search cuts words twice, differently: the
index with its own dictionary, a query with the browser's (Pagefind/pagefind#1237) — the page has the
word 入园率, the query becomes 入 + 园 + 率, and nothing is found. So this index is made of single
characters: Pagefind reads a copy of the pages in which every Chinese character is set apart from the
character, letter or digit beside it by a zero-width space (a word boundary to Pagefind, which removes
it again from the excerpts it shows), and the search page asks for a query's characters as one exact phrase
("入 园 率"): it finds the pages where those characters stand together, which is what a reader means
by a Chinese search, and a single character is never cut again by the browser. The published pages
are not touched (copying text from them gives no hidden characters).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from generator import timing
from generator.publish import search_order

# CJK unified ideographs, Extension A, compatibility ideographs, Extensions B–H (names may use them).
# templates/assets/site.js splits a query with the same class.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Between a Chinese character and any letter or digit next to it (2025年 is 2025 and 年).
BETWEEN_HAN = re.compile(f"(?<=[{HAN}])(?=[^\\W_])|(?<=[^\\W_])(?=[{HAN}])")
RAW_TEXT = re.compile(r"(<(script|style|textarea)\b.*?</\2\s*>)", re.S | re.I)  # not text a reader sees
TAG = re.compile(r"(<[^>]*>)")
# Pagefind's excerpts escape < and > but not &: a page showing the text "&lt;b&gt;" and one showing
# "<b>" would give the same excerpt. In the copy it reads, an & of the text is written twice escaped,
# so that every & of an excerpt is an entity and site.js turns it back into exactly the page's text.
AMPERSAND = re.compile(r"&(?:amp|#0*38|#[xX]0*26);")
INDEXED = "data-pagefind-body"  # on the article of every page that is searched (templates/theme/main.html)
OUTPUT = "pagefind"
PAGEFIND = "pagefind-bin-extended"  # the distribution; its module is pagefind_bin_extended
# Pagefind's bundle also carries interfaces this site does not load: they are not published.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def characters_apart(html: str) -> str:
    """The page with a zero-width space between a Chinese character and the character or letter or
    digit beside it in its text — also across tags (学前<b>教育</b>) — but not inside tags, attribute
    values, scripts or styles."""
    pieces = RAW_TEXT.split(html)  # text, raw element, its tag name, text, …
    out: list[str] = []
    last = ""  # the text's last character so far, tags skipped
    for index in range(0, len(pieces), 3):
        for piece in TAG.split(pieces[index]):
            if piece.startswith("<") or not piece:
                out.append(piece)
                continue
            piece = AMPERSAND.sub("&amp;amp;", BETWEEN_HAN.sub("\u200b", piece))
            if BETWEEN_HAN.match(last + piece, 1):
                piece = "\u200b" + piece
            out.append(piece)
            last = piece[-1]
        if index + 1 < len(pieces):
            out.append(pieces[index + 1])
            last = ""
    return "".join(out)


def index_site(site: Path, cache: Path | None = None) -> None:
    """Write ``site/pagefind/``: an index split into chunks, so a query loads only what it needs.
    Pagefind's output depends only on the pages read, so the same pages give the same bytes — and,
    when they are the same as last time, the index kept in ``cache`` is copied instead of made again."""
    with timing.phase(timing.SEARCH):
        pages = {page.relative_to(site).as_posix(): characters_apart(html) for page in sorted(site.rglob("*.html"))
                 if INDEXED in (html := page.read_text(encoding="utf-8"))}
        digest = hashlib.sha256(f"{metadata.version(PAGEFIND)}\0{' '.join(UNUSED_FILES)}\0".encode())
        for name, text in pages.items():
            digest.update(f"{name}\0{text}\0".encode())
        kept = cache / digest.hexdigest() if cache else None
        if kept and kept.is_dir():
            shutil.copytree(kept, site / OUTPUT)
            return
        with tempfile.TemporaryDirectory(prefix="search-") as folder:
            for name, text in pages.items():
                target = Path(folder) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            result = subprocess.run([sys.executable, "-m", PAGEFIND.replace("-", "_"), "--site", folder,
                                     "--output-path", str(site / OUTPUT), "--silent"], capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError("检索索引生成失败（Pagefind 报告了以下问题）：\n"
                               + "\n".join((result.stderr or result.stdout).strip().splitlines()[-20:]))
    for name in UNUSED_FILES:
        (site / OUTPUT / name).unlink(missing_ok=True)
    search_order.settle(site / OUTPUT)
    if kept:
        keep(site / OUTPUT, kept)


def keep(index: Path, kept: Path) -> None:
    """Keep this index as the only one in the cache: written beside it and renamed into place, so a
    killed build leaves no half copy; a cache that cannot be written is only skipped."""
    cache, temporary = kept.parent, kept.parent.with_name(kept.parent.name + "-new")
    with contextlib.suppress(OSError):
        shutil.rmtree(temporary, ignore_errors=True)
        shutil.copytree(index, temporary / kept.name)
        shutil.rmtree(cache, ignore_errors=True)
        temporary.rename(cache)
