"""The site engine (MkDocs with the Material theme), behind one small adapter: ``build`` and ``serve``
start it only through here, so that changing engines is a change of this file and one pin.

The engine's own log never reaches staff: a build keeps it for its failure message, the preview
writes it to a file named once. A failure reaches staff as a Chinese sentence with the engine's
located lines (file and link), never a traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import IO

NAME = "MkDocs"
ENV = {"NO_MKDOCS_2_WARNING": "1"}  # the notice is for theme authors; staff need their own messages
# The lines of the engine's log that say what is wrong (the rest is progress and notices).
PROBLEM_LINE = re.compile(r"^(?:WARNING|ERROR)\b")
ADDRESS_IN_USE = re.compile(r"Address already in use|Errno 98|Errno 48")


class EngineError(RuntimeError):
    """The engine failed; the message is for staff, in Chinese."""


def _environment(extra: dict[str, str]) -> dict[str, str]:
    return {**os.environ, **ENV, **extra}


def start_build(config: Path, cwd: Path, log: IO[str], source_date_epoch: int) -> subprocess.Popen:
    """Build the site ``config`` describes (its site_dir), strictly: a broken link is a failure."""
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config)],
                            stdout=log, stderr=log, text=True, cwd=cwd,
                            env=_environment({"SOURCE_DATE_EPOCH": str(source_date_epoch)}))


def build_failure(log_text: str) -> str:
    lines = [line for line in log_text.splitlines() if PROBLEM_LINE.match(line)]
    return (f"网站生成失败（{NAME} 报告了以下问题，多为模板中的链接或格式错误）：\n"
            + "\n".join(lines or log_text.strip().splitlines()[-20:]))


def start_server(config: Path, address: str, cwd: Path, log: IO[str]) -> subprocess.Popen:
    """Serve the pages ``config`` describes at ``address``, reloading the browser when they change."""
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "-a", address, "--livereload"],
                            stdout=log, stderr=subprocess.STDOUT, text=True, cwd=cwd, env=_environment({}))


def server_failure(log_text: str, address: str, log_name: str) -> str:
    if ADDRESS_IN_USE.search(log_text):
        host, _, port = address.rpartition(":")
        following = f"{host}:{int(port) + 1}" if port.isdigit() else "127.0.0.1:8001"
        return f"预览没有启动：地址 {address} 已被别的程序占用。请关掉那个程序，或换一个地址，如 --address {following}。"
    return f"预览没有启动：{NAME} 出错退出，详情见 {log_name}。" + (
        "\n" + "\n".join(line for line in log_text.splitlines() if PROBLEM_LINE.match(line)) if PROBLEM_LINE.search(log_text) else "")
