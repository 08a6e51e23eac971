"""The whole build as one readable pipeline: load → check → judge → render → publish.

Everything is read and checked before anything is written, so bad input never reaches the site.
"""

from __future__ import annotations

from pathlib import Path

from generator.check.problems import Problem
from generator.config import load_site_config
from generator.judge.engine import PlanResults, judge_plan
from generator.judge.rules import Thresholds
from generator.load.content import load_content, plan_folders
from generator.load.data import load_data
from generator.model.figures import PlanData
from generator.publish.build import build_site
from generator.render.site import assemble


def load_and_judge(root: Path) -> tuple[list[PlanResults], object, list[Problem]]:
    """Load plans, site settings and data; judge every plan. Problems, if any, stop the build."""
    loaded, problems = load_content(root / "content", root=root)
    config, config_problems = load_site_config(root / "site_config", root)
    problems += config_problems
    plans = [item.plan for item in loaded]
    failed = {f.name for f in plan_folders(root / "content")} - {p.id for p in plans} if (root / "content").is_dir() else set()
    data, data_problems = load_data(root / "data", plans, root, ignore=failed)  # a plan with problems: its data waits
    problems += data_problems
    if problems:
        return [], None, problems
    settings = config.settings
    results = []
    for plan in plans:
        thresholds = Thresholds(about_tolerance=plan.info.about_tolerance or settings.about_tolerance,
                                yellow_from=settings.thresholds.yellow_from, red_from=settings.thresholds.red_from)
        results.append(judge_plan(plan, data.get(plan.id) or PlanData(), thresholds))
    return results, config, []


def build(root: Path) -> tuple[Path | None, list[PlanResults], list[Problem]]:
    results, config, problems = load_and_judge(root)
    if problems:
        return None, [], problems
    parts = assemble(config, results, root / "templates")
    return build_site(root, parts), results, []
