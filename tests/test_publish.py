"""Publishing safely: reproducible bytes, incremental rewrites, corrections listed, hostile text shown literally."""

import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plan_fixture import INDICATORS, SOURCE, TASKS, write_plan

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
FIGURES = """指标编号,年份,地区,数值,说明,来源,口径变化
preschool-enrolment,2021,,98.4,,统计公报,
preschool-enrolment,2022,,98.7,,统计公报,
student-teacher-ratio,2021,,17.4,,统计公报,
student-teacher-ratio,2022,,17.3,,统计公报,
class-size-primary,2022,甲县,60,,县教育局,
"""
MARCH_2025 = 1740787200  # 2025-03-01 UTC: when the figures file was corrected


def project(tmp_path: Path, figures: str = FIGURES, **overrides) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    write_plan(tmp_path, **overrides)
    data = tmp_path / "data" / "demo-2021-2025"
    data.mkdir(parents=True)
    (data / "figures.csv").write_text(figures, encoding="utf-8")
    return tmp_path


def build(root: Path, *options: str) -> str:
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build", *options],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def release(root: Path, date: str) -> str:
    result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "release", "--date", date],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()}


def correct_figure(root: Path, old: str, new: str) -> None:
    path = root / "data" / "demo-2021-2025" / "figures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, (MARCH_2025, MARCH_2025))


def test_same_inputs_give_byte_identical_sites(tmp_path):
    first = project(tmp_path / "a")
    build(first)
    once = {k: v[0] for k, v in snapshot(first / "site").items()}
    assert any(k.startswith("pagefind/fragment/") for k in once) and any(k.startswith("pagefind/index/") for k in once)
    build(first)
    assert {k: v[0] for k, v in snapshot(first / "site").items()} == once  # rebuilt in place
    second = project(tmp_path / "b")  # a separate copy, in another folder
    build(second)
    assert {k: v[0] for k, v in snapshot(second / "site").items()} == once


def test_a_corrected_figure_rewrites_only_the_pages_that_show_it(tmp_path):
    root = project(tmp_path)
    build(root)
    before = snapshot(root / "build" / "docs")
    correct_figure(root, "preschool-enrolment,2022,,98.7", "preschool-enrolment,2022,,98.9")
    output = build(root, "--timings", str(tmp_path / "timings.json"))
    after = snapshot(root / "build" / "docs")
    timings = json.loads((tmp_path / "timings.json").read_text(encoding="utf-8"))
    assert timings["done"]["PDF 公报"] == 1  # the 2022 bulletin; 2021's came from the PDF cache
    assert timings["done"]["图表 SVG"] >= 1
    assert "重新生成：图表" in output and "PDF 1 份" in output
    for year in (2021, 2022):  # rendered while MkDocs ran, then put in place of the stand-ins
        name = f"downloads/bulletins/demo-2021-2025-{year}-bulletin.pdf"
        published = (root / "site" / name).read_bytes()
        assert published.startswith(b"%PDF") and published == after[name][0]
    changed = {path for path in after if before.get(path) != after[path]}
    plan = "plans/demo-2021-2025"
    assert f"{plan}/indicators/preschool-enrolment.md" in changed
    assert f"{plan}/2022.md" in changed
    assert "charts/demo-2021-2025/indicator-preschool-enrolment.svg" in changed
    allowed = {f"{plan}/indicators/preschool-enrolment.md", f"{plan}/2022.md", f"{plan}/index.md", "index.md",
               "charts/demo-2021-2025/indicator-preschool-enrolment.svg", "corrections.md", "ledger.json",
               "downloads/demo-2021-2025.csv", "downloads/demo-2021-2025.xlsx", "downloads/all.csv", "downloads/all.xlsx",
               "downloads/bulletins/demo-2021-2025-2022-bulletin.pdf",
               "downloads/demo-2021-2025/indicators/preschool-enrolment.csv",  # the indicator page's own figures
               "downloads/demo-2021-2025/indicators/preschool-enrolment.xlsx",
               "downloads/indicators/demo-2021-2025/preschool-enrolment.json",  # open data: the indicator's JSON
               "downloads/datapackage.json",  # which lists each download's size and hash
               # The status overviews list every indicator's latest figure, the site's and the plan's.
               "overview.md", "overview/status.json", f"{plan}/overview.md", f"{plan}/overview/status.json"}
    assert changed <= allowed, changed - allowed
    for untouched in (f"{plan}/indicators/student-teacher-ratio.md", f"{plan}/2021.md", "methodology.md"):
        assert before[untouched] == after[untouched]  # same bytes and the same modification time


def test_a_change_to_a_published_figure_is_listed(tmp_path):
    root = project(tmp_path)
    release(root, "2023-03-31")
    correct_figure(root, "preschool-enrolment,2022,,98.7,", "preschool-enrolment,2022,,98.9,复核后更正")
    release(root, "2024-06-18")
    release(root, "2024-09-30")  # the correction stays listed after later releases, with the date it was first published
    page = html.unescape((root / "site" / "corrections" / "index.html").read_text(encoding="utf-8"))
    # Dated by the release that published it, not by the file's time or a later release.
    row = next(row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if "98.9" in row)
    assert "2024-06-18" in row and "98.7" in row and "复核后更正" in row
    assert "2025-03-01" not in page and "2024-09-30" not in row
    indicator = html.unescape((root / "site" / "plans" / "demo-2021-2025" / "indicators" / "preschool-enrolment" /
                               "index.html").read_text(encoding="utf-8"))
    assert "数据更正" in indicator and "98.7" in indicator


def fresh_clone(root: Path, to: Path) -> Path:
    """What a clone of the project's repository holds: everything but site/ and build/."""
    shutil.copytree(root, to, ignore=lambda folder, names: {"site", "build"} if Path(folder) == root else set())
    return to


@pytest.mark.slow
def test_the_correction_history_lives_with_the_data(tmp_path):
    root = project(tmp_path / "a")
    release(root, "2023-03-31")
    correct_figure(root, "preschool-enrolment,2022,,98.7,", "preschool-enrolment,2022,,98.9,复核后更正")
    release(root, "2023-06-30")
    build(root)  # a trial build after the releases: what a clone's trial build must repeat byte for byte
    ledger = (root / "data" / "published.json").read_text(encoding="utf-8")
    assert '"old": "98.7"' in ledger and '"new": "98.9"' in ledger
    published = {k: v[0] for k, v in snapshot(root / "site").items()}
    # A fresh clone (no site/, no build/) and one whose files all have other times publish the same bytes.
    clone = fresh_clone(root, tmp_path / "b")
    for path in clone.rglob("*"):
        os.utime(path, (MARCH_2025 + 86400 * 30, MARCH_2025 + 86400 * 30), follow_symlinks=False)
    build(clone)
    assert {k: v[0] for k, v in snapshot(clone / "site").items()} == published
    # site/ deleted: the history is still listed.
    shutil.rmtree(root / "site")
    build(root)
    page = html.unescape((root / "site" / "corrections" / "index.html").read_text(encoding="utf-8"))
    assert "98.7" in page and "复核后更正" in page


def run(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], capture_output=True, text=True)


@pytest.mark.slow
def test_a_lost_or_damaged_ledger_stops_the_build_and_says_how_to_recover(tmp_path):
    root = project(tmp_path)
    release(root, "2023-03-31")
    ledger = root / "data" / "published.json"
    before = snapshot(root / "site")
    content = ledger.read_bytes()
    ledger.unlink()
    result = run(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/published.json：找不到已发布数值的记录" in result.stderr
    assert "site/ledger.json 复制为 data/published.json" in result.stderr
    ledger.write_bytes(content[: len(content) // 2])  # truncated
    result = run(root)
    assert result.returncode == 1 and "data/published.json：已发布数值的记录无法读取" in result.stderr
    assert snapshot(root / "site") == before
    shutil.copy(root / "site" / "ledger.json", ledger)  # the recovery the message names
    build(root)


def test_filling_in_a_missing_figure_is_not_a_correction(tmp_path):
    root = project(tmp_path, figures=FIGURES + "preschool-enrolment,2023,,,尚未发布,,\n")
    build(root)
    correct_figure(root, "preschool-enrolment,2023,,,尚未发布", "preschool-enrolment,2023,,98.9,")
    build(root)
    page = (root / "site" / "corrections" / "index.html").read_text(encoding="utf-8")
    assert "目前没有更正" in page


HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[点我](javascript:alert(1))",
    "**粗体** _斜体_ `代码` | 表格 |",
    "{{ 7*7 }} {% raw %}",
    "# 标题",
    "😀 𠀀𪚥 &amp; &#60;",
    "长" * 3000,
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    hostile_yaml = [s.replace("'", "''") for s in HOSTILE]
    indicators = INDICATORS.replace("name: 生师比", f"name: '{hostile_yaml[0]}{hostile_yaml[5]}'")
    indicators = indicators.replace("    unit: 所", f"    unit: '{hostile_yaml[1]}'\n    note: '{hostile_yaml[4]}{hostile_yaml[6]}'")
    work = HOSTILE[2] + HOSTILE[3]
    tasks = TASKS.replace("work: 新建幼儿园10所，2023年底前完成。", f"work: '{work}'")
    source = SOURCE + work + "\n"
    figures = FIGURES.replace("98.7,,统计公报", f'98.7,"{HOSTILE[7]}","{HOSTILE[1].replace(chr(34), chr(34) * 2)}"')
    project(root, figures=figures, indicators_yaml=indicators, tasks_yaml=tasks, source_txt=source)
    build(root)
    return root / "site"


class LiveMarkup(HTMLParser):
    """Collects what a browser would run or follow: event handlers, javascript: links, inline scripts."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.found.append((tag, name, value))
        self.in_script = tag == "script"

    def handle_data(self, data):
        if self.in_script and "alert" in data:
            self.found.append(("script", "", data[:80]))

    def handle_endtag(self, tag):
        self.in_script = False


def test_hostile_text_is_shown_literally_and_never_runs(hostile_site):
    pages = {p: p.read_text(encoding="utf-8") for p in hostile_site.rglob("*.html")}
    for path, text in pages.items():
        parser = LiveMarkup()
        parser.feed(text)
        assert parser.found == [], path
        for rendered in ("<strong>粗体</strong>", "<em>斜体</em>", "<code>代码</code>", "<h1>标题"):
            assert rendered not in text, (path, rendered)
    shown = "".join(html.unescape(t) for t in pages.values())
    for string in HOSTILE:
        assert string in shown, string[:20]
    assert "49" not in shown.split("{{ 7*7 }}")[0][-5:]  # the template syntax was not evaluated
