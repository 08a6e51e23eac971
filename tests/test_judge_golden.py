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


def test_d13_overdue_stays_overdue_when_not_reported_again():
    # t22 due 2022: 推进中 in 2022, nothing in 2023 — still 逾期 in 2023 (from the 2022 report), as the
    # evaluation says from the same reports. t21 (due 2021), never reported: 未报告, not guessed.
    data = PlanData(reports=(report("task", "t22", 2022, "推进中"), report("milestone", "m22", 2022, "推进中"),
                             report("task", "t21", 2023, "推进中")))
    results = judge_plan(plan_with_items(), data)
    t22 = states(results, "task", 2023)["t22"]
    assert (t22.status, t22.carried, t22.report.year) == (ITEM_OVERDUE, True, 2022)
    assert states(results, "task", 2022)["t21"].status == "未报告"
    # The 2022 step, not done, is listed in 2023 as 逾期 (before: not listed at all).
    assert states(results, "milestone", 2023)["m22"].status == ITEM_OVERDUE


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
    assert (by_year[2023].reason, by_year[2024].reason) == (Reason.STILL_MET, Reason.FELL_BACK)
    # Never the false "起点已达到目标" (the start, 71.3, is below 90).
    from generator.judge.site import standing
    from generator.render.explain import explanation
    assert all("起点" not in explanation(standing(KEEP_90, by_year[y])) for y in (2023, 2024))


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


# ── Plans judged whole: projections, evaluations ────────────────────────────────────────────

def plan_with(indicators=(), goals=(), period=(2021, 2025)):
    return Plan.model_validate({
        "info": {"id": "demo", "title": "示例规划", "short_title": "示例", "issuer": "示例市",
                 "period": {"start": period[0], "end": period[1]}, "base_year": period[0] - 1},
        "indicators": list(indicators),
        "goals": list(goals),
    })


def data_of(figures, goal_reports=()):
    """figures: {indicator id: {year: text or None}}."""
    from generator.model.figures import Figure, GoalReport
    rows = tuple(Figure("demo", iid, y, "", w(v) if v is not None else None)
                 for iid, by_year in figures.items() for y, v in by_year.items())
    goals = tuple(GoalReport("demo", gid, y, state) for gid, y, state in goal_reports)
    return PlanData(figures=rows, goal_reports=goals)


def evaluate(ind, figures, year, kind):
    from generator.judge.evaluation import Evaluation, evaluate_plan
    results = judge_plan(plan_with([ind]), data_of({ind.id: figures}))
    report = evaluate_plan(results, Evaluation(kind, year))
    return results, report.indicators[0][1]


# ── D3: no projection for a year already observed ──────────────────────────────────────────

def test_d3_no_projection_when_the_target_year_is_observed():
    # Target 97 in 2025; figures 2021–2025 up to 96.8 in 2025. Before: "2025 年约为 97%，按目前的速度可以实现目标"
    # beside "仍未达到目标 97". After: no projection; the 2025 judgement states what was observed.
    ind = indicator(base=(2020, "92"), targets=[(2025, "97")])
    results = judge_plan(plan_with([ind]), data_of({"x": {2021: "93", 2022: "94", 2023: "95", 2024: "96",
                                                           2025: "96.8"}}))
    series = results.series[("x", "")]
    assert series.projection is None
    assert (series.at(2025).status, series.at(2025).value.number) == (Status.BEHIND, 96.8)


def test_d3_projection_to_a_later_year_stays():
    ind = indicator(base=(2020, "92"), targets=[(2025, "97")])
    results = judge_plan(plan_with([ind]), data_of({"x": {2021: "93", 2022: "94", 2023: "95"}}))
    # Points 2020–2023: 92, 93, 94, 95 — slope 1, 2025: 97.
    assert results.series[("x", "")].projection.value == pytest.approx(97)


# ── D4: projections inside the indicator's domain ──────────────────────────────────────────

def test_d4_a_share_is_held_at_100_and_says_so():
    # 70, 80, 90, 100 over 2020–2023 (slope 10): the line gives 120 for 2025. Before: "约为 120%".
    # After: 100, with the trend (120) and the limit it ran past (100) on the record.
    ind = indicator(base=(2020, "70"), targets=[(2025, "100")])
    p = judge_plan(plan_with([ind]), data_of({"x": {2021: "80", 2022: "90", 2023: "99.9"}})).series[("x", "")].projection
    # Points 70, 80, 90, 99.9: slope (−1.5×−14.975 − .5×−4.975 + .5×5.025 + 1.5×14.925)/5 = 9.97;
    # mean 84.975 at 2021.5; 2025: 84.975 + 3.5 × 9.97 = 119.87.
    assert (p.value, p.limit) == (100, 100)
    assert p.trend == pytest.approx(119.87)


def test_d4_a_count_is_whole():
    # Schools 250, 252, 255 over 2020–2022: slope 2.5, mean 252.333 at 2021; 2025: 252.333 + 10 = 262.33.
    # Before: "约 262.33 所". After: 262.
    ind = indicator(base=(2020, "250"), targets=[(2025, "270")], unit="所")
    p = judge_plan(plan_with([ind]), data_of({"x": {2021: "252", 2022: "255"}})).series[("x", "")].projection
    assert p.value == 262 and p.limit is None


def test_d4_a_count_never_goes_below_zero():
    # 10, 6, 2 over 2020–2022: slope −4; 2025: 6 − 16 = −10 → 0, at the limit 0.
    ind = indicator(base=(2020, "10"), targets=[(2025, "0")], unit="所", direction="lower")
    p = judge_plan(plan_with([ind]), data_of({"x": {2021: "6", 2022: "2"}})).series[("x", "")].projection
    assert (p.value, p.limit) == (0, 0)


# ── D6: evaluations use stage targets and the bulletin's judgement ─────────────────────────

def test_d6_a_stage_target_met_in_its_year_is_not_behind():
    # 领航校长: base 10 (2020), 2023 target 30, 2025 target 60; 2023 = 30. Before: measured to 60 from the base,
    # (30 − 10)/50 = 40 % against 60 %: 滞后. After: the 2023 target is met in its year: 基本符合预期.
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(base=(2020, "10"), targets=[(2023, "30"), (2025, "60")], unit="人")
    _, e = evaluate(ind, {2021: "15", 2022: "22", 2023: "30"}, 2023, Kind.MIDTERM)
    assert (e.judgement.status, e.verdict) == (Status.DONE, Verdict.AS_EXPECTED)


def test_d6_a_stage_target_missed_is_behind():
    # 智慧安防: base 0, 2023 target 80, 2025 target 100; 2023 = 75. Before: 75 % against 60 % of the final
    # target: 快于预期. After: the 2023 target is missed in its year: 滞后.
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(base=(2020, "0"), targets=[(2023, "80"), (2025, "100")])
    _, e = evaluate(ind, {2021: "40", 2022: "60", 2023: "75"}, 2023, Kind.MIDTERM)
    assert (e.judgement.reason, e.verdict) == (Reason.DUE_NOT_MET, Verdict.BEHIND)


def test_d6_the_evaluation_states_the_bulletins_judgement():
    # Base 0, 2022 target 50, 2025 target 100; 2021 20, 2022 45, 2023 60. The 2023 bulletin: from 2022's 45,
    # (60 − 45)/(100 − 45) = 27.27 % against 1/3: 6.06 points behind. Before, the 中期评估 said 完成度 60 %
    # (from the base: 60/100) and 基本符合预期. After: the same record as the bulletin — 27.27 %, 滞后
    # (6.06 ≥ 5 points behind).
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(base=(2020, "0"), targets=[(2022, "50"), (2025, "100")])
    results, e = evaluate(ind, {2021: "20", 2022: "45", 2023: "60"}, 2023, Kind.MIDTERM)
    assert e.judgement == results.series[("x", "")].at(2023)
    assert e.judgement.completion == pytest.approx(15 / 55)
    assert e.verdict == Verdict.BEHIND


# ── D9: the 左右 tolerance is recorded where a verdict rests on it ─────────────────────────────

def test_d9_met_only_within_the_tolerance_says_so():
    # 65左右 with ±5 %: met from 65 × 0.95 = 61.75. 62.2 in 2024 and 2025: 提前实现, resting on the tolerance.
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(base=(2020, "51.39"), targets=[(2022, "60"), (2025, "65左右")])
    _, e = evaluate(ind, {2022: "60", 2023: "61", 2024: "62.2", 2025: "62.2"}, 2025, Kind.FINAL)
    assert (e.verdict, e.tolerance) == (Verdict.ACHIEVED_EARLY, 0.05)
    assert e.judgement.tolerance == 0.05


def test_d9_met_outright_records_no_tolerance():
    from generator.judge.evaluation import Kind
    ind = indicator(base=(2020, "51.39"), targets=[(2022, "60"), (2025, "65左右")])
    _, e = evaluate(ind, {2022: "60", 2023: "61", 2024: "64", 2025: "66"}, 2025, Kind.FINAL)
    assert e.tolerance is None


# ── D10: every year of an annual target is judged ─────────────────────────────────────────

def test_d10_annual_target_counts_the_years_met():
    # 每年补充新教师不少于 1500 人: 1600, 1400, 1550, 1450, 1600 — 3 of 5 years met.
    # Before: judged on 2025 alone (met): 基本符合预期. After: 未实现, 3 of 5 years.
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(targets=[(2025, "≥1500")], unit="人", annual=True)
    _, e = evaluate(ind, {2021: "1600", 2022: "1400", 2023: "1550", 2024: "1450", 2025: "1600"}, 2025, Kind.FINAL)
    assert (e.verdict, e.years_met, e.years_judged) == (Verdict.NOT_ACHIEVED, 3, 5)


# ── D11: evaluations cover yes/no and milestone targets ───────────────────────────────────

def test_d11_goals_are_evaluated():
    # 如皋 (2021–2023): 创建 goal due 2023, reported 推进中 in 2023: at its deadline, not achieved — 未实现.
    # A second goal achieved in 2022, before its 2023 deadline: 提前实现. Before: no goal in the evaluation.
    from generator.judge.evaluation import Evaluation, Kind, evaluate_plan
    from generator.model.status import Verdict
    goals = [Goal(id="create", kind="yes-no", name="创建示范区", due=2023, quote="q"),
             Goal(id="issue", kind="milestone", name="出台办法", due=2023, quote="q")]
    ind = indicator(base=(2020, "1"), targets=[(2023, "2")])
    results = judge_plan(plan_with([ind], goals, period=(2021, 2023)),
                         data_of({"x": {2023: "2"}}, [("create", 2022, "推进中"), ("create", 2023, "推进中"),
                                                      ("issue", 2022, "已实现"), ("issue", 2023, "已实现")]))
    report = evaluate_plan(results, Evaluation(Kind.FINAL, 2023))
    verdicts = {g.id: e.verdict for g, e in report.goals}
    assert verdicts == {"create": Verdict.NOT_ACHIEVED, "issue": Verdict.ACHIEVED_EARLY}


def test_d11_a_goal_not_yet_due_at_midterm_is_not_due():
    from generator.judge.evaluation import Evaluation, Kind, evaluate_plan
    from generator.model.status import Verdict
    goal = Goal(id="g", kind="yes-no", name="全覆盖", due=2025, quote="q")
    results = judge_plan(plan_with([], [goal]), data_of({}, [("g", 2023, "推进中")]))
    report = evaluate_plan(results, Evaluation(Kind.MIDTERM, 2023))
    assert report.goals[0][1].verdict == Verdict.NOT_DUE


# ── D19: the latest figure up to the report year ──────────────────────────────────────────

def test_d19_latest_figure_when_the_year_is_not_reported():
    # Target 80 in 2025; 2024 = 65, 2025 not reported. Before: 数据暂缺 (and 76 of 81 such in 如皋's report).
    # After: judged on 2024's 65, which does not meet 80: 未实现, and the record says the figure is 2024's.
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(base=(2020, "49.8"), targets=[(2025, "80")])
    _, e = evaluate(ind, {2023: "60", 2024: "65", 2025: None}, 2025, Kind.FINAL)
    assert (e.verdict, e.figure_year) == (Verdict.NOT_ACHIEVED, 2024)


# ── The 期末评估 speaks of the end ──────────────────────────────────────────────────────────

def test_end_year_met_is_achieved():
    # 如皋 10 倍 by 2023; 10.5 倍 in 2023 (below 10 in 2022). Before: 基本符合预期 while the bulletin says
    # 按期完成. After: 已实现.
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(base=(2020, "8"), targets=[(2023, "10")], unit="倍")
    results = judge_plan(plan_with([ind], period=(2021, 2023)), data_of({"x": {2021: "9", 2022: "9.5", 2023: "10.5"}}))
    from generator.judge.evaluation import Evaluation, evaluate_plan
    e = evaluate_plan(results, Evaluation(Kind.FINAL, 2023)).indicators[0][1]
    assert (results.series[("x", "")].at(2023).status, e.verdict) == (Status.DONE, Verdict.ACHIEVED)


def test_end_year_not_met_is_not_achieved_not_behind_schedule():
    # 2025 = 79 against 80: 未实现 (not 滞后 / 未达到序时进度).
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(base=(2020, "49.8"), targets=[(2025, "80")])
    _, e = evaluate(ind, {2023: "70", 2024: "78", 2025: "79"}, 2025, Kind.FINAL)
    assert e.verdict == Verdict.NOT_ACHIEVED


# ── The light's measure, and lists sorted by it ───────────────────────────────────────────

def test_the_measure_that_sets_the_light():
    # Behind schedule: the measure is 完成度 − 序时 in points. CS base 49.8 → 80: 2023 = 62,
    # (62 − 49.8)/30.2 = 40.40 % against 60 %: −19.60 points, 橙灯.
    from generator.model.status import Measure
    cs = indicator(base=(2020, "49.8"), targets=[(2025, "80")])
    j = judged(cs, {2023: "62"})[2023]
    assert (j.light, j.measure_basis) == (Light.ORANGE, Measure.COMPLETION_GAP)
    assert j.measure == pytest.approx(-19.6026, abs=1e-4)
    # An annual target: the shortfall in percent of the target. 1400 of 1500: 6.67 % short, 黄灯.
    teachers = indicator(targets=[(2025, "≥1500")], unit="人", annual=True)
    j = judged(teachers, {2021: "1400"})[2021]
    assert (j.light, j.measure_basis) == (Light.YELLOW, Measure.SHORTFALL)
    assert j.measure == pytest.approx(-100 / 15)


def test_sorted_by_how_far_behind_agrees_with_the_lights_and_numbers():
    # Three indicators behind: 1.6 units but 15 points (橙灯), 5.9 units but 8 points (黄灯), 35 points (红灯).
    # Before, a list "按落后程度排列" put them in the order of the unit gap. After: red, orange, yellow — and
    # within the list the measure printed beside each light rises.
    from generator.judge import rollup
    cs = indicator(base=(2020, "0"), targets=[(2025, "100")])
    judgements = [judged(cs, {2023: v})[2023] for v in ("45", "52", "25")]  # −15, −8, −35 points
    pairs = [(indicator(attribute=a), j) for a, j in zip(("预期性", "预期性", "预期性"), judgements)]
    ordered = rollup.by_lag(pairs)
    assert [j.light for _, j in ordered] == [Light.RED, Light.ORANGE, Light.YELLOW]
    assert [round(j.measure) for _, j in ordered] == [-35, -15, -8]


def test_binding_indicators_that_lag_come_first():
    from generator.judge import rollup
    cs = indicator(base=(2020, "0"), targets=[(2025, "100")])
    pairs = [(indicator(attribute="预期性"), judged(cs, {2023: "25"})[2023]),
             (indicator(attribute="约束性"), judged(cs, {2023: "70"})[2023]),  # on track: not first
             (indicator(attribute="约束性"), judged(cs, {2023: "52"})[2023])]
    ordered = rollup.binding_first(rollup.by_lag(pairs))
    assert [(i.attribute, j.light) for i, j in ordered] == [("约束性", Light.YELLOW), ("预期性", Light.RED),
                                                            ("约束性", Light.GREEN)]


# ── D2, check side: a note only where an out-of-year report contradicts an earlier one ───────

def test_d2_check_notes_only_a_contradicting_out_of_year_report(tmp_path):
    # c01-m1 is scheduled for 2021. 2021 已完成, then 2022 推进中 (outside 2021, and going back on 2021's
    # 已完成): one note, exit 0. c01-m2 (2022起) reported 已完成 early in 2021 and again in 2022: no note.
    from pathlib import Path

    from cli_fixture import run_cli
    from plan_fixture import write_plan
    write_plan(tmp_path)
    folder = tmp_path / "data" / "demo-2021-2025"
    folder.mkdir(parents=True)
    (folder / "事项.csv").write_text("事项编号,年份,状态,进展情况\n"
                                     "c01-m1,2021,已完成,组队完成\nc01-m1,2022,推进中,补充组队\n"
                                     "c01-m2,2021,已完成,提前完成\nc01-m2,2022,已完成,\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[1]
    run = run_cli("--root", tmp_path, "check", cwd=root)
    assert run.returncode == 0, run.stderr
    notes = [line for line in run.stdout.splitlines() if "与 2021 年报告的" in line]
    assert len(notes) == 1 and "c01-m1" in notes[0] and "2022 年报告“推进中”" in notes[0]
    assert "事项.csv" in notes[0] and "第 3 行" in notes[0]


def test_end_year_a_target_kept_from_the_start_is_achieved():
    # Base 100, target 100 by 2025, 100 every year: 已实现 (kept), not 提前实现 nor 基本符合预期.
    from generator.judge.evaluation import Kind
    from generator.model.status import Verdict
    ind = indicator(base=(2020, "100"), targets=[(2025, "100")])
    _, e = evaluate(ind, {2023: "100", 2024: "100", 2025: "100"}, 2025, Kind.FINAL)
    assert (e.judgement.status, e.verdict) == (Status.KEPT, Verdict.ACHIEVED)
