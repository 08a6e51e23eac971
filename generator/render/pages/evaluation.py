"""A 中期评估 / 期末评估 report as a web page (the same context as its PDF)."""

from __future__ import annotations

from generator.judge.records import EvaluationRecord, JudgedPlan
from generator.render import links
from generator.render.evaluation_report import evaluation_context
from generator.render.pages.common import Page, SiteParts, crumbs


def evaluation_page(parts: SiteParts, results: JudgedPlan, record: EvaluationRecord) -> Page:
    plan, evaluation = results.plan, record.evaluation
    here = links.evaluation(plan.id, evaluation.kind, evaluation.year)
    context = evaluation_context(results, record, parts.config)
    for row in context["reasons"]:  # every row object, wherever it is listed
        row["link"] = links.relative(here, links.indicator(plan.id, row["id"]))
    for column in context["columns"]:
        column["link"] = links.relative(here, links.column(plan.id, column["number"]))
    context.update(
        crumbs=crumbs(here, [(plan.info.short_title, links.plan(plan.id))]),
        pdf=links.relative(here, links.evaluation_pdf(plan.id, evaluation.year, evaluation.kind)),
        corrections_page=links.relative(here, links.CORRECTIONS),
        # Only a year with a bulletin is linked (data that start late have none for earlier years).
        bulletin=links.relative(here, links.bulletin(plan.id, evaluation.year)) if record.bulletin else None,
    )
    return parts.add(Page(here, "evaluation.md.j2", evaluation.title, context,
                          draft=parts.draft_note(plan.id, [evaluation.year])))
