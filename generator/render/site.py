"""Assemble the whole site: every page, chart, download and asset, and the navigation."""

from __future__ import annotations

import html
from pathlib import Path

from generator.config import SiteConfig
from generator.activity import working_on
from generator.model.corrections import Correction
from generator.judge.records import JudgedPlan
from generator.model.release import Stamp
from generator.render.downloads import figure_rows
from generator.render.escape import nav_title
from generator.render.pages.bulletin import bulletin_page
from generator.render.evaluation_report import plan_evaluations
from generator.render.pages.column import column_page
from generator.render.pages.evaluation import evaluation_page
from generator.render.pages.common import SiteParts
from generator.render.pages.home import home_page
from generator.render.pages.indicator import indicator_page
from generator.render.pages.places import region_page, unit_page
from generator.render.pages.plan import plan_page
from generator.render.pages.static import about_page, corrections_page, downloads_page, methodology_page, search_page
from generator.render.year_report import YearReport, year_reports


def status_css(config: SiteConfig) -> str:
    styles = config.styles
    rules = [f".status-{s.key} {{ color: {s.color}; }}"
             for group in (styles.indicator_statuses, styles.task_statuses, styles.lights) for s in group.values()]
    return "\n".join(rules) + "\n"


def footer(config: SiteConfig, stamp: Stamp) -> str:
    """发布单位｜数据截至…，…发布（第 n 次发布）｜联系方式, from site_config, the data and the release (never the clock)."""
    settings = config.settings
    parts = [f"发布单位：{settings.publisher}", stamp.statement(), f"联系方式：{settings.contact.short()}"]
    return "｜".join(html.escape(p) for p in parts)


def plan_section(parts: SiteParts, results: JudgedPlan) -> dict:
    plan = results.plan
    entries: list = [{"概况": plan_page(parts, results).path}]
    if results.years:
        entries.append({"年度公报": [{f"{y} 年度公报": bulletin_page(parts, results, parts.reports[(plan.id, y)]).path}
                                  for y in reversed(results.years)]})
    reports = plan_evaluations(results)
    if reports:
        entries.append({"评估报告": [{r.evaluation.title: evaluation_page(parts, results, r).path} for r in reports]})
    if plan.columns:
        entries.append({"专栏": [{nav_title(f"专栏 {c.number}：{c.title}"): column_page(parts, results, c).path} for c in plan.columns]})
    # Indicator and unit pages are reached from the plan page, bulletins and search: listing hundreds
    # of them in the navigation would repeat that list on every page of the site.
    figures = figure_rows(results, parts.drafts)  # the plan's download rows, of which each page offers its own
    for indicator in plan.indicators:
        indicator_page(parts, results, indicator, figures)
    for unit in plan.units():
        unit_page(parts, results, unit)
    if plan.info.regions:
        entries.append({"各县（市、区）": [{nav_title(r): region_page(parts, results, r, figures).path} for r in plan.info.regions]})
    return {nav_title(plan.info.short_title): entries}


def assemble(config: SiteConfig, all_results: list[JudgedPlan], templates: Path,
             corrections: list[Correction] = (), reports: dict[tuple[str, int], YearReport] | None = None,
             cache: Path | None = None, stamp: Stamp | None = None,
             drafts: frozenset[tuple[str, int]] = frozenset(), cases: tuple = ((), ())) -> SiteParts:
    """``cases``: the methodology page's worked examples, judged by the pipeline."""
    stamp = stamp or Stamp(max((y for r in all_results for y in r.years), default=None), None)
    parts = SiteParts(config, corrections=list(corrections), reports=reports or year_reports(all_results),
                      footer=footer(config, stamp), cache=cache, stamp=stamp, drafts=drafts, cases=cases)
    parts.nav.append({"首页": home_page(parts, all_results).path})
    for results in all_results:
        with working_on(f"生成规划 {results.plan.id} 的网页"):
            parts.nav.append(plan_section(parts, results))
    parts.nav.append({"测算方法说明": methodology_page(parts).path})
    parts.nav.append({"数据下载": downloads_page(parts, all_results).path})
    parts.nav.append({"数据更正说明": corrections_page(parts, all_results).path})
    parts.nav.append({"关于": about_page(parts, all_results).path})
    search_page(parts)  # reached from the header's search form, not from the navigation
    parts.files["assets/site.css"] = (templates / "assets" / "site.css").read_bytes() + status_css(config).encode("utf-8")
    parts.files["assets/site.js"] = (templates / "assets" / "site.js").read_bytes()
    return parts


