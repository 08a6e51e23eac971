"""How complete each plan's year is before it goes public: indicators, goals, milestones and tasks
reported against those expected, the indicators also by 属性 (约束性/预期性).

A year whose share of reported indicators is below the site's ``draft_below`` setting (default one
half) is a draft (初步数据): ``release`` publishes it only when named, and the site marks it on every
page, PDF and download of that year. A plan without indicators is measured on all it expects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.check.content import checked_content
from generator.config import DEFAULT_DRAFT_BELOW, load_site_config
from generator.load.content import plan_folders
from generator.load.data import load_data
from generator.model.figures import NOT_REPORTED, WHOLE_AREA, PlanData
from generator.model.plan import Plan

UNMARKED = "未标注"  # an indicator the plan gives no 属性
ATTRIBUTES = ("约束性", "预期性", UNMARKED)
KINDS = {"indicators": "指标", "goals": "目标", "milestones": "专栏年度事项", "tasks": "分解任务"}


@dataclass(frozen=True)
class Count:
    reported: int
    expected: int

    def share(self) -> float:
        return self.reported / self.expected if self.expected else 1.0

    def __str__(self) -> str:
        return f"{self.reported}/{self.expected}"


@dataclass(frozen=True)
class YearCompleteness:
    plan_id: str
    year: int
    indicators: Count
    goals: Count
    milestones: Count
    tasks: Count
    by_attribute: dict[str, Count]  # 约束性 / 预期性 / 未标注 → indicators reported/expected
    is_draft: bool

    def of(self, kind: str) -> Count:
        return getattr(self, kind)


def _draft(counts: list[Count], indicators: Count, below: float) -> bool:
    measured = indicators if indicators.expected else Count(sum(c.reported for c in counts), sum(c.expected for c in counts))
    return measured.expected > 0 and measured.share() < below


def year_completeness(plan: Plan, data: PlanData, year: int, below: float = DEFAULT_DRAFT_BELOW) -> YearCompleteness:
    start, end = plan.info.period.start, plan.info.period.end
    filled = {f.indicator_id for f in data.figures if f.year == year and f.region == WHOLE_AREA and f.value is not None}
    # Expected: the indicators with targets (those the fill-in workbook lists; a parent that only groups sub-items has none).
    attribute = {i.id: i.attribute or UNMARKED for i in plan.indicators if i.targets}
    by_attribute = {word: Count(sum(1 for i, a in attribute.items() if a == word and i in filled),
                                sum(1 for a in attribute.values() if a == word))
                    for word in ATTRIBUTES if word in attribute.values()}
    indicators = Count(len(filled & set(attribute)), len(attribute))
    goals_due = {g.id for g in plan.goals if g.annual or year <= g.due}
    goals = Count(len(goals_due & {r.goal_id for r in data.goal_reports if r.year == year}), len(goals_due))
    reported = {(r.kind, r.item_id) for r in data.reports if r.year == year and r.status != NOT_REPORTED}
    due = {m.id for c in plan.columns for m in c.milestones if m.year.covers(year, start, end)}
    milestones = Count(len({("milestone", m) for m in due} & reported), len(due))
    tasks = Count(len({("task", t.id) for t in plan.tasks} & reported), len(plan.tasks))
    return YearCompleteness(plan.info.id, year, indicators, goals, milestones, tasks, by_attribute,
                            _draft([indicators, goals, milestones, tasks], indicators, below))


def plan_completeness(plan: Plan, data: PlanData, below: float = DEFAULT_DRAFT_BELOW) -> list[YearCompleteness]:
    """Every year of the plan period that has any data, oldest first."""
    period = plan.info.period
    return [year_completeness(plan, data, year, below) for year in data.years if period.start <= year <= period.end]


def completeness(root: Path) -> list[YearCompleteness]:
    """The completeness of every plan (that loads without problems) and year with data; the threshold
    is site.yaml's ``draft_below`` when the settings load, else the default."""
    loaded, _ = checked_content(root / "content", root=root)
    config, _ = load_site_config(root / "site_config", root)
    below = config.settings.draft_below if config else DEFAULT_DRAFT_BELOW
    plans = [item.plan for item in loaded]
    others = {f.name for f in plan_folders(root / "content")} if (root / "content").is_dir() else set()
    data, _ = load_data(root / "data", plans, root, ignore=others - {p.id for p in plans})
    return [row for plan in plans for row in plan_completeness(plan, data.get(plan.id) or PlanData(), below)]
