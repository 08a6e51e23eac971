"""Import each content/<plan>/source.txt and compare the draft with the hand-encoded plan.

Prints, per measure and plan, items that agree / items compared, and the share over all plans.
Usage: python scripts/import_agreement.py [content folder]
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.load.content import plan_folders
from generator.load.plan import load_plan
from generator.plan_import.agreement import MEASURES, Score, compare
from generator.plan_import.importer import draft_plan, read_document


def agreement(content: Path) -> tuple[list[str], dict[str, dict[str, Score]]]:
    plans: list[str] = []
    table: dict[str, dict[str, Score]] = {name: {} for name in MEASURES}
    for folder in plan_folders(content):
        loaded, problems = load_plan(folder)
        if loaded is None:
            raise SystemExit(f"{folder} 无法读取：{problems[0].message}")
        draft = draft_plan(read_document(folder / "source.txt"), loaded.plan.id)
        plans.append(folder.name)
        for name, score in compare(loaded.plan, draft).items():
            table[name][folder.name] = score
    return plans, table


def overall(row: dict[str, Score]) -> Score:
    return Score(sum(s.agree for s in row.values()), sum(s.total for s in row.values()))


def render(plans: list[str], table: dict[str, dict[str, Score]]) -> str:
    head = ["项目", *plans, "合计"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, row in table.items():
        cells = [f"{row[p].agree}/{row[p].total}" if row[p].total else "—" for p in plans]
        total = overall(row)
        share = f"{total.agree}/{total.total}（{total.share:.0%}）" if total.total else "—"
        lines.append("| " + " | ".join([name, *cells, share]) + " |")
    return "\n".join(lines)


def main() -> None:
    content = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("content")
    plans, table = agreement(content)
    print(render(plans, table))


if __name__ == "__main__":
    main()
