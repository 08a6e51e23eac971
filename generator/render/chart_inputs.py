"""What a chart shows, as plain values: its kind and inputs, and a key for them.

Pages and bulletins hold these records, not Vega-Lite specs: the spec (built with Altair in
:mod:`generator.render.charts`) is made only for a chart whose SVG is not cached yet
(:mod:`generator.render.svg` keys the cache by these inputs and by the code that draws them),
so a build where nothing changed neither imports Altair nor builds a chart.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class ProgressSeries:
    """One indicator over the years: actual values, the 序时进度 line, targets and base value."""

    title: str  # Chinese indicator name, e.g. "学前教育毛入园率"
    unit: str  # "%", "所", "" …
    actual: list[tuple[int, float]]  # (year, value) with data only; never interpolate gaps
    expected: list[tuple[int, float]]  # (year, 序时 expected value) from base year to target year
    targets: list[tuple[int, float, str]]  # (year, number, written text)
    base: tuple[int, float, str] | None  # (year, number, written text)
    lower_is_better: bool = False


@dataclass(frozen=True)
class RegionDot:
    region: str  # "海门区"
    value: float | None  # None: no dot, "数据暂缺" printed
    status: str  # the status word printed beside the value, e.g. "达到序时"
    color: str  # the status's colour (statuses.yaml)
    shape: str  # a Vega point shape, different for statuses that share a colour
    required: float | None = None  # this region's 序时 requirement, as the tables show it


@dataclass(frozen=True)
class Reference:
    value: float
    label: str  # "2025 年目标 >99%", "序时要求 98.5%"


@dataclass(frozen=True)
class RegionValues:
    """One indicator in one year, one row per 县（市、区）, with the target as reference lines."""

    title: str
    unit: str
    year: int
    dots: list[RegionDot]
    references: list[Reference]
    lower_is_better: bool = False


@dataclass(frozen=True)
class StatusCounts:
    """How many items have each status word, in the order given; the colour of each word."""

    title: str
    counts: list[tuple[str, int]]
    palette: dict[str, str]


@dataclass(frozen=True)
class PlanLine:
    """One plan's series of a measure that several plans report (the comparison page)."""

    label: str  # the plan's short title
    values: list[tuple[int, float]]  # (year, value) with data only
    targets: list[tuple[int, float, str]]  # (year, number, written text)


@dataclass(frozen=True)
class PlanLines:
    """One measure as several plans report it: a line per plan, each plan's targets as open marks."""

    title: str
    unit: str
    lines: list[PlanLine]


@dataclass(frozen=True)
class Chart:
    """A chart to draw: its inputs (the kind is their type) and the sentence that describes it."""

    inputs: ProgressSeries | RegionValues | StatusCounts | PlanLines
    summary: str

    @cached_property
    def key(self) -> str:
        """The same for the same kind, inputs and summary, in any process."""
        text = json.dumps({"kind": type(self.inputs).__name__, "inputs": dataclasses.asdict(self.inputs),
                           "summary": self.summary}, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()
