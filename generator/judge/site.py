"""Judge the whole site once, before anything is rendered: every plan's standings, year counts,
latest figures and evaluations (generator/judge/records.py).

The rules are in rules.py, series.py, goals.py, evaluation.py and rollup.py; this module only runs
them for everything the views will state and puts each number in its shown precision, once: a
requirement at the precision of the indicator's figures (whole people or schools), completion in
percent to one decimal, the gap against what is shown.
"""

from __future__ import annotations

import math

from generator.judge import rollup
from generator.judge.engine import PlanResults, judged_indicators
from generator.judge.evaluation import EvaluationThresholds, evaluate_plan, evaluations
from generator.judge.records import (EvaluationRecord, JudgedPlan, JudgedSite, ProjectionRecord, Standing,
                                     YearRecord)
from generator.judge.rules import Judgement, Thresholds
from generator.judge.targets import direction_of
from generator.model.figures import WHOLE_AREA
from generator.model.plan import Indicator
from generator.model.status import Reason
from generator.model.units import is_share, is_whole

SCHEDULE_REASONS = (Reason.ON_SCHEDULE, Reason.BEHIND_SCHEDULE)
TARGET_REASONS = (Reason.LOST, Reason.FELL_BACK, Reason.DUE_NOT_MET, Reason.ANNUAL_SHORT, Reason.START_AT_BOUND)


def _decimals(x: float) -> int:
    text = f"{x:.6f}".rstrip("0").rstrip(".") if x != int(x) else str(int(x))
    return len(text.split(".")[1]) if "." in text else 0


def places(j: Judgement, unit: str | None) -> int:
    """The decimals this indicator's figures are written with (the value, the start, the target): counts
    written whole are asked for in whole people or schools; a ratio written 4.2 人 keeps its decimal."""
    value = j.value.number if j.value else None
    numbers = [x for x in (value, j.start.number if j.start else None, j.goal) if x is not None and math.isfinite(x)]
    return max((_decimals(x) for x in numbers), default=0)


def shown_requirement(j: Judgement, decimals: int) -> float | None:
    """The 序时 requirement at the shown precision: up where more is better, down where less is, so a
    figure below the shown requirement is always behind it."""
    if j.expected is None or not math.isfinite(j.expected):
        return None
    scale = 10 ** decimals
    rising = j.start is None or j.expected >= j.start.number
    raw = round(j.expected * scale, 6)
    return (math.ceil(raw) if rising else math.floor(raw)) / scale


def _gap(j: Judgement, requirement: float | None, decimals: int) -> tuple[float | None, str]:
    if j.value is None:
        return None, ""
    if j.reason in SCHEDULE_REASONS and requirement is not None:
        return round(j.value.number - requirement, decimals + 6), "schedule"
    if j.reason in TARGET_REASONS and j.margin is not None and j.goal is not None:
        return round(j.value.number - j.goal, 9), "target"
    return None, ""


def _lag(j: Judgement) -> tuple[float | None, str]:
    """The measure that set a lagging light (rules.band was given it), in the shown precision."""
    if j.light is None or not j.lagging:
        return None, ""
    if j.gap_points is not None and math.isfinite(j.gap_points):
        return round(max(-j.gap_points, 0.0), 1), "completion"
    if j.reason == Reason.ANNUAL_SHORT and j.value is not None and j.goal:
        number, n = j.value.number, j.goal
        achieved = (number / n if j.direction == "higher" else n / number) if n > 0 and number > 0 else 0.0
        return round(max((1 - achieved) * 100, 0.0), 1) if math.isfinite(achieved) else 100.0, "annual"
    return None, ""


def _projection(indicator: Indicator, series, decimals: int, latest_year: int) -> ProjectionRecord | None:
    """The trend to the target year, only for a year after the latest figure (an observed year is stated
    as observed), inside the indicator's domain."""
    p = series.projection if series else None
    if p is None or not math.isfinite(p.value) or p.year <= latest_year:
        return None
    unit, value, bound = indicator.unit, p.value, ""
    if is_share(unit) and value > 100:
        value, bound = 100.0, "upper"
    if (is_whole(unit) or is_share(unit)) and value < 0:
        value, bound = 0.0, "lower"
    value = round(value) if is_whole(unit) else round(value, max(decimals, 1))
    return ProjectionRecord(p.year, float(value), bound, p.points, p.would_meet)


def standing(indicator: Indicator, j: Judgement, series=None, name: str | None = None) -> Standing:
    """The record of one judgement: its numbers in their shown precision, the measure behind its light."""
    unit = indicator.unit
    decimals = places(j, unit)
    requirement = shown_requirement(j, decimals)
    gap, basis = _gap(j, requirement, decimals)
    lag, lag_basis = _lag(j)
    latest = series is not None and series.latest() is not None and series.latest().year == j.year
    return Standing(
        indicator=indicator, name=name or indicator.name, judgement=j, unit=unit, places=decimals,
        percent=unit == "%" or bool(j.value and j.value.percent), requirement=requirement, gap=gap, gap_basis=basis,
        completion=round(j.completion * 100, 1) if j.completion is not None and math.isfinite(j.completion) else None,
        schedule=round(j.schedule_share * 100, 1) if j.schedule_share is not None else None,
        lag=lag, lag_basis=lag_basis,
        projection=_projection(indicator, series, decimals, j.year) if latest and j.region == WHOLE_AREA else None)


def _year_record(results: PlanResults, year: int | None, standings: dict) -> YearRecord:
    if year is None:
        pairs = rollup.latest_judgements(results)
    else:
        pairs = rollup.year_judgements(results, year)
    rows = tuple(standings[(i.id, WHOLE_AREA, j.year)] for i, j in pairs)
    if year is None:
        return YearRecord(None, rows, tuple(rollup.latest_counts(results)), (), {}, {}, {},
                          tuple(rollup.goal_judgements(results)), ())
    return YearRecord(
        year, rows, tuple(rollup.by_status(results, year)),
        tuple((a, tuple(c)) for a, c in rollup.by_attribute(results, year)),
        {n: tuple(c) for n, c in rollup.by_column(results, year).items()},
        {r: tuple(c) for r, c in rollup.by_region(results, year).items()},
        {u: tuple(c) for u, c in rollup.by_unit(results, year).items()},
        tuple(rollup.goal_judgements(results, year)),
        tuple(rollup.ordered_counts([s.status for _, s in results.tasks.get(year, ())], rollup.ITEM_STATUSES)))


def judge_results(results: PlanResults, thresholds: Thresholds, settings: EvaluationThresholds) -> JudgedPlan:
    """Everything the views of one judged plan state."""
    plan = results.plan
    standings = {}
    for (indicator_id, region), series in results.series.items():
        indicator = plan.indicator(indicator_id)
        for j in series.judgements:
            standings[(indicator_id, region, j.year)] = standing(indicator, j, series, plan.full_name(indicator))
    by_year = {year: _year_record(results, year, standings) for year in results.years}
    records = []
    for evaluation in evaluations(plan.info.period, results.latest_year):
        data_years = tuple(y for y in results.years if y <= evaluation.year)
        if not data_years:  # data start after the evaluation year: nothing to evaluate (no page, no link)
            continue
        report = evaluate_plan(results, evaluation, thresholds, settings)
        records.append(EvaluationRecord(
            report, {i.id: s for i, _ in report.indicators if (s := standings.get((i.id, WHOLE_AREA, evaluation.year)))},
            {i.id: standing(i, e.judgement, name=plan.full_name(i)) for i, e in report.indicators if e.judgement},
            data_years, evaluation.year in results.years))
    return JudgedPlan(results, {i.id: direction_of(i) for i in plan.indicators}, standings, by_year,
                      _year_record(results, None, standings), tuple(records), tuple(judged_indicators(plan)))


def judge_site(all_results: list[PlanResults], thresholds_of, settings: EvaluationThresholds) -> JudgedSite:
    """``thresholds_of(plan)``: the judging settings of a plan (its own 左右 tolerance)."""
    return JudgedSite([judge_results(r, thresholds_of(r.plan), settings) for r in all_results])
