"""Read the yearly data files (``data/<plan>/*.csv``, and ``*.xlsx`` through :mod:`generator.load.xlsx`)
into tables of located rows.

Reading knows nothing of what a column means. A cell is kept as written — text trimmed, Excel
numbers and dates as they are — together with the file, sheet and row a person sees, so that the
rules in :mod:`generator.load.rows` can name the exact cell of every problem. The three
kinds of table and their columns (the data format) are at the end of this module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from generator.model.problems import Problem
from generator.load.files import read_bytes
from generator.model.figures import Where

DATA_SUFFIXES = (".csv", ".xlsx")
NOTES_SHEET = "说明"  # the fill-in workbook's instructions: never data
SAMPLE_PREFIX = "示例数据"  # a file whose name starts so holds sample rows only
ENCODINGS = ("utf-8-sig", "gb18030")  # Excel "CSV UTF-8" (with BOM) or plain UTF-8; Excel on Chinese Windows

Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | None


@dataclass(frozen=True)
class Row:
    """One spreadsheet row: its number as a person sees it (header = 1) and its cells by position."""

    number: int
    cells: tuple[Cell, ...]
    merged: tuple[str | None, ...] = ()  # per cell: the merged range hiding it ("B2:B3"), if any

    def cell(self, index: int) -> Cell:
        return self.cells[index] if index < len(self.cells) else None

    def merged_range(self, index: int) -> str | None:
        return self.merged[index] if index < len(self.merged) else None

    @property
    def is_blank(self) -> bool:
        return all(c is None for c in self.cells)


@dataclass(frozen=True)
class Table:
    """A CSV file or one worksheet: the header row and the non-blank rows below it."""

    file: str  # shown to staff: relative to the project folder
    sheet: str | None  # None for a CSV file
    header: tuple[str | None, ...]
    rows: tuple[Row, ...]
    sample: bool = False  # the file name starts with 示例数据

    def where(self, row: Row) -> Where:
        return Where(self.file, self.sheet, row.number)


def is_ignored(path: Path) -> bool:
    """Hidden files, Excel's lock files (~$…) and READMEs sit in data folders without being data."""
    return path.name.startswith((".", "~$")) or path.name.lower() == "readme.md"


def is_data_file(path: Path) -> bool:
    """Named as a data file: a file, or a link (whether it may be read is checked next, see files.py)."""
    return not path.is_dir() and path.suffix.lower() in DATA_SUFFIXES


def number_text(value: float) -> str:
    """2022.0 → "2022", 99.2 → "99.2", 0.1 + 0.2 → "0.3": a number as a person would write it."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return format(value, ".15g") if isinstance(value, float) else str(value)


def trimmed(value: Cell) -> Cell:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def table_of(rows: list[Row], file: str, sheet: str | None, sample: bool) -> tuple[Table | None, list[Problem]]:
    """The header is row 1; a table with content but a blank first row has no header."""
    if all(row.is_blank for row in rows):
        return None, []
    if rows[0].is_blank:
        first = next(row for row in rows if not row.is_blank)
        return None, [Problem("no-header", "第 1 行是空的：表头（列名）应写在第 1 行", file, sheet=sheet, row=1,
                              found=f"第 {first.number} 行才有内容",
                              expected="第 1 行写列名，如：指标编号、年份、地区、数值")]
    body = tuple(row for row in rows[1:] if not row.is_blank)
    header = tuple(None if c is None else str(c) if not isinstance(c, float) else number_text(c) for c in rows[0].cells)
    return Table(file, sheet, header, body, sample), []


# CSV ------------------------------------------------------------------------------------------

def _decode(data: bytes, shown: str) -> tuple[str | None, Problem | None]:
    errors: list[UnicodeDecodeError] = []
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding, errors="strict"), None
        except UnicodeDecodeError as error:
            errors.append(error)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode 文本" and Notepad's "Unicode"
        return None, Problem("bad-encoding", "文件是 UTF-16（“Unicode”）编码，无法读取", shown, row=1,
                             found=f"文件开头的字节 {data[:2].hex(' ').upper()}（UTF-16 的标记）",
                             expected="用 Excel“另存为”“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）")
    # The encoding that read furthest is the one the file was meant to be in.
    error = max(errors, key=lambda e: e.start)
    row = data[: error.start].count(b"\n") + 1
    bad = data[error.start: error.end].hex(" ").upper()
    return None, Problem("bad-encoding", f"文件编码无法识别：第 {error.start + 1} 个字节起的内容既不是 UTF-8 也不是 GB18030 编码",
                         shown, row=row, found=f"字节 {bad}",
                         expected="用 Excel“另存为”“CSV UTF-8（逗号分隔）”或 Excel 工作簿（.xlsx）")


def read_csv(path: Path, shown: str, sample: bool = False) -> tuple[list[Table], list[Problem]]:
    data, problem = read_bytes(path, shown)
    if problem:
        return [], [problem]
    text, problem = _decode(data, shown)
    if problem:
        return [], [problem]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
    try:
        for number, record in enumerate(reader, 1):
            rows.append(Row(number, tuple(trimmed(c) for c in record)))
    except csv.Error as error:
        return [], [Problem("bad-csv", "CSV 文件格式有误（多半是引号没有配对）", shown, row=len(rows) + 1,
                            found=str(error), expected="用 Excel 打开后重新“另存为”CSV")]
    table, problems = table_of(rows, shown, None, sample)
    if table is None and not problems:
        problems = [Problem("empty-file", "文件是空的", shown, expected="第 1 行为表头，以下每行一条数据；不用的文件请删除")]
    return ([table] if table else []), problems


def column_name(table: Table, index: int) -> str:
    """How a person finds a column without a header: "F 列" in Excel, "第 6 列" in a CSV."""
    if table.sheet is None:
        return f"第 {index + 1} 列"
    from openpyxl.utils import get_column_letter  # openpyxl is loaded only where a workbook is read

    return f"{get_column_letter(index + 1)} 列"


# The format -----------------------------------------------------------------------------------

SPENT = "实际支出（万元）"
DOCUMENT = "佐证文件"  # a yes/no target's proof: the document (文号 or title)
COUNT = "数量"  # … or a count


@dataclass(frozen=True)
class TableKind:
    """One kind of data table, recognised by its id column."""

    kind: str  # "figure" | "milestone" | "task" | "goal"
    title: str  # for messages
    id_column: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    reference: tuple[str, ...]  # shown to staff for reference; ignored when loading

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.required, *self.optional, *self.reference)


FIGURES = TableKind("figure", "指标数据表", "指标编号", ("指标编号", "年份", "数值"), ("地区", "说明", "来源", "口径变化"),
                    ("指标名称", "单位", "属性", "上年数值", "规划目标"))
MILESTONES = TableKind("milestone", "专栏事项进展表", "事项编号", ("事项编号", "年份", "状态"), ("进展情况",),
                       ("专栏", "计划年份", "事项内容"))
TASKS = TableKind("task", "任务进展表", "任务编号", ("任务编号", "年份", "状态"), ("进展情况", SPENT),
                  ("重点任务", "主要工作", "责任单位", "完成时限", "资金预算"))
GOALS = TableKind("goal", "目标进展表", "目标编号", ("目标编号", "年份", "状态"), ("进展情况", DOCUMENT, COUNT),
                  ("目标", "类型", "完成年份", "责任单位"))
KINDS = (FIGURES, MILESTONES, TASKS, GOALS)
