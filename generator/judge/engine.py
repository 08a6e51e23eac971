"""Judge a whole plan against its data: every indicator, region and year; every milestone, task and yes/no target."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.activity import working_on
from generator.judge.goals import GoalJudgement, judge_goal_series
from generator.judge.items import ItemState, item_state, milestone_due_year, milestone_listed, task_due_year
from generator.judge.projection import Projection, project
from generator.judge.rules import Judgement, Thresholds
from generator.judge.series import YearFigure, judge_series
from generator.judge.targets import direction_of, domain_for
from generator.model.figures import WHOLE_AREA, Figure, GoalReport, PlanData, ProgressReport
from generator.model.plan import Column, Goal, Milestone, Plan, Task


@dataclass(frozen=True)
class IndicatorSeries:
    """One indicator in one region: its figures, a judgement per year, and the projection."""

    indicator_id: str
    region: str
    figures: tuple[Figure, ...]
    judgements: tuple[Judgement, ...]
    projection: Projection | None

    def at(self, year: int) -> Judgement | None:
        return next((j for j in self.judgements if j.year == year), None)

    def expected_line(self) -> list[tuple[int, float]]:
        """The 序时进度 line: each stretch's start, then the value each year asked for."""
        points: dict[int, float] = {}
        for j in self.judgements:
            if j.expected is not None:
                points.setdefault(j.start.year, j.start.number)
                points[j.year] = j.expected
        return sorted(points.items())

    def latest(self) -> Judgement | None:
        """The most recent year with a figure (a year not reported yet does not hide the last status)."""
        return next((j for j in reversed(self.judgements) if j.value is not None), None)


@dataclass(frozen=True)
class GoalSeries:
    """A yes/no or milestone target: what was reported each year, and a judgement per year."""

    goal: Goal
    reports: tuple[GoalReport, ...]
    judgements: tuple[GoalJudgement, ...]

    def at(self, year: int) -> GoalJudgement | None:
        return next((j for j in self.judgements if j.year == year), None)

    def report(self, year: int) -> GoalReport | None:
        return next((r for r in self.reports if r.year == year), None)

    def latest(self) -> GoalJudgement | None:
        """The most recent year with a report (a year not reported yet does not hide the last state)."""
        return next((j for j in reversed(self.judgements) if j.state is not None), None)


@dataclass(frozen=True)
class PlanResults:
    plan: Plan
    years: tuple[int, ...]  # years with data, within the plan period
    series: dict[tuple[str, str], IndicatorSeries]  # (indicator id, region) → series
    milestones: dict[int, tuple[tuple[Column, Milestone, ItemState], ...]]  # year → steps scheduled or reported then
    tasks: dict[int, tuple[tuple[Task, ItemState], ...]]
    sample: bool  # any figure or report is 示例数据
    goals: dict[str, GoalSeries] = field(default_factory=dict)  # goal id → series, in plan order

    @property
    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def judgement(self, indicator_id: str, year: int, region: str = WHOLE_AREA) -> Judgement | None:
        series = self.series.get((indicator_id, region))
        return series.at(year) if series else None


def judged_indicators(plan: Plan):
    """Indicators that have targets (a parent that only groups its sub-items has none)."""
    return [i for i in plan.indicators if i.targets]


def _series(indicator, region: str, figures: list[Figure], years: list[int], thresholds: Thresholds) -> IndicatorSeries:
    whole_area = region == WHOLE_AREA
    by_year = {f.year: YearFigure(f.year, f.value, f.definition_changed) for f in figures}
    judged = judge_series(indicator, by_year, years, region=region, whole_area=whole_area, thresholds=thresholds)
    # A county is shown for the years it reported (a row, even a blank one); the whole area for every year.
    judgements = tuple(j for j in judged.judgements if whole_area or j.year in by_year)
    points = list(judged.comparable)
    final = indicator.targets[-1]
    projection = (project(points, final.year, final.value, direction_of(indicator), thresholds, domain_for(indicator))
                  if len(points) >= 3 and not indicator.annual else None)
    return IndicatorSeries(indicator.id, region, tuple(sorted(figures, key=lambda f: f.year)), judgements, projection)


def judge_plan(plan: Plan, data: PlanData, thresholds: Thresholds | None = None) -> PlanResults:
    info = plan.info
    thresholds = thresholds or Thresholds(about_tolerance=info.about_tolerance or Thresholds.about_tolerance)
    reported = [y for y in data.years if info.period.start <= y <= info.period.end]
    # Every year from the first to the latest with data: a year nobody reported shows as 数据暂缺.
    years = list(range(reported[0], reported[-1] + 1)) if reported else []
    by_key: dict[tuple[str, str], list[Figure]] = {}
    for figure in data.figures:
        by_key.setdefault((figure.indicator_id, figure.region), []).append(figure)
    series = {}
    for indicator in judged_indicators(plan):
        for region in (WHOLE_AREA, *info.regions):
            figures = by_key.get((indicator.id, region), [])
            if region != WHOLE_AREA and not figures:
                continue
            with working_on(f"研判规划 {plan.id} 的指标 {indicator.id}（{plan.full_name(indicator)}），地区：{region or '全域'}"):
                series[(indicator.id, region)] = _series(indicator, region, figures, years, thresholds)

    reports: dict[tuple[str, str], dict[int, ProgressReport]] = {}
    for r in data.reports:
        reports.setdefault((r.kind, r.item_id), {})[r.year] = r
    milestones, tasks = {}, {}
    for year in years:
        listed = []
        for column in plan.columns:
            for m in column.milestones:
                by_year = reports.get(("milestone", m.id), {})
                if milestone_listed(m, info.period, year, by_year):
                    listed.append((column, m, item_state("milestone", m.id, milestone_due_year(m, info.period),
                                                         by_year, year)))
        milestones[year] = tuple(listed)
        tasks[year] = tuple((t, item_state("task", t.id, task_due_year(t, info.period),
                                           reports.get(("task", t.id), {}), year)) for t in plan.tasks)
    goals = {}
    for goal in plan.goals:
        reported = tuple(sorted((r for r in data.goal_reports if r.goal_id == goal.id), key=lambda r: r.year))
        with working_on(f"研判规划 {plan.id} 的目标 {goal.id}（{goal.name}）"):
            goals[goal.id] = GoalSeries(goal, reported, judge_goal_series(goal, {r.year: r.state for r in reported}, years))
    return PlanResults(plan, tuple(years), series, milestones, tasks, data.is_sample, goals)

