"""How fast charts are built (Altair) and rendered to SVG, in one process and in two, and how fast the cache answers.

    .venv/bin/python scripts/bench_charts.py [number of charts, default 200]

First the specs are built in Altair's fast mode (as builds do) and, for comparison, with Altair's
validation on (as Altair does by default). Each run then draws distinct progress charts into a
fresh cache, measuring text in the whole CJK font and in one cut down to the charts' characters
(svg.MEASURE_FROM), asks again (every chart cached by its inputs: no spec built, every file
already right), then asks for the same charts at new paths (cached copies).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import altair as alt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.render import svg  # noqa: E402
from generator.render.chart_inputs import Chart, ProgressSeries  # noqa: E402
from generator.render.charts import build, spec  # noqa: E402
from generator.render.svg import render_svgs, to_svg  # noqa: E402


def charts(count: int) -> list[Chart]:
    """Distinct but realistic charts: a 2020–2025 indicator whose values differ a little per chart."""
    result = []
    for i in range(count):
        start = 80 + i * 0.05
        series = ProgressSeries(
            title=f"示例指标{i}", unit="%",
            actual=[(2020 + k, start + 1.5 * k + (i % 7) * 0.1) for k in range(4)],
            expected=[(2020 + k, start + 2 * k) for k in range(6)],
            targets=[(2025, start + 10, f">{start + 10:.2f}")], base=(2020, start, f"{start:.2f}"))
        result.append(Chart(series, f"示例指标{i}的实施进度。"))
    return result


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    jobs = charts(count)
    fast = timed(lambda: [spec(chart) for chart in jobs])

    def validated() -> None:
        with alt.utils.schemapi.debug_mode(True):
            for chart in jobs:
                build(chart).to_dict(validate=True)

    slow = timed(validated)
    print(f"{count} 张图的 Vega-Lite 规格（Altair）：快速模式 {fast / count * 1000:.1f} ms/张；"
          f"开启 Altair 校验 {slow / count * 1000:.1f} ms/张，为快速模式的 {slow / fast:.1f} 倍")
    to_svg('{"mark": "point"}')  # start vl-convert's engine here, so it is not counted below
    print(f"{count} 张图（进度图），规格加 vl-convert 渲染为 SVG：")
    cut_from = svg.MEASURE_FROM
    for processes, cut in ((1, False), (1, True), (2, False), (2, True)):
        svg.MEASURE_FROM = cut_from if cut else count + 1
        with tempfile.TemporaryDirectory() as work:
            root = Path(work)
            paths = {root / "out" / f"{i}.svg": chart for i, chart in enumerate(jobs)}
            moved = {root / "copy" / f"{i}.svg": chart for i, chart in enumerate(jobs)}
            cold = timed(lambda: render_svgs(paths, root / "cache", processes))
            unchanged = timed(lambda: render_svgs(paths, root / "cache", processes))
            copies = timed(lambda: render_svgs(moved, root / "cache", processes))
        font = "裁剪字体（含裁剪用时）" if cut else "完整字体"
        print(f"  processes={processes}，{font}: 渲染 {cold:.2f} s（{count / cold:.1f} 张/秒）；"
              f"全部命中缓存、文件未变 {unchanged * 1000:.0f} ms；命中缓存、复制到新路径 {copies * 1000:.0f} ms")


if __name__ == "__main__":
    main()
