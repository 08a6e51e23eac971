"""Yes/no and milestone targets (全覆盖, 全域通过, 创成, 建成, 出台 …): judged from the state reported each year.

序时 for such a target means “due by”. Pure functions; the rules, in the order :func:`judge_goal`
applies them:

1. No report that year: 数据暂缺 — a state is never guessed.
2. 已实现: 提前完成 before the due year, 按期完成 in it, 逾期完成 after it — timed by the *first* year
   reported 已实现, so a target met on time and confirmed in later reports stays 按期 (or 提前) for good.
   A 每年 target: 按期完成 that year.
3. A 每年 target not 已实现: 滞后 that year (推进中 黄灯, 未实现 橙灯).
4. Reported 已实现 in an earlier year, not any more: 未保持 (回落), 红灯.
5. Before the due year, not yet achieved (推进中 or 未实现): 尚未到期 — neutral, no light: nothing is late
   yet, and nothing has been achieved that a green light could stand for.
6. In the due year, not 已实现: 滞后 (推进中 黄灯, 未实现 橙灯); after it: 滞后, 红灯.

The sentences are written by generator/render/explain.py (:func:`goal_explanation`).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.figures import GOAL_STATES
from generator.model.plan import Goal
from generator.model.status import LAGGING, Light, Reason, Status

ACHIEVED, UNDER_WAY = GOAL_STATES[:2]  # the third, 未实现, is what neither is


@dataclass(frozen=True)
class GoalJudgement:
    """The status of one yes/no or milestone target in one year, and what decided it."""

    goal_id: str
    year: int
    state: str | None  # the reported state; None: 数据暂缺
    status: Status
    reason: Reason
    due: int | None  # None: 每年
    light: Light | None = None
    achieved_in: int | None = None  # the first year reported 已实现 (回落 names it; 提前/按期/逾期 is timed by it)

    @property
    def lagging(self) -> bool:
        return self.status in LAGGING


def judge_goal(due: int | None, year: int, state: str | None, *, achieved_in: int | None = None,
               goal_id: str = "") -> GoalJudgement:
    """Decide one year of a target due by ``due`` (None: 每年); ``achieved_in``: an earlier year reported 已实现."""
    if state is not None and state not in GOAL_STATES:
        raise ValueError(f"unknown goal state {state!r}")
    facts = dict(goal_id=goal_id, year=year, state=state, due=due, achieved_in=achieved_in)
    if state is None:
        return GoalJudgement(**facts, status=Status.MISSING, reason=Reason.NO_VALUE)
    if state == ACHIEVED:
        if due is None:
            return GoalJudgement(**facts, status=Status.DONE, reason=Reason.ANNUAL_MET, light=Light.GREEN)
        first = achieved_in if achieved_in is not None and achieved_in < year else year
        facts.update(achieved_in=first)
        status = Status.DONE_EARLY if first < due else Status.DONE if first == due else Status.DONE_LATE
        return GoalJudgement(**facts, status=status, reason=Reason.MET, light=Light.GREEN)
    late_light = Light.YELLOW if state == UNDER_WAY else Light.ORANGE
    if due is None:
        return GoalJudgement(**facts, status=Status.BEHIND, reason=Reason.ANNUAL_SHORT, light=late_light)
    if achieved_in is not None and achieved_in < year:
        return GoalJudgement(**facts, status=Status.NOT_KEPT, reason=Reason.FELL_BACK, light=Light.RED)
    if year < due:
        reason = Reason.GOAL_UNDER_WAY if state == UNDER_WAY else Reason.GOAL_NOT_DUE
        return GoalJudgement(**facts, status=Status.NOT_DUE, reason=reason)
    light = late_light if year == due else Light.RED
    return GoalJudgement(**facts, status=Status.BEHIND, reason=Reason.DUE_NOT_MET, light=light)


def judge_goal_series(goal: Goal, states: dict[int, str | None], years: list[int]) -> tuple[GoalJudgement, ...]:
    """A judgement for every year in ``years`` (a year without a report: 数据暂缺)."""
    due = None if goal.annual else goal.due
    achieved_in = None
    judgements = []
    for year in years:
        state = states.get(year)
        judgements.append(judge_goal(due, year, state, achieved_in=achieved_in, goal_id=goal.id))
        if state == ACHIEVED and achieved_in is None:
            achieved_in = year
    return tuple(judgements)
