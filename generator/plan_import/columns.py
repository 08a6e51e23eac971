"""Recognise 专栏 blocks and the year milestones of their 实施步骤.

A 专栏 opens with ``专栏 N：title`` (or ``专栏N  title``, ``专栏一``). Its parts are paragraphs
that open with 主要目标 / 主要任务 / 实施步骤 / 保障条件, one paragraph each; the first paragraph
without a label ends the 专栏. A 专栏 without labels has one paragraph of text (``body``); where
that text is a run of yearly steps (到2016年…；到2017年…) they are its milestones.

Steps begin with a year, perhaps after 到 / 至 / 在 / 截至: ``2021 年，`` ``至2022年，`` ``2022—2023 年，``
``2022 年起，`` ``2025 年前，``. A 专栏 whose text breaks off (``…80%以上；到``, as when a PDF
loses the end of a box) is flagged. An 实施步骤 section of the plan itself (``三、实施步骤``
followed by ``（一）动员部署阶段（2021年6月—8月）。……``) gives milestones too, kept in a 专栏
of their own that is flagged, since the plan has no such 专栏.
"""

from __future__ import annotations

import re

from generator.model.schedule import parse_milestone_years
from generator.plan_import.document import Unit
from generator.plan_import.draft import Item

_OPEN = re.compile(r"^专栏\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[:：.．、]?\s*(\S.*)$")
_CHINESE_DIGITS = "一二三四五六七八九"
_PARTS = {"主要目标": "goals", "主要任务": "tasks", "实施步骤": "steps", "保障条件": "conditions", "保障措施": "conditions"}
_LABEL = re.compile(r"^(?:（[一二三四五六七八九十]）)?(主要目标|主要任务|实施步骤|保障条件|保障措施)\s*[:：。．.]?\s*")
_LAST = "conditions"
# A year at the start of a step: "2021 年，" "2022—2023 年，" "2022 年起，" "2025 年前，"
_STEP = re.compile(r"(?:^|(?<=[；;。]))\s*(?:到|至|在|截至|截止到?)?\s*(\d{4})\s*年?(?:\s*[-—–~～至到]\s*(\d{4})\s*年?)?"
                   r"\s*(起|开始|以后|底前|年底前|前|底|末|年底|年末)?\s*[，,：:、]?")
_ENDED = re.compile(r"[。；;！？!?…”’）)\]】]\s*$")
# A 实施步骤 section of the plan, and the stages under it.
_STEPS_SECTION = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(实施步骤|工作步骤|进度安排|时间安排|推进步骤|实施安排|步骤安排|工作安排)\s*$")
_STAGE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}\s*[.．、]|(?=第[一二三四五六七八九十]+阶段))\s*")
_STAGE_YEARS = re.compile(r"((?:19|20)\d{2})(?=\s*(?:年|[-—–~～至到]))")
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
        number, title = _number(m.group(1)), m.group(2).strip()
        if "指标" in title:
            at += 1
            continue  # a box around the indicator table: the table is read as such
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
            elif current == "steps" and _STEP.match(text) and _STEP.match(text).group(1):
                # one step a paragraph under 实施步骤：
                joined = parts["steps"].rstrip()
                parts["steps"] = f"{joined}{'' if not joined or joined[-1] in '；;。' else '；'}{text.strip()}"
            elif current is None and "body" not in parts:
                parts["body"] = text
            else:
                break
            at += 1
        columns.append(_column(number, title, parts, columns, period))
    return columns


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    tens, _, ones = text.rpartition("十")
    value = (_CHINESE_DIGITS.index(tens) + 1 if tens else 1) * 10 if "十" in text else 0
    return value + (_CHINESE_DIGITS.index(ones) + 1 if ones else 0)


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
    last = parts.get("conditions") or parts.get("steps") or parts.get("body") or ""
    if last and not _ENDED.search(last):
        review = f"专栏内容在“{last[-12:]}”处中断，可能缺了后文（如 PDF 换页时丢字），请对照原文补全"
    item = Item(fields, review)
    steps = parts.get("steps", "")
    if not steps and len(_STEP.findall(parts.get("body", ""))) >= 2:
        steps = parts["body"]  # a 专栏 that is nothing but yearly steps
    milestones = split_steps(number, steps, period)
    if milestones:
        item.children["milestones"] = milestones
    return item


def find_stages(units: list[Unit], period: tuple[int, int], number: int) -> Item | None:
    """The stages of the plan's own 实施步骤 section, as the milestones of a flagged 专栏."""
    stages: list[Item] = []
    inside = False
    for unit in units:
        text = unit.text
        if _STEPS_SECTION.match(text):
            inside = True
            continue
        if not inside:
            continue
        if _HEADING.match(text) and not text.startswith("（") or _OPEN.match(text):
            break
        if (step := _STEP.match(text)) and step.group(1) and not _STAGE.match(text):
            # Steps written as prose: 到2022年，……；到2023年，……
            for item in split_steps(number, text, period):
                item.fields["id"] = f"c{number:02d}-m{len(stages) + 1}"
                stages.append(item)
            continue
        if not (m := _STAGE.match(text)):
            continue
        head = text[m.end():]
        years = [int(y) for y in _STAGE_YEARS.findall(head[:40])]
        if not years:
            continue
        close = head.find("）", 0, 60)
        body = head[close + 1:].lstrip("。.，,：: ") if close >= 0 else head
        year = f"{min(years)}" if min(years) == max(years) else f"{min(years)}—{max(years)}"
        stages.append(Item({"id": f"c{number:02d}-m{len(stages) + 1}", "year": year, "text": body or head}))
    if not stages:
        return None
    item = Item({"number": number, "title": "实施步骤", "steps": "；".join(s.fields["text"] for s in stages)},
                "原文的“实施步骤”一节不是专栏，其中各阶段暂放在这里；请核对年份，或把事项移到相应专栏")
    item.children["milestones"] = stages
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
            continue  # a step cut off after its year: the 专栏 is flagged as broken off
        items.append(Item({"id": f"c{number:02d}-m{len(items) + 1}", "year": year, "text": text}, review))
    return items
