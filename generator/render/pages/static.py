"""Pages that explain the site: methodology (测算方法说明), data downloads, about the plans."""

from __future__ import annotations

from generator.judge.engine import PlanResults
from generator.render import links
from generator.render.downloads import figure_rows, to_csv, to_xlsx
from generator.render.escape import format_number
from generator.render.pages.common import Page, SiteParts, crumbs
from generator.render.pages.plan import plan_facts
from generator.render.pages.rows import correction_rows
from generator.render.year_report import bulletin_title


def methodology_page(parts: SiteParts) -> Page:
    settings = parts.config.settings
    styles = parts.config.styles
    context = {
        "crumbs": crumbs(links.METHODOLOGY, []),
        "tolerance": format_number(settings.about_tolerance * 100),
        "yellow": format_number(settings.thresholds.yellow_from),
        "red": format_number(settings.thresholds.red_from),
        "statuses": [(name, s.icon) for name, s in styles.indicator_statuses.items()],
        "task_statuses": [(name, s.icon) for name, s in styles.task_statuses.items()],
    }
    return parts.add(Page(links.METHODOLOGY, "methodology.md.j2", "测算方法说明", context))


def downloads_page(parts: SiteParts, all_results: list[PlanResults]) -> Page:
    here = links.DOWNLOADS
    everything = []
    files = []
    for results in all_results:
        plan = results.plan
        rows = figure_rows(results)
        everything += rows
        parts.files[links.download(f"{plan.id}-原文.txt")] = plan.source_text.encode("utf-8")
        entry = {"title": plan.info.title, "rows": len(rows), "sample": results.sample,
                 "source": links.relative(here, links.download(f"{plan.id}-原文.txt"))}
        if rows:
            parts.files[links.download(f"{plan.id}.csv")] = to_csv(rows)
            parts.files[links.download(f"{plan.id}.xlsx")] = to_xlsx(rows, plan.info.title)
            entry["csv"] = links.relative(here, links.download(f"{plan.id}.csv"))
            entry["xlsx"] = links.relative(here, links.download(f"{plan.id}.xlsx"))
        entry["bulletins"] = [(y, bulletin_title(plan, y), links.relative(here, links.bulletin_pdf(plan.id, y)))
                              for y in reversed(results.years)]
        files.append(entry)
    parts.files[links.download("all.csv")] = to_csv(everything)
    parts.files[links.download("all.xlsx")] = to_xlsx(everything, "全部规划")
    context = {
        "crumbs": crumbs(here, []),
        "all_csv": links.relative(here, links.download("all.csv")),
        "all_xlsx": links.relative(here, links.download("all.xlsx")),
        "total": len(everything),
        "files": files,
        "sample": any(r.sample for r in all_results),
    }
    return parts.add(Page(here, "downloads.md.j2", "数据下载", context))


def about_page(parts: SiteParts, all_results: list[PlanResults]) -> Page:
    here = links.ABOUT
    plans = [{"title": r.plan.info.title, "link": links.relative(here, links.plan(r.plan.id)),
              "facts": plan_facts(r), "note": r.plan.info.regions_note} for r in all_results]
    context = {"crumbs": crumbs(here, []), "publisher": parts.config.settings.publisher, "plans": plans,
               "methodology": links.relative(here, links.METHODOLOGY)}
    return parts.add(Page(here, "about.md.j2", "关于", context))


def corrections_page(parts: SiteParts, all_results: list[PlanResults]) -> Page:
    here = links.CORRECTIONS
    context = {"crumbs": crumbs(here, []), "rows": correction_rows(parts, all_results, here)}
    return parts.add(Page(here, "corrections.md.j2", "数据更正说明", context))
