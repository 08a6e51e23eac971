"""Comparing encoded text with the plan's source document.

The source texts were extracted from PDF or Word files: line breaks, spaces, page numbers
("— 6 —") and bookmarks fall inside sentences and table rows, so they are ignored on both
sides. Every other character must match exactly.
"""

from __future__ import annotations

import re

_NOISE = re.compile(r"\s+|\[bookmark:[^\]]*\]")
_PAGE_MARK = re.compile(r"—\d{1,3}—")


def comparable(text: str) -> str:
    return _PAGE_MARK.sub("", _NOISE.sub("", text))


class SourceText:
    def __init__(self, text: str):
        self.flat = comparable(text)

    def contains(self, fragment: str) -> bool:
        flat = comparable(fragment)
        return bool(flat) and flat in self.flat
