"""Read an Excel workbook (``.xlsx``) of yearly data into tables of located rows, streamed and within
limits (a zip bomb, a million rows or a hidden sheet is refused with a located problem). Kept apart
from :mod:`generator.load.tables` so that openpyxl is loaded only when a workbook is read."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from generator.load.files import read_bytes
from generator.load.tables import NOTES_SHEET, Cell, Row, Table, number_text, table_of, trimmed
from generator.load.xlsx_stream import SheetStream
from generator.model.problems import Problem, shorten

# What a workbook may cost before it is opened: a data workbook of a plan is a few hundred KB. A zip
# that unpacks to far more ("zip bomb": 2 MB → 2 GB), or a sheet of a million rows, is refused early.
MAX_WORKBOOK_BYTES = 50 * 1024 ** 2  # the file on disk
MAX_UNPACKED_BYTES = 50 * 1024 ** 2  # all its parts, unpacked (a plan's data workbook: a few MB)
MAX_RATIO = 100  # unpacked / packed for a part over 1 MB; sheet XML packs 5–30 times
MAX_ROWS = 20_000  # rows with content in one sheet; a plan's yearly figures are a few thousand at most


def _cell_value(cell) -> Cell:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in (cell.number_format or ""):
        # Excel turns a typed "99.2%" into 0.992 shown as a percentage: keep what the person sees.
        return f"{number_text(round(value * 100, 10))}%"
    return trimmed(value)


def _merged_range(merges: list[CellRange], row: int, column: int) -> str | None:
    """The merge hiding a cell (any but its top-left one): it reads as blank."""
    for merged in merges:
        if (merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col
                and (row, column) != (merged.min_row, merged.min_col)):
            return merged.coord
    return None


def _sheet_rows(sheet, shown: str) -> tuple[list[Row], list[Problem]]:
    """Row 1 and every row that has cells, streamed (the sheet is never held whole), at most MAX_ROWS.
    Only the cells the file holds are visited: one stray cell at XFD1048576 must not make us walk
    seventeen billion empty ones."""
    stream = SheetStream(sheet)
    by_row: dict[int, dict[int, object]] = {1: {}}
    problems: list[Problem] = []
    rows = stream.rows()
    try:
        for number, cells in rows:
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
                by_row.setdefault(number, {})[cell["column"]] = stream.cell(cell)
    finally:
        rows.close()
    merges = stream.merges()
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
            table, found = table_of(rows, shown, sheet.title, sample)
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


