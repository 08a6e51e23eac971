"""Yearly figures and progress reports, as loaded from data/ (one row of a staff workbook each)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from generator.model.written_value import WrittenValue

TASK_STATUSES = ("已完成", "推进中", "未启动", "滞后")
GOAL_STATES = ("已实现", "推进中", "未实现")  # a yes/no or milestone target, as reported each year
NOT_REPORTED = "未报告"  # a milestone or task nobody reported on that year
WHOLE_AREA = ""  # a blank region: the whole plan area


@dataclass(frozen=True)
class Where:
    """Where a row was read: shown in messages and on the site's data notes."""

    file: str
    sheet: str | None
    row: int


@dataclass(frozen=True)
class Figure:
    """指标的一年数值（某地区或全域）."""

    plan_id: str
    indicator_id: str
    year: int
    region: str  # WHOLE_AREA for the whole plan area
    value: WrittenValue | None  # None: blank, 数据暂缺
    note: str = ""
    source: str = ""
    definition_changed: bool = False  # 口径变化
    sample: bool = False  # 示例数据, not official statistics
    where: Where | None = None


@dataclass(frozen=True)
class ProgressReport:
    """A reported state of a 专栏 milestone or a task item for one year."""

    plan_id: str
    kind: Literal["milestone", "task"]
    item_id: str
    year: int
    status: str  # one of TASK_STATUSES
    text: str = ""
    spent: float | None = None  # 实际支出，万元 (tasks with a budget)
    sample: bool = False
    where: Where | None = None


@dataclass(frozen=True)
class GoalReport:
    """The reported state of a yes/no or milestone target in one year, with its evidence."""

    plan_id: str
    goal_id: str
    year: int
    state: str  # one of GOAL_STATES
    text: str = ""  # 进展情况: one line of evidence
    document: str = ""  # 佐证文件: the document that proves it (a 文号 or title)
    count: float | None = None  # 数量: a count that proves it (schools built, regions covered)
    sample: bool = False
    where: Where | None = None


@dataclass(frozen=True)
class PlanData:
    figures: tuple[Figure, ...] = ()
    reports: tuple[ProgressReport, ...] = ()
    goal_reports: tuple[GoalReport, ...] = ()

    @property
    def years(self) -> list[int]:
        return sorted({f.year for f in self.figures} | {r.year for r in self.reports} | {g.year for g in self.goal_reports})

    @property
    def is_sample(self) -> bool:
        return any(item.sample for item in (*self.figures, *self.reports, *self.goal_reports))
