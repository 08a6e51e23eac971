"""The home page: the latest bulletin of every plan at a glance, 预警 first."""

from __future__ import annotations

from generator.judge.engine import PlanResults
from generator.render import links
from generator.render.chart_views import status_view
from generator.render.pages.common import Page, SiteParts
from generator.render.pages.rows import indicator_row, place_chart


def home_page(parts: SiteParts, all_results: list[PlanResults]) -> Page:
    here = links.home()
    warnings, plans = [], []
    for results in all_results:
        plan = results.plan
        year = results.latest_year
        entry = {"title": plan.info.title, "link": links.relative(here, links.plan(plan.id)),
                 "issuer": plan.info.issuer, "period": f"{plan.info.period.start}—{plan.info.period.end} 年",
                 "year": year, "sample": results.sample}
        if year is not None:
            report = parts.reports[(plan.id, year)]
            entry["bulletin"] = links.relative(here, links.bulletin(plan.id, year))
            entry["overview"] = report.overview
            if report.counts:
                entry["chart"] = place_chart(parts, here, links.chart(plan.id, f"status-{year}"),
                                             status_view(f"{year} 年指标状态", list(report.counts), parts.config.styles))
            for warning in report.warnings:
                row = indicator_row(parts, results, warning.indicator, warning.judgement, here)
                row["plan"] = plan.info.short_title
                row["year"] = year
                warnings.append(row)
        plans.append(entry)
    context = {
        "site_name": parts.config.settings.site_name,
        "description": parts.config.settings.description,
        "sample": any(r.sample for r in all_results),
        "warnings": warnings,
        "plans": plans,
        "methodology": links.relative(here, links.METHODOLOGY),
        "downloads": links.relative(here, links.DOWNLOADS),
    }
    return parts.add(Page(here, "home.md.j2", None, context))
