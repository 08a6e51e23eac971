"""The monitoring rules (测算方法): how an indicator's status is decided, as pure functions.

Read together with the methodology text published on the site (templates/methodology.md.j2);
the two say the same thing, one for the computer and one for readers.

- 序时进度 (time share): the part of the way from the start point (the base year, or the last
  intermediate target already passed) to the next target year that has elapsed.
- 完成度 (completion): (value − start) / (target − start). Lower-is-better indicators use the
  same formula; both differences are negative.
- A target the start already met (100 → 100, 保持90%以上) asks whether it was kept.
- A bound (>98, ≥2, <0.5) is met or not met, and by how much.
- 左右 is met within a tolerance; a range (5—6) is met on reaching its near end.
- Where the plan gives no base value, the first year with data is the start point; that
  first year itself cannot be measured.
- A missing value is never guessed: the row says 数据暂缺.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.model.plan import Indicator, YearValue
from generator.model.written_value import WrittenValue
from generator.render.escape import format_number

DONE = "已完成（提前完成）"
ON_TRACK = "达到序时进度"
BEHIND = "未达到序时进度（滞后）"
KEPT = "保持"
NOT_KEPT = "未保持"
MISSING = "数据暂缺"
CANNOT = "无法测算"
STATUSES = (DONE, ON_TRACK, BEHIND, KEPT, NOT_KEPT, MISSING, CANNOT)
LAGGING = (BEHIND, NOT_KEPT)  # what a 预警 is about when the indicator is 约束性

GREEN, YELLOW, RED = "绿灯", "黄灯", "红灯"
Direction = Literal["higher", "lower"]


@dataclass(frozen=True)
class Thresholds:
    """Settings a plan's author may change (plan.yaml / site_config)."""

    about_tolerance: float = 0.05  # “左右”: within ±5 % of the number
    yellow_from: float = 10.0  # behind 序时进度 by this many points or more: 黄灯
    red_from: float = 30.0  # … by more than this: 红灯


@dataclass(frozen=True)
class Judgement:
    """The status of one indicator, region and year, with every input that produced it."""

    indicator_id: str
    region: str
    year: int
    value: WrittenValue | None
    status: str
    explanation: str  # in words, for the page: how the status was computed
    direction: Direction
    target: YearValue | None = None
    start_year: int | None = None
    start_value: float | None = None
    schedule_share: float | None = None  # 序时进度, 0–1
    expected: float | None = None  # value 序时进度 asks for this year
    completion: float | None = None  # 完成度, 0–1 (may exceed 1 or fall below 0)
    gap_points: float | None = None  # completion − schedule, in percentage points
    margin: float | None = None  # how far beyond (+) or short of (−) a bound target
    light: str | None = None
    definition_changed: bool = False

    @property
    def lagging(self) -> bool:
        return self.status in LAGGING


def direction_of(indicator: Indicator) -> Direction:
    """Stated, else read from the final target's bound, else from base → target; else higher."""
    if indicator.direction:
        return indicator.direction
    final = indicator.targets[-1].value if indicator.targets else None
    if final and final.comparator in (">", ">="):
        return "higher"
    if final and final.comparator in ("<", "<="):
        return "lower"
    if final and indicator.base and final.number < indicator.base.value.number:
        return "lower"
    return "higher"


def meets(value: WrittenValue | float, target: WrittenValue, direction: Direction, tolerance: float) -> bool:
    """Does a value satisfy a target as the plan writes it?"""
    number = value.number if isinstance(value, WrittenValue) else value
    n = target.number
    if target.comparator == ">":
        strict_ok = isinstance(value, WrittenValue) and value.comparator in (">", ">=") and number >= n
        return number > n or strict_ok
    if target.comparator == ">=":
        return number >= n
    if target.comparator == "<":
        strict_ok = isinstance(value, WrittenValue) and value.comparator in ("<", "<=") and number <= n
        return number < n or strict_ok
    if target.comparator == "<=":
        return number <= n
    if target.comparator == "between":
        return number >= n if direction == "higher" else number <= target.upper
    if target.approximate:
        return number >= n * (1 - tolerance) if direction == "higher" else number <= n * (1 + tolerance)
    return number >= n if direction == "higher" else number <= n


def goal_number(target: WrittenValue, direction: Direction) -> float:
    """The number progress is measured towards: a range's near end, otherwise the number."""
    if target.comparator == "between" and direction == "lower":
        return target.upper
    return target.number


def target_for(indicator: Indicator, year: int) -> YearValue:
    """The first target due in or after ``year``; past the last one, the last one."""
    return next((t for t in indicator.targets if t.year >= year), indicator.targets[-1])


def start_for(indicator: Indicator, year: int) -> YearValue | None:
    """Progress starts from the last intermediate target already passed, else from the base."""
    passed = [t for t in indicator.targets if t.year < year]
    return passed[-1] if passed else indicator.base


def light_for(gap_points: float, thresholds: Thresholds) -> str:
    behind = round(-gap_points, 6)  # 0.5 − 0.6 must be exactly 10 points behind, not 9.999…
    if behind > thresholds.red_from:
        return RED
    if behind >= thresholds.yellow_from:
        return YELLOW
    return GREEN


def _n(x: float) -> str:
    return format_number(round(x, 2))


def _pct(x: float) -> str:
    return f"{x * 100:.1f}%"


def judge(indicator: Indicator, year: int, value: WrittenValue | None, region: str = "",
          definition_changed: bool = False, thresholds: Thresholds = Thresholds(),
          first_reported: YearValue | None = None) -> Judgement:
    """Decide the status of one indicator value (the rules in this module's docstring)."""
    direction = direction_of(indicator)
    base = dict(indicator_id=indicator.id, region=region, year=year, value=value, direction=direction,
                definition_changed=definition_changed)
    if not indicator.targets:
        return Judgement(**base, status=CANNOT, explanation="该指标没有目标值，只列出数值。")
    target = target_for(indicator, year)
    goal = target.value
    if value is None:
        return Judgement(**base, target=target, status=MISSING,
                         explanation=f"{year} 年的数值尚未报送，不作推算。")
    written = f"{year} 年数值为 {value.text}"
    tol = thresholds.about_tolerance
    start = start_for(indicator, year)
    met = meets(value, goal, direction, tol)

    # The start already satisfies the target: the question is whether it was kept.
    if goal.maintain or (start is not None and meets(start.value, goal, direction, tol)):
        status = KEPT if met else NOT_KEPT
        what = "保持了" if met else "未能保持"
        return Judgement(**base, target=target, status=status, margin=_margin(value, goal, direction),
                         explanation=f"{written}，{what}目标“{goal.text}”（{target.year} 年）的水平。")

    if met:
        early = "提前" if year < target.year else "按期"
        return Judgement(**base, target=target, status=DONE, margin=_margin(value, goal, direction),
                         explanation=f"{written}，已达到 {target.year} 年目标“{goal.text}”，{early}完成。", light=GREEN)

    if definition_changed:
        return Judgement(**base, target=target, status=CANNOT,
                         explanation=f"{written}，但统计口径发生变化，与基期不可比，不计算完成度；尚未达到目标“{goal.text}”。")
    if start is None and first_reported is not None and first_reported.year < year:
        start = first_reported
    if start is None:
        if year >= target.year:
            return Judgement(**base, target=target, status=BEHIND, margin=_margin(value, goal, direction), light=RED,
                             explanation=f"{written}，到目标年 {target.year} 年仍未达到目标“{goal.text}”。")
        first = "，以本年为首个监测年份作为测算起点" if first_reported and first_reported.year == year else ""
        return Judgement(**base, target=target, status=CANNOT,
                         explanation=f"{written}，尚未达到 {target.year} 年目标“{goal.text}”；规划没有给出基期值{first}，无法计算序时进度。")

    s0, t = start.value.number, goal_number(goal, direction)
    share = (year - start.year) / (target.year - start.year)
    completion = (value.number - s0) / (t - s0)
    expected = s0 + share * (t - s0)
    gap = (completion - share) * 100
    status = ON_TRACK if round(completion - share, 9) >= 0 else BEHIND
    ahead = f"快于序时进度 {_n(gap)} 个百分点" if gap >= 0 else f"落后序时进度 {_n(-gap)} 个百分点"
    anchor = {id(indicator.base): "基期", id(first_reported): "首个监测年份"}.get(id(start), "阶段目标")
    explanation = (f"{written}。从{anchor} {start.year} 年的 {start.value.text} 到 {target.year} 年目标 {goal.text}，"
                   f"完成度 =（{_n(value.number)} − {_n(s0)}）÷（{_n(t)} − {_n(s0)}）= {_pct(completion)}；"
                   f"序时进度 = {year - start.year} ÷ {target.year - start.year} = {_pct(share)}"
                   f"（按序时应达到 {_n(expected)}）；{ahead}。")
    return Judgement(**base, target=target, status=status, explanation=explanation, start_year=start.year,
                     start_value=s0, schedule_share=share, expected=expected, completion=completion,
                     gap_points=gap, margin=_margin(value, goal, direction), light=light_for(gap, thresholds))


def _margin(value: WrittenValue, goal: WrittenValue, direction: Direction) -> float:
    """Beyond (+) or short of (−) the target's number, in the indicator's unit."""
    diff = value.number - goal_number(goal, direction)
    return diff if direction == "higher" else -diff


def expected_path(indicator: Indicator, years: list[int]) -> list[tuple[int, float]]:
    """The 序时进度 line: for each year, the value progress on schedule asks for."""
    path = []
    for year in years:
        if not indicator.targets:
            break
        target = target_for(indicator, year)
        start = start_for(indicator, year)
        if start is None or year > target.year:
            continue
        direction = direction_of(indicator)
        s0, t = start.value.number, goal_number(target.value, direction)
        path.append((year, s0 + (year - start.year) / (target.year - start.year) * (t - s0)))
    return path
