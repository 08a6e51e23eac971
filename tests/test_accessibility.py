"""Accessibility (GB/T 37668, WCAG 2 AA) checked by axe-core in headless Chromium, keyboard focus
and text enlarged to 200 %."""

from pathlib import Path

import pytest

from site_fixture import skip_unless_available

pytestmark = pytest.mark.browser


AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",  # home
    "plans/nantong-2021-2025/2024/",  # a bulletin
    "plans/nantong-2021-2025/columns/2/",  # a 专栏
    "plans/nantong-2021-2025/indicators/class-size-standard-primary/",  # an indicator
    "search/?q=教师",  # the search page with results
]


@pytest.fixture(scope="module")
def axe() -> Path:
    if not AXE.exists():
        skip_unless_available("axe-core is not installed (bash scripts/setup.sh --test runs npm ci in tests/a11y)")
    return AXE


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_findings(browser, site_url, axe, path):
    page = browser.new_page()
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    if "?q=" in path:
        page.wait_for_selector(".site-search-page__link")
    page.add_script_tag(path=str(axe))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"][:3]]) for v in result["violations"]
               if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.close()


def test_keyboard_focus_is_visible(browser, site_url):
    page = browser.new_page()
    page.goto(site_url + PAGES[1])
    page.wait_for_load_state("networkidle")
    stops = []
    for _ in range(8):  # the first focus stops: skip link, header, search, navigation, content
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
            return [e.tagName, s.outlineStyle, s.outlineWidth, s.boxShadow]; }"""))
    for tag, outline, width, shadow in stops:
        assert (outline != "none" and width != "0px") or shadow != "none", (tag, outline, width, shadow)
    page.close()


@pytest.mark.parametrize("path", PAGES[1:3])
def test_text_enlarged_to_200_percent_loses_nothing(browser, site_url, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    page.wait_for_timeout(300)
    overflow = page.evaluate("() => document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1  # no sideways scrolling of the page: content reflows
    hidden = page.evaluate("""() => [...document.querySelectorAll('article h1, article h2, article p')]
        .filter(e => e.scrollWidth > e.clientWidth + 1).length""")
    assert hidden == 0
    page.close()
