"""The rows every view shares — an indicator's standing, a yes/no target, a milestone or task — built
once for the web pages, the PDF bulletins and the evaluation reports alike (a page adds its links).

A row holds words and :class:`~generator.render.wording.Mark` objects only: the web templates print a
mark as its badge, the print templates lay out its icon and word.
"""

from __future__ import annotations

from generator.judge.records import GoalJudgement, JudgedPlan, Standing
from generator.model.plan import Goal
from generator.render.explain import due_text, gap_text, goal_explanation, light_measure, pct, requirement_text
from generator.render.labels import goal_proof
from generator.render.wording import MISSING, NONE, UNIT_SPACE, mark, money, with_unit


def target_text(s: Standing) -> str:
    """The target the year was judged against: “2025 年 ≥98%”, an intermediate one marked 阶段目标."""
    if s.target is None:
        return NONE
    stage = "（阶段目标）" if s.stage_target else ""
    written = with_unit(s.target.value.text, s.unit)
    return f"每年 {written}" if s.indicator.annual else f"{s.target.year}{UNIT_SPACE}年 {written}{stage}"


def value_text(s: Standing) -> str:
    return with_unit(s.value.text, s.unit) if s.value else MISSING


def indicator_row(s: Standing, styles) -> dict:
    """One indicator in one year, as every table states it."""
    return {
        "id": s.indicator.id,
        "name": s.name,
        "year": s.year,
        "region": s.region,
        "attribute": s.attribute or NONE,
        "value": value_text(s) + ("（口径变化）" if s.definition_changed else ""),
        "changed": s.definition_changed,
        "target": target_text(s),
        "expected": requirement_text(s),
        "completion": pct(s.completion),
        "schedule": pct(s.schedule),
        "status": mark(styles, s.status),
        "light": mark(styles, s.light) if s.light else None,
        "measure": light_measure(s),
        "gap": gap_text(s),
    }


def item_row(item, styles) -> dict:
    """A 专栏 milestone or a task of the breakdown, as reported for the year."""
    return {"number": item.number, "text": item.text, "when": item.when, "status": mark(styles, item.status),
            "report": item.report, "spent": money(item.spent)}


def goal_source(goal: Goal) -> str:
    """Where the plan states the target: 专栏 3, or the table/section written."""
    if goal.column is not None:
        return f"专栏 {goal.column}"
    return goal.table or ""


def goal_row(judged: JudgedPlan, goal: Goal, judgement: GoalJudgement | None, styles) -> dict:
    """A yes/no or milestone target in one year: what it asks, what was reported, the status and the proof.
    Without a judgement (no year of data yet) only what it asks."""
    facts = {"name": goal.name, "kind": goal.kind_word, "due": due_text(goal.due if not goal.annual else None),
             "source": goal_source(goal), "region": goal.region or "全域",
             "units": "、".join(judged.plan.canonical_unit(u) for u in goal.lead_units)}
    if judgement is None:
        return {**facts, "year": None, "reported": "尚无报告", "status": NONE, "light": None,
                "proof": "", "explanation": "尚无年度进展报告。"}
    proof = goal_proof(goal, judged.goals[goal.id].report(judgement.year))
    return {
        **facts,
        "year": judgement.year,
        "reported": judgement.state or MISSING,
        "status": mark(styles, judgement.status),
        "light": mark(styles, judgement.light) if judgement.light else None,
        "proof": "；".join(proof),
        "explanation": goal_explanation(judgement),
    }
