"""How far an imported draft agrees with an answer key written by hand for the same document.

An answer key is plain data (the ``key.yaml`` of each document in ``tests/import_corpus/``, or a
hand-encoded plan turned into the same form by :func:`key_from_plan`). Each field counts items
that agree over items compared: an item the import missed and an item it made up both count
as a disagreement. Used by ``scripts/import_agreement.py`` and its tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.model.plan import Plan
from generator.model.schedule import parse_milestone_years
from generator.plan_import.draft import Draft

FIELDS = ("指标名称", "单位", "基期", "目标", "属性", "事项年份", "事项内容",
          "任务", "责任单位", "协同单位", "完成时限", "资金预算", "中断标记")
_PREFIX = 16  # characters of a task's work text that identify it


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

    def __iadd__(self, other: "Score") -> "Score":
        self.agree += other.agree
        self.total += other.total
        return self


def flat(text: object) -> str:
    """Text compared without spaces, full-width forms or bracket style."""
    if text is None:
        return ""
    folded = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"\s+", "", folded)


def _in_table(table: str | None) -> bool:
    """Indicators of a main indicator table, the only ones the importer reads."""
    return bool(table) and (table == "主要指标" or re.fullmatch(r"表\d+", table) is not None)


def key_from_plan(plan: Plan) -> dict[str, Any]:
    """A hand-encoded plan as an answer key."""
    names = {i.id: i.name for i in plan.indicators}
    indicators = []
    for i in plan.indicators:
        if not _in_table(i.table):
            continue
        entry: dict[str, Any] = {"name": i.name}
        if i.parent:
            entry["parent"] = names.get(i.parent)
        for name in ("unit", "attribute"):
            if getattr(i, name):
                entry[name] = getattr(i, name)
        if i.base:
            entry["base"] = {"year": i.base.year, "value": i.base.value.text}
        entry["targets"] = [{"year": t.year, "value": t.value.text} for t in i.targets]
        indicators.append(entry)
    milestones = [{"year": m.year.text, "text": m.text} for c in plan.columns for m in c.milestones]
    tasks = []
    for t in plan.tasks:
        entry = {"work": t.work, "lead_units": list(t.lead_units), "cooperating_units": list(t.cooperating_units)}
        if t.deadline:
            entry["deadline"] = t.deadline.text
        if t.budget:
            entry["budget"] = {k: v for k, v in t.budget.model_dump().items() if v}
        tasks.append(entry)
    # The hand-encoded plans hold the tasks of their breakdown tables, not those the prose also names.
    return {"period": [plan.info.period.start, plan.info.period.end], "indicators": indicators,
            "milestones": milestones, "tasks": tasks, "tasks_complete": False}


def compare(key: dict[str, Any], draft: Draft) -> dict[str, Score]:
    scores = {name: Score() for name in FIELDS}
    _indicators(key.get("indicators", []), draft, scores)
    period = tuple(key.get("period") or (draft.plan["period"]["start"], draft.plan["period"]["end"]))
    _milestones(key.get("milestones", []), draft, period, scores)
    _tasks(key.get("tasks", []), draft, scores, key.get("tasks_complete", True))
    _unfinished(key.get("unfinished", []), draft, scores["中断标记"])
    return scores


def _indicators(expected: list[dict], draft: Draft, scores: dict[str, Score]) -> None:
    by_id = {item.fields["id"]: item.fields for item in draft.indicators}
    drafted: dict[tuple[str, str], dict] = {}
    for fields in by_id.values():
        parent = by_id.get(fields.get("parent"), {}).get("name")
        drafted.setdefault((flat(parent), flat(fields["name"])), fields)
    used: set[tuple[str, str]] = set()
    for entry in expected:
        name = (flat(entry.get("parent")), flat(entry["name"]))
        found = drafted.get(name) if name not in used else None
        if found is not None:
            used.add(name)
        scores["指标名称"].add(found is not None)
        found = found or {}
        if entry.get("unit") or found.get("unit"):
            scores["单位"].add(flat(entry.get("unit")) == flat(found.get("unit")))
        base, got_base = entry.get("base"), found.get("base")
        if base or got_base:
            scores["基期"].add(_same_value(base, got_base))
        targets = entry.get("targets", [])
        got = list(found.get("targets", []))
        for target in targets:
            match = next((g for g in got if _same_value(target, g)), None)
            scores["目标"].add(match is not None)
            if match is not None:
                got.remove(match)
        scores["目标"].total += len(got)  # targets the import made up
        if entry.get("attribute") or found.get("attribute"):
            scores["属性"].add(entry.get("attribute") == found.get("attribute"))
    scores["指标名称"].total += len(set(drafted) - used)


def _same_value(expected: dict | None, got: dict | None) -> bool:
    return bool(expected and got) and int(expected["year"]) == int(got["year"]) \
        and flat(expected["value"]) == flat(got["value"])


def _years(year: object, period: tuple[int, int]) -> tuple | None:
    try:
        parsed = parse_milestone_years(str(year))
        return parsed.kind, parsed.resolved(*period)
    except ValueError:
        return None


def _milestones(expected: list[dict], draft: Draft, period: tuple, scores: dict[str, Score]) -> None:
    got = [child.fields for column in draft.columns for child in column.children.get("milestones", [])]
    hand = Counter(_years(m["year"], period) for m in expected)
    drafted = Counter(_years(m["year"], period) for m in got)
    scores["事项年份"].agree += sum((hand & drafted).values())
    scores["事项年份"].total += max(sum(hand.values()), sum(drafted.values()))
    remaining = list(got)
    for entry in expected:
        text = flat(entry["text"])[:_PREFIX]
        match = next((g for g in remaining if _years(g["year"], period) == _years(entry["year"], period)
                      and flat(g["text"]).startswith(text)), None)
        scores["事项内容"].add(match is not None)
        if match is not None:
            remaining.remove(match)
    scores["事项内容"].total += len(remaining)


def _tasks(expected: list[dict], draft: Draft, scores: dict[str, Score], complete: bool) -> None:
    remaining = [item.fields for item in draft.tasks]
    for entry in expected:
        work = flat(entry["work"])[:_PREFIX]
        found = next((t for t in remaining if flat(t.get("work"))[:len(work)] == work), None)
        if found is not None:
            remaining.remove(found)
        scores["任务"].add(found is not None)
        found = found or {}
        scores["责任单位"].add(bool(found) and [flat(u) for u in entry.get("lead_units", [])]
                              == [flat(u) for u in found.get("lead_units", [])])
        cooperating = [flat(u) for u in entry.get("cooperating_units", [])]
        got_cooperating = [flat(u) for u in found.get("cooperating_units", [])]
        if cooperating or got_cooperating:
            scores["协同单位"].add(cooperating == got_cooperating)
        if entry.get("deadline") or found.get("deadline"):
            scores["完成时限"].add(flat(entry.get("deadline")) == flat(found.get("deadline")))
        budget = {k: flat(v) for k, v in (entry.get("budget") or {}).items() if v}
        got_budget = {k: flat(v) for k, v in (found.get("budget") or {}).items() if v}
        if budget or got_budget:
            scores["资金预算"].add(budget == got_budget)
    if complete:
        scores["任务"].total += len(remaining)


def _unfinished(expected: list[str], draft: Draft, score: Score) -> None:
    """Each passage the document breaks off in must be flagged or listed as not used."""
    flagged = " ".join(flat(text) for text in draft.flagged_text())
    for text in expected:
        score.add(flat(text) in flagged)
