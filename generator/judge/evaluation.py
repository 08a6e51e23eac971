"""中期评估 and 期末评估 (mid-term and end evaluations), as pure functions.

A plan of at least four years has a mid-term evaluation in its middle year ((start + end) // 2:
2023 for 2021–2025); a plan of more than one year has an end evaluation in its last year. Each is
shown once the data reach its year.

An evaluation states, for each indicator, the *same* judgement as that year's bulletin (the stage
target due that year governs it, with the same 完成度 and 序时进度) — taken from the indicator's latest
figure up to the evaluation year, so an indicator whose figure for that year is late is judged on the
one before, and says which year. Before the final target's year it adds the projection to that year
on the current pace (least squares over the comparable years up to the evaluation year, never later
ones). The verdict uses the national mid-term evaluation's words, decided by :func:`decide`:

1. no figure up to the evaluation year: 数据暂缺 (a value is never guessed);
2. at the end (the 期末评估, or once the final target's year is reached) each target is 提前实现
   (met before its year and met since), 已实现 or 未实现: the final target against the latest figure.
   An annual target (每年…) is 已实现 only if every year met it;
3. an annual target in a mid-term evaluation: every year is judged; all met — 基本符合预期; any missed — 滞后;
4. the final target already met: 提前实现;
5. a target to keep, kept — 基本符合预期; not kept — 滞后;
6. a stage target met (in its year or before) — 基本符合预期; due this year and not met — 滞后;
7. completion ahead of 序时进度 by ``ahead_from`` points or more: 快于预期; ahead or level: 基本符合预期;
8. behind by less than ``close_within`` points, and the trend (where there are enough years to fit
   one) reaches the target: 基本符合预期; otherwise 滞后;
9. a value level with a strict bound, or a start equal to it (98 → >98), where completion cannot be
   computed: the trend decides (基本符合预期 / 滞后);
10. nothing to measure from (no start, a new definition this year): 无法评估.

Wherever a verdict rests on the “左右” tolerance, the evaluation records it (``tolerance``).

Yes/no and milestone targets (:func:`evaluate_goal`): the latest report up to the evaluation year; at
the end 提前实现 / 已实现 / 未实现; before their due year 尚未到期 (or 提前实现 when already achieved).
Milestones and tasks: the latest report up to the evaluation year decides, whichever year it was made in
(:func:`item_progress`): 已完成 / 逾期完成 / 正在推进 / 滞后 / 逾期 / 未报告; at the end, done — 已实现,
otherwise 未实现.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from generator.activity import working_on
from generator.judge.engine import GoalSeries, PlanResults, judged_indicators
from generator.judge.goals import GoalJudgement
from generator.judge.items import milestone_due_year, task_due_year
from generator.judge.projection import Projection, Spread, project, spread
from generator.judge.rules import Judgement, Thresholds
from generator.judge.series import YearFigure, judge_series
from generator.judge.targets import direction_of, domain_for, meets
from generator.model.figures import NOT_REPORTED, WHOLE_AREA, GoalReport
from generator.model.plan import Column, Goal, Indicator, Milestone, Period, Task, YearValue
from generator.model.status import DONE_STATUSES, ITEM_DONE, LAGGING_VERDICTS, ItemProgress, Reason, Status, Verdict

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
    """One indicator at an evaluation: the year's judgement (as in the bulletin), the final target, the trend."""

    indicator_id: str
    year: int
    verdict: Verdict
    target: YearValue  # the final target (an annual target: the one due in the judged year)
    judgement: Judgement | None  # the latest figure up to ``year``, judged as in that year's bulletin
    projection: Projection | None  # to the target's year, on the comparable years up to ``year``
    spread: Spread | None
    points: int  # comparable years up to the evaluation year, the start included
    met_since: int | None  # the first year of the unbroken run of years meeting the final target
    range_meets: tuple[bool, bool] | None = None  # do the spread's low and high ends meet the target?
    meets_final: bool | None = None  # does the judged figure meet the final target?
    years_met: int | None = None  # 每年: how many of the judged years met that year's target …
    years_judged: int | None = None  # … out of how many years with a figure
    tolerance: float | None = None  # the 左右 tolerance a verdict rests on (met, or projected to meet, only by it)
    ended: bool = False  # judged as at the end: 已实现 / 提前实现 / 未实现

    @property
    def figure_year(self) -> int | None:
        """The year of the figure judged (earlier than ``year`` when that year's figure is not in yet)."""
        return self.judgement.year if self.judgement is not None and self.judgement.value is not None else None


def _finite(projection: Projection | None, spread_: Spread | None):
    numbers = [projection.value, projection.slope] if projection else []
    numbers += [spread_.residual, spread_.low, spread_.high] if spread_ else []
    return (projection, spread_) if all(math.isfinite(x) for x in numbers) else (None, None)


def evaluate_indicator(indicator: Indicator, figures: dict[int, YearFigure], years: list[int], year: int, *,
                       region: str = WHOLE_AREA, thresholds: Thresholds = Thresholds(),
                       settings: EvaluationThresholds = EvaluationThresholds(), final: bool = False,
                       judged: tuple[Judgement, ...] | None = None) -> IndicatorEvaluation:
    """Evaluate one indicator (it must have a target) in ``year`` from the figures up to that year;
    ``final``: the 期末评估 (its verdicts are 已实现 / 提前实现 / 未实现); ``judged``: the bulletins' judgements
    of this indicator, reused as they are (without them the same rules judge the figures here)."""
    last = indicator.targets[-1]
    direction, tolerance = direction_of(indicator), thresholds.about_tolerance
    upto = sorted({*(y for y in years if y <= year), year})
    # Judged exactly as the bulletins judge it (stage targets included): the same record, the same numbers.
    series = judge_series(indicator, {y: f for y, f in figures.items() if y <= year}, upto, region=region,
                          whole_area=region == WHOLE_AREA, thresholds=thresholds)
    own = [j for j in (judged if judged is not None else series.judgements) if j.year <= year]
    judgement = next((j for j in reversed(own) if j.value is not None), series.at(year))
    points = list(series.comparable)
    projection = spread_ = None
    if not indicator.annual and year < last.year and len(points) >= 3:
        domain = domain_for(indicator)
        projection = project(points, last.year, last.value, direction, thresholds, domain)
        projection, spread_ = _finite(projection, spread(points, last.year, domain=domain))
    range_meets = tuple(meets(x, last.value, direction, tolerance)
                        for x in (spread_.low, spread_.high)) if spread_ else None
    has_value = judgement is not None and judgement.value is not None
    meets_final = meets(judgement.value, last.value, direction, tolerance) if has_value else None
    met_since = None
    for j in reversed([j for j in own if judgement is not None and j.year <= judgement.year]):
        if j.value is None or not meets(j.value, last.value, direction, tolerance):
            break
        met_since = j.year
    years_met = years_judged = None
    if indicator.annual:
        with_figures = [j for j in own if j.value is not None]
        years_met, years_judged = sum(j.status in DONE_STATUSES for j in with_figures), len(with_figures)
    ended = final or year >= last.year
    target = judgement.target if indicator.annual and judgement and judgement.target else last
    verdict = decide(judgement, projection, met_since, last.year, settings, meets_final=meets_final, ended=ended,
                     all_years_met=None if years_judged is None else years_met == years_judged)
    by_tolerance = (has_value and verdict in _MET_VERDICTS and last.value.approximate
                    and not meets(judgement.value, last.value, direction, 0))
    used = (tolerance if by_tolerance else None) or (judgement.tolerance if judgement else None) \
        or (projection.tolerance if projection and verdict not in LAGGING_VERDICTS else None)
    return IndicatorEvaluation(indicator.id, year, verdict, target, judgement, projection, spread_, len(points),
                               met_since, range_meets, meets_final, years_met, years_judged, used, ended)


_MET_VERDICTS = (Verdict.ACHIEVED_EARLY, Verdict.ACHIEVED)


def decide(j: Judgement | None, projection: Projection | None, met_since: int | None, target_year: int,
           settings: EvaluationThresholds = EvaluationThresholds(), *, meets_final: bool | None = None,
           ended: bool = False, all_years_met: bool | None = None) -> Verdict:
    """The verdict (the rules in this module's docstring, in their order). ``meets_final``: does the judged
    figure meet the final target (None: read from the judgement); ``ended``: judged as at the end;
    ``all_years_met``: for an annual target, did every judged year meet it (None: this year's judgement decides)."""
    if j is None or j.value is None:
        return Verdict.MISSING
    if meets_final is None:
        meets_final = j.status in DONE_STATUSES + (Status.KEPT,) and (j.target is None or j.target.year == target_year)
    if j.annual:
        met = all_years_met if all_years_met is not None else j.status in DONE_STATUSES
        if ended:
            return Verdict.ACHIEVED if met else Verdict.NOT_ACHIEVED
        return Verdict.AS_EXPECTED if met else Verdict.BEHIND
    if ended:
        if not meets_final:
            return Verdict.NOT_ACHIEVED
        if j.reason == Reason.KEPT:  # met from the start and kept: achieved, not “early”
            return Verdict.ACHIEVED
        return Verdict.ACHIEVED_EARLY if met_since is not None and met_since < target_year else Verdict.ACHIEVED
    if meets_final and j.year < target_year and j.status != Status.KEPT:
        return Verdict.ACHIEVED_EARLY
    if j.status in DONE_STATUSES + (Status.KEPT,):
        return Verdict.AS_EXPECTED
    if j.status == Status.NOT_KEPT or j.reason in (Reason.DUE_NOT_MET, Reason.STAGE_MISSED):
        return Verdict.BEHIND
    if j.reason in (Reason.START_AT_BOUND, Reason.AT_STRICT_BOUND) and j.gap_points is None:
        if j.status == Status.ON_TRACK:
            return Verdict.AS_EXPECTED
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


def item_verdict(progress: ItemProgress, ended: bool) -> Verdict:
    """A milestone's or task's progress in an evaluation's words: at the end done or not (已实现 / 未实现)."""
    if progress == ItemProgress.NOT_REPORTED:
        return Verdict.MISSING
    if progress in (ItemProgress.DONE, ItemProgress.DONE_LATE):
        return Verdict.ACHIEVED
    if ended or progress == ItemProgress.OVERDUE:
        return Verdict.NOT_ACHIEVED if ended else Verdict.BEHIND
    return Verdict.BEHIND if progress == ItemProgress.LATE else Verdict.AS_EXPECTED


@dataclass(frozen=True)
class ItemEvaluation:
    item_id: str
    due_year: int
    progress: ItemProgress
    status: str  # the latest state reported up to the evaluation year, or 未报告
    text: str  # what that report said
    report_year: int | None
    verdict: Verdict | None = None  # the progress in an evaluation's words (:func:`item_verdict`)


@dataclass(frozen=True)
class GoalEvaluation:
    """A yes/no or milestone target at an evaluation: its latest judgement up to the year, and the verdict."""

    goal_id: str
    year: int
    verdict: Verdict
    judgement: GoalJudgement | None  # the latest reported year up to ``year`` (as in that year's bulletin)
    report: GoalReport | None  # what was reported then (evidence, document, count)
    years_met: int | None = None  # 每年: years reported 已实现 …
    years_judged: int | None = None  # … out of the years reported
    ended: bool = False


def evaluate_goal(series: GoalSeries, year: int, *, final: bool = False) -> GoalEvaluation:
    """The verdict of one yes/no or milestone target at the evaluation ``year``."""
    goal = series.goal
    judged = [j for j in series.judgements if j.year <= year and j.state is not None]
    latest = judged[-1] if judged else None
    report = series.report(latest.year) if latest else None
    due = None if goal.annual else goal.due
    ended = final or (due is not None and year >= due)
    facts = dict(goal_id=goal.id, year=year, judgement=latest, report=report, ended=ended)
    if latest is None:
        return GoalEvaluation(**facts, verdict=Verdict.MISSING)
    if due is None:
        met = sum(j.status in DONE_STATUSES for j in judged)
        all_met = met == len(judged)
        verdict = (Verdict.ACHIEVED if all_met else Verdict.NOT_ACHIEVED) if ended else \
            (Verdict.AS_EXPECTED if all_met else Verdict.BEHIND)
        return GoalEvaluation(**facts, verdict=verdict, years_met=met, years_judged=len(judged))
    if latest.status in DONE_STATUSES:
        early = latest.achieved_in is not None and latest.achieved_in < due
        return GoalEvaluation(**facts, verdict=Verdict.ACHIEVED_EARLY if early else Verdict.ACHIEVED)
    if ended:
        return GoalEvaluation(**facts, verdict=Verdict.NOT_ACHIEVED)
    if latest.status == Status.NOT_DUE:
        return GoalEvaluation(**facts, verdict=Verdict.NOT_DUE)
    return GoalEvaluation(**facts, verdict=Verdict.BEHIND)


@dataclass(frozen=True)
class PlanEvaluation:
    evaluation: Evaluation
    end_year: int
    indicators: tuple[tuple[Indicator, IndicatorEvaluation], ...]  # plan order
    milestones: tuple[tuple[Column, Milestone, ItemEvaluation], ...]  # started or reported by the evaluation year
    tasks: tuple[tuple[Task, ItemEvaluation], ...]
    goals: tuple[tuple[Goal, GoalEvaluation], ...] = ()  # yes/no and milestone targets, plan order

    def verdicts(self, pairs=None) -> list[tuple[Verdict, int]]:
        counts = Counter(e.verdict for _, e in (self.indicators if pairs is None else pairs))
        return [(v, counts[v]) for v in Verdict if counts[v]]

    def goal_verdicts(self, pairs=None) -> list[tuple[Verdict, int]]:
        return self.verdicts(self.goals if pairs is None else pairs)

    def binding_behind(self) -> list[tuple[Indicator, IndicatorEvaluation]]:
        """约束性 indicators that are 滞后 (at the end: 未实现): named first in the report."""
        return [(i, e) for i, e in self.indicators if i.attribute == "约束性" and e.verdict in LAGGING_VERDICTS]



def progress_counts(items) -> list[tuple[ItemProgress, int]]:
    counts = Counter(item.progress for item in items)
    return [(p, counts[p]) for p in ItemProgress if counts[p]]


def _item(kind: str, item_id: str, due_year: int, results: PlanResults, year: int, ended: bool) -> ItemEvaluation:
    states = [state for y in results.years if y <= year
              for state in ([s for _, _, s in results.milestones.get(y, ())] if kind == "milestone"
                            else [s for _, s in results.tasks.get(y, ())])
              if state.item_id == item_id]
    reports = [s.report for s in states if s.report is not None and not s.carried]
    progress = item_progress([(r.year, r.status) for r in reports], due_year, year)
    latest = max(reports, key=lambda r: r.year, default=None)
    return ItemEvaluation(item_id, due_year, progress, latest.status if latest else NOT_REPORTED,
                          latest.text if latest else "", latest.year if latest else None,
                          item_verdict(progress, ended))


def evaluate_plan(results: PlanResults, evaluation: Evaluation, thresholds: Thresholds = Thresholds(),
                  settings: EvaluationThresholds = EvaluationThresholds()) -> PlanEvaluation:
    plan, period, year = results.plan, results.plan.info.period, evaluation.year
    final = evaluation.kind == Kind.FINAL
    indicators = []
    for indicator in judged_indicators(plan):
        series = results.series.get((indicator.id, WHOLE_AREA))
        figures = {f.year: YearFigure(f.year, f.value, f.definition_changed) for f in (series.figures if series else ())}
        with working_on(f"评估规划 {plan.id} 的指标 {indicator.id}（{plan.full_name(indicator)}），{evaluation.title}"):
            indicators.append((indicator, evaluate_indicator(indicator, figures, list(results.years), year,
                                                             thresholds=thresholds, settings=settings, final=final,
                                                             judged=series.judgements if series else None)))
    # Steps started by the evaluation year, and any reported by then (an early completion counts).
    milestones = []
    for column in plan.columns:
        for m in column.milestones:
            due = milestone_due_year(m, period)
            item = _item("milestone", m.id, due, results, year, final or year >= due)
            if item.report_year is not None or m.year.resolved(period.start, period.end)[0] <= year:
                milestones.append((column, m, item))
    tasks = []
    for t in plan.tasks:
        due = task_due_year(t, period)
        tasks.append((t, _item("task", t.id, due, results, year, final or year >= due)))
    goals = tuple((series.goal, evaluate_goal(series, year, final=final)) for series in results.goals.values())
    return PlanEvaluation(evaluation, period.end, tuple(indicators), tuple(milestones), tuple(tasks), goals)
