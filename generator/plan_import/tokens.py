"""Split paragraphs and table cells into the cells of a table written as text.

In text copied from a PDF a table row is one line, cells apart by spaces (``1．学前教育毛入园率（%）
>98 >99``); a value may itself hold a space (``90 以上``) and a year its unit (``2020 年``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.plan_import.document import Unit

# Words that belong to the number before them, not to a cell of their own.
_TRAILING_WORDS = ("及以上", "及以下", "以上", "以下", "以内", "左右", "年", "%", "％")
_NUMBER_MARK = re.compile(r"^\d{1,2}\s*[.．、]$")


@dataclass(frozen=True)
class Token:
    text: str
    row_start: bool
    unit: int = 0  # index of the unit it came from


def tokens(units: list[Unit]) -> list[Token]:
    out: list[Token] = []
    for index, unit in enumerate(units):
        pieces: list[str] = []
        for piece in unit.text.split():
            if pieces and piece in _TRAILING_WORDS and re.search(r"\d$", pieces[-1]):
                pieces[-1] = f"{pieces[-1]} {piece}"
            elif pieces and _NUMBER_MARK.match(pieces[-1]):
                pieces[-1] = f"{pieces[-1]} {piece}"
            else:
                pieces.append(piece)
        out += [Token(piece, unit.row_start and k == 0, index) for k, piece in enumerate(pieces)]
    return out
