"""Typed models of a plan: what ``content/<plan>/*.yaml`` may hold.

Field names are the English words of :mod:`generator.glossary`; unknown fields are errors
so that a typo in a YAML key is reported instead of being silently ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from generator.model.names import ALL_PLANS, id_problem, name_key  # noqa: F401 (ALL_PLANS: downloads/all.csv …)
from generator.model.schedule import Deadline, MilestoneYears, parse_deadline, parse_milestone_years
from generator.model.written_value import WrittenValue, parse_written_value



class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _written(value: object) -> WrittenValue:
    if isinstance(value, WrittenValue):
        return value
    return parse_written_value(value)


def _stable_id(value: object) -> str:
    if reason := id_problem(value):
        raise ValueError(reason)
    return value


def _plan_id(value: object) -> str:
    if reason := id_problem(value, plan=True):
        raise ValueError(reason)
    return value


def _text_list(value: object) -> object:
    # A single unit written without brackets is still a list of one.
    return [value] if isinstance(value, str) else value


Written = Annotated[WrittenValue, BeforeValidator(_written)]
StableId = Annotated[str, BeforeValidator(_stable_id)]
PlanId = Annotated[str, BeforeValidator(_plan_id)]
Quote = Annotated[list[str], BeforeValidator(_text_list)]
Units = Annotated[list[str], BeforeValidator(_text_list)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Period(Strict):
    start: int
    end: int

    def years(self) -> range:
        return range(self.start, self.end + 1)


class PlanInfo(Strict):
    """``plan.yaml``."""

    id: PlanId
    title: NonEmpty
    short_title: NonEmpty
    issuer: NonEmpty
    document_number: str | None = None
    issue_date: dt.date | None = None
    period: Period
    base_year: int
    level: str | None = None
    regions: Units = []
    regions_note: str | None = None
    unit_aliases: dict[str, str] = {}
    about_tolerance: float | None = Field(default=None, gt=0, lt=1)
    summary: str | None = None


class YearValue(Strict):
    year: int
    value: Written


class Indicator(Strict):
    id: StableId
    number: str | None = None
    name: NonEmpty
    unit: str | None = None
    group: str | None = None
    attribute: Literal["约束性", "预期性"] | None = None
    direction: Literal["higher", "lower"] | None = None
    base: YearValue | None = None
    targets: list[YearValue] = []
    annual: bool = False  # 每年…: each year is judged against the target due that year, on its own
    table: str | None = None
    column: int | None = None
    also_in_columns: list[int] = []  # other 专栏 whose 主要目标 name this indicator too
    key_task: str | None = None
    parent: str | None = None
    note: str | None = None
    quote: Quote

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Milestone(Strict):
    id: StableId
    year: Annotated[MilestoneYears, BeforeValidator(parse_milestone_years)]
    text: NonEmpty


class Column(Strict):
    """专栏."""

    number: int
    title: NonEmpty
    goals: str | None = None
    tasks: str | None = None
    steps: str | None = None
    conditions: str | None = None
    body: str | None = None
    milestones: list[Milestone] = []


class KeyTask(Strict):
    """重点任务 / 重点工作."""

    id: StableId
    number: str | None = None
    title: NonEmpty
    lead_units: Units = []
    cooperating_units: Units = []

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Budget(Strict):
    """资金预算, 万元, as written (a number, or words such as 按实落实)."""

    government: str | None = None
    school: str | None = None

    @field_validator("government", "school", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


class Task(Strict):
    """One item of the task breakdown (任务分解表)."""

    id: StableId
    number: str | None = None
    key_task: str | None = None
    project: str | None = None
    name: str | None = None
    work: NonEmpty
    lead_units: Units = []
    cooperating_units: Units = []
    budget: Budget | None = None
    deadline: Annotated[Deadline, BeforeValidator(parse_deadline)] | None = None

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


GOAL_KINDS = {"yes-no": "是否达成", "milestone": "里程碑"}
EVERY_YEAR = "每年"


def _due(value: object) -> object:
    """A due year (2027, "2027", "2027年") or 每年; any other text is a located problem."""
    if isinstance(value, bool):
        raise ValueError(f"完成年份应写成年份（如 2027）或“每年”，发现的是 {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = re.sub(r"\s+", "", value)
        if text == EVERY_YEAR:
            return EVERY_YEAR
        if m := re.fullmatch(r"(\d{4})年?(?:底|前|底前)?", text):
            return int(m.group(1))
    raise ValueError(f"完成年份应写成年份（如 2027）或“每年”，发现的是 {value!r}")


class Goal(Strict):
    """A target that is not a number (全覆盖, 全域通过, 创成, 建成, 实现, 出台 …): reached or not, by a due year.

    ``yes-no`` is a state the plan wants reached (全覆盖, 实现); ``milestone`` is a one-off deed
    (出台 a document, 建成 a centre). Both are judged by the same “due by” rule
    (generator/judge/goals.py); the kind says what the reader is told and what proof fits.
    """

    id: StableId
    kind: Literal["yes-no", "milestone"]
    name: NonEmpty
    due: Annotated[int | Literal["每年"], BeforeValidator(_due)]
    proof: Literal["文件", "数量"] | None = None  # what the plan expects as proof: a document, or a count
    unit: str | None = None  # the count's unit (所、个), when proof is 数量
    table: str | None = None
    column: int | None = None
    key_task: str | None = None
    lead_units: Units = []
    region: str | None = None
    note: str | None = None
    quote: Quote

    @property
    def annual(self) -> bool:
        return self.due == EVERY_YEAR

    @property
    def kind_word(self) -> str:
        return GOAL_KINDS[self.kind]


class IndicatorsFile(Strict):
    indicators: list[Indicator] = []


class ColumnsFile(Strict):
    columns: list[Column] = []


class GoalsFile(Strict):
    goals: list[Goal] = []


class TasksFile(Strict):
    key_tasks: list[KeyTask] = []
    tasks: list[Task] = []


class Plan(Strict):
    """A whole plan, as loaded from its folder."""

    info: PlanInfo
    indicators: list[Indicator] = []
    columns: list[Column] = []
    key_tasks: list[KeyTask] = []
    tasks: list[Task] = []
    goals: list[Goal] = []
    source_text: str = ""

    @property
    def id(self) -> str:
        return self.info.id

    def goal(self, goal_id: str) -> Goal:
        return next(g for g in self.goals if g.id == goal_id)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def sub_items(self, indicator_id: str) -> list[Indicator]:
        return [i for i in self.indicators if i.parent == indicator_id]

    def full_name(self, indicator: Indicator) -> str:
        """A sub-item's name with its parent's: 义务教育标准班额比例（小学）."""
        if indicator.parent is None:
            return indicator.name
        parent = next((i for i in self.indicators if i.id == indicator.parent), None)
        return f"{parent.name}（{indicator.name}）" if parent else indicator.name

    def canonical_unit(self, name: str) -> str:
        """The unit's name as the site shows it: its alias' target, written as first mentioned (names
        that differ only in spaces, full-width letters or composed characters are one unit)."""
        aliases, units = self._unit_names
        cleaned = re.sub(r"\s+", "", aliases.get(name_key(name), name))
        return units.get(name_key(cleaned), cleaned)

    @cached_property
    def _unit_names(self) -> tuple[dict[str, str], dict[str, str]]:
        """The aliases and the units by key, worked out once: pages and rollups ask for every task's
        units many times over, and the plan is frozen."""
        aliases = {name_key(written): target for written, target in self.info.unit_aliases.items()}
        seen: dict[str, str] = {}
        names = [n for holder in [*self.key_tasks, *self.tasks] for n in [*holder.lead_units, *holder.cooperating_units]]
        for name in [*names, *(n for goal in self.goals for n in goal.lead_units)]:
            cleaned = re.sub(r"\s+", "", aliases.get(name_key(name), name))
            seen.setdefault(name_key(cleaned), cleaned)
        return aliases, seen

    def units(self) -> list[str]:
        """Every responsible unit named in the plan, normalised, in order of first mention."""
        return list(self._unit_names[1].values())
