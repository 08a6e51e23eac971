"""Milestones (专栏实施步骤) and task items (任务分解表): the state each year's report shows.

Pure functions. Staff report a state each year (已完成 / 推进中 / 未启动 / 滞后); the rules, in order:

1. Reported 已完成: 已完成 — 逾期完成 when the first year reported 已完成 is after the due year.
2. Not reported this year, but reported 已完成 before (and not reported otherwise since): it stays
   completed — a task done in 2021 is not 未报告 in 2023.
3. Reported anything else, in or after the due year: 逾期 (at the year's end the deadline has passed
   and the work is not done).
4. Otherwise the reported state; nothing reported: 未报告 (a state is never guessed).

A milestone is due at the end of the last year of its step (“2022—2023”: 2023; “2022起”: the plan's
end); a task at its deadline's year (a recurring task, or one without a dated deadline: the plan's end).
A milestone is listed in the years its step covers and in any other year it was reported (a late or
early report is shown, not dropped).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.figures import NOT_REPORTED, ProgressReport
from generator.model.plan import Milestone, Period, Task
from generator.model.status import ITEM_DONE, ITEM_DONE_LATE, ITEM_OVERDUE


@dataclass(frozen=True)
class ItemState:
    """A milestone or task in one year: the state shown (reported, or 逾期 / 逾期完成 / kept 已完成), or 未报告."""

    kind: str  # "milestone" | "task"
    item_id: str
    year: int
    status: str
    text: str = ""
    spent: float | None = None
    report: ProgressReport | None = None  # the report the state comes from (an earlier one when carried)
    due_year: int | None = None
    carried: bool = False  # completed in an earlier year (report.year) and not reported since

    @property
    def reported(self) -> str:
        """The state as reported this very year (未报告 when nothing was, also when a completion is carried)."""
        return self.report.status if self.report is not None and not self.carried else NOT_REPORTED


def task_due_year(task: Task, period: Period) -> int:
    """A task's deadline year; a recurring task or one without a dated deadline runs to the plan end."""
    deadline = task.deadline
    return deadline.due.year if deadline and deadline.due and not deadline.recurring else period.end


def milestone_due_year(milestone: Milestone, period: Period) -> int:
    return milestone.year.resolved(period.start, period.end)[1]


def item_state(kind: str, item_id: str, due_year: int, reports: dict[int, ProgressReport], year: int) -> ItemState:
    """The state shown for ``year`` (the rules in this module's docstring); ``reports``: year → report."""
    facts = dict(kind=kind, item_id=item_id, year=year, due_year=due_year)
    done_in = next((y for y in sorted(reports) if y <= year and reports[y].status == ITEM_DONE), None)
    done_word = ITEM_DONE_LATE if done_in is not None and done_in > due_year else ITEM_DONE
    report = reports.get(year)
    if report is None:
        earlier = [reports[y] for y in sorted(reports) if y < year]
        if earlier and earlier[-1].status == ITEM_DONE:
            last = earlier[-1]
            return ItemState(**facts, status=done_word, text=last.text, report=last, carried=True)
        return ItemState(**facts, status=NOT_REPORTED)
    if report.status == ITEM_DONE:
        status = done_word
    elif year >= due_year:
        status = ITEM_OVERDUE
    else:
        status = report.status
    return ItemState(**facts, status=status, text=report.text, spent=report.spent, report=report)


def milestone_listed(milestone: Milestone, period: Period, year: int, reports: dict[int, ProgressReport]) -> bool:
    """A step is listed in a year's report when it is scheduled then, or was reported then."""
    return milestone.year.covers(year, period.start, period.end) or year in reports
