"""Read the yearly data files (``data/<plan>/*.csv`` and ``*.xlsx``) into tables of located rows.

Reading knows nothing of what a column means. A cell is kept as written — text trimmed, Excel
numbers and dates as they are — together with the file, sheet and row a person sees, so that the
rules in :mod:`generator.load.rows` can name the exact cell of every problem. The three
kinds of table and their columns (the data format) are at the end of this module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

from generator.model.problems import Problem, shorten
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


def read_tables(path: Path, shown: str) -> tuple[list[Table], list[Problem]]:
    """Every table of a data file, or the problems that stop it being read."""
    sample = path.name.startswith(SAMPLE_PREFIX)
    if path.suffix.lower() == ".csv":
        return read_csv(path, shown, sample)
    return read_xlsx(path, shown, sample)


def _trimmed(value: Cell) -> Cell:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _table(rows: list[Row], file: str, sheet: str | None, sample: bool) -> tuple[Table | None, list[Problem]]:
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
            rows.append(Row(number, tuple(_trimmed(c) for c in record)))
    except csv.Error as error:
        return [], [Problem("bad-csv", "CSV 文件格式有误（多半是引号没有配对）", shown, row=len(rows) + 1,
                            found=str(error), expected="用 Excel 打开后重新“另存为”CSV")]
    table, problems = _table(rows, shown, None, sample)
    if table is None and not problems:
        problems = [Problem("empty-file", "文件是空的", shown, expected="第 1 行为表头，以下每行一条数据；不用的文件请删除")]
    return ([table] if table else []), problems


# Excel ----------------------------------------------------------------------------------------

# What a workbook may cost before it is opened: a data workbook of a plan is a few hundred KB. A zip
# that unpacks to far more ("zip bomb": 2 MB → 2 GB), or a sheet of a million rows, is refused early.
MAX_WORKBOOK_BYTES = 50 * 1024 ** 2  # the file on disk
MAX_UNPACKED_BYTES = 50 * 1024 ** 2  # all its parts, unpacked (a plan's data workbook: a few MB)
MAX_RATIO = 100  # unpacked / packed for a part over 1 MB; sheet XML packs 5–30 times
MAX_ROWS = 20_000  # rows with content in one sheet; a plan's yearly figures are a few thousand at most


class _CellParser(WorkSheetParser):
    """openpyxl's streaming sheet parser, noting which cells hold a formula: with data_only it reads a
    formula's cached result, and a formula saved without one (by a script, not by Excel) reads as blank."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        cell["formula"] = element.find(FORMULA_TAG) is not None
        return cell


def _cell_value(cell) -> Cell:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        # Excel turns a typed "99.2%" into 0.992 shown as a percentage: keep what the person sees.
        return f"{number_text(round(value * 100, 10))}%"
    return _trimmed(value)


def _merged_range(merges: list[CellRange], row: int, column: int) -> str | None:
    """The merge hiding a cell (any but its top-left one): it reads as blank."""
    for merged in merges:
        if (merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col
                and (row, column) != (merged.min_row, merged.min_col)):
            return merged.coord
    return None


def _sheet_rows(sheet: ReadOnlyWorksheet, shown: str) -> tuple[list[Row], list[Problem]]:
    """Row 1 and every row that has cells, streamed (the sheet is never held whole), at most MAX_ROWS.
    Only the cells the file holds are visited: one stray cell at XFD1048576 must not make us walk
    seventeen billion empty ones."""
    book = sheet.parent
    parser = _CellParser(sheet._get_source(), sheet._shared_strings, data_only=True, epoch=book.epoch,
                         date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
    by_row: dict[int, dict[int, object]] = {1: {}}
    problems: list[Problem] = []
    try:
        for number, cells in parser.parse():
            cells = [c for c in cells if c["value"] is not None or c["formula"]]
            if not cells:
                continue
            if number not in by_row and len(by_row) >= MAX_ROWS:
                return [], [Problem("too-many-rows", f"工作表的行数太多（超过 {MAX_ROWS} 行），不像是一份年度数据", shown,
                                    sheet=sheet.title, row=number, found=f"第 {number} 行仍有内容",
                                    expected="每个指标、地区、年份一行；多余的行删去，或把数据分到几个文件中")]
            for cell in cells:
                if cell["formula"] and cell["value"] is None:
                    letter = get_column_letter(cell["column"])
                    problems.append(Problem("formula-without-value", "这一格是公式，但文件中没有保存计算结果", shown,
                                            f"{letter} 列", sheet=sheet.title, row=number,
                                            found=f"{letter}{number} 是公式", expected="在 Excel 中打开后保存一次，或把公式改成数值"))
                by_row.setdefault(number, {})[cell["column"]] = ReadOnlyCell(sheet, cell["row"], cell["column"], cell["value"],
                                                                              cell["data_type"], cell["style_id"])
    finally:
        parser.source.close()
    merges = [CellRange(m.ref) for m in parser.merged_cells.mergeCell] if parser.merged_cells else []
    widest = max((max(cells, default=0) for cells in by_row.values()), default=0)
    rows = []
    # Numbered from A1, not from the first cell with content: row and column numbers are the ones a person sees.
    for number in sorted(by_row):
        cells = by_row[number]
        width = widest if number == 1 else max(cells, default=0)  # the header spans every column with content
        values = tuple(_cell_value(cells[c]) if c in cells else None for c in range(1, width + 1))
        merged = tuple(_merged_range(merges, number, c) for c in range(1, width + 1)) if merges else ()
        rows.append(Row(number, values, merged))
    return rows, problems


def column_name(table: Table, index: int) -> str:
    """How a person finds a column without a header: "F 列" in Excel, "第 6 列" in a CSV."""
    return f"{get_column_letter(index + 1)} 列" if table.sheet is not None else f"第 {index + 1} 列"


def _bomb(data: bytes, shown: str) -> Problem | None:
    """A workbook that would unpack to far more than any data workbook, checked before it is opened."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None  # not a zip: openpyxl's error below says it is no workbook
    unpacked = sum(part.file_size for part in parts)
    packed = [part for part in parts if part.file_size > 1024 ** 2 and part.file_size > MAX_RATIO * max(part.compress_size, 1)]
    if unpacked <= MAX_UNPACKED_BYTES and not packed:
        return None
    return Problem("workbook-too-large", "工作簿解压后大得不合常理，为安全起见不打开", shown,
                   found=f"解压后共 {unpacked / 1024 ** 2:,.0f} MB" + (f"，其中 {packed[0].filename} 压缩了 "
                                                                        f"{packed[0].file_size // max(packed[0].compress_size, 1)} 倍" if packed else ""),
                   expected="一份普通的数据工作簿（几 MB 以内）：在 Excel 中只保留数据表后另存为 .xlsx")


def read_xlsx(path: Path, shown: str, sample: bool = False) -> tuple[list[Table], list[Problem]]:
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # reading reports it
    if size > MAX_WORKBOOK_BYTES:
        return [], [Problem("workbook-too-large", "工作簿文件太大，不像是一份年度数据", shown,
                            found=f"{size / 1024 ** 2:,.0f} MB", expected=f"{MAX_WORKBOOK_BYTES // 1024 ** 2} MB 以内")]
    data, problem = read_bytes(path, shown)
    if problem or (problem := _bomb(data, shown)):
        return [], [problem]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about Excel features it does not read
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # a damaged file fails in many ways (zip, XML, missing parts)
        return [], [Problem("not-a-workbook", "文件不是有效的 Excel 工作簿（.xlsx），无法打开", shown,
                            found=shorten(f"{type(error).__name__}: {error}"),
                            expected="用 Excel 打开后“另存为”Excel 工作簿（.xlsx）；旧版 .xls 也要另存为 .xlsx")]
    tables: list[Table] = []
    problems: list[Problem] = []
    try:
        for sheet in workbook.worksheets:
            if sheet.title.strip() == NOTES_SHEET:
                continue
            if sheet.sheet_state != "visible":
                # Rows nobody sees in Excel must not be published unseen.
                how = "深度隐藏（只能用 VBA 取消）" if sheet.sheet_state == "veryHidden" else "隐藏"
                problems.append(Problem("hidden-sheet", f"工作表是{how}的：看不见的数据不会发布", shown, sheet=sheet.title,
                                        found=f"工作表“{sheet.title}”处于{how}状态",
                                        expected="在 Excel 中取消隐藏并核对；不需要的工作表请删除"))
                continue
            rows, found = _sheet_rows(sheet, shown)
            problems += found
            if found:
                continue
            # A blank sheet (Excel's Sheet2, Sheet3) is skipped; a sheet with content must have a header.
            table, found = _table(rows, shown, sheet.title, sample)
            problems += found
            tables += [table] if table else []
    except Exception as error:  # damaged sheet XML found while streaming
        return [], [Problem("not-a-workbook", "工作簿中的工作表已损坏，无法读取", shown,
                            found=shorten(f"{type(error).__name__}: {error}"),
                            expected="用 Excel 打开后“另存为”Excel 工作簿（.xlsx）")]
    finally:
        workbook.close()
    if not tables and not problems:
        problems.append(Problem("empty-file", "工作簿中没有数据表（除“说明”外的工作表都是空的）", shown,
                                expected="第 1 行为表头，以下每行一条数据；不用的文件请删除"))
    return tables, problems


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
