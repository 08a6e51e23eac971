"""One plan's year, as a bulletin reports it: counts, the indicators that need attention, the
indicator groups, 专栏, responsible units, regions and notes — numbers and judgements, no markup.

Built once per plan and year (:func:`year_reports`); the web bulletin, the PDF bulletin and the
home and plan overviews all lay out the same report, so they cannot drift apart. Every list of
indicators puts the lagging ones first, the furthest behind at the top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.judge.records import JudgedPlan, Standing
from generator.model.figures import NOT_REPORTED, TASK_STATUSES, WHOLE_AREA
from generator.model.plan import Plan
from generator.model.status import LAGGING, Status
from generator.render.labels import overview_sentence
from generator.render.wording import MISSING

NO_UNIT = "（未写明责任单位）"


ITEM_STATUSES = (*TASK_STATUSES, NOT_REPORTED)
IndicatorLine = Standing  # a line of a bulletin's table is the indicator's standing that year

@dataclass(frozen=True)
class ItemLine:
    """A 专栏 milestone or a task of the breakdown, as reported for the year."""

    number: str
    text: str
    when: str  # the milestone's year or the task's deadline, as written
    status: str
    report: str
    spent: float | None = None


@dataclass(frozen=True)
class ColumnReport:
    number: int
    title: str
    indicators: tuple[IndicatorLine, ...]
    counts: tuple[tuple[str, int], ...]
    milestones: tuple[ItemLine, ...]
    milestone_counts: tuple[tuple[str, int], ...]

    @property
    def heading(self) -> str:
        return f"专栏 {self.number}：{self.title}"


@dataclass(frozen=True)
class UnitReport:
    name: str
    tasks: tuple[ItemLine, ...]
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class RegionReport:
    name: str
    count: int
    behind: int
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Note:
    title: str
    lines: tuple[str, ...]


# The bulletin's sections (key, heading), in order; a section with nothing to report is left out.
SECTIONS = (("overview", "总体情况"), ("attention", "需要关注的指标"), ("indicators", "主要指标监测情况"),
            ("regions", "各县（市、区）情况"), ("columns", "专栏实施情况"), ("tasks", "任务落实情况"), ("notes", "数据说明"))


def bulletin_title(plan: Plan, year: int) -> str:
    return f"{plan.info.title} {year} 年度监测公报"


@dataclass(frozen=True)
class YearReport:
    plan: Plan
    year: int
    sample: bool
    overview: str  # 77 项指标中，52 项达到或快于序时进度……
    counts: tuple[tuple[str, int], ...]
    by_attribute: tuple[tuple[str, tuple[tuple[str, int], ...]], ...]
    attention: tuple[IndicatorLine, ...]  # every lagging indicator, furthest behind first
    groups: tuple[tuple[str, tuple[IndicatorLine, ...]], ...]
    regions: tuple[RegionReport, ...]
    columns: tuple[ColumnReport, ...]
    units: tuple[UnitReport, ...]
    task_counts: tuple[tuple[str, int], ...]
    notes: tuple[Note, ...]

    @property
    def title(self) -> str:
        return bulletin_title(self.plan, self.year)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    @property
    def has_binding(self) -> bool:
        return any(line.indicator.attribute == "约束性" for _, lines in self.groups for line in lines)

    @property
    def show_attribute(self) -> bool:
        return any(line.indicator.attribute for _, lines in self.groups for line in lines)

    @property
    def alerts(self) -> tuple[IndicatorLine, ...]:
        """预警: the 约束性 indicators among those needing attention."""
        return tuple(line for line in self.attention if line.indicator.attribute == "约束性")

    @property
    def sections(self) -> list[tuple[str, str]]:
        """(key, heading) of each section this year's bulletin has."""
        present = {"attention": bool(self.attention), "indicators": bool(self.groups), "regions": bool(self.regions),
                   "columns": bool(self.columns), "tasks": bool(self.units)}
        return [(key, heading) for key, heading in SECTIONS if present.get(key, True)]


def group_label(table: str | None) -> str:
    if not table:
        return "其他指标"
    if table.startswith("专栏"):
        return "专栏中的目标"
    label = {"正文": "规划正文中的目标", "任务分解表": "任务分解表中的目标"}.get(table, table)
    if re.fullmatch(r"表\s*\d+", label):  # a numbered table of the plan, not one of the bulletin's own
        label = f"规划文件{label}所列指标"
    return label


def lagging_key(standing: Standing | None) -> tuple:
    """按落后程度排列: the measure that set each light (see Standing.behind_key); no standing last."""
    return standing.behind_key() if standing is not None else (2,)


def lagging_first(lines: list[Standing]) -> tuple[Standing, ...]:
    """A bulletin's order: lagging 约束性 indicators first, as its introduction promises, then the other
    lagging ones, each by how far behind; the rest in plan order."""
    return tuple(sorted(lines, key=Standing.binding_first_key))


def _count(statuses, order=tuple(Status)) -> tuple[tuple[str, int], ...]:
    return tuple((s, n) for s in order if (n := list(statuses).count(s)))


def _notes(results: JudgedPlan, year: int, lines: list[Standing]) -> tuple[Note, ...]:
    changed = [f"{line.name}：{line.judgement.value.text if line.judgement.value else ''} 统计口径变化，与基期不可比，不计算完成度。"
               for line in lines if line.judgement.definition_changed]
    missing = [f"{line.name}：{year} 年{MISSING}，不作推算。" for line in lines if line.status == Status.MISSING]
    figures = [f for (_, region), s in results.series.items() if region == WHOLE_AREA for f in s.figures if f.year == year]
    names = {line.indicator.id: line.name for line in lines}
    remarks = [f"{names[f.indicator_id]}：{f.note}" for f in figures if f.note and f.indicator_id in names]
    sources = list(dict.fromkeys(f.source for f in figures if f.source))
    notes = []
    if results.sample:
        notes.append(Note("示例数据", ("本公报中的年度数值和进展情况是为演示生成的示例数据，不是官方统计数据，不得引用。",)))
    notes.append(Note("口径变化", tuple(changed) or ("本年度没有统计口径发生变化的指标。",)))
    notes.append(Note(MISSING, tuple(missing) or ("本年度各项指标数据均已报送。",)))
    if remarks:
        notes.append(Note("数值说明", tuple(remarks)))
    if sources:
        notes.append(Note("数据来源", tuple(sources)))
    return tuple(notes)


def year_report(results: JudgedPlan, year: int) -> YearReport:
    plan = results.plan
    record = results.year(year)
    lines = list(record.standings)
    groups: dict[str, list[Standing]] = {}
    for line in lines:
        groups.setdefault(group_label(line.indicator.table), []).append(line)

    columns = []
    for column in plan.columns:
        column_lines = [line for line in lines if line.indicator.column == column.number]
        milestones = tuple(ItemLine("", m.text, m.year.text, state.status, state.text)
                           for c, m, state in results.milestones.get(year, ()) if c.number == column.number)
        if column_lines or milestones:
            columns.append(ColumnReport(
                column.number, column.title, lagging_first(column_lines), record.by_column.get(column.number, ()),
                milestones, _count([m.status for m in milestones], ITEM_STATUSES)))

    units: dict[str, list[ItemLine]] = {}
    for task, state in results.tasks.get(year, ()):
        for unit in task.lead_units or [NO_UNIT]:
            units.setdefault(plan.canonical_unit(unit), []).append(ItemLine(
                task.number or "", task.work, task.deadline.text if task.deadline else "", state.status, state.text,
                state.spent))
    unit_reports = tuple(UnitReport(name, tuple(tasks), _count([t.status for t in tasks], ITEM_STATUSES))
                         for name, tasks in sorted(units.items()))
    regions = sorted((RegionReport(region, sum(n for _, n in counts), sum(n for s, n in counts if s in LAGGING),
                                 tuple(counts))
                     for region, counts in record.by_region.items()),
                     key=lambda r: -r.behind)  # regions with lagging indicators first
    return YearReport(
        plan=plan, year=year, sample=results.sample,
        overview=overview_sentence(lines),
        counts=record.counts,
        by_attribute=record.by_attribute,
        attention=tuple(line for line in lagging_first(lines) if line.lagging),
        groups=tuple((label, lagging_first(group)) for label, group in groups.items()),
        regions=tuple(regions),
        columns=tuple(columns),
        units=unit_reports,
        task_counts=record.task_counts,
        notes=_notes(results, year, lines),
    )


def year_reports(all_results: list[JudgedPlan]) -> dict[tuple[str, int], YearReport]:
    """Every plan's report for every year with data: (plan id, year) → report."""
    return {(results.plan.id, year): year_report(results, year) for results in all_results for year in results.years}
