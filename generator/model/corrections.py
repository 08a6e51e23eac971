"""A correction (数据更正): a published figure that later data changed. The rules that find them are
in generator/judge/corrections.py; the ledger that keeps them is generator/load/ledger.py."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Correction:
    plan_id: str
    indicator_id: str
    year: int
    region: str
    old: str
    new: str  # "" when the figure was withdrawn
    date: str  # ISO date: the fixed date of the build that first published the correction
    note: str


def to_json(corrections: list[Correction]) -> list[dict]:
    return [asdict(c) for c in corrections]
