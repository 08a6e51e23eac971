"""The sample site as built by MkDocs: every kind of page, 示例数据 marks, charts with their text, downloads."""

import csv
import html as html_module
import io
import re
from pathlib import Path

import openpyxl
import pytest

pytestmark = pytest.mark.slow

SITE_PAGES = [
    "index.html",
    "plans/nantong-2021-2025/index.html",
    "plans/nantong-2021-2025/2024/index.html",
    "plans/nantong-2021-2025/2021/index.html",
    "plans/nantong-2021-2025/columns/2/index.html",
    "plans/nantong-2021-2025/indicators/preschool-gross-enrolment/index.html",
    "plans/rugao-2021-2023/2023/index.html",
    "plans/lianyungang-2021-2025/2022/index.html",
    "plans/nantong-2017/index.html",
    "plans/taizhou-2030/index.html",
    "methodology/index.html",
    "downloads/index.html",
    "about/index.html",
]


def page(site: Path, path: str) -> str:
    return (site / "site" / path).read_text(encoding="utf-8")


def article(site: Path, path: str) -> str:
    """The page's own content, without navigation and table of contents."""
    html = page(site, path)
    return html[html.index("<article"):html.index("</article>")]


@pytest.mark.parametrize("path", SITE_PAGES)
def test_pages_exist_in_chinese(sample_site, path):
    html = page(sample_site, path)
    assert '<html lang="zh"' in html


def test_every_page_with_sample_figures_says_so(sample_site):
    site = sample_site / "site"
    for path in site.joinpath("plans", "nantong-2021-2025").rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if "已完成（提前完成）" in html or "达到序时进度" in html:
            assert "示例数据" in html, path


def test_bulletin_has_overview_table_columns_and_units(sample_site):
    html = page(sample_site, "plans/nantong-2021-2025/2024/index.html")
    assert re.search(r"\d+ 项指标中，\d+ 项达到或快于序时进度", html)
    for heading in ("需要关注的指标", "主要指标监测情况", "专栏实施情况", "数据说明"):
        assert f">{heading}</h2>" in html
    assert "口径变化" in html  # the demo's change of definition is noted
    rugao = page(sample_site, "plans/rugao-2021-2023/2023/index.html")
    assert ">任务落实情况</h2>" in rugao and "教育局" in rugao


def test_lagging_indicators_are_named_first_whatever_their_attribute(sample_site):
    html = article(sample_site, "plans/lianyungang-2021-2025/2022/index.html")
    attention = html[html.index(">需要关注的指标</h2>"):html.index(">主要指标监测情况</h2>")]
    assert "约束性指标" in attention and "预警" in attention
    assert "义务教育标准班额比例（初中）" in attention
    nantong = article(sample_site, "plans/nantong-2021-2025/2024/index.html")  # a plan without 约束性 labels
    attention = nantong[nantong.index(">需要关注的指标</h2>"):nantong.index(">主要指标监测情况</h2>")]
    assert attention.count("未达到序时进度（滞后）") >= 5
    assert "已完成（提前完成）" not in attention and ">▲ 达到序时进度" not in attention
    home = article(sample_site, "index.html")
    assert home.index("预警") < home.index("各规划最新监测情况")


def test_earlier_years_stay_published(sample_site):
    for year in (2021, 2022, 2023, 2024):
        assert (sample_site / "site" / "plans" / "nantong-2021-2025" / str(year) / "index.html").is_file()


def test_each_chart_has_its_summary_and_data_table(sample_site):
    charts = 0
    for path in (sample_site / "site").rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        for figure in re.finditer(r'<figure class="chart"[^>]*>(.*?)</figure>\s*<details class="chart-data"[^>]*>(.*?)</details>',
                                  html, re.S):
            charts += 1
            inside, data = figure.groups()
            alt = re.search(r'<img alt="([^"]+)"', inside).group(1)
            caption = re.search(r"<figcaption>(.*?)</figcaption>", inside, re.S).group(1)
            assert alt and alt == caption.strip()
            assert "<table>" in data and "<td>" in data
        assert html.count('<figure class="chart"') == len(re.findall(r'<figure class="chart"[^>]*>.*?</figure>\s*<details class="chart-data"', html, re.S)), path
    assert charts > 50


def test_charts_are_static_svg_with_chinese_text(sample_site):
    svg = (sample_site / "site" / "charts" / "nantong-2021-2025" / "indicator-class-size-standard-primary.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "义务教育标准班额比例" in svg
    assert "Noto Sans CJK SC" in svg
    assert 'role="img"' in svg


def search_index_texts(site) -> dict[str, str]:
    """Pagefind's index: each indexed page's URL → its text as indexed (written back from its words)."""
    import gzip
    import json

    from generator.publish.search_index import text_of

    pages = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        record = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        pages[record["url"]] = text_of(record["content"])
    return pages


def test_charts_and_boilerplate_are_kept_out_of_the_search_index_but_tables_are_in(sample_site):
    pages = search_index_texts(sample_site / "site")
    texts = " ".join(pages.values())
    assert "图表数据" in texts and "序时进度要求" in texts  # the data tables are searchable
    assert "逆向指标" not in texts  # chart text (in the SVG) is not
    assert "本页的年度数值和进展情况是为演示生成的" not in texts and "首页 ›" not in texts  # nor the 示例数据 notice, breadcrumbs
    indicator = pages["/plans/nantong-2021-2025/indicators/preschool-gross-enrolment/"]
    assert "学前教育毛入园率" in indicator and "连云港" not in indicator  # the page's article, not the navigation
    assert "/search/" not in pages and not any("404" in url for url in pages)


def test_downloads_open_in_excel(sample_site):
    raw = (sample_site / "site" / "downloads" / "nantong-2021-2025.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:4] == ["规划编号", "规划名称", "指标编号", "指标名称"]
    assert any(r[3] == "学前教育毛入园率" and r[6] == "2024" for r in rows)
    book = openpyxl.load_workbook(sample_site / "site" / "downloads" / "all.xlsx")
    sheet = book["指标数据"]
    assert sheet.max_row == len(list(csv.reader(io.StringIO(
        (sample_site / "site" / "downloads" / "all.csv").read_bytes().decode("utf-8-sig"))))) 


def test_nothing_references_an_outside_host(sample_site):
    pattern = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""")
    # What the theme's scripts and styles would fetch on demand (Pagefind's: test_search_bundle_names_no_host…).
    fetchable = re.compile(r"""(?:["'`]|url\()https?://(?!www\.w3\.org/)""")
    for script in (p for p in (sample_site / "site").rglob("*") if p.suffix in (".js", ".css") and "pagefind" not in p.parts):
        assert not fetchable.search(script.read_text(encoding="utf-8")), script
    for path in (sample_site / "site").rglob("*"):
        if path.suffix in (".html", ".css", ".svg", ".xml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not pattern.search(text), path
            assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text and "unpkg.com" not in text, path


def test_a_page_carries_only_its_own_plans_navigation(sample_site):
    """Every plan's bulletins, 专栏 and counties on every page made a 13-plan site's pages ~200 KB."""
    html = page(sample_site, "plans/nantong-2021-2025/2024/index.html")
    assert 'href="../2023/"' in html and 'href="../columns/2/"' in html  # its own plan: all of it
    assert 'href="../../rugao-2021-2023/"' in html  # another plan: one link
    assert "rugao-2021-2023/2023/" not in html and "lianyungang-2021-2025/columns/" not in html


def test_no_source_maps_are_published(sample_site):
    assets = sample_site / "site" / "assets"
    assert list((sample_site / "site").rglob("*.map")) == []
    for path in [*assets.rglob("*.js"), *assets.rglob("*.css")]:
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path


def test_every_link_and_image_inside_the_site_resolves(sample_site):
    """MkDocs checks Markdown links; this also covers links written as HTML and the assets."""
    from html.parser import HTMLParser
    from urllib.parse import unquote, urldefrag, urlparse

    class Targets(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name in ("href", "src") and value:
                    self.found.append(value)

    site = sample_site / "site"
    broken = []
    for page_path in site.rglob("*.html"):
        parser = Targets()
        parser.feed(page_path.read_text(encoding="utf-8"))
        for target in parser.found:
            if urlparse(target).scheme or target.startswith(("#", "//")):
                continue
            path = unquote(urldefrag(target)[0].split("?")[0])
            if not path:
                continue
            resolved = (site / path.lstrip("/") if path.startswith("/") else page_path.parent / path).resolve()
            if resolved.is_dir():
                resolved = resolved / "index.html"
            if not resolved.is_file():
                broken.append((page_path.relative_to(site).as_posix(), target))
    assert broken == [], broken[:10]


def _text(html: str) -> str:
    import html as html_lib
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def test_statuses_say_no_more_than_the_numbers(sample_site):
    """No 个百分点 for an indicator not in %, no green light beside 滞后, no completion above 100 % for a
    target not met (a worsening series once read 350 %)."""
    pages = sorted((sample_site / "site" / "plans").glob("*/indicators/*/index.html"))
    assert len(pages) > 100
    for path in pages:
        text = _text(article(sample_site, str(path.relative_to(sample_site / "site"))))
        unit = re.search(r"单位\s*\|?\s*(\S+)", text)
        if unit and unit.group(1) != "%":
            # The measure beside a light compares 完成度 with 序时进度, two shares: its points are theirs.
            assert "个百分点" not in re.sub(r"完成度落后序时进度 [\d.]+\s个百分点", "", text), path
        for completion in re.findall(r"）=\s*(-?[\d.]+)%；序时进度", text):
            assert float(completion) <= 100, path
    for path in [*pages, *(sample_site / "site" / "plans").glob("*/20*/index.html"), sample_site / "site" / "index.html"]:
        for row in re.findall(r"<tr>.*?</tr>", path.read_text(encoding="utf-8"), re.S):
            assert not ("滞后" in row and "绿灯" in row), (path, row)


def test_methodology_case_table_is_computed_by_the_judge(sample_site):
    text = _text(article(sample_site, "methodology/index.html"))
    for words in ("到目标年恰好等于“>”的数值", "未保持", "与序时持平", "比目标低 100\u00a0人", "按“左右”±5% 的容差判定",
                  "阶段目标年实际值 2022 年的 11.8", "橙灯"):
        assert words in text


def test_every_page_title_is_a_chinese_name_not_an_id(sample_site):
    """<title> names the page in Chinese (with its plan's short name), never a file name or hash."""
    site = sample_site / "site"
    titles = {}
    for path in site.rglob("*.html"):
        if path.name == "404.html":
            continue
        match = re.search(r"<title>([^<]*)</title>", path.read_text(encoding="utf-8"))
        assert match, path
        titles[path.relative_to(site).as_posix()] = match.group(1)
    assert len(titles) > 300
    for path, title in titles.items():
        assert re.search(r"[\u4e00-\u9fff]", title.split(" - ")[0]), (path, title)
        assert not re.search(r"[0-9a-f]{8,}|[A-Za-z]+ [A-Za-z]+", title), (path, title)  # a hash, English words
    assert titles["plans/nantong-2021-2025/indicators/preschool-gross-enrolment/index.html"].startswith(
        "学前教育毛入园率｜南通“十四五”教育规划")
    assert "2024 年度监测公报｜南通“十四五”教育规划" in titles["plans/nantong-2021-2025/2024/index.html"]
    per_plan = [t for p, t in titles.items() if "/indicators/" in p]
    assert len(set(per_plan)) == len(per_plan)  # the same indicator in two plans: two titles


def test_indicator_page_opens_with_its_answer(sample_site):
    html = article(sample_site, "plans/nantong-2021-2025/indicators/preschool-gross-enrolment/index.html")
    card = html[html.index('<dl class="headline"'):html.index("</dl>")]
    assert html.index('<dl class="headline"') < html.index("示例数据") < html.index("<table")
    text = html_module.unescape(re.sub(r"<[^>]+>", " ", card))
    for words in ("2025 年数值", "状态", "序时进度要求", "目标", "2025\u00a0年 >99%"):
        assert words in text, words
    assert re.search(r'class="status status-[a-z-]+"', card)


def test_plan_page_opens_with_its_latest_status_and_lagging_indicators_first(sample_site):
    html = article(sample_site, "plans/nantong-2021-2025/index.html")
    assert html.index("最新进展") < html.index("最新数值") < html.index("规划基本信息") < html.index("印发机关")
    table = html[html.index("最新数值"):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    lagging = ["滞后" in row or "未达到" in row for row in rows]
    assert any(lagging) and lagging == sorted(lagging, reverse=True)  # every lagging row before the others
    # a latest value in each row; "—" only for a parent indicator whose figures are its sub-items' (见子项)
    assert all(re.search(r"<td>[^<]*(\d|数据暂缺)[^<]*</td>", row) or "见子项" in row for row in rows)


def test_requirements_carry_their_unit_and_counts_are_whole(sample_site):
    html = article(sample_site, "plans/nantong-2021-2025/2024/index.html")
    cells = re.findall(r"<td>([\d.]+)\u00a0(?:个|所|名|人)</td>", html)  # a no-break space: never split in a narrow cell
    assert len(cells) > 20
    assert all(re.fullmatch(r"\d+", number) for number in cells), cells
    assert not re.search(r"<td>\d+\.\d{2,}%?</td>", html)  # no 73.96% or 188.75


def test_footer_names_publisher_cutoff_release_date_and_contact(sample_site):
    for path in ("index.html", "plans/nantong-2021-2025/2024/index.html", "about/index.html"):
        html = page(sample_site, path)
        footer = html[html.index('<footer class="md-footer">'):]
        for words in ("发布单位：教育规划实施监测（示例站点）", "数据截至 2025 年底，2026 年 3 月 31 日发布（第 1 次发布）", "联系方式："):
            assert words in footer, (path, words)
        assert "上一页" not in footer and "下一页" not in footer  # no previous/next across plans


def test_breadcrumbs_end_with_a_link_not_a_separator(sample_site):
    html = page(sample_site, "plans/nantong-2021-2025/indicators/preschool-gross-enrolment/index.html")
    crumbs = re.search(r'<nav aria-label="当前位置" class="crumbs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert crumbs.count("›") == crumbs.count("<a ") - 1 and crumbs.rstrip().endswith("</a>")


@pytest.mark.slow
def test_404_page_is_chinese_and_works_under_a_sub_path(tmp_path):
    """Built with a site_url under a sub-path: every asset and the home link start from that path."""
    import shutil

    from plan_fixture import write_plan
    from site_fixture import ROOT, run_build

    root = tmp_path / "project"  # the small demo plan: every page kind's links, not the sample's size
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    for part in ("templates", "site_config"):
        shutil.copytree(ROOT / part, root / part)
    write_plan(root)
    (root / "data" / "demo-2021-2025").mkdir(parents=True)
    (root / "data" / "demo-2021-2025" / "figures.csv").write_text(
        "指标编号,年份,地区,数值,说明,来源,口径变化\npreschool-enrolment,2021,,98.4,,统计公报,\n", encoding="utf-8")
    settings = root / "site_config" / "site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "site_url: https://example.gov.cn/jiance/\n",
                        encoding="utf-8")
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    html = (root / "site" / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in html and "返回首页" in html and "Not found" not in html
    links = re.findall(r'(?:href|src)="([^"#]+)"', html)
    assert links and all(link.startswith(("/jiance/", "https://example.gov.cn/jiance/", "data:")) for link in links), links


def test_region_page_shows_every_year_with_a_switcher_and_its_own_figures(sample_site):
    from generator.render import links

    path = links.region("nantong-2021-2025", "海门区").removesuffix(".md") + "/index.html"
    html = article(sample_site, path)
    years = re.findall(r'<h2 id="(\d{4})-年">', html)
    assert years == ["2025", "2024", "2023", "2022", "2021"]
    for year in years:
        assert f'href="#{year}-年"' in html
    csv_link = re.search(r'href="([^"]+\.csv)"', html).group(1)
    rows = list(csv.reader(io.StringIO((sample_site / "site" / Path(path).parent / csv_link).resolve()
                                       .read_text(encoding="utf-8-sig"))))
    assert len(rows) > 12 and {row[7] for row in rows[1:]} == {"海门区"}


def test_indicator_page_offers_its_own_figures(sample_site):
    folder = sample_site / "site" / "plans" / "nantong-2021-2025" / "indicators" / "preschool-gross-enrolment"
    html = article(sample_site, "plans/nantong-2021-2025/indicators/preschool-gross-enrolment/index.html")
    own = [link for link in re.findall(r'href="([^"]+\.(?:csv|xlsx))"', html) if "preschool-gross-enrolment" in link]
    assert len(own) == 2
    rows = list(csv.reader(io.StringIO((folder / own[0]).resolve().read_text(encoding="utf-8-sig"))))
    assert {row[2] for row in rows[1:]} == {"preschool-gross-enrolment"} and len(rows) > 4
    book = openpyxl.load_workbook(folder / own[1])
    assert book.active.max_row == len(rows)


def test_search_bundle_names_no_host_it_would_fetch(sample_site):
    # What Pagefind's scripts name: the SVG namespace, translators' credits, and example.com and
    # https://p as bases for parsing relative URLs; none is fetched (the browser tests see no outside request).
    named = {m for p in (sample_site / "site" / "pagefind").glob("*.[jc]s*")
             for m in re.findall(r"https?://[A-Za-z0-9.-]+", p.read_text(encoding="utf-8"))}
    assert named <= {"http://www.w3.org", "https://example.com", "https://p", "https://github.com",
                     "https://harrymkt.github.io", "https://yekta.dev"}, named
    assert not list((sample_site / "site" / "pagefind").glob("*-ui.*"))  # Pagefind's own interfaces are not used
