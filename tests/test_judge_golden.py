"""Issue 25, the judging rules: one hand-computed case per defect found by the outside statistician.

Each case writes down the plan, the figures, and the decision a reader must get, with the arithmetic
in the comment. 序时 = (year − start year) / (target year − start year); 完成度 = (value − start) /
(target − start); requirement = start + 序时 × (target − start).
"""

import pytest

from generator.judge.engine import judge_plan
from generator.judge.goals import judge_goal_series
from generator.judge.series import YearFigure, judge_series
from generator.model.figures import PlanData, ProgressReport
from generator.model.plan import Goal, Indicator, Plan
from generator.model.status import ITEM_DONE, ITEM_DONE_LATE, ITEM_OVERDUE, Light, Reason, StartKind, Status
from generator.model.written_value import parse_written_value as w


def indicator(base=None, targets=(), unit="%", **extra):
    return Indicator(id="x", name="测试指标", quote="q", unit=unit, **extra,
                     base={"year": base[0], "value": base[1]} if base else None,
                     targets=[{"year": y, "value": v} for y, v in targets])


def judged(ind, figures, *, whole_area=True):
    """Every year from the first to the last figure; figures: {year: text or None}."""
    by_year = {y: YearFigure(y, w(v) if v is not None else None) for y, v in figures.items()}
    years = list(range(min(figures), max(figures) + 1))
    return {j.year: j for j in judge_series(ind, by_year, years, whole_area=whole_area).judgements}


def goal_statuses(due, reports):
    goal = Goal(id="g", kind="yes-no", name="创建目标", due=due, quote="q")
    years = list(range(min(reports), max(reports) + 1))
    return {j.year: j for j in judge_goal_series(goal, reports, years)}


# ── D1: 提前/按期/逾期 is timed by the first year reported 已实现, and kept ─────────────────────────

def test_d1_goal_met_on_time_stays_on_time_when_reconfirmed():
    # Due 2025, first reported 已实现 in 2025 (on time); re-confirmed in 2026–2028.
    # Before: 2028 said 逾期完成 (timed by the report's year). After: 按期完成, timed by 2025.
    by_year = goal_statuses(2025, {2025: "已实现", 2026: "已实现", 2027: "已实现", 2028: "已实现"})
    assert [by_year[y].status for y in (2025, 2026, 2027, 2028)] == [Status.DONE] * 4
    assert by_year[2028].achieved_in == 2025


def test_d1_goal_met_early_stays_early():
    # Due 2027, 已实现 first in 2026; reported again in 2028: 提前完成 (2026 < 2027), not 逾期完成.
    by_year = goal_statuses(2027, {2026: "已实现", 2027: "已实现", 2028: "已实现"})
    assert [by_year[y].status for y in (2026, 2027, 2028)] == [Status.DONE_EARLY] * 3


def test_d1_goal_met_late_is_late():
    # Due 2023, first 已实现 in 2024: 逾期完成, and still so in 2025.
    by_year = goal_statuses(2023, {2023: "推进中", 2024: "已实现", 2025: "已实现"})
    assert [by_year[y].status for y in (2024, 2025)] == [Status.DONE_LATE] * 2


# ── D12: before the due year a goal not yet achieved is 尚未到期, neutral ─────────────────────────

@pytest.mark.parametrize("state, reason", [("未实现", Reason.GOAL_NOT_DUE), ("推进中", Reason.GOAL_UNDER_WAY)])
def test_d12_not_yet_due_is_neutral_not_green(state, reason):
    # Due 2025, reported in 2023. Before: 达到序时进度 ●绿灯. After: 尚未到期, no light.
    j = goal_statuses(2025, {2023: state})[2023]
    assert (j.status, j.reason, j.light) == (Status.NOT_DUE, reason, None)
    assert not j.lagging


def test_d12_due_year_not_achieved_is_behind():
    j = goal_statuses(2025, {2025: "未实现"})[2025]  # in its year: 滞后, not 尚未到期
    assert (j.status, j.light) == (Status.BEHIND, Light.ORANGE)


# ── D13 / D2: tasks and milestones past their deadline; completion kept; reports in other years ──

def plan_with_items(period=(2021, 2025)):
    return Plan.model_validate({
        "info": {"id": "demo", "title": "示例规划", "short_title": "示例", "issuer": "示例市",
                 "period": {"start": period[0], "end": period[1]}, "base_year": period[0] - 1},
        "columns": [{"number": 1, "title": "专栏", "milestones": [
            {"id": "m22", "year": "2022", "text": "建成实验室"},
            {"id": "m24", "year": "2024", "text": "出台指导意见"}]}],
        "tasks": [{"id": "t22", "work": "新建幼儿园", "deadline": "2022年底前"},
                  {"id": "t21", "work": "修订制度", "deadline": "2021年底前"}],
    })


def report(kind, item_id, year, status):
    return ProgressReport("demo", kind, item_id, year, status, text=f"{year} 年情况")


def states(results, kind, year):
    pairs = results.milestones[year] if kind == "milestone" else results.tasks[year]
    return {pair[-2].id: pair[-1] for pair in pairs}


def test_d13_task_past_deadline_not_done_is_overdue():
    # t22 due 2022 (年底前), reported 推进中 in 2022 and 2023. Before: ▶推进中 both years. After: 逾期.
    data = PlanData(reports=(report("task", "t22", 2022, "推进中"), report("task", "t22", 2023, "推进中")))
    results = judge_plan(plan_with_items(), data)
    assert states(results, "task", 2022)["t22"].status == ITEM_OVERDUE
    assert states(results, "task", 2023)["t22"].status == ITEM_OVERDUE


def test_d13_task_not_yet_due_keeps_its_reported_state():
    data = PlanData(reports=(report("task", "t22", 2021, "推进中"),))
    assert states(judge_plan(plan_with_items(), data), "task", 2021)["t22"].status == "推进中"


def test_d13_completed_task_stays_completed():
    # t21 reported 已完成 in 2021, nothing after. Before: ？未报告 in 2022 and 2023. After: 已完成 (from 2021).
    data = PlanData(reports=(report("task", "t21", 2021, "已完成"), report("task", "t22", 2023, "推进中")))
    results = judge_plan(plan_with_items(), data)
    later = states(results, "task", 2023)["t21"]
    assert (later.status, later.carried, later.report.year) == (ITEM_DONE, True, 2021)
    assert later.reported == "未报告"  # what was reported that very year stays visible


def test_d2_milestone_done_after_its_year_is_done_late_and_shown():
    # m22 due 2022: 推进中 in 2022, 已完成 in 2023. Before: the 2023 report was dropped (2023 lists no m22)
    # and the 中期评估 said 滞后 | 推进中（2022 年）. After: listed in 2023 as 逾期完成; evaluation 逾期完成.
    from generator.judge.evaluation import Evaluation, Kind, evaluate_plan
    from generator.model.status import ItemProgress
    data = PlanData(reports=(report("milestone", "m22", 2022, "推进中"), report("milestone", "m22", 2023, "已完成")))
    results = judge_plan(plan_with_items(), data)
    assert states(results, "milestone", 2022)["m22"].status == ITEM_OVERDUE
    assert states(results, "milestone", 2023)["m22"].status == ITEM_DONE_LATE
    midterm = evaluate_plan(results, Evaluation(Kind.MIDTERM, 2023))
    item = next(e for _, m, e in midterm.milestones if m.id == "m22")
    assert (item.progress, item.status, item.report_year) == (ItemProgress.DONE_LATE, "已完成", 2023)


def test_d2_milestone_done_early_counts():
    # m24 (scheduled 2024) reported 已完成 in 2022: listed in 2022; in 2024 it is 已完成 without a new report;
    # the 2023 中期评估 (before the step starts) counts it as done.
    from generator.judge.evaluation import Evaluation, Kind, evaluate_plan
    from generator.model.status import ItemProgress
    data = PlanData(reports=(report("milestone", "m24", 2022, "已完成"), report("task", "t22", 2024, "推进中")))
    results = judge_plan(plan_with_items(), data)
    assert states(results, "milestone", 2022)["m24"].status == ITEM_DONE
    assert states(results, "milestone", 2024)["m24"].status == ITEM_DONE
    midterm = evaluate_plan(results, Evaluation(Kind.MIDTERM, 2023))
    assert next(e for _, m, e in midterm.milestones if m.id == "m24").progress == ItemProgress.DONE


# ── 保持: a level not yet reached is a target to reach; 未保持 only after falling back ──────────────

KEEP_90 = indicator(base=(2020, "71.3"), targets=[(2025, "保持90%以上")])


def test_keep_not_reached_is_measured_towards_the_level():
    # Base 71.3, 2021 value 76. Before: 未保持 ■红灯, "起点已达到目标" (false: 71.3 < 90).
    # After: a target to reach. 序时 1/5 = 20 %; requirement 71.3 + 18.7 × 0.2 = 75.04;
    # 完成度 (76 − 71.3)/18.7 = 25.13 % ≥ 20 %: 达到序时进度.
    j = judged(KEEP_90, {2021: "76"})[2021]
    assert (j.status, j.reason, j.light) == (Status.ON_TRACK, Reason.ON_SCHEDULE, Light.GREEN)
    assert j.expected == pytest.approx(75.04)
    assert j.completion == pytest.approx(4.7 / 18.7)


def test_keep_rising_but_slow_is_behind_not_unkept():
    # 2022 value 76: 序时 2/5 = 40 %, requirement 71.3 + 7.48 = 78.78; 完成度 25.13 %: 14.87 points behind,
    # 橙灯 (10–30). Before: 未保持 红灯 every year.
    j = judged(KEEP_90, {2021: "74", 2022: "76"})[2022]
    assert (j.status, j.reason, j.light) == (Status.BEHIND, Reason.BEHIND_SCHEDULE, Light.ORANGE)
    assert j.gap_points == pytest.approx(-14.8663, abs=1e-4)


def test_keep_reached_then_kept_then_lost():
    # 2022 reaches 90.5 (提前完成); 2023 still 91: 保持; 2024 falls to 89 after being reached: 未保持.
    by_year = judged(KEEP_90, {2021: "76", 2022: "90.5", 2023: "91", 2024: "89"})
    assert [by_year[y].status for y in (2022, 2023, 2024)] == [Status.DONE_EARLY, Status.KEPT, Status.NOT_KEPT]
    assert by_year[2024].reason == Reason.FELL_BACK


def test_keep_from_a_base_that_meets_it():
    # Base 92 already meets 保持90%以上: 89 in 2021 is 未保持 (the start had reached it).
    ind = indicator(base=(2020, "92"), targets=[(2025, "保持90%以上")])
    assert judged(ind, {2021: "89"})[2021].status == Status.NOT_KEPT


# ── D21: a stage target before the first data year still governs ─────────────────────────────

def test_d21_data_after_a_stage_year_start_from_the_stage_target():
    # 连云港 普惠性幼儿园覆盖率: base 85 (2020), 2022 target 90, 2025 target ﹥90; data start in 2023 with 90.
    # Before: 序时 from the base, 3/5 of 85 → 90: "按序时应达到 88%", 达到序时进度 绿灯.
    # After: the stretch starts from the 2022 target 90 that was due; 90 is level with ﹥90, which asks for
    # more: 滞后 黄灯, no 完成度 (none can be computed from 90 to 90).
    ind = indicator(base=(2020, "85"), targets=[(2022, "90"), (2025, "﹥90")])
    j = judged(ind, {2023: "90"})[2023]
    assert (j.start.year, j.start.number, j.start.kind) == (2022, 90, StartKind.STAGE_TARGET)
    assert (j.status, j.light, j.expected) == (Status.BEHIND, Light.YELLOW, None)


def test_d21_requirement_is_from_the_stage_target_not_the_base():
    # Base 80, 2022 target 90, 2025 target 95; first figure 2023 = 91.
    # Before: from the base, 序时 3/5, requirement 80 + 15 × 0.6 = 89, 完成度 11/15 = 73.3 %: 达到序时进度.
    # After: from the 2022 target 90, 序时 1/3, requirement 90 + 5/3 = 91.67, 完成度 1/5 = 20 %:
    # 13.33 points behind, 橙灯.
    ind = indicator(base=(2020, "80"), targets=[(2022, "90"), (2025, "95")])
    j = judged(ind, {2023: "91"})[2023]
    assert (j.status, j.light) == (Status.BEHIND, Light.ORANGE)
    assert j.expected == pytest.approx(91.6667, abs=1e-4)
    assert j.completion == pytest.approx(0.2)


def test_d21_below_the_stage_target_that_was_due():
    # Same plan, 2023 = 89, below the 2022 target 90: 完成度 (89 − 90)/5 = −20 % against 33.3 %: 红灯.
    ind = indicator(base=(2020, "80"), targets=[(2022, "90"), (2025, "95")])
    j = judged(ind, {2023: "89"})[2023]
    assert (j.status, j.reason, j.light) == (Status.BEHIND, Reason.STAGE_MISSED, Light.RED)


# ── D7: a strict bound missed by equality ───────────────────────────────────────────────────

def test_d7_level_with_a_strict_bound_is_not_100_percent():
    # Base 95, target 2025 ">98", 2025 value 98. Before: 滞后 beside "与目标数值持平。完成度 100%".
    # After: the reason says the target asks for more than 98; no 完成度; 黄灯 (short by 0 % of it).
    j = judged(indicator(base=(2020, "95"), targets=[(2025, ">98")]), {2025: "98"})[2025]
    assert (j.status, j.reason, j.light, j.completion) == (Status.BEHIND, Reason.AT_STRICT_BOUND, Light.YELLOW, None)
