"""What a reader looks for, in a real browser on the sample site: search puts the page named by the
query first and pages with nothing reported last; the 状态总览 filters, sorts and keeps its state in
the address, and reads without scripts; the 多规划比较 page; the 适老化 mode on a 360 px phone."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from generator.render import links
from site_fixture import skip_unless_available

pytestmark = pytest.mark.browser

NT, LYG, RG = "南通“十四五”教育规划", "连云港“十四五”教育规划", "如皋创建义务教育优质均衡发展县实施方案"


def search(browser, site_url, query):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + "search/?q=" + query)
    page.wait_for_function("() => /找到|未找到/.test(document.querySelector('.site-search-page__message').innerText)")
    if "未找到" not in page.inner_text(".site-search-page__message"):
        page.wait_for_selector(".site-search-page__results li")
    results = page.eval_on_selector_all(".site-search-page__results li", """els => els.map(e => [
        e.querySelector('.site-search-page__link').innerText.trim(),
        (e.querySelector('.site-search-page__about') || {innerText: ''}).innerText])""")
    page.close()
    assert errors == []
    return results


# Names of places, indicators, units, 专栏, statuses and years, as a reader types them (full-width
# punctuation included), and the title the first result must start with.
RANKING = [
    ("海门区", f"海门区｜{NT}"),  # a county
    ("海门", f"海门区｜{NT}"),  # part of its name
    ("如皋市", f"如皋市｜{NT}"),  # the county that reported, before the 2017 plan's page of the same name
    ("学前教育毛入园率", "学前教育毛入园率｜"),  # an indicator (its page, or its comparison page)
    ("学前三年毛入园率", f"学前三年毛入园率｜{LYG}"),  # the same measure as 连云港 names it
    ("小学教师专科及以上学历（学位）", f"小学教师专科及以上学历（学位）｜{LYG}"),  # full-width brackets
    ("专栏2：校园足球", f"专栏 2：校园足球发展提升计划｜{NT}"),  # a 专栏, with a full-width colon
    ("人民银行如皋市支行", f"人民银行如皋市支行｜{RG}"),  # a responsible unit
    ("镇（区、街道）", "镇（区、街道）人民政府（管委会、办事处）｜"),  # a unit written with punctuation
    ("2024 年度监测公报", f"2024 年度监测公报｜{NT}"),  # a year's bulletin
    ("连云港", "连云港市“十四五”教育发展规划"),  # a plan, by its place
    ("泰州", "教育强市建设实施方案（公开征求意见稿）"),  # a plan without data, by the place in its short title
    ("状态总览", "状态总览"),  # the overview of every plan before each plan's
    ("如东县 滞后", f"如东县｜{NT}"),  # a county and a status
    ("义务教育巩固率", "义务教育巩固率｜"),
]


@pytest.mark.parametrize("query, first", RANKING)
def test_the_page_named_by_the_query_comes_first(browser, site_url, query, first):
    results = search(browser, site_url, query)
    assert results, query
    assert results[0][0] == first or results[0][0].startswith(first), [title for title, _ in results[:5]]


def test_pages_with_nothing_reported_come_after_those_with_reports(browser, site_url):
    """如皋: the 2017 plan's 如皋市 page has nothing reported; every page about 如皋 that has comes first."""
    titles = [title for title, _ in search(browser, site_url, "如皋")]
    reported = [f"如皋市｜{NT}", "如皋市创建“全国义务教育优质均衡发展县（市、区）”实施方案", f"人民银行如皋市支行｜{RG}"]
    assert set(reported) <= set(titles), titles
    # The empty page is below them, or not on the first screen at all.
    empty = titles.index("如皋市｜南通 2017 年重点任务") if "如皋市｜南通 2017 年重点任务" in titles else len(titles)
    assert all(titles.index(title) < empty for title in reported), titles[:empty + 1]


def test_results_show_the_plan_and_the_latest_status(browser, site_url):
    title, about = search(browser, site_url, "学前三年毛入园率")[0]
    assert about.startswith(f"{LYG}｜") and re.search(r"\d{4} 年：", about), about


def test_punctuation_splits_a_query_like_a_space(browser, site_url):
    with_punctuation = search(browser, site_url, "义务教育，巩固率")
    with_space = search(browser, site_url, "义务教育 巩固率")
    assert with_punctuation and [t for t, _ in with_punctuation] == [t for t, _ in with_space]


def rows_shown(page):
    return page.eval_on_selector_all(".status-overview tbody tr", """trs => trs.map(tr =>
        Object.fromEntries([...tr.children].map(td => [td.dataset.label, td.innerText.trim()])))""")


def test_overview_filters_come_from_the_address_and_go_back_into_it(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "overview/?status=滞后&region=海门区")
    page.wait_for_selector(".status-overview__filters select[name=status]")
    rows = rows_shown(page)
    assert rows and all(r["县（市、区）"] == "海门区" and "滞后" in r["状态"] for r in rows), rows[:3]
    assert page.input_value("select[name=status]") == "滞后" and page.input_value("select[name=region]") == "海门区"
    # The reader changes a filter: the rows and the address follow.
    page.select_option("select[name=region]", "")
    everywhere = rows_shown(page)
    assert len(everywhere) > len(rows) and {r["县（市、区）"] for r in everywhere} > {"海门区"}
    query = parse_qs(urlparse(page.url).query)
    assert query == {"status": ["滞后"]}, page.url
    # Every year, then the address opened afresh shows the same.
    page.select_option("select[name=year]", "")
    assert parse_qs(urlparse(page.url).query)["year"] == ["all"]
    shown = page.inner_text(".status-overview__count")
    again = browser.new_page()
    again.goto(page.url)
    again.wait_for_selector(".status-overview__filters select[name=status]")
    assert again.inner_text(".status-overview__count") == shown
    assert {r["年份"] for r in rows_shown(again)} >= {"2025", "2024"}
    again.close()
    page.close()


def test_overview_sorts_by_a_column_and_by_keyboard(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + "plans/nantong-2021-2025/overview/")
    page.wait_for_selector(".status-overview__sort")
    first = rows_shown(page)[0]
    assert "滞后" in first["状态"] or "未保持" in first["状态"]  # the worst first by default
    page.focus("select[name=sort]")
    page.select_option("select[name=sort]", "year")
    assert parse_qs(urlparse(page.url).query)["sort"] == ["year"]
    header = page.locator(".status-overview__sort", has_text="名称")
    header.focus()
    page.keyboard.press("Enter")
    in_order = """() => { const names = [...document.querySelectorAll('.status-overview tbody tr td:first-child')]
        .map(td => td.innerText.trim());
        return names.length > 1 && names.every((n, i) => i === 0 || names[i - 1].localeCompare(n, 'zh-Hans-CN', {numeric: true}) <= 0); }"""
    assert page.evaluate(in_order) and parse_qs(urlparse(page.url).query)["sort"] == ["name"]
    assert page.get_attribute("th:has(.status-overview__sort:text-is('名称'))", "aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert page.get_attribute("th:has(.status-overview__sort:text-is('名称'))", "aria-sort") == "descending"
    assert not page.evaluate(in_order)
    assert parse_qs(urlparse(page.url).query)["order"] == ["desc"]
    page.close()


def test_overview_without_scripts_is_a_plain_table_of_the_latest_year(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "plans/nantong-2021-2025/overview/")
    headers = page.eval_on_selector_all(".status-overview thead th", "ths => ths.map(th => th.innerText.trim())")
    assert headers[:4] == ["名称", "状态", "类别", "年份"]
    years = page.eval_on_selector_all(".status-overview tbody tr td:nth-child(4)", "tds => tds.map(td => td.innerText)")
    assert len(years) > 50 and set(years) == {"2025"}
    assert page.locator(".status-overview__filters").count() == 0
    context.close()


def test_comparison_page_sets_the_plans_side_by_side(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + links.compare("preschool-gross-enrolment").removesuffix(".md") + "/")
    page.wait_for_load_state("networkidle")
    rows = page.eval_on_selector_all("article table:first-of-type tbody tr",
                                     "trs => trs.map(tr => [...tr.children].map(td => td.innerText.trim()))")
    plans = [r[0] for r in rows]
    assert NT in plans and LYG in plans
    by_plan = {r[0]: r for r in rows}
    assert by_plan[LYG][1] == "学前三年毛入园率" and by_plan[NT][1] == "学前教育毛入园率"
    assert "口径说明" in page.inner_text("article") and "学前三年毛入园率" in page.inner_text(".admonition.note")
    image = page.eval_on_selector("figure.chart img", "img => [img.complete, img.naturalWidth]")
    assert image[0] and image[1] > 0
    page.close()


def test_large_text_mode_is_remembered_and_keeps_the_phone_layout(browser, site_url):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site_url + "plans/nantong-2021-2025/")
    size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    page.click("button.reading-mode")
    assert page.get_attribute("button.reading-mode", "aria-pressed") == "true"
    larger = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    assert larger >= 1.35 * size, (size, larger)
    for path in ["", "plans/nantong-2021-2025/", "plans/nantong-2021-2025/2024/",
                 "plans/nantong-2021-2025/indicators/preschool-gross-enrolment/",
                 links.region("nantong-2021-2025", "海门区").removesuffix(".md") + "/",
                 "plans/nantong-2021-2025/columns/2/", "overview/?status=滞后",
                 links.compare("preschool-gross-enrolment").removesuffix(".md") + "/", "search/?q=海门"]:
        page.goto(site_url + path)  # the choice is kept from page to page
        page.wait_for_load_state("networkidle")
        assert page.evaluate("() => document.documentElement.classList.contains('reading-large')"), path
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360, path
    page.click("button.reading-mode")
    page.reload()
    assert not page.evaluate("() => document.documentElement.classList.contains('reading-large')")
    page.close()


AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
EVERY_KIND = [
    "",  # home
    "plans/nantong-2021-2025/",  # a plan
    "plans/nantong-2021-2025/2024/",  # a bulletin
    "plans/nantong-2021-2025/columns/2/",  # a 专栏
    "plans/nantong-2021-2025/indicators/preschool-gross-enrolment/",  # an indicator
    links.region("nantong-2021-2025", "海门区").removesuffix(".md") + "/",  # a region
    links.unit("rugao-2021-2023", "人民银行如皋市支行").removesuffix(".md") + "/",  # a unit
    "plans/nantong-2021-2025/evaluations/midterm-2023/",  # an evaluation
    "overview/?status=滞后",  # the overview of every plan, filtered
    "plans/rugao-2021-2023/overview/",  # a plan's overview
    links.compare("preschool-gross-enrolment").removesuffix(".md") + "/",  # a comparison
    "search/?q=海门",  # search results
    "methodology/", "downloads/", "corrections/", "about/",
]


@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
@pytest.mark.parametrize("path", EVERY_KIND)
def test_every_page_kind_is_axe_clean_in_both_modes(browser, site_url, path, large):
    if not AXE.exists():
        skip_unless_available("axe-core is not installed (bash scripts/setup.sh --test runs npm ci in tests/a11y)")
    page = browser.new_page(viewport={"width": 360 if large else 1280, "height": 800})
    if large:
        page.add_init_script("localStorage.setItem('reading-mode', 'large')")
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => document.documentElement.classList.contains('reading-large')") == large
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.close()
