"""Read plain text (.txt, .md) into a :class:`Document`.

Two shapes are met in practice:

* text copied from a web page: one paragraph a line; a table arrives one cell a line, each
  cell after a tab, a blank line closing each row (a lone tab is a cell merged with the one
  above; a full-width space alone is an empty cell);
* text extracted from a PDF: lines cut at the page width, with blank lines between them; the
  last line of a paragraph or table cell ends with a space. Lines are joined back into
  paragraphs at those spaces.
"""

from __future__ import annotations

import re

from generator.plan_import.document import Block, Cell, Document, Paragraph, Table, is_page_mark

# Share of lines ending in whitespace above which the text is taken for a PDF extract.
WRAPPED_SHARE = 0.10
# A 专栏 box may sit in the middle of a paragraph cut by a page; its opening line starts afresh.
_OPENS_PARAGRAPH = re.compile(r"^\s*专栏\s*\d{1,2}\s*[:：]")


def read_text(text: str, name: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    body = [line for line in lines if line.strip() and not line.startswith("\t")]
    wrapped = bool(body) and sum(1 for line in body if re.search(r"\s$", line)) >= WRAPPED_SHARE * len(body)
    blocks: list[Block] = []
    at = 0
    pending: list[str] = []  # lines of a wrapped paragraph not yet closed

    def close_paragraph() -> None:
        joined = "".join(part.strip() for part in pending)
        pending.clear()
        if joined and not is_page_mark(joined):
            blocks.append(Paragraph(joined))

    while at < len(lines):
        line = lines[at]
        if line.startswith("\t"):
            close_paragraph()
            table, at = _read_table(lines, at)
            blocks.append(table)
            continue
        at += 1
        if not line.strip():
            continue
        if not wrapped:
            if not is_page_mark(line):
                blocks.append(Paragraph(line.strip()))
            continue
        if _OPENS_PARAGRAPH.match(line):
            close_paragraph()
        pending.append(line)
        if re.search(r"\s$", line) or is_page_mark(line):
            close_paragraph()
    close_paragraph()
    return Document(name, tuple(blocks), text)


def _cell(content: str) -> Cell:
    return None if content == "" else content.strip()


def _read_table(lines: list[str], at: int) -> tuple[Table, int]:
    """Read tab-separated cells from ``at``; return the table and the first line after it."""
    rows: list[tuple[Cell, ...]] = []
    row: list[Cell] = []
    while at < len(lines):
        line = lines[at]
        if line.startswith("\t"):
            row.append(_cell(line[1:]))
            at += 1
            continue
        blanks = 0
        while at + blanks < len(lines) and not lines[at + blanks].strip() and not lines[at + blanks].startswith("\t"):
            blanks += 1
        after = at + blanks
        if after >= len(lines) or (blanks >= 2 and not lines[after].startswith("\t")):
            break
        if lines[after].startswith("\t"):
            if blanks:
                rows.append(tuple(row))
                row = []
            at = after
            continue
        # A line without a tab continues the last cell (a cell of several lines).
        if not row:
            break
        extra = lines[after].strip()
        row[-1] = f"{row[-1]}\n{extra}" if row[-1] else extra
        at = after + 1
    if row:
        rows.append(tuple(row))
    return Table(tuple(rows)), at
