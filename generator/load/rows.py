"""Rules for the yearly data tables: their folders, their headers, and every cell of every row.

Each cell is read by a small function that raises :class:`CellError` when the cell breaks a rule;
:class:`RowReader` turns that into a :class:`Problem` located at file, sheet, row and column, so
one row reports all its bad cells at once.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.model.characters import forbidden
from generator.model.problems import Problem, shorten
from generator.load.tables import (COUNT, DOCUMENT, FIGURES, GOALS, KINDS, SPENT, TASKS, Cell, Row, Table, TableKind,
                                    column_name, number_text)
from generator.model.figures import GOAL_STATES, TASK_STATUSES, WHOLE_AREA, Figure, GoalReport, ProgressReport, Where
from generator.model.names import name_key
from generator.model.plan import Indicator, Period, Plan
from generator.model.written_value import WrittenValue, WrittenValueError, parse_written_value

SAMPLE_MARK = "示例数据"  # in 来源: the row is sample data, not official statistics
YES = ("是", "√", "✓", "✔", "y", "yes")
NO = ("否", "×", "✗", "n", "no")
# Units that count things (or money, or time): a negative figure in them is a typing error.
COUNT_UNITS = ("所", "个", "人", "名", "家", "项", "次", "人次", "万人", "万人次", "间", "支", "座", "篇", "位", "处",
               "条", "台", "套", "册", "门", "对", "节", "课时", "学时", "小时", "年", "倍", "元", "万元", "亿元")
HEADER_ALIASES = {"实际支出": SPENT}  # folded header → column
# No education statistic comes near this; a larger figure is a typing error (and beyond it sums overflow).
LARGEST_VALUE = 1e15


class CellError(ValueError):
    """A cell that breaks a rule; :class:`RowReader` adds where it is."""

    def __init__(self, code: str, message: str, found: str = "", expected: str = ""):
        super().__init__(message)
        self.code, self.message, self.found, self.expected = code, message, found, expected


def _folded(text: str) -> str:
    """Full-width letters, digits and signs as ASCII (NFKC), outer spaces gone."""
    return unicodedata.normalize("NFKC", text).strip()


def cell_text(cell: Cell) -> str:
    """A cell as the text a person sees: 2022.0 → "2022", a date → "2022-01-01", blank → ""."""
    if cell is None:
        return ""
    if isinstance(cell, float):
        return number_text(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    return str(cell)


def unit_of(plan: Plan, indicator: Indicator) -> str | None:
    """A sub-item without its own unit counts in its parent's (其中：小学 → %)."""
    if indicator.unit or indicator.parent is None:
        return indicator.unit
    parent = next((i for i in plan.indicators if i.id == indicator.parent), None)
    return parent.unit if parent else None


def _is_count(unit: str | None) -> bool:
    return bool(unit) and re.split(r"[/／]", _folded(unit))[0] in COUNT_UNITS


# Folders and files ----------------------------------------------------------------------------

def unknown_plan_folder(folder: Path, plan_ids: Iterable[str], shown: str) -> Problem:
    ids = sorted(plan_ids)
    close = difflib.get_close_matches(folder.name, ids, n=1)
    return Problem("unknown-plan-folder", "data/ 下的文件夹名不是任何规划的编号，其中的数据对应不到规划", shown,
                   found=folder.name, expected=f"是否应为“{close[0]}”？" if close else f"规划编号之一：{'、'.join(ids) or '（无）'}")


def stray_entry(path: Path, shown: str, in_plan_folder: bool) -> Problem:
    """Anything in data/ that is not a data file where one is expected."""
    if not in_plan_folder:
        return Problem("stray-file", "数据文件应放在 data/<规划编号>/ 文件夹中", shown, found=path.name,
                       expected="例如 data/nantong-2021-2025/2022年数据.xlsx")
    if path.is_dir():
        return Problem("unsupported-file", "数据文件夹中不能再有子文件夹（子文件夹里的文件不会被读取）", shown,
                       found=path.name, expected="把数据文件直接放在规划的数据文件夹中，不用的移出 data/")
    old_excel = path.suffix.lower() in (".xls", ".xlsm", ".et", ".ods")
    return Problem("unsupported-file", "只能读取 Excel 工作簿（.xlsx）和 CSV 文件", shown, found=path.name,
                   expected="用 Excel 打开后“另存为”Excel 工作簿（.xlsx）" if old_excel else "把不是数据的文件移出 data/ 文件夹")


# Headers --------------------------------------------------------------------------------------

def canonical_column(header: str) -> str:
    """A header as the column it names ("实际支出(万元)" → "实际支出（万元）"); unknown headers as written."""
    folded = _folded(header)
    known = {_folded(c): c for kind in KINDS for c in kind.columns}
    return HEADER_ALIASES.get(folded) or known.get(folded, header)


def columns_of(table: Table, kind: TableKind) -> dict[str, int]:
    """Known column name → its position (the first, if a column is repeated)."""
    columns: dict[str, int] = {}
    for index, header in enumerate(table.header):
        if header is not None and canonical_column(header) in kind.columns:
            columns.setdefault(canonical_column(header), index)
    return columns


def table_kind(table: Table) -> TableKind | None:
    """The kind whose id column the header has; failing that, the kind whose own columns it uses."""
    names = {canonical_column(h) for h in table.header if h is not None}
    by_id = [kind for kind in KINDS if kind.id_column in names]
    if by_id:
        return by_id[0] if len(by_id) == 1 else None
    shared = {c for kind in KINDS for c in kind.columns if sum(c in k.columns for k in KINDS) > 1}
    scores = {kind: len(names & (set(kind.columns) - shared)) for kind in KINDS}
    best = max(scores.values())
    winners = [kind for kind, score in scores.items() if score == best]
    return winners[0] if best and len(winners) == 1 else None


def unrecognised_table(table: Table) -> Problem:
    headers = "、".join(h for h in table.header if h) or "（空）"
    separator = next((name for mark, name in ((";", "分号"), ("\t", "制表符")) if table.sheet is None and mark in headers), None)
    hint = f"CSV 各列应以逗号分隔（这个文件用的是{separator}）；" if separator else ""
    return Problem("unknown-table", "认不出这是哪种数据表：表头应有且只有一个编号列", table.file, sheet=table.sheet, row=1,
                   found=shorten(headers), expected=f"{hint}指标编号（指标数据）、事项编号（专栏事项进展）或 任务编号（任务进展）")


def header_problems(table: Table, kind: TableKind) -> Iterator[Problem]:
    """Unknown, repeated, unnamed and missing columns: a column is never silently dropped."""
    seen: set[str] = set()
    suggested: set[str] = set()
    for index, header in enumerate(table.header):
        if header is None:
            if any(row.cell(index) is not None for row in table.rows):
                yield Problem("unnamed-column", "这一列有内容，但没有列名", table.file, column_name(table, index),
                              sheet=table.sheet, row=1, expected=f"{kind.title}可用的列：{'、'.join(kind.columns)}")
            continue
        name = canonical_column(header)
        if name not in kind.columns:
            close = difflib.get_close_matches(re.sub(r"\s+", "", _folded(header)), kind.columns, n=1, cutoff=0.5)
            suggested.update(close)
            hint = f"是否应为“{close[0]}”？" if close else ""
            yield Problem("unknown-column", f"{kind.title}中没有这一列", table.file, header, sheet=table.sheet, row=1,
                          found=header, expected=f"{hint}可用的列：{'、'.join(kind.columns)}")
        elif name in seen:
            yield Problem("duplicate-column", "这一列出现了两次", table.file, header, sheet=table.sheet, row=1,
                          found=header, expected="每列只出现一次")
        seen.add(name)
    for name in kind.required:
        if name not in seen and name not in suggested:  # a misspelt header is reported once, above
            yield Problem("missing-column", f"{kind.title}缺少“{name}”列", table.file, name, sheet=table.sheet, row=1,
                          expected=f"表头（第 1 行）中有“{name}”")


def control_characters(table: Table) -> Iterator[Problem]:
    """Cells holding invisible characters (a NUL byte, a bidi override, a zero-width space, U+FFFF …):
    never shown, never silently kept (see generator/model/characters.py)."""
    header = Row(1, table.header)
    for row in (header, *table.rows):
        for index, cell in enumerate(row.cells):
            if isinstance(cell, str) and (bad := forbidden(cell)):
                name = table.header[index] if index < len(table.header) and row is not header else None
                yield Problem("control-character", f"单元格中有看不见的{bad[1]}", table.file,
                              name or column_name(table, index), sheet=table.sheet, row=row.number,
                              found=bad[0], expected="删除这个字符（多半是从别的系统导出或复制时带入的）")


# Cells ----------------------------------------------------------------------------------------

def required(cell: Cell) -> Cell:
    if cell is None:
        raise CellError("missing-value", "这一格不能为空", expected="每一行都要填写")
    return cell


@dataclass(frozen=True)
class KnownIds:
    """The ids a column may hold, with names to suggest from."""

    code: str  # "unknown-indicator" …
    what: str  # "指标" …
    names: dict[str, str]  # id → name


def read_id(cell: Cell, known: KnownIds, plan: Plan) -> str:
    text = _folded(cell_text(required(cell)))
    if text in known.names:
        return text
    by_name = [i for i, name in known.names.items() if _folded(name) == text]
    close = by_name or difflib.get_close_matches(text.lower(), known.names, n=1, cutoff=0.6)
    if close:
        expected = f"是否应为“{close[0]}”（{known.names[close[0]]}）？"
    else:
        expected = f"本规划的{known.what}编号，如 {'、'.join(list(known.names)[:5]) or '（本规划没有）'}"
    raise CellError(known.code, f"规划 {plan.id} 中没有这个{known.what}编号",
                    found=shorten(text), expected=expected)


def read_year(cell: Cell, period: Period) -> int:
    cell = required(cell)
    if isinstance(cell, (dt.date, dt.datetime)):
        raise CellError("year-is-date", f"年份被写成了日期（{cell_text(cell)}）", found=cell_text(cell),
                        expected="四位数字的年份，如 2022（单元格格式设为“常规”或“文本”）")
    if isinstance(cell, int) and not isinstance(cell, bool):
        year = cell
    elif isinstance(cell, float) and cell.is_integer():
        year = int(cell)
    elif isinstance(cell, str) and (match := re.fullmatch(r"(\d{4})\s*年?", _folded(cell))):
        year = int(match.group(1))
    else:
        raise CellError("bad-year", "年份应是四位数字的整数", found=shorten(cell_text(cell)), expected="如 2022")
    if year not in period.years():
        raise CellError("year-outside", "年份不在规划期内", found=str(year), expected=f"{period.start}–{period.end} 之间的年份")
    return year


def read_region(cell: Cell, regions: list[str]) -> str:
    if cell is None:
        return WHOLE_AREA
    text = cell_text(cell).strip()
    names = {name_key(r): r for r in regions}
    if name_key(text) in names:
        return names[name_key(text)]
    expected = f"{'、'.join(regions)}，或留空（表示规划全域）" if regions else "留空（本规划没有列出县（市、区））"
    raise CellError("unknown-region", "规划中没有这个地区", found=shorten(text), expected=expected)


def _negative(text: str) -> WrittenValue:
    """"-3" or "−0.5": parse_written_value reads magnitudes only; the sign is put back here."""
    magnitude = parse_written_value(re.sub(r"^[-−]\s*", "", _folded(text)))
    if magnitude.comparator != "=":
        raise WrittenValueError(f"无法读懂“{text}”：负数不能再加比较词或写成区间")
    return magnitude.model_copy(update={"text": text, "number": -magnitude.number})


def read_value(cell: Cell, unit: str | None) -> WrittenValue | None:
    """The figure as written; blank is 数据暂缺. Percentages stay within 0–100, counts are not negative."""
    if cell is None:
        return None
    text = cell_text(cell)
    try:
        value = _negative(text) if re.match(r"[-−]\s*\d", _folded(text)) else parse_written_value(text)
    except WrittenValueError as error:
        message = str(error) if len(text) <= 60 else f"无法读懂这一格：内容有 {len(text)} 个字符，不是一个数值"
        raise CellError("unreadable-value", message, found=shorten(text),
                        expected="照实填写数字，如 99.2、99.2%、>99；数据暂缺时留空") from None
    percent = value.percent or _folded(unit or "") == "%"
    if percent and max(value.number, value.upper or 0) > 100:
        raise CellError("percent-over-100", "百分比超过了 100", found=shorten(text), expected="0–100 之间的数")
    if not max(abs(value.number), abs(value.upper or 0)) < LARGEST_VALUE:  # also infinity: 400 digits of 9
        raise CellError("value-too-large", "数值大得不合常理（超过 15 位数），多半是输入错误", found=shorten(text),
                        expected="照实填写的统计数值")
    if value.number < 0 and (percent or _is_count(unit)):
        what = "百分比" if percent else f"以“{unit}”计的数"
        raise CellError("negative-value", f"{what}不能是负数", found=shorten(text), expected="0 或正数")
    return value


def read_flag(cell: Cell) -> bool:
    """口径变化: blank or 否 is no; 是 (√, Y) is yes."""
    if cell is None or isinstance(cell, bool):
        return bool(cell)
    text = _folded(cell_text(cell)).lower()
    if text in YES or text in NO:
        return text in YES
    raise CellError("bad-flag", "口径变化只能填“是”或“否”", found=shorten(cell_text(cell)), expected="是、否，或留空（表示口径没有变化）")


def read_status(cell: Cell) -> str:
    if cell is None:
        raise CellError("missing-status", "填写了进展情况或实际支出，但没有选择状态", expected="、".join(TASK_STATUSES))
    text = _folded(cell_text(cell))
    if text in TASK_STATUSES:
        return text
    close = difflib.get_close_matches(text, TASK_STATUSES, n=1, cutoff=0.5)
    hint = f"是否应为“{close[0]}”？" if close else ""
    raise CellError("bad-status", "状态只能从四个词中选一个", found=shorten(text), expected=f"{hint}{'、'.join(TASK_STATUSES)}")


# Words staff use for a target's state, taken from the task vocabulary or from habit: suggested, not guessed.
GOAL_STATE_HINTS = {"已完成": "已实现", "完成": "已实现", "达成": "已实现", "是": "已实现", "进行中": "推进中",
                    "正在推进": "推进中", "未完成": "未实现", "未启动": "未实现", "否": "未实现", "滞后": "未实现"}


def read_goal_state(cell: Cell) -> str | None:
    """已实现 / 推进中 / 未实现; blank is 数据暂缺."""
    if cell is None:
        return None
    text = _folded(cell_text(cell))
    if text in GOAL_STATES:
        return text
    close = [GOAL_STATE_HINTS[text]] if text in GOAL_STATE_HINTS else difflib.get_close_matches(text, GOAL_STATES, n=1, cutoff=0.5)
    hint = f"是否应为“{close[0]}”？" if close else ""
    raise CellError("bad-goal-state", "目标的状态只能从三个词中选一个", found=shorten(text),
                    expected=f"{hint}{'、'.join(GOAL_STATES)}，或留空（数据暂缺）")


def _amount(cell: Cell, unit_words: str) -> float:
    """A number typed with or without thousands separators and a trailing unit; NaN when it is not one."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell)
    try:
        return float(re.sub(rf"[,，\s]|(?:{unit_words})$", "", _folded(cell_text(cell))))
    except ValueError:
        return math.nan


def read_count(cell: Cell) -> float | None:
    """数量 as proof of a target (schools built, regions covered): a number, not negative; blank when none."""
    if cell is None:
        return None
    amount = _amount(cell, "所|个|项|家|人|次|座|间|条")
    if not math.isfinite(amount) or not abs(amount) < LARGEST_VALUE:
        raise CellError("unreadable-count", "数量应填数字", found=shorten(cell_text(cell)), expected="如 6 或 12；没有时留空")
    if amount < 0:
        raise CellError("negative-count", "数量不能是负数", found=cell_text(cell), expected="0 或正数")
    return amount


def read_spending(cell: Cell) -> float | None:
    """实际支出（万元）: a number, not negative; blank when nothing was spent or it is not known."""
    if cell is None:
        return None
    amount = _amount(cell, "万元")
    if not math.isfinite(amount):
        raise CellError("unreadable-spending", "实际支出应填数字（单位：万元）", found=shorten(cell_text(cell)),
                        expected="如 120 或 35.5；没有或不详时留空")
    if amount < 0:
        raise CellError("negative-spending", "实际支出不能是负数", found=cell_text(cell), expected="0 或正数（万元）")
    return amount


# Rows -----------------------------------------------------------------------------------------

class RowReader:
    """The cells of one row by column name; a cell that breaks a rule becomes a located problem."""

    def __init__(self, table: Table, row: Row, columns: dict[str, int]):
        self.table, self.row, self.columns = table, row, columns
        self.problems: list[Problem] = []

    def cell(self, column: str) -> Cell:
        index = self.columns.get(column)
        return None if index is None else self.row.cell(index)

    def text(self, column: str) -> str:
        return cell_text(self.cell(column))

    def read(self, column: str, reader: Callable[..., object], *args) -> object:
        try:
            return reader(self.cell(column), *args)
        except CellError as error:
            self.problems.append(self.located(error, column))
            return None

    def located(self, error: CellError, column: str) -> Problem:
        message = f"“{column}”{error.message}" if error.code == "missing-value" else error.message
        index = self.columns.get(column)
        merged = self.row.merged_range(index) if index is not None else None
        if merged and self.cell(column) is None:
            message += f"（这一格在合并单元格 {merged} 中，合并后只有第一格有内容：请取消合并，每行都填写）"
        return Problem(error.code, message, self.table.file, column, sheet=self.table.sheet, row=self.row.number,
                       found=error.found, expected=error.expected)


def figures_of(table: Table, plan: Plan) -> tuple[list[Figure], list[Problem]]:
    """Each row of a figures table: one indicator's value in one year and region (blank value: 数据暂缺)."""
    columns = columns_of(table, FIGURES)
    known = KnownIds("unknown-indicator", "指标", {i.id: plan.full_name(i) for i in plan.indicators})
    figures: list[Figure] = []
    problems: list[Problem] = []
    for row in table.rows:
        cells = RowReader(table, row, columns)
        indicator_id = cells.read("指标编号", read_id, known, plan)
        year = cells.read("年份", read_year, plan.info.period)
        region = cells.read("地区", read_region, plan.info.regions)
        unit = unit_of(plan, plan.indicator(indicator_id)) if indicator_id else None
        value = cells.read("数值", read_value, unit)
        changed = cells.read("口径变化", read_flag)
        if cells.problems:
            problems += cells.problems
            continue
        source = cells.text("来源")
        figures.append(Figure(plan.id, indicator_id, year, region, value, note=cells.text("说明"), source=source,
                              definition_changed=changed, sample=table.sample or SAMPLE_MARK in source,
                              where=table.where(row)))
    return figures, problems


def _report_ids(plan: Plan, kind: TableKind) -> KnownIds:
    if kind is TASKS:
        return KnownIds("unknown-task", "任务", {t.id: _cut(t.name or t.project or t.work) for t in plan.tasks})
    return KnownIds("unknown-milestone", "专栏事项", {m.id: _cut(m.text) for c in plan.columns for m in c.milestones})


def _cut(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def reports_of(table: Table, plan: Plan, kind: TableKind) -> tuple[list[ProgressReport], list[Problem]]:
    """Each row of a milestones or tasks table. A row with no status, progress or spending is not reported: skipped."""
    columns = columns_of(table, kind)
    known = _report_ids(plan, kind)
    reports: list[ProgressReport] = []
    problems: list[Problem] = []
    for row in table.rows:
        cells = RowReader(table, row, columns)
        if all(cells.cell(c) is None for c in ("状态", "进展情况", SPENT)):
            continue
        item_id = cells.read(kind.id_column, read_id, known, plan)
        year = cells.read("年份", read_year, plan.info.period)
        status = cells.read("状态", read_status)
        spent = cells.read(SPENT, read_spending) if kind is TASKS else None
        if cells.problems:
            problems += cells.problems
            continue
        reports.append(ProgressReport(plan.id, kind.kind, item_id, year, status, text=cells.text("进展情况"),
                                      spent=spent, sample=table.sample, where=table.where(row)))
    return reports, problems


def goal_reports_of(table: Table, plan: Plan) -> tuple[list[GoalReport], list[Problem]]:
    """Each row of a goals table. A row with nothing reported (state, evidence, proof all blank) is skipped;
    evidence or proof without a state is a problem: the state says whether the target was reached."""
    columns = columns_of(table, GOALS)
    known = KnownIds("unknown-goal", "目标", {g.id: _cut(g.name) for g in plan.goals})
    reports: list[GoalReport] = []
    problems: list[Problem] = []
    for row in table.rows:
        cells = RowReader(table, row, columns)
        if all(cells.cell(c) is None for c in ("状态", "进展情况", DOCUMENT, COUNT)):
            continue
        goal_id = cells.read("目标编号", read_id, known, plan)
        year = cells.read("年份", read_year, plan.info.period)
        state = cells.read("状态", read_goal_state)
        count = cells.read(COUNT, read_count)
        if state is None and not cells.problems:
            cells.problems.append(cells.located(CellError(
                "missing-goal-state", "填写了进展情况或佐证，但没有选择状态", expected="、".join(GOAL_STATES)), "状态"))
        if cells.problems:
            problems += cells.problems
            continue
        reports.append(GoalReport(plan.id, goal_id, year, state, text=cells.text("进展情况"), document=cells.text(DOCUMENT),
                                  count=count, sample=table.sample, where=table.where(row)))
    return reports, problems


def _place(where: Where) -> str:
    sheet = f"工作表“{where.sheet}”" if where.sheet else ""
    return f"{where.file} {sheet}第 {where.row} 行"


def duplicate_rows(items: Iterable[Figure | ProgressReport | GoalReport]) -> Iterator[Problem]:
    """The same indicator, year and region (or item and year) filled twice, in one file or across files."""
    first: dict[tuple, Where] = {}
    for item in items:
        if isinstance(item, Figure):
            key = ("figure", item.indicator_id, item.year, item.region)
            column, what = FIGURES.id_column, f"指标“{item.indicator_id}”{item.year} 年{item.region or '全域'}的数值"
            expected = "每个指标、年份、地区只填一行：删去其中一行"
        elif isinstance(item, GoalReport):
            key = ("goal", item.goal_id, item.year)
            column, what, expected = GOALS.id_column, f"目标“{item.goal_id}”{item.year} 年的进展", "每个目标每年只填一行：删去其中一行"
        else:
            key = (item.kind, item.item_id, item.year)
            column = next(k.id_column for k in KINDS if k.kind == item.kind)
            what, expected = f"“{item.item_id}”{item.year} 年的进展", "每项每年只填一行：删去其中一行"
        if key not in first:
            first[key] = item.where
            continue
        yield Problem("duplicate-row", f"{what}填了两次", item.where.file, column, sheet=item.where.sheet,
                      row=item.where.row, found=f"{_place(first[key])}已经填过", expected=expected)
