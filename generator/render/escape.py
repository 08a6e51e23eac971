"""Showing text from content/ and data/ literally: one rule per sink, applied where the text meets it.

- Page body (Markdown, then HTML): every value a template prints passes through :func:`literal`
  (the Jinja environment's ``finalize``), so a name such as ``<script>``, ``[x](javascript:…)``,
  ``---`` or ``{{ }}`` is shown as those characters and never becomes HTML, Markdown syntax or a
  template. Only snippets the generator builds itself are marked :class:`markupsafe.Markup`.
- ``<title>`` and the page header: MkDocs Material prints a page's front-matter title as raw HTML,
  so templates write it with the ``page_title`` filter (:func:`page_title`).
- Navigation: MkDocs prints nav titles as raw HTML: :func:`nav_title`.
- Search index: built by MkDocs from the escaped page HTML, so it holds the escaped text.
- SVG: vl-convert writes chart text as XML text; the one attribute we add is escaped in svg.py.
- PDF: the print template is HTML with Jinja autoescape (bulletin_pdf.py).
- Downloads (CSV, XLSX): :mod:`generator.render.spreadsheet` (no cell is ever a formula).
"""

from __future__ import annotations

import html
import json
import re

from markupsafe import Markup

from generator.render.wording import number as format_number

# Characters that start HTML or Markdown constructs anywhere in a line.
_ANYWHERE = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]|#!~^{}$"}
# What makes a line a block when it starts one: "1. " or "1) " (ordered list), "-", "+", "=" (bullet
# list, thematic break "---", setext underline "==="), ":" (definition), "?" (collapsible "???").
# A value can start a line, or follow a template's own "- ", so its first character is what counts.
# Runs of white space become one space (a newline would end a table row); a no-break space stays, it
# keeps a number with its unit (wording.UNIT_SPACE).
_SPACES = re.compile(r"[^\S\u00a0]+")
_BLOCK_START = re.compile(r"^(\d+)([.)])|^([-+=:?])")


def literal(value: object) -> str:
    """Text that Markdown and HTML will show exactly as written (one line, outer spaces dropped:
    leading spaces would make an indented code block, trailing ones a line break)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):  # a snippet the generator builds itself (a status mark)
        return Markup(value.__html__())
    if isinstance(value, float):
        value = format_number(value)
    text = _SPACES.sub(" ", str(value)).strip()
    text = "".join(_ANYWHERE.get(c, c) for c in text)

    def starts(match: re.Match) -> str:
        if match.group(1) is not None:
            return f"{match.group(1)}&#{ord(match.group(2))};"
        return f"&#{ord(match.group(3))};"

    return _BLOCK_START.sub(starts, text, count=1)


def page_title(value: object) -> Markup:
    """A page's front-matter title (``title: …`` between ``---`` lines): YAML-quoted, HTML-escaped,
    because Material prints it into ``<title>`` and the header without escaping."""
    text = re.sub(r"\s+", " ", str(value)).strip()
    # A JSON string is a YAML double-quoted scalar; characters beyond U+FFFF stay as they are (as
    # "\\ud840\\udc00" YAML would reject the front matter, and MkDocs would print it as a rule and a heading).
    return Markup(json.dumps(html.escape(text, quote=True), ensure_ascii=False))


def nav_title(text: str) -> str:
    """MkDocs puts navigation titles into HTML without escaping: escape them here."""
    return html.escape(re.sub(r"\s+", " ", text).strip(), quote=True)


