"""The common form every reader produces: paragraphs and tables, in reading order.

A table cell is ``None`` where a merged cell continues from the row above (a vertical
merge), and ``""`` where the cell is there but empty. Horizontally merged cells appear once.
Recognisers read the document either block by block or as a flat stream of :class:`Unit`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model.written_value import WrittenValueError, parse_written_value

Cell = str | None

_PAGE_MARK = re.compile(r"^[—-]\s*\d{1,3}\s*[—-]$")


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]


Block = Paragraph | Table


@dataclass(frozen=True)
class Unit:
    """One paragraph, or one line of a table cell."""

    text: str
    row_start: bool  # first text of a paragraph or of a table row


@dataclass(frozen=True)
class Document:
    name: str  # the file name, as shown in messages
    blocks: tuple[Block, ...]
    text: str  # the document's text, saved as source.txt

    def units(self) -> list[Unit]:
        units: list[Unit] = []
        for block in self.blocks:
            if isinstance(block, Paragraph):
                units.append(Unit(block.text, True))
                continue
            for row in block.rows:
                first = True
                for cell in row:
                    for line in (cell or "").split("\n"):
                        if line.strip():
                            units.append(Unit(line.strip(), first))
                            first = False
        return units


def is_written_value(text: str) -> bool:
    """A text that reads as one value or target (``>98``, ``90 以上``, ``65左右``)."""
    try:
        parse_written_value(text)
    except WrittenValueError:
        return False
    return True


def is_page_mark(text: str) -> bool:
    """"— 6 —": a page number left in the text by a PDF extract."""
    return bool(_PAGE_MARK.match(text.strip()))


def render_text(blocks: list[Block]) -> str:
    """The text of a document, with tables written as a web page copies them (one cell a line,
    each cell after a tab, a blank line after each row), which :mod:`read_text` reads back."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out += [block.text, ""]
            continue
        for row in block.rows:
            for cell in row:
                if cell is None:
                    out.append("\t")
                    continue
                lines = cell.split("\n") if cell else ["\u3000"]
                out.append("\t" + lines[0])
                out += [line for line in lines[1:]]
            out.append("")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
