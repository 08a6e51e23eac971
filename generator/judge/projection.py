"""Where an indicator will be at the end on its current pace (least squares over the years with data)."""

from __future__ import annotations

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
