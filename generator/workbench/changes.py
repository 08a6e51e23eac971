"""What a release would change, for the reviewer who signs it off: new figures, corrections
(old → new) and indicator statuses that changed — the released state against the preview's.

Both sides are read from what the pipeline wrote, never recomputed: the figures and corrections from
the two ledgers (``data/published.json`` of the project and of the preview), the statuses from the
indicator files both sites publish (``downloads/indicators/<plan>/<indicator>.json``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.load.ledger import Ledger
from generator.model.corrections import Correction
from generator.render import links

INDICATORS = links.download("indicators")


@dataclass(frozen=True)
class Label:
    plan: str
    indicator: str
    unit: str


@dataclass(frozen=True)
class NewFigure:
    label: Label
    year: int
    region: str
    value: str


@dataclass(frozen=True)
class StatusChange:
    label: Label
    year: int
    region: str
    old: str
    new: str


@dataclass
class Changes:
    new_figures: list[NewFigure] = field(default_factory=list)
    corrections: list[tuple[Label, Correction]] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    first_release: bool = False

    @property
    def empty(self) -> bool:
        return not (self.new_figures or self.corrections or self.statuses)


def _indicator_files(site: Path | None) -> dict[tuple[str, str], dict]:
    folder = site / INDICATORS if site else None
    if folder is None or not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob("*/*.json")):
        try:
            found[(path.parent.name, path.stem)] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # an unreadable file of an old site: its statuses are not compared
    return found


def _statuses(files: dict[tuple[str, str], dict]) -> dict[tuple[str, str, int, str], str]:
    statuses = {}
    for (plan_id, indicator_id), data in files.items():
        for series in data.get("series", []):
            for year in series.get("years", []):
                statuses[(plan_id, indicator_id, year.get("year"), series.get("region", ""))] = year.get("status_word", "")
    return statuses


def _labels(files: dict[tuple[str, str], dict]) -> dict[tuple[str, str], Label]:
    return {key: Label(data.get("plan", {}).get("title", key[0]), data.get("indicator", {}).get("name", key[1]),
                       data.get("indicator", {}).get("unit") or "")
            for key, data in files.items()}


def changes(released: Ledger, previewed: Ledger, released_site: Path | None, preview_site: Path) -> Changes:
    before, after = _indicator_files(released_site), _indicator_files(preview_site)
    labels = {**_labels(before), **_labels(after)}

    def label(plan_id: str, indicator_id: str) -> Label:
        return labels.get((plan_id, indicator_id), Label(plan_id, indicator_id, ""))

    found = Changes(first_release=not released.figures)
    for key, value in sorted(previewed.figures.items()):
        if value and not released.figures.get(key):
            plan_id, indicator_id, year, region = key.split("|", 3)
            found.new_figures.append(NewFigure(label(plan_id, indicator_id), int(year), region, value))
    known = set(released.corrections)
    found.corrections = [(label(c.plan_id, c.indicator_id), c) for c in previewed.corrections if c not in known]
    old_statuses = _statuses(before)
    for key, new in sorted(_statuses(after).items(), key=lambda item: tuple(map(str, item[0]))):
        old = old_statuses.get(key)
        if old is not None and old != new:
            plan_id, indicator_id, year, region = key
            found.statuses.append(StatusChange(label(plan_id, indicator_id), year, region, old, new))
    return found
