"""The status overview's rows: every indicator (the whole area and each county), yes/no or milestone
target, 专栏 milestone and task of every year, as judged (nothing is judged again here). The page
shows the latest year as a plain table; the same rows, every year, go into a JSON file beside the
page, which site.js filters and sorts in the browser."""

from __future__ import annotations

import json

from generator.config import Styles
from generator.judge.records import JudgedPlan
from generator.model.figures import NOT_REPORTED, WHOLE_AREA
from generator.model.status import ITEM_DONE, ITEM_DONE_LATE, ITEM_OVERDUE, Status, word
from generator.render import links
from generator.render.explain import due_text
from generator.render.wording import with_unit

WHOLE = "全域"  # the region of a figure for the plan's whole area, as the downloads name it
# Worst first: what the default order and a sort by 状态 follow.
SEVERITY = (Status.NOT_KEPT, Status.BEHIND, ITEM_OVERDUE, "滞后", "未启动", Status.MISSING, NOT_REPORTED, Status.CANNOT,
            Status.ON_TRACK, "推进中", Status.KEPT, Status.DONE_LATE, ITEM_DONE_LATE, Status.DONE, ITEM_DONE,
            Status.DONE_EARLY)
LAGGING_ITEMS = (Status.NOT_KEPT, Status.BEHIND, ITEM_OVERDUE, "滞后")  # what 需要关注 counts
# The row's fields, in the table's order: (key, header). 规划 only on the page of every plan.
COLUMNS = (("name", "名称"), ("status", "状态"), ("kind", "类别"), ("year", "年份"), ("region", "县（市、区）"),
           ("attribute", "属性"), ("column", "专栏"), ("units", "责任单位"), ("value", "数值或进展"),
           ("target", "目标或时限"), ("plan", "规划"))


def short_word(styles: Styles, status: str) -> str:
    """The status as the filter names it: 滞后 for an indicator behind schedule and for a task alike."""
    style = styles.indicator_statuses.get(status)
    return style.short if style and style.short else word(status)


def _row(styles: Styles, results: JudgedPlan, kind: str, name: str, link: str, year: int, status: str, *,
         region: str = WHOLE, attribute: str = "", column: int | None = None, units: list[str] = (),
         value: str = "", target: str = "", gap: float | None = None) -> dict:
    return {"name": name, "link": link, "kind": kind, "year": year, "region": region, "attribute": attribute,
            "column": f"专栏 {column}" if column is not None else "", "units": list(units), "value": value,
            "target": target, "plan": results.plan.info.short_title,
            "status": word(status), "filter": short_word(styles, status), "style": styles.of(status).key,
            "icon": styles.of(status).icon, "rank": SEVERITY.index(status) if status in SEVERITY else len(SEVERITY),
            "gap": round(gap, 4) if gap is not None else None, "lagging": status in LAGGING_ITEMS}


def overview_rows(styles: Styles, results: JudgedPlan) -> list[dict]:
    """Every year's rows of one plan, worst first within a year, newest year first. ``link`` is the
    docs path of the item's page (None: it has none)."""
    plan = results.plan
    rows = []
    for year in reversed(results.years):
        for indicator in results.judged:
            for region in (WHOLE_AREA, *plan.info.regions):
                judgement = results.judgement(indicator.id, year, region)
                if judgement is None:
                    continue
                value = with_unit(judgement.value.text, indicator.unit) if judgement.value else "数据暂缺"
                target = (f"{judgement.target.year} 年 {with_unit(judgement.target.value.text, indicator.unit)}"
                          if judgement.target else "")
                rows.append(_row(styles, results, "指标", plan.full_name(indicator),
                                 links.indicator(plan.id, indicator.id) if region == WHOLE_AREA else links.region(plan.id, region),
                                 year, judgement.status, region=region or WHOLE, attribute=indicator.attribute or "",
                                 column=indicator.column, value=value, target=target, gap=judgement.gap_points))
        for series in results.goals.values():
            goal, judgement = series.goal, series.at(year)
            if judgement is None:
                continue
            report = series.report(year)
            rows.append(_row(styles, results, "目标", goal.name, None, year, judgement.status,
                             region=goal.region or WHOLE, column=goal.column,
                             units=[plan.canonical_unit(u) for u in goal.lead_units],
                             value=(report.text or report.state) if report else "数据暂缺",
                             target=due_text(goal.due if not goal.annual else None)))
        for column, milestone, state in results.milestones.get(year, ()):
            rows.append(_row(styles, results, "里程碑", milestone.text, links.column(plan.id, column.number), year,
                             state.status, column=column.number, value=state.text, target=milestone.year.text))
        for task, state in results.tasks.get(year, ()):
            units = [plan.canonical_unit(u) for u in task.lead_units]
            rows.append(_row(styles, results, "任务", f"{task.number}. {task.work}" if task.number else task.work,
                             links.unit(plan.id, units[0]) if units else None, year, state.status, units=units,
                             value=state.text, target=task.deadline.text if task.deadline else ""))
    return sorted(rows, key=lambda r: (-r["year"], r["rank"], r["gap"] if r["gap"] is not None else 0))


def rows_json(rows: list[dict], here: str) -> bytes:
    """The rows as the browser reads them: links relative to the page's address, one line per row."""
    shown = [{**row, "link": links.relative_url(here, row["link"]) if row["link"] else ""} for row in rows]
    body = ",\n".join(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in shown)
    return f"[\n{body}\n]\n".encode("utf-8")
