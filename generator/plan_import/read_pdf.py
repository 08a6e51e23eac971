"""Read a PDF with a text layer into a :class:`Document` with pdfplumber.

Tables are found by their ruling lines; the text around them is cut into lines by the page
width, so a line that reaches the right edge continues into the next (also across a page
break) and a shorter line ends its paragraph. Inside a cell the same rule tells a wrapped
line from a cell of several lines. A table continued on the next page joins the table before.
Grid positions without a cell of their own are read as part of a cell spanning columns when a
cell of the same row covers them, else as a vertical merge (``None``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from generator.plan_import.document import (Block, Cell, Document, Paragraph, Table, is_page_mark, is_written_value,
                                            render_text)

# Characters that cannot start a line: they travel with the character before them.
_NO_BREAK_BEFORE = set("，。、；：？！）》」』”’%％·…—") | set("0123456789.")
_QUOTES = set("“”‘’\"'")
_NO_BREAK_AFTER = set("（(《「『【〈")  # opening brackets travel with what follows them
SLACK = 1.0
# Lines that open a block of their own even after a line that filled the width: a table's or 专栏's
# title, a heading.
_OPENS_BLOCK = re.compile(r"^(?:表\s*\d|专栏\s*\d|附件\s*\d|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+[章节])")  # points of tolerance when asking whether a word would have fitted


class NoTextLayer(ValueError):
    pass


def read_pdf(path: Path) -> Document:
    blocks: list[Block] = []
    open_paragraph: list[str] = []  # lines of a paragraph that may continue on the next page
    chars = 0
    widest = 0.0
    carried: tuple[dict, float] | None = None  # the last line of the page before, and that page's right edge
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            chars += len(page.chars)
            table_open = bool(blocks) and isinstance(blocks[-1], Table) and not open_paragraph
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
            lines = outside.extract_text_lines(return_chars=True)
            # The text column is as wide on every page: a page of short lines does not narrow it.
            # and where no line fills it, the margins are taken as equal on both sides.
            widest = max([widest, *(line["x1"] for line in lines)])
            right = max(widest, page.width - min((line["x0"] for line in lines), default=0.0))
            items: list[tuple[float, object]] = [(line["top"], line) for line in lines]
            items += [(t.bbox[1], t) for t in tables]
            items.sort(key=lambda pair: pair[0])
            previous: dict | None = None
            for _, item in items:
                if isinstance(item, dict):
                    text = item["text"].strip()
                    if is_page_mark(text):
                        continue
                    if _OPENS_BLOCK.match(text) or previous is not None and not _wrapped(previous, item, right):
                        _close(open_paragraph, blocks)
                    elif previous is None and carried is not None and not _wrapped(carried[0], item, carried[1]):
                        _close(open_paragraph, blocks)  # the page before ended its paragraph with a short line
                    table_open = False
                    open_paragraph.append(text)
                    previous = item
                    continue
                previous = None
                _close(open_paragraph, blocks)
                table = _table(page, item)
                if table_open:  # the table of the page before, continued
                    blocks[-1] = Table(blocks[-1].rows + table.rows)
                else:
                    blocks.append(table)
                table_open = False
            carried = (previous, right) if previous is not None else None
    _close(open_paragraph, blocks)
    if chars == 0:
        raise NoTextLayer(path.name)
    return Document(path.name, tuple(blocks), render_text(blocks))


def _first_word(line: dict) -> float:
    """Width of what had to move to this line together: its first character and those tied to it."""
    chars = [c for c in line["chars"] if c["text"].strip()]
    if not chars:
        return 0.0
    end = 1
    while end < len(chars):
        before, char = chars[end - 1]["text"], chars[end]["text"]
        # Quotation marks glue to both sides (UAX 14, LB19): 省“333”工程 breaks as one piece; a run of
        # Latin letters or digits is one word.
        tied = char in _NO_BREAK_BEFORE or char in _QUOTES or before in _QUOTES or before in _NO_BREAK_AFTER \
            or (before.isascii() and before.isalnum() and char.isascii())
        if not tied:
            break
        end += 1
    return chars[end - 1]["x1"] - chars[0]["x0"]


def _wrapped(previous: dict, line: dict, right: float) -> bool:
    """Did ``line`` continue ``previous`` (its first word would not have fitted after it)?"""
    return previous["x1"] + _first_word(line) > right - SLACK


def _close(lines: list[str], blocks: list[Block]) -> None:
    if lines:
        blocks.append(Paragraph("".join(lines)))
        lines.clear()


def _inside(obj: dict, box: tuple) -> bool:
    x0, top, x1, bottom = box
    mid_x = (obj["x0"] + obj["x1"]) / 2
    mid_y = (obj["top"] + obj["bottom"]) / 2
    return x0 <= mid_x <= x1 and top <= mid_y <= bottom


def _table(page, table) -> Table:
    columns = sorted({round(cell[0], 1) for row in table.rows for cell in row.cells if cell})
    rows: list[tuple[Cell, ...]] = []
    for row in table.rows:
        present = [cell for cell in row.cells if cell]
        cells: list[Cell] = []
        for x in columns:
            own = next((c for c in present if abs(c[0] - x) < 0.5), None)
            if own is not None:
                cells.append(_cell_text(page, own))
            elif any(c[0] < x < c[2] - 0.5 for c in present):
                continue  # covered by a cell spanning columns
            else:
                cells.append(None)
        rows.append(tuple(cells))
    return Table(tuple(rows))


def _cell_text(page, box: tuple) -> str:
    """The lines of a cell; a wrapped line joins the one before, except where both are values
    (a cell of figures, one per sub-item) or the line opens a sub-item (其中：…)."""
    lines = page.crop(box).extract_text_lines(return_chars=True)
    right = max((line["x1"] for line in lines), default=box[2])
    out: list[str] = []
    for k, line in enumerate(lines):
        text = line["text"].strip()
        if k and _wrapped(lines[k - 1], line, right) and not text.startswith("其中") \
                and not (is_written_value(out[-1]) and is_written_value(text)):
            out[-1] += text
        else:
            out.append(text)
    return "\n".join(out)

