"""中期评估 and 期末评估 (mid-term and end evaluations), as pure functions.

A plan of at least four years has a mid-term evaluation in its middle year ((start + end) // 2:
2023 for 2021–2025); a plan of more than one year has an end evaluation in its last year. Each is
shown once the data reach its year.

An evaluation looks at the plan as a whole: each indicator's value in the evaluation year against
its *final* target, measured from the series' start (the base value, else the first year reported,
else the year the definition changed), completion against 序时进度, and — before the target's
year — the projection to that year on the current pace (least squares over the comparable years up
to the evaluation year, never later ones). The verdict uses the national mid-term evaluation's
words, decided by :func:`decide` in this order:

1. no figure in the evaluation year: 数据暂缺 (a value is never guessed);
2. an annual target (每年…): that year's target met — 基本符合预期; not met — 滞后;
3. a target to keep (the start already met it, or 保持…): kept — 基本符合预期; not kept — 滞后;
4. the final target met before its year: 提前实现; in (or after) its year: 提前实现 when it had
   been met in an earlier year and kept since, else 基本符合预期;
5. the target's year reached and the target not met: 滞后;
6. completion ahead of 序时进度 by ``ahead_from`` points or more: 快于预期; ahead or level: 基本符合预期;
7. behind by less than ``close_within`` points, and the trend (where there are enough years to fit
   one) reaches the target: 基本符合预期; otherwise 滞后;
8. a start equal to a strict bound's number (98 → >98), where completion cannot be computed: the
   trend decides (基本符合预期 / 滞后);
9. nothing to measure from (no start, a new definition this year): 无法评估.

Milestones and tasks: the latest report up to the evaluation year decides, whichever year it was made in
(:func:`item_progress`): 已完成 / 逾期完成 / 正在推进 / 滞后 / 逾期 / 未报告.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from generator.activity import working_on
from generator.judge.engine import PlanResults, judged_indicators
from generator.judge.items import milestone_due_year, task_due_year
from generator.judge.projection import Projection, Spread, project, spread
from generator.judge.rules import Judgement, Thresholds
from generator.judge.series import YearFigure, judge_series
from generator.judge.targets import direction_of, meets
from generator.model.figures import NOT_REPORTED, WHOLE_AREA
from generator.model.plan import Column, Indicator, Milestone, Period, Task, YearValue
from generator.model.status import DONE_STATUSES, ITEM_DONE, ItemProgress, Reason, Status, Verdict

MIDTERM_MIN_YEARS = 4  # a shorter plan (如皋 2021–2023) has the end evaluation only


class Kind(StrEnum):
    MIDTERM = "midterm"
    FINAL = "final"


KIND_WORDS = {Kind.MIDTERM: "中期评估", Kind.FINAL: "期末评估"}


@dataclass(frozen=True)
class Evaluation:
    kind: Kind
    year: int

    @property
    def title(self) -> str:
        return f"{self.year} 年{KIND_WORDS[self.kind]}"


@dataclass(frozen=True)
class EvaluationThresholds:
    """Settings (site_config/site.yaml ``evaluation``): where 快于预期 starts, how close is 基本符合."""

    ahead_from: float = 10.0  # completion ahead of 序时进度 by this many points or more: 快于预期
    close_within: float = 5.0  # behind by less than this, and the trend reaches the target: 基本符合预期


def evaluations(period: Period, latest_year: int | None) -> list[Evaluation]:
    """The evaluations a plan's period asks for, among those its data reach."""
    start, end = period.start, period.end
    wanted = []
    if end - start + 1 >= MIDTERM_MIN_YEARS:
        wanted.append(Evaluation(Kind.MIDTERM, (start + end) // 2))
    if end > start:
        wanted.append(Evaluation(Kind.FINAL, end))
    return [e for e in wanted if latest_year is not None and latest_year >= e.year]


@dataclass(frozen=True)
class IndicatorEvaluation:
    """One indicator at an evaluation: the year's judgement against the final target, and the trend."""

    indicator_id: str
    year: int
    verdict: Verdict
    target: YearValue  # the final target (an annual target: the one due that year)
    judgement: Judgement | None  # the evaluation year, measured against ``target``
    projection: Projection | None  # to the target's year, on the comparable years up to ``year``
    spread: Spread | None
    points: int  # comparable years up to the evaluation year, the start included
    met_since: int | None  # the first year of the unbroken run of years meeting the target
    range_meets: tuple[bool, bool] | None = None  # do the spread's low and high ends meet the target?


def _finite(projection: Projection | None, spread_: Spread | None):
    numbers = [projection.value, projection.slope] if projection else []
    numbers += [spread_.residual, spread_.low, spread_.high] if spread_ else []
    return (projection, spread_) if all(math.isfinite(x) for x in numbers) else (None, None)


def evaluate_indicator(indicator: Indicator, figures: dict[int, YearFigure], years: list[int], year: int, *,
                       region: str = WHOLE_AREA, thresholds: Thresholds = Thresholds(),
                       settings: EvaluationThresholds = EvaluationThresholds()) -> IndicatorEvaluation:
    """Evaluate one indicator (it must have a target) in ``year`` from the figures up to that year."""
    final = indicator.targets[-1]
    # Measured against the final target alone: an intermediate target does not restart the stretch.
    measured = indicator if indicator.annual else indicator.model_copy(update={"targets": [final]})
    upto = sorted({*(y for y in years if y <= year), year})
    series = judge_series(measured, {y: f for y, f in figures.items() if y <= year}, upto, region=region,
                          whole_area=region == WHOLE_AREA, thresholds=thresholds)
    judgement = series.at(year)
    points = list(series.comparable)
    projection = spread_ = None
    if not indicator.annual and year < final.year and len(points) >= 3:
        projection = project(points, final.year, final.value, direction_of(indicator), thresholds)
        projection, spread_ = _finite(projection, spread(points, final.year))
    direction = direction_of(indicator)
    range_meets = tuple(meets(x, final.value, direction, thresholds.about_tolerance)
                        for x in (spread_.low, spread_.high)) if spread_ else None
    met_since = None
    for j in reversed(series.judgements):
        if j.status not in DONE_STATUSES:
            break
        met_since = j.year
    target = judgement.target if indicator.annual and judgement and judgement.target else final
    return IndicatorEvaluation(indicator.id, year, decide(judgement, projection, met_since, target.year, settings),
                               target, judgement, projection, spread_, len(points), met_since, range_meets)


def decide(j: Judgement | None, projection: Projection | None, met_since: int | None, target_year: int,
           settings: EvaluationThresholds = EvaluationThresholds()) -> Verdict:
    """The verdict (the rules in this module's docstring, in their order)."""
    if j is None or j.status == Status.MISSING:
        return Verdict.MISSING
    if j.annual:
        return Verdict.AS_EXPECTED if j.status in DONE_STATUSES else Verdict.BEHIND
    if j.status == Status.KEPT:
        return Verdict.AS_EXPECTED
    if j.status == Status.NOT_KEPT:
        return Verdict.BEHIND
    if j.status == Status.DONE_EARLY:
        return Verdict.ACHIEVED_EARLY
    if j.status == Status.DONE:
        return Verdict.ACHIEVED_EARLY if met_since is not None and met_since < target_year else Verdict.AS_EXPECTED
    if j.reason == Reason.DUE_NOT_MET:
        return Verdict.BEHIND
    if j.reason == Reason.START_AT_BOUND:
        return Verdict.AS_EXPECTED if projection and projection.would_meet else Verdict.BEHIND
    if j.status == Status.ON_TRACK:
        ahead = j.gap_points is not None and round(j.gap_points, 6) >= settings.ahead_from
        return Verdict.FASTER if ahead else Verdict.AS_EXPECTED
    if j.reason == Reason.BEHIND_SCHEDULE:
        close = round(-j.gap_points, 6) < settings.close_within
        on_course = projection is None or projection.would_meet
        return Verdict.AS_EXPECTED if close and on_course else Verdict.BEHIND
    return Verdict.CANNOT


def item_progress(reports: list[tuple[int, str]], due_year: int, year: int) -> ItemProgress:
    """A milestone or task at the evaluation ``year``, from its reports ``(year, state)`` up to then, whichever
    year they were made in: the latest report decides; done after the due year is 逾期完成; not done in or after
    the due year is 逾期; nothing reported stays 未报告."""
    reported = sorted((y, s) for y, s in reports if y <= year and s != NOT_REPORTED)
    if not reported:
        return ItemProgress.NOT_REPORTED
    latest = reported[-1][1]
    if latest == ITEM_DONE:
        first_done = next(y for y, s in reported if s == ITEM_DONE)
        return ItemProgress.DONE_LATE if first_done > due_year else ItemProgress.DONE
    if due_year <= year:
        return ItemProgress.OVERDUE
    if latest == "滞后":
        return ItemProgress.LATE
    return ItemProgress.RUNNING


@dataclass(frozen=True)
class ItemEvaluation:
    item_id: str
    due_year: int
    progress: ItemProgress
    status: str  # the latest state reported up to the evaluation year, or 未报告
    text: str  # what that report said
    report_year: int | None


@dataclass(frozen=True)
class PlanEvaluation:
    evaluation: Evaluation
    end_year: int
    indicators: tuple[tuple[Indicator, IndicatorEvaluation], ...]  # plan order
    milestones: tuple[tuple[Column, Milestone, ItemEvaluation], ...]  # started by the evaluation year
    tasks: tuple[tuple[Task, ItemEvaluation], ...]

    def verdicts(self, pairs=None) -> list[tuple[Verdict, int]]:
        counts = Counter(e.verdict for _, e in (self.indicators if pairs is None else pairs))
        return [(v, counts[v]) for v in Verdict if counts[v]]

    def binding_behind(self) -> list[tuple[Indicator, IndicatorEvaluation]]:
        """约束性 indicators that are 滞后: named first in the report."""
        return [(i, e) for i, e in self.indicators if i.attribute == "约束性" and e.verdict == Verdict.BEHIND]


def progress_counts(items) -> list[tuple[ItemProgress, int]]:
    counts = Counter(item.progress for item in items)
    return [(p, counts[p]) for p in ItemProgress if counts[p]]


def _item(kind: str, item_id: str, due_year: int, results: PlanResults, year: int) -> ItemEvaluation:
    states = [state for y in results.years if y <= year
              for state in ([s for _, _, s in results.milestones.get(y, ())] if kind == "milestone"
                            else [s for _, s in results.tasks.get(y, ())])
              if state.item_id == item_id]
    reports = [s.report for s in states if s.report is not None and not s.carried]
    progress = item_progress([(r.year, r.status) for r in reports], due_year, year)
    latest = max(reports, key=lambda r: r.year, default=None)
    return ItemEvaluation(item_id, due_year, progress, latest.status if latest else NOT_REPORTED,
                          latest.text if latest else "", latest.year if latest else None)


def evaluate_plan(results: PlanResults, evaluation: Evaluation, thresholds: Thresholds = Thresholds(),
                  settings: EvaluationThresholds = EvaluationThresholds()) -> PlanEvaluation:
    plan, period, year = results.plan, results.plan.info.period, evaluation.year
    indicators = []
    for indicator in judged_indicators(plan):
        series = results.series.get((indicator.id, WHOLE_AREA))
        figures = {f.year: YearFigure(f.year, f.value, f.definition_changed) for f in (series.figures if series else ())}
        with working_on(f"评估规划 {plan.id} 的指标 {indicator.id}（{plan.full_name(indicator)}），{evaluation.title}"):
            indicators.append((indicator, evaluate_indicator(indicator, figures, list(results.years), year,
                                                             thresholds=thresholds, settings=settings)))
    # Steps started by the evaluation year, and any reported by then (an early completion counts).
    milestones = tuple(
        (column, m, item) for column in plan.columns for m in column.milestones
        if (item := _item("milestone", m.id, milestone_due_year(m, period), results, year)).report_year is not None
        or m.year.resolved(period.start, period.end)[0] <= year)
    tasks = tuple((t, _item("task", t.id, task_due_year(t, period), results, year)) for t in plan.tasks)
    return PlanEvaluation(evaluation, period.end, tuple(indicators), milestones, tasks)
