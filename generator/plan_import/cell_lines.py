"""A task table copied from a web page one cell a line, without tabs or bars.

``序号`` / ``重点工作任务`` / ``主要责任单位`` / ``协同配合单位`` each on a line of its own make the
header (recognised by the role of each word, header_words.yaml); every row then starts with a
line holding only its number, and a line such as ``一、全力以赴惠民生`` followed by a number or
by another such line is a group row across the table. The table ends at the first line that is
neither. A row cut short (the end of the text, or the next number coming early) keeps its
missing cells empty.
"""

from __future__ import annotations

import re

from generator.plan_import.document import Table
from generator.plan_import.header_words import role

MAX_HEADER = 12  # characters of a header cell
MIN_HEADER = 3
_NUMBER = re.compile(r"^\d{1,3}$")
_GROUP = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[类部分项方面])\s*\S")
MAX_GROUP = 60


def _header_role(line: str) -> str | None:
    text = line.strip()
    return role("task_table", text) if text and len(text) <= MAX_HEADER else None


def _next(lines: list[str], at: int) -> int:
    """The index of the first non-blank line from ``at`` (``len(lines)`` if none)."""
    while at < len(lines) and not lines[at].strip():
        at += 1
    return at


def read_cell_lines(lines: list[str], at: int) -> tuple[Table, int] | None:
    """The table whose header starts at line ``at``, and the first line after it; None if there is none."""
    header: list[str] = []
    roles: list[str] = []
    end = at
    while end < len(lines) and (found := _header_role(lines[end])):
        header.append(lines[end].strip())
        roles.append(found)
        end = _next(lines, end + 1)
    if len(header) < MIN_HEADER or roles[0] != "number" or not {"work", "lead"} <= set(roles):
        return None
    width = len(header)
    rows: list[tuple[str, ...]] = [tuple(header)]
    at = end
    while at < len(lines):
        line = lines[at].strip()
        if _NUMBER.match(line):
            row = [line]
            at = _next(lines, at + 1)
            while len(row) < width and at < len(lines) and not _NUMBER.match(lines[at].strip()):
                row.append(lines[at].strip())
                at = _next(lines, at + 1)
            rows.append(tuple(row + [""] * (width - len(row))))
            continue
        after = _next(lines, at + 1)
        following = lines[after].strip() if after < len(lines) else ""
        if _GROUP.match(line) and len(line) <= MAX_GROUP and (_NUMBER.match(following) or _GROUP.match(following)):
            rows.append((line,) + ("",) * (width - 1))
            at = after
            continue
        break
    return (Table(tuple(rows)), at) if len(rows) > 1 else None
