"""How fast charts render to SVG, in one process and in two, and how fast the cache answers.

    .venv/bin/python scripts/bench_charts.py [number of charts, default 200]

First the specs are built (plain dicts) and, for comparison, checked against the Vega-Lite
schema as Altair did for every chart it built. Each run then renders distinct progress charts
into a fresh cache, measuring text in the whole CJK font and in one cut down to the charts'
characters (svg.MEASURE_FROM), asks again (every chart cached, every file already right), then
asks for the same charts at new paths (cached copies).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import jsonschema
from altair.vegalite.v6.schema.core import load_schema

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.render.charts import ProgressSeries, progress_chart  # noqa: E402
from generator.render import svg  # noqa: E402
from generator.render.svg import render_svgs, to_svg  # noqa: E402


def specs(count: int) -> list[dict]:
    """Distinct but realistic charts: a 2020–2025 indicator whose values differ a little per chart."""
    result = []
    for i in range(count):
        start = 80 + i * 0.05
        series = ProgressSeries(
            title=f"示例指标{i}", unit="%",
            actual=[(2020 + k, start + 1.5 * k + (i % 7) * 0.1) for k in range(4)],
            expected=[(2020 + k, start + 2 * k) for k in range(6)],
            targets=[(2025, start + 10, f">{start + 10:.2f}")], base=(2020, start, f"{start:.2f}"))
        result.append(progress_chart(series, summary=f"示例指标{i}的实施进度。"))
    return result


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    start = time.perf_counter()
    charts = specs(count)
    built = time.perf_counter() - start
    validator = jsonschema.Draft7Validator(load_schema())
    validated = timed(lambda: [list(validator.iter_errors(spec)) for spec in charts])
    print(f"{count} 张图的 Vega-Lite 规格：生成 {built / count * 1000:.2f} ms/张；"
          f"仅按 Vega-Lite 模式校验一遍（Altair 每生成一张图要校验多遍）就要 {validated / count * 1000:.1f} ms/张，"
          f"为生成的 {validated / built:.0f} 倍")
    to_svg('{"mark": "point"}')  # start vl-convert's engine here, so it is not counted below
    print(f"{count} 张图（进度图），vl-convert 渲染为 SVG：")
    cut_from = svg.MEASURE_FROM
    for processes, cut in ((1, False), (1, True), (2, False), (2, True)):
        svg.MEASURE_FROM = cut_from if cut else count + 1
        with tempfile.TemporaryDirectory() as work:
            root = Path(work)
            jobs = {root / "out" / f"{i}.svg": spec for i, spec in enumerate(charts)}
            moved = {root / "copy" / f"{i}.svg": spec for i, spec in enumerate(charts)}
            cold = timed(lambda: render_svgs(jobs, root / "cache", processes))
            unchanged = timed(lambda: render_svgs(jobs, root / "cache", processes))
            copies = timed(lambda: render_svgs(moved, root / "cache", processes))
        font = "裁剪字体（含裁剪用时）" if cut else "完整字体"
        print(f"  processes={processes}，{font}: 渲染 {cold:.2f} s（{count / cold:.1f} 张/秒）；"
              f"全部命中缓存、文件未变 {unchanged * 1000:.0f} ms；命中缓存、复制到新路径 {copies * 1000:.0f} ms")


if __name__ == "__main__":
    main()
