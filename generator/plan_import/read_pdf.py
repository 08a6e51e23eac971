"""Read a PDF with a text layer into a :class:`Document` with pdfplumber.

Tables are found by their ruling lines; the text around them is cut into lines by the page
width, so a line that reaches the right edge continues into the next (also across a page
break) and a shorter line ends its paragraph. Inside a cell the same rule tells a wrapped
line from a cell of several lines. A table continued on the next page joins the table before.
Grid positions without a cell of their own are read as part of a cell spanning columns when a
cell of the same row covers them, else as a vertical merge (``None``).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from generator.plan_import.document import Block, Cell, Document, Paragraph, Table, is_page_mark, render_text

FULL_LINE = 1.5  # a line ending within this many character widths of the right edge is wrapped


class NoTextLayer(ValueError):
    pass


def read_pdf(path: Path) -> Document:
    blocks: list[Block] = []
    open_paragraph: list[str] = []  # lines of a paragraph that may continue on the next page
    chars = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            chars += len(page.chars)
            table_open = bool(blocks) and isinstance(blocks[-1], Table) and not open_paragraph
            tables = page.find_tables()
            boxes = [t.bbox for t in tables]
            outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
            lines = outside.extract_text_lines(return_chars=False)
            right = max((line["x1"] for line in lines), default=page.width)
            items: list[tuple[float, object]] = [(line["top"], line) for line in lines]
            items += [(t.bbox[1], t) for t in tables]
            items.sort(key=lambda pair: pair[0])
            for _, item in items:
                if isinstance(item, dict):
                    text = item["text"].strip()
                    if is_page_mark(text):
                        continue
                    table_open = False
                    open_paragraph.append(text)
                    size = item["bottom"] - item["top"]
                    if item["x1"] < right - FULL_LINE * size:
                        _close(open_paragraph, blocks)
                    continue
                _close(open_paragraph, blocks)
                table = _table(page, item)
                if table_open:  # the table of the page before, continued
                    blocks[-1] = Table(blocks[-1].rows + table.rows)
                else:
                    blocks.append(table)
                table_open = False
    _close(open_paragraph, blocks)
    if chars == 0:
        raise NoTextLayer(path.name)
    return Document(path.name, tuple(blocks), render_text(blocks))


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
    lines = page.crop(box).extract_text_lines(return_chars=False)
    out: list[str] = []
    joined = False
    for line in lines:
        text = line["text"].strip()
        if joined and out:
            out[-1] += text
        else:
            out.append(text)
        size = line["bottom"] - line["top"]
        joined = line["x1"] >= box[2] - FULL_LINE * size - 2
    return "\n".join(out)
