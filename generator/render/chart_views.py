"""Charts as a page shows them: what the chart draws, a one-sentence summary (alt text and caption)
and the data as a table, so that nothing a chart shows is only in the chart."""

from __future__ import annotations

from dataclasses import dataclass

from generator import timing
from generator.config import Styles
from generator.judge.records import IndicatorSeries, JudgedPlan
from generator.model.plan import Indicator
from generator.model.status import LAGGING, Status, word
from generator.render.chart_inputs import Chart, ProgressSeries, Reference, RegionDot, RegionValues, StatusCounts
from generator.render.explain import requirement_text
from generator.render.wording import MISSING, NONE, quantity, with_unit


@dataclass(frozen=True)
class ChartView:
    chart: Chart
    headers: list[str]
    rows: list[list[str]]

    @property
    def summary(self) -> str:
        return self.chart.summary


@timing.timed(timing.SPECS)
def progress_view(results: JudgedPlan, indicator: Indicator, series: IndicatorSeries | None) -> ChartView:
    plan = results.plan
    name = plan.full_name(indicator)
    unit = indicator.unit or ""
    actual = [(f.year, f.value.number) for f in (series.figures if series else ()) if f.value is not None]
    written = {f.year: with_unit(f.value.text, indicator.unit) for f in (series.figures if series else ()) if f.value is not None}
    first = indicator.base.year if indicator.base else plan.info.period.start
    years = list(range(first, indicator.targets[-1].year + 1))
    expected = series.expected_line() if series else []
    targets = [(t.year, t.value.number, t.value.text) for t in indicator.targets]
    base = (indicator.base.year, indicator.base.value.number, indicator.base.value.text) if indicator.base else None
    inputs = ProgressSeries(title=name, unit=unit, actual=actual, expected=expected, targets=targets,
                            base=base, lower_is_better=results.directions[indicator.id] == "lower")
    final = indicator.targets[-1]
    if actual:
        last_year, _ = actual[-1]
        summary = (f"{name}：{last_year} 年为 {written[last_year]}，"
                   f"规划目标为 {final.year} 年 {with_unit(final.value.text, unit)}。")
    else:
        summary = f"{name}：尚无监测数据，规划目标为 {final.year} 年 {with_unit(final.value.text, unit)}。"
    by_year = {y: v for y, v in actual}
    expected_by_year = dict(expected)
    target_by_year = {t.year: t.value.text for t in indicator.targets}
    judged = {s.year: s for s in (results.series_standings(indicator.id, series.region) if series else ())
              if s.requirement is not None}
    rows = []
    for year in years:
        if year in by_year or year in expected_by_year or year in target_by_year:
            # The same requirement the indicator's tables state (rounded the way that keeps the comparison true);
            # a stretch's start point has no judgement of its own.
            shown = (requirement_text(judged[year]) if year in judged
                     else quantity(expected_by_year[year], indicator.unit) if year in expected_by_year else NONE)
            rows.append([f"{year}", written.get(year, NONE), shown,
                         target_by_year.get(year, NONE) if year != (base[0] if base else None) else f"基期 {base[2]}"])
    return ChartView(Chart(inputs, summary), ["年份", "实际值", "序时进度要求", "规划目标"], rows)


# A point shape per status, so that statuses sharing a colour (statuses.yaml) still look different.
_SHAPES = {Status.DONE_EARLY: "diamond", Status.DONE: "circle", Status.ON_TRACK: "triangle-up",
           Status.BEHIND: "triangle-down", Status.KEPT: "square", Status.NOT_KEPT: "cross",
           Status.CANNOT: "circle", Status.MISSING: "circle"}


@timing.timed(timing.SPECS)
def region_view(results: JudgedPlan, indicator: Indicator, year: int, styles: Styles) -> ChartView | None:
    judgements = [s for s in (results.standing(indicator.id, year, region) for region in results.plan.info.regions) if s]
    if not judgements:
        return None
    name = results.plan.full_name(indicator)
    unit = indicator.unit or ""
    behind = [j.region for j in judgements if j.status in LAGGING]
    summary = (f"{year} 年各县（市、区）{name}：{len(judgements)} 个地区有数据，"
               + (f"{'、'.join(behind)} 未达到要求。" if behind else "均达到要求或保持目标水平。"))
    dots = [RegionDot(j.region, j.value.number if j.value else None,
                      styles.of(j.status).short or word(j.status), styles.of(j.status).color, _SHAPES[j.status],
                      j.requirement if j.value else None)
            for j in judgements]
    # One target line when the regions share it (they do: the plan's target is set once).
    targets = {(j.target.year, j.target.value.text, j.judgement.goal) for j in judgements
               if j.target and j.judgement.goal is not None}
    lines = [Reference(goal, f"{target_year} 年目标 {with_unit(text, unit)}")
             for target_year, text, goal in targets] if len(targets) == 1 else []
    inputs = RegionValues(name, unit, year, dots, lines, lower_is_better=results.directions[indicator.id] == "lower")
    table = [[j.region, with_unit(j.value.text, indicator.unit) if j.value else MISSING,
              requirement_text(j) if j.value else NONE, word(j.status)] for j in judgements]
    return ChartView(Chart(inputs, summary), ["地区", f"{year} 年数值", "序时要求", "状态"], table)


@timing.timed(timing.SPECS)
def status_view(title: str, counts: list[tuple[str, int]], styles: Styles) -> ChartView:
    palette = {word(status): styles.of(status).color for status, _ in counts}
    counts = [(word(status), n) for status, n in counts]
    total = sum(n for _, n in counts)
    summary = f"{title}：共 {total} 项，" + "，".join(f"{status} {n} 项" for status, n in counts) + "。"
    return ChartView(Chart(StatusCounts(title, counts, palette), summary), ["状态", "项数"],
                     [[status, str(n)] for status, n in counts])
