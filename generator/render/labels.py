"""The sentences that count results: a bulletin's overview, the yes/no targets' sentence, a target's proof."""

from __future__ import annotations

from generator.judge.records import GoalJudgement, Standing
from generator.model.figures import GoalReport
from generator.model.plan import Goal, Indicator
from generator.model.status import DONE_STATUSES, Status
from generator.render.wording import MISSING, UNIT_SPACE, number, with_unit


def targets_text(indicator: Indicator) -> str:
    return "；".join(f"{t.year}{UNIT_SPACE}年 {with_unit(t.value.text, indicator.unit)}" for t in indicator.targets)


def _names(items: list[str], limit: int = 5) -> str:
    shown = "、".join(f"“{n}”" for n in items[:limit])
    return shown + (f"等 {len(items)} 项" if len(items) > limit else "")


def overview_sentence(standings: list[Standing]) -> str:
    """e.g. 12 项指标中，8 项达到或快于序时进度（其中 3 项已完成目标）；2 项滞后，均为预期性指标。"""
    if not standings:
        return "本年度没有可研判的指标数据。"
    count = {status: [s.indicator for s in standings if s.status == status] for status in Status}
    names = {s.indicator.id: s.name for s in standings}

    def full_name(indicator: Indicator) -> str:
        return names[indicator.id]

    parts = []
    done = len(count[Status.DONE_EARLY]) + len(count[Status.DONE])
    on_or_done = done + len(count[Status.ON_TRACK])
    if on_or_done:
        if done == on_or_done:
            parts.append(f"{done} 项已完成目标")
        else:
            of_which = f"（其中 {done} 项已完成目标）" if done else ""
            parts.append(f"{on_or_done} 项达到或快于序时进度{of_which}")
    if count[Status.KEPT]:
        parts.append(f"{len(count[Status.KEPT])} 项保持目标水平")
    behind = count[Status.BEHIND]
    if behind:
        binding = [i for i in behind if i.attribute == "约束性"]
        if binding:
            tail = f"，其中约束性指标 {len(binding)} 项：{_names([full_name(i) for i in binding])}"
        elif all(i.attribute == "预期性" for i in behind):
            tail = "，均为预期性指标"
        else:
            tail = ""
        parts.append(f"{len(behind)} 项未达到序时进度{tail}")
    if count[Status.NOT_KEPT]:
        parts.append(f"{len(count[Status.NOT_KEPT])} 项未保持目标水平：{_names([full_name(i) for i in count[Status.NOT_KEPT]])}")
    if count[Status.MISSING]:
        parts.append(f"{len(count[Status.MISSING])} 项{MISSING}")
    if count[Status.CANNOT]:
        parts.append(f"{len(count[Status.CANNOT])} 项无法测算")
    return f"{len(standings)} 项指标中，" + "；".join(parts) + "。"


def goal_proof(goal: Goal, report: GoalReport | None) -> list[str]:
    """A target's reported evidence: the line of text, the document, the count with its unit."""
    if report is None:
        return []
    lines = [report.text.rstrip("。；; ")] if report.text else []  # joined with “；”: no “备查。；数量”
    lines += [f"佐证文件：{report.document}"] if report.document else []
    if report.count is not None:
        lines.append(f"数量：{with_unit(number(report.count), goal.unit)}")
    return [line for line in lines if line]


def goal_sentence(pairs: list[tuple[Goal, GoalJudgement]]) -> str:
    """e.g. 9 项是否达成和里程碑目标中，3 项已实现（其中 2 项提前实现），4 项按进度推进，2 项尚未到期，1 项滞后：“…”；1 项数据暂缺。"""
    if not pairs:
        return ""
    count = {s: [g for g, j in pairs if j.status == s] for s in Status}
    parts = []
    done = sum(len(count[s]) for s in DONE_STATUSES)
    if done:
        of_which = "、".join(part for part in (
            f"{len(count[Status.DONE_EARLY])} 项提前实现" if count[Status.DONE_EARLY] else "",
            f"{len(count[Status.DONE_LATE])} 项晚于完成时限" if count[Status.DONE_LATE] else "") if part)
        parts.append(f"{done} 项已实现" + (f"（其中 {of_which}）" if of_which else ""))
    if count[Status.ON_TRACK]:
        parts.append(f"{len(count[Status.ON_TRACK])} 项按进度推进")
    if count[Status.NOT_DUE]:
        parts.append(f"{len(count[Status.NOT_DUE])} 项尚未到期")
    if count[Status.BEHIND]:
        parts.append(f"{len(count[Status.BEHIND])} 项滞后：{_names([g.name for g in count[Status.BEHIND]])}")
    if count[Status.NOT_KEPT]:
        parts.append(f"{len(count[Status.NOT_KEPT])} 项曾实现、未保持：{_names([g.name for g in count[Status.NOT_KEPT]])}")
    if count[Status.MISSING]:
        parts.append(f"{len(count[Status.MISSING])} 项{MISSING}")
    return f"{len(pairs)} 项是否达成和里程碑目标中，" + "；".join(parts) + "。"
