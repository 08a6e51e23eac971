"""Search that scales: on a province of 13 city plans (scripts/bench.py's synthetic workload), the
first query transfers little and answers quickly on a slow phone (Chromium's 4× CPU throttling).

The province is built once per session (a cold build of 13 plans); to reuse a project kept by
``scripts/bench.py --plans 13 --keep 文件夹``, set SEARCH_SCALE_PROJECT=文件夹."""

import gzip
import os
import sys
from pathlib import Path

import pytest

from site_fixture import ROOT, run_build, serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PLANS = 13
MAX_FIRST_QUERY_KB = 300  # gzipped, everything the search needs (issue 12)
MAX_SECONDS_TO_RESULTS = 1.0  # from the last key typed to the first result shown, CPU throttled 4×
QUERY = "学前教育毛入园率"  # a long indicator name: 8 characters, so 8 index words to load


@pytest.fixture(scope="session")
def province_site(tmp_path_factory):
    if kept := os.environ.get("SEARCH_SCALE_PROJECT"):
        return Path(kept) / "site"
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench

    root = tmp_path_factory.mktemp("province")
    bench.synthesise(root, PLANS)
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_first_query_on_a_province_is_small_and_quick(browser, province_site):
    assert len(list((province_site / "plans").iterdir())) == PLANS
    url, server = serve(province_site)
    page = browser.new_page()
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    transferred: dict[str, int] = {}  # search files fetched → gzipped bytes (what a compressing server sends)

    def count(response):
        if "/pagefind/" in response.url and response.ok:
            body = response.body()
            transferred[response.url] = len(body) if response.url.endswith(("_fragment", "_index", "_meta"))\
                else len(gzip.compress(body))  # Pagefind's index files are gzipped already

    page.on("response", count)
    try:
        page.goto(url + "search/")
        page.wait_for_load_state("networkidle")
        page.evaluate("""() => {
            const input = document.querySelector('#site-search-query');
            input.addEventListener('input', () => { window.typed = performance.now(); });
            new MutationObserver(() => {
                if (!window.shown && document.querySelector('.site-search-page__link')) { window.shown = performance.now(); }
            }).observe(document.body, {childList: true, subtree: true});
        }""")
        page.type("#site-search-query", QUERY)
        page.wait_for_function("() => window.shown", timeout=20000)
        page.wait_for_load_state("networkidle")
        seconds = page.evaluate("(window.shown - window.typed) / 1000")
        results = page.locator(".site-search-page__link").count()
    finally:
        page.close()
        server.shutdown()
    kilobytes = sum(transferred.values()) / 1024
    print(f"\n{PLANS} 个规划：第一次搜索“{QUERY}”传输 {kilobytes:.0f} KB（gzip，{len(transferred)} 个文件），"
          f"CPU 4× 降速下输入后 {seconds:.2f} 秒出结果（首屏 {results} 条）")
    assert results > 0
    assert kilobytes <= MAX_FIRST_QUERY_KB, sorted(transferred.items(), key=lambda kv: -kv[1])[:10]
    assert seconds <= MAX_SECONDS_TO_RESULTS
