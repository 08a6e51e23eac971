"""Print the README's table of problem codes from the registry (generator/model/problem_kinds.py).

    .venv/bin/python scripts/problem_table.py      # paste between the markers in README.md
A test checks that README.md holds exactly this table.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.model.problem_kinds import KINDS  # noqa: E402


def table() -> str:
    lines = ["| 代码 | 问题 | 处理办法 |", "|---|---|---|"]
    lines += [f"| `{code}` | {title} | {advice} |" for code, (title, advice) in KINDS.items()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(table())
