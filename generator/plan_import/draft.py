"""The draft plan: what the recognisers found, and why a person must look at some of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Item:
    """One entry of a list in a draft file (an indicator, a 专栏, a milestone, a task …)."""

    fields: dict[str, Any]
    review: str | None = None  # 待核对: why this entry needs checking (the entry can be deleted)
    children: dict[str, list["Item"]] = field(default_factory=dict)  # e.g. a 专栏's milestones


@dataclass
class Draft:
    plan: dict[str, Any]
    plan_review: dict[str, str]  # field → why its value is a guess
    indicators: list[Item] = field(default_factory=list)
    columns: list[Item] = field(default_factory=list)
    key_tasks: list[Item] = field(default_factory=list)
    tasks: list[Item] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the importer saw but could not place
    unused: list[str] = field(default_factory=list)  # passages of the source that no item took up

    def items(self) -> list[Item]:
        top = [*self.indicators, *self.columns, *self.key_tasks, *self.tasks]
        return top + [child for item in self.columns for children in item.children.values() for child in children]

    def flagged_text(self) -> list[str]:
        """Everything a person is asked to look at: flagged items (with why), notes, passages not used."""
        flagged = [f"{item.review} {' '.join(str(v) for v in item.fields.values())}" for item in self.items() if item.review]
        return flagged + list(self.plan_review.values()) + self.notes + self.unused

    def review_count(self) -> int:
        return len(self.plan_review) + len(self.notes) + sum(1 for item in self.items() if item.review)
