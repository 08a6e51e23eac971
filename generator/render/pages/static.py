"""Pages that explain the site: methodology (测算方法说明), data downloads, about the plans."""

from __future__ import annotations

from generator.judge.records import JudgedPlan
from generator.model.plan import ALL_PLANS
from generator.render import links
from generator.render.downloads import COLUMNS, add_workbook, figure_rows, to_csv
from generator.render.wording import number as format_number
from generator.render.open_data import PACKAGE, data_package, indicator_descriptions, indicator_files
from generator.render.methodology import case_rows, goal_case_rows, light_rows, light_rules, status_rows
from generator.render.pages.common import Page, SiteParts, crumbs
from generator.render.pages.plan import plan_facts
from generator.render.pages.rows import correction_rows
from generator.render.year_report import bulletin_title


def methodology_page(parts: SiteParts) -> Page:
    """The worked examples' judgements come with ``parts`` (judged by the pipeline before rendering)."""
    cases, goal_cases = parts.cases
    settings = parts.config.settings
    styles = parts.config.styles
    orange, red = format_number(settings.thresholds.orange_from), format_number(settings.thresholds.red_from)
    context = {
        "crumbs": crumbs(links.METHODOLOGY, []),
        "tolerance": format_number(settings.about_tolerance * 100),
        "statuses": status_rows(styles),
        "lights": light_rows(styles),
        "light_rules": light_rules(orange, red),
        "cases": case_rows(styles, cases),
        "goal_cases": goal_case_rows(styles, goal_cases),
        "task_statuses": [(name, s.icon) for name, s in styles.task_statuses.items()],
    }
    return parts.add(Page(links.METHODOLOGY, "methodology.md.j2", "测算方法说明", context))


def downloads_page(parts: SiteParts, all_results: list[JudgedPlan]) -> Page:
    here = links.DOWNLOADS
    everything = []
    files = []
    tables = []  # the CSV downloads, for the data package
    for results in all_results:
        plan = results.plan
        rows = figure_rows(results, parts.drafts)
        everything += rows
        parts.files[links.download(f"{plan.id}-原文.txt")] = plan.source_text.encode("utf-8")
        entry = {"title": plan.info.title, "rows": len(rows), "sample": results.sample,
                 "source": links.relative(here, links.download(f"{plan.id}-原文.txt"))}
        if rows:
            parts.files[links.download(f"{plan.id}.csv")] = to_csv(rows, parts.cache)
            tables.append((links.download(f"{plan.id}.csv"), f"{plan.info.title}：指标数据", _units(rows)))
            add_workbook(parts, links.download(f"{plan.id}.xlsx"), rows, plan.info.title)
            entry["csv"] = links.relative(here, links.download(f"{plan.id}.csv"))
            entry["xlsx"] = links.relative(here, links.download(f"{plan.id}.xlsx"))
        entry["bulletins"] = [(y, bulletin_title(plan, y), links.relative(here, links.bulletin_pdf(plan.id, y)))
                              for y in reversed(results.years)]
        entry["evaluations"] = [(f"{plan.info.title} {e.evaluation.title}",
                                 links.relative(here, links.evaluation_pdf(plan.id, e.evaluation.year, e.evaluation.kind)))
                                for e in results.evaluations]
        files.append(entry)
    parts.files[links.download(f"{ALL_PLANS}.csv")] = to_csv(everything, parts.cache)
    add_workbook(parts, links.download(f"{ALL_PLANS}.xlsx"), everything, "全部规划")
    tables.insert(0, (links.download(f"{ALL_PLANS}.csv"), "全部规划：指标数据", _units(everything)))
    parts.files.update(indicator_files(all_results, parts.drafts))
    settings = parts.config.settings
    parts.files[links.download(PACKAGE)] = data_package(parts.files, tables, settings.site_name, settings.description,
                                                        settings.publisher, any(r.sample for r in all_results),
                                                        parts.stamp.as_json(), parts.drafts, indicator_descriptions(all_results))
    context = {
        "crumbs": crumbs(here, []),
        "all_csv": links.relative(here, links.download(f"{ALL_PLANS}.csv")),
        "all_xlsx": links.relative(here, links.download(f"{ALL_PLANS}.xlsx")),
        "package": links.relative(here, links.download(PACKAGE)),
        "total": len(everything),
        "files": files,
        "sample": any(r.sample for r in all_results),
    }
    return parts.add(Page(here, "downloads.md.j2", "数据下载", context))


def _units(rows: list[list]) -> list[str]:
    return sorted({row[COLUMNS.index("单位")] for row in rows if row[COLUMNS.index("单位")]})


def about_page(parts: SiteParts, all_results: list[JudgedPlan]) -> Page:
    here = links.ABOUT
    plans = [{"title": r.plan.info.title, "link": links.relative(here, links.plan(r.plan.id)),
              "facts": plan_facts(r), "note": r.plan.info.regions_note} for r in all_results]
    context = {"crumbs": crumbs(here, []), "publisher": parts.config.settings.publisher, "plans": plans,
               "methodology": links.relative(here, links.METHODOLOGY)}
    return parts.add(Page(here, "about.md.j2", "关于", context))


def corrections_page(parts: SiteParts, all_results: list[JudgedPlan]) -> Page:
    here = links.CORRECTIONS
    context = {"crumbs": crumbs(here, []), "rows": correction_rows(parts, all_results, here)}
    return parts.add(Page(here, "corrections.md.j2", "数据更正说明", context))


def search_page(parts: SiteParts) -> Page:
    """The page the header's search form opens; Pagefind's interface is loaded into it by site.js."""
    return parts.add(Page(links.SEARCH, "search.md.j2", "搜索", {}, indexed=False))
