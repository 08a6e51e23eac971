"""Problems as a registry: every code the program can report is defined once, with its advice, and the
README's table is generated from that registry."""

import ast
import re
import subprocess
import sys
from pathlib import Path

from generator.model.problem_kinds import KINDS, kind_of

ROOT = Path(__file__).resolve().parents[1]
CODE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


def codes_in_program() -> set[str]:
    """String constants that are problem codes: first arguments of Problem(…), CellError(…) and the like,
    and the codes of KnownIds(…) (unknown-indicator …)."""
    found = set()
    for path in (ROOT / "generator").rglob("*.py"):
        if path.name == "problem_kinds.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None) or ""
            first = node.args[0]
            if ("problem" in name.lower() or name in ("CellError", "KnownIds")) and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str) and CODE.fullmatch(first.value):
                found.add(first.value)
    return found


def test_every_code_the_program_reports_is_registered_and_every_registered_code_is_used():
    used = codes_in_program()
    assert len(used) > 60
    assert sorted(c for c in used if kind_of(c) is None) == []
    assert sorted(set(KINDS) - used - {"invalid-*"}) == []


def test_readme_table_is_the_registry():
    table = subprocess.run([sys.executable, str(ROOT / "scripts" / "problem_table.py")], capture_output=True,
                           text=True, check=True).stdout.strip()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    between = readme.split("<!-- problem-table:start -->\n")[1].split("\n<!-- problem-table:end -->")[0]
    assert between == table
