"""The one place that reaches into openpyxl's private parts: its streaming sheet parser.

openpyxl's public read-only API visits every cell of a sheet's dimensions (one stray cell at
XFD1048576 means seventeen billion empty ones) and, with ``data_only``, cannot tell a formula
saved without its result from a blank cell. Its parser (``openpyxl.worksheet._reader``) visits
only the cells the file holds and sees the formula. These names are not promised between
versions, so they are used here only, for the version pinned in pyproject.toml;
tests/test_xlsx_stream.py fails loudly on any other.
"""

from __future__ import annotations

from typing import Iterator

from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser
from openpyxl.worksheet.cell_range import CellRange

OPENPYXL_VERSION = "3.1.5"  # the version whose private parts this module was written against


class _CellParser(WorkSheetParser):
    """The streaming parser, noting which cells hold a formula: with data_only it reads a formula's
    cached result, and a formula saved without one (by a script, not by Excel) reads as blank."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        cell["formula"] = element.find(FORMULA_TAG) is not None
        return cell


class SheetStream:
    """The cells a sheet's XML holds, row by row, never the sheet whole; then its merged ranges."""

    def __init__(self, sheet: ReadOnlyWorksheet) -> None:
        book = sheet.parent
        self.sheet = sheet
        self._parser = _CellParser(sheet._get_source(), sheet._shared_strings, data_only=True, epoch=book.epoch,
                                   date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)

    def rows(self) -> Iterator[tuple[int, list[dict]]]:
        """(row number, cells): each cell a dict with row, column, value, data_type, style_id and formula."""
        try:
            yield from self._parser.parse()
        finally:
            self._parser.source.close()

    def merges(self) -> list[CellRange]:
        """The sheet's merged ranges (known once rows() has been read to the end)."""
        merged = self._parser.merged_cells
        return [CellRange(m.ref) for m in merged.mergeCell] if merged else []

    def cell(self, cell: dict) -> ReadOnlyCell:
        """A cell as openpyxl reads it (its number format gives percentages and dates)."""
        return ReadOnlyCell(self.sheet, cell["row"], cell["column"], cell["value"], cell["data_type"], cell["style_id"])
