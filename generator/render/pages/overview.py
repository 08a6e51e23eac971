"""状态总览: every judged item of one plan, or of every plan, in a table the reader filters and sorts.

The page is a plain table of each plan's latest year (readable and printable without scripts); the
rows of every year go into a JSON file beside it (render/overview.py), which site.js reads to filter
by status, 属性, 县（市、区）, 责任单位, 专栏 and year, with the choice kept in the address."""

from __future__ import annotations

from markupsafe import Markup

from generator.judge.records import JudgedPlan
from generator.render import links
from generator.render.overview import COLUMNS, overview_rows, rows_json
from generator.render.pages.common import Page, SiteParts, crumbs, page_title


def _cells(row: dict, here: str) -> dict:
    link = links.relative(here, row["link"]) if row["link"] else None
    status = Markup('<span class="status status-{}"><span aria-hidden="true">{}</span> {}</span>').format(
        row["style"], row["icon"], row["status"])
    return {**row, "link": link, "status": status, "units": "、".join(row["units"])}


def overview_page(parts: SiteParts, all_results: list[JudgedPlan], plan_id: str | None = None) -> Page:
    here = links.overview(plan_id)
    chosen = [r for r in all_results if plan_id is None or r.plan.id == plan_id]
    rows = [row for results in chosen for row in overview_rows(parts.config.styles, results)]
    parts.files[links.overview_rows(plan_id)] = rows_json(rows, here)
    latest = {r.plan.info.short_title: r.latest_year for r in chosen}
    shown = [_cells(row, here) for row in rows if row["year"] == latest[row["plan"]]]
    columns = [(key, header) for key, header in COLUMNS if plan_id is None or key != "plan"]
    trail = [] if plan_id is None else [(chosen[0].plan.info.short_title, links.plan(plan_id))]
    context = {
        "title": "状态总览" if plan_id is None else f"状态总览：{chosen[0].plan.info.short_title}",
        "crumbs": crumbs(here, trail),
        "sample": any(r.sample for r in chosen),
        "latest": sorted({y for y in latest.values() if y}),
        "columns": columns,
        "rows": shown,
        "lagging": sum(1 for row in shown if row["lagging"]),
        "rows_url": links.relative_url(here, links.overview_rows(plan_id)),  # read by site.js
        "rows_file": links.relative(here, links.overview_rows(plan_id)),  # a Markdown link (MkDocs rewrites it)
        "plans": len(chosen),
    }
    title = "状态总览" if plan_id is None else page_title("状态总览", chosen[0].plan)
    return parts.add(Page(here, "overview.md.j2", title, context))
