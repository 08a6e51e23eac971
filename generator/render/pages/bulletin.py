"""The annual bulletin (年度监测公报) of one plan and year, laid out from the year's report."""

from __future__ import annotations

from generator.judge.records import JudgedPlan
from generator.render import links
from generator.render.chart_views import status_view
from generator.render.pages.common import Page, SiteParts, crumbs, page_title
from generator.render.pages.rows import goal_section, indicator_row, place_chart
from generator.render.rows import item_row
from generator.render.wording import counts_text
from generator.render.year_report import YearReport


def bulletin_page(parts: SiteParts, results: JudgedPlan, report: YearReport) -> Page:
    plan, year = report.plan, report.year
    here = links.bulletin(plan.id, year)
    styles = parts.config.styles

    def rows(lines):
        return [indicator_row(parts, results, line, here) for line in lines]

    def items(lines):
        return [item_row(i, styles) for i in lines]

    chart = place_chart(parts, here, links.chart(plan.id, f"status-{year}"),
                        status_view(f"{year} 年指标状态", list(report.counts), styles)) if report.counts else None
    context = {
        "title": report.title,
        "crumbs": crumbs(here, [(plan.info.short_title, links.plan(plan.id))]),
        "pdf": links.relative(here, links.bulletin_pdf(plan.id, year)),
        "sample": report.sample,
        "sections": dict(report.sections),
        "overview": report.overview,
        "attention": rows(report.attention),
        "warning_count": len(report.alerts),
        "has_binding": report.has_binding,
        "show_attribute": report.show_attribute,
        "by_attribute": [(attribute, counts_text(counts)) for attribute, counts in report.by_attribute],
        "chart": chart,
        "groups": [(label, rows(lines)) for label, lines in report.groups],
        "goals": goal_section(parts, results, year),
        "columns": [{"heading": c.heading, "link": links.relative(here, links.column(plan.id, c.number)),
                     "indicators": rows(c.indicators), "milestones": items(c.milestones)} for c in report.columns],
        "regions": [{"name": r.name, "link": links.relative(here, links.region(plan.id, r.name)), "count": r.count,
                     "behind": r.behind, "counts": counts_text(r.counts)} for r in report.regions],
        "units": [(u.name, items(u.tasks)) for u in report.units],
        "notes": [f"{n.title}：{'；'.join(n.lines)}" for n in report.notes],
        "methodology": links.relative(here, links.METHODOLOGY),
        "corrections_page": links.relative(here, links.CORRECTIONS),
        "contact": parts.config.settings.contact.lines(),
        "other_years": [(y, links.relative(here, links.bulletin(plan.id, y))) for y in results.years if y != year],
    }
    return parts.add(Page(here, "bulletin.md.j2", page_title(f"{year} 年度监测公报", plan), context,
                          draft=parts.draft_note(plan.id, [year])))
