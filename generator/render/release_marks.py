"""What the printed bulletins and evaluation reports say about the release: the cover's cut-off and
release line, and the 初步数据 notice of a draft year. Added to a print template's context."""

from __future__ import annotations

from generator.model.release import DRAFT, Stamp, draft_notice


def print_marks(stamp: Stamp | None, plan_id: str, year: int, drafts: frozenset[tuple[str, int]]) -> dict:
    """``cutoff``: 数据截至 2023 年底，2026 年 3 月 31 日发布（第 2 次发布）; ``draft``: the notice, or ""."""
    marks = {"draft_word": DRAFT, "draft": draft_notice(year) if (plan_id, year) in drafts else ""}
    if stamp is not None:
        marks["cutoff"] = f"数据截至 {year} 年底，{stamp.release_text()}"
    return marks
