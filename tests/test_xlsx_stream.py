"""The adapter over openpyxl's private streaming parser: it holds for the pinned openpyxl, and says so
loudly when another version is installed (its private names may have changed)."""

import io
import re
from pathlib import Path

import openpyxl

from generator.load.xlsx_stream import OPENPYXL_VERSION, SheetStream

ROOT = Path(__file__).resolve().parents[1]


def test_the_installed_openpyxl_is_the_one_the_adapter_was_written_for():
    pinned = re.search(r'"openpyxl==([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8")).group(1)
    assert pinned == OPENPYXL_VERSION, "pyproject.toml pins another openpyxl: check generator/load/xlsx_stream.py against it"
    assert openpyxl.__version__ == OPENPYXL_VERSION, (
        f"openpyxl {openpyxl.__version__} is installed; generator/load/xlsx_stream.py uses the private parser of "
        f"{OPENPYXL_VERSION}: check it against the new version (tests/test_data_loading.py's workbook cases), then update")


def test_the_stream_gives_the_cells_the_file_holds_with_formulas_and_merges():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["B1"], sheet["C1"] = "指标编号", "数值", "说明"
    sheet["A2"], sheet["B2"] = "preschool-enrolment", 0.992
    sheet["B2"].number_format = "0.0%"
    sheet["B3"] = "=B2*2"  # saved by a script: no cached result
    sheet["A5"] = "甲"
    sheet.merge_cells("A5:A6")
    sheet["XFD9"] = "远处的一格"
    data = io.BytesIO()
    book.save(data)
    stream = SheetStream(openpyxl.load_workbook(io.BytesIO(data.getvalue()), read_only=True, data_only=True).active)
    rows = {number: cells for number, cells in stream.rows()}
    held = {(c["row"], c["column"]): c for cells in rows.values() for c in cells if c["value"] is not None or c["formula"]}
    assert set(held) == {(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (3, 2), (5, 1), (9, 16384)}
    assert held[(3, 2)]["formula"] and held[(3, 2)]["value"] is None
    assert not held[(2, 2)]["formula"] and held[(2, 2)]["value"] == 0.992
    assert stream.cell(held[(2, 2)]).number_format == "0.0%"
    assert [m.coord for m in stream.merges()] == ["A5:A6"]
