"""Publishing survives what happens to a process: a kill mid-swap, a second build, a full disk."""

import fcntl
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.publish.build import LOCK, OLD, REPLACED, swap_in
from test_publish import build, project, snapshot

NOT_UPDATED = "网站没有更新：上次生成的网站保持不变。"


def run(root: Path, preexec_fn=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], capture_output=True,
                          text=True, preexec_fn=preexec_fn)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = project(tmp_path_factory.mktemp("swap") / "project")
    build(root)
    return root


@pytest.fixture
def root(built, tmp_path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path):
    site, staging = tmp_path / "site", tmp_path / ".site-new-x"
    site.mkdir()
    staging.mkdir()
    (site / "old").write_text("old")
    (staging / "new").write_text("new")
    swap_in(staging, site)
    assert [p.name for p in site.iterdir()] == ["new"] and [p.name for p in staging.iterdir()] == ["old"]


@pytest.mark.slow
def test_a_kill_between_the_renames_is_undone_by_the_next_build(root):
    before = snapshot(root / "site")
    (root / "site").rename(root / OLD)  # what a kill between "site → .site-old" and "new → site" leaves
    (root / "build" / ".site-new-abc123").mkdir(parents=True)  # and a staging folder
    bad = root / "data" / "demo-2021-2025" / "figures.csv"
    bad.write_text(bad.read_text(encoding="utf-8") + "no-such-indicator,2022,,1,,,\n", encoding="utf-8")
    result = run(root)  # even a build that then fails puts the old site back first
    assert result.returncode == 1 and NOT_UPDATED in result.stderr
    assert snapshot(root / "site") == before
    assert not (root / OLD).exists() and not list(root.glob("**/.site-new-*"))


@pytest.mark.slow
def test_a_second_build_while_one_runs_is_refused_with_a_message(root):
    before = snapshot(root / "site")
    with open(root / LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # a build in progress holds this lock
        result = run(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "另一个生成过程（build）正在这个项目中运行" in result.stderr and NOT_UPDATED in result.stderr
    assert snapshot(root / "site") == before


def _small_disk() -> None:
    """Files may not grow past 20 KB: writing a bigger one fails as on a full disk (EFBIG, not a kill)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.mark.slow
def test_a_write_that_fails_names_the_file_and_keeps_the_site(root):
    shutil.rmtree(root / "build")  # nothing cached: the build has to write its PDFs and charts
    before = snapshot(root / "site")
    result = run(root, preexec_fn=_small_disk)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "无法读写 build/" in result.stderr and "文件超过了系统允许的大小" in result.stderr
    assert result.stderr.rstrip().endswith(NOT_UPDATED)
    assert snapshot(root / "site") == before


@pytest.mark.slow
def test_the_replaced_site_is_set_aside_then_removed_by_the_next_build(root):
    before = snapshot(root / "site")
    assert run(root).returncode == 0
    first = list((root / REPLACED).iterdir())
    assert len(first) == 1 and snapshot(first[0]) == before  # the site this build replaced, whole
    assert run(root).returncode == 0
    second = list((root / REPLACED).iterdir())
    assert len(second) == 1 and second != first  # the first one is gone, only the latest is kept
    assert not list((root / "build").glob(".site-new-*"))
