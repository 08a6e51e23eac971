"""Notes (not errors) on milestone reports made outside the years their step is scheduled for.

A step reported in another year is normal — done early, or finished late — and the site shows the
latest report (generator/judge/items.py). Only a report that goes back on an earlier one is worth a
word to staff: a step reported 已完成 and later 推进中, or 推进中 and later 未启动. A report in a
scheduled year is the plan's own rhythm and is never noted.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.model.figures import PlanData
from generator.model.plan import Plan
from generator.model.problems import Problem

# How far along each reported state is; a later report further back contradicts an earlier one.
_STAGE = {"未启动": 0, "推进中": 1, "滞后": 1, "已完成": 2}


def contradicting_reports(plan: Plan, data: PlanData) -> Iterator[Problem]:
    period = plan.info.period
    steps = {m.id: m for column in plan.columns for m in column.milestones}
    by_step: dict[str, list] = {}
    for report in sorted((r for r in data.reports if r.kind == "milestone"), key=lambda r: r.year):
        by_step.setdefault(report.item_id, []).append(report)
    for item_id, reports in by_step.items():
        step = steps.get(item_id)
        if step is None:
            continue
        for earlier_index, report in enumerate(reports):
            if step.year.covers(report.year, period.start, period.end):
                continue
            ahead = [r for r in reports[:earlier_index] if _STAGE.get(r.status, 0) > _STAGE.get(report.status, 0)]
            if not ahead:
                continue
            first = ahead[-1]
            where = report.where
            yield Problem(
                "milestone-report-contradicts",
                f"专栏事项“{item_id}”在计划年份（{step.year.text}）以外的 {report.year} 年报告“{report.status}”，"
                f"与 {first.year} 年报告的“{first.status}”矛盾",
                where.file if where else f"data/{plan.id}", "状态", sheet=where.sheet if where else None,
                row=where.row if where else None, found=report.status,
                expected=f"不早于 {first.year} 年的“{first.status}”，或改正 {first.year} 年的报告")
