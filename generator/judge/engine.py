"""Judge a whole plan against its data: every indicator, region and year; every milestone and task."""

from __future__ import annotations

from dataclasses import dataclass

from generator.judge.projection import Projection, project
from generator.judge.rules import Judgement, Thresholds, direction_of, judge
from generator.model.figures import WHOLE_AREA, Figure, PlanData, ProgressReport
from generator.model.plan import Column, Milestone, Plan, Task, YearValue

NOT_REPORTED = "未报告"


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


@dataclass(frozen=True)
class ItemState:
    """A milestone or task in one year: the reported state, or 未报告."""

    kind: str  # "milestone" | "task"
    item_id: str
    year: int
    status: str
    text: str = ""
    spent: float | None = None
    report: ProgressReport | None = None


@dataclass(frozen=True)
class PlanResults:
    plan: Plan
    years: tuple[int, ...]  # years with data, within the plan period
    series: dict[tuple[str, str], IndicatorSeries]  # (indicator id, region) → series
    milestones: dict[int, tuple[tuple[Column, Milestone, ItemState], ...]]  # year → milestones due that year
    tasks: dict[int, tuple[tuple[Task, ItemState], ...]]
    sample: bool  # any figure or report is 示例数据

    @property
    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def judgement(self, indicator_id: str, year: int, region: str = WHOLE_AREA) -> Judgement | None:
        series = self.series.get((indicator_id, region))
        return series.at(year) if series else None

    def regions_of(self, indicator_id: str) -> list[str]:
        return [r for r in self.plan.info.regions if (indicator_id, r) in self.series]


def judged_indicators(plan: Plan):
    """Indicators that have targets (a parent that only groups its sub-items has none)."""
    return [i for i in plan.indicators if i.targets]


def _series(plan: Plan, indicator, region: str, figures: list[Figure], years: list[int],
            thresholds: Thresholds) -> IndicatorSeries:
    by_year = {f.year: f for f in figures}
    reported = sorted((f for f in figures if f.value is not None and not f.definition_changed), key=lambda f: f.year)
    first = YearValue(year=reported[0].year, value=reported[0].value) if reported and not indicator.base else None
    judgements = []
    for year in years:
        figure = by_year.get(year)
        if figure is None and region != WHOLE_AREA:
            continue  # a county without a row that year is simply not shown
        judgements.append(judge(indicator, year, figure.value if figure else None, region,
                                figure.definition_changed if figure else False, thresholds, first))
    points = [(f.year, f.value.number) for f in sorted(figures, key=lambda f: f.year) if f.value is not None]
    if region == WHOLE_AREA and indicator.base and not any(f.definition_changed for f in figures):
        points = [(indicator.base.year, indicator.base.value.number), *points]
    final = indicator.targets[-1]
    projection = project(points, final.year, final.value, direction_of(indicator), thresholds) if len(points) >= 3 else None
    return IndicatorSeries(indicator.id, region, tuple(sorted(figures, key=lambda f: f.year)), tuple(judgements), projection)


def _state(kind: str, item_id: str, year: int, reports: dict) -> ItemState:
    report = reports.get((kind, item_id, year))
    if report is None:
        return ItemState(kind, item_id, year, NOT_REPORTED)
    return ItemState(kind, item_id, year, report.status, report.text, report.spent, report)


def judge_plan(plan: Plan, data: PlanData, thresholds: Thresholds | None = None) -> PlanResults:
    info = plan.info
    thresholds = thresholds or Thresholds(about_tolerance=info.about_tolerance or Thresholds.about_tolerance)
    years = [y for y in data.years if info.period.start <= y <= info.period.end]
    by_key: dict[tuple[str, str], list[Figure]] = {}
    for figure in data.figures:
        by_key.setdefault((figure.indicator_id, figure.region), []).append(figure)
    series = {}
    for indicator in judged_indicators(plan):
        for region in (WHOLE_AREA, *info.regions):
            figures = by_key.get((indicator.id, region), [])
            if region != WHOLE_AREA and not figures:
                continue
            series[(indicator.id, region)] = _series(plan, indicator, region, figures, years, thresholds)

    reports = {(r.kind, r.item_id, r.year): r for r in data.reports}
    milestones, tasks = {}, {}
    for year in years:
        milestones[year] = tuple(
            (column, m, _state("milestone", m.id, year, reports))
            for column in plan.columns for m in column.milestones
            if m.year.covers(year, info.period.start, info.period.end))
        tasks[year] = tuple((t, _state("task", t.id, year, reports)) for t in plan.tasks)
    return PlanResults(plan, tuple(years), series, milestones, tasks, data.is_sample)

