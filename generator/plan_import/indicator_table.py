"""Recognise indicator tables (主要指标 / 表1 …) in the document's cell stream, by what each column holds.

A table starts at a header row: a label naming the indicators (指标, 指标名称, 主要指标 … or a
short title such as 教师学历比例), two or more years (the first is the base year), and perhaps
序号, 单位, 属性, 类别 columns, in any order; header words are read from header_words.yaml after
spaces, full-width forms and line breaks are taken out ("指  标", "2020年\\n基数").

Then come rows: perhaps a number (``1.`` ``（1）`` or a cell of its own), the name, perhaps a unit,
one value per year (a dash holds the place of a value not given), perhaps 约束性 / 预期性. Rows
need not be numbered: a name after a complete row opens the next. Group rows may be numbered
any way (一、 （一） Ⅰ 第一类 A.). Sub-items (其中：小学 / 初中) carry their values either row by
row or, as a PDF lays out a cell of several lines, all names first and then the values column
by column; where the parent has values of its own they come first in each column. Anything that
does not fit is kept, flagged 待核对.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from generator.plan_import.document import is_written_value
from generator.plan_import.draft import Item
from generator.plan_import.header_words import role
from generator.plan_import.tokens import Token

_YEAR = re.compile(r"^(\d{4})\s*年?\s*(?:底|末|年底)?\s*[（(]?\s*(?:基数|基期|基期值|现状|现状值|实际|实际值|目标|目标值|预期|预计|"
                   r"规划目标|规划值|完成|完成值|预期目标)?\s*[）)]?$")
_NUMBERED = re.compile(r"^(?:(\d{1,2})\s*[.．、]|[（(]\s*(\d{1,2})\s*[）)]|([①-⑳]))\s*(\S.*)$")
_BARE_NUMBER = re.compile(r"^\d{1,2}$")
_GROUP = re.compile(r"^(?:[一二三四五六七八九十]+\s*(?:[、.．]|$)|[（(]\s*[一二三四五六七八九十]+\s*[）)]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\s*[、.．]?|"
                    r"第[一二三四五六七八九十]+[类部分项方面]+\s*[、.．:：]?|[A-HＡ-Ｈ]\s*[、.．])\s*(.*)$")
_SUB = re.compile(r"^其中\s*[:：]?\s*(\S.*)$")
_UNIT_IN_NAME = re.compile(r"[（(]\s*([^（）()]{1,6}?)\s*[）)]$")
_PLACEHOLDERS = {"—", "-", "——", "–", "/", "－", "--", "…", "无", "\\"}
_UNITS = {"%", "％", "‰", "年", "所", "个", "人", "万人", "人次", "万人次", "元", "万元", "亿元", "分", "岁", "项", "家", "次",
          "天", "小时", "个百分点", "万个", "间", "册", "台", "平方米", "万平方米", "名", "班", "座", "门", "套", "GB", "M", "Mbps",
          "学时", "课时", "倍", "处", "支", "条", "篇", "本", "生/班", "人/班", "：1", ":1"}
# A target written in words (持续提升, 全覆盖): it holds its year's place; the item is flagged.
_WORDED = re.compile(r"(提升|提高|完善|实现|覆盖|普及|达到|达标|建成|保持|稳定|增长|下降|减少|全面|基本|逐步|持续|进一步|显著|明显|巩固|优化|加强|扩大|"
                     r"不低于|不少于|新增|累计|力争)")
_RATIO = re.compile(r"^\d+(?:\.\d+)?[:：∶]\d+(?:\.\d+)?$")  # 生师比 written 13:1
MAX_WORDED = 12
ATTRIBUTES = {"约束性": "约束性", "预期性": "预期性", "约束": "约束性", "预期": "预期性", "约束型": "约束性", "预期型": "预期性"}
MAX_HEADER_LABEL = 12
MAX_SUB_NAME = 24
MAX_NAME = 60
MAX_JOIN = 3  # tokens a split header word may have been cut into ("指", "标")


@dataclass
class _Header:
    years: tuple[int, ...]
    roles: tuple[str, ...]
    end: int  # index of the first token after the header

    @property
    def has(self) -> set[str]:
        return set(self.roles)


@dataclass
class _Row:
    number: str
    name: str
    group: str | None
    start: int
    unit: str | None = None
    parts: list[tuple[str, str]] = field(default_factory=list)  # (kind, text): sub / value / attr / unit
    end: int = 0

    def values(self) -> int:
        return sum(1 for kind, _ in self.parts if kind == "value")

    def values_since_sub(self) -> int:
        count = 0
        for kind, _ in self.parts:
            count = 0 if kind == "sub" else count + (kind == "value")
        return count

    def subs(self) -> int:
        return sum(1 for kind, _ in self.parts if kind == "sub")

    def attributed(self) -> bool:
        return any(kind == "attr" for kind, _ in self.parts)


@dataclass(frozen=True)
class IndicatorTable:
    title: str  # 主要指标, 表1 …
    years: tuple[int, ...]
    has_attribute: bool
    items: tuple[Item, ...]
    start: int  # token span, for telling which text the table took up
    end: int


@lru_cache(maxsize=4096)
def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def is_placeholder(text: str) -> bool:
    return _flat(text) in _PLACEHOLDERS


def is_value(text: str) -> bool:
    """A value cell; "2020年" is a year of the header, not a value."""
    return not (_YEAR.match(text) and "年" in text) and is_written_value(text)


def attribute(text: str) -> str | None:
    return ATTRIBUTES.get(_flat(text))


def _is_unit(text: str) -> bool:
    flat = _flat(text).strip("（）()")
    return flat in _UNITS or flat.replace("％", "%") in _UNITS


def _header_cell(tokens: list[Token], at: int) -> tuple[str, int | None, int] | None:
    """(role, year, tokens used) of a header cell starting at ``at``; split words are joined back."""
    for width in range(1, MAX_JOIN + 1):
        if at + width > len(tokens):
            break
        if width > 1 and any(len(_flat(t.text)) > 2 for t in tokens[at:at + width]):
            break
        text = "".join(t.text for t in tokens[at:at + width])
        if (m := _YEAR.match(_flat(text))) and ("年" in text or width == 1 and len(_flat(text)) == 4):
            return "year", int(m.group(1)), width
        if (found := role("indicator_table", text)) in ("base", "target") \
                and (m := re.search(r"(\d{4})\s*年", text)) and len(_flat(text)) <= MAX_HEADER_LABEL:
            return "year", int(m.group(1)), width  # 基期（2020年）, 目标值（2025年）
        if found:
            return found, None, width
    return None


def _header(tokens: list[Token], at: int) -> _Header | None:
    """The header row starting at ``at``, if one does."""
    first = tokens[at]
    if not first.row_start or is_value(first.text) and not _YEAR.match(_flat(first.text)):
        return None
    roles: list[str] = []
    years: list[int] = []
    k = at
    while k < len(tokens):
        cell = _header_cell(tokens, k)
        if cell is None:
            if k == at and len(_flat(first.text)) <= MAX_HEADER_LABEL and not _YEAR.match(_flat(first.text)):
                cell = ("name", None, 1)  # a short title standing for the label: 主要指标, 教师学历比例
            else:
                break
        kind, year, width = cell
        if kind == "year":
            years.append(year)
        roles.append(kind)
        k += width
    if len(years) < 2 or years != sorted(years) or len(set(years)) != len(years) or "name" not in roles:
        return None
    return _Header(tuple(years), tuple(roles), k)


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
        start = at
        title = _title(tokens, at)
        rows, at = _read_rows(tokens, header)
        if not rows:
            continue
        prefix = "main" if title == "主要指标" else f"table{title[1:]}"
        if any(t.title == title for t in tables):
            prefix += f"-{len(tables) + 1}"
        has_attribute = "attribute" in header.has or any(r.attributed() for r in rows)
        items = [item for k, row in enumerate(rows)
                 for item in _items(row, k, header.years, has_attribute, title, prefix, tokens)]
        tables.append(IndicatorTable(title, header.years, has_attribute, tuple(items), start, at))
    return tables


def _group_name(tokens: list[Token], at: int) -> tuple[str, int] | None:
    """(group name, tokens used) if a group row starts at ``at``."""
    m = _GROUP.match(tokens[at].text.strip())
    if not m:
        return None
    name, used = m.group(1).strip(), 1
    if not name and at + 1 < len(tokens) and not is_value(tokens[at + 1].text):
        name, used = tokens[at + 1].text.strip(), 2
    if not name or len(name) > MAX_NAME or re.search(r"[。；;]", name):
        return None
    after = at + used
    numbered_row = after + 1 < len(tokens) and _BARE_NUMBER.match(tokens[after].text.strip()) \
        and not is_value(tokens[after + 1].text) and not is_placeholder(tokens[after + 1].text)
    if after < len(tokens) and (is_value(tokens[after].text) or attribute(tokens[after].text)) and not numbered_row:
        return None  # "一、…" with values of its own is an indicator, not a group
    return re.sub(r"指标$", "", name), used


def _read_rows(tokens: list[Token], header: _Header) -> tuple[list[_Row], int]:
    years = header.years
    n = len(years)
    rows: list[_Row] = []
    group: str | None = None
    groups = 0
    current: _Row | None = None
    numbered = False
    pending_number: str | None = None
    at = header.end

    def complete(row: _Row | None) -> bool:
        if row is None:
            return True
        values = row.values()
        if "attribute" in header.has:
            return row.attributed() or (values >= n and values % n == 0 and row.subs() == 0)
        return values >= n and values % n == 0

    while at < len(tokens):
        token = tokens[at]
        text = token.text.strip()
        repeated = _header(tokens, at)
        if repeated and repeated.years == years:  # the header repeated after a page break
            at = repeated.end
            continue
        if repeated:
            break
        if _BARE_NUMBER.match(text) and complete(current) and _names_row(tokens, at + 1):
            pending_number = text
        elif current is not None and (kind := attribute(text)):
            current.parts.append(("attr", kind))
        elif current is not None and (is_value(text) or is_placeholder(text) or _RATIO.match(_flat(text))):
            current.parts.append(("value", "" if is_placeholder(text) else text))
        elif current is not None and _worded(text) and current.values_since_sub() and not complete(current):
            current.parts.append(("value", text))
        elif current is not None and _is_unit(text) and not current.values_since_sub():
            current.parts.append(("unit", _flat(text).strip("（）()").replace("％", "%")))
        elif (group_row := _group_name(tokens, at)) and (current is None or complete(current) or not current.values()):
            groups += 1
            group = group_row[0]
            current = None
            at += group_row[1]
            continue
        elif "group" in header.has and token.row_start and complete(current) and _names_row(tokens, at + 1) \
                and at + 1 < len(tokens) and not tokens[at + 1].row_start and not _NUMBERED.match(text) \
                and len(text) <= MAX_NAME and not re.search(r"[。；;，,]", text):
            groups += 1
            group = re.sub(r"指标$", "", _GROUP.match(text).group(1) if _GROUP.match(text) else text).strip() or text
            current = None  # 类别 column: the category opens the first row of its group
        elif (m := _NUMBERED.match(text)) and not is_value(text):
            numbered = True
            current = _Row(m.group(1) or m.group(2) or str("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(m.group(3)) + 1),
                           m.group(4).strip(), group and f"{groups}:{group}", at)
            rows.append(current)
        elif _SUB.match(text) and current is not None:
            current.parts.append(("sub", _SUB.match(text).group(1).strip()))
        elif pending_number is not None and len(text) <= MAX_NAME:
            numbered = True
            current = _Row(pending_number, text, group and f"{groups}:{group}", at)
            rows.append(current)
            pending_number = None
        elif current is not None and not current.parts and token.unit == tokens[current.start].unit:
            current.name += f" {text}"  # a name with a space in it, cut at the space by the tokens
        elif current is not None and _accepts_sub(current, text, n, numbered):
            current.parts.append(("sub", text))
        elif not numbered and complete(current) and len(text) <= MAX_NAME and not re.search(r"[。；;，,]", text):
            current = _Row(str(len(rows) + 1), text, group and f"{groups}:{group}", at)
            rows.append(current)
        else:
            break
        if current is not None:
            current.end = at + 1
        at += 1
    return rows, (rows[-1].end if rows else at)


def _names_row(tokens: list[Token], at: int) -> bool:
    """Does the token at ``at`` name an indicator (so that a bare number before it is the row's number)?"""
    if at >= len(tokens):
        return False
    text = tokens[at].text
    return not (is_value(text) or is_placeholder(text) or attribute(text) or _is_unit(text))


def _worded(text: str) -> bool:
    """持续提升, 全覆盖: a target in words, not the name of the next indicator (巩固率, 达标率)."""
    flat = _flat(text)
    return len(flat) <= MAX_WORDED and bool(_WORDED.search(flat)) and not _SUB.match(flat) \
        and not re.search(r"(率|比例|比|数|年限|占比|面积|指数|水平|人数|规模|经费|时间|时长)$", flat)


def _accepts_sub(row: _Row, text: str, columns: int, numbered: bool) -> bool:
    if len(text) > MAX_SUB_NAME or re.search(r"[，。；,;]", text):
        return False
    values, subs = row.values(), row.subs()
    if values == 0:
        return True
    return subs > 0 and values % columns == 0 and (numbered or not row.attributed())


def _name_and_unit(name: str) -> tuple[str, str | None]:
    m = _UNIT_IN_NAME.search(name)
    if m and _is_unit(m.group(1)):
        return name[: m.start()].strip(), _flat(m.group(1)).replace("％", "%")
    return name, None


def _year_values(values: list[str], years: tuple[int, ...]) -> dict:
    out: dict = {}
    if values[0]:
        out["base"] = {"year": years[0], "value": values[0]}
    targets = [{"year": y, "value": v} for y, v in zip(years[1:], values[1:]) if v]
    if targets:
        out["targets"] = targets
    return out


def _items(row: _Row, index: int, years: tuple[int, ...], has_attribute: bool, title: str, prefix: str,
           tokens: list[Token]) -> list[Item]:
    n = len(years)
    quote = " ".join(t.text for t in tokens[row.start:row.end])
    name, unit = _name_and_unit(row.name)
    group_number, group = (row.group.split(":", 1) if row.group else (None, None))
    number = row.number if row.number.isdigit() else str(index + 1)
    base_id = f"{prefix}{'-g' + group_number if group_number else ''}-{int(number):02d}"

    # Segments: the parent's own parts, then one per sub-item: (name, values, attributes, unit).
    segments: list[tuple[str | None, list[str], list[str], list[str]]] = [(None, [], [], [])]
    for kind, text in row.parts:
        if kind == "sub":
            segments.append((text, [], [], []))
        else:
            segments[-1][{"value": 1, "attr": 2, "unit": 3}[kind]].append(text)
    parent_values, parent_attrs, parent_units = segments[0][1], segments[0][2], segments[0][3]
    unit = unit or (parent_units[0] if parent_units else None)
    all_values = [text for kind, text in row.parts if kind == "value"]
    if unit is None and all_values and all(v.rstrip().endswith(("%", "％")) for v in all_values if v):
        unit = "%"
    subs = segments[1:]
    attrs = [a for _, _, seg_attrs, _ in segments for a in seg_attrs]
    common_attr = attrs[0] if attrs and len(set(attrs)) == 1 else None

    def item(item_id: str, item_name: str, item_unit: str | None, values: list[str] | None, item_attr: str | None,
             parent: str | None, review: str | None = None, item_number: str | None = None) -> Item:
        fields: dict = {"id": item_id}
        if item_number:
            fields["number"] = item_number
        fields["name"] = item_name
        if item_unit:
            fields["unit"] = item_unit
        if group:
            fields["group"] = group
        if item_attr:
            fields["attribute"] = item_attr
        if values:
            fields.update(_year_values(values, years))
        fields["table"] = title
        if parent:
            fields["parent"] = parent
        fields["quote"] = quote
        return Item(fields, review)

    missing_attr = "表中有“属性”一列，这一行没有读到约束性或预期性" if has_attribute and not attrs else None
    worded = [v for v in all_values if v and not is_value(v)]
    if worded and not missing_attr:
        missing_attr = "数值写成文字或比值（" + "、".join(f"“{v}”" for v in worded) + "），不能按数值研判：改写成数值（如生师比 13:1 写 13），或改作可以核对的目标（goals.yaml）"
    if not subs:
        review = None if len(parent_values) == n else f"读到 {len(parent_values)} 个数值，表头有 {n} 个年份（{_years(years)}），无法对应"
        return [item(base_id, name, unit, parent_values if not review else None, common_attr, None,
                     review or missing_attr, number)]

    k = len(subs)
    sub_values: list[list[str]]
    own: list[str] | None = None
    review = None
    if all(len(values) == n for _, values, _, _ in subs) and len(parent_values) in (0, n):
        sub_values = [values for _, values, _, _ in subs]  # row by row
        own = parent_values or None
    elif all(not values for _, values, _, _ in subs[:-1]) and not parent_values and len(subs[-1][1]) in (n * k, n * (k + 1)):
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
    items = [item(base_id, name, unit, own, common_attr or (parent_attrs[0] if parent_attrs else None), None,
                  review or missing_attr, number)]
    for s, (sub_name, _, sub_attrs, sub_units) in enumerate(subs):
        bare, sub_unit = _name_and_unit(sub_name)
        item_attr = sub_attrs[0] if sub_attrs else common_attr or (parent_attrs[0] if parent_attrs else None)
        items.append(item(f"{base_id}-{s + 1}", bare, sub_unit or (sub_units[0] if sub_units else unit),
                          sub_values[s] or None, item_attr, base_id, review and "上级指标的数值无法对应"))
    return items


def _years(years: tuple[int, ...]) -> str:
    return "、".join(map(str, years))
