"""The monitoring rules (测算方法): how an indicator's status is decided, as pure functions.

Read together with the methodology page (templates/methodology.md.j2, whose case table is computed
by these functions); the two say the same thing, one for the computer and one for readers.
The rules, in the order :func:`judge` applies them:

1. No target: 无法测算. No figure: 数据暂缺 — a missing value is never guessed.
2. An annual target (每年…) is judged each year against itself: met, or short by how much.
3. A measured start that already met the target (100 → 100; 保持90%以上 from a base of 92):
   the question is whether it was kept (保持 / 未保持).
4. A value that meets the target: 提前完成 before the target year, 按期完成 in it. A 保持 target
   that had been reached before (or is met in the series' first year): 保持.
5. A target met earlier towards the same target year and now missed: 未保持 (回落). A 保持 target
   not yet reached is not 未保持: like any other target it is still to be reached (rules 6–10).
6. A year whose definition changed (口径变化) starts a new series: 无法测算 that year.
7. In or after the target year, not met: 滞后 (到期未完成).
8. No start yet (no base value, first year with a figure): 无法测算.
9. A start equal to a strict bound's number (98 → >98): not yet met, completion cannot be
   computed: 滞后, 黄灯.
10. Otherwise 序时进度: 完成度 = (value − start) / (target − start) against the share of the
    stretch elapsed; lower-is-better indicators use the same formula (both differences negative).

Lights: green for 完成 / 达到序时 / 保持; lagging by less than ``orange_from`` points is yellow,
up to ``red_from`` orange, beyond red; 未保持 is red. The judge returns numbers and reason codes
only; the sentences are written by generator/render/explain.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.judge.targets import Direction, direction_of, goal_number, meets, met_by_tolerance, signed, target_for
from generator.model.plan import Indicator, YearValue
from generator.model.status import LAGGING, Light, Measure, Reason, StartKind, Status
from generator.model.written_value import WrittenValue


@dataclass(frozen=True)
class Thresholds:
    """Settings a plan's author may change (plan.yaml / site_config)."""

    about_tolerance: float = 0.05  # “左右”: within ±5 % of the number
    orange_from: float = 10.0  # lagging by this many points or more: 橙灯 (less: 黄灯)
    red_from: float = 30.0  # … by more than this: 红灯


@dataclass(frozen=True)
class Start:
    """Where the current stretch of progress is measured from."""

    year: int
    value: WrittenValue
    kind: StartKind

    @property
    def number(self) -> float:
        return self.value.number

    @property
    def text(self) -> str:
        return self.value.text


@dataclass(frozen=True)
class Judgement:
    """The status of one indicator, region and year, with every number that produced it."""

    indicator_id: str
    region: str
    year: int
    value: WrittenValue | None
    status: Status
    reason: Reason
    direction: Direction
    target: YearValue | None = None
    start: Start | None = None
    schedule_share: float | None = None  # 序时进度, 0–1
    expected: float | None = None  # the value 序时进度 asks for this year
    completion: float | None = None  # 完成度 (may exceed 1 or fall below 0)
    gap_points: float | None = None  # completion − schedule, in percentage points (+ ahead)
    gap_unit: float | None = None  # value − expected, in the indicator's unit (+ better)
    goal: float | None = None  # the target's number progress is measured to (a range's near end)
    margin: float | None = None  # beyond (+) or short of (−) the goal, in the indicator's unit
    light: Light | None = None
    definition_changed: bool = False
    tolerance: float | None = None  # the 左右 tolerance, when the target was met only thanks to it
    annual: bool = False
    # The one measure that sets the light, in points (+ ahead, − behind): 完成度 − 序时进度, or, where no
    # 序时进度 applies (每年, 保持, bounds), the shortfall from the target in percent of it. Views print it
    # beside the light and sort “by how far behind” by it (generator/judge/rollup.py).
    measure: float | None = None
    measure_basis: Measure | None = None

    @property
    def lagging(self) -> bool:
        return self.status in LAGGING


def band(lag_points: float, thresholds: Thresholds) -> Light:
    """The light of a lagging figure: never green (it lags), worse with the lag."""
    lag = round(lag_points, 6)  # 0.5 − 0.6 must be exactly 10 points behind, not 9.999…
    if lag > thresholds.red_from:
        return Light.RED
    if lag >= thresholds.orange_from:
        return Light.ORANGE
    return Light.YELLOW


def judge(indicator: Indicator, year: int, value: WrittenValue | None, start: Start | None = None, *,
          region: str = "", thresholds: Thresholds = Thresholds(), definition_changed: bool = False,
          met_before: bool = False) -> Judgement:
    """Decide the status of one indicator value (the rules in this module's docstring).

    ``start`` is where this stretch is measured from (see generator/judge/series.py); ``met_before``
    says the target now due was already met in an earlier year of the same series.
    """
    direction = direction_of(indicator)
    facts = dict(indicator_id=indicator.id, region=region, year=year, value=value, direction=direction,
                 definition_changed=definition_changed, annual=indicator.annual)
    if not indicator.targets:
        return Judgement(**facts, status=Status.CANNOT, reason=Reason.NO_TARGET)
    target = target_for(indicator, year)
    goal, tolerance = target.value, thresholds.about_tolerance
    facts.update(target=target)
    if value is None:
        return Judgement(**facts, status=Status.MISSING, reason=Reason.NO_VALUE)
    met = meets(value, goal, direction, tolerance)
    n = goal_number(goal, direction)
    margin = signed(value.number - n, direction)
    facts.update(goal=n, margin=margin if math.isfinite(margin) else None,
                 tolerance=tolerance if met_by_tolerance(value, goal, direction, tolerance) else None)

    if indicator.annual:
        return _annual(facts, met, value.number, n, direction, thresholds)
    level = dict(measure=-_shortfall(value.number, n, direction) if not met else 0.0, measure_basis=Measure.SHORTFALL)
    # Only a start that was measured (not a planned stage target) can have already met the target.
    measured_start = start is not None and start.year < year and start.kind != StartKind.STAGE_TARGET
    if measured_start and meets(start.value, goal, direction, tolerance):
        facts.update(start=start)
        if met:
            return Judgement(**facts, **level, status=Status.KEPT, reason=Reason.KEPT, light=Light.GREEN)
        return Judgement(**facts, **level, status=Status.NOT_KEPT, reason=Reason.LOST, light=Light.RED)
    facts.update(start=start)
    if met and goal.maintain and (met_before or start is None or start.year >= year):
        # 保持: reached earlier in the plan and still there; or met in the series' first year.
        reason = Reason.STILL_MET if met_before else Reason.KEPT
        return Judgement(**facts, **level, status=Status.KEPT, reason=reason, light=Light.GREEN)
    if met:
        status = Status.DONE_EARLY if year < target.year else Status.DONE
        return Judgement(**facts, **level, status=status, reason=Reason.MET, light=Light.GREEN)
    if met_before:
        return Judgement(**facts, **level, status=Status.NOT_KEPT, reason=Reason.FELL_BACK, light=Light.RED)
    if definition_changed:
        return Judgement(**facts, status=Status.CANNOT, reason=Reason.NEW_DEFINITION)
    measured = start is not None and start.year < year
    progress = _progress(start, year, target, value.number, n) if measured else None
    short = _shortfall(value.number, n, direction)
    by_progress = dict(measure=progress["gap_points"], measure_basis=Measure.COMPLETION_GAP) if progress else {}
    by_shortfall = dict(measure=-short, measure_basis=Measure.SHORTFALL)
    if measured and start.kind == StartKind.STAGE_TARGET and not meets(value, start.value, direction, tolerance):
        # Below the intermediate target that was due before the data begin.
        if progress:
            return Judgement(**facts, **progress, **by_progress, status=Status.BEHIND, reason=Reason.STAGE_MISSED,
                             light=band(-progress["gap_points"], thresholds))
        return Judgement(**facts, **by_shortfall, status=Status.BEHIND, reason=Reason.STAGE_MISSED,
                         light=band(short, thresholds))
    if progress is None and measured and start.number == n and year < target.year:
        return Judgement(**facts, **by_shortfall, status=Status.BEHIND, reason=Reason.START_AT_BOUND,
                         light=Light.YELLOW)
    if goal.comparator in (">", "<") and value.number == n:
        # Level with a strict bound's number (98 against >98): the target asks for more; no 完成度 of 100 %.
        if year >= target.year or not measured or progress is None:
            return Judgement(**facts, **by_shortfall, status=Status.BEHIND, reason=Reason.AT_STRICT_BOUND,
                             light=band(short, thresholds))
        on_time = {k: progress[k] for k in ("schedule_share", "expected", "gap_unit")}
        return Judgement(**facts, **on_time, **by_shortfall, status=Status.ON_TRACK, reason=Reason.AT_STRICT_BOUND,
                         light=Light.GREEN)
    if year >= target.year:
        light = band(-progress["gap_points"], thresholds) if progress else Light.RED
        return Judgement(**facts, **(progress or {}), **(by_progress or by_shortfall), status=Status.BEHIND,
                         reason=Reason.DUE_NOT_MET, light=light)
    if not measured:
        return Judgement(**facts, status=Status.CANNOT, reason=Reason.NO_START)
    if progress is None:
        return Judgement(**facts, status=Status.CANNOT, reason=Reason.OUT_OF_RANGE)
    if round(progress["completion"] - progress["schedule_share"], 9) >= 0:
        return Judgement(**facts, **progress, **by_progress, status=Status.ON_TRACK, reason=Reason.ON_SCHEDULE,
                         light=Light.GREEN)
    return Judgement(**facts, **progress, **by_progress, status=Status.BEHIND, reason=Reason.BEHIND_SCHEDULE,
                     light=band(-progress["gap_points"], thresholds))


def _shortfall(number: float, n: float, direction: Direction) -> float:
    """How far a value falls short of a target's number, in percent of what the target asks (0 when it does not):
    the measure of lights that no 序时进度 sets (每年, 保持, bounds reached or not)."""
    if signed(number - n, direction) >= 0:
        return 0.0
    achieved = (number / n if direction == "higher" else n / number) if n > 0 and number > 0 else 0.0
    lag = (1 - achieved) * 100 if math.isfinite(achieved) else 100.0
    return min(max(lag, 0.0), 100.0)


def _annual(facts: dict, met: bool, number: float, n: float, direction: Direction, thresholds: Thresholds) -> Judgement:
    """每年…: this year's figure against this year's target; the shortfall as a share of the target."""
    if met:
        return Judgement(**facts, status=Status.DONE, reason=Reason.ANNUAL_MET, light=Light.GREEN, measure=0.0,
                         measure_basis=Measure.SHORTFALL)
    # Missed by equality (1500 against >1500) still falls short: the lightest band, never green.
    lag = _shortfall(number, n, direction)
    return Judgement(**facts, status=Status.BEHIND, reason=Reason.ANNUAL_SHORT, light=band(lag, thresholds),
                     measure=-lag, measure_basis=Measure.SHORTFALL)


def _progress(start: Start, year: int, target: YearValue, number: float, n: float) -> dict | None:
    """序时进度 and 完成度 for a stretch from ``start`` to ``target``; None where they cannot be computed."""
    distance = n - start.number
    if distance == 0 or target.year <= start.year:
        return None
    share = min((year - start.year) / (target.year - start.year), 1.0)
    completion = (number - start.number) / distance
    expected = start.number + share * distance
    numbers = dict(schedule_share=share, completion=completion, expected=expected,
                   gap_points=(completion - share) * 100, gap_unit=(number - expected) * (1 if distance > 0 else -1))
    return numbers if all(math.isfinite(x) for x in numbers.values()) else None
