"""Read plain text (.txt, .md) into a :class:`Document`.

Two shapes are met in practice:

* text copied from a web page: one paragraph a line; a table arrives one cell a line, each
  cell after a tab, a blank line closing each row (a lone tab is a cell merged with the one
  above; a full-width space alone is an empty cell);
* text extracted from a PDF: lines cut at the page width, with blank lines between them; the
  last line of a paragraph or table cell ends with a space. Lines are joined back into
  paragraphs at those spaces;
* a table copied from some web pages: one cell a line, each ending with `` |`` (a row is as many
  cells as the header has, the header ending where the first row number comes), or a Markdown
  table, one row a line: ``| 序号 | 任务 | 责任单位 |``.
"""

from __future__ import annotations

import re

from generator.plan_import.document import Block, Cell, Document, Paragraph, Table, is_page_mark

# Share of lines ending in whitespace above which the text is taken for a PDF extract.
WRAPPED_SHARE = 0.10
PAGE_LINE = 80  # characters: longer than any line of a page
LONG_SHARE = 0.20
SHORT_LINE = 0.8  # a line this much shorter than the page width ends its paragraph
# A 专栏 box may sit in the middle of a paragraph cut by a page; its opening line starts afresh.
_OPENS_PARAGRAPH = re.compile(r"^\s*专栏\s*\d{1,2}\s*[:：]")
# A numbered point after a sentence that ended: a new paragraph even where no trailing space says so.
_NUMBERED_START = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]+、)")


def read_text(text: str, name: str) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    body = [line for line in lines if line.strip() and not line.startswith("\t")]
    wrapped = bool(body) and sum(1 for line in body if re.search(r"\s$", line)) >= WRAPPED_SHARE * len(body)
    # Lines cut at a page width are short; a text with many long lines is one paragraph a line.
    wrapped = wrapped and sum(1 for line in body if len(line.strip()) > PAGE_LINE) < LONG_SHARE * len(body)
    lengths = sorted(len(line.strip()) for line in body if len(line.strip()) >= 10)
    width = lengths[len(lengths) // 2] if lengths else 0  # the page width, in characters: most lines fill it
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
        if _PIPE_CELL.match(line) and (piped := _read_piped(lines, at)) is not None:
            close_paragraph()
            table, at = piped
            blocks.append(table)
            continue
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
        if _OPENS_PARAGRAPH.match(line) or (_NUMBERED_START.match(line) and pending
                                            and re.search(r"[。；;：:！？）)]\s*$", pending[-1])):
            close_paragraph()
        pending.append(line)
        if re.search(r"\s$", line) or is_page_mark(line) or (
                len(line.strip()) < SHORT_LINE * width and _NUMBERED_START.match(_next_text(lines, at))):
            close_paragraph()
    close_paragraph()
    return Document(name, tuple(blocks), text)


_PIPE_CELL = re.compile(r"^\s*\S.*\s\|\s*$|^\s*\|.*\|\s*$")
_ROW_NUMBER = re.compile(r"^\d{1,3}$")
MIN_PIPED = 3  # lines ending in "|" before they are taken for a table


def _read_piped(lines: list[str], at: int) -> tuple[Table, int] | None:
    run: list[str] = []
    end = at
    while end < len(lines) and (_PIPE_CELL.match(lines[end]) or (not lines[end].strip() and run)):
        if lines[end].strip():
            run.append(lines[end].strip())
        end += 1
    if len(run) < MIN_PIPED:
        return None
    if all(line.startswith("|") for line in run):  # Markdown: one row a line
        rows = [tuple(c.strip() for c in line.strip("|").split("|")) for line in run
                if not re.fullmatch(r"[|:\-\s]+", line)]
        return Table(tuple(rows)), end
    cells = [line.removesuffix("|").strip() for line in run]
    width = next((k for k, cell in enumerate(cells) if k >= 2 and _ROW_NUMBER.match(cell)), len(cells))
    rows = [tuple(cells[k:k + width]) for k in range(0, len(cells), width)]
    return Table(tuple(rows)), end


def _next_text(lines: list[str], at: int) -> str:
    return next((line for line in lines[at:] if line.strip()), "")


def _cell(content: str) -> Cell:
    return None if content == "" else content.strip()


def _read_table(lines: list[str], at: int) -> tuple[Table, int]:
    """Read tab-separated cells from ``at``; return the table and the first line after it."""
    rows: list[tuple[Cell, ...]] = []
    row: list[Cell] = []
    while at < len(lines):
        line = lines[at]
        if _PIPE_CELL.match(line) and _read_piped(lines, at) is not None:
            break  # a piped table starts: the tab-separated one ends here
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
