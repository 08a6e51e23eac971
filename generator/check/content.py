"""The check stage for plans: every loaded plan against the plan rules (generator/check/plan_rules.py)."""

from __future__ import annotations

from pathlib import Path

from generator.check.measures import measure_problems
from generator.check.plan_rules import check_plan
from generator.load.measures import LoadedMeasures, load_measures
from generator.load.content import load_content
from generator.load.plan import LoadedPlan
from generator.model.problems import Problem


def checked_content(content: Path, only: str | None = None, root: Path | None = None) -> tuple[list[LoadedPlan], list[Problem]]:
    """Load and check all plans (or one); return the plans without problems and every problem found."""
    loaded, problems = load_content(content, only, root)
    measures, measure_file_problems = load_measures(content, root) if content.is_dir() else (LoadedMeasures(), [])
    problems += measure_file_problems
    good = []
    for plan in loaded:
        found = check_plan(plan) + list(measure_problems(plan, measures))
        problems += found
        if not found:
            good.append(plan)
    return good, problems
