"""Problems found in a plan or data file: data with their location, not text with it squashed in.

Checks *yield* problems; the command line prints them all and exits non-zero if any.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    code: str  # stable, for tests and docs: "unknown-field", "duplicate-id", …
    message: str  # what is wrong, in Chinese
    file: str
    field: str = ""  # YAML path (indicators[3].targets[1].value) or column name
    line: int | None = None  # YAML line, 1-based
    sheet: str | None = None  # Excel sheet
    row: int | None = None  # spreadsheet row as a person sees it (header is row 1)
    found: str = ""
    expected: str = ""

    def location(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”")
        if self.line is not None:
            parts.append(f"第 {self.line} 行")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.field:
            parts.append(f"字段 {_capped(self.field, 100)}")
        return "，".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}：{_capped(self.message)}"
        if self.found:
            text += f"；发现：{_capped(self.found)}"
        if self.expected:
            text += f"；应为：{_capped(self.expected)}"
        return text


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    @property
    def ok(self) -> bool:
        return not self.problems

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.file, p.sheet or "", p.line or 0, p.row or 0, p.field))

    def render(self) -> str:
        lines = [f"发现 {len(self.problems)} 个问题，请逐一修改后重新运行："]
        lines += [f"  {n}. {p}" for n, p in enumerate(self.sorted(), 1)]
        return "\n".join(lines)


def shorten(value: object, limit: int = 60) -> str:
    """A found value for a message: long texts cut, so one bad cell cannot flood the report."""
    if isinstance(value, (dt.date, dt.time)):  # as written in the file (2020-12-31), not datetime.date(2020, 12, 31)
        value = value.isoformat()
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _capped(text: str, limit: int = 300) -> str:
    """A last guard when printing: one enormous value must not flood the report."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…（共 {len(text)} 个字符）"
