"""Counts and lists for a year: by status, 专栏, attribute, region and responsible unit; 预警.

Yes/no and milestone targets are counted on their own (``goal_*``), never added to the numeric
indicators' counts: “12 项指标中 8 项达到序时进度” stays a statement about measured figures.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.judge.engine import PlanResults, judged_indicators
from generator.judge.goals import GoalJudgement
from generator.judge.rules import Judgement
from generator.model.figures import WHOLE_AREA
from generator.model.plan import Goal, Indicator
from generator.model.status import ITEM_STATES, Light, Status

ITEM_STATUSES = ITEM_STATES


def ordered_counts(statuses: list[str], order: tuple[str, ...] = tuple(Status)) -> list[tuple[str, int]]:
    """Counts in the order of ``order``, statuses with no item left out."""
    counts = Counter(statuses)
    return [(s, counts[s]) for s in order if counts[s]]


@dataclass(frozen=True)
class Alert:
    """预警: a 约束性 indicator behind schedule or not kept."""

    indicator: Indicator
    judgement: Judgement


# Worst light first; no light (数据暂缺, 无法测算, 尚未到期) last.
LIGHT_ORDER = {Light.RED: 0, Light.ORANGE: 1, Light.YELLOW: 2, Light.GREEN: 3, None: 4}


def lag_key(judgement: Judgement | GoalJudgement) -> tuple[int, float]:
    """Sort key for lists “按落后程度排列”: by the light, then by the measure that set it (``Judgement.measure``,
    most behind first) — so the order never contradicts the lights or the numbers printed beside them."""
    measure = getattr(judgement, "measure", None)
    return LIGHT_ORDER[judgement.light], measure if measure is not None else math.inf


def by_lag(pairs: Iterable[tuple[Indicator, Judgement]]) -> list[tuple[Indicator, Judgement]]:
    """(indicator, judgement) pairs, most behind first (ties keep their order: plan order)."""
    return sorted(pairs, key=lambda pair: lag_key(pair[1]))


def binding_first(pairs: Iterable[tuple[Indicator, Judgement]]) -> list[tuple[Indicator, Judgement]]:
    """约束性 indicators that lag first, as a bulletin's introduction promises; the rest after them. Each part
    keeps the order it was given in (pass :func:`by_lag`'s order for “most behind first”)."""
    pairs = list(pairs)
    return sorted(pairs, key=lambda pair: not (pair[0].attribute == "约束性" and pair[1].lagging))


def year_judgements(results: PlanResults, year: int) -> list[tuple[Indicator, Judgement]]:
    """The whole-area judgement of every judged indicator in ``year``, in plan order."""
    pairs = []
    for indicator in judged_indicators(results.plan):
        judgement = results.judgement(indicator.id, year)
        if judgement is not None:
            pairs.append((indicator, judgement))
    return pairs


def latest_judgements(results: PlanResults) -> list[tuple[Indicator, Judgement]]:
    """Each judged indicator's most recent year with a figure (the year is on the judgement), in plan order;
    an indicator with no figure at all shows its latest year's 数据暂缺. For overviews: a year with few
    figures must not hide what lagged the year before."""
    pairs = []
    for indicator in judged_indicators(results.plan):
        series = results.series.get((indicator.id, WHOLE_AREA))
        if series and series.judgements:
            pairs.append((indicator, series.latest() or series.judgements[-1]))
    return pairs


def by_status(results: PlanResults, year: int) -> list[tuple[str, int]]:
    return ordered_counts([j.status for _, j in year_judgements(results, year)])


def by_attribute(results: PlanResults, year: int) -> list[tuple[str, list[tuple[str, int]]]]:
    """约束性 first, then 预期性, then indicators the plan gave no attribute."""
    groups = []
    for attribute in ("约束性", "预期性", None):
        statuses = [j.status for i, j in year_judgements(results, year) if i.attribute == attribute]
        if statuses:
            groups.append((attribute or "未标属性", ordered_counts(statuses)))
    return groups


def by_column(results: PlanResults, year: int) -> dict[int, list[tuple[str, int]]]:
    columns: dict[int, list[str]] = {}
    for indicator, judgement in year_judgements(results, year):
        if indicator.column is not None:
            columns.setdefault(indicator.column, []).append(judgement.status)
    return {number: ordered_counts(statuses) for number, statuses in sorted(columns.items())}


def by_region(results: PlanResults, year: int) -> dict[str, list[tuple[str, int]]]:
    regions: dict[str, list[str]] = {r: [] for r in results.plan.info.regions}
    for (indicator_id, region), series in results.series.items():
        if region != WHOLE_AREA and (judgement := series.at(year)):
            regions[region].append(judgement.status)
    return {region: ordered_counts(statuses) for region, statuses in regions.items() if statuses}


def by_unit(results: PlanResults, year: int) -> dict[str, list[tuple[str, int]]]:
    """Task states counted under each lead unit (normalised names)."""
    plan = results.plan
    units: dict[str, list[str]] = {}
    for task, state in results.tasks.get(year, ()):
        for unit in task.lead_units:
            units.setdefault(plan.canonical_unit(unit), []).append(state.status)
    return {unit: ordered_counts(statuses, ITEM_STATUSES) for unit, statuses in units.items()}


def alerts(results: PlanResults, year: int | None = None) -> list[Alert]:
    """预警 of one year; without a year, of each indicator's latest figure."""
    pairs = year_judgements(results, year) if year is not None else latest_judgements(results)
    return [Alert(i, j) for i, j in pairs if i.attribute == "约束性" and j.lagging]


def latest_counts(results: PlanResults) -> list[tuple[str, int]]:
    return ordered_counts([j.status for _, j in latest_judgements(results)])


def goal_judgements(results: PlanResults, year: int | None = None,
                    keep: Callable[[Goal], bool] = lambda goal: True) -> list[tuple[Goal, GoalJudgement]]:
    """Each yes/no or milestone target's judgement in ``year``; without a year, its latest reported year
    (else its latest 数据暂缺). In plan order; ``keep`` selects the targets (of a 专栏, a region, a unit)."""
    pairs = []
    for goal_id, series in results.goals.items():
        if not keep(series.goal) or not series.judgements:
            continue
        judgement = series.at(year) if year is not None else series.latest() or series.judgements[-1]
        if judgement is not None:
            pairs.append((series.goal, judgement))
    return pairs


def goal_counts(results: PlanResults, year: int | None = None,
                keep: Callable[[Goal], bool] = lambda goal: True) -> list[tuple[str, int]]:
    return ordered_counts([j.status for _, j in goal_judgements(results, year, keep)])


def in_column(number: int) -> Callable[[Goal], bool]:
    return lambda goal: goal.column == number


def in_region(region: str) -> Callable[[Goal], bool]:
    return lambda goal: goal.region == region


def led_by(results: PlanResults, unit: str) -> Callable[[Goal], bool]:
    plan = results.plan
    return lambda goal: unit in [plan.canonical_unit(u) for u in goal.lead_units]
