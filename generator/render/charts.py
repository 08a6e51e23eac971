"""Chart specs for the bulletin pages: pure functions from figures to a Vega-Lite spec (dict).

Rendered elsewhere (:mod:`generator.render.svg`). The specs are written as plain dicts, not
built with Altair: Altair validates every object it builds against the Vega-Lite schema, which
took ~50 ms a chart and three quarters of a build where nothing changed. tests/test_charts.py
validates every chart kind against the schema Altair ships (SCHEMA_URL), so the dicts cannot
drift from what Vega-Lite accepts. The same inputs always give the same spec: no selections or
params, and each layer carries its data inline (so no generated data set names).

Every chart is 560 px wide in all (axes and labels included) and is shrunk by the page to as
little as 360 px on phones, so text is at least 14 px here (about 9 px there), legends sit
below the plot and every series differs by shape or dash as well as by colour.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

SCHEMA_URL = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # altair 6.3.0's; a test keeps them equal
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'
WIDTH = 560
HEIGHT = 260
NUMBER_FORMAT = ",.2~f"
YEAR_FORMAT = "d"
MAX_YEAR_TICKS = 10  # "2020" is ~35 px wide; ten of them fill the plot
ROW_STEP = 30  # px per bar in the bar charts
FONT_SIZE = 14  # labels, axes and legends: about 9 px when shrunk to a 360 px phone
PADDING = 5  # Vega's default padding around the chart
LABEL_PAD = 6  # between a category name and its bar
LABEL_GAP = 5  # between a bar's end and its label
SPARE = 4  # px kept free after the longest label, as its width is only estimated
NO_DATA = "数据暂缺"
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


def region_chart(title: str, unit: str, year: int, rows: list[tuple[str, float | None, str]],
                 *, palette: dict[str, str], summary: str) -> dict:
    """One bar per 县（市、区） with its value and status word; no bar and "数据暂缺" where no value.

    palette maps every status word of a row with a value to its colour (statuses.yaml).
    """
    labels = [NO_DATA if value is None else f"{_number(value)}{unit}  {status}" for _, value, status in rows]
    data = [{"region": region, "value": value, "status": status, "label": label, "at": max(value or 0, 0)}
            for (region, value, status), label in zip(rows, labels)]
    regions = [region for region, _, _ in rows]
    statuses = list(dict.fromkeys(status for _, value, status in rows if value is not None))
    domain = _bar_domain([value for _, value, _ in rows], labels, regions)
    chart = _bar_chart(data, "region", regions, domain, _status_color(statuses, palette))
    subtitle = f"{year} 年" + (f"；单位：{unit}" if unit else "")
    return _finish(chart, _title(title, subtitle), summary)


def status_chart(title: str, counts: list[tuple[str, int]], palette: dict[str, str], *, summary: str) -> dict:
    """How many items have each status word, in the order given, count printed after each bar."""
    statuses = [status for status, _ in counts]
    data = [{"status": status, "value": n, "label": str(n), "at": n} for status, n in counts]
    domain = _bar_domain([n for _, n in counts], [str(n) for _, n in counts], statuses)
    chart = _bar_chart(data, "status", statuses, domain, _status_color(statuses, palette), value_axis=False)
    return _finish(chart, _title(title, ""), summary)


def _status_color(statuses: list[str], palette: dict[str, str]) -> dict:
    return {"field": "status", "type": "nominal", "legend": None,
            "scale": {"domain": statuses, "range": [palette[s] for s in statuses]}}


def _bar_chart(data: list[dict], category: str, order: list[str], domain: list[float], color: dict,
               value_axis: bool = True) -> dict:
    """Horizontal bars in the given order, each followed by its label (rows without a value: label only)."""
    def y() -> dict:
        return {"field": category, "type": "nominal", "title": None, "sort": order,
                "axis": {"domain": False, "ticks": False, "labelPadding": LABEL_PAD}}

    bars = {"mark": {"type": "bar", "height": {"band": 0.7}},
            "encoding": {"y": y(), "color": color, "x": {
                "field": "value", "type": "quantitative", "title": None, "scale": {"domain": domain, "nice": False},
                "axis": {"format": NUMBER_FORMAT, "tickCount": 4} if value_axis else None}},
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
    return {"text": text, "anchor": "start", **({"subtitle": subtitle} if subtitle else {})}


def _finish(chart: dict, title: dict, summary: str) -> dict:
    """Size, fonts, locale and look shared by every chart."""
    axis = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE,
            "titleFontWeight": "normal", "labelColor": TEXT_COLOR, "titleColor": MUTED_COLOR, "gridColor": "#e5e7eb",
            "domainColor": "#8c959f"}
    legend = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": FONT_SIZE, "titleFontSize": FONT_SIZE,
              "labelColor": TEXT_COLOR}
    title_style = {"font": FONT, "subtitleFont": FONT, "fontSize": 17, "subtitleFontSize": FONT_SIZE,
                   "color": TEXT_COLOR, "subtitleColor": MUTED_COLOR, "offset": 12}
    return {
        "$schema": SCHEMA_URL,
        **chart,
        "title": title,
        "description": summary,
        "width": WIDTH,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": {
            # Altair's default view size, kept so that specs (and so cached SVGs) stay as they were.
            "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
            "font": FONT, "aria": False, "locale": {"number": dict(ZH_CN_NUMBER_LOCALE)},
            "title": title_style, "axis": axis, "legend": legend, "text": {"font": FONT, "fontSize": FONT_SIZE},
        },
    }
