"""The annual bulletin (年度监测公报) of one plan and year."""

from __future__ import annotations

from generator.judge import rollup
from generator.judge.engine import PlanResults
from generator.model.status import LAGGING, Status
from generator.render import links
from generator.render.bulletin_pdf import pdf_path
from generator.render.chart_views import status_view
from generator.render.labels import badge, counts_text, overview_sentence
from generator.render.pages.common import Page, SiteParts, crumbs
from generator.render.pages.rows import goal_section, indicator_row, place_chart


def group_label(table: str | None) -> str:
    if not table:
        return "其他指标"
    if table.startswith("专栏"):
        return "专栏中的目标"
    return {"正文": "规划正文中的目标", "任务分解表": "任务分解表中的目标"}.get(table, table)


def bulletin_page(parts: SiteParts, results: PlanResults, year: int) -> Page:
    plan = results.plan
    here = links.bulletin(plan.id, year)
    styles = parts.config.styles
    pairs = rollup.year_judgements(results, year)
    groups: dict[str, list[dict]] = {}
    for indicator, judgement in pairs:
        groups.setdefault(group_label(indicator.table), []).append(indicator_row(parts, results, indicator, judgement, here))
    counts = rollup.by_status(results, year)
    chart = place_chart(parts, here, links.chart(plan.id, f"status-{year}"),
                        status_view(f"{year} 年指标状态", counts, styles)) if counts else None
    columns = []
    for column in plan.columns:
        rows = [indicator_row(parts, results, i, j, here) for i, j in pairs if i.column == column.number]
        milestones = [{"year": m.year.text, "text": m.text, "status": badge(styles, state.status),
                       "report": state.text} for c, m, state in results.milestones.get(year, ()) if c.number == column.number]
        if rows or milestones:
            columns.append({"heading": f"专栏 {column.number}：{column.title}",
                            "link": links.relative(here, links.column(plan.id, column.number)),
                            "indicators": rows, "milestones": milestones})
    units: dict[str, list[dict]] = {}
    for task, state in results.tasks.get(year, ()):
        for unit in task.lead_units or ["（未写明责任单位）"]:
            name = plan.canonical_unit(unit)
            units.setdefault(name, []).append({
                "number": task.number or "", "work": task.work, "status": badge(styles, state.status),
                "report": state.text, "deadline": task.deadline.text if task.deadline else "",
                "spent": f"{state.spent:g}" if state.spent is not None else ""})
    notes = [f"{plan.full_name(i)}：{j.value.text if j.value else ''} 统计口径变化，与基期不可比。"
             for i, j in pairs if j.definition_changed]
    notes += [f"{plan.full_name(i)}：{year} 年数据暂缺。" for i, j in pairs if j.status == Status.MISSING]
    context = {
        "title": f"{plan.info.title} {year} 年度监测公报",
        "crumbs": crumbs(here, [(plan.info.short_title, links.plan(plan.id))]),
        "pdf": links.relative(here, pdf_path(plan.id, year)),
        "sample": results.sample,
        "overview": overview_sentence(pairs, plan.full_name),
        "warnings": [indicator_row(parts, results, w.indicator, w.judgement, here) for w in rollup.warnings(results, year)],
        "has_binding": any(i.attribute == "约束性" for i, _ in pairs),
        "show_attribute": any(i.attribute for i, _ in pairs),
        "by_attribute": [(attribute, counts_text(counts_)) for attribute, counts_ in rollup.by_attribute(results, year)],
        "chart": chart,
        "groups": list(groups.items()),
        "goals": goal_section(parts, results, year),
        "columns": columns,
        "regions": [{"name": region, "link": links.relative(here, links.region(plan.id, region)),
                     "count": sum(n for _, n in counts_), "counts": counts_text(counts_),
                     "behind": sum(n for s, n in counts_ if s in LAGGING)}
                    for region, counts_ in rollup.by_region(results, year).items()],
        "units": sorted(units.items()),
        "notes": notes,
        "methodology": links.relative(here, links.METHODOLOGY),
        "other_years": [(y, links.relative(here, links.bulletin(plan.id, y))) for y in results.years if y != year],
    }
    return parts.add(Page(here, "bulletin.md.j2", f"{year} 年度公报", context))
