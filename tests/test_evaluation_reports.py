"""中期评估 / 期末评估 reports in the built sample site: the PDFs read back with poppler (pdftotext),
the web pages, the plan page's links; the publisher's contact on indicator, bulletin and report pages."""

import base64
import re
import subprocess
from html import escape as html_escape
from pathlib import Path

import pytest

from generator.judge.evaluation import Evaluation, Kind
from generator.model.status import VERDICT_WORDS
from generator.pipeline import load_and_judge
from generator.render.evaluation_pdf import evaluation_batch, pdf_path, report_charts
from generator.render.evaluation_report import plan_evaluations, verdict_counts

pytestmark = [pytest.mark.pdf, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
NANTONG = "nantong-2021-2025"
MIDTERM, FINAL = Evaluation(Kind.MIDTERM, 2023), Evaluation(Kind.FINAL, 2025)


@pytest.fixture(scope="module")
def judged():
    result = load_and_judge(ROOT)
    assert not result.problems
    return result


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def report_of(judged, plan_id, evaluation):
    results = next(r for r in judged.results if r.plan.id == plan_id)
    return results, next(r.report for r in plan_evaluations(results) if r.evaluation == evaluation)


def test_reports_exist_where_the_period_and_data_allow(sample_site):
    folder = sample_site / "site" / "downloads" / "evaluations"
    # 南通 has data to 2025: mid-term 2023 and end 2025; 如皋 (2021–2023, three years): the end only;
    # 连云港's data stop in 2022, before its mid-term year.
    assert {f"downloads/evaluations/{p.name}" for p in folder.glob("*.pdf")} == {
        pdf_path(NANTONG, MIDTERM), pdf_path(NANTONG, FINAL), pdf_path("rugao-2021-2023", Evaluation(Kind.FINAL, 2023))}
    for pdf in folder.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("evaluation", [MIDTERM, FINAL], ids=["2023 中期评估", "2025 期末评估"])
def test_every_main_indicator_is_in_the_pdf_with_its_verdict(sample_site, judged, evaluation):
    results, report = report_of(judged, NANTONG, evaluation)
    text = squeezed(pdf_text(sample_site / "site" / pdf_path(NANTONG, evaluation)))
    assert squeezed(f"{results.plan.info.title}{evaluation.title}报告") in text
    assert "示例数据" in text
    main = [(i, e) for i, e in report.indicators if i.table == "主要指标"]
    assert len(main) == 13
    # The item-by-item part names each indicator with its verdict: “学前教育毛入园率（快于预期）”.
    words = VERDICT_WORDS  # the 期末评估's verdicts are 已实现 / 提前实现 / 未实现 (judge/evaluation.py)
    missing = [results.plan.full_name(i) for i, e in main
               if squeezed(f"{results.plan.full_name(i)}（{words[e.verdict]}）") not in text]
    assert missing == []
    assert {e.verdict for _, e in report.indicators} <= set(VERDICT_WORDS)
    for key, n in verdict_counts(report.indicators):  # the count table: the word, then its count
        assert squeezed(f"{words[key]}{n}") in text


def test_the_midterm_pdf_states_the_trend_and_its_uncertainty(sample_site, judged):
    text = squeezed(pdf_text(sample_site / "site" / pdf_path(NANTONG, MIDTERM)))
    assert "线性趋势（最小二乘法）" in text and "残差标准差" in text and "最慢和最快的年变化" in text
    # 劳动年龄人口平均受教育年限 changed its definition in 2023: one comparable year, no trend.
    assert "可比年份只有1个（少于3个），不作趋势推算" in text
    assert "实施步骤" in text and "正在推进" in text


def test_the_rugao_report_counts_tasks_by_responsible_unit(sample_site, judged):
    results, report = report_of(judged, "rugao-2021-2023", Evaluation(Kind.FINAL, 2023))
    text = squeezed(pdf_text(sample_site / "site" / pdf_path("rugao-2021-2023", report.evaluation)))
    assert f"任务分解表中的任务{len(results.plan.tasks)}项" in text
    for unit in {results.plan.canonical_unit(u) for t in results.plan.tasks for u in t.lead_units}:
        assert squeezed(unit) in text


def test_web_report_linked_from_the_plan_page(sample_site, judged):
    site = sample_site / "site"
    plan_page = (site / "plans" / NANTONG / "index.html").read_text(encoding="utf-8")
    assert 'href="evaluations/midterm-2023/"' in plan_page and "2023 年中期评估" in plan_page
    assert 'href="evaluations/final-2025/"' in plan_page
    html = (site / "plans" / NANTONG / "evaluations" / "midterm-2023" / "index.html").read_text(encoding="utf-8")
    results, report = report_of(judged, NANTONG, MIDTERM)
    for indicator, e in report.indicators:
        name = results.plan.full_name(indicator)
        row = re.search(rf">{re.escape(name)}</a></td>\s*<td><span class=\"status [^\"]+\"><span aria-hidden=\"true\">"
                        rf"[^<]*</span> ([^<]+)</span>", html)
        assert row and row.group(1) == VERDICT_WORDS[e.verdict], name
    assert "../../../../downloads/evaluations/nantong-2021-2025-2023-midterm.pdf" in html
    lianyungang = (site / "plans" / "lianyungang-2021-2025" / "index.html").read_text(encoding="utf-8")
    article = lianyungang[lianyungang.index("<article"):lianyungang.index("</article>")]
    assert "年度监测公报" in article and "中期评估" not in article  # its data stop in 2022


@pytest.mark.parametrize("path", [
    "plans/nantong-2021-2025/indicators/class-size-standard-primary/index.html",
    "plans/nantong-2021-2025/2024/index.html",
    "plans/rugao-2021-2023/2023/index.html",
    "plans/nantong-2021-2025/evaluations/final-2025/index.html",
])
def test_pages_name_the_contact_for_questions_and_corrections(sample_site, judged, path):
    html = (sample_site / "site" / path).read_text(encoding="utf-8")
    section = html[html.index('id="问题反馈与数据更正"'):]
    for label, value in judged.config.settings.contact.lines():
        assert f"<li>{label}：{value}</li>" in section
    assert "数据更正说明</a>" in section


REPORTS = [(NANTONG, MIDTERM), (NANTONG, FINAL), ("rugao-2021-2023", Evaluation(Kind.FINAL, 2023))]


def record_of(judged, plan_id, evaluation):
    results = next(r for r in judged.results if r.plan.id == plan_id)
    return results, next(r for r in plan_evaluations(results) if r.evaluation == evaluation)


@pytest.mark.parametrize("plan_id, evaluation", REPORTS, ids=["南通 2023 中期", "南通 2025 期末", "如皋 2023 期末"])
def test_the_report_pdf_has_the_bulletins_charts_with_their_captions(sample_site, judged, plan_id, evaluation):
    """The year's status chart and a progress chart for every evaluated 专栏 indicator, numbered 图 1, 图 2 …,
    each captioned with its summary (the text alternative), drawn as vectors (their text is text)."""
    results, record = record_of(judged, plan_id, evaluation)
    status_key, columns, charts = report_charts(results, record, judged.config)
    in_columns = [i for i, _ in record.report.indicators if i.column is not None]
    assert status_key == f"charts/{plan_id}/status-{evaluation.year}.svg"
    assert sorted(key for keys in columns.values() for key in keys) == sorted(key for key in charts if key != status_key)
    assert len(charts) == 1 + len(in_columns)
    pdf = sample_site / "site" / pdf_path(plan_id, evaluation)
    raw = pdf_text(pdf)
    assert sorted(int(n) for n in re.findall(r"^图 (\d+)", raw, re.M)) == list(range(1, len(charts) + 1))
    # -raw: in content order, so two captions side by side are not read line by line across the page.
    text = squeezed(subprocess.run(["pdftotext", "-enc", "UTF-8", "-raw", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout)
    assert [key for key, chart in charts.items() if squeezed(chart.summary) not in text] == []
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) == 2  # only the header: no chart became a bitmap
    if in_columns:
        assert "实际值" in text and "规划目标" in text  # the progress charts' legends


def test_the_report_embeds_the_sites_own_svgs(sample_site, judged, tmp_path):
    """One truth: the 期末评估 of the latest year shows the very SVG files the site publishes."""
    results, record = record_of(judged, NANTONG, FINAL)
    html = evaluation_batch([results], judged.config, cache_dir=tmp_path, processes=1).todo[pdf_path(NANTONG, FINAL)][0]
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)">\s*<figcaption>([^<]+)</figcaption>', html)
    _, _, charts = report_charts(results, record, judged.config)
    by_summary = {html_escape(chart.summary): key for key, chart in charts.items()}
    assert len(images) == len(charts) == len(by_summary)
    for data, alt, caption in images:
        assert alt == caption and alt in by_summary
        assert base64.b64decode(data) == (sample_site / "site" / by_summary[alt]).read_bytes(), by_summary[alt]


@pytest.mark.parametrize("plan_id, evaluation", REPORTS[1:], ids=["南通 2025 期末", "如皋 2023 期末"])
def test_cover_labels_the_issuer_number_and_date_as_the_plans(sample_site, judged, plan_id, evaluation):
    info = next(r for r in judged.results if r.plan.id == plan_id).plan.info
    cover = squeezed(subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1",
                                     str(sample_site / "site" / pdf_path(plan_id, evaluation)), "-"],
                                    capture_output=True, text=True, check=True).stdout)
    assert squeezed(f"规划印发机关：{info.issuer}") in cover
    if info.document_number:
        assert squeezed(f"规划文号：{info.document_number}") in cover
    if info.issue_date:
        assert squeezed(f"规划印发日期：{info.issue_date.year} 年 {info.issue_date.month} 月 {info.issue_date.day} 日") in cover
    assert cover.count("印发机关") == cover.count("规划印发机关") and cover.count("文号") == cover.count("规划文号")


def test_same_inputs_give_the_same_bytes(sample_site, judged):
    """A render here (no caches, one process) equals the build's file, made in another process."""
    from generator.load.ledger import read_ledger
    from generator.model.release import Stamp

    results, record = record_of(judged, NANTONG, FINAL)
    ledger, problems = read_ledger(sample_site)
    assert ledger is not None and not problems
    stamp = Stamp(judged.latest_year(), ledger.last_release)
    batch = evaluation_batch([results], judged.config, processes=1, stamp=stamp, drafts=judged.drafts())
    assert set(batch.todo) == {pdf_path(NANTONG, MIDTERM), pdf_path(NANTONG, FINAL)}
    batch.todo = {pdf_path(NANTONG, FINAL): batch.todo[pdf_path(NANTONG, FINAL)]}  # one is enough
    assert batch.render()[pdf_path(NANTONG, FINAL)] == (sample_site / "site" / pdf_path(NANTONG, FINAL)).read_bytes()
