"""Chart specs for the bulletin pages: pure functions from figures to a Vega-Lite spec (dict).

Rendered elsewhere (:mod:`generator.render.svg`). The specs are written as plain dicts, not
built with Altair: Altair validates every object it builds against the Vega-Lite schema, which
took ~50 ms a chart and three quarters of a build where nothing changed. tests/test_charts.py
validates every chart kind against the schema Altair ships (SCHEMA_URL), so the dicts cannot
drift from what Vega-Lite accepts. The same inputs always give the same spec: no selections or
params, and each layer carries its data inline (so no generated data set names).

Every chart is about 400 px wide in all (axes and labels included), with 14 px text. A page
shows it at that size and a 360 px phone (328 px of content) shrinks it to no less than 82 %,
so text stays at least 11 px there; the PDF prints it 79 mm wide (text ≈ 8 pt). Long titles
wrap, legends sit below the plot and every series or status differs by shape or dash, and by
a printed word, as well as by colour.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from generator.render.wording import MISSING

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # altair 6.3.0's; a test keeps them equal
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


@dataclass(frozen=True)
class ProgressSeries:
    title: str  # Chinese indicator name, e.g. "学前教育毛入园率"
    unit: str  # "%", "所", "" …
    actual: list[tuple[int, float]]  # (year, value) with data only; never interpolate gaps
    expected: list[tuple[int, float]]  # (year, 序时 expected value) from base year to target year
    targets: list[tuple[int, float, str]]  # (year, number, written text)
    base: tuple[int, float, str] | None  # (year, number, written text)
    lower_is_better: bool = False


def progress_chart(series: ProgressSeries, *, summary: str) -> dict:
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

    def encoding(**channels) -> dict:
        return {
            "x": {"field": "year", "type": "quantitative", "title": None,
                  "scale": {"domain": [years[0], years[-1]], "padding": 24, "nice": False},
                  "axis": {"values": _year_ticks(years[0], years[-1]), "format": YEAR_FORMAT, "labelAngle": 0,
                           "grid": False}},
            "y": {"field": "value", "type": "quantitative", "title": _unit_title(series.unit),
                  "scale": {"zero": False, "padding": 16},
                  "axis": {"format": NUMBER_FORMAT, "tickCount": 5, "titleAngle": 0, "titleAlign": "left",
                           "titleAnchor": "end", "titleBaseline": "bottom", "titleY": -12, "titleX": 0}},
            **channels,
        }

    def by_series(scale_range: list, **more) -> dict:
        return {"field": "series", "type": "nominal", "title": None, "scale": {"domain": shown, "range": scale_range},
                **more}

    def color() -> dict:
        return by_series(color_range, legend={"orient": "bottom", "direction": "horizontal", "symbolSize": 120,
                                              "symbolStrokeWidth": 2.5})

    layers = [
        {"data": {"values": lines}, "mark": {"type": "line", "strokeWidth": 2.5},
         "encoding": encoding(color=color(), strokeDash=by_series(dash_range),
                              detail={"field": "segment", "type": "nominal"})},
        {"data": {"values": points}, "mark": {"type": "point", "filled": True, "size": 100, "opacity": 1},
         "encoding": encoding(color=color(), shape=by_series(shape_range))},
    ]
    if labels:
        layers.append({"data": {"values": labels},
                       "mark": {"type": "text", "dy": -14, "fontWeight": "bold", "color": TEXT_COLOR},
                       "encoding": encoding(text={"field": "text", "type": "nominal"})})
    subtitle = "逆向指标：数值越低越好" if series.lower_is_better else ""
    return _finish({"layer": layers, "height": HEIGHT}, _title(series.title, subtitle), summary)


@dataclass(frozen=True)
class RegionDot:
    region: str  # "海门区"
    value: float | None  # None: no dot, "数据暂缺" printed
    status: str  # the status word printed beside the value, e.g. "达到序时"
    color: str  # the status's colour (statuses.yaml)
    shape: str  # a Vega point shape, different for statuses that share a colour
    required: float | None = None  # this region's 序时 requirement, as the tables show it


@dataclass(frozen=True)
class Reference:
    value: float
    label: str  # "2025 年目标 >99%", "序时要求 98.5%"


def region_chart(title: str, unit: str, year: int, dots: list[RegionDot], references: list[Reference], *,
                 lower_is_better: bool = False, summary: str) -> dict:
    """A dot plot, one row per 县（市、区）: the value as a dot shaped and coloured by its status, the
    value and status word printed in a column on the right, the target as a labelled vertical line
    and each region's 序时 requirement (regions start from their own values, so these differ) as a
    short grey line on its row. The value axis fits all of these (never past 100 for a percentage),
    so that close values look apart; no dot and "数据暂缺" where there is no value.
    """
    labels = [NO_DATA if d.value is None else f"{_number(d.value)}{unit}  {d.status}" for d in dots]
    regions = [d.region for d in dots]
    left = max(map(_text_width, regions), default=0) + LABEL_PAD
    right = LABEL_GAP + max(map(_text_width, labels), default=0) + SPARE
    plot = max(WIDTH - 2 * PADDING - left - right, 120)
    lines = {r.value for r in references}
    ticks = [d for d in dots if d.required is not None and d.required not in lines]
    domain = _dot_domain([d.value for d in dots] + [d.required for d in ticks] + list(lines), percent=unit == "%")
    x_scale = {"domain": domain, "nice": False, "zero": False}
    y = {"field": "region", "type": "nominal", "title": None, "sort": regions,
         "axis": {"domain": False, "ticks": False, "labelPadding": LABEL_PAD, "grid": True, "bandPosition": 0.5}}
    data = [{"region": d.region, "value": d.value, "label": label, "color": d.color, "shape": d.shape}
            for d, label in zip(dots, labels)]
    layers = [_reference_layer(r, n, x_scale) for n, r in enumerate(references)]
    if ticks:
        layers += [
            {"data": {"values": [{"region": d.region, "required": d.required} for d in ticks]},
             "mark": {"type": "tick", "orient": "vertical", "thickness": 2, "size": ROW_STEP * 0.6, "color": MUTED_COLOR},
             "encoding": {"y": y, "x": {"field": "required", "type": "quantitative", "scale": x_scale}}},
            {"data": {"values": [{}]}, **_top_label("短竖线：各地序时要求", len(references), {"value": 0}, "left")},
        ]
    layers += [
        {"data": {"values": data}, "transform": [{"filter": "datum.value != null"}],
         "mark": {"type": "point", "filled": True, "size": 120, "opacity": 1},
         "encoding": {"y": y, "x": {"field": "value", "type": "quantitative", "title": None, "scale": x_scale,
                                    "axis": {"format": NUMBER_FORMAT, "tickCount": 4, "grid": False}},
                      "color": {"field": "color", "type": "nominal", "scale": None, "legend": None},
                      "shape": {"field": "shape", "type": "nominal", "scale": None, "legend": None}}},
        {"data": {"values": data}, "mark": {"type": "text", "align": "left", "color": TEXT_COLOR},
         "encoding": {"y": y, "x": {"value": plot + LABEL_GAP}, "text": {"field": "label", "type": "nominal"}}},
    ]
    subtitle = f"{year} 年" + (f"；单位：{unit}" if unit else "") + ("；数值越低越好" if lower_is_better else "")
    chart = {"layer": layers, "width": plot, "height": ROW_STEP * len(dots),
             "autosize": {"type": "pad"}}  # the right-hand column is counted in the chart's size
    return _finish(chart, _title(title, subtitle), summary)


def _reference_layer(reference: Reference, n: int, x_scale: dict) -> dict:
    """A vertical line labelled above the plot, on its side of the middle so that the label stays inside."""
    low, high = x_scale["domain"]
    align = "left" if reference.value - low <= (high - low) / 2 else "right"
    x = {"field": "value", "type": "quantitative", "scale": x_scale}
    return {
        "data": {"values": [{"value": reference.value}]},
        "layer": [{"mark": {"type": "rule", "color": TEXT_COLOR, "strokeWidth": 1.5}, "encoding": {"x": x}},
                  _top_label(reference.label, n, x, align)],
    }


def _top_label(text: str, row: int, x: dict, align: str) -> dict:
    """Text above the plot; each label has its own row (0 nearest the plot), so two never overlap."""
    return {"mark": {"type": "text", "align": align, "baseline": "bottom", "dx": 3 if align == "left" else -3,
                     "color": MUTED_COLOR, "text": text},
            "encoding": {"x": x, "y": {"value": -4 - row * (FONT_SIZE + 4)}}}


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


def status_chart(title: str, counts: list[tuple[str, int]], palette: dict[str, str], *, summary: str) -> dict:
    """How many items have each status word, in the order given, count printed after each bar."""
    statuses = [status for status, _ in counts]
    data = [{"status": status, "value": n, "label": str(n), "at": n} for status, n in counts]
    domain = _bar_domain([n for _, n in counts], [str(n) for _, n in counts], statuses)
    chart = _bar_chart(data, "status", statuses, domain, _status_color(statuses, palette))
    return _finish(chart, _title(title, ""), summary)


def _status_color(statuses: list[str], palette: dict[str, str]) -> dict:
    return {"field": "status", "type": "nominal", "legend": None,
            "scale": {"domain": statuses, "range": [palette[s] for s in statuses]}}


def _bar_chart(data: list[dict], category: str, order: list[str], domain: list[float], color: dict) -> dict:
    """Horizontal bars in the given order, each followed by its label; the labels say the values, so no value axis."""
    def y() -> dict:
        return {"field": category, "type": "nominal", "title": None, "sort": order,
                "axis": {"domain": False, "ticks": False, "labelPadding": LABEL_PAD}}

    bars = {"mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {"y": y(), "color": color, "x": {
                "field": "value", "type": "quantitative", "title": None, "scale": {"domain": domain, "nice": False},
                "axis": None}},
            "transform": [{"filter": "datum.value != null"}]}
    texts = {"mark": {"type": "text", "align": "left", "dx": LABEL_GAP, "color": TEXT_COLOR},
             "encoding": {"y": y(), "text": {"field": "label", "type": "nominal"},
                          "x": {"field": "at", "type": "quantitative", "scale": {"domain": domain, "nice": False}}}}
    return {"data": {"values": data}, "layer": [bars, texts], "height": ROW_STEP * len(order)}


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


def _text_width(text: str) -> float:
    """Rough width at the label size: CJK and full-width characters are 1 em, the rest about 0.6 em."""
    return sum(FONT_SIZE if unicodedata.east_asian_width(c) in "WF" else 0.6 * FONT_SIZE for c in text)


def _number(value: float) -> str:
    """As d3-format ",.2~f" writes it (zh-CN: comma groups, U+2212 minus)."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace("-", "\u2212")


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


def _title(text: str, subtitle: str) -> dict:
    return {"text": _wrap(text, TITLE_SIZE), "anchor": "start",
            **({"subtitle": _wrap(subtitle, FONT_SIZE)} if subtitle else {})}


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


def _finish(chart: dict, title: dict, summary: str) -> dict:
    """Size, fonts, locale and look shared by every chart."""
    axis = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE,
            "titleFontWeight": "normal", "labelColor": TEXT_COLOR, "titleColor": MUTED_COLOR, "gridColor": "#e5e7eb",
            "domainColor": "#8c959f"}
    legend = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE,
              "labelColor": TEXT_COLOR}
    title_style = {"font": FONT, "subtitleFont": FONT, "fontSize": TITLE_SIZE, "subtitleFontSize": FONT_SIZE,
                   "color": TEXT_COLOR, "subtitleColor": MUTED_COLOR, "offset": 12}
    return {
        "$schema": SCHEMA_URL,
        "width": WIDTH,
        "autosize": {"type": "fit-x", "contains": "padding"},
        **chart,  # a chart may set its own plot width and autosize
        "title": title,
        "description": summary,
        "config": {
            # Altair's default view size, kept so that specs (and so cached SVGs) stay as they were.
            "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
            "font": FONT, "aria": False, "locale": {"number": dict(ZH_CN_NUMBER_LOCALE)},
            "title": title_style, "axis": axis, "legend": legend, "text": {"font": FONT, "fontSize": FONT_SIZE},
        },
    }
