"""Publishing is a release: a trial build never touches the ledger; corrections count from what a
release showed and are dated by the release that publishes them; dates never go backwards; a draft
year (初步数据) is published only when named, and is then marked on every page, PDF and download."""

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plan_fixture import write_plan

ROOT = Path(__file__).resolve().parents[1]
HEADER = "指标编号,年份,地区,数值,说明,来源,口径变化\n"
COMPLETE_2021 = """preschool-enrolment,2021,,98.4,,统计公报,
student-teacher-ratio,2021,,17.4,,统计公报,
class-size-primary,2021,,55,,统计公报,
"""
COMPLETE_2022 = """preschool-enrolment,2022,,98.7,,统计公报,
student-teacher-ratio,2022,,17.3,,统计公报,
class-size-primary,2022,,60,,统计公报,
"""


def project(root: Path, figures: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "site_config", root / "site_config")
    (root / "data").mkdir()
    shutil.copy(ROOT / "data" / "published.json", root / "data" / "published.json")  # the sample's: never released
    write_plan(root)
    set_figures(root, figures)
    return root


def set_figures(root: Path, figures: str) -> None:
    folder = root / "data" / "demo-2021-2025"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "figures.csv").write_text(HEADER + figures, encoding="utf-8")


def generator(root: Path, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *arguments],
                          capture_output=True, text=True, timeout=900)


def ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def correction_rows(root: Path) -> list[str]:
    page = text(root / "site" / "corrections" / "index.html")
    return [row for row in re.findall(r"<tr>.*?</tr>", page, re.S) if "<td>" in row]


def footer(root: Path, path: str = "index.html") -> str:
    html = text(root / "site" / path)
    return html[html.index('<footer class="md-footer">'):]


@pytest.mark.slow
def test_corrections_count_from_releases_and_are_dated_by_the_release_that_publishes_them(tmp_path):
    root = project(tmp_path, COMPLETE_2021)
    ledger = root / "data" / "published.json"
    never_released = ledger.read_bytes()

    # A trial build of figures nobody released, then other figures: the ledger is never touched.
    ok(generator(root, "build"))
    assert ledger.read_bytes() == never_released
    assert "试生成的预览，尚未发布" in footer(root)
    set_figures(root, COMPLETE_2021.replace("98.4", "98.5"))
    out = ok(generator(root, "release", "--date", "2022-03-31"))
    assert "第 1 次发布" in out
    assert correction_rows(root) == []  # 98.4 was only ever in a trial build: no correction
    assert json.loads(text(ledger))["releases"] == [{"number": 1, "date": "2022-03-31"}]
    assert "数据截至 2021 年底，2022 年 3 月 31 日发布（第 1 次发布）" in footer(root)
    released_once = ledger.read_bytes()

    # A released figure changed: the trial build shows it as pending and still writes nothing.
    set_figures(root, COMPLETE_2021.replace("98.4", "98.9,复核后更正"))
    ok(generator(root, "build"))
    assert ledger.read_bytes() == released_once
    (pending,) = correction_rows(root)
    assert "待发布" in pending and "98.5" in pending and "98.9" in pending

    # A date before the last release is refused in Chinese; nothing changes.
    site_before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    refused = generator(root, "release", "--date", "2022-03-30")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "早于上一次发布（第 1 次，2022 年 3 月 31 日）" in refused.stderr
    assert ledger.read_bytes() == released_once
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == site_before

    # The next release publishes the correction, dated by itself; a later one keeps that date.
    ok(generator(root, "release", "--date", "2022-06-30"))
    (row,) = correction_rows(root)
    assert "2022-06-30" in row and "98.5" in row and "98.9" in row and "复核后更正" in row
    ok(generator(root, "release", "--date", "2022-09-30"))
    (row,) = correction_rows(root)
    assert "2022-06-30" in row and "2022-09-30" not in row
    stamp = "数据截至 2021 年底，2022 年 9 月 30 日发布（第 3 次发布）"
    assert stamp in footer(root) and stamp in footer(root, "plans/demo-2021-2025/indicators/preschool-enrolment/index.html")
    package = json.loads(text(root / "site" / "downloads" / "datapackage.json"))
    assert package["release"] == {"statement": stamp, "data_until": 2021, "release_number": 3, "release_date": "2022-09-30"}
    assert [r["number"] for r in json.loads(text(ledger))["releases"]] == [1, 2, 3]
    assert text(root / "site" / "ledger.json") == text(ledger)  # the published copy, for recovery


@pytest.mark.slow
@pytest.mark.pdf
def test_a_draft_year_is_published_only_when_named_and_then_marked_everywhere(tmp_path):
    root = project(tmp_path, COMPLETE_2021 + "preschool-enrolment,2022,,98.7,,统计公报,\n")  # 2022: 1 of 4
    checked = ok(generator(root, "check"))
    assert re.search(r"2022｜1/4｜.*初步数据（发布须加 --include-draft 2022）", checked)
    assert re.search(r"2021｜3/4｜.*可以发布", checked)

    refused = generator(root, "release", "--date", "2023-03-31")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert "2022 年数据不全（初步数据），没有发布" in refused.stderr and "--include-draft 2022" in refused.stderr
    assert not (root / "site").exists() and json.loads(text(root / "data" / "published.json"))["releases"] == []

    out = ok(generator(root, "release", "--date", "2023-03-31", "--include-draft", "2022"))
    assert "2022 年作为初步数据发布" in out
    site = root / "site"
    plan = site / "plans" / "demo-2021-2025"
    for page in [plan / "2022" / "index.html", plan / "index.html", site / "index.html",
                 *(plan / "indicators").glob("*/index.html")]:
        assert re.search(r'class="admonition warning draft-notice".*?初步数据.*?2022 年的数据尚不完整', text(page), re.S), page
    assert "draft-notice" not in text(plan / "2021" / "index.html")  # a complete year says nothing
    pdf = subprocess.run(["pdftotext", str(site / "downloads" / "bulletins" / "demo-2021-2025-2022-bulletin.pdf"), "-"],
                         capture_output=True, text=True, check=True).stdout
    assert "初步数据" in pdf and "2022 年的数据尚不完整" in pdf
    earlier = subprocess.run(["pdftotext", str(site / "downloads" / "bulletins" / "demo-2021-2025-2021-bulletin.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout
    assert "初步数据" not in earlier
    rows = list(csv.DictReader(io.StringIO(text(site / "downloads" / "demo-2021-2025.csv").lstrip("\ufeff"))))
    assert {row["年份"]: row["初步数据"] for row in rows if row["地区"] == "全域"} == {"2021": "", "2022": "是"}
    indicator = json.loads(text(site / "downloads" / "indicators" / "demo-2021-2025" / "preschool-enrolment.json"))
    assert {y["year"]: y["preliminary"] for y in indicator["series"][0]["years"]} == {2021: False, 2022: True}
    package = json.loads(text(site / "downloads" / "datapackage.json"))
    assert package["preliminary"] == [{"plan": "demo-2021-2025", "year": 2022, "note": "初步数据"}]


def test_a_release_before_the_end_of_the_latest_data_year_is_refused(tmp_path, capsys):
    from generator.cli import main

    root = project(tmp_path, COMPLETE_2021 + COMPLETE_2022)
    assert main(["--root", str(root), "release", "--date", "2022-12-31"]) == 1
    refused = capsys.readouterr().err
    assert "不在最新数据年份（2022 年）结束之后" in refused and "2023-01-01 或之后的日期" in refused
    with pytest.raises(SystemExit) as wrong:
        main(["--root", str(root), "release", "--date", "31/03/2023"])
    assert wrong.value.code == 2 and "应写成 年-月-日" in capsys.readouterr().err
    assert not (root / "site").exists() and json.loads(text(root / "data" / "published.json"))["releases"] == []


def test_completeness_counts_what_is_reported_against_what_is_expected(tmp_path):
    from generator.check.completeness import completeness

    root = project(tmp_path, COMPLETE_2021 + "preschool-enrolment,2022,,98.7,,统计公报,\nstudent-teacher-ratio,2022,,,,统计公报,\n")
    rows = {row.year: row for row in completeness(root)}
    assert set(rows) == {2021, 2022}
    assert (rows[2021].indicators.reported, rows[2021].indicators.expected, rows[2021].is_draft) == (3, 4, False)
    assert (rows[2022].indicators.reported, rows[2022].indicators.expected, rows[2022].is_draft) == (1, 4, True)  # a blank is not reported
    assert {k: (c.reported, c.expected) for k, c in rows[2022].by_attribute.items()} == {"约束性": (1, 1), "未标注": (0, 3)}
    assert (rows[2022].tasks.expected, rows[2022].milestones.expected) == (1, 1)
    settings = root / "site_config" / "site.yaml"
    settings.write_text(text(settings).replace("draft_below: 0.5", "draft_below: 0.2"), encoding="utf-8")
    assert not any(row.is_draft for row in completeness(root))  # the threshold is the site's setting


def test_an_old_ledger_and_an_old_site_yaml_still_read(tmp_path):
    from generator.load.ledger import read_ledger

    root = project(tmp_path, COMPLETE_2021)
    (root / "data" / "published.json").write_text(
        json.dumps({"figures": {"demo-2021-2025|preschool-enrolment|2021|": "98.4"}, "corrections": []}), encoding="utf-8")
    settings = root / "site_config" / "site.yaml"
    settings.write_text(text(settings) + "release_date: 2022-03-31\n", encoding="utf-8")
    ledger, problems = read_ledger(root)
    assert problems == [] and ledger.releases == [] and ledger.figures  # figures published before releases were numbered
    from generator.config import load_site_config
    assert load_site_config(root / "site_config", root)[1] == []  # release_date is read, no longer used
    (root / "data" / "published.json").write_text(
        json.dumps({"figures": {}, "corrections": [], "releases": [{"number": 2, "date": "2022-03-31"}]}), encoding="utf-8")
    assert read_ledger(root)[1][0].code == "ledger-unreadable"


ENGLISH_WORDS = re.compile(r"\b(?:usage|positional|optional|options|arguments?|show|help|message|exit|error|"
                           r"required|invalid|choose|expected|unrecognized|ambiguous)\b", re.I)


@pytest.mark.parametrize("arguments", [["-h"], *([command, "-h"] for command in
                                                  ("check", "template", "import", "build", "release", "serve")),
                                       ["release"], ["release", "--date", "x"], ["template", "--plan", "a", "--year", "20x"],
                                       ["bogus"], ["check", "--unknown"], ["--root"], []])
def test_help_and_argument_errors_are_chinese(arguments, capsys):
    from generator.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(arguments)
    assert stopped.value.code in (0, 2)
    shown = "".join(capsys.readouterr())
    # Every word of Latin letters is a command, an option, a file name or a format, never a sentence.
    words = re.sub(r"--?[a-z-]+|[\w./<>-]*/[\w./<>-]*|\.\w+", " ", shown)
    assert shown.strip() and not ENGLISH_WORDS.search(words), shown
    assert set(re.findall(r"[A-Za-z]+", words)) <= {"check", "template", "import", "build", "release", "serve", "workbench", "bogus",
                                                    "JSON", "Excel", "PDF", "Word", "x", "a",
                                                    "yancheng"}, shown  # an example plan id
