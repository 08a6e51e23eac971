"""Loading yearly data (data/<plan>/*.csv, *.xlsx): real files, every malformed variant gives a located problem."""

import datetime as dt
import os
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from generator.check.content import checked_content
from generator.load.data import load_data
from generator.model.figures import Figure, PlanData, ProgressReport, Where
from generator.model.written_value import parse_written_value
from plan_fixture import write_plan
from cli_fixture import run_cli

PLAN_ID = "demo-2021-2025"
FOLDER = f"data/{PLAN_ID}"
HEADER = ["指标编号", "年份", "地区", "数值", "说明", "来源", "口径变化"]
GOOD_ROWS = [
    ["preschool-enrolment", "2022", "", "99.2", "", "2022 年教育统计年报", ""],
    ["preschool-enrolment", "2022", "甲县", "＞99", "", "", "否"],
    ["student-teacher-ratio", "２０２２", "", "16.8", "含民办学校", "", "是"],
    ["class-size-primary", "2022", "乙区", "９８．５", "", "", ""],
    ["class-size", "2022", "", "85%", "上级指标，没有目标", "", ""],
    ["football-schools", "2022", "", "", "尚未统计", "", ""],
]
MILESTONE_HEADER = ["事项编号", "年份", "状态", "进展情况"]
TASK_HEADER = ["任务编号", "年份", "状态", "进展情况", "实际支出（万元）"]


def _value(text: str):
    return parse_written_value(text)


EXPECTED = [
    Figure(PLAN_ID, "preschool-enrolment", 2022, "", _value("99.2"), source="2022 年教育统计年报"),
    Figure(PLAN_ID, "preschool-enrolment", 2022, "甲县", _value("＞99")),
    Figure(PLAN_ID, "student-teacher-ratio", 2022, "", _value("16.8"), note="含民办学校", definition_changed=True),
    Figure(PLAN_ID, "class-size-primary", 2022, "乙区", _value("９８．５")),
    Figure(PLAN_ID, "class-size", 2022, "", _value("85%"), note="上级指标，没有目标"),
    Figure(PLAN_ID, "football-schools", 2022, "", None, note="尚未统计"),
]


@pytest.fixture
def plan(tmp_path):
    write_plan(tmp_path)
    plans, problems = checked_content(tmp_path / "content", root=tmp_path)
    assert problems == []
    return plans[0].plan


def load(tmp_path, plan):
    return load_data(tmp_path / "data", [plan], tmp_path)


# Writers: each returns a function that writes one file under data/ ------------------------------

def csv_file(name: str, rows: list[list[str]], encoding: str = "utf-8", folder: str = PLAN_ID):
    def write(data: Path) -> None:
        path = data / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes("".join(",".join(row) + "\r\n" for row in rows).encode(encoding))
    return write


def raw_file(name: str, content: bytes, folder: str = PLAN_ID):
    def write(data: Path) -> None:
        path = data / folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return write


def xlsx_file(name: str, sheets: dict[str, list[list]], merge: dict[str, str] | None = None):
    def write(data: Path) -> None:
        path = data / PLAN_ID / name
        path.parent.mkdir(parents=True, exist_ok=True)
        workbook = openpyxl.Workbook()
        workbook.remove(workbook.active)
        for title, rows in sheets.items():
            sheet = workbook.create_sheet(title)
            for number, row in enumerate(rows, 1):
                for column, value in enumerate(row, 1):
                    if value not in (None, ""):
                        sheet.cell(number, column, value)
            if merge and title in merge:
                sheet.merge_cells(merge[title])
        workbook.save(path)
    return write


def figures_csv(*rows: list[str], name: str = "a.csv", header: list[str] = HEADER, **kw):
    return csv_file(name, [header, *rows], **kw)


def row(indicator="preschool-enrolment", year="2022", region="", value="99.2", note="", source="", changed=""):
    return [indicator, year, region, value, note, source, changed]


# Good data in every encoding and in Excel ------------------------------------------------------

def _as_excel(cells: list[str]) -> list:
    """How a person types the row into Excel: years and plain numbers become numbers."""
    out = []
    for text in cells:
        try:
            number = float(text)
        except ValueError:
            out.append(text or None)
        else:
            out.append(int(number) if number.is_integer() else number)
    return out


GOOD_FILES = {
    "utf-8": figures_csv(*GOOD_ROWS),
    "utf-8 with BOM": figures_csv(*GOOD_ROWS, encoding="utf-8-sig"),
    "gb18030": figures_csv(*GOOD_ROWS, encoding="gb18030"),
    "xlsx": xlsx_file("a.xlsx", {"说明": [["这一页不是数据"]], "指标": [HEADER, *map(_as_excel, GOOD_ROWS)]}),
}


@pytest.mark.parametrize("form", GOOD_FILES)
def test_good_data_loads_the_same_in_every_encoding_and_in_excel(tmp_path, plan, form):
    GOOD_FILES[form](tmp_path / "data")
    loaded, problems = load(tmp_path, plan)
    assert problems == []
    data = loaded[PLAN_ID]
    assert [replace(f, where=None) for f in data.figures] == EXPECTED
    sheet = "指标" if form == "xlsx" else None
    assert data.figures[2].where == Where(f"{FOLDER}/a.{'xlsx' if form == 'xlsx' else 'csv'}", sheet, 4)
    assert data.figures[3].value.number == 98.5  # full-width digits read, written text kept
    assert data.years == [2022]
    assert not data.is_sample


def test_progress_reports_load_and_rows_without_status_are_not_reported(tmp_path, plan):
    csv_file("事项.csv", [MILESTONE_HEADER, ["c01-m1", "2021", "已完成", "组队完成"], ["c01-m2", "2022", "", ""],
                          ["c01-m2", "2022", "推进中", ""]])(tmp_path / "data")
    csv_file("任务.csv", [TASK_HEADER + ["重点任务"], ["t01", "2022", "滞后", "征地未完成", "\"1,200\"", "推进学前教育"],
                          ["t01", "2021", "推进中", "", "", ""]], encoding="gb18030")(tmp_path / "data")
    loaded, problems = load(tmp_path, plan)
    assert problems == []
    reports = [replace(r, where=None) for r in loaded[PLAN_ID].reports]
    assert reports == [  # files in name order: 事项.csv before 任务.csv
        ProgressReport(PLAN_ID, "milestone", "c01-m1", 2021, "已完成", "组队完成"),
        ProgressReport(PLAN_ID, "milestone", "c01-m2", 2022, "推进中"),
        ProgressReport(PLAN_ID, "task", "t01", 2022, "滞后", "征地未完成", spent=1200.0),
        ProgressReport(PLAN_ID, "task", "t01", 2021, "推进中"),
    ]
    assert loaded[PLAN_ID].reports[1].where == Where(f"{FOLDER}/事项.csv", None, 4)


def test_sample_data_is_marked_by_source_or_file_name(tmp_path, plan):
    figures_csv(row(source="示例数据（非正式统计）"), row(indicator="student-teacher-ratio", value="17"))(tmp_path / "data")
    csv_file("示例数据-进展.csv", [MILESTONE_HEADER, ["c01-m1", "2021", "已完成", ""]])(tmp_path / "data")
    loaded, problems = load(tmp_path, plan)
    assert problems == []
    data = loaded[PLAN_ID]
    assert [f.sample for f in data.figures] == [True, False]
    assert [r.sample for r in data.reports] == [True]
    assert data.is_sample


def test_plan_without_data_folder_has_empty_data_and_hidden_files_are_ignored(tmp_path, plan):
    loaded, problems = load(tmp_path, plan)
    assert (loaded, problems) == ({PLAN_ID: PlanData()}, [])
    raw_file("README.md", b"# notes")(tmp_path / "data")
    raw_file(".DS_Store", b"\x00\x01")(tmp_path / "data")
    raw_file("~$a.xlsx", b"lock")(tmp_path / "data")
    loaded, problems = load(tmp_path, plan)
    assert (loaded, problems) == ({PLAN_ID: PlanData()}, [])


def test_xlsx_sheet_with_only_a_header_is_fine(tmp_path, plan):
    xlsx_file("a.xlsx", {"指标": [HEADER], "事项": [MILESTONE_HEADER], "Sheet3": []})(tmp_path / "data")
    loaded, problems = load(tmp_path, plan)
    assert problems == []
    assert loaded[PLAN_ID] == PlanData()


# Malformed data: one located problem each, and nothing of the plan is loaded -------------------

def _gb18030_with_bad_byte(data: Path) -> None:
    good = "指标编号,年份,地区,数值\r\npreschool-enrolment,2022,甲县,99\r\n".encode("gb18030")
    raw_file("a.csv", good + b"student-teacher-ratio,2022,\xff,16\r\n")(data)


def _both(*writers):
    def write(data: Path) -> None:
        for writer in writers:
            writer(data)
    return write


A, B, X = f"{FOLDER}/a.csv", f"{FOLDER}/b.csv", f"{FOLDER}/a.xlsx"
M, T = f"{FOLDER}/事项.csv", f"{FOLDER}/任务.csv"

CASES = {
    # name: (write, [(code, file, sheet, row, field)], text that must appear in the problem)
    "gb18030 csv with a bad byte in row 3": (_gb18030_with_bad_byte, [("bad-encoding", A, None, 3, "")], "FF"),
    "duplicate rows in one file": (figures_csv(row(), row(value="99.5")),
                                   [("duplicate-row", A, None, 3, "指标编号")], f"{A} 第 2 行"),
    "duplicate rows across two files": (_both(figures_csv(row()), figures_csv(row(), name="b.csv")),
                                        [("duplicate-row", B, None, 2, "指标编号")], f"{A} 第 2 行"),
    "unknown region": (figures_csv(row(), row(region="丙县")), [("unknown-region", A, None, 3, "地区")], "甲县、乙区"),
    "text in the value column": (figures_csv(row(value="较好")), [("unreadable-value", A, None, 2, "数值")], "找不到数字"),
    "unknown indicator id, with a suggestion": (figures_csv(row(indicator="preschool-enrolmnet")),
                                                [("unknown-indicator", A, None, 2, "指标编号")],
                                                "是否应为“preschool-enrolment”"),
    "percent above 100 (unit %)": (figures_csv(row(value="101.5")), [("percent-over-100", A, None, 2, "数值")], "101.5"),
    "percent above 100 (written %)": (figures_csv(row(indicator="student-teacher-ratio", value="120%")),
                                      [("percent-over-100", A, None, 2, "数值")], "120%"),
    "negative count": (figures_csv(row(indicator="football-schools", value="-3")),
                       [("negative-value", A, None, 2, "数值")], "所"),
    "year outside the plan": (figures_csv(row(year="2026")), [("year-outside", A, None, 2, "年份")], "2021–2025"),
    "year not an integer": (figures_csv(row(year="2022.5")), [("bad-year", A, None, 2, "年份")], "2022.5"),
    "year written as a date in xlsx": (xlsx_file("a.xlsx", {"指标": [HEADER, ["preschool-enrolment", dt.date(2022, 1, 1),
                                                                              None, 99.2]]}),
                                       [("year-is-date", X, "指标", 2, "年份")], "2022-01-01"),
    "bad status word": (csv_file("事项.csv", [MILESTONE_HEADER, ["c01-m2", "2022", "完成了", "已组队"]]),
                        [("bad-status", M, None, 2, "状态")], "已完成、推进中、未启动、滞后"),
    "progress without a status": (csv_file("事项.csv", [MILESTONE_HEADER, ["c01-m2", "2022", "", "已组队"]]),
                                  [("missing-status", M, None, 2, "状态")], "没有选择状态"),
    "unknown milestone": (csv_file("事项.csv", [MILESTONE_HEADER, ["c01-m3", "2022", "推进中", ""]]),
                          [("unknown-milestone", M, None, 2, "事项编号")], "c01-m"),
    "negative spending": (csv_file("任务.csv", [TASK_HEADER, ["t01", "2022", "推进中", "", "-5"]]),
                          [("negative-spending", T, None, 2, "实际支出（万元）")], "-5"),
    "spending not a number": (csv_file("任务.csv", [TASK_HEADER, ["t01", "2022", "推进中", "", "约五十万"]]),
                              [("unreadable-spending", T, None, 2, "实际支出（万元）")], "约五十万"),
    "missing 指标编号 column": (figures_csv(["2022", "", "99.2"], header=["年份", "地区", "数值"]),
                             [("missing-column", A, None, 1, "指标编号")], "缺少"),
    "unknown column header (typo 数 值)": (figures_csv(["preschool-enrolment", "2022", "99"], header=["指标编号", "年份", "数 值"]),
                                        [("unknown-column", A, None, 1, "数 值")], "是否应为“数值”"),
    "column with data but no header": (figures_csv(["preschool-enrolment", "2022", "99", "备注"],
                                                   header=["指标编号", "年份", "数值", ""]),
                                       [("unnamed-column", A, None, 1, "第 4 列")], "没有列名"),
    "header of no known table": (figures_csv(["学前", "99"], header=["名称", "数据"]),
                                 [("unknown-table", A, None, 1, "")], "指标编号"),
    "bad 口径变化": (figures_csv(row(changed="可能")), [("bad-flag", A, None, 2, "口径变化")], "可能"),
    "blank required id": (figures_csv(row(indicator="")), [("missing-value", A, None, 2, "指标编号")], "不能为空"),
    "empty csv file": (raw_file("a.csv", b""), [("empty-file", A, None, None, "")], "空"),
    "csv with an unclosed quote": (raw_file("a.csv", "指标编号,年份,数值\n\"preschool-enrolment,2022,99\n".encode()),
                                   [("bad-csv", A, None, 2, "")], "引号"),
    "corrupt xlsx (random bytes)": (raw_file("a.xlsx", os.urandom(64) + b"PK\x03\x04" + os.urandom(64)),
                                    [("not-a-workbook", X, None, None, "")], "不是有效的 Excel 工作簿"),
    "a .txt file in the folder": (_both(figures_csv(row()), raw_file("notes.txt", "备注".encode())),
                                  [("unsupported-file", f"{FOLDER}/notes.txt", None, None, "")], "notes.txt"),
    "an old .xls file": (raw_file("2022.xls", b"\xd0\xcf\x11\xe0"), [("unsupported-file", f"{FOLDER}/2022.xls", None, None, "")],
                         "另存为"),
    "xlsx with merged cells in the data area": (xlsx_file("a.xlsx", {"指标": [HEADER, ["preschool-enrolment", 2022, None, 99.2],
                                                                              ["student-teacher-ratio", 2022, None, 16.8]]},
                                                          merge={"指标": "B2:B3"}),
                                                [("missing-value", X, "指标", 3, "年份")], "合并单元格 B2:B3"),
    "xlsx sheet whose header is not in row 1": (xlsx_file("a.xlsx", {"指标": [[], HEADER, row()]}),
                                                [("no-header", X, "指标", 1, "")], "第 1 行"),
}


@pytest.mark.parametrize("name", CASES)
def test_malformed_data_gives_a_located_problem_and_loads_nothing(tmp_path, plan, name):
    write, expected, text = CASES[name]
    write(tmp_path / "data")
    loaded, problems = load(tmp_path, plan)
    assert [(p.code, p.file, p.sheet, p.row, p.field) for p in problems] == expected, "\n".join(map(str, problems))
    assert text in str(problems[0])
    assert loaded[PLAN_ID] is None


def test_unknown_plan_folder_and_stray_files_in_data(tmp_path, plan):
    figures_csv(row(), folder="demo-2021-2026")(tmp_path / "data")
    raw_file("2022.csv", b"x", folder="")(tmp_path / "data")
    figures_csv(row())(tmp_path / "data")
    loaded, problems = load(tmp_path, plan)
    assert [(p.code, p.file, p.row, p.field) for p in problems] == [
        ("stray-file", "data/2022.csv", None, ""),
        ("unknown-plan-folder", "data/demo-2021-2026", None, ""),
    ]
    assert "是否应为“demo-2021-2025”" in str(problems[1])
    assert set(loaded) == {PLAN_ID} and len(loaded[PLAN_ID].figures) == 1  # the plan's own folder is fine


def test_ignored_folders_are_not_read(tmp_path, plan):
    figures_csv(row(), folder="other-plan")(tmp_path / "data")
    loaded, problems = load_data(tmp_path / "data", [plan], tmp_path, ignore={"other-plan"})
    assert problems == [] and loaded == {PLAN_ID: PlanData()}


def test_all_problems_of_all_files_are_reported_at_once(tmp_path, plan):
    figures_csv(row(region="丙县", value="很高", year="2030"), row(indicator="nope"))(tmp_path / "data")
    csv_file("任务.csv", [TASK_HEADER, ["t01", "2022", "好", "", "-1"]])(tmp_path / "data")
    raw_file("c.xlsx", b"not a zip")(tmp_path / "data")
    loaded, problems = load(tmp_path, plan)
    assert sorted(p.code for p in problems) == sorted(["year-outside", "unknown-region", "unreadable-value",
                                                       "unknown-indicator", "bad-status", "negative-spending",
                                                       "not-a-workbook"])
    assert loaded[PLAN_ID] is None


def test_informational_columns_are_ignored_and_excel_percent_cells_read_as_seen(tmp_path, plan):
    header = ["指标编号", "指标名称", "单位", "属性", "年份", "地区", "上年数值", "规划目标", "数值"]
    xlsx_file("a.xlsx", {"指标": [header, ["preschool-enrolment", "学前教育毛入园率", "%", "约束性", 2022.0, None,
                                           "98.6", "2025 年：>99", 0.992]]})(tmp_path / "data")
    path = tmp_path / "data" / PLAN_ID / "a.xlsx"
    workbook = openpyxl.load_workbook(path)
    workbook["指标"]["I2"].number_format = "0.0%"  # what Excel does when a person types 99.2%
    workbook.save(path)
    loaded, problems = load(tmp_path, plan)
    assert problems == []
    figure = loaded[PLAN_ID].figures[0]
    assert (figure.year, figure.value.text, figure.value.number, figure.value.percent) == (2022, "99.2%", 99.2, True)


# The check command ----------------------------------------------------------------------------

def _run(root: Path, *args: str):
    return run_cli("--root", root, *args)


def test_check_command_reports_data_problems_and_summarises_data(tmp_path):
    write_plan(tmp_path)
    figures_csv(row(), row(region="丙县"))(tmp_path / "data")
    bad = _run(tmp_path, "check")
    assert bad.returncode == 1
    assert f"{A}，第 3 行，字段 地区：规划中没有这个地区" in bad.stderr
    (tmp_path / "data" / PLAN_ID / "a.csv").unlink()
    figures_csv(*GOOD_ROWS)(tmp_path / "data")
    good = _run(tmp_path, "check")
    assert good.returncode == 0, good.stderr
    assert "指标数值 6 条（其中数据暂缺 1 条），事项和任务进展 0 条，目标进展 0 条，年份 2022" in good.stdout
