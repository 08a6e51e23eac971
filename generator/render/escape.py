"""Showing text from content/ and data/ literally.

Every value a template prints passes through :func:`literal` (the Jinja environment's
``finalize``), so a name such as ``<script>`` or ``[x](javascript:…)`` or ``{{ }}`` is shown as
those characters and never becomes HTML, Markdown syntax or a template. Only snippets the
generator builds itself are marked :class:`markupsafe.Markup` and passed through.
"""

from __future__ import annotations

import re

from markupsafe import Markup

# Characters that start HTML or Markdown constructs anywhere in a line.
_ANYWHERE = {c: f"&#{ord(c)};" for c in "&<>\"'\\`*_[]|#!~^{}$"}
# Characters that only matter at the start of a line ("1. ", "- ", "+ ", ": ", "= ").
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])(?=\s|$)|^(\s*)([-+:=])(?=\s|$)", re.MULTILINE)


def literal(value: object) -> str:
    """Text that Markdown and HTML will show exactly as written (one line)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, float):
        value = format_number(value)
    text = re.sub(r"\s*[\r\n]+\s*", " ", str(value))
    text = "".join(_ANYWHERE.get(c, c) for c in text)

    def starts(match: re.Match) -> str:
        if match.group(2) is not None:
            return f"{match.group(1)}{match.group(2)}&#{ord(match.group(3))};"
        return f"{match.group(4)}&#{ord(match.group(5))};"

    return _LINE_START.sub(starts, text)


def format_number(value: float) -> str:
    """98.0 → 98, 0.45 → 0.45: figures as a person writes them."""
    return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
