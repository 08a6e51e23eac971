"""多规划比较: a measure that several plans report (the ``measure`` their indicators name, checked
against content/measures.yaml) on one page — each plan's latest value, status and target side by
side, one chart of every plan's series, and a note where the plans' names or 口径 differ."""

from __future__ import annotations

from dataclasses import dataclass

from generator.judge.records import JudgedPlan
from generator.model.figures import WHOLE_AREA
from generator.model.plan import Indicator, Measure
from generator.render import links
from generator.render.chart_views import ChartView
from generator.render.chart_inputs import Chart, PlanLine, PlanLines
from generator.render.labels import targets_text
from generator.render.wording import badge, with_unit
from generator.render.pages.common import Page, SiteParts, crumbs
from generator.render.pages.rows import place_chart


@dataclass(frozen=True)
class Compared:
    """One plan's indicator for a measure."""

    results: JudgedPlan
    indicator: Indicator


def compared_measures(all_results: list[JudgedPlan], measures: dict[str, Measure]) -> dict[str, list[Compared]]:
    """Measure key → the indicators naming it, in plan order; only measures that two or more plans report."""
    found: dict[str, list[Compared]] = {}
    for results in all_results:
        for indicator in results.plan.indicators:
            if indicator.measure in measures and indicator.targets:
                found.setdefault(indicator.measure, []).append(Compared(results, indicator))
    return {key: items for key, items in found.items() if len({c.results.plan.id for c in items}) >= 2}


def _view(measure: Measure, items: list[Compared]) -> ChartView | None:
    unit = measure.unit or ""
    lines, by_year = [], {}
    for item in items:
        plan, indicator = item.results.plan, item.indicator
        series = item.results.series.get((indicator.id, WHOLE_AREA))
        figures = [f for f in (series.figures if series else ()) if f.value is not None and f.value.number is not None]
        lines.append(PlanLine(plan.info.short_title, [(f.year, f.value.number) for f in figures],
                              [(t.year, t.value.number, t.value.text) for t in indicator.targets if t.value.number is not None]))
        for f in figures:
            by_year.setdefault(f.year, {}).setdefault(plan.id, []).append(with_unit(f.value.text, indicator.unit))
        for t in indicator.targets:
            by_year.setdefault(t.year, {}).setdefault(plan.id, []).append(f"目标 {with_unit(t.value.text, indicator.unit)}")
    if not any(line.values or line.targets for line in lines):
        return None
    latest = [f"{line.label} {line.values[-1][0]} 年为 {by_year[line.values[-1][0]][item.results.plan.id][0]}"
              for line, item in zip(lines, items) if line.values]
    summary = f"{measure.name}：" + ("；".join(latest) if latest else "各规划尚无监测数据") + "。"
    headers = ["年份", *(item.results.plan.info.short_title for item in items)]
    rows = [[str(year), *("；".join(by_year[year].get(item.results.plan.id, [])) or "—" for item in items)]
            for year in sorted(by_year)]
    return ChartView(Chart(PlanLines(measure.name, unit, lines), summary), headers, rows)


def compare_page(parts: SiteParts, measure: Measure, items: list[Compared]) -> Page:
    here = links.compare(measure.key)
    styles = parts.config.styles
    rows = []
    for item in items:
        plan, indicator = item.results.plan, item.indicator
        series = item.results.series.get((indicator.id, WHOLE_AREA))
        latest = series.latest() if series else None
        rows.append({
            "plan": plan.info.short_title, "plan_link": links.relative(here, links.plan(plan.id)),
            "name": plan.full_name(indicator), "link": links.relative(here, links.indicator(plan.id, indicator.id)),
            "base": f"{with_unit(indicator.base.value.text, indicator.unit)}（{indicator.base.year} 年）" if indicator.base else "—",
            "value": f"{with_unit(latest.value.text, indicator.unit)}（{latest.year} 年）" if latest else "尚无数据",
            "status": badge(styles, latest.status) if latest else "—",
            "target": targets_text(indicator),
            "scope": indicator.statistical_scope or "",
        })
    names = list(dict.fromkeys(r["name"] for r in rows))
    scopes = {r["scope"] for r in rows if r["scope"]}
    notes = []
    if len(names) > 1:
        notes.append("各规划对这一指标的写法不同：" + "；".join(f"{r['plan']}写作“{r['name']}”" for r in rows) + "。")
    if len(scopes) > 1 or (scopes and len(scopes) < len(rows)):
        notes.append("各规划写明的统计口径不同：" + "；".join(f"{r['plan']}：{r['scope'] or '未写明'}" for r in rows) + "。")
    if measure.note:
        notes.append(measure.note)
    chart_path = links.compare_chart(measure.key)
    view = _view(measure, items)
    context = {
        "title": f"{measure.name}：各规划比较",
        "crumbs": crumbs(here, []),
        "sample": any(item.results.sample for item in items),
        "unit": measure.unit,
        "rows": rows,
        "notes": notes,
        "chart": place_chart(parts, here, chart_path, parts.view(chart_path, lambda: view)) if view else None,
    }
    return parts.add(Page(here, "compare.md.j2", f"{measure.name}｜各规划比较", context))
