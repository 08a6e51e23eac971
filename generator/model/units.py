"""What an indicator's unit says about the values it can take: counts are whole and never negative,
a share (%) lies between 0 and 100. Requirements and projections are stated inside that domain."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Units that count whole things: a requirement of 188.75 人 reads as 189 人; a projection of 259.17 所 as 259 所.
WHOLE_UNITS = frozenset({"人", "名", "所", "个", "家", "项", "次", "门", "支", "座", "间", "篇", "位", "处", "条", "台", "套",
                         "册", "人次", "对", "节"})
# A percentage that is a rate of change, not a share of a whole, may be negative or pass 100.
_CHANGE_WORDS = ("增长", "增幅", "增速", "下降率", "降幅", "变化")


def is_whole(unit: str | None) -> bool:
    """所, 人, 所/年: counted in whole things (a rate per year counts the things too)."""
    return bool(unit) and re.split(r"[/／]", unit.strip())[0] in WHOLE_UNITS


def is_share(unit: str | None) -> bool:
    return unit == "%"


@dataclass(frozen=True)
class Domain:
    """The values an indicator can take."""

    lowest: float | None = None
    highest: float | None = None
    whole: bool = False


def domain_of(unit: str | None, name: str = "", percent: bool = False) -> Domain:
    if is_whole(unit):
        return Domain(lowest=0.0, whole=True)
    if (is_share(unit) or percent) and not any(w in name for w in _CHANGE_WORDS):
        return Domain(lowest=0.0, highest=100.0)
    return Domain()
