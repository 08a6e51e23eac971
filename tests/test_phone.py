"""The sample site on a 360 px phone and a 1280 px desktop (Debian's chromium, headless): nothing
scrolls sideways, a table's first row shows its status and value on screen, no table is clipped."""

import pytest

from generator.render import links

pytestmark = pytest.mark.browser

PLAN = "nantong-2021-2025"
PAGES = {
    "home": "",
    "bulletin": f"plans/{PLAN}/2024/",
    "indicator": f"plans/{PLAN}/indicators/preschool-gross-enrolment/",
    "region": links.region(PLAN, "海门区").removesuffix(".md") + "/",
    "unit": links.unit("nantong-2017", "市教育局").removesuffix(".md") + "/",
    "plan": f"plans/{PLAN}/",
}

# What the page reports about itself: sideways scroll, elements of the main content past the right
# edge, and for the first table with a 状态 column, where its first row's status and value sit.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const content = document.querySelector('.md-content');
  const wide = [...content.querySelectorAll('*')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > width + 1 || r.left < -1); })
    .map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + (e.textContent || '').slice(0, 30));
  const clipped = [...content.querySelectorAll('.md-typeset__scrollwrap')]
    .filter(w => w.scrollWidth > w.clientWidth + 1).length;
  let first = null;
  for (const table of content.querySelectorAll('table')) {
    const headers = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
    const status = headers.findIndex(h => h.includes('状态'));
    if (status < 0) continue;
    const value = headers.findIndex(h => h.includes('数值'));
    const row = table.querySelector('tbody tr');
    const box = i => { const r = row.children[i].getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; };
    first = {status: box(status), value: value >= 0 ? box(value) : null, text: row.textContent.slice(0, 40)};
    break;
  }
  return {width, scroll: document.documentElement.scrollWidth, wide, clipped, first};
}"""


def measure(browser, url, width, height):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    result = page.evaluate(MEASURE)
    page.close()
    return result


@pytest.mark.parametrize("name", ["home", "bulletin", "indicator", "region", "unit"])
def test_phone_does_not_scroll_sideways_and_shows_the_first_status(browser, site_url, name):
    result = measure(browser, site_url + PAGES[name], 360, 740)
    assert result["scroll"] <= 360, result
    assert result["wide"] == [], result["wide"][:5]
    first = result["first"]
    assert first, "no table with a 状态 column"
    for box in (first["status"], first["value"]):
        if box is not None:
            left, right, top, bottom = box
            assert 0 <= left and right <= 360, first


@pytest.mark.parametrize("name", list(PAGES))
def test_desktop_tables_are_not_clipped(browser, site_url, name):
    result = measure(browser, site_url + PAGES[name], 1280, 900)
    assert result["scroll"] <= 1280
    assert result["clipped"] == 0, result


# Each chart's SVG put in place of its <img>, at the size the <img> is shown, and each text's
# font size as drawn: its size in the SVG times the scale the page shows it at (screen box ÷ own box).
CHART_TEXT = """async () => {
  const found = [];
  for (const img of [...document.querySelectorAll('figure.chart img')]) {
    const box = img.getBoundingClientRect();
    const holder = document.createElement('div');
    holder.innerHTML = await (await fetch(img.currentSrc)).text();
    const svg = holder.querySelector('svg');
    svg.style.cssText = `display:block;width:${box.width}px;height:${box.height}px`;
    img.replaceWith(svg);
    for (const text of svg.querySelectorAll('text')) {
      const own = text.getBBox(), shown = text.getBoundingClientRect();
      if (!own.height || !text.textContent.trim()) continue;
      const size = parseFloat(getComputedStyle(text).fontSize) * shown.height / own.height;
      found.push({src: img.getAttribute('src'), text: text.textContent.slice(0, 20), size});
    }
  }
  return found;
}"""


@pytest.mark.parametrize("name", ["bulletin", "indicator", "home"])
def test_chart_text_is_at_least_11_px_on_a_phone(browser, site_url, name):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    texts = page.evaluate(CHART_TEXT)
    page.close()
    charts = {t["src"] for t in texts}
    assert charts and len(texts) >= 5 * len(charts), texts[:5]  # a status chart has a title, words and counts
    if name == "indicator":
        assert {"indicator-", "regions-"} <= {src.split("/")[-1].split("preschool")[0] for src in charts}, charts
    small = [t for t in texts if t["size"] < 11]
    assert small == [], small[:5]
