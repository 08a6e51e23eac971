"""The comparison chart: one measure as several plans report it, a line per plan, each plan's
targets as open marks. Built with the progress chart's look (charts.py):
same size, fonts, year ticks; plans told apart by shape and dash as well as by colour."""

from __future__ import annotations

from dataclasses import dataclass

from generator.render import charts

# Colour, point shape, dash per plan, in order (five plans at most get distinct looks; more repeat).
_PLAN_STYLES = (("#0b5cad", "circle", [1, 0]), ("#c4510b", "square", [6, 3]), ("#1a7f37", "triangle-up", [2, 2]),
                ("#6a3d9a", "diamond", [8, 3, 2, 3]), ("#6e7781", "cross", [4, 4]))


PLOT_WIDTH = 320


@dataclass(frozen=True)
class PlanLine:
    label: str  # the plan's short title
    values: list[tuple[int, float]]  # (year, value) with data only
    targets: list[tuple[int, float, str]]  # (year, number, written text)


def comparison_chart(title: str, unit: str, lines: list[PlanLine], *, summary: str) -> dict:
    labels = [line.label for line in lines]
    looks = [_PLAN_STYLES[n % len(_PLAN_STYLES)] for n in range(len(lines))]
    values = [{"plan": line.label, "year": year, "value": value} for line in lines for year, value in sorted(line.values)]
    targets = [{"plan": line.label, "year": year, "value": value, "text": text}
               for line in lines for year, value, text in line.targets]
    years = sorted({row["year"] for row in values + targets})
    if not years:
        raise ValueError(f"{title}：没有可绘制的数值")

    def encoding(**channels) -> dict:
        return {
            "x": {"field": "year", "type": "quantitative", "title": None,
                  "scale": {"domain": [years[0], years[-1]], "padding": 24, "nice": False},
                  "axis": {"values": charts._year_ticks(years[0], years[-1]), "format": charts.YEAR_FORMAT,
                           "labelAngle": 0, "grid": False}},
            "y": {"field": "value", "type": "quantitative", "title": charts._unit_title(unit),
                  "scale": {"zero": False, "padding": 16},
                  "axis": {"format": charts.NUMBER_FORMAT, "tickCount": 5, "titleAngle": 0, "titleAlign": "left",
                           "titleAnchor": "end", "titleBaseline": "bottom", "titleY": -12, "titleX": 0}},
            **channels,
        }

    def by_plan(index: int, **more) -> dict:
        return {"field": "plan", "type": "nominal", "title": None,
                "scale": {"domain": labels, "range": [look[index] for look in looks]}, **more}

    legend = {"orient": "bottom", "direction": "vertical", "symbolSize": 120, "symbolStrokeWidth": 2.5, "labelLimit": PLOT_WIDTH}
    layers = [
        {"data": {"values": values}, "mark": {"type": "line", "strokeWidth": 2.5},
         "encoding": encoding(color=by_plan(0, legend=legend), strokeDash=by_plan(2, legend=None))},
        {"data": {"values": values}, "mark": {"type": "point", "filled": True, "size": 90, "opacity": 1},
         "encoding": encoding(color=by_plan(0, legend=legend), shape=by_plan(1, legend=legend))},
    ]
    if targets:  # their written values (>99, 保持在99%以上) are in the page's table: labels would overlap here
        layers.append({"data": {"values": targets}, "mark": {"type": "point", "filled": False, "size": 150, "strokeWidth": 2},
                       "encoding": encoding(color=by_plan(0, legend=legend), shape=by_plan(1, legend=legend))})
    # The plot keeps its own width: fitted to 400 px, the long plan names of the legend would narrow it.
    return charts._finish({"layer": layers, "height": charts.HEIGHT, "width": PLOT_WIDTH, "autosize": {"type": "pad"}},
                          charts._title(title, "实心点为实际值，空心点为各规划目标"), summary)
