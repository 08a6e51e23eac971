"""Recognise task breakdown tables (任务分解表) and key tasks (重点任务 / 重点工作).

A breakdown table is found by its header (序号 … 责任单位 / 牵头单位); columns are known by
their header words. The 项目 column may hold two cells (项目 and 子项目) under one header, so
columns left of it are placed from the left and those right of it from the right. A merged
cell (``None``) repeats the cell above; an empty cell stays empty. Tables extracted from a PDF
as text (one cell a paragraph) are read in the order 重点任务 → 主要工作 → 责任单位 → 协同单位.
Plans without a table list their key tasks as numbered paragraphs under 重点任务.
"""

from __future__ import annotations

import re

from generator.plan_import.document import Document, Paragraph, Table
from generator.plan_import.draft import Item
from generator.plan_import.header_words import header_key, role, words
from generator.plan_import.inline_units import inline_tasks

_CARRIED = ("key_task", "project", "name", "lead", "cooperating")  # merged down a column
_NUMBERED = re.compile(r"^(\d{1,3})\s*[.．、]\s*(\S.*)$")
# A deadline in the work text; "完成" belongs to it only where it ends the phrase ("8月前完成）"),
# not where it starts the work ("暑假前完成…工程").
_DEADLINE = re.compile(
    r"(?:到|在)?\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?|暑假|年底|底|上半年|下半年|秋季)?(?:前|以前|之前)(?:完成(?=[）)。；;，,]|$))?"
    r"|每年\d{1,2}月|到\d{4}年(?:底)?")
# How names of government bodies, schools and places end; anything else is flagged.
_UNIT_END = re.compile(r"(局|委|办|部|门|院|校|学|会|府|处|站|中心|行|室|队|联|组|团|社|台|厅|所|馆|司|区|县|市|镇|街道|单位|科|园|公司|集团)$")
MAX_UNIT = 30
_SPLIT_UNITS = re.compile(r"[、，,；;]")
_GROUP_ROW = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\s*[、.．]?|"
                        r"第[一二三四五六七八九十]+[类部分项方面]+\s*[、.．:：]?)\s*(\S.*)$")
_KEY_TASK_SECTION = re.compile(r"^[一二三四五六七八九十]+、\s*(重点任务|工作重点|主要任务|重点工作)\s*$")
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


def _header_kind(text: str) -> str | None:
    return role("task_table", text)


def _text_header(text: str) -> bool:
    """A task table's header row flattened into one paragraph by a PDF extract."""
    flat = header_key(text)
    found = [any(w in flat for w in words("task_table", kind)) for kind in ("work", "lead")]
    return all(found) and len(flat) <= 60 and "。" not in flat


def split_units(text: str) -> list[str]:
    """“市教育局、市编办、市财政局等” → three names; separators inside brackets are kept."""
    names, depth, current = [], 0, ""
    for char in text:
        depth += char in "（(〈<《"
        depth -= char in "）)〉>》"
        if depth <= 0 and _SPLIT_UNITS.match(char):
            names.append(current)
            current = ""
        else:
            current += char
    names.append(current)
    cleaned = [re.sub(r"\s+", "", n).removesuffix("等") for n in names]
    return [n for n in cleaned if n]


# A deadline cell of a table flattened into paragraphs: 2022年8月前, 2023年底, 长期坚持, 每年9月
_UNITS_THEN_WORK = re.compile(r"^(.{2,120}?[局委办府会室队院校心司）)])\s*(\d{1,3}\s*[.．]\D.*)$")
MAX_TITLE = 30  # characters of a 重点任务's name in a flattened table; longer text is a work item
_TEXT_DEADLINE = re.compile(r"^\s*(?:\d{4}\s*年[^。，,；;]{0,12}|长期坚持|长期|持续推进|每年[^。，,；;]{0,8}|\d{4}[-—–~～至]\d{4}\s*年?)\s*$")
_LEAD_MARK = re.compile(r"[（(]\s*牵头\s*[）)]$")


def _marked_lead(text: str) -> tuple[list[str], list[str]] | None:
    """“市教育局（牵头）、市财政局” in one column: (leading units, the others)."""
    units = split_units(text)
    if not any(_LEAD_MARK.search(u) for u in units):
        return None
    return [_LEAD_MARK.sub("", u) for u in units if _LEAD_MARK.search(u)], [u for u in units if not _LEAD_MARK.search(u)]


def _looks_like_unit(name: str) -> bool:
    bare = re.sub(r"[（(][^（）()]*[）)]$", "", name)
    return len(name) <= MAX_UNIT and "。" not in name and bool(_UNIT_END.search(bare))


def find_tasks(document: Document) -> tuple[list[Item], list[Item]]:
    """(key tasks, tasks)."""
    key_tasks: list[Item] = []
    tasks: list[Item] = []
    last: list[str | None] | None = None  # the columns of the task table before, for one continued without header
    for block in document.blocks:
        if isinstance(block, Table):
            last = _read_table(block, key_tasks, tasks, last)
    if not tasks:
        _read_text_table(document, key_tasks, tasks)
    tasks += inline_tasks(document, key_tasks, len(tasks), _task, _key_task)
    if not key_tasks:
        key_tasks = _key_tasks_from_text(document)
    return key_tasks, tasks


def _columns(header: list[tuple]) -> list[str | None]:
    """Column kinds from one or two header rows (the second names the parts of merged headers)."""
    width = max(len(row) for row in header)
    kinds: list[str | None] = [None] * width
    texts: list[str] = [""] * width
    overwritten = False
    for row in header:
        for k, cell in enumerate(row):
            if cell:
                found = _header_kind(cell)
                overwritten |= bool(found and kinds[k] and kinds[k] != found)
                kinds[k] = found or kinds[k]
                texts[k] = header_key(cell) if found else texts[k]
    if overwritten and len(header) == 2:
        kinds, texts = _spanned(header)
    leads = [k for k, kind in enumerate(kinds) if kind == "lead"]
    if len(leads) > 1:
        # 牵头责任单位 + 责任单位: the one that leads is named so; the others take part.
        chief = next((k for k in leads if "牵头" in texts[k] or "主要" in texts[k]), leads[0])
        for k in leads:
            if k != chief:
                kinds[k] = "cooperating"
    if "work" not in kinds and "key_task" in kinds:
        kinds[kinds.index("key_task")] = "work"  # 重点工作任务 alone is the work itself
    if kinds.count("work") > 1 and "key_task" not in kinds:
        kinds[kinds.index("work")] = "key_task"  # 任务 | 具体措施: the first names what the second details
    return kinds


_PARTS_OF = {"budget": {"government", "school"}, "lead": {"lead", "cooperating"}}


def _spanned(header: list[tuple]) -> tuple[list[str | None], list[str]]:
    """Columns of a two-row header whose spanning cells were read once, so that the rows do not line up
    (资金预算 over 政府投入/学校自筹, 责任单位 over 牵头单位/协助单位): the first row's cells in order,
    each spanning cell replaced by the cells under it."""
    parts = [(_header_kind(c), header_key(c)) for c in header[1] if c and _header_kind(c)]
    kinds: list[str | None] = []
    texts: list[str] = []
    for cell in header[0]:
        kind = _header_kind(cell or "")
        under = [p for p in parts if p[0] in _PARTS_OF.get(kind or "", set())]
        if under:
            kinds += [k for k, _ in under]
            texts += [w for _, w in under]
            parts = [p for p in parts if p not in under]
        else:
            kinds.append(kind)
            texts.append(header_key(cell or ""))
    return kinds, texts


def _is_header(row: tuple) -> bool:
    kinds = {_header_kind(cell) for cell in row if cell} - {None}
    return "number" in kinds or len(kinds) >= 2


def _read_table(table: Table, key_tasks: list[Item], tasks: list[Item],
                before: list[str | None] | None = None) -> list[str | None] | None:
    """Read one task table; return its columns (None if it is not one). A table without a header
    as wide as the task table before continues it (a PDF page break that did not repeat the header)."""
    rows = list(table.rows)
    start = next((k for k, row in enumerate(rows) if _is_header(row)), None)
    if start is not None and "lead" in _columns(rows[start:start + 1]):
        header = [rows[start]]
        if start + 1 < len(rows) and not any(_NUMBERED.match(c or "") or (c or "").isdigit() for c in rows[start + 1]) \
                and any(_header_kind(c) for c in rows[start + 1] if c):
            header.append(rows[start + 1])
        kinds = _columns(header)
    elif start is None and before is not None and max(len(row) for row in rows) == len(before):
        kinds, header = before, []
        start = 0
    else:
        return None
    if "work" not in kinds:
        return None
    left = kinds[: kinds.index("project")] if "project" in kinds else kinds[: kinds.index("work")]
    right = kinds[kinds.index("work"):]
    previous: dict[str, str] = {}
    group: str | None = None
    for row in rows[start + len(header):]:
        if _is_header(row) or all(not c for c in row):
            continue
        filled = [c for c in row if c]
        if len(filled) == 1 and row[0] and len(row) > 1 and len(kinds) > 2 and not _NUMBERED.match(row[0]):
            group = row[0]  # a heading across the table: 一、推进学前教育普及普惠
            continue
        if len(row) == len(kinds):
            cells: dict[str, str | None] = {k: c for k, c in zip(kinds, row) if k}
        elif len(row) >= len(left) + len(right):
            cells = dict(zip(left, row[: len(left)]))
            cells.update(zip(right, row[len(row) - len(right):]))
            middle = list(row[len(left): len(row) - len(right)])
            if len(middle) == 2:
                cells["project"], cells["name"] = middle
            elif len(middle) == 1:
                cells["name" if "name" in kinds and "project" not in kinds else "project"] = middle[0]
        else:
            continue
        cells.pop(None, None)
        for kind in _CARRIED:
            if cells.get(kind) is None and kind in previous:
                cells[kind] = previous[kind]
        previous = {k: v for k, v in cells.items() if v is not None and k in _CARRIED}
        if not cells.get("work"):
            continue
        key_task = _key_task(cells.get("key_task") or group, key_tasks)
        tasks.append(_task(cells, key_task, len(tasks)))
    return kinds


def _key_task(text: str | None, key_tasks: list[Item]) -> str | None:
    if not text:
        return None
    m = _NUMBERED.match(text) or _GROUP_ROW.match(text)
    title = re.sub(r"\s+", "", m.group(m.lastindex) if m else text)
    for item in key_tasks:
        if item.fields["title"] == title:
            return item.fields["id"]
    number = m.group(1) if m and m.lastindex == 2 else str(len(key_tasks) + 1)
    item_id = f"kt{len(key_tasks) + 1:02d}"
    key_tasks.append(Item({"id": item_id, "number": number, "title": title}))
    return item_id


def _task(cells: dict, key_task: str | None, index: int) -> Item:
    work = cells["work"].strip()
    number = (cells.get("number") or "").strip()
    m = _NUMBERED.match(work)
    if m and not number:
        number, work = m.group(1), m.group(2)
    fields: dict = {"id": f"t{index + 1:03d}"}
    if number:
        fields["number"] = number
    if key_task:
        fields["key_task"] = key_task
    for kind in ("project", "name"):
        if cells.get(kind):
            fields[kind] = cells[kind].strip()
    fields["work"] = work
    reviews = []
    marked = _marked_lead(cells.get("lead") or "")
    if marked and not cells.get("cooperating"):
        cells = {**cells, "lead": "、".join(marked[0]), "cooperating": "、".join(marked[1])}
    for kind, name in (("lead", "lead_units"), ("cooperating", "cooperating_units")):
        units = split_units(cells.get(kind) or "")
        if units:
            fields[name] = units
            odd = [u for u in units if not _looks_like_unit(u)]
            message = "不像单位名称：" + "、".join(f"“{u}”" for u in odd)
            if odd and message not in reviews:
                reviews.append(message)
    budget = {side: cells[side].strip() for side in ("government", "school") if (cells.get(side) or "").strip()}
    if budget:
        fields["budget"] = budget
    deadline = (cells.get("deadline") or "").strip()
    if not deadline and (found := _DEADLINE.search(re.sub(r"\s+", "", work))):
        deadline = found.group()
    if deadline:
        fields["deadline"] = deadline
    if not fields.get("lead_units"):
        reviews.append("没有读到责任单位")
    return Item(fields, "；".join(reviews) or None)


def _read_text_table(document: Document, key_tasks: list[Item], tasks: list[Item]) -> None:
    """A breakdown table that a PDF extract turned into paragraphs, one cell each."""
    paragraphs = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    start = next((k for k, text in enumerate(paragraphs) if _text_header(text)), None)
    if start is None:
        return
    title: list[str] = []
    key_task: str | None = None
    cells: dict | None = None
    units: list[str] = []
    number: str | None = None  # a number on a line of its own, just read

    def close() -> None:
        if cells is not None:
            for kind, text in zip(("lead", "cooperating"), units):
                cells[kind] = text
            tasks.append(_task(cells, key_task, len(tasks)))

    for text in paragraphs[start + 1:]:
        if _text_header(text) or text in ("序", "号", "序号"):
            continue
        if re.fullmatch(r"\d{1,3}", text):
            close()
            cells, units, title = None, [], []
            key_task = None
            number = text
            continue
        joined = None if _NUMBERED.match(text) or cells is None else _UNITS_THEN_WORK.match(text)
        if joined and len(units) < 2:
            # A unit cell run together with the next work item: “……管理办公室26.依法确保……”
            units.append(joined.group(1))
            text = joined.group(2)
        prefix = None if _NUMBERED.match(text) else re.match(r"^([^\d。]{1,30}?)\s*(\d{1,3}\s*[.．]\D.*)$", text)
        if prefix:
            # A key task's name run together with the next work item (a page break, or no cell end).
            head, text = re.sub(r"\s+", "", prefix.group(1)), prefix.group(2)
            if cells is None:
                title.append(head)
            elif key_task is not None:
                item = next(i for i in key_tasks if i.fields["id"] == key_task)
                item.fields["title"] += head
        if _NUMBERED.match(text):
            close()
            if key_task is None and title:
                key_task = _key_task(f"{len(key_tasks) + 1}.{''.join(title)}", key_tasks)
            text, units = _units_after(text)  # a whole row on one line: “13.……新路径。 市教育局 市科技局”
            cells = {"work": text}
        elif cells is None and number and not title and ("。" in text or len(text) > MAX_TITLE):
            cells, units = {"work": text, "number": number}, []  # the number was the task's own, not a 重点任务's
        elif cells is None:
            title.append(re.sub(r"\s+", "", text))
        elif _TEXT_DEADLINE.match(text) and "deadline" not in cells:
            cells["deadline"] = text.strip()
        elif len(units) < 2 and len(text) <= 60:
            parts = text.split()
            # Two cells on one line: “市教育局 各职业院校”.
            units += parts if not units and len(parts) == 2 and all(map(_looks_like_unit, parts)) else [text]
        elif text.startswith(("抄送", "附件")) or _TOP_HEADING.match(text):
            break
        elif cells is not None:
            cells["work"] += text  # the rest of a work item cut by a page
    close()


def _units_after(text: str) -> tuple[str, list[str]]:
    """A work item's text, and the unit cells a line carries after its last sentence, if any."""
    m = re.match(r"^(.*[。；;])\s+(\S+)(?:\s+(\S+))?\s*$", text)
    if m and all(_looks_like_unit(part) for part in m.groups()[1:] if part):
        return m.group(1), [part for part in m.groups()[1:] if part]
    return text, []


def _key_tasks_from_text(document: Document) -> list[Item]:
    """Numbered paragraphs under a 重点任务 heading: the first sentence is the title."""
    items: list[Item] = []
    inside = False
    for block in document.blocks:
        if not isinstance(block, Paragraph):
            continue
        text = block.text
        if _KEY_TASK_SECTION.match(text):
            inside = True
            continue
        if inside and _TOP_HEADING.match(text):
            break
        m = _NUMBERED.match(text) if inside else None
        if m:
            title = re.match(r"^[^。]*。", m.group(2))
            items.append(Item({"id": f"kt{len(items) + 1:02d}", "number": m.group(1),
                               "title": title.group() if title else m.group(2)}))
    numbers = [int(item.fields["number"]) for item in items]
    # Numbering that starts again under each heading marks sub-points of the text, not key tasks.
    return items if numbers == list(range(1, len(numbers) + 1)) else []
