"""The printable annual bulletin: real PDFs from WeasyPrint, read back with poppler (pdftotext, pdffonts)."""

import dataclasses
import re
import subprocess
from pathlib import Path

import pytest

from generator.model.status import Status, word
from generator.load.ledger import read_ledger
from generator.model.release import Stamp
from generator.pipeline import judge_for_site, load_and_judge
from generator.render import links
from generator.render.bulletin_pdf import bulletin_html, bulletin_pdfs, chinese_number, render_pdf, PRINT_CSS, TEMPLATES
from generator.render.year_report import bulletin_title, year_report

pytestmark = pytest.mark.pdf

ROOT = Path(__file__).resolve().parents[1]
NANTONG, YEAR = "nantong-2021-2025", 2024
SECTIONS = ["一、总体情况", "二、需要关注的指标", "三、主要指标监测情况", "四、各县（市、区）情况", "五、专栏实施情况", "六、数据说明",
            "附件：测算方法说明"]  # 南通 has no task breakdown: no 任务落实情况 section at all


def pdf_path(plan_id, year):
    return links.bulletin_pdf(plan_id, year)


def pdf_name(plan_id, year):
    return Path(pdf_path(plan_id, year)).name


def pdf_title(results, year):
    return bulletin_title(results.plan, year)


@pytest.fixture(scope="module")
def judged():
    result = load_and_judge(ROOT)
    assert not result.problems
    return result


def results_of(judged, plan_id):
    return next(r for r in judged.results if r.plan.id == plan_id)


def rejudged(judged, results, **changes):
    """The plan's rule results with ``changes`` (plan, years), judged again for rendering."""
    return judge_for_site(judged.config, [dataclasses.replace(results.results, **changes)])[0][0]


@pytest.fixture(scope="module")
def bulletins(sample_site):
    return sample_site / "site" / "downloads" / "bulletins"


@pytest.fixture(scope="module")
def nantong_pdf(bulletins):
    return bulletins / pdf_name(NANTONG, YEAR)


def text_of(pdf: Path, first: int | None = None, last: int | None = None, layout: bool = False) -> str:
    """The PDF's text; ``layout`` keeps each table row's cells together, in row order."""
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else []), *(["-layout"] if layout else [])]
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def squeezed(text: str) -> str:
    """Without spaces and line breaks: a name wrapped inside a table cell reads as one again."""
    return re.sub(r"\s+", "", text)


def info_of(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", "-isodates", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def test_one_pdf_per_plan_and_year_with_data(judged, bulletins):
    expected = {pdf_name(r.plan.id, y) for r in judged.results for y in r.years}
    assert {p.name for p in bulletins.glob("*.pdf")} == expected
    assert all(name.isascii() and re.fullmatch(r"[a-z0-9-]+-\d{4}-bulletin\.pdf", name) for name in expected)
    for name in expected:
        assert bulletins.joinpath(name).read_bytes().startswith(b"%PDF-")


def test_every_judged_indicator_and_status_is_in_the_text(judged, nantong_pdf):
    results = results_of(judged, NANTONG)
    text = squeezed(text_of(nantong_pdf))
    assert squeezed(results.plan.info.title) in text
    assert f"{YEAR}年度监测公报" in text
    pairs = [(s.indicator, s.judgement) for s in results.year(YEAR).standings]
    assert len(pairs) > 50
    missing = [results.plan.full_name(i) for i, _ in pairs if squeezed(results.plan.full_name(i)) not in text]
    assert not missing
    statuses = {j.status for _, j in pairs} | {j.light for _, j in pairs if j.light}
    statuses |= {state.status for _, _, state in results.milestones[YEAR]}
    statuses |= {state.status for _, state in results.tasks[YEAR]}
    assert [s for s in statuses if squeezed(word(s)) not in text] == []


def test_sections_come_in_a_bulletins_order(nantong_pdf):
    body = squeezed(text_of(nantong_pdf, first=3))  # after the title page and the table of contents
    positions = [body.find(squeezed(s)) for s in SECTIONS]
    assert -1 not in positions and positions == sorted(positions)
    assert "口径变化" in body and "数据暂缺" in body  # the data notes of this year
    assert "序时进度" in body and "完成度" in body  # the methodology appendix
    assert "从略" not in body and "任务落实情况" not in body  # no empty section


def test_title_page_names_plan_issuer_publisher_and_sample(judged, nantong_pdf):
    info = results_of(judged, NANTONG).plan.info
    cover = squeezed(text_of(nantong_pdf, 1, 1))
    for text in (info.title, f"{YEAR} 年度监测公报", info.issuer, info.document_number, "教育规划实施监测（示例站点）",
                 f"数据截至 {YEAR} 年底", "示例数据"):
        assert squeezed(text) in cover, text


def test_table_of_contents_gives_the_right_page_numbers(nantong_pdf):
    toc = text_of(nantong_pdf, 2, 2)
    assert "目" in toc and "录" in toc
    for section in SECTIONS:
        match = re.search(re.escape(section) + r"\s*\.+\s*(\d+)", toc)
        assert match, section
        page = int(match.group(1))
        assert squeezed(section) in squeezed(text_of(nantong_pdf, page, page)), section


def test_fonts_are_embedded_chinese_faces_not_type3(nantong_pdf):
    out = subprocess.run(["pdffonts", str(nantong_pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        assert "Type 3" not in row, row
        assert re.search(r"\s(yes)\s+(yes|no)\s+(yes)\s+\d+\s+\d+$", row), row  # embedded, with a ToUnicode map
    names = " ".join(row.split()[0] for row in rows)
    assert "Noto-Serif-CJK-SC" in names and "Noto-Sans-CJK-SC" in names
    assert "JP" not in names and "KR" not in names and "TC" not in names


def test_page_count_size_and_fixed_dates(nantong_pdf):
    info = info_of(nantong_pdf)
    assert 5 <= int(info["Pages"]) <= 80
    assert "595.276 x 841.89" in info["Page size"]  # A4 portrait
    assert info["CreationDate"].strip().startswith(f"{YEAR}-12-31")
    assert info["Title"].strip() == f"南通市“十四五”教育发展规划 {YEAR} 年度监测公报"


def test_charts_stay_vector_with_searchable_text(nantong_pdf):
    images = subprocess.run(["pdfimages", "-list", str(nantong_pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.splitlines()) == 2  # only the header: no chart became a bitmap
    text = text_of(nantong_pdf)
    assert "单位：所" in text and "实际值" in text  # axis titles and legends of the charts are text


def ledger_of(root: Path):
    ledger, problems = read_ledger(root)
    assert ledger is not None and not problems
    return ledger


def test_same_inputs_give_the_same_bytes(judged, bulletins, sample_site):
    """A render here (no caches, one process) equals the build's file, made in another process."""
    results = rejudged(judged, results_of(judged, NANTONG), years=(YEAR,))
    # The sample site is released (conftest.sample_site): its covers carry that release.
    stamp = Stamp(judged.latest_year(), ledger_of(sample_site).last_release)
    pdfs = bulletin_pdfs([results], judged.config, TEMPLATES, processes=1, cases=judged.cases, stamp=stamp,
                         drafts=judged.drafts())
    assert list(pdfs) == [pdf_path(NANTONG, YEAR)]
    assert pdfs[pdf_path(NANTONG, YEAR)] == bulletins.joinpath(pdf_name(NANTONG, YEAR)).read_bytes()


def test_web_bulletin_and_downloads_page_link_the_pdfs(judged, sample_site):
    site = sample_site / "site"
    page = (site / "plans" / NANTONG / str(YEAR) / "index.html").read_text(encoding="utf-8")
    link = f'href="../../../downloads/bulletins/{pdf_name(NANTONG, YEAR)}"'
    assert link in page
    assert f"下载 PDF 版：{pdf_title(results_of(judged, NANTONG), YEAR)}" in page
    downloads = (site / "downloads" / "index.html").read_text(encoding="utf-8")
    for results in judged.results:
        for year in results.years:
            assert f'href="bulletins/{pdf_name(results.plan.id, year)}"' in downloads
            assert pdf_title(results, year) in downloads


def test_text_from_content_is_shown_literally(judged, tmp_path):
    hostile = "<i>斜体</i>&amp;{{ 7*7 }}"
    results = results_of(judged, "lianyungang-2021-2025")
    plan = results.plan
    first = results.year(results.years[0]).standings[0].indicator
    indicators = [i.model_copy(update={"name": f"{i.name}<b>粗</b>"}) if i.id == first.id else i for i in plan.indicators]
    plan = plan.model_copy(update={"info": plan.info.model_copy(update={"title": hostile}), "indicators": indicators})
    results = rejudged(judged, results, plan=plan, years=results.years[:1])
    html = bulletin_html(results, results.years[0], judged.config, cache_dir=tmp_path, cases=judged.cases)
    assert "<i>斜体" not in html and "<b>粗" not in html
    assert "&lt;i&gt;斜体&lt;/i&gt;&amp;amp;{{ 7*7 }}" in html
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(render_pdf(html, (TEMPLATES / PRINT_CSS).read_text(encoding="utf-8"), "hostile"))
    text = squeezed(text_of(pdf))
    assert squeezed(hostile) in text and f"{first.name}<b>粗</b>" in text


def test_chinese_section_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 99)] == ["一", "九", "十", "十一", "二十", "二十一", "九十九"]


@pytest.mark.pdf
def test_rare_characters_and_emoji_have_a_font_in_the_pdf(judged, tmp_path):
    """CJK Extension B (𠀀, 𪚥: personal and place names) and emoji are drawn with a font that has them
    (HanaMinB, DejaVu), not as empty boxes."""
    results = results_of(judged, "lianyungang-2021-2025")
    plan = results.plan
    plan = plan.model_copy(update={"info": plan.info.model_copy(update={"title": "𠀀𪚥县教育规划😀"})})
    results = rejudged(judged, results, plan=plan, years=results.years[:1])
    html = bulletin_html(results, results.years[0], judged.config, cache_dir=tmp_path, cases=judged.cases)
    pdf = tmp_path / "rare.pdf"
    pdf.write_bytes(render_pdf(html, (TEMPLATES / PRINT_CSS).read_text(encoding="utf-8"), "rare"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "HanaMinB" in fonts, fonts
    assert "𠀀𪚥县教育规划😀" in squeezed(text_of(pdf))


def status_sequence(text: str, styles) -> list[str]:
    """The indicator statuses shown (icon and word, as a status cell has them), in reading order."""
    shown = {squeezed(styles.of(s).icon + word(s)): s for s in Status}
    words = sorted(shown, key=len, reverse=True)  # 未达到序时进度 holds 达到序时进度
    return [shown[w] for w in re.findall("|".join(re.escape(w) for w in words), squeezed(text))]


def test_web_and_pdf_bulletins_have_the_same_sections_indicators_and_statuses(judged, sample_site, nantong_pdf):
    report = year_report(results_of(judged, NANTONG), YEAR)
    html = (sample_site / "site" / "plans" / NANTONG / str(YEAR) / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    web_headings = [re.sub(r"<[^>]+>", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", article)]
    assert web_headings[-1] == "问题反馈与数据更正"  # in print: a note of 数据说明 (checked below)
    web_headings = web_headings[:-1]
    pdf_body = text_of(nantong_pdf, first=3)
    pdf_headings = [h for h in re.findall(r"^[一二三四五六七八九十]+、(\S+)$", pdf_body, re.M)]
    assert web_headings == pdf_headings == [heading for _, heading in report.sections]
    contact = judged.config.settings.contact
    assert squeezed("问题反馈与数据更正") in squeezed(text_of(nantong_pdf)) and squeezed(contact.phone) in squeezed(text_of(nantong_pdf))

    def section(text: str, start: str, end: str) -> str:
        """From the heading ``start`` to the heading ``end`` (the last mention of ``start`` before it)."""
        text = squeezed(re.sub(r"<[^>]+>", "", text))
        stop = text.index(squeezed(end))
        return text[text.rindex(squeezed(start), 0, stop):stop]

    web = section(article, "主要指标监测情况", "各县（市、区）情况")
    pdf = section(pdf_body, "三、主要指标监测情况", "四、各县（市、区）情况")
    lines = [line for _, group in report.groups for line in group]
    assert all(squeezed(line.name) in web and squeezed(line.name) in pdf for line in lines)
    in_rows = text_of(nantong_pdf, first=3, layout=True)
    pdf = section(in_rows, "三、主要指标监测情况", "四、各县（市、区）情况")
    styles = judged.config.styles
    goals = [j.status for _, j in results_of(judged, NANTONG).year(YEAR).goals]  # their own subsection
    assert status_sequence(web, styles) == status_sequence(pdf, styles) == [line.judgement.status for line in lines] + goals
    attention = section(in_rows, "二、需要关注的指标", "三、主要指标监测情况")
    assert status_sequence(attention, styles) == [line.judgement.status for line in report.attention]


def test_the_pdf_is_tagged_for_screen_readers(nantong_pdf):
    from pypdf import PdfReader

    root = PdfReader(nantong_pdf).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "zh-CN"


def test_cover_labels_the_issuer_number_and_date_as_the_plans(judged, nantong_pdf):
    """The 印发机关 / 文号 / 印发日期 on the cover are the plan's, not the bulletin's (its own stamp is at the foot)."""
    info = results_of(judged, NANTONG).plan.info
    cover = squeezed(text_of(nantong_pdf, 1, 1))
    assert squeezed(f"规划印发机关：{info.issuer}") in cover
    assert squeezed(f"规划文号：{info.document_number}") in cover
    assert squeezed(f"规划印发日期：{info.issue_date.year} 年 {info.issue_date.month} 月 {info.issue_date.day} 日") in cover
    assert cover.count("印发机关") == cover.count("规划印发机关") and cover.count("文号") == cover.count("规划文号")


def print_css() -> str:
    return (TEMPLATES / PRINT_CSS).read_text(encoding="utf-8") + (TEMPLATES / "print" / "evaluation.css").read_text(encoding="utf-8")


def test_print_style_justifies_nothing():
    """WeasyPrint justifies by widening spaces only: around the numbers in Chinese text ("16 项") they grew into gaps."""
    assert not re.search(r"text-align\s*:\s*justify", print_css())


def test_no_line_of_a_rendered_bulletin_is_justified(judged, tmp_path):
    """Every line box as WeasyPrint lays it out (whatever rule or default gave its alignment), and a
    paragraph with numbers sits with normal spaces: every space around its numbers as wide as the others
    (justified, the spaces of each line widen by that line's own amount)."""
    from weasyprint import CSS, HTML
    from weasyprint.formatting_structure.boxes import LineBox

    results = results_of(judged, "lianyungang-2021-2025")
    results = rejudged(judged, results, years=results.years[:1])
    html = bulletin_html(results, results.years[0], judged.config, cache_dir=tmp_path, cases=judged.cases)
    document = HTML(string=html).render(stylesheets=[CSS(string=print_css())])
    aligns = {box.style["text_align_all"] for page in document.pages for box in page._page_box.descendants()
              if isinstance(box, LineBox)}
    assert aligns and "justify" not in aligns, aligns

    text = "本专栏 16 项指标：快于预期 4 项，基本符合预期 9 项，滞后 3 项；任务分解表中的任务 128 项，已完成 57 项。" * 4
    pdf = tmp_path / "spaces.pdf"
    pdf.write_bytes(render_pdf(f'<main><section class="part"><p>{text}</p></section></main>', print_css(), "spaces"))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    gaps = [float(b[0]) - float(a[2]) for a, b in zip(words, words[1:]) if a[1] == b[1]]
    assert len(gaps) > 20 and max(gaps) - min(gaps) < 0.3 and max(gaps) < 11 / 2, gaps  # 11 pt text


def body_pages(pdf: Path) -> list[tuple[float, str]]:
    """Per page: how far down the text area the text reaches (0 top, 1 bottom) and the first line's text;
    the running header and the page number (in the margins) left out."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        top, bottom = 28 / 25.4 * 72, height - 24 / 25.4 * 72  # bulletin.css: @page margins
        words = [(float(y0), float(y1), w) for y0, y1, w in
                 re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page)]
        body = [(y0, y1, w) for y0, y1, w in words if y0 >= top - 2 and y1 <= bottom + 2]
        first = min((y0 for y0, _, _ in body), default=top)
        pages.append(((max((y1 for _, y1, _ in body), default=top) - top) / (bottom - top),
                      "".join(w for y0, _, w in body if abs(y0 - first) < 3)))
    return pages


def test_no_page_is_left_half_empty(sample_site):
    """Tables and rows of charts break across pages (a flex box of charts used to move whole to the next
    page): only the title page, a page before a forced break (正文, 附件) and the last end high. Every
    bulletin and evaluation report."""
    downloads = sample_site / "site" / "downloads"
    pdfs = sorted([*downloads.glob("bulletins/*.pdf"), *downloads.glob("evaluations/*.pdf")])
    assert len(pdfs) > 10
    short = {}
    for pdf in pdfs:
        pages = body_pages(pdf)
        short[pdf.name] = [(n, round(fill, 2)) for n, (fill, _) in enumerate(pages[:-1], 1)
                           if n > 1 and fill < 0.5 and not pages[n][1].startswith(("一、", "附件"))]
    assert not any(short.values()), short
