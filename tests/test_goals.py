"""Yes/no and milestone targets: the "due by" rule computed by hand, a property over every input, goals.yaml
checked with located problems, the 目标进展 table read from real files, the fill-in sheet round trip, and the
target counts of every plan's content."""

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_fixture import run_cli
from generator.config import load_site_config
from generator.judge.engine import judge_plan
from generator.judge import rollup
from generator.judge.goals import judge_goal, judge_goal_series
from generator.check.content import checked_content
from generator.load.data import load_data
from generator.model.figures import GOAL_STATES, GoalReport, PlanData
from generator.model.plan import Goal
from generator.model.status import LAGGING, Light, Reason, Status
from generator.render import links
from generator.render.environment import make_environment
from generator.render.explain import goal_explanation
from generator.pipeline import judge_for_site
from generator.render.site import assemble
from generator.workbook import write_fill_in_workbook
from plan_fixture import SOURCE, write_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN_ID = "demo-2021-2025"
G, Y, O, R = Light.GREEN, Light.YELLOW, Light.ORANGE, Light.RED

GOALS = """\
goals:
  - id: preschool-groups-coverage
    kind: yes-no
    name: 学前教育集团全覆盖
    due: 2023
    column: 1
    lead_units: [市教育局]
    region: 甲县
    quote: "学前教育集团化办园实现全覆盖"
  - id: football-guidance
    kind: milestone
    name: 出台校园足球指导意见
    due: 2022年
    proof: 文件
    key_task: kt01
    quote: "出台校园足球发展指导意见"
  - id: yearly-league
    kind: yes-no
    name: 每年举办校园足球联赛
    due: 每年
    quote: "每年举办校园足球联赛"
"""
GOAL_SOURCE = SOURCE + "到 2023 年，学前教育集团化办园实现全覆盖。2022 年出台校园足球发展指导意见。每年举办校园足球联赛。\n"


def goal(due):
    return Goal(id="g", kind="yes-no", name="测试目标", due=due, quote="q")


# The rule, by hand: (due year or None for 每年, reports {year: state}, expected status, reason, light of the last year)
CASES = [
    ("done before due", 2025, {2023: "已实现"}, Status.DONE_EARLY, Reason.MET, G),
    ("done in the due year", 2025, {2025: "已实现"}, Status.DONE, Reason.MET, G),
    ("done after the due year", 2023, {2024: "已实现"}, Status.DONE_LATE, Reason.MET, G),
    ("under way before due: not due yet, no light", 2025, {2024: "推进中"}, Status.NOT_DUE, Reason.GOAL_UNDER_WAY, None),
    ("not achieved before due: not due yet, no light", 2025, {2022: "未实现"}, Status.NOT_DUE, Reason.GOAL_NOT_DUE, None),
    ("still under way in the due year", 2025, {2024: "推进中", 2025: "推进中"}, Status.BEHIND, Reason.DUE_NOT_MET, Y),
    ("not achieved in the due year", 2025, {2025: "未实现"}, Status.BEHIND, Reason.DUE_NOT_MET, O),
    ("under way a year after due", 2023, {2024: "推进中"}, Status.BEHIND, Reason.DUE_NOT_MET, R),
    ("not achieved two years after due", 2022, {2024: "未实现"}, Status.BEHIND, Reason.DUE_NOT_MET, R),
    ("achieved, then lost (回落)", 2025, {2022: "已实现", 2023: "未实现"}, Status.NOT_KEPT, Reason.FELL_BACK, R),
    ("achieved, a gap year, then under way", 2025, {2021: "已实现", 2023: "推进中"}, Status.NOT_KEPT, Reason.FELL_BACK, R),
    ("no report", 2025, {2023: None}, Status.MISSING, Reason.NO_VALUE, None),
    ("a blank year after a report", 2025, {2022: "推进中", 2024: "推进中"}, Status.NOT_DUE, Reason.GOAL_UNDER_WAY, None),
    ("每年, achieved", None, {2023: "已实现"}, Status.DONE, Reason.ANNUAL_MET, G),
    ("每年, under way at year end", None, {2023: "推进中"}, Status.BEHIND, Reason.ANNUAL_SHORT, Y),
    ("每年, not achieved", None, {2023: "未实现"}, Status.BEHIND, Reason.ANNUAL_SHORT, O),
    ("每年, achieved last year, not this year: each year on its own", None, {2022: "已实现", 2023: "未实现"},
     Status.BEHIND, Reason.ANNUAL_SHORT, O),
]


@pytest.mark.parametrize("name, due, reports, status, reason, light", CASES, ids=[c[0] for c in CASES])
def test_due_by_rule(name, due, reports, status, reason, light):
    years = list(range(min(reports), max(reports) + 1))
    judged = judge_goal_series(goal(due or "每年"), reports, years)
    assert len(judged) == len(years)
    last = judged[-1]
    assert (last.status, last.reason, last.light) == (status, reason, light)


def test_a_year_between_reports_is_missing_not_guessed():
    judged = judge_goal_series(goal(2025), {2022: "推进中", 2024: "已实现"}, [2022, 2023, 2024])
    assert [j.status for j in judged] == [Status.NOT_DUE, Status.MISSING, Status.DONE_EARLY]


def test_sentences_name_the_state_and_the_due_year():
    assert goal_explanation(judge_goal(2023, 2024, "推进中")) == "2024 年报告“推进中”，要求 2023 年底前实现，已过期 1 年仍未实现，滞后。"
    assert goal_explanation(judge_goal(2025, 2023, "已实现")) == "2023 年报告“已实现”，要求 2025 年底前实现，提前完成。"
    assert goal_explanation(judge_goal(2025, 2023, "未实现", achieved_in=2022)) == "2022 年曾报告“已实现”，2023 年报告“未实现”，未保持。"
    assert goal_explanation(judge_goal(None, 2023, None)) == "2023 年没有报告这项目标的进展，不作推断。"


@given(due=st.one_of(st.none(), st.integers(min_value=1900, max_value=2100)),
       states=st.dictionaries(st.integers(min_value=1900, max_value=2100),
                              st.one_of(st.none(), st.sampled_from(GOAL_STATES)), min_size=1, max_size=12))
def test_goal_judge_never_raises_and_lights_agree(due, states):
    years = sorted(states)
    judged = judge_goal_series(goal(due or "每年"), states, years)
    for j in judged:
        assert goal_explanation(j)  # every judgement has its sentence
        assert (j.light is None) == (j.status in (Status.MISSING, Status.NOT_DUE))
        assert (j.light == G) == (j.status not in LAGGING and j.status not in (Status.MISSING, Status.NOT_DUE))
        if j.state == "已实现":
            assert j.status in (Status.DONE, Status.DONE_EARLY, Status.DONE_LATE)
        if due is not None and j.year < due and j.state in ("推进中", "未实现"):
            assert j.status in (Status.NOT_DUE, Status.NOT_KEPT)
        if due is not None and j.year >= due and j.state in ("推进中", "未实现"):
            assert j.lagging


# goals.yaml ----------------------------------------------------------------------------------------

def load(tmp_path, goals=GOALS, source=GOAL_SOURCE):
    write_plan(tmp_path, goals_yaml=goals, source_txt=source)
    return checked_content(tmp_path / "content", root=tmp_path)


def test_goals_load_with_their_links(tmp_path):
    plans, problems = load(tmp_path)
    assert problems == []
    plan = plans[0].plan
    assert [(g.id, g.kind, g.due, g.annual) for g in plan.goals] == [
        ("preschool-groups-coverage", "yes-no", 2023, False), ("football-guidance", "milestone", 2022, False),
        ("yearly-league", "yes-no", "每年", True)]
    assert plan.units() == ["教育局", "市财政局"]  # the goal's unit, normalised, is already known


GOAL_FILE = "content/demo-2021-2025/goals.yaml"
BAD = {
    "quote not in source": (GOALS.replace("实现全覆盖\"", "基本实现全覆盖\""), "quote-not-in-source", "goals[1].quote", 9),
    "due outside the period": (GOALS.replace("due: 2023", "due: 2027"), "goal-due-outside", "goals[1].due", 5),
    "due unreadable": (GOALS.replace("due: 2023", "due: 近期"), "invalid-value-error", "goals[1].due", 5),
    "unknown kind": (GOALS.replace("kind: milestone", "kind: 里程"), "invalid-literal-error", "goals[2].kind", 11),
    "每年 without 每年 in the quote": (GOALS.replace("due: 2022年", "due: 每年"), "annual-not-in-quote", "goals[2].due", 13),
    "column that does not exist": (GOALS.replace("column: 1", "column: 9"), "missing-column", "goals[1].column", 6),
    "region not in the plan": (GOALS.replace("region: 甲县", "region: 丙县"), "unknown-region", "goals[1].region", 8),
    "duplicate id": (GOALS.replace("id: football-guidance", "id: preschool-groups-coverage"), "duplicate-id", "goals[2].id", 10),
}


@pytest.mark.parametrize("name", BAD)
def test_bad_goal_is_a_located_problem(tmp_path, name):
    text, code, field, line = BAD[name]
    plans, problems = load(tmp_path, goals=text)
    assert plans == []
    assert [(p.code, p.file, p.field, p.line) for p in problems] == [(code, GOAL_FILE, field, line)]


# 目标进展 data -------------------------------------------------------------------------------------

@pytest.fixture
def plan(tmp_path):
    plans, problems = load(tmp_path)
    assert problems == []
    return plans[0].plan


def write_csv(tmp_path, rows, name="目标.csv"):
    folder = tmp_path / "data" / PLAN_ID
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["目标编号,年份,状态,进展情况,佐证文件,数量", *(",".join(r) for r in rows)]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_goal_reports_are_read_with_evidence_and_proof(tmp_path, plan):
    write_csv(tmp_path, [["preschool-groups-coverage", "2022", "推进中", "已覆盖 5 个县区", "", "5个"],
                         ["football-guidance", "２０２２", "已实现", "已印发", "示教发〔2022〕3号", ""],
                         ["yearly-league", "2022", "", "", "", ""]])  # nothing reported: skipped
    loaded, problems = load_data(tmp_path / "data", [plan], tmp_path)
    assert problems == []
    assert [replace(r, where=None) for r in loaded[PLAN_ID].goal_reports] == [
        GoalReport(PLAN_ID, "preschool-groups-coverage", 2022, "推进中", "已覆盖 5 个县区", count=5.0),
        GoalReport(PLAN_ID, "football-guidance", 2022, "已实现", "已印发", document="示教发〔2022〕3号")]


def test_bad_goal_rows_are_located(tmp_path, plan):
    write_csv(tmp_path, [["preschool-groups-coverage", "2022", "已完成", "", "", ""],
                         ["football-guidanse", "2022", "已实现", "", "", ""],
                         ["yearly-league", "2022", "", "只写了进展", "", ""],
                         ["yearly-league", "2023", "未实现", "", "", "-2"],
                         ["football-guidance", "2022", "推进中", "", "", ""],
                         ["football-guidance", "2022", "已实现", "", "", ""]])
    loaded, problems = load_data(tmp_path / "data", [plan], tmp_path)
    assert loaded[PLAN_ID] is None
    found = {(p.code, p.row, p.field): p for p in problems}
    assert set(found) == {("bad-goal-state", 2, "状态"), ("unknown-goal", 3, "目标编号"), ("missing-goal-state", 4, "状态"),
                          ("negative-count", 5, "数量"), ("duplicate-row", 7, "目标编号")}
    bad = found[("bad-goal-state", 2, "状态")]
    assert bad.file == f"data/{PLAN_ID}/目标.csv" and bad.found == "“已完成”"
    assert bad.expected.startswith("是否应为“已实现”？已实现、推进中、未实现")
    assert "是否应为“football-guidance”" in found[("unknown-goal", 3, "目标编号")].expected


def test_fill_in_sheet_round_trip(tmp_path, plan):
    path = write_fill_in_workbook(plan, 2023, None, tmp_path / "data" / PLAN_ID / "2023年填报表.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["目标"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["目标编号", "目标", "类型", "完成年份", "责任单位", "年份", "状态"]
    assert [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)] == [g.id for g in plan.goals]
    assert sheet.cell(2, 2).value == "学前教育集团全覆盖（甲县）" and sheet.cell(4, 4).value == "每年"
    dropdowns = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert dropdowns[0].formula1 == '"已实现,推进中,未实现"'
    sheet.cell(2, header.index("状态") + 1, "已实现")
    sheet.cell(2, header.index("数量") + 1, 6)
    workbook.save(path)
    loaded, problems = load_data(tmp_path / "data", [plan], tmp_path)
    assert problems == []
    report, = loaded[PLAN_ID].goal_reports
    assert (report.goal_id, report.year, report.state, report.count, report.where.sheet) == (
        "preschool-groups-coverage", 2023, "已实现", 6.0, "目标")


def test_goals_are_counted_apart_from_indicators(plan):
    data = PlanData(goal_reports=(GoalReport(PLAN_ID, "preschool-groups-coverage", 2023, "推进中"),
                                  GoalReport(PLAN_ID, "football-guidance", 2023, "未实现"),
                                  GoalReport(PLAN_ID, "yearly-league", 2023, "已实现")))
    results = judge_plan(plan, data)
    assert rollup.by_status(results, 2023) == [(Status.MISSING, 4)]  # the four indicators: no figures
    assert rollup.goal_counts(results, 2023) == [(Status.DONE, 1), (Status.BEHIND, 2)]
    assert rollup.goal_counts(results, 2023, rollup.in_column(1)) == [(Status.BEHIND, 1)]
    assert rollup.goal_counts(results, 2023, rollup.in_region("甲县")) == [(Status.BEHIND, 1)]
    assert rollup.goal_counts(results, 2023, rollup.led_by(results, "教育局")) == [(Status.BEHIND, 1)]


# The five plans ----------------------------------------------------------------------------------

def test_check_counts_targets_by_type_and_every_plan_has_yes_no_targets():
    result = run_cli("--root", ROOT, "check")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("  目标（按类型）")]
    assert len(lines) == 5
    for line in lines:
        numeric, yes_no, milestone = (int(part.split(" ")[1]) for part in line.split("：")[1].split("，")[:3])
        assert numeric > 0 and yes_no > 0, line


def test_sample_data_covers_every_state_and_status(sample_plans):
    loaded, data_problems = load_data(ROOT / "data", sample_plans, ROOT)
    assert data_problems == []
    states, statuses, lights = set(), set(), set()
    for plan in sample_plans:
        data = loaded[plan.id]
        states |= {r.state for r in data.goal_reports}
        assert all(r.sample for r in data.goal_reports)
        results = judge_plan(plan, data)
        for series in results.goals.values():
            statuses |= {j.status for j in series.judgements}
            lights |= {j.light for j in series.judgements}
    assert states == set(GOAL_STATES)
    assert statuses == {Status.DONE_EARLY, Status.DONE, Status.DONE_LATE, Status.NOT_DUE, Status.BEHIND, Status.MISSING}
    assert lights == {G, Y, O, R, None}


def test_goal_sections_on_bulletin_column_unit_region_plan_and_methodology_pages(plan):
    config, problems = load_site_config(ROOT / "site_config", ROOT)
    assert problems == []
    data = PlanData(goal_reports=(
        GoalReport(PLAN_ID, "preschool-groups-coverage", 2023, "推进中", "<b>已覆盖</b> 5 个县区", count=5),
        GoalReport(PLAN_ID, "football-guidance", 2023, "已实现", "已印发", document="示教发〔2023〕3号"),
        GoalReport(PLAN_ID, "yearly-league", 2023, "未实现")))
    judged, cases = judge_for_site(config, [judge_plan(plan, data)])
    parts = assemble(config, judged, ROOT / "templates", cases=cases)
    environment = make_environment(ROOT / "templates")
    pages = {p.path: environment.get_template(p.template).render(**p.context) for p in parts.pages}
    bulletin = pages[links.bulletin(PLAN_ID, 2023)]
    assert "## 是否达成和里程碑目标" in bulletin
    assert "3 项是否达成和里程碑目标中，1 项已实现（其中 1 项晚于完成时限）；2 项滞后：“学前教育集团全覆盖”、“每年举办校园足球联赛”。" in bulletin
    assert "2023 年报告“已实现”，要求 2022 年底前实现，逾期完成。" in bulletin
    assert "佐证文件：示教发〔2023〕3号" in bulletin
    assert "&#60;b&#62;已覆盖&#60;/b&#62; 5 个县区；数量：5" in bulletin  # escaped, never HTML
    assert "4 项指标" not in bulletin.split("## 是否达成")[1]  # the indicators are counted apart
    for path in (links.column(PLAN_ID, 1), links.unit(PLAN_ID, "教育局"), links.region(PLAN_ID, "甲县")):
        section = pages[path].split("## 是否达成和里程碑目标")[1]
        assert "学前教育集团全覆盖" in section and "出台校园足球指导意见" not in section, path
    assert "出台校园足球指导意见" in pages[links.plan(PLAN_ID)]
    methodology = pages[links.METHODOLOGY]
    assert "| 过了完成时限仍未实现 | 2023 年底前实现 | 2024 年 推进中 | ▼ 未达到序时进度（滞后） | ■ 红灯 |" in methodology


def test_goals_without_any_report_are_still_listed(plan):
    config, _ = load_site_config(ROOT / "site_config", ROOT)
    judged, cases = judge_for_site(config, [judge_plan(plan, PlanData())])
    parts = assemble(config, judged, ROOT / "templates", cases=cases)
    plan_page = next(p for p in parts.pages if p.path == links.plan(PLAN_ID))
    section = plan_page.context["goals"]
    assert section["overview"] == "3 项是否达成和里程碑目标，尚无年度进展报告。"
    assert [r["reported"] for r in section["rows"]] == ["尚无报告"] * 3
