"""Recognise main indicator tables (主要指标 / 表1 …) in the document's cell stream.

A table starts at a header row: a label (主要指标, 教师学历比例 …), two or more years (the first
is the base year) and perhaps 属性. Then come group headings (一、国际通用类指标), numbered
indicators (``1.学前三年毛入园率(%)``) and their values, one per year, then 约束性 / 预期性.
Sub-items (其中：小学 / 初中) carry their values either row by row (``高中 12.84 11 11``) or,
as a PDF lays out a cell of several lines, all names first and then the values column by
column (``其中：小学 初中 49.8 59.3 80 85``); where the parent has values of its own they come
first in each column. Anything that does not fit is kept, flagged 待核对.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.plan_import.document import is_written_value
from generator.plan_import.draft import Item
from generator.plan_import.tokens import Token

_YEAR = re.compile(r"^(\d{4})\s*年?$")
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.．、]\s*(\S.*)$")
_GROUP = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(\S.*)$")
_SUB = re.compile(r"^其中\s*[:：]\s*(\S.*)$")
_UNIT = re.compile(r"[（(]\s*([^（）()]{1,4}?)\s*[）)]$")
_UNITS = {"%", "％", "年", "所", "个", "人", "万人", "人次", "元", "万元", "亿元", "分", "岁", "项", "家", "次", "天", "小时", "个百分点"}
ATTRIBUTES = ("约束性", "预期性")
MAX_HEADER_LABEL = 12
MAX_SUB_NAME = 16


@dataclass
class _Row:
    number: str
    name: str
    group: str | None
    start: int
    parts: list[tuple[str, str]] = field(default_factory=list)  # (kind, text): sub / value / attr
    end: int = 0


@dataclass(frozen=True)
class IndicatorTable:
    title: str  # 主要指标, 表1 …
    years: tuple[int, ...]
    has_attribute: bool
    items: tuple[Item, ...]


def is_value(text: str) -> bool:
    """A value cell; "2020年" is a year of the header, not a value."""
    return not (_YEAR.match(text) and "年" in text) and is_written_value(text)


def _header(tokens: list[Token], at: int) -> tuple[tuple[int, ...], bool, int] | None:
    """(years, has 属性, index after the header) if a header row starts at ``at``."""
    label = tokens[at]
    if not label.row_start or len(label.text) > MAX_HEADER_LABEL or _YEAR.match(label.text) or is_value(label.text):
        return None
    years: list[int] = []
    k = at + 1
    while k < len(tokens) and (m := _YEAR.match(tokens[k].text)):
        years.append(int(m.group(1)))
        k += 1
    if len(years) < 2 or years != sorted(years):
        return None
    has_attribute = k < len(tokens) and tokens[k].text == "属性"
    return tuple(years), has_attribute, k + has_attribute


def _title(tokens: list[Token], at: int) -> str:
    start = at - 1
    while start > 0 and not tokens[start].row_start:
        start -= 1
    before = "".join(t.text for t in tokens[max(start, 0):at])
    if m := re.search(r"表\s*(\d+)", before):
        return f"表{m.group(1)}"
    return "主要指标"


def find_indicator_tables(tokens: list[Token]) -> list[IndicatorTable]:
    tables: list[IndicatorTable] = []
    at = 0
    while at < len(tokens):
        header = _header(tokens, at)
        if header is None:
            at += 1
            continue
        years, has_attribute, at = header
        title = _title(tokens, at - len(years) - 1 - has_attribute)
        rows, at = _read_rows(tokens, at, years)
        prefix = "main" if title == "主要指标" else f"table{title[1:]}"
        if any(t.title == title for t in tables):
            prefix += f"-{len(tables) + 1}"
        items = [item for row in rows for item in _items(row, years, has_attribute, title, prefix, tokens)]
        tables.append(IndicatorTable(title, years, has_attribute, tuple(items)))
    return tables


def _read_rows(tokens: list[Token], at: int, years: tuple[int, ...]) -> tuple[list[_Row], int]:
    rows: list[_Row] = []
    group: str | None = None
    groups = 0
    current: _Row | None = None
    while at < len(tokens):
        text = tokens[at].text
        repeated = _header(tokens, at)
        if repeated and repeated[0] == years:  # the header repeated after a page break
            at = repeated[2]
            continue
        if (m := _GROUP.match(text)) and at + 1 < len(tokens) and _NUMBERED.match(tokens[at + 1].text):
            groups += 1
            group = re.sub(r"指标$", "", m.group(1).strip())
            current = None
            at += 1
            continue
        if (m := _NUMBERED.match(text)) and not is_value(text):
            current = _Row(m.group(1), m.group(2).strip(), group and f"{groups}:{group}", at)
            rows.append(current)
        elif current is None:
            break
        elif text in ATTRIBUTES:
            current.parts.append(("attr", text))
        elif is_value(text):
            current.parts.append(("value", text))
        elif _accepts_sub(current, text, len(years)):
            sub = _SUB.match(text)
            current.parts.append(("sub", sub.group(1).strip() if sub else text))
        else:
            break
        current.end = at + 1
        at += 1
    return rows, at


def _accepts_sub(row: _Row, text: str, columns: int) -> bool:
    if _SUB.match(text):
        return True
    if len(text) > MAX_SUB_NAME or re.search(r"[，。；：:,;]", text):
        return False
    values = sum(1 for kind, _ in row.parts if kind == "value")
    subs = sum(1 for kind, _ in row.parts if kind == "sub")
    return values == 0 or (subs > 0 and values % columns == 0)


def _name_and_unit(name: str) -> tuple[str, str | None]:
    m = _UNIT.search(name)
    if m and m.group(1).strip() in _UNITS:
        return name[: m.start()].strip(), m.group(1).strip().replace("％", "%")
    return name, None


def _year_values(values: list[str], years: tuple[int, ...]) -> dict:
    return {"base": {"year": years[0], "value": values[0]},
            "targets": [{"year": y, "value": v} for y, v in zip(years[1:], values[1:])]}


def _items(row: _Row, years: tuple[int, ...], has_attribute: bool, title: str, prefix: str,
           tokens: list[Token]) -> list[Item]:
    n = len(years)
    quote = " ".join(t.text for t in tokens[row.start:row.end])
    name, unit = _name_and_unit(row.name)
    group_number, group = (row.group.split(":", 1) if row.group else (None, None))
    base_id = f"{prefix}{'-g' + group_number if group_number else ''}-{int(row.number):02d}"
    all_values = [text for kind, text in row.parts if kind == "value"]
    if unit is None and all_values and all(v.rstrip().endswith(("%", "％")) for v in all_values):
        unit = "%"

    # Segments: the parent's own parts, then one per sub-item.
    segments: list[tuple[str | None, list[str], list[str]]] = [(None, [], [])]
    for kind, text in row.parts:
        if kind == "sub":
            segments.append((text, [], []))
        else:
            segments[-1][1 if kind == "value" else 2].append(text)
    parent_values, parent_attrs = segments[0][1], segments[0][2]
    subs = segments[1:]
    attrs = [a for _, _, seg_attrs in segments for a in seg_attrs]
    common_attr = attrs[0] if attrs and len(set(attrs)) == 1 else None

    def item(item_id: str, item_name: str, values: list[str] | None, attribute: str | None, parent: str | None,
             review: str | None = None, number: str | None = None) -> Item:
        fields: dict = {"id": item_id}
        if number:
            fields["number"] = number
        fields["name"] = item_name
        if unit:
            fields["unit"] = unit
        if group:
            fields["group"] = group
        if attribute:
            fields["attribute"] = attribute
        if values:
            fields.update(_year_values(values, years))
        fields["table"] = title
        if parent:
            fields["parent"] = parent
        fields["quote"] = quote
        return Item(fields, review)

    missing_attr = "表中有“属性”一列，这一行没有读到约束性或预期性" if has_attribute and not attrs else None
    if not subs:
        review = None if len(parent_values) == n else f"读到 {len(parent_values)} 个数值，表头有 {n} 个年份（{_years(years)}），无法对应"
        return [item(base_id, name, parent_values if not review else None, common_attr, None,
                     review or missing_attr, row.number)]

    k = len(subs)
    sub_values: list[list[str]]
    own: list[str] | None = None
    review = None
    if all(len(values) == n for _, values, _ in subs) and len(parent_values) in (0, n):
        sub_values = [values for _, values, _ in subs]  # row by row
        own = parent_values or None
    elif all(not values for _, values, _ in subs[:-1]) and not parent_values and len(subs[-1][1]) in (n * k, n * (k + 1)):
        flat = subs[-1][1]  # names first, then the values column by column
        width = len(flat) // n
        columns = [flat[c * width:(c + 1) * width] for c in range(n)]
        if width == k + 1:
            own = [column[0] for column in columns]
            columns = [column[1:] for column in columns]
        sub_values = [[column[s] for column in columns] for s in range(k)]
    else:
        sub_values = [[] for _ in subs]
        review = f"有 {k} 个子项，读到 {len(all_values)} 个数值，表头有 {n} 个年份（{_years(years)}），无法对应"
    items = [item(base_id, name, own, common_attr or (parent_attrs[0] if parent_attrs else None), None,
                  review or missing_attr, row.number)]
    for s, (sub_name, _, sub_attrs) in enumerate(subs):
        attribute = sub_attrs[0] if sub_attrs else common_attr or (parent_attrs[0] if parent_attrs else None)
        items.append(item(f"{base_id}-{s + 1}", sub_name, sub_values[s] or None, attribute, base_id,
                          review and "上级指标的数值无法对应"))
    return items


def _years(years: tuple[int, ...]) -> str:
    return "、".join(map(str, years))

