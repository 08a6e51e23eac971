"""What a 中期评估 / 期末评估 report says, prepared once for its web page and its PDF.

The judge (generator/judge/evaluation.py) gives verdicts, numbers and the trend; this module puts
them in words and in the order a government evaluation report uses: the overview with the 约束性
indicators that are 滞后 named first, every indicator with its verdict and why, each 专栏's
milestones and each 责任单位's tasks (done / under way / late), and how the verdicts were reached.
Verdicts and item progress are shown with the icon and colour of the matching status in
site_config/statuses.yaml, never by colour alone.
"""

from __future__ import annotations

from collections import Counter

from generator.config import SiteConfig, Styles
from generator.judge.records import EvaluationRecord, IndicatorEvaluation, JudgedPlan, Kind, Standing
from generator.model.plan import Indicator
from generator.model.status import (DONE_STATUSES, ITEM_PROGRESS_WORDS, LAGGING_VERDICTS, START_WORDS, VERDICT_WORDS,
                                    ItemProgress, Reason, Status, Verdict)
from generator.render.explain import explanation, pct, schedule_gap, target_gap, tolerance_text
from generator.render.labels import goal_sentence
from generator.render.rows import goal_row, indicator_row as standing_row
from generator.render.wording import MISSING, NONE, amount, fixed, mark, number, period, projected, share, with_unit
from generator.render.year_report import group_label

NO_UNIT = "（未写明责任单位）"
# The status style each verdict and item progress borrows (icon and colour).
VERDICT_STYLE = {Verdict.ACHIEVED_EARLY: Status.DONE_EARLY, Verdict.ACHIEVED: Status.DONE, Verdict.FASTER: Status.ON_TRACK,
                 Verdict.AS_EXPECTED: Status.KEPT, Verdict.NOT_DUE: Status.NOT_DUE, Verdict.BEHIND: Status.BEHIND,
                 Verdict.NOT_ACHIEVED: Status.BEHIND, Verdict.MISSING: Status.MISSING, Verdict.CANNOT: Status.CANNOT}
PROGRESS_STYLE = {ItemProgress.DONE: "已完成", ItemProgress.DONE_LATE: "逾期完成", ItemProgress.RUNNING: "推进中",
                  ItemProgress.LATE: "滞后", ItemProgress.OVERDUE: "逾期", ItemProgress.NOT_REPORTED: "未报告"}


def plan_evaluations(results: JudgedPlan) -> list[EvaluationRecord]:
    """Every evaluation the plan's period asks for and its data reach (judged before rendering)."""
    return list(results.evaluations)


def report_title(results: JudgedPlan, evaluation) -> str:
    return f"{results.plan.info.title} {evaluation.title}"


# At the plan's end a target was reached or not: the 期末评估 says 已实现 / 提前实现 / 未实现.
def lagging_first(pairs: list[tuple[Indicator, IndicatorEvaluation]]) -> list[tuple[Indicator, IndicatorEvaluation]]:
    """Indicators evaluated 滞后 or 未实现 first, each part in plan order: the reader looks for them first."""
    return sorted(pairs, key=lambda pair: pair[1].verdict not in LAGGING_VERDICTS)


def late_first(pairs: list[tuple]) -> list[tuple]:
    """Milestones or tasks (thing, progress) reported 滞后 or overdue first, each part in plan order."""
    return sorted(pairs, key=lambda pair: pair[1].progress not in (ItemProgress.OVERDUE, ItemProgress.LATE))


def verdict_counts(pairs) -> list[tuple[Verdict, int]]:
    counts = Counter(e.verdict for _, e in pairs)
    return [(v, counts[v]) for v in Verdict if counts[v]]


def verdict_mark(styles: Styles, verdict: str):
    return mark(styles, VERDICT_STYLE.get(verdict, Status.CANNOT), VERDICT_WORDS[verdict])


def progress_mark(styles: Styles, progress: ItemProgress):
    return mark(styles, PROGRESS_STYLE[progress], ITEM_PROGRESS_WORDS[progress])


def _number(x: float, unit: str | None, places: int = 2) -> str:
    return with_unit(fixed(x, places), unit)


def _target_text(e: IndicatorEvaluation, indicator: Indicator) -> str:
    written = with_unit(e.target.value.text, indicator.unit)
    return f"每年 {written}" if indicator.annual else f"{e.target.year} 年 {written}"


def reason_text(e: IndicatorEvaluation, s: Standing | None, indicator: Indicator, close_within: float) -> str:
    """Why the verdict, with the numbers used (``s``: the evaluation year measured against the final target)."""
    j, unit = e.judgement, indicator.unit
    if j is None or j.value is None or s is None:
        return f"{e.year} 年的数值尚未报送（{MISSING}），不作推算。"
    value = with_unit(j.value.text, unit)
    target = f"“{with_unit(e.target.value.text, unit)}”"
    tolerance = tolerance_text(s)
    if indicator.annual:
        met = "达到" if j.status in DONE_STATUSES else "未达到"
        years = f"{e.years_judged} 个有数据的年份中 {e.years_met} 年达到；" if e.years_judged else ""
        return f"每年的目标逐年判定：{years}{j.year} 年为 {value}，{met}当年目标{target}{tolerance}。"
    # The judgement is the bulletin's: its year (the latest figure) and its target (a stage target where one is due).
    used = f"“{with_unit(j.target.value.text, unit)}”" if j.target else target
    if j.reason == Reason.KEPT:
        return f"起点已达到目标{used}，{j.year} 年为 {value}，保持了目标水平{tolerance}。"
    if j.status == Status.NOT_KEPT:
        return f"{j.year} 年为 {value}，未保持目标{used}的水平（{target_gap(s)}）。"
    if e.verdict == Verdict.ACHIEVED_EARLY and e.met_since is not None:
        kept = f"，{j.year} 年为 {value}" if e.met_since < j.year else ""
        return f"{e.met_since} 年已达到 {e.target.year} 年目标{target}{kept}{tolerance}，提前实现。"
    if j.status in (Status.DONE_EARLY, Status.DONE):
        stage = "阶段" if j.target and j.target.year != e.target.year else ""
        return f"{j.year} 年为 {value}，达到 {j.target.year} 年{stage}目标{used}{tolerance}。"
    if j.reason in (Reason.ON_SCHEDULE, Reason.BEHIND_SCHEDULE):
        start = f"{START_WORDS[j.start.kind]} {j.start.year} 年的 {with_unit(j.start.text, unit)}"
        lag = -s.completion + s.schedule if s.completion is not None and s.schedule is not None else 0.0
        text = (f"{j.year} 年为 {value}；从{start}到 {j.target.year} 年目标{used}，按序时应达到 "
                f"{with_unit(number(s.requirement), unit) if s.requirement is not None else NONE}，{schedule_gap(s)}"
                f"（完成度 {pct(s.completion)}，序时进度 {pct(s.schedule)}）")
        if e.verdict == Verdict.AS_EXPECTED and lag > 0:
            trend = "，且按目前趋势可以达到目标" if e.projection else ""
            return text + f"，完成度落后序时进度不足 {number(close_within)} 个百分点{trend}。"
        if e.verdict == Verdict.BEHIND and 0 < lag < close_within:
            return text + "，但按目前趋势难以达到目标。"
        if e.verdict == Verdict.NOT_ACHIEVED:
            return text + f"；未达到 {e.target.year} 年目标{target}。"
        return text + "。"
    if j.reason == Reason.START_AT_BOUND:
        trend = "按目前趋势可以达到" if e.verdict == Verdict.AS_EXPECTED else "按目前趋势难以达到"
        return f"{j.year} 年为 {value}；起点与目标{used}的数值相同，尚未达到，无法计算完成度；{trend}。"
    return explanation(s)


def trend_text(e: IndicatorEvaluation, indicator: Indicator, places: int) -> str:
    """The projection and how sure it is, in words, in the indicator's unit and domain; or why there is none."""
    unit = indicator.unit
    if indicator.annual or e.year >= e.target.year:
        return ""
    if e.projection is None:
        if e.judgement is None or e.judgement.value is None:
            return ""
        return f"可比年份只有 {e.points} 个（少于 3 个），不作趋势推算。"
    p, s = e.projection, e.spread
    reach = "可以达到" if p.would_meet else "难以达到"
    text = (f"按 {e.points} 个可比年份的线性趋势（最小二乘法），{p.year} 年约为 {projected(p.value, unit, places)}，"
            f"{reach}目标“{with_unit(e.target.value.text, unit)}”。")
    if s:
        residual, low, high = (fixed(x, places) for x in (s.residual, s.low, s.high))
        text += (f"各年数值偏离趋势线约 ±{amount(float(residual), unit, unit == '%')}（残差标准差）；" if residual != "0" else
                 "各年数值都落在趋势线上；")
        text += (f"按最近 {s.changes} 年的年变化推算，{p.year} 年为 {projected(s.low, unit, places)}" if low == high else
                 f"按最近 {s.changes} 年中最慢和最快的年变化推算，{p.year} 年在 {projected(s.low, unit, places)} 至 "
                 f"{projected(s.high, unit, places)} 之间")
        low_meets, high_meets = e.range_meets or (False, False)
        if low_meets and high_meets:
            text += "，能达到目标" if low == high else "，两端都能达到目标"
        elif not low_meets and not high_meets:
            text += "，达不到目标" if low == high else "，两端都达不到目标"
        else:
            text += "，能否达到目标取决于今后的速度"
        text += "。"
    return text + "推算只是按目前速度的估计，不是统计数据。"


def indicator_row(results: JudgedPlan, indicator: Indicator, e: IndicatorEvaluation, record: EvaluationRecord,
                  config: SiteConfig) -> dict:
    """The year's standing as the bulletin states it (the shared row), with the verdict and why."""
    unit = indicator.unit
    year_standing = record.standings.get(indicator.id)
    measured = record.measured.get(indicator.id)
    # The evaluation's judgement is the bulletin's of the latest figure up to the report year (named when earlier).
    shown = measured or year_standing
    places = shown.places if shown else 1
    row = standing_row(shown, config.styles) if shown else {
        "id": indicator.id, "name": results.plan.full_name(indicator), "attribute": indicator.attribute or NONE,
        "value": MISSING, "target": NONE, "expected": NONE, "completion": NONE, "schedule": NONE, "status": None,
        "light": None, "measure": "", "gap": NONE}
    if shown and shown.value and shown.year != e.year:
        row["value"] += f"（{shown.year} 年）"
    return {
        **row,
        "base": f"{with_unit(indicator.base.value.text, unit)}（{indicator.base.year} 年）" if indicator.base else NONE,
        "final_target": _target_text(e, indicator),
        "projection": f"约 {projected(e.projection.value, unit, places)}" if e.projection else NONE,
        "verdict": verdict_mark(config.styles, e.verdict),
        "reason": reason_text(e, measured, indicator, config.settings.evaluation.close_within),
        "trend": trend_text(e, indicator, places),
    }


def counts_words(counts) -> str:
    """提前实现 3 项，滞后 2 项 (verdicts or item progress)."""
    words = {**VERDICT_WORDS, **ITEM_PROGRESS_WORDS}
    return "，".join(f"{words[key]} {n} 项" for key, n in counts)


def _names(names: list[str]) -> str:
    return "、".join(f"“{n}”" for n in names)


def progress_counts(items) -> list[tuple[ItemProgress, int]]:
    counts = Counter(item.progress for item in items)
    return [(p, counts[p]) for p in ItemProgress if counts[p]]


def overview_sentence(results: JudgedPlan, report) -> str:
    """e.g. 77 项指标中，3 项已实现（其中 2 项提前实现）；56 项快于预期或基本符合预期（…）；17 项滞后，其中约束性指标 2 项：…。"""
    pairs = report.indicators
    if not pairs:
        return "没有可评估的指标。"
    counts = dict(report.verdicts())
    parts = []
    if reached := counts.get(Verdict.ACHIEVED, 0) + counts.get(Verdict.ACHIEVED_EARLY, 0):
        early = f"（其中 {counts[Verdict.ACHIEVED_EARLY]} 项提前实现）" if counts.get(Verdict.ACHIEVED_EARLY) else ""
        parts.append(f"{reached} 项已实现{early}")
    going = [Verdict.FASTER, Verdict.AS_EXPECTED]
    if n := sum(counts.get(v, 0) for v in going):
        parts.append(f"{n} 项{'或'.join(VERDICT_WORDS[v] for v in going if counts.get(v))}"
                     f"（{counts_words([(v, counts[v]) for v in going if counts.get(v)])}）")
    for verdict in (Verdict.NOT_DUE, Verdict.BEHIND, Verdict.NOT_ACHIEVED):
        if n := counts.get(verdict):
            binding = [results.plan.full_name(i) for i, e in pairs if i.attribute == "约束性" and e.verdict == verdict]
            tail = f"，其中约束性指标 {len(binding)} 项：{_names(binding)}" if binding and verdict != Verdict.NOT_DUE else ""
            parts.append(f"{n} 项{VERDICT_WORDS[verdict]}{tail}")
    for verdict in (Verdict.MISSING, Verdict.CANNOT):
        if n := counts.get(verdict):
            parts.append(f"{n} 项{VERDICT_WORDS[verdict]}")
    return f"{len(pairs)} 项指标中，" + "；".join(parts) + "。"


def method_lines(config: SiteConfig, kind: Kind) -> list[str]:
    """How the verdicts were reached, in plain words (the rules of generator/judge/evaluation.py)."""
    ahead = number(config.settings.evaluation.ahead_from)
    close = number(config.settings.evaluation.close_within)
    lines = [
        "每项指标的判定与同一年度公报完全相同（同一个起点、阶段目标、完成度和序时进度）：评估年有阶段目标的，按阶段目标判定；"
        "评估年的数值尚未报送的，用此前最近一年的数值，并注明年份。",
        "期末评估（以及已到期末目标年的指标）只说结果：目标年之前已达到并保持到最后的为提前实现，达到的为已实现，未达到的为未实现；"
        "每年设定的目标，每一年都达到才算已实现，并写明几年达到。",
        "提前实现：评估年已达到期末目标。",
        f"快于预期：完成度快于序时进度 {ahead} 个百分点及以上。",
        f"基本符合预期：完成度不低于序时进度；或落后不足 {close} 个百分点、且按目前趋势可以达到目标；"
        "起点已达到目标并保持；阶段目标按期达到；每年设定的目标各年都达到。",
        "滞后：其余未达到要求的情形，包括阶段目标到期未达到、未保持目标水平、每年设定的目标有一年未达到。",
        "“左右”目标靠容差才算达到的，注明容差。",
        f"{MISSING}：评估年及以前都没有报送数值，不作推算；无法评估：没有可比的起点（没有基期值的首个监测年份，或统计口径变化当年）。",
    ]
    if kind == Kind.FINAL:
        lines.append("期末评估说的是目标是否实现：目标年达到目标的为已实现；目标年之前已达到并保持到目标年的为提前实现；"
                     "到目标年仍未达到、或未保持目标水平的为未实现。")
    if kind == Kind.MIDTERM:
        lines.append("趋势推算：用评估年及以前各可比年份（含起点）的数值作线性回归（最小二乘法），推算到目标年；"
                     "不足 3 个可比年份的不作推算。推算的不确定性用两种方式说明：各年数值偏离趋势线的残差标准差，"
                     "以及按最近几年中最慢和最快的年变化推算到目标年的范围。")
    lines.append("专栏实施步骤和任务：按评估年及以前最近一次报送的进展判定，不论在哪一年报送；最近一次为“已完成”的为已完成，"
                 "晚于计划年份或完成时限才完成的为逾期完成；到期（计划年份或完成时限已到）仍未完成的为逾期；"
                 "报送“滞后”的为滞后；其余为正在推进；从未报送的为未报告。")
    return lines


def contact_lines(config: SiteConfig) -> list[tuple[str, str]]:
    return config.settings.contact.lines()


def coverage_text(record: EvaluationRecord, start: int) -> str:
    """The years the report rests on, said plainly where the data start late."""
    years = record.data_years
    covered = f"本报告依据 {period(years[0], years[-1])}的监测数据"
    if years[0] > start:
        return f"{covered}（{period(start, years[0] - 1)}没有监测数据，不作推算）。"
    return f"{covered}。"


def evaluation_context(results: JudgedPlan, record: EvaluationRecord, config: SiteConfig) -> dict:
    """Everything a report shows (web page and PDF alike), prepared and in order."""
    plan, info, styles = results.plan, results.plan.info, config.styles
    report = record.report
    evaluation, year = report.evaluation, report.evaluation.year
    rows = {i.id: indicator_row(results, i, e, record, config) for i, e in report.indicators}
    goal_pairs = list(results.year(year).goals)
    groups: dict[str, list[dict]] = {}
    for indicator, _ in lagging_first(report.indicators):
        groups.setdefault(group_label(indicator.table), []).append(rows[indicator.id])

    columns = []
    for column in plan.columns:
        pairs = [(i, e) for i, e in report.indicators if i.column == column.number]
        items = late_first([(m, item) for c, m, item in report.milestones if c.number == column.number])
        if not pairs and not items:
            continue
        columns.append({
            "number": column.number,
            "heading": f"专栏 {column.number}：{column.title}",
            "indicator_counts": counts_words(verdict_counts(pairs)),
            "indicator_total": len(pairs),
            "milestone_counts": counts_words(progress_counts([item for _, item in items])),
            "milestones": [{"year": m.year.text, "text": m.text, "due": item.due_year,
                            "progress": progress_mark(styles, item.progress),
                            "reported": f"{item.status}（{item.report_year} 年）" if item.report_year else item.status,
                            "report": item.text} for m, item in items],
        })

    units: dict[str, list] = {}
    for task, item in report.tasks:
        for unit in task.lead_units or [NO_UNIT]:
            units.setdefault(plan.canonical_unit(unit), []).append((task, item))
    unit_list = [{"name": name,
                  "counts": counts_words(progress_counts([item for _, item in tasks])),
                  "late": sum(item.progress in (ItemProgress.LATE, ItemProgress.OVERDUE) for _, item in tasks),
                  "tasks": [{"number": t.number or "", "work": t.work, "deadline": t.deadline.text if t.deadline else "",
                             "progress": progress_mark(styles, item.progress),
                             "reported": f"{item.status}（{item.report_year} 年）" if item.report_year else item.status,
                             "report": item.text} for t, item in late_first(tasks)]}
                 for name, tasks in sorted(units.items())]
    unit_list.sort(key=lambda unit: -unit["late"])  # units with late tasks first, then by name
    counts = verdict_counts(report.indicators)
    total = sum(n for _, n in counts)
    attributes = []
    for attribute in ("约束性", "预期性", None):
        pairs = [(i, e) for i, e in report.indicators if i.attribute == attribute]
        if pairs:
            attributes.append((attribute or "未标属性", counts_words(verdict_counts(pairs))))
    return {
        "title": report_title(results, evaluation),
        "plan_title": info.title,
        "report_title": evaluation.title,
        "kind": str(evaluation.kind),
        "midterm": evaluation.kind == Kind.MIDTERM,
        "year": year,
        "end_year": report.end_year,
        "issuer": info.issuer,
        "document_number": info.document_number or "",
        "period": period(info.period.start, info.period.end),
        "cutoff": f"数据截至 {year} 年底",
        "coverage": coverage_text(record, info.period.start),
        "sample": results.sample,
        "publisher": config.settings.publisher,
        "site_name": config.settings.site_name,
        "overview": overview_sentence(results, report),
        "binding_behind": [rows[i.id] for i, e in report.indicators if i.attribute == "约束性"
                           and e.verdict in LAGGING_VERDICTS],
        # A plan that marks no indicator 约束性 or 预期性 still shows its lagging ones first.
        "attention": [] if any(i.attribute for i, _ in report.indicators) else
                     [rows[i.id] for i, e in report.indicators if e.verdict in LAGGING_VERDICTS],
        "behind_word": "未实现" if evaluation.kind == Kind.FINAL else "滞后",
        "has_binding": any(i.attribute == "约束性" for i, _ in report.indicators),
        "show_attribute": any(i.attribute for i, _ in report.indicators),
        "counts": [{"verdict": verdict_mark(styles, v), "count": n, "share": share(n, total)} for v, n in counts],
        "total": total,
        "by_attribute": attributes,
        "groups": [{"title": label, "rows": group_rows} for label, group_rows in groups.items()],
        "reasons": [rows[i.id] for i, _ in report.indicators],
        "columns": columns,
        "milestone_total": len(report.milestones),
        "milestone_counts": counts_words(progress_counts([item for *_, item in report.milestones])),
        "units": unit_list,
        "task_total": len(report.tasks),
        "task_counts": counts_words(progress_counts([item for _, item in report.tasks])),
        "goals": {"overview": goal_sentence(goal_pairs),
                  "rows": [goal_row(results, goal, judgement, styles) for goal, judgement in goal_pairs]}
                 if goal_pairs else None,
        "method": method_lines(config, evaluation.kind),
        "contact": contact_lines(config),
    }
