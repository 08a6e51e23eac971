"""When a milestone or a task is due, read from the words the plan uses.

Milestones: ``2021`` (that year), ``2022—2023`` (spans years), ``2022起`` (from that year to
the end of the plan), ``2025前`` (to be done by that year).
Deadlines: ``2023年暑假前``, ``2022年8月前完成``, ``2023年底`` … are parsed where the text
allows; the words are always kept.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

_YEAR = r"(\d{4})\s*年?"


class MilestoneYears(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    kind: Literal["year", "span", "from", "by"]
    start: int | None  # None for "by": the plan start applies
    end: int | None  # None for "from": the plan end applies

    def __str__(self) -> str:
        return self.text

    def resolved(self, plan_start: int, plan_end: int) -> tuple[int, int]:
        return (self.start or plan_start, self.end or plan_end)

    def covers(self, year: int, plan_start: int, plan_end: int) -> bool:
        """Is the step due or under way in ``year``?"""
        first, last = self.resolved(plan_start, plan_end)
        return first <= year <= last

def parse_milestone_years(value: object) -> MilestoneYears:
    if isinstance(value, MilestoneYears):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"年份应写成“2021”“2022—2023”“2022起”或“2025前”，发现的是 {value!r}")
    text = str(value)
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    if m := re.fullmatch(rf"{_YEAR}(?:底|末)?", s):
        year = int(m.group(1))
        return MilestoneYears(text=text, kind="year", start=year, end=year)
    if m := re.fullmatch(rf"{_YEAR}[-—–~～至到]+{_YEAR}", s):
        start, end = int(m.group(1)), int(m.group(2))
        if end < start:
            raise ValueError(f"年份区间“{text}”的起始年晚于结束年")
        return MilestoneYears(text=text, kind="span", start=start, end=end)
    if m := re.fullmatch(rf"{_YEAR}(?:起|开始|以后)", s):
        return MilestoneYears(text=text, kind="from", start=int(m.group(1)), end=None)
    if m := re.fullmatch(rf"{_YEAR}(?:底)?(?:前|以前|之前)", s):
        return MilestoneYears(text=text, kind="by", start=None, end=int(m.group(1)))
    raise ValueError(f"年份“{text}”无法识别，应写成“2021”“2022—2023”“2022起”或“2025前”")


_SEASON_MONTH = {"上半年": 6, "暑假": 6, "暑期": 6, "秋季": 9, "秋学期": 9, "下半年": 12, "底": 12, "末": 12}


class Deadline(BaseModel):
    """完成时限: the words, and the last day they allow where the words say it."""

    model_config = ConfigDict(frozen=True)

    text: str
    due: dt.date | None = None
    recurring: bool = False  # "每年…"

    def __str__(self) -> str:
        return self.text


def parse_deadline(value: object) -> Deadline:
    if isinstance(value, Deadline):
        return value
    if isinstance(value, dt.date):
        return Deadline(text=value.isoformat(), due=value)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"完成时限应为文字，发现的是 {value!r}")
    text = str(value)
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    recurring = s.startswith("每年") or "每学期" in s
    m = re.search(r"(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})日)?)?(上半年|下半年|暑假|暑期|秋季|秋学期|底|末)?", s)
    if not m:
        return Deadline(text=text, recurring=recurring)
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else _SEASON_MONTH.get(m.group(4) or "", 12)
    if not 1 <= month <= 12:
        raise ValueError(f"完成时限“{text}”中的月份 {month} 不存在")
    day = int(m.group(3)) if m.group(3) else calendar.monthrange(year, month)[1]
    try:
        due = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"完成时限“{text}”中的日期不存在") from None
    return Deadline(text=text, due=due, recurring=recurring)
