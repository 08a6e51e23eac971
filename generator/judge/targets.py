"""What a target as the plan writes it asks for: its direction, when it is met, which target applies."""

from __future__ import annotations

from typing import Literal

from generator.model.plan import Indicator, YearValue
from generator.model.units import Domain, domain_of
from generator.model.written_value import WrittenValue

Direction = Literal["higher", "lower"]


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
    """Does a value satisfy a target as the plan writes it? (A value written ">98" meets ">98".)"""
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


def met_by_tolerance(value: WrittenValue, target: WrittenValue, direction: Direction, tolerance: float) -> bool:
    """Met only because “左右” allows the tolerance (the page then names it)."""
    return target.approximate and meets(value, target, direction, tolerance) and not meets(value, target, direction, 0)


def goal_number(target: WrittenValue, direction: Direction) -> float:
    """The number progress is measured towards: a range's near end, otherwise the number."""
    if target.comparator == "between" and direction == "lower":
        return target.upper
    return target.number


def target_for(indicator: Indicator, year: int) -> YearValue:
    """The first target due in or after ``year``; past the last one, the last one."""
    return next((t for t in indicator.targets if t.year >= year), indicator.targets[-1])


def signed(diff: float, direction: Direction) -> float:
    """A difference turned so that positive is better."""
    return diff if direction == "higher" else -diff


def domain_for(indicator: Indicator) -> Domain:
    """The values the indicator can take (a share within 0–100, a count whole and not negative)."""
    return domain_of(indicator.unit, indicator.name, any(t.value.percent for t in indicator.targets))
