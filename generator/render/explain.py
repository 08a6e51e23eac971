"""A judgement in words: the sentence on the indicator page, the gap in a table cell.

The judge gives numbers and a reason code; this module says exactly what they say and no more:
the gap in the indicator's own unit ("比序时要求低 1.7 个百分点", "低 0.39 年") and as completion
against time ("完成度 50%，序时进度 80%"). A requirement is shown at the precision the figures are
written in, rounded the way that keeps the comparison true (up where more is better): a count
asks for whole people or schools, and a figure below the shown requirement is always behind it.
"""

from __future__ import annotations

import math

from generator.judge.goals import GoalJudgement
from generator.judge.rules import Judgement
from generator.model.status import START_WORDS, Reason
from generator.render.escape import format_number
from generator.render.labels import COUNT_UNITS, with_unit



def _decimals(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


def places(j: Judgement, unit: str | None) -> int:
    """The decimals this indicator's figures are written with; counts in whole things."""
    value = j.value.number if j.value else None
    if unit in COUNT_UNITS:
        return _decimals(format_number(value)) if value is not None else 0
    numbers = [x for x in (value, j.start.number if j.start else None, j.goal) if x is not None]
    return max((_decimals(format_number(x)) for x in numbers), default=0)


def rounded_requirement(j: Judgement, unit: str | None) -> float | None:
    """The 序时 requirement at the shown precision: up where more is better, down where less is."""
    if j.expected is None:
        return None
    scale = 10 ** places(j, unit)
    rising = j.start is None or j.target is None or j.expected >= j.start.number
    raw = j.expected * scale
    whole = math.ceil(round(raw, 6)) if rising else math.floor(round(raw, 6))
    return whole / scale


def number(x: float, unit: str | None) -> str:
    return with_unit(format_number(x), unit)


def amount(x: float, unit: str | None, percent: bool) -> str:
    """A difference in the indicator's unit: percentages differ by 个百分点."""
    text = format_number(abs(x))
    if percent:
        return f"{text} 个百分点"
    return f"{text} {unit}" if unit else text


def _is_percent(j: Judgement, unit: str | None) -> bool:
    return unit == "%" or bool(j.value and j.value.percent)


def requirement_text(j: Judgement, unit: str | None) -> str:
    shown = rounded_requirement(j, unit)
    return number(shown, unit) if shown is not None else "—"


def schedule_gap(j: Judgement, unit: str | None) -> str:
    """The value against the 序时 requirement, in the unit: “比序时要求低 1.7 个百分点” / “与序时持平”."""
    shown = rounded_requirement(j, unit)
    if shown is None or j.value is None:
        return ""
    diff = round(j.value.number - shown, places(j, unit) + 6)
    if diff == 0:
        return "与序时持平"
    word = "高" if diff > 0 else "低"
    return f"比序时要求{word} {amount(diff, unit, _is_percent(j, unit))}"


def target_gap(j: Judgement, unit: str | None) -> str:
    """The value against the target's number: “比目标低 100 人”."""
    if j.margin is None or j.value is None or j.goal is None:
        return ""
    diff = round(j.value.number - j.goal, 9)
    if diff == 0 and j.target is not None and j.target.value.comparator in (">", "<"):
        return f"目标要求{'高' if j.target.value.comparator == '>' else '低'}于 {format_number(j.goal)}，尚未达到"
    if diff == 0:
        return "与目标数值持平"
    return f"比目标{'高' if diff > 0 else '低'} {amount(diff, unit, _is_percent(j, unit))}"


def pct(x: float) -> str:
    return f"{format_number(round(x * 100, 1))}%"


def gap_text(j: Judgement, unit: str | None) -> str:
    """The short form for a table cell."""
    by_schedule = j.reason in (Reason.ON_SCHEDULE, Reason.BEHIND_SCHEDULE)
    if by_schedule or (j.reason == Reason.STAGE_MISSED and j.expected is not None):
        return schedule_gap(j, unit)
    if j.reason in (Reason.LOST, Reason.FELL_BACK, Reason.DUE_NOT_MET, Reason.ANNUAL_SHORT, Reason.START_AT_BOUND,
                    Reason.AT_STRICT_BOUND, Reason.STAGE_MISSED):
        return target_gap(j, unit)
    return "—"


def explanation(j: Judgement, unit: str | None) -> str:
    """How the status was reached, in one or two sentences, with the numbers used."""
    goal = f"“{j.target.value.text}”" if j.target else ""
    written = f"{j.year} 年数值为 {j.value.text}" if j.value else ""
    tolerance = f"（按“左右”±{format_number(round(j.tolerance * 100, 2))}% 的容差判定）" if j.tolerance else ""
    start = (f"{START_WORDS[j.start.kind]} {j.start.year} 年的 {j.start.text}" if j.start else "")
    short = target_gap(j, unit)
    match j.reason:
        case Reason.NO_TARGET:
            return "该指标没有目标值，只列出数值。"
        case Reason.NO_VALUE:
            return f"{j.year} 年的数值尚未报送，不作推算。"
        case Reason.ANNUAL_MET:
            return f"{written}，达到当年目标{goal}{tolerance}。每年的目标逐年单独判定。"
        case Reason.ANNUAL_SHORT:
            return f"{written}，未达到当年目标{goal}，{short}。每年的目标逐年单独判定。"
        case Reason.KEPT:
            where = f"起点（{start}）已达到目标{goal}，" if j.start else ""
            return f"{written}，{where}当年保持了目标水平{tolerance}。"
        case Reason.STILL_MET:
            return f"{written}，此前已达到目标{goal}，当年仍保持在目标水平{tolerance}。"
        case Reason.LOST:
            where = f"起点（{start}）已达到目标{goal}，" if j.start else ""
            return f"{written}，{where}当年未能保持目标{goal}的水平，{short}。"
        case Reason.MET:
            timing = "提前完成" if j.year < j.target.year else "按期完成"
            return f"{written}，已达到 {j.target.year} 年目标{goal}{tolerance}，{timing}。"
        case Reason.FELL_BACK:
            return f"{written}，此前已达到 {j.target.year} 年目标{goal}，本年回落到目标以下（{short}），未保持。"
        case Reason.NEW_DEFINITION:
            return (f"{written}，统计口径发生变化，与以前年份不可比：本年作为新的测算起点，不计算完成度；"
                    f"尚未达到目标{goal}。")
        case Reason.NO_START:
            return (f"{written}，尚未达到 {j.target.year} 年目标{goal}；规划没有给出基期值，"
                    f"本年是首个监测年份，作为测算起点，无法计算序时进度。")
        case Reason.START_AT_BOUND:
            return (f"{written}。起点（{start}）与目标{goal}的数值相同，但目标要求超过（或低于）这个数值，"
                    f"尚未达到；这种情况无法计算完成度。")
        case Reason.STAGE_MISSED:
            progress = (f"；从该阶段目标到 {j.target.year} 年目标{goal}，完成度 {pct(j.completion)}，"
                        f"序时进度 {pct(j.schedule_share)}，按序时应达到 {requirement_text(j, unit)}"
                        if j.completion is not None else "")
            return (f"{written}，低于此前已到期的{START_WORDS[j.start.kind]}（{j.start.year} 年 {j.start.text}）"
                    f"{progress}，未达到序时进度。")
        case Reason.AT_STRICT_BOUND:
            timing = (f"尚未到目标年：序时进度 {pct(j.schedule_share)}，按序时应达到 {requirement_text(j, unit)}，"
                      f"不算落后" if j.year < j.target.year and j.schedule_share is not None
                      else f"到目标年 {j.target.year} 年仍未达到" if j.year >= j.target.year else "尚未达到")
            more = "高于" if j.target.value.comparator == ">" else "低于"
            return f"{written}，与目标{goal}的数值相同，但目标要求{more}这个数值，{timing}。"
        case Reason.DUE_NOT_MET:
            done = f"完成度 {pct(j.completion)}。" if j.completion is not None else ""
            return f"{written}，到目标年 {j.target.year} 年仍未达到目标{goal}，{short}。{done}"
        case Reason.OUT_OF_RANGE:
            return f"{written}，数值超出可计算的范围，无法测算。"
    share_years = (j.year - j.start.year, j.target.year - j.start.year)
    return (f"{written}。从{start} 到 {j.target.year} 年目标 {j.target.value.text}，"
            f"完成度 =（{format_number(j.value.number)} − {format_number(j.start.number)}）÷"
            f"（{format_number(j.goal)} − "
            f"{format_number(j.start.number)}）= {pct(j.completion)}；"
            f"序时进度 = {share_years[0]} ÷ {share_years[1]} = {pct(j.schedule_share)}，"
            f"按序时应达到 {requirement_text(j, unit)}；{schedule_gap(j, unit)}"
            f"（完成度 {pct(j.completion)}，序时进度 {pct(j.schedule_share)}）。")



def due_text(due: int | None) -> str:
    return "每年" if due is None else f"{due} 年底前"


def goal_explanation(j: GoalJudgement) -> str:
    """How a yes/no or milestone target's status was reached: the reported state against its due year."""
    said = f"{j.year} 年报告“{j.state}”"
    due = f"要求 {due_text(j.due)}实现"
    match j.reason:
        case Reason.NO_VALUE:
            return f"{j.year} 年没有报告这项目标的进展，不作推断。"
        case Reason.ANNUAL_MET:
            return f"{said}，当年已实现。每年的目标逐年单独判定。"
        case Reason.ANNUAL_SHORT:
            return f"{said}，当年未实现。每年的目标逐年单独判定。"
        case Reason.MET:
            first = j.achieved_in if j.achieved_in is not None else j.year
            timing = "提前完成" if first < j.due else "按期完成" if first == j.due else "逾期完成"
            since = f"（{first} 年首次报告“已实现”）" if first < j.year else ""
            return f"{said}，{due}，{timing}{since}。"
        case Reason.FELL_BACK:
            return f"{j.achieved_in} 年曾报告“已实现”，{said}，未保持。"
        case Reason.GOAL_UNDER_WAY:
            return f"{said}，{due}，尚未到期，正在推进；尚未实现，不亮灯。"
        case Reason.GOAL_NOT_DUE:
            return f"{said}，{due}，尚未到期，不亮灯；到期仍未实现的，才判为滞后。"
        case Reason.DUE_NOT_MET:
            late = "已到期" if j.year == j.due else f"已过期 {j.year - j.due} 年"
            return f"{said}，{due}，{late}仍未实现，滞后。"
    raise ValueError(f"not a goal reason: {j.reason}")
