"""What the search page knows of each page besides its text: the names the page is about (a query
equal to one of them puts it first), its kind, its plan, its latest status, and whether anything was
reported for it at all (a page with nothing reported comes last). Written into the page's front
matter; templates/theme/main.html turns them into Pagefind filters and metadata."""

from __future__ import annotations

from dataclasses import dataclass

from generator.judge.records import JudgedPlan
from generator.model.figures import NOT_REPORTED, WHOLE_AREA
from generator.model.plan import Indicator
from generator.model.status import word
from generator.render import links
from generator.render.wording import counts_text


@dataclass(frozen=True)
class SearchFacts:
    kind: str  # 规划、地区、单位、指标、专栏、公报、评估、比较、总览: the reader's words
    names: tuple[str, ...]  # what the page is about, as written in the content
    plan: str = ""  # the plan's short title
    status: str = ""  # the latest status, e.g. "2024 年：未达到序时进度（滞后）"
    empty: bool = False  # nothing was ever reported for it


def _year_counts(year: int | None, counts: list[tuple[str, int]]) -> str:
    return f"{year} 年：{counts_text(counts)}" if year is not None and counts else ""


def _indicator_reported(results: JudgedPlan, indicator: Indicator) -> bool:
    ids = {indicator.id, *(i.id for i in results.plan.sub_items(indicator.id))}
    return any(f.value is not None for (iid, _), s in results.series.items() if iid in ids for f in s.figures)


def _indicator(results: JudgedPlan, indicator: Indicator) -> SearchFacts:
    plan = results.plan
    series = results.series.get((indicator.id, WHOLE_AREA))
    latest = series.latest() if series else None
    status = f"{latest.year} 年：{word(latest.status)}" if latest else ""
    return SearchFacts("指标", tuple(dict.fromkeys((plan.full_name(indicator), indicator.name))), plan.info.short_title,
                       status, not _indicator_reported(results, indicator))


def _region(results: JudgedPlan, region: str) -> SearchFacts:
    plan = results.plan
    reported = [j for i in results.judged if (s := results.series.get((i.id, region)))
                for j in s.judgements if j.value is not None]
    year = max((j.year for j in reported), default=None)
    counts = list(results.year(year).by_region.get(region, ())) if year is not None else []
    goals = any(r.state is not None for g in results.goals.values() if g.goal.region == region for r in g.reports)
    return SearchFacts("地区", (region,), plan.info.short_title, _year_counts(year, counts), not (reported or goals))


def _unit(results: JudgedPlan, unit: str) -> SearchFacts:
    plan = results.plan
    led = lambda goal: unit in [plan.canonical_unit(u) for u in goal.lead_units]  # noqa: E731
    mine = {t.id for t in plan.tasks
            if unit in [plan.canonical_unit(u) for u in (*t.lead_units, *t.cooperating_units)]}
    reported_tasks = any(state.status != NOT_REPORTED for year in results.years
                         for task, state in results.tasks.get(year, ()) if task.id in mine)
    reported_goals = any(r.state is not None for g in results.goals.values() if led(g.goal) for r in g.reports)
    latest = results.latest_year
    counts = list(results.year(latest).by_unit.get(unit, ())) if latest else []
    return SearchFacts("单位", (unit,), plan.info.short_title, _year_counts(latest, counts),
                       not (reported_tasks or reported_goals))


def plan_search_facts(results: JudgedPlan) -> dict[str, SearchFacts]:
    """Docs path → facts, for every page of one plan."""
    plan = results.plan
    info = plan.info
    short = info.short_title
    latest = results.latest_year
    facts = {links.plan(plan.id): SearchFacts("规划", tuple(dict.fromkeys((info.title, short))), short,
                                              _year_counts(latest, list(results.year(latest).counts) if latest else []))}
    if results.years:
        facts[links.overview(plan.id)] = SearchFacts("总览", (f"状态总览：{short}",), short,
                                                     _year_counts(latest, list(results.year(latest).counts)))
    for year in results.years:
        facts[links.bulletin(plan.id, year)] = SearchFacts("公报", (f"{year} 年度监测公报",), short,
                                                           _year_counts(year, list(results.year(year).counts)))
    for record in results.evaluations:
        evaluation = record.report.evaluation
        facts[links.evaluation(plan.id, evaluation.kind, evaluation.year)] = SearchFacts("评估", (evaluation.title,), short)
    columns = results.year(latest).by_column if latest else {}
    for column in plan.columns:
        facts[links.column(plan.id, column.number)] = SearchFacts(
            "专栏", (f"专栏 {column.number}：{column.title}", column.title), short,
            _year_counts(latest, columns.get(column.number, [])))
    for indicator in plan.indicators:
        facts[links.indicator(plan.id, indicator.id)] = _indicator(results, indicator)
    for region in info.regions:
        facts[links.region(plan.id, region)] = _region(results, region)
    for unit in plan.units():
        facts[links.unit(plan.id, unit)] = _unit(results, unit)
    return facts


def search_facts(all_results: list[JudgedPlan]) -> dict[str, SearchFacts]:
    facts: dict[str, SearchFacts] = {}
    if any(r.years for r in all_results):
        facts[links.overview()] = SearchFacts("总览", ("状态总览",))
    for results in all_results:
        facts.update(plan_search_facts(results))
    return facts
