"""A release (发布): build the site, stamp it with the release's date and number, and record in the
ledger (``data/published.json``) what it shows. Only a release writes the ledger: corrections are
differences from the last release, dated by the release that publishes them.

Refused, with the reason in Chinese, and nothing written: a date before the last release, a date
not after the end of the latest data year, and a draft year (初步数据, see
generator/check/completeness.py) that neither ``include_draft`` nor site.yaml's ``publish_drafts`` names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.completeness import YearCompleteness
from generator.load.ledger import LEDGER, write_ledger, ledger_bytes
from generator.model.problems import Problem
from generator.model.release import ReleaseRecord
from generator.publish.stages import Judged, build_date, load_and_judge, prepare
from generator.publish.build import build_lock, build_site, recover


@dataclass
class Release:
    number: int | None  # None when refused
    date: dt.date
    site: Path | None = None  # None when refused
    problems: list[Problem] = field(default_factory=list)
    results: list = field(default_factory=list)  # the judged plans (PlanResults), for the command's summary
    drafts: list[YearCompleteness] = field(default_factory=list)  # draft years published (marked 初步数据)


def _day(date: dt.date) -> str:
    return f"{date.year} 年 {date.month} 月 {date.day} 日"


def refusals(judged: Judged, date: dt.date, include_draft: frozenset[int]) -> list[Problem]:
    """Why this release may not go out; empty when it may."""
    problems = []
    last = judged.ledger.last_release
    if last and date < last.date:
        problems.append(Problem("release-date-backwards", f"发布日期 {_day(date)}早于上一次发布（第 {last.number} 次，{_day(last.date)}）",
                                LEDGER, "releases", found=date.isoformat(),
                                expected=f"{last.date.isoformat()} 或之后的日期"))
    latest = judged.latest_year()
    if latest is not None and date <= dt.date(latest, 12, 31):
        problems.append(Problem("release-date-too-early", f"发布日期 {_day(date)}不在最新数据年份（{latest} 年）结束之后",
                                "release --date", found=date.isoformat(), expected=f"{latest + 1}-01-01 或之后的日期"))
    named = include_draft | set(judged.config.settings.publish_drafts)
    for row in judged.completeness:
        if row.is_draft and row.year not in named:
            below = judged.config.settings.draft_below
            problems.append(Problem(
                "draft-year", f"规划 {row.plan_id} 的 {row.year} 年数据不全（初步数据），没有发布",
                f"data/{row.plan_id}", f"{row.year} 年",
                found=f"已填报指标 {row.indicators}，目标 {row.goals}，专栏年度事项 {row.milestones}，分解任务 {row.tasks}",
                expected=f"至少填报 {below:.0%} 的指标；确要作为初步数据公开，在命令后加 --include-draft {row.year}"))
    return problems


def release(root: Path, date: dt.date, include_draft: frozenset[int] = frozenset()) -> Release:
    """Publish the site as the next release on ``date``; the problems say why not, when refused."""
    with build_lock(root):
        recover(root)
        judged = load_and_judge(root)
        if judged.problems:
            return Release(None, date, problems=judged.problems)
        problems = refusals(judged, date, include_draft)
        if problems:
            return Release(None, date, problems=problems)
        last = judged.ledger.last_release
        record = ReleaseRecord((last.number if last else 0) + 1, date)
        parts, ledger = prepare(root, judged, record)
        site = build_site(root, parts, build_date(judged.results))
        write_ledger(root, ledger_bytes(ledger))  # once the site is out: the ledger records what it shows
        drafts = [row for row in judged.completeness if row.is_draft]
        return Release(record.number, date, site, [], judged.results, drafts)
