"""Table rows shared by several pages: an indicator's standing, a chart placed on a page."""

from __future__ import annotations

from generator.judge.engine import PlanResults
from generator.judge.rules import Judgement
from generator.model.plan import Indicator
from generator.render import links
from generator.render.chart_views import ChartView
from generator.render.labels import badge, gap_text, requirement, with_unit
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
        "expected": requirement(judgement.expected, unit),
        "status": badge(styles, judgement.status),
        "light": badge(styles, judgement.light) if judgement.light else "",
        "gap": gap_text(judgement),
    }


def place_chart(parts: SiteParts, here: str, chart_path: str, view: ChartView) -> dict:
    """Register the chart for rendering and return what the page's chart block shows."""
    parts.charts[chart_path] = view.spec
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

