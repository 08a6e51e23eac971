"""What the first search costs on a province of 13 city plans (scripts/bench.py's synthetic workload):
the bytes a phone downloads (gzipped, as a compressing server sends them) and the time from the last
key typed to the first result shown, with Chromium's CPU slowed 4× (a cheap phone).

    .venv/bin/python scripts/bench_search.py [--plans 13] [--project 文件夹]

--project reuses a project kept by ``scripts/bench.py --plans 13 --keep 文件夹`` (its site/ is read);
without it the province is synthesised and built first (a cold build: minutes). The budget of issue 12
is 300 KB and 1 second; the figures are printed with it, and the time varies with the machine's load.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
QUERY = "学前教育毛入园率"  # a long indicator name: 8 characters, so 7 index words (pairs) to load
BUDGET_KB, BUDGET_SECONDS = 300, 1.0
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def first_search(site: Path) -> tuple[dict[str, int], float, int]:
    """(search file → bytes sent, seconds to the first result, results on the first screen)."""
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sent: dict[str, int] = {}

    def count(response):
        if "/pagefind/" in response.url and response.ok:
            body = response.body()  # Pagefind's index files are gzipped already
            sent[response.url] = len(body) if response.url.endswith(("_fragment", "_index", "_meta", "_filter")) \
                else len(gzip.compress(body))

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.on("response", count)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/")
        page.wait_for_load_state("networkidle")
        page.evaluate("""() => {
            const input = document.querySelector('#site-search-query');
            input.addEventListener('input', () => { window.typed = performance.now(); });
            new MutationObserver(() => {
                if (!window.shown && document.querySelector('.site-search-page__link')) { window.shown = performance.now(); }
            }).observe(document.body, {childList: true, subtree: true});
        }""")
        page.type("#site-search-query", QUERY)
        page.wait_for_function("() => window.shown", timeout=60000)
        page.wait_for_load_state("networkidle")
        seconds = page.evaluate("(window.shown - window.typed) / 1000")
        results = page.locator(".site-search-page__link").count()
        browser.close()
    server.shutdown()
    return sent, seconds, results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=13)
    parser.add_argument("--project", type=Path)
    arguments = parser.parse_args()
    if arguments.project:
        site = arguments.project / "site"
    else:
        import bench

        root = Path(tempfile.mkdtemp(prefix="search-bench-"))
        bench.synthesise(root, arguments.plans)
        subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], check=True,
                       stdout=subprocess.DEVNULL)
        site = root / "site"
    pages = sum(1 for _ in site.rglob("index.html"))
    sent, seconds, results = first_search(site)
    kilobytes = sum(sent.values()) / 1024
    print(f"{pages} 个网页：第一次搜索“{QUERY}”传输 {kilobytes:.0f} KB（gzip，{len(sent)} 个文件；预算 {BUDGET_KB} KB），"
          f"CPU 4× 降速下输入后 {seconds:.2f} 秒出结果（预算 {BUDGET_SECONDS} 秒；首屏 {results} 条）")
    for url, size in sorted(sent.items(), key=lambda item: -item[1])[:8]:
        print(f"  {size / 1024:7.1f} KB  {url.split('/pagefind/')[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
