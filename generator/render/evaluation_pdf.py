"""中期评估 / 期末评估 reports as printable PDFs, laid out like the annual bulletin.

The context is generator/render/evaluation_report.py's (the web page shows the same); the print
template is templates/print/evaluation.html.j2 and the style the bulletin's own
(templates/print/bulletin.css, fonts embedded) with a few rules of the report's
(templates/print/evaluation.css). Rendering, the PDF cache and the fixed document identifier are
the bulletin's (generator/render/bulletin_pdf.py), so the same inputs give the same bytes.

The charts are the ones the evaluation year's bulletin prints, drawn once into the same SVG cache:
the year's status chart and each 专栏 indicator's progress chart cut at the evaluation year, each
with its one-sentence summary as text alternative and caption. The report only selects them.
"""

from __future__ import annotations

from pathlib import Path

from generator.config import SiteConfig
from generator.judge.records import Evaluation, EvaluationRecord, JudgedPlan
from generator.render import links
from generator.render.bulletin_pdf import (PRINT_CSS, TEMPLATES, PdfBatch, _batch, _print_environment, chart_key, data_uri,
                                           progress_chart, status_chart, status_chart_key, sub_label, svg_texts)
from generator.render.chart_inputs import Chart
from generator.model.release import Stamp
from generator.render.evaluation_report import evaluation_context, plan_evaluations
from generator.render.release_marks import print_marks
from generator.render.wording import date, status_colours

PRINT_TEMPLATE = "print/evaluation.html.j2"
EXTRA_CSS = "print/evaluation.css"


def pdf_path(plan_id: str, evaluation: Evaluation) -> str:
    return links.evaluation_pdf(plan_id, evaluation.year, evaluation.kind)


def report_charts(results: JudgedPlan, report: EvaluationRecord, config: SiteConfig,
                  known: dict[str, Chart] | None = None) -> tuple[str | None, dict[int, list[str]], dict[str, Chart]]:
    """The status chart of the evaluation year (where it has a bulletin), each 专栏's progress charts
    (column number → docs paths, its evaluated indicators in the report's order) and every chart by docs path.

    The paths and charts are the bulletin's (``known``: the site's own charts, which stand in where they are the same)."""
    year = report.evaluation.year
    charts: dict[str, Chart] = {}
    status_key = status_chart_key(results, year) if report.bulletin else None
    if status_key:
        charts[status_key] = status_chart(results, year, config.styles, known)
    columns: dict[int, list[str]] = {}
    for indicator, _ in report.report.indicators:
        if indicator.column is not None:
            key = chart_key(results, indicator, year)
            charts.setdefault(key, progress_chart(results, indicator, year, known))
            columns.setdefault(indicator.column, []).append(key)
    return status_key, columns, charts


def print_context(results: JudgedPlan, report: EvaluationRecord, config: SiteConfig, svgs: dict[str, str] | None = None,
                  known: dict[str, Chart] | None = None) -> dict:
    """The shared report context, with the headings numbered, the status colours of site_config and the charts.

    ``svgs``: the SVG text of each chart ``report_charts`` names (docs path → text); drawn here when not given."""
    context = evaluation_context(results, report, config)
    status_key, column_keys, charts = report_charts(results, report, config, known)
    if svgs is None:
        svgs = svg_texts(charts, None)

    def chart(key: str) -> dict:
        return {"src": data_uri(svgs[key]), "summary": charts[key].summary}

    context["status_chart"] = chart(status_key) if status_key else None
    for column in context["columns"]:
        column["charts"] = [chart(key) for key in column_keys.get(column["number"], [])]
    context["issue_date"] = date(results.plan.info.issue_date)
    for n, group in enumerate(context["groups"], 1):
        group.update(id=f"s2-{n}", label=sub_label(n))
    for n, column in enumerate(context["columns"], 1):
        column.update(id=f"s3-{n}", label=sub_label(n))
    for n, unit in enumerate(context["units"], 1):
        unit.update(id=f"s4-{n}", label=sub_label(n))
    context["status_css"] = status_colours(config.styles, " .icon")  # lights too: the table shows the year's light
    context.update(print_marks(None, results.plan.id, report.evaluation.year, frozenset()))  # a release adds its own
    context["toc"] = [
        {"id": "s1", "title": "一、总体情况", "level": 1},
        {"id": "s2", "title": "二、主要指标评估", "level": 1},
        *({"id": g["id"], "title": f"{g['label']}{g['title']}", "level": 2} for g in context["groups"]),
        {"id": "s3", "title": "三、专栏实施情况", "level": 1},
        *({"id": c["id"], "title": f"{c['label']}{c['heading']}", "level": 2} for c in context["columns"]),
        {"id": "s4", "title": "四、任务落实情况", "level": 1},
        *({"id": u["id"], "title": f"{u['label']}{u['name']}", "level": 2} for u in context["units"]),
        {"id": "s5", "title": "五、逐项说明", "level": 1},
        {"id": "s6", "title": "六、评估方法和数据说明", "level": 1},
    ]
    return context


def evaluation_batch(all_results: list[JudgedPlan], config: SiteConfig, templates: Path | None = None,
                     pdf_cache: Path | None = None, processes: int = 2, stamp: Stamp | None = None,
                     drafts: frozenset[tuple[str, int]] = frozenset(), cache_dir: Path | None = None,
                     chart_specs: dict[str, Chart] | None = None) -> PdfBatch:
    """Every plan's evaluation PDFs, ready (unchanged, from ``pdf_cache``) or to render.

    ``cache_dir`` is the SVG cache of the site's charts and ``chart_specs`` the site's charts by docs path
    (SiteParts.charts), as for the bulletins."""
    templates = templates or TEMPLATES
    template = _print_environment(templates).get_template(PRINT_TEMPLATE)
    css = (templates / PRINT_CSS).read_text(encoding="utf-8") + (templates / EXTRA_CSS).read_text(encoding="utf-8")
    reports = [(results, report) for results in all_results for report in plan_evaluations(results)]
    wanted = {key: chart for results, report in reports
              for key, chart in report_charts(results, report, config, chart_specs)[2].items()}
    svgs = svg_texts(wanted, cache_dir)
    jobs = {}
    for results, report in reports:
        marks = print_marks(stamp, results.plan.id, report.evaluation.year, drafts)
        html = template.render(**{**print_context(results, report, config, svgs, chart_specs), **marks})
        identifier = f"{results.plan.id}/{report.evaluation.kind}/{report.evaluation.year}"
        jobs[pdf_path(results.plan.id, report.evaluation)] = (html, css, identifier)
    return _batch(jobs, pdf_cache, processes)
