"""The whole build as one readable pipeline: load → check → judge → render → publish.

Everything is read and checked before anything is written, so bad input never reaches the site.
The stages are in generator/publish/stages.py; a release (generator/publish/release.py) uses them too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.model.problems import Problem, Report
from generator.judge.records import JudgedPlan
from generator.publish.build import BuildBusy, BuildError, build_lock, build_site, recover, render_later, write_config, write_sources
from generator.publish.stages import build_date, judge_for_site, load_and_judge, prepare
from generator.writing import write_file

__all__ = ["build", "preview", "load_and_judge", "judge_for_site"]


def preview(root: Path) -> bool:
    """Regenerate the preview's pages (build/docs) for ``serve``; problems are printed, the last good pages stay.
    A build running meanwhile writes the same folder: the preview waits for the next change instead."""
    try:
        with build_lock(root):
            return _regenerate_preview(root)
    except BuildBusy:
        print("另一个生成过程（build）正在这个项目中运行，预览这次没有更新；它结束后，再保存一次文件即可更新预览。",
              file=sys.stderr)
        return False
    except BuildError as error:
        print(error, file=sys.stderr)
        return False


def _regenerate_preview(root: Path) -> bool:
    judged = load_and_judge(root)
    if judged.problems:
        print(Report(judged.problems).render(), file=sys.stderr)
        print("预览没有更新：请修改上面的问题。", file=sys.stderr)
        return False
    parts, _ = prepare(root, judged)
    build_dir = root / "build"
    changed = write_sources(parts, root / "templates", build_dir / "docs", build_dir / "chart-cache")
    for path, data in render_later(parts).items():  # the PDFs whose content changed
        write_file(build_dir / "docs" / path, data)
    write_config(root, build_dir, parts, build_dir / "preview-site")
    print(f"已更新 {len(changed)} 个文件。", flush=True)
    return True


def build(root: Path) -> tuple[Path | None, list[JudgedPlan], list[Problem]]:
    """A trial build for preview and review: the whole site, stamped as not yet released. It never
    writes the ledger: only a release does (generator/publish/release.py)."""
    with build_lock(root):
        recover(root)
        judged = load_and_judge(root)
        if judged.problems:
            return None, [], judged.problems
        parts, _ = prepare(root, judged)
        return build_site(root, parts, build_date(judged.results)), judged.results, []
