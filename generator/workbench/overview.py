"""The overview: each plan and year with its completeness (generator/check/completeness.py), the last
release, and what changed since — read with the loader and the ledger rules the release uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.check.completeness import YearCompleteness, completeness
from generator.check.content import checked_content
from generator.judge.corrections import ledger_of, new_corrections
from generator.load.content import plan_folders
from generator.load.data import load_data
from generator.load.ledger import read_ledger
from generator.model.plan import Plan
from generator.model.problems import Problem
from generator.model.release import ReleaseRecord


@dataclass
class PlanRow:
    plan: Plan
    years: list[YearCompleteness] = field(default_factory=list)
    data_problems: int = 0
    new_figures: int = 0  # since the last release
    corrections: int = 0
    sample: bool = False  # some of its data are sample rows (示例数据)


@dataclass
class Overview:
    plans: list[PlanRow]
    problems: list[Problem]  # plans or data with problems: staff see them on the upload page
    last_release: ReleaseRecord | None

    def drafts(self) -> list[int]:
        """The years that are drafts (初步数据) in some plan: a release names them to publish them."""
        return sorted({y.year for row in self.plans for y in row.years if y.is_draft})


def overview(root: Path) -> Overview:
    loaded, problems = checked_content(root / "content", root=root)
    plans = [item.plan for item in loaded]
    failed = {f.name for f in plan_folders(root / "content")} - {p.id for p in plans} if (root / "content").is_dir() else set()
    data, data_problems = load_data(root / "data", plans, root, ignore=failed)
    ledger, ledger_problems = read_ledger(root)
    years = completeness(root)
    rows = []
    for plan in plans:
        row = PlanRow(plan, [y for y in years if y.plan_id == plan.id])
        plan_data = data.get(plan.id)
        row.data_problems = sum(1 for p in data_problems if p.file.startswith(f"data/{plan.id}/"))
        if plan_data is not None:
            row.sample = plan_data.is_sample
            if ledger is not None:
                published = {k: v for k, v in ledger.figures.items() if k.startswith(plan.id + "|")}
                row.new_figures = sum(1 for key, value in ledger_of(list(plan_data.figures)).items()
                                      if value and not published.get(key))
                row.corrections = len(new_corrections(published, list(plan_data.figures), ""))
        rows.append(row)
    return Overview(rows, problems + data_problems + ledger_problems, ledger.last_release if ledger else None)
