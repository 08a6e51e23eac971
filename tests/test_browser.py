"""The sample site in a real browser (Debian's chromium, headless): charts render, the console is
clean, no request leaves localhost, and Chinese search finds what a citizen looks for."""

import gzip
import html
import re
import urllib.request
from urllib.parse import urlparse

import pytest

from site_fixture import serve

pytestmark = pytest.mark.browser

PAGES_WITH_CHARTS = [
    "",  # home
    "plans/nantong-2021-2025/columns/2/",
    "plans/nantong-2021-2025/indicators/class-size-standard-primary/",
]


def open_page(browser, url):
    page = browser.new_page()
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, outside, errors


@pytest.mark.parametrize("path", PAGES_WITH_CHARTS)
def test_charts_render_without_errors_or_outside_requests(browser, site_url, path):
    page, outside, errors = open_page(browser, site_url + path)
    images = page.eval_on_selector_all("figure.chart img", "els => els.map(e => [e.complete, e.naturalWidth, e.src])")
    assert images, "no chart on the page"
    for complete, width, src in images:
        assert complete and width > 0, src
        svg = urllib.request.urlopen(src).read().decode("utf-8")
        assert svg.count("<path") + svg.count("<rect") + svg.count("<circle") >= 3, src  # marks are drawn
    assert errors == []
    assert outside == []
    page.close()


def search(page, query: str) -> list[tuple[str, str, str]]:
    """Search from the header's box as a reader does (type, Enter: the search page shows the results);
    show every result. Returns (link, title, title and excerpt) for each."""
    page.fill("input.site-search__input", query)
    page.press("input.site-search__input", "Enter")
    page.wait_for_function("() => /找到|未找到/.test(document.querySelector('.site-search-page__message').innerText)")
    found = re.search(r"找到 (\d+) 个", page.inner_text(".site-search-page__message"))
    total = int(found.group(1)) if found else 0
    page.wait_for_function("""total => {  // the page shows ten at a time: ask for more until all are there
        const more = document.querySelector('.site-search-page__more');
        if (!more.hidden) { more.click(); }
        return document.querySelectorAll('.site-search-page__results li').length >= total;
    }""", arg=total)
    return page.eval_on_selector_all(".site-search-page__results li", """els => els.map(e => {
        const link = e.querySelector('.site-search-page__link');
        return [link.href, link.innerText.trim(), e.innerText];
    })""")


@pytest.mark.parametrize("query, expected_path, expected_title", [
    ("足球", "plans/nantong-2021-2025/columns/2/", "校园足球发展提升计划"),
    ("如东县", "plans/nantong-2021-2025/regions/", "如东县"),
    ("学前教育毛入园率", "plans/nantong-2021-2025/indicators/preschool-gross-enrolment/", "学前教育毛入园率"),
])
def test_chinese_search_finds_the_page(browser, site_url, query, expected_path, expected_title):
    page, outside, errors = open_page(browser, site_url)
    results = search(page, query)
    assert any(expected_path in href and expected_title in title for href, title, _ in results), results[:20]
    assert outside == [] and errors == []
    page.close()


def article_text(page_html: str) -> str:
    """The text Pagefind indexes: the page's article without the parts marked data-pagefind-ignore."""
    article = re.search(r"<article[^>]*data-pagefind-body[^>]*>(.*)</article>", page_html, re.S).group(1)
    article = re.sub(r'<(nav|div|figure)[^>]*data-pagefind-ignore.*?</\1>', "", article, flags=re.S)
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", article)))


# 园: one character (the first of an indexed pair, or alone); 2025年: a character after digits, looked up
# by the places of 2025 and of the words beginning with 年 (search_index.py indexes 2025年度 as 2025 年度 度)
@pytest.mark.parametrize("query", ["入园率", "海门", "教师", "教师 海门", "园", "2025年"])
def test_search_results_are_titled_distinct_and_contain_the_term(browser, site_url, sample_site, query):
    page, outside, errors = open_page(browser, site_url)
    results = search(page, query)
    assert results
    titles = [title for _, title, _ in results]
    assert all(re.search(r"[\u4e00-\u9fff]", title) for title in titles), titles  # Chinese names, no hashes
    assert len(set(titles)) == len(titles), sorted(t for t in titles if titles.count(t) > 1)
    # Each result's page has each word, its characters together, in what was indexed (its article);
    # and every page whose article has them is found.
    pages = {href: article_text(urllib.request.urlopen(href).read().decode("utf-8")) for href, _, _ in results}
    words = [re.sub(r"\s+", "", word) for word in query.split()]
    assert all(word in pages[href] for href in pages for word in words), [
        t for href, t, _ in results if not all(word in pages[href] for word in words)]
    site = sample_site / "site"
    having = {site_url + "".join(f"{part}/" for part in path.parent.relative_to(site).parts)
              for path in site.rglob("index.html") if 'data-pagefind-body' in (text := path.read_text(encoding="utf-8"))
              and all(word in article_text(text) for word in words)}
    assert set(pages) == having, (sorted(having - set(pages))[:5], sorted(set(pages) - having)[:5])
    assert outside == [] and errors == []
    page.close()


@pytest.mark.parametrize("query, first", [("海门区", "海门区｜"), ("学前教育毛入园率", "学前教育毛入园率｜"),
                                          ("如东县", "如东县｜")])
def test_the_page_named_by_the_query_comes_first(browser, site_url, query, first):
    page, outside, errors = open_page(browser, site_url)
    results = search(page, query)
    assert results[0][1].startswith(first), [title for _, title, _ in results[:5]]
    page.close()


def test_search_works_by_keyboard_alone(browser, site_url):
    page, outside, errors = open_page(browser, site_url)
    for _ in range(10):  # skip link, logo, menu, then the search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('site-search__input')"):
            break
    page.keyboard.type("海门")
    page.keyboard.press("Enter")
    page.wait_for_selector(".site-search-page__link")
    for _ in range(10):  # from the page's search box to the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('site-search-page__link')"):
            break
    title = page.evaluate("document.activeElement.innerText")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "海门" in page.title() and page.title().startswith(title.strip())
    assert outside == [] and errors == []
    page.close()


def test_search_works_under_a_sub_path(browser, sample_site, tmp_path):
    (tmp_path / "bulletin").symlink_to(sample_site / "site", target_is_directory=True)
    url, server = serve(tmp_path)
    try:
        page, outside, errors = open_page(browser, url + "bulletin/plans/nantong-2021-2025/")
        results = search(page, "如东县")
        assert page.url.startswith(url + "bulletin/search/?q=")
        assert results and all(href.startswith(url + "bulletin/") for href, _, _ in results), results
        assert outside == [] and errors == []
        page.close()
    finally:
        server.shutdown()


def test_search_page_opened_from_the_file_system_says_why_it_cannot_search(browser, sample_site):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((sample_site / "site" / "search" / "index.html").as_uri() + "?q=教师")
    assert "浏览器不允许读取检索索引" in page.inner_text(".site-search-page")
    assert errors == []
    page.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_the_methodology_case_table_keeps_each_light_on_one_line(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(site_url + "methodology/")
    lines = page.eval_on_selector_all(
        "td .nowrap", "spans => spans.map(s => [s.textContent, new Set([...s.getClientRects()].map(r => r.top)).size])")
    page.close()
    assert len(lines) >= 10 and all(count == 1 for _, count in lines), lines


def test_an_excerpt_is_the_pages_text_with_the_query_marked(browser, site_url):
    """The index holds pairs of characters (入园 园率 率); an excerpt shows the page's own text, and the
    query's characters marked together, none of a pair left out."""
    page, outside, errors = open_page(browser, site_url)
    results = search(page, "学前教育毛入园率")
    excerpts = page.eval_on_selector_all(".site-search-page__excerpt", """els => els.map(e =>
        [e.textContent, Array.from(e.querySelectorAll('mark')).map(m => m.textContent)])""")
    assert excerpts and all("学前教育毛入园率" in marks for _, marks in excerpts), excerpts[:3]
    for (href, _, _), (text, _) in zip(results, excerpts):
        # Pagefind ends a block of text with "." (its excerpts' punctuation); otherwise the page's text
        shown = re.sub(r"[\s.]+", "", text)
        assert shown in article_text(urllib.request.urlopen(href).read().decode("utf-8")).replace(".", ""), (href, text)
    assert outside == [] and errors == []
    page.close()


def test_a_search_loads_no_list_of_the_whole_sites_names(browser, site_url, sample_site):
    """What a first search fetches grows with the query and the results read, not with the site: of the
    filters only the one-value "empty" filter, and at most twenty result fragments (a province's list of
    every page's name was 2.3 MB; scripts/bench_search.py measures a province)."""
    filters = {p.name for p in (sample_site / "site" / "pagefind" / "filter").iterdir()}
    assert len(filters) >= 2  # "empty" and "kind"
    page = browser.new_page()
    fetched = []
    page.on("request", lambda r: fetched.append(r.url.split("/pagefind/")[1]) if "/pagefind/" in r.url else None)
    page.goto(site_url + "search/?q=学校")
    page.wait_for_function("() => /找到/.test(document.querySelector('.site-search-page__message').innerText)")
    page.wait_for_load_state("networkidle")
    page.close()
    loaded = [name for name in fetched if name.startswith("filter/")]
    assert len(loaded) == 1, loaded
    assert "尚无数据".encode() in gzip.decompress((sample_site / "site" / "pagefind" / loaded[0]).read_bytes())
    assert 10 < sum(name.startswith("fragment/") for name in fetched) <= 20
    # of the index only the chunks holding the words asked for: 学校, its one pair (a search without
    # words, as the empty pages once were asked for, loads every chunk: #23)
    chunks = list((sample_site / "site" / "pagefind" / "index").iterdir())
    assert 1 <= len({name for name in fetched if name.startswith("index/")}) <= 2 < len(chunks)
