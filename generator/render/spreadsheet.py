"""Cells written into spreadsheets (the CSV and XLSX downloads, the fill-in workbook) never run.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to
Excel when it opens a CSV (OWASP "CSV injection": ``=HYPERLINK(…)``, ``=cmd|' /C calc'!A0``), and
becomes one in a workbook as soon as someone edits the cell or copies it into another sheet. One rule
for every download, CSV and XLSX alike (:func:`download_text`): such text gets a leading ``'``; a plain
number written as text ("-0.5") is left alone, since Excel reads it as the number it is. In an XLSX
file every text is also written as a string cell, never as a formula; numbers stay numbers. The
fill-in workbook, read back by the loader, keeps its texts exactly (string cells only).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is loaded only where a workbook is written
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")


def download_text(text: str) -> str:
    """A text cell for a download (CSV or XLSX): a formula-like start is neutralised with a leading '."""
    if text.startswith(FORMULA_START) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def append_row(sheet: Worksheet, values: list) -> None:
    """Append a row to a worksheet; text cells are strings even when they start with "=" (openpyxl
    would otherwise store them as formulas)."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def write_only_row(sheet, values: list) -> list:
    """A download's row for a write-only (streamed) sheet: text cells neutralised (:func:`download_text`)
    and typed as strings before they are written."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value=download_text(value))
            cell.data_type = "s"
            cells.append(cell)
        else:
            cells.append(value)
    return cells
