"""Table rows shared by several pages: an indicator's standing, a chart placed on a page."""

from __future__ import annotations

from generator.judge import rollup
from generator.judge.engine import PlanResults
from generator.judge.goals import GoalJudgement
from generator.judge.rules import Judgement
from generator.model.plan import Goal, Indicator
from generator.render import links
from generator.render.chart_views import ChartView
from generator.render.explain import due_text, gap_text, goal_explanation, requirement_text
from generator.render.labels import badge, counts_text, goal_proof, goal_sentence, with_unit
from generator.render.pages.common import SiteParts


def indicator_row(parts: SiteParts, results: PlanResults, indicator: Indicator, judgement: Judgement, here: str) -> dict:
    styles = parts.config.styles
    unit = indicator.unit
    value = with_unit(judgement.value.text, unit) if judgement.value else "数据暂缺"
    return {
        "link": links.relative(here, links.indicator(results.plan.id, indicator.id)),
        "name": results.plan.full_name(indicator),
        "attribute": indicator.attribute or "—",
        "value": value + ("（口径变化）" if judgement.definition_changed else ""),
        "target": f"{judgement.target.year} 年 {with_unit(judgement.target.value.text, unit)}" if judgement.target else "—",
        "expected": requirement_text(judgement, unit),
        "status": badge(styles, judgement.status),
        "light": badge(styles, judgement.light) if judgement.light else "",
        "gap": gap_text(judgement, unit),
    }


def goal_source(goal: Goal) -> str:
    """Where the plan states the target: 专栏 3, 重点任务 kt05's number, or the table/section written."""
    if goal.column is not None:
        return f"专栏 {goal.column}"
    return goal.table or ""


def goal_row(parts: SiteParts, results: PlanResults, goal: Goal, judgement: GoalJudgement | None) -> dict:
    """A yes/no or milestone target in one year: what it asks, what was reported, the status and the proof.
    Without a judgement (no year of data yet) only what it asks."""
    styles = parts.config.styles
    facts = {"name": goal.name, "kind": goal.kind_word, "due": due_text(goal.due if not goal.annual else None),
             "source": goal_source(goal), "region": goal.region or "全域",
             "units": "、".join(results.plan.canonical_unit(u) for u in goal.lead_units)}
    if judgement is None:
        return {**facts, "year": None, "reported": "尚无报告", "status": "—", "light": "",
                "proof": "", "explanation": "尚无年度进展报告。"}
    proof = goal_proof(goal, results.goals[goal.id].report(judgement.year))
    return {
        **facts,
        "year": judgement.year,
        "reported": judgement.state or "数据暂缺",
        "status": badge(styles, judgement.status),
        "light": badge(styles, judgement.light) if judgement.light else "",
        "proof": "；".join(proof),
        "explanation": goal_explanation(judgement),
    }


def goal_section(parts: SiteParts, results: PlanResults, year: int | None = None, keep=lambda goal: True) -> dict | None:
    """The yes/no and milestone targets of a page, counted on their own: a sentence, the counts, the rows.
    ``year`` None: each target's latest reported year."""
    goals = [series.goal for series in results.goals.values() if keep(series.goal)]
    if not goals:
        return None
    pairs = rollup.goal_judgements(results, year, keep)
    judged = {goal.id: judgement for goal, judgement in pairs}
    overview = goal_sentence(pairs) if pairs else f"{len(goals)} 项是否达成和里程碑目标，尚无年度进展报告。"
    return {"overview": overview, "counts": counts_text(rollup.ordered_counts([j.status for _, j in pairs])),
            "rows": [goal_row(parts, results, goal, judged.get(goal.id)) for goal in goals]}


def place_chart(parts: SiteParts, here: str, chart_path: str, view: ChartView) -> dict:
    """Register the chart for rendering and return what the page's chart block shows."""
    parts.charts[chart_path] = view.chart
    return {"src": links.relative(here, chart_path), "summary": view.summary, "headers": view.headers, "rows": view.rows}


def correction_rows(parts: SiteParts, all_results: list[PlanResults], here: str, only: tuple[str, str] | None = None) -> list[dict]:
    """The corrections as table rows, newest first; ``only`` = (plan id, indicator id)."""
    plans = {r.plan.id: r.plan for r in all_results}
    rows = []
    for c in reversed(parts.corrections):
        plan = plans.get(c.plan_id)
        if plan is None or (only and (c.plan_id, c.indicator_id) != only):
            continue
        known = any(i.id == c.indicator_id for i in plan.indicators)
        rows.append({"plan": plan.info.short_title, "year": c.year, "region": c.region or "全域",
                     "name": plan.full_name(plan.indicator(c.indicator_id)) if known else c.indicator_id,
                     "link": links.relative(here, links.indicator(plan.id, c.indicator_id)) if known else None,
                     "old": c.old, "new": c.new or "（已撤回）", "date": c.date, "note": c.note})
    return rows

