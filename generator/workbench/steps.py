"""The two long steps the workbench runs: the preview (the site as it would be released, and the
list of what it changes) and the release itself. Both are the pipeline's, unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.load.ledger import Ledger, read_ledger
from generator.model.problems import Problem
from generator.pipeline import build
from generator.workbench.changes import Changes, changes
from generator.workbench.mirror import sync


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    site: Path | None = None
    changes: Changes | None = None
    summary: str = ""  # what a successful step did, in one Chinese sentence


def preview(root: Path) -> Outcome:
    mirror = sync(root)
    site, _, problems = build(mirror)
    if problems:
        return Outcome(problems)
    released = read_ledger(root)[0] or Ledger()
    previewed = read_ledger(mirror)[0] or Ledger()
    published = root / "site"
    return Outcome([], site, changes(released, previewed, published if published.is_dir() else None, site))


def release(root: Path) -> Outcome:
    site, results, problems = build(root)
    return Outcome(problems, site, summary=f"网站已生成并替换为新版本：{len(results)} 个规划。")
