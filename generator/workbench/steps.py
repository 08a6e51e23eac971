"""The two long steps the workbench runs, both the release's own (generator/publish/release.py): the
preview is a release of a copy of the project (see mirror.py), with the list of what it changes; the
release publishes the project itself."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.ledger import LEDGER, Ledger, read_ledger
from generator.model.problems import Problem
from generator.model.release import ReleaseRecord
from generator.publish.release import release as publish
from generator.render import links
from generator.render.open_data import PACKAGE
from generator.workbench.changes import Changes, changes
from generator.workbench.mirror import keep_caches, sync


@dataclass
class Outcome:
    problems: list[Problem] = field(default_factory=list)
    site: Path | None = None
    changes: Changes | None = None
    summary: str = ""  # what a successful step did, in one Chinese sentence
    drafts: list[str] = field(default_factory=list)  # "规划 year 年" published as 初步数据


def _day(date: dt.date) -> str:
    return f"{date.year} 年 {date.month} 月 {date.day} 日"


def released_site(root: Path, last: ReleaseRecord | None) -> Path | None:
    """``site/`` when it is the last release (its data package says so); None when a trial build
    (``build``) has replaced it since, or nothing was released yet."""
    package = root / "site" / links.download(PACKAGE)
    try:
        number = json.loads(package.read_text(encoding="utf-8"))["release"]["release_number"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return root / "site" if last is not None and number == last.number else None


def preview(root: Path, date: dt.date, include_draft: frozenset[int]) -> Outcome:
    mirror = sync(root)
    done = publish(mirror, date, include_draft)
    keep_caches(root)
    if done.problems:
        return Outcome(done.problems)
    released = read_ledger(root)[0] or Ledger()
    previewed = read_ledger(mirror)[0] or Ledger()
    return Outcome([], done.site, changes(released, previewed, released_site(root, released.last_release), done.site),
                   f"预览的是第 {done.number} 次发布（{_day(date)}）", _drafts(done))


def release(root: Path, date: dt.date, include_draft: frozenset[int]) -> Outcome:
    done = publish(root, date, include_draft)
    if done.problems:
        return Outcome(done.problems)
    return Outcome([], done.site, None, f"已发布：第 {done.number} 次发布，{_day(date)}。网站已更新（site/），"
                                        f"发布记录已写入 {LEDGER}。", _drafts(done))


def _drafts(done) -> list[str]:
    return [f"{row.plan_id} 的 {row.year} 年" for row in done.drafts]
