"""An indicator page: the chart, county comparison, every value with notes, how the status was computed."""

from __future__ import annotations

from generator.glossary import DIRECTIONS
from generator.judge.records import JudgedPlan
from generator.render.explain import explanation
from generator.model.plan import Indicator
from generator.render import links
from generator.render.chart_views import progress_view, region_view
from generator.render.downloads import INDICATOR, own_downloads
from generator.render.labels import targets_text
from generator.render.rows import indicator_row
from generator.render.wording import NONE, projected, with_unit
from generator.render.open_data import indicator_file
from generator.render.pages.common import Page, SiteParts, crumbs, page_title
from generator.render.pages.rows import correction_rows, place_chart


def indicator_page(parts: SiteParts, results: JudgedPlan, indicator: Indicator, figures: list[list]) -> Page:
    """``figures`` are the plan's download rows (downloads.figure_rows): this indicator's are offered as files."""
    plan = results.plan
    here = links.indicator(plan.id, indicator.id)
    styles = parts.config.styles
    series = results.series.get((indicator.id, ""))
    latest = results.latest_year
    values = []
    for standing in results.series_standings(indicator.id):
        figure_row = next((f for f in series.figures if f.year == standing.year), None)
        values.append({
            **indicator_row(standing, styles),
            "note": figure_row.note if figure_row else "",
            "source": figure_row.source if figure_row else "",
            "explanation": explanation(standing),
        })
    chart_path = links.chart(plan.id, f"indicator-{indicator.id}")
    chart = place_chart(parts, here, chart_path, parts.view(chart_path, lambda: progress_view(results, indicator, series))
                        ) if indicator.targets else None
    region = region_view(results, indicator, latest, styles) if latest and indicator.targets else None
    facts = [
        ("所属规划", plan.info.title),
        ("单位", indicator.unit or "—"),
        ("属性", indicator.attribute or "文件未标明"),
        ("分组", indicator.group),
        ("越大越好还是越小越好", DIRECTIONS[results.directions[indicator.id]]),
        ("基期值", f"{with_unit(indicator.base.value.text, indicator.unit)}（{indicator.base.year} 年）" if indicator.base else "文件未给出"),
        ("目标值", targets_text(indicator) or "见子项"),
        ("出处", f"专栏 {indicator.column}" if indicator.column else indicator.table),
    ]
    last = results.latest_standing(indicator.id)
    headline = indicator_row(last, styles) if last else None
    projection = last.projection if last else None
    trail = [(plan.info.short_title, links.plan(plan.id))]
    if indicator.parent:
        trail.append((plan.indicator(indicator.parent).name, links.indicator(plan.id, indicator.parent)))
    context = {
        "title": plan.full_name(indicator),
        "crumbs": crumbs(here, trail),
        "sample": results.sample,
        "headline": headline,
        "facts": [(label, value) for label, value in facts if value],
        "quote": "……".join(indicator.quote),
        "note": indicator.note,
        "sub_items": [(plan.full_name(s), links.relative(here, links.indicator(plan.id, s.id))) for s in plan.sub_items(indicator.id)],
        "chart": chart,
        "region_chart": place_chart(parts, here, links.chart(plan.id, f"regions-{indicator.id}-{latest}"), region) if region else None,
        "values": values,
        "projection": {
            "year": projection.year, "value": projected(projection.value, indicator.unit, last.places),
            "points": projection.points,
            "verdict": "按目前的速度可以实现目标" if projection.would_meet else "按目前的速度难以实现目标",
        } if projection else None,
        # The target year already observed: what was observed, not a projection.
        "observed": f"目标年 {last.year} 年的实际值为 {headline['value']}，{headline['status'].word}。"
                    if last and last.value and indicator.targets and last.year >= indicator.targets[-1].year else None,
        "downloads": own_downloads(parts, here, f"{plan.id}/indicators/{indicator.id}",
                                   [row for row in figures if row[INDICATOR] == indicator.id], page_title(indicator.name, plan))
                     + ([(label, links.relative(here, links.download(name))) for label, name in
                         (("本规划全部数据（CSV）", f"{plan.id}.csv"), ("本规划全部数据（Excel）", f"{plan.id}.xlsx"),
                          *((("本指标数据（JSON，含各年状态）", indicator_file(plan.id, indicator.id)),)
                            if indicator.targets else ()))]
                        if figures else []),
        "methodology": links.relative(here, links.METHODOLOGY),
        "corrections": correction_rows(parts, [results], here, only=(plan.id, indicator.id)),
        "corrections_page": links.relative(here, links.CORRECTIONS),
        "contact": parts.config.settings.contact.lines(),
    }
    return parts.add(Page(here, "indicator.md.j2", page_title(plan.full_name(indicator), plan), context,
                          draft=parts.draft_note(plan.id, results.years)))

