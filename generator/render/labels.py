"""How results read on a page: status badges (icon + word, never colour alone), figures, the
overview sentence of a bulletin."""

from __future__ import annotations

from markupsafe import Markup

from generator.config import Styles
from generator.judge.goals import GoalJudgement
from generator.judge.rules import Judgement
from generator.model.figures import GoalReport
from generator.model.plan import Goal, Indicator
from generator.model.status import DONE_STATUSES, Status, word
from generator.model.units import COUNT_UNITS
from generator.render.escape import format_number, literal


def badge(styles: Styles, status: str, text: str | None = None) -> Markup:
    """<span class="status status-behind">▼ 未达到序时进度（滞后）</span>: icon and word, colour from CSS."""
    style = styles.of(status)
    return Markup(f'<span class="status status-{style.key}"><span aria-hidden="true">{literal(style.icon)}</span> '
                  f'{literal(text or word(status))}</span>')


def rounded(number: float | None, unit: str | None = "", places: int = 2) -> str:
    if number is None:
        return "—"
    text = format_number(round(number, places))
    return f"{text}{'%' if unit == '%' else ''}"




def requirement(number: float | None, unit: str | None) -> str:
    """A computed requirement (序时进度要求) as a statistician writes it: with its unit, counts whole,
    percentages and other measures to one decimal place."""
    if number is None:
        return "—"
    places = 0 if unit in COUNT_UNITS else 1
    return with_unit(format_number(round(number, places)), unit)


def with_unit(text: str, unit: str | None) -> str:
    """A written value with its unit where the text does not carry one: “98.5” → “98.5%”."""
    if not unit or unit in text or text in ("", "—"):
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def targets_text(indicator: Indicator) -> str:
    return "；".join(f"{t.year} 年 {with_unit(t.value.text, indicator.unit)}" for t in indicator.targets)


def counts_text(counts: list[tuple[str, int]]) -> str:
    """达到序时进度 29 项，未达到序时进度（滞后） 9 项…"""
    return "，".join(f"{word(status)} {n} 项" for status, n in counts)


def _names(items: list[str], limit: int = 5) -> str:
    shown = "、".join(f"“{n}”" for n in items[:limit])
    return shown + (f"等 {len(items)} 项" if len(items) > limit else "")


def overview_sentence(pairs: list[tuple[Indicator, Judgement]], full_name) -> str:
    """e.g. 12 项指标中，8 项达到或快于序时进度（其中 3 项已完成目标）；2 项滞后，均为预期性指标。"""
    if not pairs:
        return "本年度没有可研判的指标数据。"
    count = {s: [i for i, j in pairs if j.status == s] for s in Status}
    parts = []
    done = len(count[Status.DONE_EARLY]) + len(count[Status.DONE])
    on_or_done = done + len(count[Status.ON_TRACK])
    if on_or_done:
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
        parts.append(f"{len(count[Status.MISSING])} 项数据暂缺")
    if count[Status.CANNOT]:
        parts.append(f"{len(count[Status.CANNOT])} 项无法测算")
    return f"{len(pairs)} 项指标中，" + "；".join(parts) + "。"


def goal_proof(goal: Goal, report: GoalReport | None) -> list[str]:
    """A target's reported evidence: the line of text, the document, the count with its unit."""
    if report is None:
        return []
    lines = [report.text] if report.text else []
    lines += [f"佐证文件：{report.document}"] if report.document else []
    if report.count is not None:
        lines.append(f"数量：{format_number(report.count)}{f' {goal.unit}' if goal.unit else ''}")
    return lines


def goal_sentence(pairs: list[tuple[Goal, GoalJudgement]]) -> str:
    """e.g. 9 项是否达成和里程碑目标中，3 项已实现（其中 2 项提前实现），4 项按进度推进或尚未到期，1 项滞后：“…”；1 项数据暂缺。"""
    if not pairs:
        return ""
    count = {s: [g for g, j in pairs if j.status == s] for s in Status}
    parts = []
    done = sum(len(count[s]) for s in DONE_STATUSES)
    if done:
        early = f"（其中 {len(count[Status.DONE_EARLY])} 项提前实现）" if count[Status.DONE_EARLY] else ""
        late = f"（其中 {len(count[Status.DONE_LATE])} 项晚于完成时限）" if count[Status.DONE_LATE] else ""
        parts.append(f"{done} 项已实现{early}{late}")
    if count[Status.ON_TRACK]:
        parts.append(f"{len(count[Status.ON_TRACK])} 项按进度推进")
    if count[Status.NOT_DUE]:
        parts.append(f"{len(count[Status.NOT_DUE])} 项尚未到期")
    if count[Status.BEHIND]:
        parts.append(f"{len(count[Status.BEHIND])} 项滞后：{_names([g.name for g in count[Status.BEHIND]])}")
    if count[Status.NOT_KEPT]:
        parts.append(f"{len(count[Status.NOT_KEPT])} 项曾实现、未保持：{_names([g.name for g in count[Status.NOT_KEPT]])}")
    if count[Status.MISSING]:
        parts.append(f"{len(count[Status.MISSING])} 项数据暂缺")
    return f"{len(pairs)} 项是否达成和里程碑目标中，" + "；".join(parts) + "。"
