"""The one place where numbers, units, dates, periods and status words are written out.

Every view — web pages, the PDF bulletins and evaluation reports, the CSV/XLSX downloads and the
indicator JSON — formats through this module, so one figure reads the same everywhere: counts
whole, percentages with one decimal, money in 万元 without exponents, a unit written once and in
its place (“90% 以上”, “65%左右”, never “90 以上%”), a one-year period as one year, a status as
its icon and word. The numbers themselves come rounded from the judge's records
(generator/judge/records.py); this module only writes them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.model.status import LIGHT_WORDS, STATUS_WORDS, Status, word
from generator.model.units import is_share, is_whole

MISSING = STATUS_WORDS[Status.MISSING]  # 数据暂缺: said the same way wherever a figure is missing
NONE = "—"  # a cell with nothing to state
NO_LIGHT = "不亮灯"
# Between a number and its unit: a no-break space, so that a narrow table cell never shows “11.99” on one
# line and “年” on the next. Downloads write it as a plain space (:func:`plain`).
UNIT_SPACE = "\u00a0"

# A number as written in a target or value: 98, 98.5, 5—6, 1-2.
_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:\s*[—\-~～至]\s*\d+(?:\.\d+)?)?")


def number(value: float) -> str:
    """98.0 → 98, 0.45 → 0.45, 1234567.0 → 1234567: as a person writes it (no exponent, at most six decimals)."""
    if not math.isfinite(value):
        return NONE
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def decimals(value: float) -> int:
    text = number(value)
    return len(text.split(".")[1]) if "." in text else 0


def fixed(value: float, places: int) -> str:
    """A number rounded to ``places`` decimals, trailing zeros dropped."""
    return number(round(value, places))


def with_unit(text: str, unit: str | None) -> str:
    """A written value with its unit, placed after the number: “98.5” → “98.5%”, “90 以上” → “90% 以上”,
    “65左右” → “65%左右”, “1500” → “1500 人”; a text that already names the unit stays as written
    (“保持 90% 以上”, “30所左右” for 所/年, “5—6 所”)."""
    if not unit or text in ("", NONE, MISSING):
        return text
    named = [c for c in unit if c not in "/%" and not c.isascii()] or [unit]
    if unit in text or any(c in text for c in named):
        return text
    found = list(_NUMBER.finditer(text))
    if not found:
        return text
    end = found[-1].end()
    joined = unit if unit == "%" else f"{UNIT_SPACE}{unit}"
    return f"{text[:end]}{joined}{text[end:]}"


def amount(value: float, unit: str | None, percent: bool) -> str:
    """A difference in the indicator's unit (absolute): percentages differ by 个百分点."""
    text = number(abs(value))
    if percent:
        return points(value)
    return f"{text}{UNIT_SPACE}{unit}" if unit else text


def quantity(value: float, unit: str | None) -> str:
    """A computed figure in the indicator's unit: 188 人, 97.5%."""
    return with_unit(number(value), unit)


def projected(value: float, unit: str | None, places: int, bound: str = "") -> str:
    """A projected figure in the indicator's unit and domain: counts whole and not below 0, a share not
    above 100 — with a word where the trend runs past the limit; other figures one decimal finer than
    they are written (99.97% is not “100%” beside “难以实现目标 100%”). ``bound``: the limit a
    record's projection was already held to."""
    if bound == "upper" or is_share(unit) and value > 100:
        return "100%（按趋势将达到上限 100%）"
    if bound == "lower" or (is_share(unit) or is_whole(unit)) and value < 0:
        return f"{quantity(0, unit)}（按趋势将降到下限 0）"
    return quantity(round(value) if is_whole(unit) else round(value, places + 1), unit)


def plain(text: str) -> str:
    """Text for a download (CSV, XLSX, JSON), where a reader searches and splits on ordinary spaces."""
    return text.replace(UNIT_SPACE, " ")


def percent(value: float | None) -> str:
    """A share already in percent (73.3 → “73.3%”); None → “—”."""
    return NONE if value is None else f"{number(value)}%"


def points(value: float) -> str:
    return f"{number(abs(value))}{UNIT_SPACE}个百分点"


def money(value: float | None) -> str:
    """An amount in 万元 as written in a budget: 1234567.5 → “1234567.5”, never “1.23457e+06”."""
    return "" if value is None else fixed(value, 2)


def date(day: dt.date | None) -> str:
    return f"{day.year} 年 {day.month} 月 {day.day} 日" if day else ""


def period(start: int, end: int) -> str:
    """规划期: 2021—2025 年; a plan of one year: 2017 年."""
    return f"{start} 年" if start == end else f"{start}—{end} 年"


def year_span(years) -> str:
    """The years a report covers: 2023 年, 2022—2024 年, or 2021、2023 年 where a year is missing."""
    years = sorted(set(years))
    if not years:
        return ""
    if years == list(range(years[0], years[-1] + 1)):
        return period(years[0], years[-1])
    return "、".join(str(y) for y in years) + " 年"


def share(count: int, total: int) -> str:
    return f"{count / total * 100:.1f}%" if total else NONE


@dataclass(frozen=True)
class Mark:
    """A status, light, verdict or task state as a reader sees it: an icon and a word (never colour
    alone); ``key`` names the style (colour) in site_config/statuses.yaml. Printed in a web page it is
    the badge; the print templates lay out its parts."""

    key: str
    icon: str
    word: str

    def __html__(self) -> str:
        return (f'<span class="status status-{escape(self.key)}"><span aria-hidden="true">{escape(self.icon)}</span> '
                f'{escape(self.word)}</span>')

    def __str__(self) -> str:
        return f"{self.icon} {self.word}"


def mark(styles, key: str, text: str | None = None) -> Mark:
    """The one mark builder: the style of ``key`` (a status, light or task state) with its word, or ``text``."""
    style = styles.of(key)
    return Mark(style.key, style.icon, text or word(key))


def badge(styles, key: str, text: str | None = None) -> Markup:
    return Markup(mark(styles, key, text).__html__())


def status_colours(styles, part: str = "") -> str:
    """The colour of every status, task state and light mark (site_config/statuses.yaml; keys and colours
    are validated there: [a-z-]+ and #rrggbb), for a page's or a PDF's style: ``part`` “ .icon” colours
    only the icon."""
    return "\n".join(f".status-{s.key}{part} {{ color: {s.color}; }}"
                     for group in (styles.indicator_statuses, styles.task_statuses, styles.lights) for s in group.values())


def counts_text(counts, words: dict | None = None) -> str:
    """达到序时进度 29 项，未达到序时进度（滞后） 9 项…"""
    return "，".join(f"{(words or {}).get(key) or word(key)} {n} 项" for key, n in counts)


def light_word(light: str | None) -> str:
    return LIGHT_WORDS.get(light, "") if light else ""
