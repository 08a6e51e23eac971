"""The fill-in workbook: written for a plan and year, filled in as a person would, read back by the loader."""

from dataclasses import replace

import openpyxl
import pytest

from generator.check.content import checked_content
from generator.load.data import load_data
from generator.model.figures import Figure, PlanData, ProgressReport
from generator.model.written_value import parse_written_value
from generator.workbook import write_fill_in_workbook
from plan_fixture import write_plan
from cli_fixture import run_cli

PLAN_ID = "demo-2021-2025"
PREVIOUS = PlanData(figures=(
    Figure(PLAN_ID, "preschool-enrolment", 2021, "", parse_written_value("98.6")),
    Figure(PLAN_ID, "preschool-enrolment", 2021, "甲县", parse_written_value("97.1")),
    Figure(PLAN_ID, "preschool-enrolment", 2020, "乙区", parse_written_value("90")),  # not the year before
    Figure(PLAN_ID, "student-teacher-ratio", 2021, "", None),  # 数据暂缺
))


def _plan(root, **overrides):
    write_plan(root, **overrides)
    plans, problems = checked_content(root / "content", root=root)
    assert problems == []
    return plans[0].plan


@pytest.fixture
def plan(tmp_path):
    return _plan(tmp_path)


def _data_file(tmp_path, name="2022年填报表.xlsx"):
    return tmp_path / "data" / PLAN_ID / name


def _columns(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def _row_of(sheet, **match) -> int:
    columns = _columns(sheet)
    for number in range(2, sheet.max_row + 1):
        if all(sheet.cell(number, columns[k]).value == v for k, v in match.items()):
            return number
    raise AssertionError(f"no row {match}")


def _fill(sheet, row: int, **values) -> None:
    columns = _columns(sheet)
    for column, value in values.items():
        sheet.cell(row, columns[column], value)


def test_untouched_workbook_loads_without_problems(tmp_path, plan):
    path = write_fill_in_workbook(plan, 2022, None, _data_file(tmp_path))
    loaded, problems = load_data(tmp_path / "data", [plan], tmp_path)
    assert problems == []
    data = loaded[PLAN_ID]
    # four indicators with targets (the parent class-size has none), whole area + 甲县 + 乙区; all 数据暂缺
    assert len(data.figures) == 12 and all(f.value is None for f in data.figures)
    assert {f.indicator_id for f in data.figures} == {"preschool-enrolment", "student-teacher-ratio",
                                                      "class-size-primary", "football-schools"}
    assert data.reports == () and data.goal_reports == ()  # rows without a status: not reported
    assert openpyxl.load_workbook(path).sheetnames == ["说明", "指标", "专栏事项", "任务", "目标"]


def test_filled_workbook_round_trip(tmp_path, plan):
    path = write_fill_in_workbook(plan, 2022, PREVIOUS, tmp_path / "out" / "填报表.xlsx")
    workbook = openpyxl.load_workbook(path)
    indicators, milestones, tasks = workbook["指标"], workbook["专栏事项"], workbook["任务"]
    _fill(indicators, _row_of(indicators, 指标编号="preschool-enrolment", 地区=None), 数值="９８．５%", 来源="统计年报")
    _fill(indicators, _row_of(indicators, 指标编号="preschool-enrolment", 地区="甲县"), 数值=">99")
    _fill(indicators, _row_of(indicators, 指标编号="student-teacher-ratio", 地区=None), 数值=16.5, 口径变化="是",
          说明="含民办学校")
    _fill(indicators, _row_of(indicators, 指标编号="football-schools", 地区="乙区"), 数值="12")
    _fill(milestones, _row_of(milestones, 事项编号="c01-m2"), 状态="推进中", 进展情况="举办市级联赛")
    _fill(tasks, _row_of(tasks, 任务编号="t01"), 状态="已完成", 进展情况="新建幼儿园 10 所", **{"实际支出（万元）": 120})
    _data_file(tmp_path).parent.mkdir(parents=True)
    workbook.save(_data_file(tmp_path))

    loaded, problems = load_data(tmp_path / "data", [plan], tmp_path)
    assert problems == []
    data = loaded[PLAN_ID]
    filled = {(f.indicator_id, f.region): f for f in data.figures if f.value is not None}
    assert set(filled) == {("preschool-enrolment", ""), ("preschool-enrolment", "甲县"), ("student-teacher-ratio", ""),
                           ("football-schools", "乙区")}
    whole = filled[("preschool-enrolment", "")]
    assert (whole.value.text, whole.value.number, whole.value.percent, whole.source) == ("９８．５%", 98.5, True, "统计年报")
    assert filled[("preschool-enrolment", "甲县")].value.comparator == ">"
    ratio = filled[("student-teacher-ratio", "")]
    assert (ratio.value.text, ratio.definition_changed, ratio.note) == ("16.5", True, "含民办学校")
    assert filled[("football-schools", "乙区")].year == 2022
    assert ratio.where.sheet == "指标" and ratio.where.file == f"data/{PLAN_ID}/2022年填报表.xlsx"
    assert [replace(r, where=None) for r in data.reports] == [
        ProgressReport(PLAN_ID, "milestone", "c01-m2", 2022, "推进中", "举办市级联赛"),
        ProgressReport(PLAN_ID, "task", "t01", 2022, "已完成", "新建幼儿园 10 所", spent=120.0),
    ]


def test_previous_year_values_are_filled_in(tmp_path, plan):
    path = write_fill_in_workbook(plan, 2022, PREVIOUS, tmp_path / "t.xlsx")
    sheet = openpyxl.load_workbook(path)["指标"]
    column = _columns(sheet)["上年数值"]
    previous = lambda indicator, region: sheet.cell(_row_of(sheet, 指标编号=indicator, 地区=region), column).value
    assert previous("preschool-enrolment", None) == "98.6"
    assert previous("preschool-enrolment", "甲县") == "97.1"
    assert previous("preschool-enrolment", "乙区") is None  # only 2020 reported there
    assert previous("student-teacher-ratio", None) is None  # 数据暂缺 last year
    row = _row_of(sheet, 指标编号="class-size-primary", 地区=None)
    columns = _columns(sheet)
    assert sheet.cell(row, columns["指标名称"]).value == "义务教育标准班额比例（小学）"
    assert sheet.cell(row, columns["单位"]).value == "%"  # the parent's unit
    assert sheet.cell(row, columns["规划目标"]).value == "2025 年：80"
    assert sheet.cell(row, columns["年份"]).value == 2022


def test_dropdowns_freeze_and_grey_reference_columns(tmp_path, plan):
    workbook = openpyxl.load_workbook(write_fill_in_workbook(plan, 2022, None, tmp_path / "t.xlsx"))
    for title, column, choices in (("指标", "口径变化", "是,否"), ("专栏事项", "状态", "已完成,推进中,未启动,滞后"),
                                   ("任务", "状态", "已完成,推进中,未启动,滞后")):
        sheet = workbook[title]
        letter = openpyxl.utils.get_column_letter(_columns(sheet)[column])
        lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
        assert any(v.formula1 == f'"{choices}"' and f"{letter}2" in v.sqref for v in lists), title
        assert sheet.freeze_panes == "A2"
    indicators = workbook["指标"]
    columns = _columns(indicators)
    assert indicators.cell(2, columns["规划目标"]).fill.fgColor.rgb.endswith("E7E6E6")
    assert indicators.cell(2, columns["数值"]).number_format == "@"  # Excel keeps "99.2%" as typed
    assert indicators.column_dimensions["B"].width > 20


def test_milestones_of_the_year_and_an_empty_sheet_keeps_its_header(tmp_path):
    plan = _plan(tmp_path, tasks_yaml=None)
    for year, expected in ((2021, ["c01-m1"]), (2022, ["c01-m2"]), (2025, ["c01-m2"])):
        workbook = openpyxl.load_workbook(write_fill_in_workbook(plan, year, None, tmp_path / f"{year}.xlsx"))
        sheet = workbook["专栏事项"]
        assert [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)] == expected
        assert [c.value for c in workbook["任务"][1]][:3] == ["任务编号", "重点任务", "主要工作"]
        assert workbook["任务"].max_row == 1
    write_fill_in_workbook(plan, 2021, None, _data_file(tmp_path))
    loaded, problems = load_data(tmp_path / "data", [plan], tmp_path)
    assert problems == [] and loaded[PLAN_ID].years == [2021]


def test_notes_sheet_explains_how_to_fill_in(tmp_path, plan):
    notes = openpyxl.load_workbook(write_fill_in_workbook(plan, 2022, None, tmp_path / "t.xlsx"))["说明"]
    text = "\n".join(str(c.value) for (c,) in notes.iter_rows(max_col=1) if c.value)
    for words in ("数据暂缺", "口径变化", "已完成、推进中、未启动、滞后", "灰色的列", "没有报告", f"data/{PLAN_ID}/", "示例数据"):
        assert words in text


# The template command -------------------------------------------------------------------------

def _run(root, *args, cwd=None):
    return run_cli("--root", root, *args, cwd=cwd)


@pytest.mark.slow
def test_template_command(tmp_path):
    write_plan(tmp_path)
    data = tmp_path / "data" / PLAN_ID
    data.mkdir(parents=True)
    (data / "2021.csv").write_text("指标编号,年份,数值\npreschool-enrolment,2021,98.6\n", encoding="utf-8")
    done = _run(tmp_path, "template", "--plan", PLAN_ID, "--year", "2022", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    made = tmp_path / f"{PLAN_ID}-2022-填报表.xlsx"
    sheet = openpyxl.load_workbook(made)["指标"]
    assert sheet.cell(_row_of(sheet, 指标编号="preschool-enrolment", 地区=None), _columns(sheet)["上年数值"]).value == "98.6"

    again = _run(tmp_path, "template", "--plan", PLAN_ID, "--year", "2022", cwd=tmp_path)
    assert again.returncode == 1 and "已经存在" in again.stderr  # a filled-in workbook is never overwritten
    unknown = _run(tmp_path, "template", "--plan", "nope", "--year", "2022", "--out", str(tmp_path / "x.xlsx"))
    assert unknown.returncode == 2 and "没有这个规划" in unknown.stderr
    outside = _run(tmp_path, "template", "--plan", PLAN_ID, "--year", "2030", "--out", str(tmp_path / "x.xlsx"))
    assert outside.returncode == 2 and "不在规划期" in outside.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_template_command_refuses_a_plan_with_problems(tmp_path):
    write_plan(tmp_path, plan_yaml="id: demo-2021-2025\n")
    result = _run(tmp_path, "template", "--plan", PLAN_ID, "--year", "2022", "--out", str(tmp_path / "x.xlsx"))
    assert result.returncode == 1 and "请先修改" in result.stderr


def test_plan_text_that_looks_like_a_formula_is_written_as_text(tmp_path):
    from plan_fixture import COLUMNS, SOURCE
    formula = "=HYPERLINK(\"http://evil.example\",\"点击\")"
    plan = _plan(tmp_path, columns_yaml=COLUMNS.replace("text: 完成各梯队的组队", f"text: '{formula}'"),
                 source_txt=SOURCE + formula + "\n")
    path = write_fill_in_workbook(plan, 2021, None, tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(path)["专栏事项"]
    cell = sheet.cell(_row_of(sheet, 事项编号="c01-m1"), _columns(sheet)["事项内容"])
    assert cell.value == formula and cell.data_type == "s"
