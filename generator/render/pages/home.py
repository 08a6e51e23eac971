"""The home page: the latest bulletin of every plan at a glance, 预警 first."""

from __future__ import annotations

from generator.judge import rollup
from generator.judge.engine import PlanResults
from generator.render import links
from generator.render.chart_views import status_view
from generator.render.labels import goal_sentence, overview_sentence
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
            # Each indicator's latest figure: a year with few figures must not hide last year's lags.
            pairs = rollup.latest_judgements(results)
            entry["bulletin"] = links.relative(here, links.bulletin(plan.id, year))
            entry["overview"] = "按各指标最新一年的数据，" + overview_sentence(pairs, plan.full_name)
            entry["goals"] = goal_sentence(rollup.goal_judgements(results))
            counts = rollup.latest_counts(results)
            if counts:
                entry["chart"] = place_chart(parts, here, links.chart(plan.id, "status-latest"),
                                             status_view("各指标最新状态", counts, parts.config.styles))
            for warning in rollup.alerts(results):
                row = indicator_row(parts, results, warning.indicator, warning.judgement, here)
                row["plan"] = plan.info.short_title
                row["year"] = warning.judgement.year
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
