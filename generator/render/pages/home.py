"""The home page: the latest bulletin of every plan at a glance, 预警 first."""

from __future__ import annotations

from generator.judge.records import JudgedPlan
from generator.render import links
from generator.render.chart_views import status_view
from generator.render.labels import goal_sentence, overview_sentence
from generator.render.wording import period
from generator.render.pages.common import Page, SiteParts
from generator.render.pages.rows import indicator_row, place_chart


def home_page(parts: SiteParts, all_results: list[JudgedPlan]) -> Page:
    here = links.home()
    warnings, plans = [], []
    for results in all_results:
        plan = results.plan
        year = results.latest_year
        entry = {"title": plan.info.title, "link": links.relative(here, links.plan(plan.id)),
                 "issuer": plan.info.issuer, "period": period(plan.info.period.start, plan.info.period.end),
                 "year": year, "sample": results.sample}
        if year is not None:
            # Each indicator's latest figure: a year with few figures must not hide last year's lags.
            newest = results.newest
            entry["bulletin"] = links.relative(here, links.bulletin(plan.id, year))
            entry["overview"] = "按各指标最新一年的数据，" + overview_sentence(list(newest.standings))
            entry["goals"] = goal_sentence(list(newest.goals))
            counts = list(newest.counts)
            if counts:
                entry["chart"] = place_chart(parts, here, links.chart(plan.id, "status-latest"),
                                             status_view("各指标最新状态", counts, parts.config.styles))
            for warning in sorted(newest.alerts, key=lambda s: s.behind_key()):
                row = indicator_row(parts, results, warning, here)
                row["plan"] = plan.info.short_title
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
    return parts.add(Page(here, "home.md.j2", None, context,
                          draft="\n".join(f"{r.plan.info.short_title}：{note}" for r in all_results  # each plan's latest year
                                          if (note := parts.draft_note(r.plan.id, r.years[-1:])))))
