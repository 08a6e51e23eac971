"""Table rows shared by several pages: an indicator's standing, a chart placed on a page."""

from __future__ import annotations

from generator.judge.records import JudgedPlan, Standing
from generator.model.status import Status
from generator.render import links
from generator.render.chart_views import ChartView
from generator.render.labels import goal_sentence
from generator.render.pages.common import SiteParts
from generator.render.rows import goal_row
from generator.render.rows import indicator_row as standing_row
from generator.render.wording import counts_text


def indicator_row(parts: SiteParts, results: JudgedPlan, s: Standing, here: str) -> dict:
    """The shared row (generator/render/rows.py) with the link to the indicator's page."""
    return {**standing_row(s, parts.config.styles), "link": links.relative(here, links.indicator(results.plan.id, s.indicator.id))}


def goal_section(parts: SiteParts, results: JudgedPlan, year: int | None = None, keep=lambda goal: True) -> dict | None:
    """The yes/no and milestone targets of a page, counted on their own: a sentence, the counts, the rows.
    ``year`` None: each target's latest reported year."""
    goals = [series.goal for series in results.goals.values() if keep(series.goal)]
    if not goals:
        return None
    record = results.newest if year is None else results.year(year)
    pairs = [(goal, judgement) for goal, judgement in record.goals if keep(goal)]
    judged = {goal.id: judgement for goal, judgement in pairs}
    overview = goal_sentence(pairs) if pairs else f"{len(goals)} 项是否达成和里程碑目标，尚无年度进展报告。"
    statuses = [j.status for _, j in pairs]
    counts = [(status, statuses.count(status)) for status in Status if status in statuses]
    return {"overview": overview, "counts": counts_text(counts),
            "rows": [goal_row(results, goal, judged.get(goal.id), parts.config.styles) for goal in goals]}


def place_chart(parts: SiteParts, here: str, chart_path: str, view: ChartView) -> dict:
    """Register the chart for rendering and return what the page's chart block shows."""
    parts.charts[chart_path] = view.chart
    return {"src": links.relative(here, chart_path), "summary": view.summary, "headers": view.headers, "rows": view.rows}


def correction_rows(parts: SiteParts, all_results: list[JudgedPlan], here: str, only: tuple[str, str] | None = None) -> list[dict]:
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

