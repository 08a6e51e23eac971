"""A plan still a draft cannot pass check: so an import nobody went through is never published.

The importer marks every guess with a comment ``# 待核对：why`` (a list entry, or a value at the end
of its line); a person resolves it by correcting or deleting the entry and then the comment. A plan
with marks left, or with neither indicators nor goals (an import that found nothing to monitor),
is a located problem "草稿尚未核对完".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.load.plan import LoadedPlan
from generator.model.problems import Problem, shorten

REVIEW_MARK = re.compile(r"#\s*待核对")
FILES = ("plan.yaml", "indicators.yaml", "columns.yaml", "tasks.yaml", "goals.yaml")
MESSAGE = "草稿尚未核对完"


def unfinished_draft(loaded: LoadedPlan) -> Iterator[Problem]:
    for name in FILES:
        path = loaded.folder / name
        if not path.is_file():
            continue
        try:
            lines = path.read_text(encoding="utf-8-sig").split("\n")
        except (OSError, UnicodeDecodeError):
            continue  # an unreadable file is reported where it is loaded
        for number, line in enumerate(lines, 1):
            if REVIEW_MARK.search(line):
                yield Problem("draft-unfinished", f"{MESSAGE}：这里还有“待核对”标记", loaded.shown_as.get(name, name),
                              line=number, found=shorten(line.strip(), 120),
                              expected="对照原文改正或删除这一项，再删去“# 待核对：…”注释")
    plan = loaded.plan
    if not plan.indicators and not plan.goals:
        yield Problem("draft-unfinished", f"{MESSAGE}：规划中没有任何指标，也没有任何目标，网站上无可监测",
                      loaded.shown_as.get("plan.yaml", "plan.yaml"), found="indicators.yaml 和 goals.yaml 都没有内容",
                      expected="把原文中的指标写进 indicators.yaml，或把可以核对的目标写进 goals.yaml（写法见 content/README.md）")
