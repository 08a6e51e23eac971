"""A standing in words: the sentence on the indicator page, the gap in a table cell, the measure
beside a light.

The judge's record (generator/judge/records.py) holds the numbers, already at their shown precision;
this module says exactly what they say and no more, the same way in every view: the gap in the
indicator's own unit (“比序时要求低 1.7 个百分点”, “比目标低 0.39 年”), completion against time
(“完成度 50%，序时进度 80%”), and beside a light the measure that set it (“完成度落后序时进度 12.3
个百分点”).
"""

from __future__ import annotations

from generator.judge.records import GoalJudgement, Standing
from generator.model.status import START_WORDS, Reason
from generator.render.wording import NONE, amount, number, percent, points, quantity, with_unit


def requirement_text(s: Standing) -> str:
    """The 序时进度要求 as shown everywhere: in the unit, at the figures' precision."""
    return quantity(s.requirement, s.unit) if s.requirement is not None else NONE


def schedule_gap(s: Standing) -> str:
    """The value against the 序时 requirement, in the unit: “比序时要求低 1.7 个百分点” / “达到序时要求”.
    A value equal to the shown requirement is on schedule (the requirement is rounded towards the target)."""
    if s.gap_basis != "schedule" or s.gap is None:
        return ""
    if s.gap == 0:
        return "达到序时要求"
    return f"比序时要求{'高' if s.gap > 0 else '低'} {amount(s.gap, s.unit, s.percent)}"


def target_gap(s: Standing) -> str:
    """The value against the target's number: “比目标低 100 人”; a strict bound reached exactly is not met."""
    if s.gap_basis != "target" or s.gap is None:
        return ""
    j = s.judgement
    if s.gap == 0 and j.target is not None and j.target.value.comparator in (">", "<"):
        return f"目标要求{'高' if j.target.value.comparator == '>' else '低'}于 {number(j.goal)}，尚未达到"
    if s.gap == 0:
        return "与目标数值持平"
    return f"比目标{'高' if s.gap > 0 else '低'} {amount(s.gap, s.unit, s.percent)}"


def pct(x: float | None) -> str:
    """A share already in percent, as the records carry it (73.3 → “73.3%”)."""
    return percent(x)


def gap_text(s: Standing) -> str:
    """The short form for a table cell: the gap in the indicator's unit, stated one way everywhere."""
    return schedule_gap(s) or target_gap(s) or NONE


def light_measure(s: Standing) -> str:
    """The measure that set the light, printed beside it: “完成度落后序时进度 12.3 个百分点”."""
    if s.lag is None:
        return ""
    if s.lag_basis == "completion":
        return f"完成度落后序时进度 {points(s.lag)}"
    if s.lag_basis == "annual":
        return f"比当年目标少 {number(s.lag)}%"
    return ""


def tolerance_text(s: Standing) -> str:
    """The 左右 tolerance, named wherever a verdict rests on it."""
    j = s.judgement
    return f"（按“左右”±{number(round(j.tolerance * 100, 2))}% 的容差判定）" if j.tolerance else ""


def explanation(s: Standing) -> str:
    """How the status was reached, in one or two sentences, with the numbers every view states."""
    j, unit = s.judgement, s.unit
    goal = f"“{with_unit(j.target.value.text, unit)}”" if j.target else ""
    written = f"{j.year} 年数值为 {with_unit(j.value.text, unit)}" if j.value else ""
    tolerance = tolerance_text(s)
    start = (f"{START_WORDS[j.start.kind]} {j.start.year} 年的 {with_unit(j.start.text, unit)}" if j.start else "")
    short = target_gap(s)
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
            progress = (f"；从该阶段目标到 {j.target.year} 年目标{goal}，完成度 {pct(s.completion)}，"
                        f"序时进度 {pct(s.schedule)}，按序时应达到 {requirement_text(s)}"
                        if s.completion is not None else "")
            return (f"{written}，低于此前已到期的{START_WORDS[j.start.kind]}（{j.start.year} 年 {j.start.text}）"
                    f"{progress}，未达到序时进度。")
        case Reason.AT_STRICT_BOUND:
            timing = (f"尚未到目标年：序时进度 {pct(s.schedule)}，按序时应达到 {requirement_text(s)}，"
                      f"不算落后" if j.year < j.target.year and j.schedule_share is not None
                      else f"到目标年 {j.target.year} 年仍未达到" if j.year >= j.target.year else "尚未达到")
            more = "高于" if j.target.value.comparator == ">" else "低于"
            return f"{written}，与目标{goal}的数值相同，但目标要求{more}这个数值，{timing}。"
        case Reason.DUE_NOT_MET:
            done = f"完成度 {pct(s.completion)}。" if s.completion is not None and s.gap != 0 else ""
            return f"{written}，到目标年 {j.target.year} 年仍未达到目标{goal}，{short}。{done}"
        case Reason.OUT_OF_RANGE:
            return f"{written}，数值超出可计算的范围，无法测算。"
    share_years = (j.year - j.start.year, j.target.year - j.start.year)
    return (f"{written}。从{start}到 {j.target.year} 年目标{goal}，"
            f"完成度 =（{number(j.value.number)} − {number(j.start.number)}）÷"
            f"（{number(j.goal)} − {number(j.start.number)}）= {pct(s.completion)}；"
            f"序时进度 = {share_years[0]} ÷ {share_years[1]} = {pct(s.schedule)}，"
            f"按序时应达到 {requirement_text(s)}，{schedule_gap(s)}。")


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
