"""How far an imported draft agrees with the hand-encoded plan of the same document.

Used by ``scripts/import_agreement.py`` and its test. Each measure counts items that agree
over items compared; an item the import missed counts as a disagreement.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from generator.model.plan import Plan
from generator.model.schedule import parse_milestone_years
from generator.plan_import.draft import Draft

MEASURES = ("指标名称", "基期值和目标值", "属性", "事项年份", "任务责任单位", "资金预算", "完成时限", "重点任务")


@dataclass
class Score:
    agree: int = 0
    total: int = 0

    def add(self, agrees: bool) -> None:
        self.agree += agrees
        self.total += 1

    @property
    def share(self) -> float | None:
        return self.agree / self.total if self.total else None


def _flat(text: object) -> str:
    return re.sub(r"\s+", "", str(text)) if text is not None else ""


def _in_table(table: str | None) -> bool:
    """Indicators of a main indicator table, the only ones the importer reads."""
    return bool(table) and (table == "主要指标" or re.fullmatch(r"表\d+", table) is not None)


def compare(plan: Plan, draft: Draft) -> dict[str, Score]:
    scores = {name: Score() for name in MEASURES}
    _indicators(plan, draft, scores)
    _milestones(plan, draft, scores["事项年份"])
    _tasks(plan, draft, scores)
    return scores


def _indicators(plan: Plan, draft: Draft, scores: dict[str, Score]) -> None:
    by_id = {item.fields["id"]: item.fields for item in draft.indicators}

    def full(fields: dict) -> str:
        parent = by_id.get(fields.get("parent"))
        return _flat(f"{parent['name']}（{fields['name']}）" if parent else fields["name"])

    drafted = {}
    for fields in by_id.values():
        drafted.setdefault((fields.get("table"), full(fields)), fields)
    for indicator in plan.indicators:
        if not _in_table(indicator.table):
            continue
        found = drafted.get((indicator.table, _flat(plan.full_name(indicator))))
        scores["指标名称"].add(found is not None)
        slots = ([("base", indicator.base.year, indicator.base.value.text)] if indicator.base else [])
        slots += [("target", t.year, t.value.text) for t in indicator.targets]
        for kind, year, value in slots:
            got = []
            if found and kind == "base" and found.get("base"):
                got = [found["base"]]
            elif found and kind == "target":
                got = found.get("targets", [])
            scores["基期值和目标值"].add(any(g["year"] == year and _flat(g["value"]) == _flat(value) for g in got))
        if indicator.attribute or (found and found.get("attribute")):
            scores["属性"].add(bool(found) and found.get("attribute") == indicator.attribute)


def _milestone_key(year: str, period: tuple[int, int]) -> tuple:
    parsed = parse_milestone_years(year)
    return parsed.kind, parsed.resolved(*period)


def _milestones(plan: Plan, draft: Draft, score: Score) -> None:
    period = (plan.info.period.start, plan.info.period.end)
    drafted = {item.fields["number"]: item for item in draft.columns}
    for column in plan.columns:
        hand = Counter(_milestone_key(m.year.text, period) for m in column.milestones)
        item = drafted.get(column.number)
        got: Counter = Counter()
        for child in (item.children.get("milestones", []) if item else []):
            try:
                got[_milestone_key(child.fields["year"], period)] += 1
            except ValueError:
                continue
        matched = sum((hand & got).values())
        total = max(sum(hand.values()), sum(got.values()))
        score.agree += matched
        score.total += total


def _tasks(plan: Plan, draft: Draft, scores: dict[str, Score]) -> None:
    drafted = {_flat(item.fields.get("number")): item.fields for item in draft.tasks}
    for task in plan.tasks:
        found = drafted.get(_flat(task.number)) or {}
        units = ([_flat(u) for u in task.lead_units], [_flat(u) for u in task.cooperating_units])
        got_units = ([_flat(u) for u in found.get("lead_units", [])], [_flat(u) for u in found.get("cooperating_units", [])])
        scores["任务责任单位"].add(bool(found) and units == got_units)
        budget = {k: _flat(v) for k, v in (task.budget.model_dump() if task.budget else {}).items() if v}
        got_budget = {k: _flat(v) for k, v in (found.get("budget") or {}).items() if v}
        if budget or got_budget:
            scores["资金预算"].add(budget == got_budget)
        deadline = _flat(task.deadline.text) if task.deadline else ""
        got_deadline = _flat(found.get("deadline"))
        if deadline or got_deadline:
            scores["完成时限"].add(deadline == got_deadline)
    titles = {_flat(item.fields["title"]) for item in draft.key_tasks}
    for key_task in plan.key_tasks:
        scores["重点任务"].add(_flat(key_task.title) in titles)
