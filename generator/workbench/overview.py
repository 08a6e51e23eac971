"""The overview: each plan and year with how much of it is reported, and what changed since the
last release — read with the loader and the ledger rules the build uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.check.content import checked_content
from generator.judge.corrections import ledger_of, new_corrections
from generator.load.content import plan_folders
from generator.load.data import load_data
from generator.load.ledger import read_ledger
from generator.model.plan import Plan
from generator.model.problems import Problem


@dataclass(frozen=True)
class YearRow:
    year: int
    figures: int  # figure rows for the year
    reported: int  # of which with a value (the rest: 数据暂缺)
    reports: int  # milestone and task reports
    goal_reports: int


@dataclass
class PlanRow:
    plan: Plan
    years: list[YearRow] = field(default_factory=list)
    data_problems: int = 0
    new_figures: int = 0  # since the last release
    corrections: int = 0
    sample: bool = False  # some of its data are sample rows (示例数据)


@dataclass
class Overview:
    plans: list[PlanRow]
    problems: list[Problem]  # plans or data with problems: staff see them on the upload page
    released: bool  # a site has been published


def overview(root: Path) -> Overview:
    loaded, problems = checked_content(root / "content", root=root)
    plans = [item.plan for item in loaded]
    failed = {f.name for f in plan_folders(root / "content")} - {p.id for p in plans} if (root / "content").is_dir() else set()
    data, data_problems = load_data(root / "data", plans, root, ignore=failed)
    ledger, ledger_problems = read_ledger(root)
    rows = []
    for plan in plans:
        row = PlanRow(plan)
        plan_data = data.get(plan.id)
        row.data_problems = sum(1 for p in data_problems if p.file.startswith(f"data/{plan.id}/"))
        if plan_data is not None:
            row.sample = plan_data.is_sample
            for year in plan_data.years:
                figures = [f for f in plan_data.figures if f.year == year]
                row.years.append(YearRow(year, len(figures), sum(1 for f in figures if f.value is not None),
                                         sum(1 for r in plan_data.reports if r.year == year),
                                         sum(1 for g in plan_data.goal_reports if g.year == year)))
            if ledger is not None:
                now = ledger_of(list(plan_data.figures))
                row.new_figures = sum(1 for key, value in now.items() if value and not ledger.figures.get(key))
                row.corrections = len(new_corrections({k: v for k, v in ledger.figures.items() if k.startswith(plan.id + "|")},
                                                      list(plan_data.figures), ""))
        rows.append(row)
    return Overview(rows, problems + data_problems + ledger_problems, (root / "site" / "index.html").is_file())
