"""A release (发布): the day staff publish the site, numbered from the first. The release record is
kept in the ledger (``data/published.json``); the stamp is the one sentence every page footer, PDF
cover and ``datapackage.json`` print about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ReleaseRecord:
    number: int
    date: dt.date


@dataclass(frozen=True)
class Stamp:
    """What a built site says about its data and its release. ``release`` is None for a trial build."""

    cutoff: int | None  # the latest year with data
    release: ReleaseRecord | None

    def cutoff_text(self) -> str:
        return f"数据截至 {self.cutoff} 年底" if self.cutoff else "尚无年度监测数据"

    def release_text(self) -> str:
        if self.release is None:
            return "试生成的预览，尚未发布"
        day = self.release.date
        return f"{day.year} 年 {day.month} 月 {day.day} 日发布（第 {self.release.number} 次发布）"

    def statement(self) -> str:
        """数据截至 2025 年底，2026 年 3 月 31 日发布（第 2 次发布）"""
        return f"{self.cutoff_text()}，{self.release_text()}"

    def as_json(self) -> dict:
        return {"statement": self.statement(), "data_until": self.cutoff,
                "release_number": self.release.number if self.release else None,
                "release_date": self.release.date.isoformat() if self.release else None}


DRAFT = "初步数据"  # the mark of a year published before its data are complete


def draft_notice(year: int) -> str:
    return (f"{year} 年的数据尚不完整，为{DRAFT}：已填报的指标不足规划指标的规定比例，"
            "以后补充和更正的数值将在“数据更正说明”中列出。")
