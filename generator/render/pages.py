"""Which pages the site has, and what each page shows (its context).

Templates only lay out what a context holds; every decision (names, labels, order) is made
here, in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model.plan import Indicator, Plan


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. "plans/nantong-2021-2025/index.md"
    template: str
    title: str  # nav label
    context: dict = field(default_factory=dict)


def url(path: str) -> Markup:
    """A link target the generator built itself from validated ids (so it is safe as is)."""
    return Markup(path)


def plan_path(plan: Plan) -> str:
    return f"plans/{plan.id}/index.md"


def _target_text(indicator: Indicator) -> str:
    return "；".join(f"{t.year} 年 {t.value.text}" for t in indicator.targets)


def indicator_rows(plan: Plan) -> list[dict]:
    rows = []
    for indicator in plan.indicators:
        rows.append({
            "number": indicator.number or "",
            "name": plan.full_name(indicator),
            "is_sub_item": indicator.parent is not None,
            "unit": indicator.unit or "",
            "attribute": indicator.attribute or "—",
            "group": indicator.group or "",
            "base": f"{indicator.base.value.text}（{indicator.base.year} 年）" if indicator.base else "—",
            "targets": _target_text(indicator) or "见子项",
            "origin": f"专栏 {indicator.column}" if indicator.column else (indicator.table or ""),
        })
    return rows


def plan_page(plan: Plan) -> Page:
    info = plan.info
    key_task_titles = {k.id: k.title for k in plan.key_tasks}
    tasks = [{
        "number": t.number or "",
        "key_task": key_task_titles.get(t.key_task or "", ""),
        "project": " · ".join(x for x in (t.project, t.name) if x),
        "work": t.work,
        "lead": "、".join(plan.canonical_unit(u) for u in t.lead_units),
        "cooperating": "、".join(plan.canonical_unit(u) for u in t.cooperating_units),
        "budget": "；".join(f"{label} {text}" for label, text in
                           (("政府投入", t.budget.government if t.budget else None),
                            ("学校自筹", t.budget.school if t.budget else None)) if text),
        "deadline": t.deadline.text if t.deadline else "",
    } for t in plan.tasks]
    context = {
        "title": info.title,
        "facts": [(label, value) for label, value in (
            ("印发机关", info.issuer),
            ("文号", info.document_number),
            ("印发日期", info.issue_date.strftime("%Y 年 %-m 月 %-d 日") if info.issue_date else None),
            ("规划期", f"{info.period.start}—{info.period.end} 年"),
            ("基期年", f"{info.base_year} 年"),
            ("实施地区", "、".join(info.regions) if info.regions else None),
        ) if value],
        "regions_note": info.regions_note,
        "summary": info.summary,
        "indicators": indicator_rows(plan),
        "columns": [{
            "heading": f"专栏 {c.number}：{c.title}",
            "parts": [(label, text) for label, text in (("主要目标", c.goals), ("主要任务", c.tasks),
                      ("实施步骤", c.steps), ("保障条件", c.conditions), ("", c.body)) if text],
            "milestones": [(m.year.text, m.text) for m in c.milestones],
        } for c in plan.columns],
        "key_tasks": [{"number": k.number or "", "title": k.title,
                       "units": "、".join(plan.canonical_unit(u) for u in k.lead_units)} for k in plan.key_tasks],
        "tasks": tasks,
    }
    return Page(plan_path(plan), "plan.md.j2", info.short_title, context)


def home_page(plans: list[Plan]) -> Page:
    return Page("index.md", "home.md.j2", "首页", {
        "plans": [{"title": p.info.title, "short_title": p.info.short_title, "issuer": p.info.issuer,
                   "period": f"{p.info.period.start}—{p.info.period.end} 年", "summary": p.info.summary or "",
                   "link": url(f"plans/{p.id}/index.md")} for p in plans],
    })


def site_pages(plans: list[Plan]) -> list[Page]:
    return [home_page(plans), *(plan_page(p) for p in plans)]
