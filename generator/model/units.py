"""What a unit says about the numbers written in it: whole things (people, schools) or a share."""

from __future__ import annotations

import re

# Units that count whole things: a requirement of 188.75 人 reads as 189 人, a projection of 259.17 所 as 259 所.
WHOLE_UNITS = frozenset({"人", "名", "所", "个", "家", "项", "次", "门", "支", "座", "间", "篇", "位", "处", "条", "台", "套",
                         "册", "人次", "对", "节"})


def is_whole(unit: str | None) -> bool:
    """所, 人, 所/年: counted in whole things (a rate per year counts the things too)."""
    return bool(unit) and re.split(r"[/／]", unit.strip())[0] in WHOLE_UNITS


def is_share(unit: str | None) -> bool:
    return unit == "%"
