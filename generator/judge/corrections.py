"""Corrections (数据更正): a figure already published that the new data changes.

The ledger of published figures (``data/published.json``, see :mod:`generator.load.ledger`) keeps
every figure the site showed. A build compares the data with that ledger; each changed figure
becomes a correction, dated with the fixed date of the build that first publishes it (never a file's
modification time, so two clones publish the same bytes), kept for good and listed
on the 数据更正说明 page and on the indicator's page. A value filled in where the site said 数据暂缺
is an update, not a correction.
"""

from __future__ import annotations

from generator.model.corrections import Correction
from generator.model.figures import Figure


def figure_key(figure: Figure) -> str:
    return "|".join((figure.plan_id, figure.indicator_id, str(figure.year), figure.region))


def ledger_of(figures: list[Figure]) -> dict[str, str]:
    """What the site publishes: each figure's written value ("" for 数据暂缺)."""
    return {figure_key(f): f.value.text if f.value else "" for f in sorted(figures, key=figure_key)}


def new_corrections(published: dict[str, str], figures: list[Figure], date: str) -> list[Correction]:
    """Figures whose published value differs from the data now, dated ``date`` (the build's)."""
    found = []
    current = {figure_key(f): f for f in figures}
    for key, old in sorted(published.items()):
        if old == "":
            continue  # it was 数据暂缺: filling it in is no correction
        figure = current.get(key)
        new = figure.value.text if figure and figure.value else ""
        if new == old:
            continue
        plan_id, indicator_id, year, region = key.split("|", 3)  # ids and years never hold "|"; a region may
        found.append(Correction(plan_id, indicator_id, int(year), region, old, new, date,
                                figure.note if figure else "数据已撤回"))
    return found


def merge(earlier: list[Correction], new: list[Correction]) -> list[Correction]:
    """All corrections ever made, oldest first, each listed once."""
    seen = {c: None for c in earlier}
    seen.update({c: None for c in new})
    return sorted(seen, key=lambda c: (c.date, c.plan_id, c.indicator_id, c.year, c.region))
