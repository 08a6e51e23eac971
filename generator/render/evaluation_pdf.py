"""中期评估 / 期末评估 reports as printable PDFs, laid out like the annual bulletin.

The context is generator/render/evaluation_report.py's (the web page shows the same); the print
template is templates/print/evaluation.html.j2 and the style the bulletin's own
(templates/print/bulletin.css, fonts embedded) with a few rules of the report's
(templates/print/evaluation.css). Rendering, the PDF cache and the fixed document identifier are
the bulletin's (generator/render/bulletin_pdf.py), so the same inputs give the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from generator.config import SiteConfig
from generator.judge.records import Evaluation, JudgedPlan
from generator.render import links
from generator.render.bulletin_pdf import PRINT_CSS, TEMPLATES, PdfBatch, _batch, _print_environment, sub_label
from generator.model.release import Stamp
from generator.render.evaluation_report import evaluation_context, plan_evaluations
from generator.render.release_marks import print_marks
from generator.render.wording import status_colours

PRINT_TEMPLATE = "print/evaluation.html.j2"
EXTRA_CSS = "print/evaluation.css"


def pdf_path(plan_id: str, evaluation: Evaluation) -> str:
    return links.evaluation_pdf(plan_id, evaluation.year, evaluation.kind)


def print_context(results: JudgedPlan, report, config: SiteConfig) -> dict:
    """The shared report context, with the headings numbered and the status colours of site_config."""
    context = evaluation_context(results, report, config)
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
                     drafts: frozenset[tuple[str, int]] = frozenset()) -> PdfBatch:
    """Every plan's evaluation PDFs, ready (unchanged, from ``pdf_cache``) or to render."""
    templates = templates or TEMPLATES
    template = _print_environment(templates).get_template(PRINT_TEMPLATE)
    css = (templates / PRINT_CSS).read_text(encoding="utf-8") + (templates / EXTRA_CSS).read_text(encoding="utf-8")
    jobs = {}
    for results in all_results:
        for report in plan_evaluations(results):
            marks = print_marks(stamp, results.plan.id, report.evaluation.year, drafts)
            html = template.render(**{**print_context(results, report, config), **marks})
            identifier = f"{results.plan.id}/{report.evaluation.kind}/{report.evaluation.year}"
            jobs[pdf_path(results.plan.id, report.evaluation)] = (html, css, identifier)
    return _batch(jobs, pdf_cache, processes)
