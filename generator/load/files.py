"""Reading files of the project: only regular files inside their folder, every OS error a problem.

A link in ``content/`` or ``data/`` that leads out of that folder (to ``/etc/passwd``, to another
project) is refused before anything is read from it, so nothing of the target can reach the site or
a message. A FIFO or device named like a data file would hang or flood the build: refused too.
Permission, missing files and other OS errors become located problems, never tracebacks.
"""

from __future__ import annotations

import stat
from pathlib import Path

from generator.model.problems import Problem, os_reason, printable


def _kind(mode: int) -> str:
    return "文件夹" if stat.S_ISDIR(mode) else "普通文件" if stat.S_ISREG(mode) else "特殊文件（管道、设备等）"


def refused(path: Path, within: Path, shown: str, folder: bool = False) -> Problem | None:
    """Why ``path`` may not be read (a link leaving ``within``, not a regular file or folder), or None."""
    name = within.name + "/"
    try:
        real = path.resolve(strict=True)
        inside = real.is_relative_to(within.resolve(strict=True))
        mode = real.stat().st_mode
    except (OSError, RuntimeError) as error:  # a dangling link, a link loop, no permission to look
        reason = os_reason(error) if isinstance(error, OSError) else "链接循环指向自己"
        return Problem("unreadable-file", f"无法读取：{reason}", shown,
                       found="指向不存在的位置的链接" if path.is_symlink() else reason,
                       expected=f"{name} 中的普通{'文件夹' if folder else '文件'}")
    if not inside:
        # The target's path only, never its content.
        return Problem("link-outside", f"这是指向 {name} 以外的链接，为安全起见不读取", shown,
                       found=f"链接指向 {printable(str(real))}", expected=f"把{'文件夹' if folder else '文件'}本身（不是链接）放进 {name}")
    wanted = stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)
    if not wanted:
        return Problem("not-a-regular-file", f"这不是{'文件夹' if folder else '普通文件'}，不读取", shown,
                       found=_kind(mode), expected=f"{name} 中的普通{'文件夹' if folder else '文件'}")
    return None


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, Problem | None]:
    try:
        return path.read_bytes(), None
    except OSError as error:
        return None, Problem("unreadable-file", f"无法读取文件：{os_reason(error)}", shown,
                             expected="生成网站的用户可以读取的文件（检查文件权限）")
