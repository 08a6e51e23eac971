"""Where an indicator will be at the end on its current pace (least squares over the years with data)."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from generator.judge.rules import Thresholds
from generator.judge.targets import Direction, meets
from generator.model.written_value import WrittenValue


@dataclass(frozen=True)
class Projection:
    year: int
    value: float
    slope: float  # change per year
    points: int  # how many years the line was fitted on
    would_meet: bool


def fit_line(points: list[tuple[int, float]]) -> tuple[float, float] | None:
    """Ordinary least squares (slope, intercept); None with fewer than two distinct years."""
    if len({x for x, _ in points}) < 2:
        return None
    slope, intercept = statistics.linear_regression([x for x, _ in points], [y for _, y in points])
    return slope, intercept


def project(points: list[tuple[int, float]], year: int, target: WrittenValue, direction: Direction,
            thresholds: Thresholds = Thresholds()) -> Projection | None:
    line = fit_line(points)
    if line is None:
        return None
    slope, intercept = line
    value = slope * year + intercept
    return Projection(year, value, slope, len(points), meets(value, target, direction, thresholds.about_tolerance))


@dataclass(frozen=True)
class Spread:
    """How sure a projection is, in two plain measures a reader can check by hand."""

    residual: float  # the fit's residual standard deviation: how far the years lie from the line
    low: float  # the end-year value at the slowest of the recent year-on-year changes …
    high: float  # … and at the fastest
    changes: int  # how many recent year-on-year changes ``low`` and ``high`` come from


def spread(points: list[tuple[int, float]], year: int, recent: int = 3) -> Spread | None:
    """The residual spread of the least-squares line and the range of the last ``recent`` yearly
    changes carried forward from the last point; None with fewer than three points."""
    points = sorted(points)
    line = fit_line(points)
    if line is None or len(points) < 3:
        return None
    slope, intercept = line
    squares = sum((y - (slope * x + intercept)) ** 2 for x, y in points)
    residual = math.sqrt(squares / (len(points) - 2))
    steps = [(y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in zip(points, points[1:]) if x2 != x1][-recent:]
    last_year, last_value = points[-1]
    ends = [last_value + step * (year - last_year) for step in steps]
    return Spread(residual, min(ends), max(ends), len(steps))
