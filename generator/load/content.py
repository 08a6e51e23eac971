"""Load every plan under ``content/`` (its rules are checked by generator/check/content.py)."""

from __future__ import annotations

from pathlib import Path

from generator.model.problems import Problem
from generator.load.files import refused
from generator.load.plan import LoadedPlan, load_plan


def plan_folders(content: Path) -> list[Path]:
    return sorted(p for p in content.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


def _shown(path: Path, root: Path | None) -> str:
    return path.relative_to(root).as_posix() if root and path.is_relative_to(root) else str(path)


def load_content(content: Path, only: str | None = None, root: Path | None = None) -> tuple[list[LoadedPlan], list[Problem]]:
    """Load all plans (or one); return the plans that loaded and every problem found reading them."""
    if not content.is_dir():
        return [], [Problem("missing-folder", "找不到规划文件夹", str(content), expected="content/ 下每个规划一个文件夹")]
    folders = plan_folders(content)
    if only is not None:
        folders = [f for f in folders if f.name == only]
        if not folders:
            names = "、".join(f.name for f in plan_folders(content)) or "（无）"
            return [], [Problem("unknown-plan", "没有这个规划", str(content / only), found=only, expected=f"已有的规划：{names}")]
    loaded_plans: list[LoadedPlan] = []
    problems: list[Problem] = []
    for folder in folders:
        if problem := refused(folder, content, _shown(folder, root), folder=True):
            problems.append(problem)
            continue
        loaded, load_problems = load_plan(folder, root)
        problems += load_problems
        if loaded is not None:
            loaded_plans.append(loaded)
    return loaded_plans, problems
