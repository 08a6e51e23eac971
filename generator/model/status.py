"""The status vocabulary: what a judgement may say, as stable English keys with their Chinese words.

Keys are what code, ``site_config/statuses.yaml`` and the data downloads' machine columns use;
the words are what readers see. Change a word here and it changes everywhere.
"""

from __future__ import annotations

from enum import StrEnum

from generator.model.figures import NOT_REPORTED, TASK_STATUSES


class Status(StrEnum):
    """The status of one indicator, region and year."""

    DONE_EARLY = "done-early"  # target met before its target year
    DONE = "done"  # met in (or after) its target year; an annual target met that year
    DONE_LATE = "done-late"  # a yes/no or milestone target reached only after its due year
    ON_TRACK = "on-track"  # completion not below 序时进度
    BEHIND = "behind"  # completion below 序时进度, or due and not met
    KEPT = "kept"  # the start already met the target, and it still does
    NOT_KEPT = "not-kept"  # it no longer does (including a target met earlier and lost again: 回落)
    NOT_DUE = "not-due"  # a yes/no or milestone target not yet achieved before its due year: neutral, no light
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
    KEPT = "kept"  # the start met the target (or a 保持 target is met in the series' first year), and still does
    STILL_MET = "still-met"  # a 保持 target reached during the plan, and still met
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
    STAGE_MISSED = "stage-missed"  # below an intermediate target that was due before the data begin
    AT_STRICT_BOUND = "at-strict-bound"  # level with a strict bound's number (98 against >98): more is asked
    # Yes/no and milestone targets (generator/judge/goals.py)
    GOAL_UNDER_WAY = "goal-under-way"  # 推进中 before the due year
    GOAL_NOT_DUE = "goal-not-due"  # 未实现 before the due year: not late yet


class Measure(StrEnum):
    """What the number beside a light measures (generator/judge/rules.py, ``Judgement.measure``)."""

    COMPLETION_GAP = "completion-gap"  # 完成度 − 序时进度, in percentage points
    SHORTFALL = "shortfall"  # how far the value falls short of the target, in percent of the target


MEASURE_WORDS = {Measure.COMPLETION_GAP: "完成度比序时进度", Measure.SHORTFALL: "距目标"}


class StartKind(StrEnum):
    """Where a stretch of progress is measured from."""

    BASE = "base"  # the plan's base-year value
    FIRST_REPORTED = "first-reported"  # no base: the series' first year with a figure
    STAGE = "stage"  # what was achieved in an intermediate target year
    NEW_DEFINITION = "new-definition"  # the year the definition changed
    STAGE_TARGET = "stage-target"  # no figure in an intermediate target year that has passed: its target


STATUS_WORDS = {
    Status.DONE_EARLY: "提前完成",
    Status.DONE: "按期完成",
    Status.DONE_LATE: "逾期完成",
    Status.ON_TRACK: "达到序时进度",
    Status.BEHIND: "未达到序时进度（滞后）",
    Status.KEPT: "保持",
    Status.NOT_KEPT: "未保持",
    Status.NOT_DUE: "尚未到期",
    Status.MISSING: "数据暂缺",
    Status.CANNOT: "无法测算",
}
LIGHT_WORDS = {Light.GREEN: "绿灯", Light.YELLOW: "黄灯", Light.ORANGE: "橙灯", Light.RED: "红灯"}
START_WORDS = {
    StartKind.BASE: "基期",
    StartKind.FIRST_REPORTED: "首个监测年份",
    StartKind.STAGE: "阶段目标年实际值",
    StartKind.NEW_DEFINITION: "口径变化当年",
    StartKind.STAGE_TARGET: "阶段目标",
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


# A milestone or task in a year's report: the state reported, or what the rules make of it — past its
# deadline and not done: 逾期; done only after its deadline: 逾期完成 (generator/judge/items.py).
ITEM_DONE, ITEM_DONE_LATE, ITEM_OVERDUE = "已完成", "逾期完成", "逾期"
ITEM_STATES = (ITEM_DONE, ITEM_DONE_LATE, *(s for s in TASK_STATUSES if s != ITEM_DONE), ITEM_OVERDUE, NOT_REPORTED)


class Verdict(StrEnum):
    """中期评估 / 期末评估: an indicator's verdict, in the words of the national mid-term evaluation."""

    ACHIEVED_EARLY = "achieved-early"  # the final target is already met, before its year (at the end: and kept)
    ACHIEVED = "achieved"  # at the end: the target is met
    FASTER = "faster"  # well ahead of 序时进度
    AS_EXPECTED = "as-expected"  # on schedule; a stage target met; kept; a little behind but on course
    NOT_DUE = "not-due"  # a yes/no or milestone target not yet achieved before its due year
    BEHIND = "behind"  # behind schedule and not on course, not kept, or due and not met
    NOT_ACHIEVED = "not-achieved"  # at the end: the target is not met
    MISSING = "missing"  # no figure up to the evaluation year
    CANNOT = "cannot"  # nothing to measure against (no start, a new definition)


LAGGING_VERDICTS = (Verdict.BEHIND, Verdict.NOT_ACHIEVED)  # 滞后 (at the end: 未实现): named first


class ItemProgress(StrEnum):
    """A milestone or task at an evaluation: done (on time or late), under way, reported 滞后, overdue."""

    DONE = "done"
    DONE_LATE = "done-late"  # done, but only after its due year
    RUNNING = "running"
    LATE = "late"  # reported 滞后 before its due year
    OVERDUE = "overdue"  # its due year has passed and it is not done
    NOT_REPORTED = "not-reported"


VERDICT_WORDS = {
    Verdict.ACHIEVED_EARLY: "提前实现",
    Verdict.ACHIEVED: "已实现",
    Verdict.FASTER: "快于预期",
    Verdict.AS_EXPECTED: "基本符合预期",
    Verdict.NOT_DUE: "尚未到期",
    Verdict.BEHIND: "滞后",
    Verdict.NOT_ACHIEVED: "未实现",
    Verdict.MISSING: "数据暂缺",
    Verdict.CANNOT: "无法评估",
}
ITEM_PROGRESS_WORDS = {
    ItemProgress.DONE: "已完成",
    ItemProgress.DONE_LATE: "逾期完成",
    ItemProgress.RUNNING: "正在推进",
    ItemProgress.LATE: "滞后",
    ItemProgress.OVERDUE: "逾期",
    ItemProgress.NOT_REPORTED: "未报告",
}
