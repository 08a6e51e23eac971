"""One indicator's figures in one region, year after year: where each stretch starts, what was met.

Pure functions. The rules of a single year are in :mod:`generator.judge.rules`; this module
decides what each year is measured from:

- the plan's base value — for the whole plan area only; a county never borrows the city's base;
- without one, the series' own first year with a figure;
- after an intermediate target year, what was actually achieved that year (or the latest figure
  before it), not what was planned; with no figure since the last start (data that begin after the
  intermediate year), the intermediate target itself: a 2023 figure is measured from the 2022
  target that was due, never by 序时 from the base across it;
- after a change of definition (口径变化), the changed year: the old figures are not comparable
  (consecutive flagged years are one change: staff often flag every year on the new definition).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.activity import working_on
from generator.judge.rules import Judgement, Start, Thresholds, judge
from generator.judge.targets import Direction, direction_of, goal_number, target_for
from generator.model.plan import Indicator, YearValue
from generator.model.status import DONE_STATUSES, StartKind
from generator.model.written_value import WrittenValue


@dataclass(frozen=True)
class YearFigure:
    """What the series needs of one year's figure."""

    year: int
    value: WrittenValue | None
    definition_changed: bool = False


@dataclass(frozen=True)
class SeriesJudgements:
    judgements: tuple[Judgement, ...]
    comparable: tuple[tuple[int, float], ...]  # (year, number) on one definition, for the projection

    def at(self, year: int) -> Judgement | None:
        return next((j for j in self.judgements if j.year == year), None)


def base_start(indicator: Indicator, whole_area: bool) -> Start | None:
    if whole_area and indicator.base is not None:
        base = indicator.base
        return Start(base.year, base.value, StartKind.BASE)
    return None


def judge_series(indicator: Indicator, figures: dict[int, YearFigure], years: list[int], *, region: str = "",
                 whole_area: bool = True, thresholds: Thresholds = Thresholds()) -> SeriesJudgements:
    """A judgement for every year in ``years`` (a year without a figure: 数据暂缺)."""
    start = base_start(indicator, whole_area)
    comparable: list[Start] = [start] if start else []
    stage = None  # the target year the current stretch leads to
    met_before = previous_flagged = False
    judgements = []
    for year in years:
        figure = figures.get(year) or YearFigure(year, None)
        if indicator.targets and not indicator.annual:
            due = target_for(indicator, year).year
            # Every intermediate target year passed since the last one judged — also those before the
            # first year with data: each governs its own stretch and starts the next one.
            for passed in indicator.targets:
                if (stage is None or passed.year >= stage) and passed.year < due:
                    start = _achieved_by(passed, comparable, start, direction_of(indicator))
                    met_before = False
            stage = due
        value = figure.value
        # Staff often flag every year on the new definition: a run of flags is one change, from its first year.
        changed = figure.definition_changed and value is not None and not previous_flagged
        if changed:
            start = Start(year, value, StartKind.NEW_DEFINITION)
            comparable, met_before = [], False
        elif value is not None and start is None:
            start = Start(year, value, StartKind.FIRST_REPORTED)
        with working_on(f"{year} 年"):
            judgement = judge(indicator, year, value, start, region=region, thresholds=thresholds,
                              definition_changed=changed, met_before=met_before)
        # The page shows the flag as reported, also on the later years of a run of flags.
        judgements.append(replace(judgement, definition_changed=figure.definition_changed and value is not None))
        if value is not None:
            previous_flagged = figure.definition_changed
            comparable.append(Start(year, value, StartKind.STAGE))
            met_before = met_before or judgement.status in DONE_STATUSES
    return SeriesJudgements(tuple(judgements), tuple((s.year, s.number) for s in comparable))


def _achieved_by(stage: YearValue, comparable: list[Start], start: Start | None, direction: Direction) -> Start:
    """The next stretch starts from the figure of the intermediate target year, else the latest before it
    (after the current start); with no such figure, from the intermediate target itself: what was due then."""
    achieved = [s for s in comparable if s.year <= stage.year and (start is None or s.year > start.year)]
    if achieved:
        return achieved[-1]
    planned = stage.value.model_copy(update={"number": goal_number(stage.value, direction)})
    return Start(stage.year, planned, StartKind.STAGE_TARGET)
