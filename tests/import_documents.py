"""Build a Word document and a PDF from the paragraphs and tables of a plan's text, as staff
would receive them: tables as genuine Word / HTML tables with merged cells.

A row shorter than the widest row starts with a cell spanning the missing columns; a row
whose cells after the first are all merged-from-above (a group heading such as
“一、国际通用类指标”) is one cell across the table; any other ``None`` cell continues the
cell above it (a vertical merge).
"""

from __future__ import annotations

import html
from pathlib import Path

from docx import Document as new_docx

from generator.plan_import.document import Document, Paragraph, Table


def _layout(table: Table) -> tuple[int, list[list[tuple[int, int, str | None]]]]:
    """Grid width, and per row the cells as (first column, span, text); text None = merged from above."""
    width = max(len(row) for row in table.rows)
    grid = []
    for row in table.rows:
        if len(row) > 1 and row[0] is not None and all(cell is None for cell in row[1:]):
            grid.append([(0, width, row[0])])
            continue
        span = width - len(row) + 1
        cells = [(0, span, row[0])]
        cells += [(span + k, 1, cell) for k, cell in enumerate(row[1:])]
        grid.append(cells)
    return width, grid


def write_docx(document: Document, path: Path) -> None:
    word = new_docx()
    for block in document.blocks:
        if isinstance(block, Paragraph):
            word.add_paragraph(block.text)
            continue
        width, grid = _layout(block)
        table = word.add_table(rows=len(grid), cols=width)
        table.style = "Table Grid"
        for r, cells in enumerate(grid):
            for column, span, text in cells:
                cell = table.cell(r, column)
                if span > 1:
                    cell = cell.merge(table.cell(r, column + span - 1))
                if text is None:
                    continue
                lines = text.split("\n") if text else [""]
                cell.text = lines[0]
                for line in lines[1:]:
                    cell.add_paragraph(line)
        # Each run of cells merged from above becomes one merge, from the cell that starts it.
        bottom: dict[tuple[int, int], tuple[int, int]] = {}  # (top row, column) → (last row, span)
        for r, cells in enumerate(grid):
            for column, span, text in cells:
                if text is None and r > 0:
                    top = r - 1
                    while top > 0 and any(c == column and t is None for c, _, t in grid[top]):
                        top -= 1
                    # Only a block of one width can be merged; a cell under a wider one stays empty.
                    if any(c == column and s == span for c, s, _ in grid[top]):
                        bottom[(top, column)] = (r, span)
        for (top, column), (last, span) in bottom.items():
            table.cell(top, column).merge(table.cell(last, column + span - 1))
    word.save(str(path))


def write_pdf(document: Document, path: Path) -> None:
    from weasyprint import HTML  # here: importing WeasyPrint costs every test run that only needs Word files

    parts = ["<html><head><meta charset='utf-8'><style>",
             "@page { size: A4; margin: 15mm } body { font-family: 'Noto Sans CJK SC'; font-size: 10pt; text-align: left }",
             "p { margin: 0 0 6pt 0 } table { border-collapse: collapse; margin: 6pt 0 }",
             "td { border: 0.75pt solid black; padding: 2pt 4pt; vertical-align: top }",
             "</style></head><body>"]
    for block in document.blocks:
        if isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
            continue
        width, grid = _layout(block)
        parts.append("<table>")
        for r, cells in enumerate(grid):
            parts.append("<tr>")
            for column, span, text in cells:
                if text is None:
                    continue
                rows = 1
                while r + rows < len(grid) and any(c == column and t is None for c, _, t in grid[r + rows]):
                    rows += 1
                body = "<br>".join(html.escape(line) for line in text.split("\n"))
                parts.append(f"<td colspan='{span}' rowspan='{rows}'>{body}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    HTML(string="".join(parts)).write_pdf(str(path))
