"""The bundled sample site, built once per test session into a temporary copy of the project."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("content", "data", "templates", "site_config", "mkdocs.yml")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def copy_project(target: Path) -> Path:
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    return target


def run_build(root: Path, *command: str) -> subprocess.CompletedProcess:
    """``build`` (a trial), or the command given (``release --date …``)."""
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *(command or ("build",))],
                          capture_output=True, text=True, timeout=900)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def skip_unless_available(reason: str) -> None:
    """A missing optional tool skips its tier on a developer's machine; in CI it fails the run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run every tier: {reason}")
    pytest.skip(reason)
