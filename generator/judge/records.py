"""The judge's records: everything the views state, computed once before anything is rendered.

generator/judge/site.py fills them (the pipeline calls it right after loading); the render stage
imports only this module from judge/, so no page, PDF or download can judge on its own or round a
number its own way. A view selects records and words them (generator/render/wording.py).

The record types the rules already return (a year's :class:`Judgement`, a series, an evaluation)
are named here too, so that render reads them from one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.judge.engine import GoalSeries, IndicatorSeries, ItemState, PlanResults
from generator.judge.evaluation import (KIND_WORDS, Evaluation, IndicatorEvaluation, ItemEvaluation, Kind,
                                        PlanEvaluation)
from generator.judge.goals import GoalJudgement
from generator.judge.projection import Projection, Spread
from generator.judge.rules import Judgement, Start
from generator.judge.targets import Direction
from generator.model.plan import Goal, Indicator, YearValue
from generator.model.status import LAGGING, Light, Status
from generator.model.written_value import WrittenValue

__all__ = ["KIND_WORDS", "Evaluation", "EvaluationRecord", "GoalJudgement", "GoalSeries", "IndicatorEvaluation",
           "IndicatorSeries", "ItemEvaluation", "ItemState", "JudgedPlan", "JudgedSite", "Kind", "PlanEvaluation",
           "PlanResults", "Projection", "ProjectionRecord", "Spread", "Standing", "Start", "YearRecord", "LightBasis",
           "GapBasis"]

# What a standing's gap is measured against.
GapBasis = str  # "schedule" (the 序时 requirement) | "target" (the target's number) | ""
# What set a light: "completion" (完成度 behind 序时进度, in points), "annual" (short of the year's
# target, in % of it), "" (the rule alone: 未保持, 起点等于界值, 到期未达到而无法计算完成度, green).
LightBasis = str

_LIGHT_RANK = {Light.RED: 0, Light.ORANGE: 1, Light.YELLOW: 2}


@dataclass(frozen=True)
class ProjectionRecord:
    """Where the trend leads by the target year, inside the indicator's domain."""

    year: int
    value: float  # rounded as the indicator's figures are, within the domain (a share ≤ 100, counts whole ≥ 0)
    bound: str  # "" or the domain limit the trend runs past: "upper" | "lower"
    points: int  # how many years the line was fitted on
    would_meet: bool


@dataclass(frozen=True)
class Standing:
    """One indicator in one region and year: every number a view states about it, rounded once.

    ``requirement`` is the 序时 requirement at the precision the figures are written in, rounded the way
    that keeps the comparison true; ``gap`` the value against it (or against the target's number), in
    the indicator's unit; ``completion`` and ``schedule`` in percent (one decimal); ``lag`` the measure
    that set the light, so that a list sorted by how far behind is sorted by it."""

    indicator: Indicator
    name: str
    judgement: Judgement
    unit: str | None
    places: int  # decimals the indicator's figures are written with
    percent: bool  # a share: differences are 个百分点
    requirement: float | None
    gap: float | None
    gap_basis: GapBasis
    completion: float | None
    schedule: float | None
    lag: float | None
    lag_basis: LightBasis
    projection: ProjectionRecord | None = None

    @property
    def year(self) -> int:
        return self.judgement.year

    @property
    def region(self) -> str:
        return self.judgement.region

    @property
    def status(self) -> Status:
        return self.judgement.status

    @property
    def light(self) -> Light | None:
        return self.judgement.light

    @property
    def value(self) -> WrittenValue | None:
        return self.judgement.value

    @property
    def target(self) -> YearValue | None:
        return self.judgement.target

    @property
    def stage_target(self) -> bool:
        """The target used is an intermediate one (a 2022 column), not the plan's last."""
        return bool(self.target and self.indicator.targets and self.target.year != self.indicator.targets[-1].year)

    @property
    def tolerance(self) -> float | None:
        return self.judgement.tolerance

    @property
    def lagging(self) -> bool:
        return self.status in LAGGING

    @property
    def definition_changed(self) -> bool:
        return self.judgement.definition_changed

    @property
    def attribute(self) -> str | None:
        return self.indicator.attribute

    def behind_key(self) -> tuple:
        """按落后程度排列: lagging first, by the light (red first), then by the measure that set it (the
        furthest behind first); a stable sort keeps the rest in plan order."""
        if not self.lagging:
            return (1, 0, 0.0)
        return (0, _LIGHT_RANK.get(self.light, 3), -(self.lag or 0.0))

    def binding_first_key(self) -> tuple:
        """As :meth:`behind_key`, with the lagging 约束性 indicators before every other (a bulletin's order)."""
        return (0 if self.lagging and self.attribute == "约束性" else 1, *self.behind_key())


@dataclass(frozen=True)
class YearRecord:
    """A plan's year (or, with ``year`` None, each indicator's latest figure) as the reports count it."""

    year: int | None
    standings: tuple[Standing, ...]  # whole area, plan order
    counts: tuple[tuple[str, int], ...]
    by_attribute: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    by_column: dict[int, tuple[tuple[str, int], ...]]
    by_region: dict[str, tuple[tuple[str, int], ...]]
    by_unit: dict[str, tuple[tuple[str, int], ...]]
    goals: tuple[tuple[Goal, GoalJudgement], ...]  # plan order
    task_counts: tuple[tuple[str, int], ...]

    @property
    def alerts(self) -> tuple[Standing, ...]:
        """预警: 约束性 indicators behind schedule or not kept."""
        return tuple(s for s in self.standings if s.attribute == "约束性" and s.lagging)


@dataclass(frozen=True)
class EvaluationRecord:
    """An evaluation with the standings of its year (the bulletin's numbers) and the years it rests on."""

    report: PlanEvaluation
    standings: dict[str, Standing]  # indicator id → the whole area's standing in the evaluation year
    measured: dict[str, Standing]  # indicator id → the evaluation's own judgement (against the final target)
    data_years: tuple[int, ...]  # years with figures up to the evaluation year
    bulletin: bool  # the evaluation year has a bulletin to link to

    @property
    def evaluation(self) -> Evaluation:
        return self.report.evaluation


@dataclass(frozen=True)
class JudgedPlan:
    """One plan, judged: the rule results, a standing for every indicator, region and year, each
    year's counts, each indicator's latest, and the evaluations its data reach."""

    results: PlanResults
    directions: dict[str, Direction]
    standings: dict[tuple[str, str, int], Standing]  # (indicator id, region, year)
    by_year: dict[int, YearRecord]
    newest: YearRecord  # each indicator's latest figure
    evaluations: tuple[EvaluationRecord, ...]
    judged: tuple[Indicator, ...]  # the indicators with targets, plan order

    @property
    def plan(self):
        return self.results.plan

    @property
    def years(self) -> tuple[int, ...]:
        return self.results.years

    @property
    def series(self):
        return self.results.series

    @property
    def milestones(self):
        return self.results.milestones

    @property
    def tasks(self):
        return self.results.tasks

    @property
    def goals(self):
        return self.results.goals

    @property
    def sample(self) -> bool:
        return self.results.sample

    @property
    def latest_year(self) -> int | None:
        return self.results.latest_year

    def judgement(self, indicator_id: str, year: int, region: str = "") -> Judgement | None:
        return self.results.judgement(indicator_id, year, region)

    def standing(self, indicator_id: str, year: int, region: str = "") -> Standing | None:
        return self.standings.get((indicator_id, region, year))

    def series_standings(self, indicator_id: str, region: str = "") -> list[Standing]:
        series = self.results.series.get((indicator_id, region))
        return [self.standings[(indicator_id, region, j.year)] for j in series.judgements] if series else []

    def latest_standing(self, indicator_id: str, region: str = "") -> Standing | None:
        """The most recent year with a figure; without any, the latest year's 数据暂缺."""
        rows = self.series_standings(indicator_id, region)
        return next((s for s in reversed(rows) if s.value is not None), rows[-1] if rows else None)

    def year(self, year: int) -> YearRecord:
        return self.by_year[year]


@dataclass(frozen=True)
class JudgedSite:
    plans: list[JudgedPlan] = field(default_factory=list)
