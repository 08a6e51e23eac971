"""Problems found in a plan or data file: data with their location, not text with it squashed in.

Checks *yield* problems; the command line prints them all and exits non-zero if any.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

SHOWN = 200  # problems listed in one report; the rest are counted


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
        return printable(text)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.file, p.sheet or "", p.line or 0, p.row or 0, p.field))

    def render(self) -> str:
        """Every problem, up to :data:`SHOWN`: a sheet of a million bad rows must not flood the terminal."""
        ordered = self.sorted()
        lines = [f"发现 {len(ordered)} 个问题，请逐一修改后重新运行："]
        lines += [f"  {n}. {p}" for n, p in enumerate(ordered[:SHOWN], 1)]
        if len(ordered) > SHOWN:
            lines.append(f"  ……及其他 {len(ordered) - SHOWN} 个问题（改好以上问题后重新运行即可看到）")
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


def printable(text: str) -> str:
    """Text safe to print on a terminal: control, format (bidi, zero-width) and unassigned characters
    as visible escapes (\\n, \\x1b, \\u202e), so a file name cannot forge report lines or drive the terminal."""
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            code = ord(char)
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or
                       (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"))
        else:
            out.append(char)
    return "".join(out)


_OS_REASONS = {
    errno.ENOSPC: "磁盘空间不足", errno.EDQUOT: "超出了磁盘配额", errno.EACCES: "没有权限（请检查文件的读写权限）",
    errno.EPERM: "没有权限（请检查文件的读写权限）", errno.ENOENT: "文件或文件夹不存在", errno.EROFS: "磁盘是只读的",
    errno.EISDIR: "这是一个文件夹，不是文件", errno.ENOTDIR: "路径中有一部分不是文件夹", errno.ELOOP: "链接循环指向自己",
    errno.EIO: "磁盘读写出错", errno.ENAMETOOLONG: "文件名太长", errno.EMFILE: "同时打开的文件太多",
    errno.EFBIG: "文件超过了系统允许的大小",
}


def os_reason(error: OSError) -> str:
    """An operating-system error in words staff understand."""
    return _OS_REASONS.get(error.errno, f"系统错误：{error.strerror or error}")


def os_error_message(error: OSError, root) -> str:
    """"无法读写 site/…：磁盘空间不足": the path (inside the project: relative to it) and the reason."""
    paths = [p for p in (error.filename, error.filename2) if p is not None]
    shown = []
    for path in paths:
        text = os.fsdecode(path)
        with contextlib.suppress(ValueError):
            text = str(Path(text).relative_to(root))
        shown.append(printable(text))
    where = " → ".join(shown) or "（未知位置）"
    return f"无法读写 {where}：{os_reason(error)}。请处理后重新运行。"
