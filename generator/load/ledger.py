"""Read the ledger of the last published site (site/ledger.json): what it showed, and its corrections."""

from __future__ import annotations

import json
from pathlib import Path

from generator.judge.corrections import Correction, to_json

LEDGER = "ledger.json"


def read_ledger(site: Path) -> tuple[dict[str, str], list[Correction]]:
    """An absent or unreadable ledger (a first build) means nothing was published yet."""
    path = site / LEDGER
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        figures = {str(k): str(v) for k, v in data["figures"].items()}
        corrections = [Correction(**c) for c in data["corrections"]]
    except (OSError, ValueError, KeyError, TypeError):
        return {}, []
    return figures, corrections


def ledger_bytes(figures: dict[str, str], corrections: list[Correction]) -> bytes:
    data = {"figures": figures, "corrections": to_json(corrections)}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
