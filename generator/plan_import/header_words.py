"""The words a table header or an inline note uses for each role, kept as data in header_words.yaml."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import yaml

_WORDS = Path(__file__).with_name("header_words.yaml")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def header_key(text: str) -> str:
    """A header cell as compared: full-width folded, no spaces, no bracketed note, no trailing colon."""
    folded = unicodedata.normalize("NFKC", text)
    return _BRACKETED.sub("", re.sub(r"\s+", "", folded)).rstrip(":：")


@cache
def _table() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(_WORDS.read_text(encoding="utf-8"))
    return {part: {header_key(word): role for role, words in roles.items() for word in words}
            for part, roles in data.items()}


def role(part: str, text: str) -> str | None:
    """The role of a header cell in a table of kind ``part`` (indicator_table, task_table), or None."""
    return _table()[part].get(header_key(text))


@cache
def words(part: str, wanted: str) -> tuple[str, ...]:
    """Every word of one role, longest first (for building a pattern)."""
    return tuple(sorted((w for w, r in _table()[part].items() if r == wanted), key=len, reverse=True))
