"""The hostile cases of issue 19 (tests/hostile/surfaces.yaml): links out of the project, unbounded
work, ids and names that break later, text that reaches people raw, settings and ledger that crash.

Each case runs one real command (``build``, ``check``, ``import``, ``serve``) on a copy of a project
whose site has been built, beside a sentinel folder outside the project (a stranger's documents).
It must end as the manifest says — exit code, the Chinese message — with no traceback, no raw
terminal control character, the sentinel folder byte for byte as it was (hashed before and after)
and, for a refused command, the project itself untouched. Resource cases are run under a memory
limit and a timeout, and their measured peak memory and time are held to the manifest's bounds.
"""

from __future__ import annotations

import hashlib
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

import hostile_documents
from test_hostile import make_root

HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST = yaml.safe_load((HOSTILE / "surfaces.yaml").read_text(encoding="utf-8"))
CASES = {case["name"]: case for case in MANIFEST["cases"]}
OUTSIDE = "@outside"  # in a case: the sentinel folder outside the project
MEMORY_LIMIT = 2 * 1024 ** 3  # address space of one command: a guard that fails the test, not the machine
TIME_LIMIT = 120  # seconds for one command (a refused one takes a few)
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
# What the command measures of itself: run in-process, its peak resident memory (and its workers') on exit.
# Its own peak is VmHWM: ru_maxrss of a forked child keeps the parent's size from before exec (pytest's own).
MEASURED = ("import atexit, re, resource, sys\n"
            "own = lambda: int(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read()).group(1))\n"
            "peak = lambda: max(own(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "atexit.register(lambda: open(sys.argv[1], 'w').write(str(peak())))\n"
            "from generator.cli import main\n"
            "sys.exit(main(sys.argv[2:]))\n")


def sentinel(folder: Path) -> Path:
    """Someone's documents outside the project: what the build deleted and wrote into before."""
    for name, data in (("docs/工作计划.docx", b"PK\x03\x04 plan"), ("docs/notes/日记.txt", "今天".encode()),
                       ("replaced-sites/照片/1.jpg", b"\xff\xd8\xff jpeg"), ("published.json", b"{}"),
                       ("plan/plan.yaml", "id: elsewhere\n".encode())):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def tree_state(folder: Path) -> dict[str, tuple]:
    """Every entry under ``folder``, links not followed: kind, mode, mtime and a hash of the bytes."""
    state = {}
    for top, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(top, name)
            info = path.lstat()
            if path.is_symlink():
                content = os.readlink(path)
            elif path.is_file():
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                content = None
            state[path.relative_to(folder).as_posix()] = (info.st_mode, info.st_mtime_ns, content)
    return state


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    root = make_root(tmp_path_factory.mktemp("surfaces") / "good")
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return root


def _target(text: str, outside: Path) -> str:
    return str(outside) + text.removeprefix(OUTSIDE) if text.startswith(OUTSIDE) else text


def apply(case: dict, root: Path, outside: Path, scratch: Path) -> None:
    for target, text in (case.get("files") or {}).items():
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        (root / target).write_text(text, encoding="utf-8")
    for target, replacements in (case.get("edits") or {}).items():
        text = (root / target).read_text(encoding="utf-8")
        for old, new in replacements:
            assert old in text, (target, old)
            text = text.replace(old, new)
        (root / target).write_text(text, encoding="utf-8")
    for target in case.get("remove") or []:
        path = root / target
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    for target, pointing_to in (case.get("links") or {}).items():
        path = root / target
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(_target(pointing_to, outside))
    for name, maker in (case.get("make") or {}).items():
        getattr(hostile_documents, maker["kind"])(scratch / name, **maker.get("with", {}))


def run(case: dict, root: Path, outside: Path, scratch: Path) -> tuple[subprocess.CompletedProcess, float, int]:
    """The case's command, its time in seconds and its peak memory in MB."""
    values = {"root": str(root), "outside": str(outside), "scratch": str(scratch), "busy_port": "", "free_port": str(free_port())}
    busy = socket.socket()
    try:
        if "{busy_port}" in " ".join(case["run"]):
            busy.bind(("127.0.0.1", 0))
            busy.listen()
            values["busy_port"] = str(busy.getsockname()[1])
        argv = ["--root", str(root), *(part.format(**values) for part in case["run"])]
        peak_file = scratch / "peak"
        limit = lambda: resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))  # noqa: E731
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-c", MEASURED, str(peak_file), *argv], cwd=scratch, capture_output=True,
                                text=True, timeout=case.get("seconds", TIME_LIMIT), preexec_fn=limit)
        took = time.monotonic() - started
    finally:
        busy.close()
    peak = int(peak_file.read_text()) // 1024 if peak_file.is_file() else 0
    return result, took, peak


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_hostile_surface(built_project, tmp_path, name):
    case = CASES[name]
    root, outside, scratch = tmp_path / "project", sentinel(tmp_path / "outside"), tmp_path / "scratch"
    scratch.mkdir()
    shutil.copytree(built_project, root, symlinks=True)
    apply(case, root, outside, scratch)
    outside_before, project_before = tree_state(outside), tree_state(root)

    result, took, peak = run(case, root, outside, scratch)
    output = result.stdout + result.stderr

    assert result.returncode == case["exit"], output
    assert "Traceback" not in output and "程序内部错误" not in output, output
    assert not RAW_CONTROL.search(output), repr(output)
    for text in case.get("says") or []:
        assert text.format(outside=outside) in output, f"{text!r} not in:\n{output}"
    for text in case.get("never_says") or []:
        assert text not in output, output
    assert tree_state(outside) == outside_before  # nothing outside the project deleted, written or changed
    if case["exit"] != 0:
        assert tree_state(root) == project_before  # a refused command leaves the project as it was
    if "memory_mb" in case:
        print(f"{name}: {took:.1f} s, peak {peak} MB")
        assert peak < case["memory_mb"], f"peak {peak} MB"
        assert took < case["seconds"]
    if case.get("then"):
        getattr(sys.modules[__name__], f"then_{case['then'].replace('-', '_')}")(root, scratch, output)


def test_every_case_names_what_it_was_before():
    for case in CASES.values():
        assert case["before"] and case["what"] and case["run"], case["name"]


def test_every_behaviour_held_elsewhere_is_held_by_a_test():
    root = Path(__file__).resolve().parents[1]
    for behaviour in MANIFEST["held"]:
        assert behaviour["before"] and behaviour["after"], behaviour["name"]
        path, name = behaviour["test"].split("::")
        assert re.search(rf"^def {name}\(", (root / path).read_text(encoding="utf-8"), re.M), behaviour["name"]


def then_site_name_shown(root: Path, scratch: Path, output: str) -> None:
    for page in (root / "site" / "index.html", root / "site" / "methodology" / "index.html"):
        html_text = page.read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html_text, re.S).group(1)
        header = re.search(r'<div class="md-header__topic">\s*<span class="md-ellipsis">(.*?)</span>', html_text, re.S).group(1)
        assert title.endswith("某市监测&lt;b&gt;网&lt;/b&gt;") or title == "某市监测&lt;b&gt;网&lt;/b&gt;", title
        assert header.strip() == "某市监测&lt;b&gt;网&lt;/b&gt;", header
        assert "规划实施年度监测公报" not in title + header


def test_no_pydantic_message_reaches_staff_in_english():
    """Every kind of pydantic error, described for staff: no English sentence of pydantic's is left."""
    import typing

    from pydantic_core import core_schema

    from generator.load.validation import _describe

    for kind in typing.get_args(core_schema.ErrorType):
        error = {"type": kind, "loc": ("field_name",), "msg": "Input should be something English", "input": 1,
                 "ctx": {"error": ValueError("中文说明"), "expected": "'a' or 'b'", "gt": 0, "lt": 1}}
        message, _, expected = _describe(error)
        english = re.findall(r"\b(?:or|and|should|Input|Value)\b|[A-Za-z]{4,}", (message + expected).replace("field_name", "").replace("content/README", "").replace("true / false", ""))
        assert not english, (kind, message, expected)


def then_draft_not_injected(root: Path, scratch: Path, output: str) -> None:
    plan = yaml.safe_load((root / "content" / "injected" / "plan.yaml").read_text(encoding="utf-8"))
    assert plan.get("summary") != "注入的摘要" and plan.get("regions") != ["注入区"], plan
    assert not any(line.startswith(("summary:", "regions:")) for line in output.splitlines()), output


def then_no_forged_line(root: Path, scratch: Path, output: str) -> None:
    assert not any(line.lstrip().startswith("2. 请运行") for line in output.splitlines()), output
    assert not (root / "content" / "forged").exists()


def then_draft_visible_only(root: Path, scratch: Path, output: str) -> None:
    from generator.model.characters import FORBIDDEN

    for path in (root / "content" / "invisible").iterdir():
        text = path.read_text(encoding="utf-8")
        assert not FORBIDDEN.search(text) and "\\u001b" not in text and "\\u0000" not in text, (path.name, text)
    assert "甲县[2J乙区" in (root / "content" / "invisible" / "source.txt").read_text(encoding="utf-8")


def then_downloads_neutralised_alike(root: Path, scratch: Path, output: str) -> None:
    import csv
    import io

    import openpyxl

    downloads = root / "site" / "downloads"
    wanted = {"'=HYPERLINK(\"http://evil.example/\",\"点击\")", "'@SUM(A1:A9)"}
    for name in ("demo-2021-2025", "all"):
        rows = list(csv.reader(io.StringIO((downloads / f"{name}.csv").read_text(encoding="utf-8-sig"))))
        book = openpyxl.load_workbook(downloads / f"{name}.xlsx")
        cells = [c.value for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
        assert wanted <= {c for row in rows for c in row}, name
        assert wanted <= set(cells), name
        assert not [c for c in cells if c.startswith(("=", "+", "@")) or re.match(r"-(?!\d+(\.\d+)?$)", c)], name


def test_data_package_resource_names_are_unique_by_construction(tmp_path):
    """Plans evil (indicator rate-a), evil-rate (indicator a) and indicators-evil-rate-a: before issue 19,
    three resources named indicators-evil-rate-a, and Frictionless rejected the package."""
    from frictionless import validate

    from generator.render import links
    from generator.render.downloads import to_csv
    from generator.render.open_data import PACKAGE, data_package, indicator_file

    files = {links.download(indicator_file(plan, indicator)): b'{"schema_version": 1}\n'
             for plan, indicator in (("evil", "rate-a"), ("evil-rate", "a"))}
    files[links.download("indicators-evil-rate-a.csv")] = to_csv([])
    tables = [(links.download("indicators-evil-rate-a.csv"), "规划：指标数据", [])]
    package = data_package(files, tables, "网站", "说明", "单位", False)
    names = [resource["name"] for resource in yaml.safe_load(package)["resources"]]
    assert len(names) == len(set(names)) == 3, names
    for path, data in [*files.items(), (links.download(PACKAGE), package)]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    report = validate(tmp_path / "downloads" / PACKAGE)
    assert report.valid, report.flatten(["type", "message"])


def _sleeps(path: Path) -> None:
    time.sleep(60)


def _grows(path: Path) -> bytes:
    return b" " * (4 * 1024 ** 3)


@pytest.mark.parametrize("reader, words", [(_sleeps, "读取超过"), (_grows, "读取所需的内存超过")])
def test_a_reader_beyond_its_time_or_memory_is_stopped_with_a_message(monkeypatch, tmp_path, reader, words):
    """The backstop for a document no check foresaw: the reading process is stopped, the import says why."""
    from generator.plan_import import limits

    monkeypatch.setattr(limits, "READ_SECONDS", 2)  # the sleeper would finish after 60 s: stopped, it never does
    with pytest.raises(limits.TooCostly, match=words):
        limits.read_bounded(reader, tmp_path / "plan.pdf")


@pytest.mark.slow
def test_a_large_figure_is_not_taken_for_a_bomb(tmp_path):
    """Only what is inflated to read text is bounded: an image of 100 MB unpacked passes the check."""
    from generator.plan_import import limits

    hostile_documents.pdf_inflate(tmp_path / "figure.pdf", megabytes=100, image=True)
    hostile_documents.pdf_inflate(tmp_path / "bomb.pdf", megabytes=100)
    limits.check_pdf(tmp_path / "figure.pdf")
    with pytest.raises(limits.TooCostly, match="解压后超过 64 MB"):
        limits.check_pdf(tmp_path / "bomb.pdf")
