"""A 专栏 page: goals, tasks, conditions, the milestone timeline, a chart per linked indicator."""

from __future__ import annotations

from generator.judge.records import JudgedPlan
from generator.model.plan import Column
from generator.render import links
from generator.render.chart_views import progress_view
from generator.render.wording import badge
from generator.render.pages.common import Page, SiteParts, crumbs, page_title
from generator.render.pages.rows import goal_section, indicator_row, place_chart
from generator.render.year_report import lagging_key


def column_page(parts: SiteParts, results: JudgedPlan, column: Column) -> Page:
    plan = results.plan
    here = links.column(plan.id, column.number)
    styles = parts.config.styles
    info = plan.info
    timeline = []
    for milestone in column.milestones:
        states = []
        for year in results.years:
            if milestone.year.covers(year, info.period.start, info.period.end):
                state = next(s for c, m, s in results.milestones[year] if m.id == milestone.id)
                states.append({"year": year, "status": badge(styles, state.status), "report": state.text})
        timeline.append({"year": milestone.year.text, "text": milestone.text, "states": states})
    linked = [i for i in plan.indicators if (i.column == column.number or column.number in i.also_in_columns) and i.targets]
    latest = results.latest_year
    charts = []
    for indicator in linked:
        path = links.chart(plan.id, f"indicator-{indicator.id}")
        view = parts.view(path, lambda i=indicator: progress_view(results, i, results.series.get((i.id, ""))))
        charts.append({"name": plan.full_name(indicator),
                       "link": links.relative(here, links.indicator(plan.id, indicator.id)),
                       "chart": place_chart(parts, here, path, view)})
    judged = [s for i in linked if (s := results.standing(i.id, latest))] if latest else []
    rows = [indicator_row(parts, results, s, here) for s in sorted(judged, key=lagging_key)]
    context = {
        "title": f"专栏 {column.number}：{column.title}",
        "crumbs": crumbs(here, [(info.short_title, links.plan(plan.id))]),
        "sample": results.sample,
        "parts": [(label, text) for label, text in (("主要目标", column.goals), ("主要任务", column.tasks),
                  ("保障条件", column.conditions), ("内容", column.body)) if text],
        "steps": column.steps,
        "timeline": timeline,
        "latest": latest,
        "rows": rows,
        "goals": goal_section(parts, results, keep=lambda goal: goal.column == column.number),
        "charts": charts,
    }
    return parts.add(Page(here, "column.md.j2", page_title(f"专栏 {column.number}：{column.title}", plan), context,
                          draft=parts.draft_note(plan.id, results.years)))
