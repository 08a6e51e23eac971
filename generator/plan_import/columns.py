"""Recognise 专栏 blocks and the year milestones of their 实施步骤.

A 专栏 opens with ``专栏 N：title`` (or ``专栏N  title``). Its parts are paragraphs that open
with 主要目标 / 主要任务 / 实施步骤 / 保障条件, one paragraph each; the first paragraph without a
label ends the 专栏. A 专栏 without labels has one paragraph of text (``body``).
"""

from __future__ import annotations

import re

from generator.model.schedule import parse_milestone_years
from generator.plan_import.document import Unit
from generator.plan_import.draft import Item

_OPEN = re.compile(r"^专栏\s*(\d{1,2})\s*[:：.．、]?\s*(\S.*)$")
_PARTS = {"主要目标": "goals", "主要任务": "tasks", "实施步骤": "steps", "保障条件": "conditions", "保障措施": "conditions"}
_LABEL = re.compile(r"^(?:（[一二三四五六七八九十]）)?(主要目标|主要任务|实施步骤|保障条件|保障措施)\s*[:：。．.]?\s*")
_LAST = "conditions"
# A year at the start of a step: "2021 年，" "2022—2023 年，" "2022 年起，" "2025 年前，"
_STEP = re.compile(r"(?:^|(?<=[；;。]))\s*(\d{4})\s*年?(?:\s*[-—–~～至到]\s*(\d{4})\s*年?)?\s*(起|开始|以后|底前|前|底|末)?\s*[，,：:、]?")
# Headings that end a 专栏 whatever came before: 三、… （二）… 1．…
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")


def find_columns(units: list[Unit], period: tuple[int, int]) -> list[Item]:
    columns: list[Item] = []
    at = 0
    while at < len(units):
        m = _OPEN.match(units[at].text)
        if not m:
            at += 1
            continue
        number, title = int(m.group(1)), m.group(2).strip()
        parts: dict[str, str] = {}
        current: str | None = None
        at += 1
        while at < len(units):
            text = units[at].text
            label = _LABEL.match(text)
            if _OPEN.match(text) or (_HEADING.match(text) and not label):
                break
            if label:
                current = _PARTS[label.group(1)]
                parts[current] = parts.get(current, "") + text[label.end():].strip()
            elif current is None and "body" not in parts:
                parts["body"] = text
            else:
                break
            at += 1
        columns.append(_column(number, title, parts, columns, period))
    return columns


def _column(number: int, title: str, parts: dict[str, str], earlier: list[Item], period: tuple[int, int]) -> Item:
    fields: dict = {"number": number, "title": title}
    for name in ("goals", "tasks", "steps", "conditions", "body"):
        if parts.get(name):
            fields[name] = parts[name]
    review = None
    if any(c.fields["number"] == number for c in earlier):
        review = f"专栏编号 {number} 在前面已经出现过"
    elif not parts:
        review = "专栏标题之后没有读到内容"
    item = Item(fields, review)
    milestones = split_steps(number, parts.get("steps", ""), period)
    if milestones:
        item.children["milestones"] = milestones
    return item


def split_steps(number: int, steps: str, period: tuple[int, int]) -> list[Item]:
    """One milestone per year named at the start of a step; words before the first year run
    over the whole period (flagged: the plan did not say when)."""
    marks = list(_STEP.finditer(steps))
    items: list[Item] = []
    lead = steps[: marks[0].start() if marks else len(steps)].strip().rstrip("；;。").strip()
    if lead:
        items.append(Item({"id": f"c{number:02d}-m1", "year": f"{period[0]}—{period[1]}", "text": lead},
                          "实施步骤的这一句没有写年份，暂按整个规划期填写"))
    for k, mark in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(steps)
        text = steps[mark.end():end].strip().rstrip("；;。").strip()
        start, until, word = mark.group(1), mark.group(2), mark.group(3)
        year = f"{start}—{until}" if until else start
        if word in ("起", "开始", "以后"):
            year += "起"
        elif word in ("前", "底前"):
            year += "前"
        review = None
        try:
            first, last = parse_milestone_years(year).resolved(*period)
            if not period[0] <= first <= last <= period[1]:
                review = f"年份 {year} 不在规划期 {period[0]}—{period[1]} 年内"
        except ValueError as error:
            review = str(error)
        if not text:
            continue
        items.append(Item({"id": f"c{number:02d}-m{len(items) + 1}", "year": year, "text": text}, review))
    return items
