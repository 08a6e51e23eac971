"""Screenshots of the built site at desktop and phone width, for a person to look at.

    .venv/bin/python scripts/screenshots.py            # after .venv/bin/generator build
Writes screenshots/*.png (not committed). Uses Debian's chromium through Playwright.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from site_fixture import CHROMIUM_ARGS, serve  # noqa: E402

PAGES = {
    "home": "",
    "bulletin": "plans/nantong-2021-2025/2024/",
    "column": "plans/nantong-2021-2025/columns/2/",
    "indicator": "plans/nantong-2021-2025/indicators/class-size-standard-primary/",
    "midterm": "plans/nantong-2021-2025/evaluations/midterm-2023/",
}
WIDTHS = {"desktop": 1280, "phone": 360}


def main() -> int:
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        print("请先运行 .venv/bin/generator build 生成网站", file=sys.stderr)
        return 1
    out = ROOT / "screenshots"
    out.mkdir(exist_ok=True)
    url, server = serve(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, path in PAGES.items():
            for label, width in WIDTHS.items():
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(url + path)
                page.wait_for_load_state("networkidle")
                target = out / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target.relative_to(ROOT))
                page.close()
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
