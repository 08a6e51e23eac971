"""The site's search index (Pagefind), made from the staged site after MkDocs has built it.

Chinese is written without spaces, and Pagefind's Chinese search cuts words twice, differently: the
index with its own dictionary, a query with the browser's (Pagefind/pagefind#1237) — the page has the
word 入园率, the query becomes 入 + 园 + 率, and nothing is found. Indexing every character as a word
of its own (this module's first design) found the right pages, but a query then loaded the index of
each of its characters, and a frequent character's is large: 2.4 MB for 学前教育毛入园率 on a province
of 13 plans (#23). So the index is made of overlapping pairs of characters (bigrams): Pagefind reads a
copy of the pages in which a run of Chinese characters 入园率 is written as the words 入园 园率 率 —
at each character the word of that character and the next, the run's last character alone — and it
indexes this copy as one language without a segmenter ("und": no dictionary, no stemming; the search
page asks for that language too). A pair is rarer than either of its characters, so the index of a
query's pairs is small. The search page (templates/assets/site.js) asks for a query's pairs as one
exact phrase ("入园 园率"): found are the pages where 入园率 stands together, which is what a reader
means by a Chinese search; a single character is found as the first character of a word (园 finds
园率, 园区 and 园). A letter, digit or punctuation mark beside a Chinese character is set apart from it
(2025年 is 2025 and 年), and the word before such a break carries a trailing "&" (one that no text
can give: every & of the text is escaped once more, see AMPERSAND), which Pagefind leaves out of the
word but keeps in the page's text: from those words the search page writes the excerpt back as the
page has it (入园 园率 率& 98% → 入园率98%); text_of() below does the same. The published pages are
not touched.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from importlib import metadata
from pathlib import Path

from generator import timing
from generator.publish import search_order

# CJK unified ideographs, Extension A, compatibility ideographs, Extensions B–H (names may use them).
# templates/assets/site.js splits a query with the same class.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CHINESE = re.compile(f"[{HAN}]")
SPACE = re.compile(r"\s")
GLUE = "&"  # after a word that the text does not follow with a space (never an & of the text: AMPERSAND)
RAW_TEXT = re.compile(r"(<(script|style|textarea)\b.*?</\2\s*>)", re.S | re.I)  # not text a reader sees
TAG = re.compile(r"(<[^>]*>)")
TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# Elements inside a line of text: a run of characters goes on across them (学前<b>教育</b> is 学前教育).
INLINE = frozenset("a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup "
                   "time u var".split())
# Elements that Pagefind itself sets apart from the text around them; around any other element (a table
# cell th, a line break …) a space is put where the text has none, so that no word spans it.
SENTENCE = frozenset("h1 h2 h3 h4 h5 h6 p td div ul li article section".split())
# Pagefind's excerpts escape < and > but not &: a page showing the text "&lt;b&gt;" and one showing
# "<b>" would give the same excerpt. In the copy it reads, an & of the text is written twice escaped,
# so that every & of an excerpt is an entity and site.js turns it back into exactly the page's text.
AMPERSAND = re.compile(r"&(?:amp|#0*38|#[xX]0*26);")
INDEXED = "data-pagefind-body"  # on the article of every page that is searched (templates/theme/main.html)
OUTPUT = "pagefind"
# The index's language: one without a segmenter or stemmer, so that Pagefind keeps the words as written
# (a Chinese index would cut 园率 into 园 + 率 again); site.js asks for it by name.
LANGUAGE = "und"
PAGEFIND = "pagefind-bin-extended"  # the distribution; its module is pagefind_bin_extended
# Pagefind's bundle also carries interfaces this site does not load: they are not published.
UNUSED_FILES = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
                "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    pass


def bigram_words(html: str) -> str:
    """The page as Pagefind reads it: in its text (not in tags, attribute values, scripts or styles)
    every run of Chinese characters written as overlapping pairs — 学前<b>教育</b> is
    学前 前教 <b>教育 育</b> — and set apart, as a full-width punctuation mark or symbol is, from the
    letter, digit or mark beside it, the word before that break marked with GLUE; every & of the text
    escaped once more."""
    items: list[tuple[str, str]] = []  # ("text", html text) or ("tag", markup, kept as it is) or ("break", markup)
    pieces = RAW_TEXT.split(html)  # text, raw element, its tag name, text, …
    for index in range(0, len(pieces), 3):
        for piece in TAG.split(pieces[index]):
            if not piece.startswith("<"):
                items.append(("text", AMPERSAND.sub("&amp;amp;", piece)))
            elif (name := TAG_NAME.match(piece)) is None or name.group(1).lower() in INLINE:
                items.append(("tag", piece))
            else:
                items.append(("sentence" if name.group(1).lower() in SENTENCE else "break", piece))
        if index + 1 < len(pieces):
            items.append(("break", pieces[index + 1]))
    # The next character of the text after each character of a text item: across inline tags only.
    following: list[list[str]] = [[] for _ in items]
    after = ""  # the text's first character after the current point, "" at a block's edge
    for number in range(len(items) - 1, -1, -1):
        kind, value = items[number]
        if kind == "text":
            following[number] = [*value[1:], after]
            after = value[0] if value else after
        elif kind != "tag":
            after = ""
    out: list[str] = []
    before = ""  # the text's last character so far, across inline tags only
    for number, (kind, value) in enumerate(items):
        if kind != "text":
            out.append(value)
            if kind == "break" and before and not SPACE.match(before) and next_text(items, number):
                out.append(" ")
            before = before if kind == "tag" else ""
            continue
        for character, next_character in zip(value, following[number]):
            if CHINESE.match(character) and next_character and CHINESE.match(next_character):
                out.append(f"{character}{next_character} ")
            elif (next_character and not SPACE.match(character) and not SPACE.match(next_character)
                  and (apart(character) or apart(next_character))):
                out.append(f"{character}{GLUE} ".replace("&", "&amp;"))
            else:
                out.append(character)
        if value:
            before = value[-1]
    return "".join(out)


def apart(character: str) -> bool:
    """A word of its own: a Chinese character, or a punctuation mark or symbol beyond ASCII (，、：—)."""
    return bool(CHINESE.match(character)) or (
        character > "\x7f" and unicodedata.category(character)[0] in "PS")


def next_text(items: list[tuple[str, str]], number: int) -> bool:
    """Whether the text after item ``number`` (across any tags) starts with a non-space."""
    for kind, value in items[number + 1:]:
        if kind == "text" and value:
            return not SPACE.match(value[0])
    return False


def text_of(content: str) -> str:
    """The text of a page as Pagefind keeps it (its words, one space apart) written back as the page
    has it: a pair shows its first character, GLUE joins a word to the next. As site.js does."""
    out: list[str] = []
    for word in content.split():
        if len(word) == 2 and CHINESE.match(word[0]) and CHINESE.match(word[1]):
            out.append(word[0])
        elif word.endswith(GLUE):
            out.append(word[:-1])
        else:
            out.append(word + " ")
    return "".join(out).rstrip().replace("&amp;", "&")


def index_site(site: Path, cache: Path | None = None) -> None:
    """Write ``site/pagefind/``: an index split into chunks, so a query loads only what it needs.
    Pagefind's output depends only on the pages read, so the same pages give the same bytes — and,
    when they are the same as last time, the index kept in ``cache`` is copied instead of made again."""
    with timing.phase(timing.SEARCH):
        pages = {page.relative_to(site).as_posix(): bigram_words(html) for page in sorted(site.rglob("*.html"))
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
                                     "--output-path", str(site / OUTPUT), "--force-language", LANGUAGE, "--silent"], capture_output=True, text=True)
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
