"""Preview for staff: ``mkdocs serve`` shows the pages and reloads the browser; when content/, data/,
templates/ or site_config/ change (watchfiles), the pages are regenerated. A file with problems is
reported and the preview keeps showing the last good pages."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import watch

from generator.model.problems import os_reason, printable
from generator.publish.build import MKDOCS_ENV

WATCHED = ("content", "data", "templates", "site_config")


def address_problem(address: str) -> str | None:
    """Why the preview cannot listen at ``address`` (host:port), in Chinese; checked before anything
    starts, since MkDocs reports a port in use with a traceback and a bad one in English, exiting 0."""
    host, colon, port = address.rpartition(":")
    shown = printable(address)
    if not colon or not host or not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        return f"--address {shown}：写法不对，应为“地址:端口”，端口是 1–65535 的整数，如 127.0.0.1:8000"
    try:
        with socket.socket(socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
            probe.bind((host.strip("[]"), int(port)))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return f"--address {shown}：端口 {port} 已被另一个程序占用（也许另一个预览还开着）。请关掉它，或换一个端口，如 --address {printable(host)}:{int(port) + 1}"
        reason = "这台电脑没有这个地址" if error.errno == errno.EADDRNOTAVAIL else printable(os_reason(error))
        return f"--address {shown}：无法在这个地址上预览（{reason}）。请用本机地址，如 127.0.0.1:8000"
    return None


def serve(root: Path, address: str, regenerate: Callable[[], bool]) -> int:
    """``regenerate`` writes build/docs and build/mkdocs.yml and says whether it could."""
    if problem := address_problem(address):
        print(problem, file=sys.stderr)
        return 2
    if not regenerate():
        return 1
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "build" / "mkdocs.yml"),
                               "-a", address, "--livereload"], cwd=root, env={**os.environ, **MKDOCS_ENV})
    print(f"预览地址：http://{address}/ （按 Ctrl+C 结束）", flush=True)
    stopped = threading.Event()
    threading.Thread(target=lambda: (server.wait(), stopped.set()), daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())  # a stopped preview takes mkdocs with it
    try:
        for _ in watch(*(root / folder for folder in WATCHED if (root / folder).is_dir()), stop_event=stopped):
            regenerate()
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0
