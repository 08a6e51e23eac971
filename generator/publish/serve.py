"""Preview for staff: ``mkdocs serve`` shows the pages and reloads the browser; when content/, data/,
templates/ or site_config/ change (watchfiles), the pages are regenerated. A file with problems is
reported and the preview keeps showing the last good pages."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import watch

from generator.publish.build import MKDOCS_ENV

WATCHED = ("content", "data", "templates", "site_config")


def serve(root: Path, address: str, regenerate: Callable[[], bool]) -> int:
    """``regenerate`` writes build/docs and build/mkdocs.yml and says whether it could."""
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
