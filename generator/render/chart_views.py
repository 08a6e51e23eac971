"""Charts as a page shows them: the spec, a one-sentence summary (alt text and caption) and the
data as a table, so that nothing a chart shows is only in the chart."""

from __future__ import annotations

from dataclasses import dataclass

from generator import progress
from generator.config import Styles
from generator.judge.engine import IndicatorSeries, PlanResults
from generator.judge.targets import direction_of
from generator.model.plan import Indicator
from generator.model.status import LAGGING, word
from generator.render import charts
from generator.render.labels import requirement, with_unit


@dataclass(frozen=True)
class ChartView:
    spec: dict
    summary: str
    headers: list[str]
    rows: list[list[str]]


@progress.timed(progress.SPECS)
def progress_view(results: PlanResults, indicator: Indicator, series: IndicatorSeries | None) -> ChartView:
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
    spec_series = charts.ProgressSeries(title=name, unit=unit, actual=actual, expected=expected, targets=targets,
                                        base=base, lower_is_better=direction_of(indicator) == "lower")
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
    rows = []
    for year in years:
        if year in by_year or year in expected_by_year or year in target_by_year:
            rows.append([f"{year}", written.get(year, "—"), requirement(expected_by_year.get(year), indicator.unit),
                         target_by_year.get(year, "—") if year != (base[0] if base else None) else f"基期 {base[2]}"])
    return ChartView(charts.progress_chart(spec_series, summary=summary), summary,
                     ["年份", "实际值", "序时进度要求", "规划目标"], rows)


@progress.timed(progress.SPECS)
def region_view(results: PlanResults, indicator: Indicator, year: int, styles: Styles) -> ChartView | None:
    rows = []
    for region in results.plan.info.regions:
        judgement = results.judgement(indicator.id, year, region)
        if judgement is None:
            continue
        rows.append((region, judgement.value.number if judgement.value else None, judgement.status,
                     with_unit(judgement.value.text, indicator.unit) if judgement.value else "数据暂缺"))
    if not rows:
        return None
    name = results.plan.full_name(indicator)
    unit = indicator.unit or ""
    behind = [r for r, _, s, _ in rows if s in LAGGING]
    summary = (f"{year} 年各县（市、区）{name}：{len(rows)} 个地区有数据，"
               + (f"{'、'.join(behind)} 未达到要求。" if behind else "均达到要求或保持目标水平。"))
    palette = {word(status): styles.of(status).color for _, _, status, _ in rows}
    worded = [(region, value, word(status)) for region, value, status, _ in rows]
    spec = charts.region_chart(name, unit, year, worded, palette=palette, summary=summary)
    table = [[region, written, word(status)] for region, _, status, written in rows]
    return ChartView(spec, summary, ["地区", f"{year} 年数值", "状态"], table)


@progress.timed(progress.SPECS)
def status_view(title: str, counts: list[tuple[str, int]], styles: Styles) -> ChartView:
    palette = {word(status): styles.of(status).color for status, _ in counts}
    counts = [(word(status), n) for status, n in counts]
    total = sum(n for _, n in counts)
    summary = f"{title}：共 {total} 项，" + "，".join(f"{status} {n} 项" for status, n in counts) + "。"
    return ChartView(charts.status_chart(title, counts, palette, summary=summary), summary,
                     ["状态", "项数"], [[status, str(n)] for status, n in counts])
