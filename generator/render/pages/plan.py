"""A plan's overview page, the answer first: the latest status of its indicators (lagging ones first, with
their latest value), its goals, then its bulletins, evaluations, 专栏, units and regions, and last what the plan is."""

from __future__ import annotations

from generator.judge.records import JudgedPlan
from generator.render import links
from generator.render.labels import targets_text
from generator.render.wording import MISSING, NONE, badge, counts_text, date, period, with_unit
from generator.render.pages.common import Page, SiteParts, crumbs
from generator.render.pages.rows import goal_section
from generator.render.year_report import lagging_key


def plan_facts(results: JudgedPlan) -> list[tuple[str, str]]:
    info = results.plan.info
    facts = (
        ("印发机关", info.issuer),
        ("文号", info.document_number),
        ("印发日期", date(info.issue_date) or None),
        ("规划期", period(info.period.start, info.period.end)),
        ("基期年", f"{info.base_year} 年"),
        ("实施地区", "、".join(info.regions) if info.regions else None),
    )
    return [(label, value) for label, value in facts if value]


def plan_page(parts: SiteParts, results: JudgedPlan) -> Page:
    plan = results.plan
    here = links.plan(plan.id)
    styles = parts.config.styles
    latest = results.latest_year
    newest = {s.indicator.id: s for s in results.newest.standings}
    indicators = []
    judged = [(i, newest.get(i.id)) for i in plan.indicators]
    for indicator, judgement in sorted(judged, key=lambda pair: lagging_key(pair[1])):
        indicators.append({
            "number": indicator.number or "",
            "name": plan.full_name(indicator),
            "link": links.relative(here, links.indicator(plan.id, indicator.id)),
            "attribute": indicator.attribute or NONE,
            "base": f"{with_unit(indicator.base.value.text, indicator.unit)}（{indicator.base.year} 年）" if indicator.base else NONE,
            "targets": targets_text(indicator) or "见子项",
            "status": badge(styles, judgement.status) + f"（{judgement.year} 年）" if judgement else NONE,
            "value": (with_unit(judgement.value.text, indicator.unit) if judgement.value else MISSING) if judgement else NONE,
        })
    context = {
        "title": plan.info.title,
        "crumbs": crumbs(here, []),
        "sample": results.sample,
        "summary": plan.info.summary,
        "facts": plan_facts(results),
        "regions_note": plan.info.regions_note,
        "latest": latest,
        "bulletins": [(y, links.relative(here, links.bulletin(plan.id, y))) for y in reversed(results.years)],
        "evaluations": [(e.evaluation.title, links.relative(here, links.evaluation(plan.id, e.evaluation.kind, e.evaluation.year)))
                        for e in results.evaluations],
        "overview_counts": counts_text(results.newest.counts),
        "overview": links.relative(here, links.overview(plan.id)),
        "indicators": indicators,
        "goals": goal_section(parts, results),
        "columns": [(f"专栏 {c.number}：{c.title}", links.relative(here, links.column(plan.id, c.number))) for c in plan.columns],
        "units": [(u, links.relative(here, links.unit(plan.id, u))) for u in plan.units()],
        "regions": [(r, links.relative(here, links.region(plan.id, r))) for r in plan.info.regions],
        "source": links.relative(here, links.download(f"{plan.id}-原文.txt")),
    }
    return parts.add(Page(here, "plan.md.j2", plan.info.title, context,
                          draft=parts.draft_note(plan.id, results.years)))
