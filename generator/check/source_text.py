"""Comparing encoded text with the plan's source document.

The source texts were extracted from PDF or Word files: line breaks, spaces, page numbers
("— 6 —") and bookmarks fall inside sentences and table rows, so they are ignored on both
sides. A table cell that runs across a page break is interrupted in the extract by the next
cells and the repeated table header; such a text is accepted when it appears in at most three
pieces, in order, each gap short. Every other character must match exactly.
"""

from __future__ import annotations

import re

_NOISE = re.compile(r"\s+|\[bookmark:[^\]]*\]")
_PAGE_MARK = re.compile(r"—\d{1,3}—")
MAX_PIECES = 3
MAX_GAP = 200  # characters between two pieces of one text
MIN_PIECE = 2


def comparable(text: str) -> str:
    return _PAGE_MARK.sub("", _NOISE.sub("", text))


class SourceText:
    def __init__(self, text: str):
        self.flat = comparable(text)

    def contains(self, fragment: str) -> bool:
        flat = comparable(fragment)
        if not flat:
            return False
        return flat in self.flat or self._in_pieces(flat)

    def _in_pieces(self, flat: str) -> bool:
        starts = [m.start() for m in re.finditer(re.escape(flat[:MIN_PIECE]), self.flat)]
        return any(self._follow(flat, at, 1) for at in starts)

    def _follow(self, rest: str, at: int, piece: int) -> bool:
        """Match the longest prefix of ``rest`` at ``at``; find the remainder shortly after."""
        length = 0
        while length < len(rest) and at + length < len(self.flat) and self.flat[at + length] == rest[length]:
            length += 1
        if length == len(rest):
            return True
        if length < MIN_PIECE or piece == MAX_PIECES:
            return False
        remainder, after = rest[length:], at + length
        window = self.flat[after: after + MAX_GAP + len(remainder)]
        head = remainder[:MIN_PIECE]
        return any(self._follow(remainder, after + m.start(), piece + 1)
                   for m in re.finditer(re.escape(head), window))
