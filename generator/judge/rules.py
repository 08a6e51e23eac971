"""The monitoring rules (测算方法): how an indicator's status is decided, as pure functions.

Read together with the methodology page (templates/methodology.md.j2, whose case table is computed
by these functions); the two say the same thing, one for the computer and one for readers.
The rules, in the order :func:`judge` applies them:

1. No target: 无法测算. No figure: 数据暂缺 — a missing value is never guessed.
2. An annual target (每年…) is judged each year against itself: met, or short by how much.
3. A start that already met the target (100 → 100, 保持90%以上), or a target written 保持:
   the question is whether it was kept (保持 / 未保持).
4. A value that meets the target: 提前完成 before the target year, 按期完成 in it.
5. A target met earlier towards the same target year and now missed: 未保持 (回落).
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
from generator.model.status import LAGGING, Light, Reason, StartKind, Status
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
    if start is not None and start.year < year and (goal.maintain or meets(start.value, goal, direction, tolerance)):
        facts.update(start=start)
        if met:
            return Judgement(**facts, status=Status.KEPT, reason=Reason.KEPT, light=Light.GREEN)
        return Judgement(**facts, status=Status.NOT_KEPT, reason=Reason.LOST, light=Light.RED)
    if goal.maintain and (start is None or start.year >= year):
        status, reason = (Status.KEPT, Reason.KEPT) if met else (Status.NOT_KEPT, Reason.LOST)
        return Judgement(**facts, status=status, reason=reason, light=Light.GREEN if met else Light.RED)
    facts.update(start=start)
    if met:
        status = Status.DONE_EARLY if year < target.year else Status.DONE
        return Judgement(**facts, status=status, reason=Reason.MET, light=Light.GREEN)
    if met_before:
        return Judgement(**facts, status=Status.NOT_KEPT, reason=Reason.FELL_BACK, light=Light.RED)
    if definition_changed:
        return Judgement(**facts, status=Status.CANNOT, reason=Reason.NEW_DEFINITION)
    progress = _progress(start, year, target, value.number, n) if start is not None and start.year < year else None
    if progress is None and start is not None and start.year < year and start.number == n and year < target.year:
        return Judgement(**facts, status=Status.BEHIND, reason=Reason.START_AT_BOUND, light=Light.YELLOW)
    if year >= target.year:
        light = band(-progress["gap_points"], thresholds) if progress else Light.RED
        return Judgement(**facts, **(progress or {}), status=Status.BEHIND, reason=Reason.DUE_NOT_MET, light=light)
    if start is None or start.year >= year:
        return Judgement(**facts, status=Status.CANNOT, reason=Reason.NO_START)
    if progress is None:
        return Judgement(**facts, status=Status.CANNOT, reason=Reason.OUT_OF_RANGE)
    if round(progress["completion"] - progress["schedule_share"], 9) >= 0:
        return Judgement(**facts, **progress, status=Status.ON_TRACK, reason=Reason.ON_SCHEDULE, light=Light.GREEN)
    return Judgement(**facts, **progress, status=Status.BEHIND, reason=Reason.BEHIND_SCHEDULE,
                     light=band(-progress["gap_points"], thresholds))


def _annual(facts: dict, met: bool, number: float, n: float, direction: Direction, thresholds: Thresholds) -> Judgement:
    """每年…: this year's figure against this year's target; the shortfall as a share of the target."""
    if met:
        return Judgement(**facts, status=Status.DONE, reason=Reason.ANNUAL_MET, light=Light.GREEN)
    achieved = (number / n if direction == "higher" else n / number) if n > 0 and number > 0 else 0.0
    lag = (1 - achieved) * 100 if math.isfinite(achieved) else 100.0
    return Judgement(**facts, status=Status.BEHIND, reason=Reason.ANNUAL_SHORT, light=band(max(lag, 0.0), thresholds))


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
