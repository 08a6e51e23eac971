"""The chart kinds, authored with Altair: a progress chart, a region dot plot, a status bar chart and
the comparison of one measure across plans.

Each kind is a function from its inputs (:mod:`generator.render.chart_inputs`) to an Altair chart;
:func:`spec` turns a :class:`Chart` into the Vega-Lite spec that :mod:`generator.render.svg` draws.
Fonts, sizes and colours are the "bulletin" theme, registered once. Builds use Altair's fast
mode: no validation while building or in ``to_dict`` (that was ~50 ms a chart);
tests/test_charts.py validates every kind against the Vega-Lite schema instead. The same inputs
always give the same spec: no selections or params, and each layer carries its data inline (so
no generated data set names). Only a chart whose SVG is not cached is built at all.

Every chart is about 400 px wide in all (axes and labels included), with 14 px text. A page
shows it at that size and a 360 px phone (328 px of content) shrinks it to no less than 82 %,
so text stays at least 11 px there; the PDF prints it 79 mm wide (text ≈ 8 pt). Long titles
wrap, legends sit below the plot and every series or status differs by shape or dash, and by
a printed word, as well as by colour.
"""

from __future__ import annotations

import math
import unicodedata
from collections import Counter

import altair as alt

from generator.render.chart_inputs import Chart, PlanLines, ProgressSeries, Reference, RegionValues, StatusCounts
from generator.render.wording import MISSING

FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
WIDTH = 400
HEIGHT = 240
NUMBER_FORMAT = ",.2~f"
YEAR_FORMAT = "d"
MAX_YEAR_TICKS = 10  # "2020" is ~35 px wide; ten of them fill the plot
ROW_STEP = 30  # px per bar in the bar charts
FONT_SIZE = 14  # labels, axes and legends: 11.5 px when shrunk to a 360 px phone
TITLE_SIZE = 16
PADDING = 5  # Vega's default padding around the chart
LABEL_PAD = 6  # between a category name and its bar
LABEL_GAP = 5  # between a bar's end and its label
LABEL_ROOM = 180  # px for a category's name (Vega's own limit was 180)
SPARE = 4  # px kept free after the longest label, as its width is only estimated
NO_DATA = MISSING
TEXT_COLOR = "#1f2328"
MUTED_COLOR = "#57606a"

# d3-format's zh-CN locale, carried in the spec so a browser renders numbers as vl-convert does.
ZH_CN_NUMBER_LOCALE = {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""]}

ACTUAL, EXPECTED, TARGET, BASE = "实际值", "序时进度", "规划目标", "基期值"
# Colour, point shape and dash per series: never colour alone.
_SERIES_STYLE = {
    ACTUAL: ("#0b5cad", "circle", [1, 0]),  # blue, solid line with dots
    EXPECTED: ("#6e7781", "stroke", [6, 4]),  # grey, dashed line
    TARGET: ("#c4510b", "diamond", [1, 0]),  # orange diamonds
    BASE: ("#6a3d9a", "square", [1, 0]),  # purple square
}


@alt.theme.register("bulletin", enable=True)
def _theme() -> alt.theme.ThemeConfig:
    """Size, fonts, locale and look shared by every chart."""
    # labelLimit 0: Vega never shortens a label itself (it cuts between the two halves of a character
    # outside the BMP, and vl-convert then fails); names too long for their room are cut by _shown.
    axis = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE,
            "labelLimit": 0, "titleFontWeight": "normal", "labelColor": TEXT_COLOR, "titleColor": MUTED_COLOR, "gridColor": "#e5e7eb",
            "domainColor": "#8c959f"}
    legend = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE,
              "labelLimit": 0, "labelColor": TEXT_COLOR}
    title = {"font": FONT, "subtitleFont": FONT, "fontSize": TITLE_SIZE, "subtitleFontSize": FONT_SIZE,
             "color": TEXT_COLOR, "subtitleColor": MUTED_COLOR, "offset": 12}
    return {"config": {
        # Altair's default view size; no frame around the plot.
        "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
        "font": FONT, "aria": False, "locale": {"number": dict(ZH_CN_NUMBER_LOCALE)},
        "title": title, "axis": axis, "legend": legend, "text": {"font": FONT, "fontSize": FONT_SIZE},
    }}


# Each layer keeps its rows inline rather than in top-level named data sets.
alt.data_transformers.consolidate_datasets = False


def spec(chart: Chart) -> dict:
    """The chart's Vega-Lite spec, built in Altair's fast mode (validated in the tests, not here)."""
    with alt.utils.schemapi.debug_mode(False):
        return _drawable(build(chart).to_dict(validate=False))


def _drawable(value):
    """Every text of the spec with a backslash shown as the full-width ＼: vl-convert's text measuring
    reads "\\x…" in a label as an escape and fails on it (a name from a plan may hold one)."""
    if isinstance(value, str):
        return value.replace("\\", "＼")
    if isinstance(value, dict):
        return {key: _drawable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_drawable(item) for item in value]
    return value


def build(chart: Chart) -> alt.LayerChart:
    """The chart as an Altair object."""
    kinds = {ProgressSeries: progress_chart, RegionValues: region_chart, StatusCounts: status_chart,
             PlanLines: comparison_chart}
    return kinds[type(chart.inputs)](chart.inputs, chart.summary)


def progress_chart(series: ProgressSeries, summary: str) -> alt.LayerChart:
    """One indicator over the years: actual values, 序时进度 line, targets and base value."""
    lines = _line_rows(series)
    points = _point_rows(series)
    labels = [p for p in points if p["series"] in (TARGET, BASE)]
    years = sorted({r["year"] for r in lines + points})
    if not years:
        raise ValueError(f"{series.title}：没有可绘制的数值")
    present = {r["series"] for r in lines + points}
    shown = [name for name in _SERIES_STYLE if name in present]  # the legend lists only what is drawn
    color_range, shape_range, dash_range = ([_SERIES_STYLE[name][i] for name in shown] for i in range(3))
    counts = _whole([r["value"] for r in points])
    values = [r["value"] for r in lines + points]
    x = alt.X(field="year", type="quantitative", title=None,
              scale=alt.Scale(domain=[years[0], years[-1]], padding=24, nice=False),
              axis=alt.Axis(values=_year_ticks(years[0], years[-1]), format=YEAR_FORMAT, labelAngle=0, grid=False))
    y = alt.Y(field="value", type="quantitative", title=_unit_title(series.unit),
              scale=alt.Scale(zero=False, padding=16),
              axis=alt.Axis(format=NUMBER_FORMAT, tickCount=5,
                            **({"values": _whole_ticks(min(values), max(values), 5)} if counts else {}),
                            titleAngle=0, titleAlign="left", titleAnchor="end", titleBaseline="bottom",
                            titleY=-12, titleX=0))
    legend = alt.Legend(orient="bottom", direction="horizontal", symbolSize=120, symbolStrokeWidth=2.5)
    color = alt.Color(field="series", type="nominal", title=None,
                      scale=alt.Scale(domain=shown, range=color_range), legend=legend)
    layers = [
        alt.Chart(alt.InlineData(values=lines)).mark_line(strokeWidth=2.5).encode(
            x=x, y=y, color=color,
            strokeDash=alt.StrokeDash(field="series", type="nominal", title=None,
                                      scale=alt.Scale(domain=shown, range=dash_range)),
            detail=alt.Detail(field="segment", type="nominal")),
        alt.Chart(alt.InlineData(values=points)).mark_point(filled=True, size=100, opacity=1).encode(
            x=x, y=y, color=color,
            shape=alt.Shape(field="series", type="nominal", title=None,
                            scale=alt.Scale(domain=shown, range=shape_range))),
    ]
    if labels:
        layers.append(alt.Chart(alt.InlineData(values=labels))
                      .mark_text(dy=-14, fontWeight="bold", color=TEXT_COLOR)
                      .encode(x=x, y=y, text=alt.Text(field="text", type="nominal")))
    subtitle = "逆向指标：数值越低越好" if series.lower_is_better else ""
    return _finish(layers, _title(series.title, subtitle), summary, height=HEIGHT)


def region_chart(values: RegionValues, summary: str) -> alt.LayerChart:
    """A dot plot, one row per 县（市、区）: the value as a dot shaped and coloured by its status, the
    value and status word printed in a column on the right, the target as a labelled vertical line
    and each region's 序时 requirement (regions start from their own values, so these differ) as a
    short grey line on its row. The value axis fits all of these (never past 100 for a percentage),
    so that close values look apart; no dot and "数据暂缺" where there is no value.
    """
    dots, unit, references = values.dots, values.unit, values.references
    labels = [NO_DATA if d.value is None else f"{_number(d.value)}{unit}  {d.status}" for d in dots]
    shown = _shown([d.region for d in dots], LABEL_ROOM)
    regions = [shown[d.region] for d in dots]
    left = max(map(_text_width, regions), default=0) + LABEL_PAD
    right = LABEL_GAP + max(map(_text_width, labels), default=0) + SPARE
    plot = max(WIDTH - 2 * PADDING - left - right, 120)
    lines = {r.value for r in references}
    ticks = [d for d in dots if d.required is not None and d.required not in lines]
    drawn = [d.value for d in dots] + [d.required for d in ticks] + list(lines)
    domain = _dot_domain(drawn, percent=unit == "%")
    x_scale = alt.Scale(domain=domain, nice=False, zero=False)
    y = alt.Y(field="region", type="nominal", title=None, sort=regions,
              axis=alt.Axis(domain=False, ticks=False, labelPadding=LABEL_PAD, grid=True, bandPosition=0.5))
    data = alt.InlineData(values=[{"region": shown[d.region], "value": d.value, "label": label, "color": d.color,
                                   "shape": d.shape} for d, label in zip(dots, labels)])
    layers = [_reference_layer(r, n, x_scale, domain) for n, r in enumerate(references)]
    if ticks:
        layers += [
            alt.Chart(alt.InlineData(values=[{"region": shown[d.region], "required": d.required} for d in ticks]))
            .mark_tick(orient="vertical", thickness=2, size=ROW_STEP * 0.6, color=MUTED_COLOR)
            .encode(y=y, x=alt.X(field="required", type="quantitative", scale=x_scale)),
            _top_label(alt.Chart(alt.InlineData(values=[{}])), "短竖线：各地序时要求", len(references), alt.XValue(0),
                       "left"),
        ]
    counts = _whole([d.value for d in dots if d.value is not None])
    layers += [
        alt.Chart(data, transform=[alt.FilterTransform("datum.value != null")])
        .mark_point(filled=True, size=120, opacity=1)
        .encode(y=y,
                x=alt.X(field="value", type="quantitative", title=None, scale=x_scale,
                        axis=alt.Axis(format=NUMBER_FORMAT, tickCount=4, grid=False,
                                      **({"values": _whole_ticks(*domain, 4)} if counts else {}))),
                color=alt.Color(field="color", type="nominal", scale=None, legend=None),
                shape=alt.Shape(field="shape", type="nominal", scale=None, legend=None)),
        alt.Chart(data).mark_text(align="left", color=TEXT_COLOR)
        .encode(y=y, x=alt.XValue(plot + LABEL_GAP), text=alt.Text(field="label", type="nominal")),
    ]
    subtitle = (f"{values.year} 年" + (f"；单位：{unit}" if unit else "")
                + ("；数值越低越好" if values.lower_is_better else ""))
    # autosize "pad": the right-hand column is counted in the chart's size
    return _finish(layers, _title(values.title, subtitle), summary, width=plot, height=ROW_STEP * len(dots),
                   autosize=alt.AutoSizeParams(type="pad"))


def _reference_layer(reference: Reference, n: int, x_scale: alt.Scale, domain: list[float]) -> alt.LayerChart:
    """A vertical line labelled above the plot, on its side of the middle so that the label stays inside."""
    low, high = domain
    align = "left" if reference.value - low <= (high - low) / 2 else "right"
    x = alt.X(field="value", type="quantitative", scale=x_scale)
    rule = alt.Chart().mark_rule(color=TEXT_COLOR, strokeWidth=1.5).encode(x=x)
    return alt.layer(rule, _top_label(alt.Chart(), reference.label, n, x, align),
                     data=alt.InlineData(values=[{"value": reference.value}]))


def _top_label(base: alt.Chart, text: str, row: int, x, align: str) -> alt.Chart:
    """Text above the plot; each label has its own row (0 nearest the plot), so two never overlap."""
    return base.mark_text(align=align, baseline="bottom", dx=3 if align == "left" else -3, color=MUTED_COLOR,
                          text=text).encode(x=x, y=alt.YValue(-4 - row * (FONT_SIZE + 4)))


def _dot_domain(values: list[float | None], *, percent: bool) -> list[float]:
    """From a little below the least to a little above the greatest number drawn; a percentage stays in 0–100."""
    numbers = [v for v in values if v is not None]
    if not numbers:
        return [0.0, 100.0] if percent else [0.0, 1.0]
    low, high = min(numbers), max(numbers)
    margin = (high - low) * 0.1 or abs(high) * 0.05 or 1
    low, high = low - margin, high + margin
    if min(numbers) >= 0:
        low = max(low, 0.0)
    if percent:  # a gross enrolment rate may pass 100: then the axis follows it
        high = min(high, max(100.0, max(numbers)))
    return [low, high]


def status_chart(counts: StatusCounts, summary: str) -> alt.LayerChart:
    """How many items have each status word, in the order given, count printed after each bar."""
    statuses = [status for status, _ in counts.counts]
    rows = [{"status": status, "value": n, "label": str(n), "at": n} for status, n in counts.counts]
    domain = _bar_domain([n for _, n in counts.counts], [str(n) for _, n in counts.counts], statuses)
    color = alt.Color(field="status", type="nominal", legend=None,
                      scale=alt.Scale(domain=statuses, range=[counts.palette[s] for s in statuses]))
    return _bar_chart(rows, "status", statuses, domain, color, _title(counts.title, ""), summary)


def _bar_chart(rows: list[dict], category: str, order: list[str], domain: list[float], color: alt.Color,
               title: alt.TitleParams, summary: str) -> alt.LayerChart:
    """Horizontal bars in the given order, each followed by its label; the labels say the values, so no value axis."""
    y = alt.Y(field=category, type="nominal", title=None, sort=order,
              axis=alt.Axis(domain=False, ticks=False, labelPadding=LABEL_PAD))
    scale = alt.Scale(domain=domain, nice=False)
    bars = (alt.Chart(transform=[alt.FilterTransform("datum.value != null")])
            .mark_bar(height=alt.RelativeBandSize(0.7))
            .encode(y=y, color=color, x=alt.X(field="value", type="quantitative", title=None, scale=scale, axis=None)))
    texts = (alt.Chart().mark_text(align="left", dx=LABEL_GAP, color=TEXT_COLOR)
             .encode(y=y, text=alt.Text(field="label", type="nominal"),
                     x=alt.X(field="at", type="quantitative", scale=scale)))
    return _finish([bars, texts], title, summary, data=alt.InlineData(values=rows), height=ROW_STEP * len(order))


def _bar_domain(values: list[float | None], labels: list[str], categories: list[str]) -> list[float]:
    """Value range wide enough that every label, printed after its bar, stays inside the chart.

    Vega's autosize does not count text that runs past the plot, so the room is made here,
    from an estimate of each label's width.
    """
    plot = WIDTH - 2 * PADDING - LABEL_PAD - max(map(_text_width, categories), default=0)
    low = min([0.0] + [v for v in values if v is not None])
    span = max([(max(v or 0, 0) - low) * plot / (plot - _text_width(label) - LABEL_GAP - SPARE)
                for v, label in zip(values, labels)], default=0)
    return [low, low + (span or 1)]


def _shown(names: list[str], room: float) -> dict[str, str]:
    """Each name as the chart labels it: cut with "…" to about ``room`` px (the page's table and the
    chart's text alternative keep it whole). Names that would be cut alike are kept whole, so that two
    regions or plans never become one row or one line."""
    def cut(name: str) -> str:
        if _text_width(name) <= room:
            return name
        kept = ""
        for character in name:
            if _text_width(kept + character + "…") > room:
                break
            kept += character
        return kept + "…"
    shown = {name: cut(name) for name in dict.fromkeys(names)}
    uses = Counter(shown.values())
    return {name: label if uses[label] == 1 else name for name, label in shown.items()}


def _text_width(text: str) -> float:
    """Rough width at the label size: CJK and full-width characters are 1 em, the rest about 0.6 em."""
    return sum(FONT_SIZE if unicodedata.east_asian_width(c) in "WF" else 0.6 * FONT_SIZE for c in text)


def _number(value: float) -> str:
    """As d3-format ",.2~f" writes it (zh-CN: comma groups, U+2212 minus)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace("-", "\u2212")


def _whole(values: list[float]) -> bool:
    """Whether every figure is whole (schools, people): then the axis ticks are whole numbers too."""
    return bool(values) and all(float(v).is_integer() for v in values)


def _whole_ticks(low: float, high: float, most: int) -> list[int]:
    """Whole-number ticks between low and high, at most ``most`` of them, 1, 2 or 5 times a power of
    ten apart (Vega would tick 30, 30.5, 31 … on an axis of schools, and tickMinStep does not stop it)."""
    step = next(m * 10 ** e for e in range(16) for m in (1, 2, 5) if (high - low) / (m * 10 ** e) < most)
    return list(range(math.ceil(low / step) * step, math.floor(high) + 1, step))


def _line_rows(series: ProgressSeries) -> list[dict]:
    """Actual values as runs of consecutive years (a missing year breaks the line), and 序时进度."""
    rows, segment, previous = [], 0, None
    for year, value in sorted(series.actual):
        if previous is not None and year != previous + 1:
            segment += 1
        rows.append({"series": ACTUAL, "segment": f"{ACTUAL}{segment}", "year": year, "value": value})
        previous = year
    rows += [{"series": EXPECTED, "segment": EXPECTED, "year": year, "value": value}
             for year, value in series.expected]
    return rows


def _point_rows(series: ProgressSeries) -> list[dict]:
    rows = [{"series": ACTUAL, "year": year, "value": value, "text": ""} for year, value in series.actual]
    rows += [{"series": TARGET, "year": year, "value": value, "text": text} for year, value, text in series.targets]
    if series.base:
        year, value, text = series.base
        rows.append({"series": BASE, "year": year, "value": value, "text": text})
    return rows


def _year_ticks(first: int, last: int) -> list[int]:
    """Every year, or every 5th/10th (round years, as plan periods are) when too many to fit side by side."""
    step = next(s for s in (1, 5, 10, 20) if (last - first) // s < MAX_YEAR_TICKS)
    return [year for year in range(first, last + 1) if year % step == 0]


def _unit_title(unit: str) -> str | None:
    return f"单位：{unit}" if unit else None


def _title(text: str, subtitle: str) -> alt.TitleParams:
    return alt.TitleParams(text=_wrap(text, TITLE_SIZE), anchor="start",
                           **({"subtitle": _wrap(subtitle, FONT_SIZE)} if subtitle else {}))


def _wrap(text: str, size: float) -> str | list[str]:
    """Lines that fit the chart's width (Vega does not wrap titles), broken between characters."""
    room = WIDTH - 2 * PADDING
    lines, line = [], ""
    for c in text:
        if line and _text_width(line + c) * size / FONT_SIZE > room:
            lines.append(line)
            line = ""
        line += c
    lines.append(line)
    return lines if len(lines) > 1 else text


def _finish(layers: list, title: alt.TitleParams, summary: str, **properties) -> alt.LayerChart:
    """The layers as one chart 400 px wide in all (a chart may set its own plot width and autosize)."""
    properties = {"width": WIDTH, "autosize": alt.AutoSizeParams(type="fit-x", contains="padding"), **properties}
    return alt.layer(*layers, title=title, description=summary, **properties)


# Colour, point shape and dash per plan, in order (five plans get distinct looks; more repeat).
_PLAN_STYLES = (("#0b5cad", "circle", [1, 0]), ("#c4510b", "square", [6, 3]), ("#1a7f37", "triangle-up", [2, 2]),
                ("#6a3d9a", "diamond", [8, 3, 2, 3]), ("#6e7781", "cross", [4, 4]))
COMPARE_PLOT_WIDTH = 320  # fitted to 400 px, the long plan names of the legend would narrow the plot


def comparison_chart(lines: PlanLines, summary: str) -> alt.LayerChart:
    """One measure as several plans report it: a line per plan, told apart by shape and dash as well as
    colour; each plan's targets as open marks (their written values are in the page's table)."""
    shown = _shown([line.label for line in lines.lines], COMPARE_PLOT_WIDTH)
    labels = [shown[line.label] for line in lines.lines]
    looks = [_PLAN_STYLES[n % len(_PLAN_STYLES)] for n in range(len(labels))]
    values = [{"plan": shown[line.label], "year": year, "value": value}
              for line in lines.lines for year, value in sorted(line.values)]
    targets = [{"plan": shown[line.label], "year": year, "value": value, "text": text}
               for line in lines.lines for year, value, text in line.targets]
    years = sorted({row["year"] for row in values + targets})
    if not years:
        raise ValueError(f"{lines.title}：没有可绘制的数值")
    numbers = [row["value"] for row in values + targets]
    x = alt.X(field="year", type="quantitative", title=None,
              scale=alt.Scale(domain=[years[0], years[-1]], padding=24, nice=False),
              axis=alt.Axis(values=_year_ticks(years[0], years[-1]), format=YEAR_FORMAT, labelAngle=0, grid=False))
    y = alt.Y(field="value", type="quantitative", title=_unit_title(lines.unit),
              scale=alt.Scale(zero=False, padding=16),
              axis=alt.Axis(format=NUMBER_FORMAT, tickCount=5,
                            **({"values": _whole_ticks(min(numbers), max(numbers), 5)} if _whole(numbers) else {}),
                            titleAngle=0, titleAlign="left", titleAnchor="end", titleBaseline="bottom",
                            titleY=-12, titleX=0))
    legend = alt.Legend(orient="bottom", direction="vertical", symbolSize=120, symbolStrokeWidth=2.5)

    def by_plan(index: int) -> alt.Scale:
        return alt.Scale(domain=labels, range=[look[index] for look in looks])
    color = alt.Color(field="plan", type="nominal", title=None, scale=by_plan(0), legend=legend)
    shape = alt.Shape(field="plan", type="nominal", title=None, scale=by_plan(1), legend=legend)
    layers = [
        alt.Chart(alt.InlineData(values=values)).mark_line(strokeWidth=2.5).encode(
            x=x, y=y, color=color,
            strokeDash=alt.StrokeDash(field="plan", type="nominal", title=None, scale=by_plan(2), legend=None)),
        alt.Chart(alt.InlineData(values=values)).mark_point(filled=True, size=90, opacity=1).encode(
            x=x, y=y, color=color, shape=shape),
    ]
    if targets:
        layers.append(alt.Chart(alt.InlineData(values=targets)).mark_point(filled=False, size=150, strokeWidth=2)
                      .encode(x=x, y=y, color=color, shape=shape))
    return _finish(layers, _title(lines.title, "实心点为实际值，空心点为各规划目标"), summary, height=HEIGHT,
                   width=COMPARE_PLOT_WIDTH, autosize=alt.AutoSizeParams(type="pad"))
