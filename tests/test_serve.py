"""The staff preview: ``serve`` shows the pages and regenerates them when a plan file changes."""

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from plan_fixture import write_plan

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, want: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            text = urllib.request.urlopen(url, timeout=5).read().decode("utf-8")
            if want in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{want!r} not in {url} after {timeout} s")


def test_preview_regenerates_when_a_plan_changes(tmp_path):
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    write_plan(tmp_path)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(tmp_path), "serve",
                               "--address", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    try:
        url = f"http://127.0.0.1:{port}/plans/demo-2021-2025/"
        fetch(url, "示例市“十四五”教育发展规划")
        plan = tmp_path / "content" / "demo-2021-2025" / "plan.yaml"
        plan.write_text(plan.read_text(encoding="utf-8").replace("示政办发〔2022〕1号", "示政办发〔2022〕9号"),
                        encoding="utf-8")
        fetch(url, "示政办发〔2022〕9号")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output
    assert "已更新" in output


def test_the_preview_does_not_write_while_a_build_runs(tmp_path, capsys):
    from generator.pipeline import preview
    from generator.publish.build import build_lock

    write_plan(tmp_path)
    with build_lock(tmp_path):  # a build in progress holds the project's lock
        assert preview(tmp_path) is False
    assert "正在这个项目中运行，预览这次没有更新" in capsys.readouterr().err
    assert not (tmp_path / "build" / "docs").exists()


LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_in(line: str) -> list[str]:
    """Latin words in a line of serve's output, beyond the address, the log file's path and the engine's name."""
    return [w for w in LATIN_WORD.findall(re.sub(r"https?://\S+|build/serve\.log", " ", line))
            if w not in {"MkDocs", "PDF", "SVG", "Ctrl"}]  # names, not sentences


def test_serve_speaks_chinese_and_prints_the_address_only_once_it_answers(tmp_path):
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    write_plan(tmp_path)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(tmp_path), "serve",
                               "--address", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    lines = []
    try:
        for line in server.stdout:
            lines.append(line.rstrip("\n"))
            if "预览地址" in line:
                url = re.search(r"http://\S+", line).group(0)
                with urllib.request.urlopen(url, timeout=5) as answer:  # at once: no waiting, no retry
                    assert answer.status == 200
                break
        else:
            raise AssertionError("serve stopped without an address:\n" + "\n".join(lines))
    finally:
        server.terminate()
        lines += server.communicate(timeout=30)[0].splitlines()
    assert [line for line in lines if english_in(line)] == []
    assert sum("build/serve.log" in line for line in lines) == 1  # the engine's log: named once
    assert any("……" in line for line in lines[1:-1])  # progress while the first pages were made
    log = (tmp_path / "build" / "serve.log").read_text(encoding="utf-8")
    assert "Serving on" in log or "Building documentation" in log  # MkDocs' own lines went to the file


def test_a_server_that_cannot_start_is_told_in_chinese():
    from generator.publish import engine

    message = engine.server_failure("OSError: [Errno 98] Address already in use", "127.0.0.1:8000", "build/serve.log")
    assert "已被别的程序占用" in message and "--address 127.0.0.1:8001" in message
