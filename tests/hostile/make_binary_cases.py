"""Write the hostile cases that cannot be typed in an editor: Excel workbooks, odd encodings, invisible
bytes and enormous values. Run once after changing it, and keep what it writes in the repository:

    .venv/bin/python tests/hostile/make_binary_cases.py          (--check: compare, write nothing)

The output is byte for byte the same on every run (fixed workbook properties, fixed zip timestamps, a
seeded random generator), and tests/test_hostile.py checks that the kept files are what this script
writes. The plan cases start from the canonical plan of tests/plan_fixture.py.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import sys
import zipfile
from pathlib import Path

# openpyxl serialises XML differently when lxml is installed: always its own way, for the same bytes.
os.environ["OPENPYXL_LXML"] = "False"
import openpyxl  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from plan_fixture import INDICATORS, PLAN, SOURCE  # noqa: E402

FIGURES = ["指标编号", "年份", "地区", "数值", "说明", "来源", "口径变化"]
FIGURES_CSV = ",".join(FIGURES) + "\n"
TASKS = ["任务编号", "年份", "状态", "进展情况", "实际支出（万元）"]
FIXED_TIME = dt.datetime(2023, 1, 1)


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _deterministic_zip(data: bytes) -> bytes:
    """The same workbook with every zip entry dated 1980-01-01 and a fixed "modified" property (openpyxl
    writes the time of saving), so that equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2023-01-01T00:00:00Z", content)

            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def workbook_bytes(sheets: dict[str, list[list]], merge: dict[str, str] | None = None,
                   formats: dict[str, dict[str, str]] | None = None, states: dict[str, str] | None = None) -> bytes:
    """A workbook with the given sheets (rows from A1); ``merge`` and ``formats`` by sheet and cell;
    ``states``: "hidden" or "veryHidden" by sheet. A text starting with "=" is written as a formula,
    without a saved result (as a script, not Excel, writes it)."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for number, row in enumerate(rows, 1):
            for column, value in enumerate(row, 1):
                if value is not None:
                    sheet.cell(number, column, value)
        if merge and title in merge:
            sheet.merge_cells(merge[title])
        for cell, number_format in (formats or {}).get(title, {}).items():
            sheet[cell].number_format = number_format
        if states and title in states:
            sheet.sheet_state = states[title]
    if not sheets:
        workbook.create_sheet("Sheet1")
    workbook.properties.creator = "hostile corpus"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def far_away_cell() -> bytes:
    """A good sheet plus one stray cell in the very last row and column Excel has (XFD1048576)."""
    workbook_data = workbook_bytes({"指标": [FIGURES, ["student-teacher-ratio", 2023, None, 16.5]]})
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_data))
    workbook["指标"]["XFD1048576"] = "备注"
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _deterministic_zip(buffer.getvalue())


def zip_bomb() -> bytes:
    """A good workbook with one more part: 64 MB of zeros packed into about 64 KB (ratio ~1000)."""
    out = io.BytesIO()
    good = workbook_bytes({"指标": [FIGURES, ["student-teacher-ratio", 2023, None, 16.5]]})
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        entry = zipfile.ZipInfo("xl/media/padding.bin", date_time=(1980, 1, 1, 0, 0, 0))
        entry.compress_type = zipfile.ZIP_DEFLATED
        target.writestr(entry, bytes(64 * 1024 ** 2), compresslevel=9)
    return out.getvalue()


def cases() -> dict[str, bytes]:
    """Path under tests/hostile/ → bytes."""
    huge = "1" + "0" * 400  # beyond the largest float: reads as infinity
    return {
        # Plans ----------------------------------------------------------------------------------
        "plan/19-bom-in-the-middle/plan.yaml": _replace(PLAN, "short_title:", "\ufeffshort_title:").encode("utf-8"),
        "plan/20-nul-byte/plan.yaml": _replace(PLAN, "issuer: 示例市人民政府办公室", "issuer: 示例市人民政府\x00办公室").encode("utf-8"),
        "plan/22-5000-digit-number/indicators.yaml": _replace(
            INDICATORS, "  - id: preschool-enrolment\n", "  - id: preschool-enrolment\n    number: " + "9" * 5000 + "\n"
        ).encode("utf-8"),
        "plan/23-empty-plan-yaml/plan.yaml": b"",
        "plan/32-huge-target-value/indicators.yaml": _replace(
            _replace(INDICATORS, '{year: 2025, value: "17"}', f'{{year: 2025, value: "{huge}"}}'),
            '"2．生师比 17.5 17"', f'"2．生师比 17.5 {huge}"').encode("utf-8"),
        "plan/32-huge-target-value/source.txt": _replace(SOURCE, "2．生师比 17.5 17", f"2．生师比 17.5 {huge}").encode("utf-8"),
        # Data: encodings and invisible bytes ----------------------------------------------------
        "data/40-gb18030-bad-byte/2023-指标.csv": (FIGURES_CSV + "preschool-enrolment,2023,,99.4,,,\n").encode("gb18030")
        + "student-teacher-ratio,2023,,16.5,含民办".encode("gb18030") + b"\xff\xfe" + "学校,,\n".encode("gb18030"),
        "data/41-utf16/2023-指标.csv": (FIGURES_CSV + "preschool-enrolment,2023,,99.4,,,\n").encode("utf-16"),
        "data/48-empty-csv/2023-指标.csv": b"",
        "data/49-csv-only-bom/2023-指标.csv": b"\xef\xbb\xbf",
        "data/63-nul-byte-in-csv-cell/2023-指标.csv": (FIGURES_CSV + "student-teacher-ratio,2023,,16.5,含民办\x00学校,,\n").encode("utf-8"),
        "data/64-control-character-in-id/2023-指标.csv": (FIGURES_CSV + "student-teacher-ratio\x07,2023,,16.5,,,\n").encode("utf-8"),
        # Data: enormous values ------------------------------------------------------------------
        "data/53-200-digit-percent/2023-指标.csv": (FIGURES_CSV + f"preschool-enrolment,2023,,{'9' * 200},,,\n").encode("utf-8"),
        "data/54-400-digit-number/2023-指标.csv": (FIGURES_CSV + f"student-teacher-ratio,2023,,{huge},,,\n").encode("utf-8"),
        "data/55-100000-character-note/2023-指标.csv": (
            FIGURES_CSV + f"student-teacher-ratio,2023,丙县,16.5,{'注' * 100_000},,\n").encode("utf-8"),
        "data/56-100000-character-value/2023-指标.csv": (
            FIGURES_CSV + f"student-teacher-ratio,2023,,{'很高' * 50_000},,,\n").encode("utf-8"),
        # Data: workbooks ------------------------------------------------------------------------
        "data/35-unknown-task/2023-任务.xlsx": workbook_bytes(
            {"任务": [TASKS, ["t01", 2023, "推进中", "已开工 10 所", 800], ["t99", 2023, "已完成", "", None]]}),
        "data/43-xlsx-merged-required-cells/2023-指标.xlsx": workbook_bytes(
            {"指标": [FIGURES, ["preschool-enrolment", 2023, None, 99.4], ["preschool-enrolment", 2023, "甲县", 99.0],
                      ["student-teacher-ratio", 2023, None, 16.5]]}, merge={"指标": "A2:A3"}),
        "data/44-xlsx-missing-required-column/2023-指标.xlsx": workbook_bytes(
            {"指标": [["指标编号", "地区", "数值"], ["preschool-enrolment", None, 99.4]]}),
        "data/45-xlsx-unrecognised-header/2023-指标.xlsx": workbook_bytes(
            {"Sheet1": [["名称", "2023年", "备注"], ["学前教育毛入园率", 99.4, None]]}),
        "data/46-xlsx-random-bytes/2023-指标.xlsx": random.Random(46).randbytes(2048),
        "data/47-xlsx-renamed-text-file/2023-指标.xlsx": "指标编号,年份,数值\npreschool-enrolment,2023,99.4\n".encode("utf-8"),
        "data/50-xlsx-empty-sheet-only/2023-指标.xlsx": workbook_bytes({}),
        "data/52-value-1e308-in-xlsx/2023-指标.xlsx": workbook_bytes(
            {"指标": [FIGURES, ["student-teacher-ratio", 2023, None, 1e308]]}),
        "data/57-xlsx-percent-over-100/2023-指标.xlsx": workbook_bytes(
            {"指标": [FIGURES, ["preschool-enrolment", 2023, None, 1.5]]}, formats={"指标": {"D2": "0%"}}),
        "data/58-negative-count-xlsx/2023-指标.xlsx": workbook_bytes(
            {"指标": [FIGURES, ["football-schools", 2023, None, -3]]}),
        "data/61-year-is-date-xlsx/2023-指标.xlsx": workbook_bytes(
            {"指标": [FIGURES, ["student-teacher-ratio", dt.datetime(2023, 1, 1), None, 16.5]]},
            formats={"指标": {"B2": "yyyy"}}),
        "data/65-xlsx-far-away-cell/2023-指标.xlsx": far_away_cell(),
        # Issue 10: invisible and look-alike characters ----------------------------------------
        "plan/66-bidi-override-in-region/plan.yaml": _replace(PLAN, "regions: [甲县, 乙区]", "regions: [甲县, 乙\u202e区]").encode("utf-8"),
        "data/67-zero-width-joiner-in-region/2023-指标.csv": (FIGURES_CSV + "preschool-enrolment,2023,甲\u200d县,99.1,,,\n").encode("utf-8"),
        "plan/68-noncharacter-in-name/indicators.yaml": _replace(INDICATORS, "name: 生师比", 'name: "生师比\\uFFFF"').encode("utf-8"),
        "plan/69-full-width-duplicate-region/plan.yaml": _replace(PLAN, "regions: [甲县, 乙区]", "regions: [甲县, 乙区, Ａ区, A区]").encode("utf-8"),
        "plan/70-combining-duplicate-region/plan.yaml": _replace(
            PLAN, "regions: [甲县, 乙区]", "regions: [甲县, 乙区, Caf\u00e9区, Cafe\u0301区]").encode("utf-8"),
        # Issue 10: Excel that lies, or costs too much -----------------------------------------
        "data/75-xlsx-formula-without-value/2023-指标.xlsx": workbook_bytes(
            {"指标": [FIGURES, ["student-teacher-ratio", 2023, None, "=16+0.5"]]}),
        "data/76-xlsx-hidden-sheet/2023-指标.xlsx": workbook_bytes(
            {"指标": [FIGURES, ["student-teacher-ratio", 2023, None, 16.5]], "旧表": [FIGURES, ["football-schools", 2023, None, 999]]},
            states={"旧表": "hidden"}),
        "data/77-xlsx-very-hidden-sheet/2023-指标.xlsx": workbook_bytes(
            {"指标": [FIGURES, ["student-teacher-ratio", 2023, None, 16.5]], "Sheet9": [FIGURES, ["football-schools", 2023, None, 999]]},
            states={"Sheet9": "veryHidden"}),
        "data/78-xlsx-zip-bomb/2023-指标.xlsx": zip_bomb(),
        "data/79-xlsx-too-many-rows/2023-指标.xlsx": workbook_bytes({"指标": [FIGURES] + [["x"]] * 20_000}),
    }


def main(check: bool = False) -> int:
    differ = []
    for name, content in cases().items():
        path = HERE / name
        if check:
            if not path.is_file() or path.read_bytes() != content:
                differ.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        print(f"{name}：{len(content)} 字节")
    for name in differ:
        print(f"与脚本生成的不同：{name}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv[1:]))
