"""Read a Word document (.docx) into a :class:`Document` with python-docx.

Body paragraphs and tables are taken in order. In a table, a cell spanning several grid
columns is read once; a cell that continues a vertical merge is ``None``.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as open_docx
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from generator.plan_import.document import Block, Cell, Document, Paragraph, Table, is_page_mark, render_text


def read_docx(path: Path) -> Document:
    word = open_docx(str(path))
    blocks: list[Block] = []
    for part in word.iter_inner_content():
        if isinstance(part, DocxParagraph):
            text = part.text.strip()
            if text and not is_page_mark(text):
                blocks.append(Paragraph(text))
        elif isinstance(part, DocxTable):
            blocks.append(_table(part))
    return Document(path.name, tuple(blocks), render_text(blocks))


def _table(table: DocxTable) -> Table:
    rows: list[tuple[Cell, ...]] = []
    for row in table.rows:
        cells: list[Cell] = []
        for tc in row._tr.tc_lst:
            if tc.vMerge == "continue":
                cells.append(None)
                continue
            cell = _Cell(tc, table)
            lines = [p.text.strip() for p in cell.paragraphs]
            cells.append("\n".join(line for line in lines if line))
        rows.append(tuple(cells))
    return Table(tuple(rows))
