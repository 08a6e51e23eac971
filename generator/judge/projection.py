"""Where an indicator will be at the end on its current pace (least squares over the years with data).

Only for a year after the latest figure (a year already observed is stated as observed, never
projected), and inside the indicator's domain: a share stays within 0–100 %, a count is whole and
not negative. Where the straight line runs past the domain the projection says so (``limit``): the
page reads “按趋势将达到上限 100%”, not “约 125.33%”.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from generator.judge.rules import Thresholds
from generator.judge.targets import Direction, meets
from generator.model.units import Domain
from generator.model.written_value import WrittenValue


@dataclass(frozen=True)
class Projection:
    year: int
    value: float  # inside the domain: what the page states
    slope: float  # change per year
    points: int  # how many years the line was fitted on
    would_meet: bool
    trend: float | None = None  # the straight line's own value, where the domain changed it
    limit: float | None = None  # the domain's bound the trend runs past (100 for a share, 0 for a count)
    tolerance: float | None = None  # the 左右 tolerance, when the projection meets the target only thanks to it


def fit_line(points: list[tuple[int, float]]) -> tuple[float, float] | None:
    """Ordinary least squares (slope, intercept); None with fewer than two distinct years."""
    if len({x for x, _ in points}) < 2:
        return None
    slope, intercept = statistics.linear_regression([x for x, _ in points], [y for _, y in points])
    return slope, intercept


def within(value: float, domain: Domain) -> tuple[float, float | None]:
    """A value kept inside the domain, and the bound it was held at (None when it was inside already)."""
    if domain.highest is not None and value > domain.highest:
        return domain.highest, domain.highest
    if domain.lowest is not None and value < domain.lowest:
        return domain.lowest, domain.lowest
    return (float(round(value)) if domain.whole and math.isfinite(value) else value), None


def project(points: list[tuple[int, float]], year: int, target: WrittenValue, direction: Direction,
            thresholds: Thresholds = Thresholds(), domain: Domain = Domain()) -> Projection | None:
    """The value the least-squares line gives for ``year``, kept in the domain; None for a year not after
    the latest point (it is observed, or earlier), with fewer than two years, or off the scale of numbers."""
    if not points or year <= max(x for x, _ in points):
        return None
    line = fit_line(points)
    if line is None:
        return None
    slope, intercept = line
    trend = slope * year + intercept
    if not (math.isfinite(trend) and math.isfinite(slope)):
        return None
    value, limit = within(trend, domain)
    tolerance = thresholds.about_tolerance
    would_meet = meets(value, target, direction, tolerance)
    by_tolerance = would_meet and target.approximate and not meets(value, target, direction, 0)
    return Projection(year, value, slope, len(points), would_meet, trend if value != trend else None, limit,
                      tolerance if by_tolerance else None)


@dataclass(frozen=True)
class Spread:
    """How sure a projection is, in two plain measures a reader can check by hand."""

    residual: float  # the fit's residual standard deviation: how far the years lie from the line
    low: float  # the end-year value at the slowest of the recent year-on-year changes …
    high: float  # … and at the fastest
    changes: int  # how many recent year-on-year changes ``low`` and ``high`` come from


def spread(points: list[tuple[int, float]], year: int, recent: int = 3, domain: Domain = Domain()) -> Spread | None:
    """The residual spread of the least-squares line and the range of the last ``recent`` yearly
    changes carried forward from the last point (kept in the domain); None with fewer than three points."""
    points = sorted(points)
    line = fit_line(points)
    if line is None or len(points) < 3:
        return None
    slope, intercept = line
    squares = sum((y - (slope * x + intercept)) ** 2 for x, y in points)
    residual = math.sqrt(squares / (len(points) - 2))
    steps = [(y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in zip(points, points[1:]) if x2 != x1][-recent:]
    last_year, last_value = points[-1]
    ends = [within(last_value + step * (year - last_year), domain)[0] for step in steps]
    return Spread(residual, min(ends), max(ends), len(steps))
