"""The status vocabulary: what a judgement may say, as stable English keys with their Chinese words.

Keys are what code, ``site_config/statuses.yaml`` and the data downloads' machine columns use;
the words are what readers see. Change a word here and it changes everywhere.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """The status of one indicator, region and year."""

    DONE_EARLY = "done-early"  # target met before its target year
    DONE = "done"  # met in (or after) its target year; an annual target met that year
    DONE_LATE = "done-late"  # a yes/no or milestone target reached only after its due year
    ON_TRACK = "on-track"  # completion not below 序时进度
    BEHIND = "behind"  # completion below 序时进度, or due and not met
    KEPT = "kept"  # the start already met the target, and it still does
    NOT_KEPT = "not-kept"  # it no longer does (including a target met earlier and lost again: 回落)
    MISSING = "missing"  # no figure reported
    CANNOT = "cannot"  # nothing to measure against (no target, no start, a new definition)


class Light(StrEnum):
    """Traffic lights: green when not lagging; three bands of lagging."""

    GREEN = "green"
    YELLOW = "yellow"
    ORANGE = "orange"
    RED = "red"


class Reason(StrEnum):
    """Which rule decided the status (one per rule in :mod:`generator.judge.rules`)."""

    NO_TARGET = "no-target"
    NO_VALUE = "no-value"
    ANNUAL_MET = "annual-met"
    ANNUAL_SHORT = "annual-short"
    KEPT = "kept"
    LOST = "lost"  # the start met the target; this year does not
    MET = "met"
    FELL_BACK = "fell-back"  # met earlier towards this target, not any more
    NEW_DEFINITION = "new-definition"  # 口径变化: this year starts a new series
    DUE_NOT_MET = "due-not-met"
    NO_START = "no-start"  # no base value and this is the first year with a figure
    START_AT_BOUND = "start-at-bound"  # the start equals a strict bound's number (98 → >98)
    ON_SCHEDULE = "on-schedule"
    BEHIND_SCHEDULE = "behind-schedule"
    OUT_OF_RANGE = "out-of-range"  # numbers too large to compute with
    # Yes/no and milestone targets (generator/judge/goals.py)
    GOAL_UNDER_WAY = "goal-under-way"  # 推进中 before the due year
    GOAL_NOT_DUE = "goal-not-due"  # 未实现 before the due year: not late yet


class StartKind(StrEnum):
    """Where a stretch of progress is measured from."""

    BASE = "base"  # the plan's base-year value
    FIRST_REPORTED = "first-reported"  # no base: the series' first year with a figure
    STAGE = "stage"  # what was achieved in an intermediate target year
    NEW_DEFINITION = "new-definition"  # the year the definition changed


STATUS_WORDS = {
    Status.DONE_EARLY: "提前完成",
    Status.DONE: "按期完成",
    Status.DONE_LATE: "逾期完成",
    Status.ON_TRACK: "达到序时进度",
    Status.BEHIND: "未达到序时进度（滞后）",
    Status.KEPT: "保持",
    Status.NOT_KEPT: "未保持",
    Status.MISSING: "数据暂缺",
    Status.CANNOT: "无法测算",
}
LIGHT_WORDS = {Light.GREEN: "绿灯", Light.YELLOW: "黄灯", Light.ORANGE: "橙灯", Light.RED: "红灯"}
START_WORDS = {
    StartKind.BASE: "基期",
    StartKind.FIRST_REPORTED: "首个监测年份",
    StartKind.STAGE: "阶段目标年实际值",
    StartKind.NEW_DEFINITION: "口径变化当年",
}

DONE_STATUSES = (Status.DONE_EARLY, Status.DONE, Status.DONE_LATE)
LAGGING = (Status.BEHIND, Status.NOT_KEPT)  # what a 预警 is about when the indicator is 约束性


def word(key: str) -> str:
    """The Chinese word of a status or light key; other text (task states) as it is."""
    if key in STATUS_WORDS:
        return STATUS_WORDS[Status(key)]
    if key in LIGHT_WORDS:
        return LIGHT_WORDS[Light(key)]
    return key


class Verdict(StrEnum):
    """中期评估 / 期末评估: an indicator's verdict, in the words of the national mid-term evaluation."""

    ACHIEVED_EARLY = "achieved-early"  # the final target is already met, before its year
    FASTER = "faster"  # well ahead of 序时进度
    AS_EXPECTED = "as-expected"  # on schedule; met in its year; kept; a little behind but on course
    BEHIND = "behind"  # behind schedule and not on course, not kept, or due and not met
    MISSING = "missing"  # no figure for the evaluation year
    CANNOT = "cannot"  # nothing to measure against (no start, a new definition)


class ItemProgress(StrEnum):
    """A milestone or task at an evaluation: done, under way, late (past its due year or reported 滞后)."""

    DONE = "done"
    RUNNING = "running"
    LATE = "late"
    NOT_REPORTED = "not-reported"


VERDICT_WORDS = {
    Verdict.ACHIEVED_EARLY: "提前实现",
    Verdict.FASTER: "快于预期",
    Verdict.AS_EXPECTED: "基本符合预期",
    Verdict.BEHIND: "滞后",
    Verdict.MISSING: "数据暂缺",
    Verdict.CANNOT: "无法评估",
}
ITEM_PROGRESS_WORDS = {
    ItemProgress.DONE: "已完成",
    ItemProgress.RUNNING: "正在推进",
    ItemProgress.LATE: "滞后",
    ItemProgress.NOT_REPORTED: "未报告",
}
