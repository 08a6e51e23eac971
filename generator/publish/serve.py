"""Preview for staff: regenerate the pages when content/, data/, templates/ or site_config/ change,
and let ``mkdocs serve`` reload the browser. A file with problems is reported; the preview keeps
showing the last good pages."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from generator.check.problems import Report
from generator.pipeline import load_and_judge, prepare
from generator.publish.build import MKDOCS_ENV, render_later, write_config, write_sources

WATCHED = ("content", "data", "templates", "site_config")


def fingerprint(root: Path) -> tuple:
    files = [p for folder in WATCHED for p in (root / folder).rglob("*") if p.is_file()]
    return tuple(sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files))


def regenerate(root: Path) -> bool:
    judged = load_and_judge(root)
    if judged.problems:
        print(Report(judged.problems).render(), file=sys.stderr)
        print("预览没有更新：请修改上面的问题。", file=sys.stderr)
        return False
    parts = prepare(root, judged)
    build = root / "build"
    changed = write_sources(parts, root / "templates", build / "docs", build / "chart-cache")
    for path, data in render_later(parts).items():
        (build / "docs" / path).write_bytes(data)
    write_config(root, build, parts, build / "preview-site")
    print(f"已更新 {len(changed)} 个文件。")
    return True


def serve(root: Path, address: str) -> int:
    if not regenerate(root):
        return 1
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "build" / "mkdocs.yml"),
                               "-a", address, "--livereload"], cwd=root, env={**os.environ, **MKDOCS_ENV})
    print(f"预览地址：http://{address}/ （按 Ctrl+C 结束）")
    seen = fingerprint(root)
    try:
        while server.poll() is None:
            time.sleep(1)
            now = fingerprint(root)
            if now != seen:
                seen = now
                regenerate(root)
    except KeyboardInterrupt:
        pass
    finally:
        server.terminate()
        server.wait()
    return 0
