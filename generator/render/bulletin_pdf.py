"""The annual bulletin (年度监测公报) as one printable PDF per plan and year.

The PDF lays out the same year report as the web bulletin (generator/render/year_report.py), section
for section, in the order a government bulletin uses: title page, 目录, the numbered sections the
year has (一、总体情况, 二、需要关注的指标 …, none of them empty) and, as an appendix, the methodology
text (rendered from the same template as the site's page).

The print template (templates/print/bulletin.html.j2, HTML with Jinja autoescape) only lays out
the context prepared here; WeasyPrint turns it into a PDF. Charts are the site's SVGs, embedded
as vector images; every font is embedded, so text stays selectable and searchable. The same
inputs give the same bytes: fixed dates and a fixed document identifier.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import multiprocessing
import os
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import ExitStack
from importlib.metadata import version
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from generator import timing
from generator.config import SiteConfig, Styles
from generator.judge.records import JudgedPlan
from generator.model.release import Stamp
from generator.render.release_marks import print_marks
from generator.model.figures import WHOLE_AREA
from generator.model.plan import Indicator
from generator.render import links
from generator.render.chart_inputs import Chart
from generator.render.chart_views import progress_view, status_view
from generator.render.environment import TemplateCache, make_environment
from generator.render.explain import explanation
from generator.render.labels import goal_sentence
from generator.render.pages.common import SiteParts
from generator.render.pages.static import methodology_page
from generator.render.rows import goal_row, indicator_row, item_row
from generator.render.svg import fill_cache
from generator.render.wording import counts_text, date, mark, period, share, status_colours
from generator.render.year_report import YearReport, year_report, year_reports
from generator.writing import write_file

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PRINT_TEMPLATE = "print/bulletin.html.j2"
PRINT_CSS = "print/bulletin.css"
PDF_VARIANT = "pdf/ua-1"  # tagged: headings, tables and reading order for screen readers
PRINT_BYTECODE = TemplateCache(pattern="plan-bulletin-print-%s.cache")
_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99)."""
    tens, ones = divmod(n, 10)
    if not tens:
        return _DIGITS[ones]
    return f"{_DIGITS[tens] if tens > 1 else ''}十{_DIGITS[ones] if ones else ''}"


def sub_label(n: int) -> str:
    return f"（{chinese_number(n)}）"


# ---------------------------------------------------------------------------------------------
# Charts


def _year_series(results: JudgedPlan, indicator: Indicator, year: int):
    """The whole-area series as it stood at the end of ``year``: later figures left out."""
    series = results.series.get((indicator.id, WHOLE_AREA))
    if series is None or all(f.year <= year for f in series.figures):
        return series, False
    return dataclasses.replace(series, figures=tuple(f for f in series.figures if f.year <= year)), True


def chart_key(results: JudgedPlan, indicator: Indicator, year: int) -> str:
    """The docs path of the indicator's progress chart as it stood at the end of ``year``."""
    _, cut = _year_series(results, indicator, year)
    return links.chart(results.plan.id, f"indicator-{indicator.id}" + (f"-{year}" if cut else ""))


def progress_chart(results: JudgedPlan, indicator: Indicator, year: int, known: dict[str, Chart] | None = None) -> Chart:
    """The indicator's progress chart cut at ``year``: the site's own (in ``known``) where it is the same chart."""
    return (known or {}).get(chart_key(results, indicator, year)) or \
        progress_view(results, indicator, _year_series(results, indicator, year)[0]).chart


def status_chart_key(results: JudgedPlan, year: int) -> str | None:
    """The docs path of the year's status chart; None for a year without counts."""
    return links.chart(results.plan.id, f"status-{year}") if results.year(year).counts else None


def status_chart(results: JudgedPlan, year: int, styles: Styles, known: dict[str, Chart] | None = None) -> Chart:
    """The year's status chart, as the web bulletin shows it."""
    return (known or {}).get(status_chart_key(results, year)) or \
        status_view(f"{year} 年指标状态", list(results.year(year).counts), styles).chart


def _chart_specs(results: JudgedPlan, year: int, styles: Styles,
                 known: dict[str, Chart] | None = None) -> tuple[str | None, dict[str, Chart]]:
    """The status chart and each 专栏 indicator's progress chart: docs path → chart.

    A chart that is the one the site shows keeps the site's path, so the site's chart (in
    ``known``, e.g. SiteParts.charts) can stand in for it; a progress chart cut at an earlier
    year gets a path of its own."""
    specs: dict[str, Chart] = {}
    status_key = status_chart_key(results, year)
    if status_key:
        specs[status_key] = status_chart(results, year, styles, known)
    for indicator in (s.indicator for s in results.year(year).standings):
        if indicator.column is not None:
            specs[chart_key(results, indicator, year)] = progress_chart(results, indicator, year, known)
    return status_key, specs


def svg_texts(charts: dict[str, Chart], cache_dir: Path | None) -> dict[str, str]:
    """SVG text per docs path, drawn through the cache."""
    with tempfile.TemporaryDirectory(prefix="bulletin-charts-") as folder:
        cached = fill_cache(list(charts.values()), cache_dir or Path(folder))
        return {key: path.read_text(encoding="utf-8") for key, path in zip(charts, cached)}


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


# ---------------------------------------------------------------------------------------------
# Context


def _goal_rows(results: JudgedPlan, year: int, styles: Styles) -> list[dict]:
    """Yes/no and milestone targets of the year: reported state, status, evidence and proof (counted apart)."""
    return [goal_row(results, goal, judgement, styles) for goal, judgement in results.year(year).goals]


def methodology_html(config: SiteConfig, templates: Path, cases: tuple) -> Markup:
    """The methodology page's text (templates/methodology.md.j2, the site's own context) as HTML.

    The page's breadcrumbs and top heading are dropped: the bulletin gives the appendix its own."""
    page = methodology_page(SiteParts(config, cases=cases))
    text = make_environment(templates).get_template(page.template).render(**page.context)
    lines = [line for line in text.splitlines() if not line.startswith(("<nav", "<h1"))]
    html = markdown.markdown("\n".join(lines), extensions=["tables"], output_format="html")
    return Markup(re.sub(r"<(/?)h([2-5])>", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}>", html))


def bulletin_context(report: YearReport, results: JudgedPlan, config: SiteConfig, svgs: dict[str, str],
                     methodology: Markup, charts: tuple[str | None, dict[str, Chart]] | None = None) -> dict:
    """Everything the print template shows for one plan and year, laid out from the year's report.

    ``svgs`` holds the SVG text of each chart ``_chart_specs`` names (docs path → text)."""
    info, styles, settings, year = report.plan.info, config.styles, config.settings, report.year
    status_key, specs = charts or _chart_specs(results, year, styles)

    def chart(key: str) -> dict:
        return {"src": data_uri(svgs[key]), "summary": specs[key].summary}

    # Headings with their anchors, numbered as a government document numbers them.
    sections = {key: {"id": f"s{n}", "title": f"{chinese_number(n)}、{heading}"}
                for n, (key, heading) in enumerate(report.sections, 1)}
    groups = [{"id": f"{sections['indicators']['id']}-{n}", "label": sub_label(n), "title": label,
               "rows": [indicator_row(line, styles) for line in lines]}
              for n, (label, lines) in enumerate(report.groups, 1)]
    columns = [{"id": f"{sections['columns']['id']}-{n}", "label": sub_label(n), "heading": c.heading,
                "counts": counts_text(c.counts), "indicators": [indicator_row(line, styles) for line in c.indicators],
                "charts": [chart(chart_key(results, line.indicator, year)) for line in c.indicators],
                "milestones": [item_row(m, styles) for m in c.milestones],
                "milestone_counts": counts_text(c.milestone_counts)}
               for n, c in enumerate(report.columns, 1)]
    units = [{"id": f"{sections['tasks']['id']}-{n}", "label": sub_label(n), "name": u.name,
              "tasks": [item_row(t, styles) for t in u.tasks], "counts": counts_text(u.counts)}
             for n, u in enumerate(report.units, 1)]
    goal_rows = _goal_rows(results, year, styles)
    goals = {"id": f"{sections['indicators']['id']}-goals", "label": sub_label(len(groups) + 1),
             "title": "是否达成和里程碑目标", "rows": goal_rows,
             "overview": goal_sentence(list(results.year(year).goals))} if goal_rows and "indicators" in sections else None
    toc = []
    for key, entry in sections.items():
        toc.append({"id": entry["id"], "title": entry["title"], "level": 1})
        subs = {"indicators": [*groups, *([goals] if goals else [])], "columns": columns, "tasks": units}.get(key, [])
        toc += [{"id": s["id"], "title": f"{s['label']}{s.get('title') or s.get('heading') or s['name']}", "level": 2}
                for s in subs]
    toc.append({"id": "appendix", "title": "附件：测算方法说明", "level": 1})
    total = report.total
    return {
        "lang": "zh-CN",
        "title": report.title,
        "plan_title": info.title,
        "bulletin_title": f"{year} 年度监测公报",
        "site_name": settings.site_name,
        "publisher": settings.publisher,
        "issuer": info.issuer,
        "document_number": info.document_number or "",
        "issue_date": date(info.issue_date),
        "period": period(info.period.start, info.period.end),
        "cutoff": f"数据截至 {year} 年底",
        **print_marks(None, results.plan.id, year, frozenset()),  # a release and a draft year add theirs
        "date": f"{year}-12-31",
        "year": year,
        "sample": report.sample,
        "sections": sections,
        "toc": toc,
        "overview": report.overview,
        "attention": [indicator_row(line, styles) for line in report.attention],
        "attention_notes": [f"{line.name}：{explanation(line)}" for line in report.attention],
        "warning_count": len(report.alerts),
        "has_binding": report.has_binding,
        "show_attribute": report.show_attribute,
        "counts": [{"status": mark(styles, s), "count": n, "share": share(n, total)} for s, n in report.counts],
        "total": total,
        "by_attribute": [(attribute, counts_text(c)) for attribute, c in report.by_attribute],
        "status_chart": chart(status_key) if status_key else None,
        "groups": groups,
        "regions": [{"name": r.name, "count": r.count, "behind": r.behind, "counts": counts_text(r.counts)}
                    for r in report.regions],
        "goals": goals,
        "columns": columns,
        "units": units,
        "task_total": sum(n for _, n in report.task_counts),
        "task_counts": counts_text(report.task_counts),
        "notes": [{"title": n.title, "lines": list(n.lines)} for n in report.notes]
                 + [{"title": "测算方法", "lines": ["各项指标状态的判定方法见附件《测算方法说明》。"]},
                    # The web page's 问题反馈与数据更正 section, as one note in print.
                    {"title": "问题反馈与数据更正",
                     "lines": ["对本公报的数据有疑问或发现数值有误，请联系：" + "；".join(
                         f"{label}：{value}" for label, value in config.settings.contact.lines()) + "。"]}],
        "methodology": methodology,
        "status_css": Markup(status_colours(styles, " .icon")),
    }


# ---------------------------------------------------------------------------------------------
# Rendering


def _print_environment(templates: Path) -> Environment:
    return Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, bytecode_cache=PRINT_BYTECODE)


def render_pdf(html: str, css: str, identifier: str) -> bytes:
    """HTML to PDF bytes: nothing fetched from anywhere (charts are inline), fixed identifier."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher).render(stylesheets=[CSS(string=css, url_fetcher=fetcher)])
    return document.write_pdf(pdf_identifier=hashlib.md5(identifier.encode("utf-8")).hexdigest().encode("ascii"),
                              pdf_variant=PDF_VARIANT)


def _render_job(job: tuple[str, str, str]) -> bytes:
    return render_pdf(*job)


def _cache_key(job: tuple[str, str, str]) -> str:
    digest = hashlib.sha256(f"weasyprint {version('weasyprint')} {PDF_VARIANT}\n".encode())
    for part in job:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


@dataclasses.dataclass
class PdfBatch:
    """The bulletins of one build: those made before from the same input (html, css, identifier)
    come from the cache at once; the rest are rendered by ``render()``, which the build runs while
    MkDocs builds the pages."""

    ready: dict[str, bytes]  # docs path → PDF bytes
    todo: dict[str, tuple[str, str, str]]  # docs path → job, not in the cache
    cache_dir: Path | None
    processes: int

    def render(self) -> dict[str, bytes]:
        """Render the jobs not in the cache, several at once in worker processes where there are cores."""
        rendered = {}
        # Longest first (a job's HTML length is a fair measure of its work), so that no core is left
        # waiting at the end for one long bulletin started last.
        paths = sorted(self.todo, key=lambda path: -len(self.todo[path][0]))
        workers = min(self.processes, len(paths), os.cpu_count() or 1)
        with timing.phase(timing.PDF, total=len(paths)) as tick, ExitStack() as stack:
            if workers >= 2:
                # spawn: a fresh interpreter per worker; fork could copy locks held by other threads.
                pool = stack.enter_context(ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")))
                futures = {pool.submit(_render_job, self.todo[path]): path for path in paths}
                done = ((futures[future], future.result()) for future in as_completed(futures))
            else:
                done = ((path, _render_job(self.todo[path])) for path in paths)
            for path, data in done:
                rendered[path] = data
                tick()
                if self.cache_dir:
                    self.cache_dir.mkdir(parents=True, exist_ok=True)
                    write_file(self.cache_dir / f"{_cache_key(self.todo[path])}.pdf", data, atomic=True)
        return {path: rendered[path] for path in self.todo}


def joined(*batches: PdfBatch) -> PdfBatch:
    """Several batches as one, rendered by one pool of workers (each worker starts WeasyPrint once)."""
    first = batches[0]
    return PdfBatch({path: data for b in batches for path, data in b.ready.items()},
                    {path: job for b in batches for path, job in b.todo.items()}, first.cache_dir, first.processes)


def _batch(jobs: dict[str, tuple[str, str, str]], cache_dir: Path | None, processes: int) -> PdfBatch:
    cached = {path: cache_dir / f"{_cache_key(job)}.pdf" for path, job in jobs.items()} if cache_dir else {}
    ready = {path: file.read_bytes() for path, file in cached.items() if file.is_file()}
    return PdfBatch(ready, {path: job for path, job in jobs.items() if path not in ready}, cache_dir, processes)


def bulletin_pdfs(all_results: list[JudgedPlan], config: SiteConfig, templates: Path | None = None,
                  cache_dir: Path | None = None, chart_specs: dict[str, Chart] | None = None,
                  pdf_cache: Path | None = None, processes: int = 2,
                  reports: dict[tuple[str, int], YearReport] | None = None, *, cases: tuple,
                  stamp: Stamp | None = None, drafts: frozenset[tuple[str, int]] = frozenset()) -> dict[str, bytes]:
    """Every plan's and year's bulletin PDF: docs path (downloads/bulletins/…) → bytes."""
    batch = bulletin_batch(all_results, config, templates, cache_dir, chart_specs, pdf_cache, processes, reports,
                           cases=cases, stamp=stamp, drafts=drafts)
    return {**batch.ready, **batch.render()}


def bulletin_batch(all_results: list[JudgedPlan], config: SiteConfig, templates: Path | None = None,
                   cache_dir: Path | None = None, chart_specs: dict[str, Chart] | None = None,
                   pdf_cache: Path | None = None, processes: int = 2, reports: dict[tuple[str, int], YearReport] | None = None, *,
                   cases: tuple, stamp: Stamp | None = None, drafts: frozenset[tuple[str, int]] = frozenset()) -> PdfBatch:
    """Every plan's and year's bulletin PDF (docs path, downloads/bulletins/…), ready or to render.

    ``chart_specs`` (docs path → chart, as in SiteParts.charts) saves building the charts
    the site already has; ``cache_dir`` is the SVG cache the site's charts use; ``pdf_cache``
    keeps each PDF by its input, so an unchanged bulletin is not rendered again; ``cases``: the
    methodology appendix's worked examples, judged by the pipeline."""
    templates = templates or TEMPLATES
    template = _print_environment(templates).get_template(PRINT_TEMPLATE)
    css = (templates / PRINT_CSS).read_text(encoding="utf-8")
    methodology = methodology_html(config, templates, cases)
    charts = {(results.plan.id, year): _chart_specs(results, year, config.styles, chart_specs)
              for results in all_results for year in results.years}
    wanted = {key: chart for _, specs in charts.values() for key, chart in specs.items()}
    if cache_dir and chart_specs:
        # The site's charts too, in the same pass: one pool of workers and one measuring font for both.
        fill_cache([*chart_specs.values(), *wanted.values()], cache_dir)
    svgs = svg_texts(wanted, cache_dir)
    jobs = {}
    reports = reports or year_reports(all_results)
    for results in all_results:
        for year in results.years:
            key = (results.plan.id, year)
            context = bulletin_context(reports[key], results, config, svgs, methodology, charts[key])
            context.update(print_marks(stamp, results.plan.id, year, drafts))
            jobs[links.bulletin_pdf(results.plan.id, year)] = (template.render(**context), css, f"{results.plan.id}/{year}")
    return _batch(jobs, pdf_cache, processes)


def bulletin_html(results: JudgedPlan, year: int, config: SiteConfig, templates: Path | None = None,
                  cache_dir: Path | None = None, *, cases: tuple) -> str:
    """One bulletin's print HTML (what WeasyPrint is given), for checking and previewing."""
    templates = templates or TEMPLATES
    charts = _chart_specs(results, year, config.styles)
    svgs = svg_texts(charts[1], cache_dir)
    context = bulletin_context(year_report(results, year), results, config, svgs, methodology_html(config, templates, cases), charts)
    return _print_environment(templates).get_template(PRINT_TEMPLATE).render(**context)
