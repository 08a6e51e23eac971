"""Every internal link of the built site leads somewhere (generator/publish/link_check.py), also for
plans whose data start late or stop early (#25 D0: no report, page or link for a year without a
bulletin; an evaluation covers only the years with data and says so)."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from generator.publish.link_check import broken_links
from generator.render import links
from site_fixture import copy_project, run_build

LIANYUNGANG, RUGAO = "lianyungang-2021-2025", "rugao-2021-2023"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_tiny_site_with_every_kind_of_link(tmp_path):
    site = write(tmp_path / "site", {
        "index.html": '<a href="plans/">计划</a><a href="plans/a/#s2">第二部分</a><a href="https://example.org/">外</a>'
                      '<img src="charts/a.svg"><a href="#top" id="top">顶</a><link rel="stylesheet" href="assets/site.css">'
                      '<a href="mailto:a@b.c">信</a><a href="downloads/%E5%85%A8%E9%83%A8.csv">下载</a>',
        "plans/index.html": '<a href="../index.html">首页</a><a href="a/">甲</a>',
        "plans/a/index.html": '<h2 id="s2">二</h2><a href="../../downloads/bulletins/a-2023.pdf">PDF</a>',
        "charts/a.svg": '<svg xmlns="http://www.w3.org/2000/svg"><a href="../plans/a/"><text>甲</text></a></svg>',
        "assets/site.css": "body { background: url('../charts/a.svg'); }",
        "downloads/全部.csv": "a,b\n",
        "downloads/bulletins/a-2023.pdf": "%PDF-1.7\n",
    })
    assert broken_links(site) == []


def test_missing_files_and_parts_of_pages_are_named(tmp_path):
    site = write(tmp_path / "site", {
        "index.html": '<a href="plans/2023/">2023 年公报</a><a href="plans/a/#s9">第九部分</a>'
                      '<img src="charts/none.svg"><a href="../outside.html">外面</a>',
        "plans/a/index.html": '<h2 id="s2">二</h2>',
        "assets/site.css": "body { background: url(missing.png); }",
        "charts/a.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                        '<image xlink:href="gone.png"/></svg>',
    })
    assert broken_links(site) == [
        "assets/site.css → missing.png（文件不存在）",
        "charts/a.svg → gone.png（文件不存在）",
        "index.html → ../outside.html（指向网站以外的文件）",
        "index.html → charts/none.svg（文件不存在）",
        "index.html → plans/2023/（文件不存在）",
        "index.html → plans/a/#s9（页面中没有“s9”这一部分）",
    ]


def keep_plans(root: Path, plans: set[str]) -> None:
    for folder in ("content", "data"):
        for path in (root / folder).iterdir():
            if path.is_dir() and path.name not in plans:
                shutil.rmtree(path)
    ledger = root / "data" / "published.json"
    if ledger.exists():
        ledger.unlink()  # the sample's published figures belong to the years removed here


def rewrite_years(folder: Path, years: dict[int, int]) -> None:
    """Every data file of the plan keeps only the years in ``years``, each moved to its new year."""
    for path in folder.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        header, body = rows[0], rows[1:]
        column = header.index("年份")
        kept = [[*row[:column], str(years[int(row[column])]), *row[column + 1:]] for row in body
                if int(row[column]) in years]
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows([header, *kept])
        path.write_text("\ufeff" + out.getvalue(), encoding="utf-8")


def built(root: Path) -> Path:
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    site = root / "site"
    assert broken_links(site) == []
    return site


@pytest.mark.slow
def test_data_starting_after_the_midterm_and_stopping_early_build_without_broken_links(tmp_path):
    """连云港's data start in 2024 (after its 2023 中期评估): no 2023 report, page or link; 如皋's stop after
    2021: one bulletin, no 期末评估."""
    root = copy_project(tmp_path)
    keep_plans(root, {LIANYUNGANG, RUGAO})
    rewrite_years(root / "data" / LIANYUNGANG, {2021: 2024})
    rewrite_years(root / "data" / RUGAO, {2021: 2021})
    site = built(root)
    plan = site / "plans" / LIANYUNGANG
    assert sorted(p.name for p in plan.iterdir() if p.name.isdigit()) == ["2024"]
    assert not (plan / "evaluations").exists() and not (site / "downloads" / "evaluations").exists()
    assert "中期评估" not in (plan / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (site / "plans" / RUGAO).iterdir() if p.name.isdigit()) == ["2021"]
    assert sorted(p.name for p in (site / "downloads" / "bulletins").iterdir()) == sorted(
        Path(links.bulletin_pdf(plan_id, year)).name for plan_id, year in ((LIANYUNGANG, 2024), (RUGAO, 2021)))


@pytest.mark.slow
def test_an_evaluation_covers_the_years_with_data_and_says_so(tmp_path):
    """连云港's data start in 2022: its 2023 中期评估 rests on 2022—2023 and names the year without data."""
    root = copy_project(tmp_path)
    keep_plans(root, {LIANYUNGANG})
    rewrite_years(root / "data" / LIANYUNGANG, {2021: 2022, 2022: 2023})
    site = built(root)
    reports = sorted((site / "plans" / LIANYUNGANG / "evaluations").rglob("index.html"))
    assert [p.parent.name for p in reports] == ["midterm-2023"]
    text = reports[0].read_text(encoding="utf-8")
    assert "本报告依据 2022—2023 年的监测数据（2021 年没有监测数据，不作推算）。" in text
    assert "2023 年度监测公报" in text  # the bulletin of the evaluation year exists and is linked
