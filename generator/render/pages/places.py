"""Pages for a responsible unit (责任单位) and for a region (县、市、区)."""

from __future__ import annotations

from generator.judge.records import JudgedPlan
from generator.render import links
from generator.render.wording import NONE, badge, counts_text, with_unit
from generator.render.pages.common import Page, SiteParts, crumbs, page_title
from generator.render.pages.rows import goal_section, indicator_row
from generator.render.downloads import REGION, own_downloads
from generator.render.year_report import lagging_key


def unit_page(parts: SiteParts, results: JudgedPlan, unit: str) -> Page:
    plan = results.plan
    here = links.unit(plan.id, unit)
    styles = parts.config.styles
    latest = results.latest_year
    states = {t.id: s for t, s in results.tasks.get(latest, ())} if latest else {}
    key_titles = {k.id: k.title for k in plan.key_tasks}
    rows = []
    for task in plan.tasks:
        lead = unit in [plan.canonical_unit(u) for u in task.lead_units]
        helping = unit in [plan.canonical_unit(u) for u in task.cooperating_units]
        if not (lead or helping):
            continue
        state = states.get(task.id)
        rows.append({"number": task.number or "", "key_task": key_titles.get(task.key_task or "", ""),
                     "work": task.work, "role": "牵头" if lead else "协同",
                     "deadline": task.deadline.text if task.deadline else "",
                     "status": badge(styles, state.status) if state else "—", "report": state.text if state else ""})
    key_tasks = [k.title for k in plan.key_tasks if unit in [plan.canonical_unit(u) for u in k.lead_units]]
    context = {
        "title": unit,
        "plan": plan.info.title,
        "crumbs": crumbs(here, [(plan.info.short_title, links.plan(plan.id))]),
        "sample": results.sample,
        "latest": latest,
        "counts": counts_text(results.year(latest).by_unit.get(unit, ())) if latest else "",
        "lead_count": sum(1 for r in rows if r["role"] == "牵头"),
        "help_count": sum(1 for r in rows if r["role"] == "协同"),
        "key_tasks": key_tasks,
        "rows": rows,
        "goals": goal_section(parts, results, keep=lambda goal: unit in [plan.canonical_unit(u) for u in goal.lead_units]),
    }
    return parts.add(Page(here, "unit.md.j2", page_title(unit, plan), context,
                          draft=parts.draft_note(plan.id, results.years)))


def _region_year(parts: SiteParts, results: JudgedPlan, region: str, year: int, here: str) -> dict:
    """One year of a region: its indicators, lagging first, beside the whole area's value."""
    rows, behind = [], []
    judged = [s for i in results.judged if (s := results.standing(i.id, year, region))]
    for standing in sorted(judged, key=lagging_key):
        row = indicator_row(parts, results, standing, here)
        whole = results.standing(standing.indicator.id, year)
        row["whole"] = with_unit(whole.value.text, whole.unit) if whole and whole.value else NONE
        rows.append(row)
        if standing.lagging:
            behind.append(row["name"])
    return {"year": year, "rows": rows, "behind": behind}


def region_page(parts: SiteParts, results: JudgedPlan, region: str, figures: list[list]) -> Page:
    """Every year of a region, newest first, with links between the years; ``figures`` are the
    plan's download rows (downloads.figure_rows), of which this region's are offered as files."""
    plan = results.plan
    here = links.region(plan.id, region)
    years = [y for y in (_region_year(parts, results, region, year, here) for year in reversed(results.years)) if y["rows"]]
    context = {
        "title": region,
        "plan": plan.info.title,
        "crumbs": crumbs(here, [(plan.info.short_title, links.plan(plan.id))]),
        "sample": results.sample,
        "years": years,
        "downloads": own_downloads(parts, here, f"{plan.id}/regions/{links.name_slug(region)}",
                                   [row for row in figures if row[REGION] == region], f"{region}（{plan.info.short_title}）"),
        "goals": goal_section(parts, results, keep=lambda goal: goal.region == region),
    }
    return parts.add(Page(here, "region.md.j2", page_title(region, plan), context,
                          draft=parts.draft_note(plan.id, results.years)))
