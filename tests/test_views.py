"""The views select and order the judge's records (#25): the bulletin puts lagging 约束性 indicators
first, every list sorted by how far behind follows the measure printed beside each light, and an
evaluation states the bulletin's numbers for its year."""

from __future__ import annotations

from generator.judge.rules import Start, judge
from generator.judge.site import standing
from generator.model.plan import Indicator
from generator.model.status import StartKind
from generator.model.written_value import parse_written_value as w
from generator.render.evaluation_report import evaluation_context
from generator.render.pages.indicator import observed_text
from generator.render.rows import indicator_row
from generator.render.year_report import year_report


def test_bulletins_list_lagging_binding_indicators_first_then_by_the_lights_measure(sample_judged):
    seen = 0
    for plan in sample_judged.results:
        for year in plan.years:
            report = year_report(plan, year)
            for lines in [report.attention, *(group for _, group in report.groups)]:
                lagging = [s for s in lines if s.lagging]
                assert lines[:len(lagging)] == tuple(lagging)  # lagging rows first
                binding = [s.attribute == "约束性" for s in lagging]
                assert binding == sorted(binding, reverse=True)  # 约束性 before the rest
                for part in (True, False):
                    keys = [s.behind_key() for s in lagging if (s.attribute == "约束性") == part]
                    assert keys == sorted(keys)
                seen += len(lagging)
    assert seen > 20


def test_a_lights_measure_agrees_with_its_band(sample_judged):
    """The measure printed beside a light is the one that set it: 黄 below 10 points, 橙 10–30, 红 above."""
    thresholds = sample_judged.config.settings.thresholds
    checked = 0
    for plan in sample_judged.results:
        for s in plan.standings.values():
            if s.lag is None or s.lag_basis != "completion":
                continue
            checked += 1
            if s.lag > thresholds.red_from:
                assert s.light == "red", s
            elif s.lag >= thresholds.orange_from:
                assert s.light == "orange", s
            else:
                assert s.light == "yellow", s
    assert checked > 20


def test_an_evaluation_states_the_bulletins_numbers_for_its_year(sample_judged):
    """D6 (view side): the report's table shows the year's standing as the bulletin does (60% vs 73.3% was
    the evaluation computing its own 完成度)."""
    styles = sample_judged.config.styles
    compared = 0
    for plan in sample_judged.results:
        for record in plan.evaluations:
            context = evaluation_context(plan, record, sample_judged.config)
            bulletin = {s.indicator.id: s for s in plan.year(record.evaluation.year).standings}
            for row in context["reasons"]:
                shown = indicator_row(bulletin[row["id"]], styles)
                for field in ("value", "target", "expected", "completion", "gap", "measure", "status", "light"):
                    assert row[field] == shown[field], (row["name"], field)
                compared += 1
    assert compared > 50


def test_projections_only_for_years_after_the_latest_figure_and_inside_the_domain(sample_judged):
    """D3/D4 (view side): no “2025 年约为 97%” beside an observed 2025; a share never projected above 100."""
    projected = 0
    for plan in sample_judged.results:
        for s in plan.standings.values():
            if s.projection is None:
                continue
            projected += 1
            assert s.projection.year > s.year, s
            if s.unit == "%":
                assert 0 <= s.projection.value <= 100, s
    assert projected > 5


def test_an_observed_target_year_says_whether_the_target_was_reached():
    made = Indicator(id="x", name="示例", unit="%", quote="示例", base={"year": 2020, "value": "95"},
                     targets=[{"year": 2025, "value": "97"}])
    start = Start(2020, w("95"), StartKind.BASE)
    assert observed_text(standing(made, judge(made, 2025, w("96.8"), start))) == \
        "目标年 2025 年的实际值为 96.8%，未达到目标“97%”（比目标低 0.2\u00a0个百分点）。"
    assert observed_text(standing(made, judge(made, 2025, w("97.1"), start))) == "目标年 2025 年的实际值为 97.1%，达到目标“97%”。"


def test_an_evaluation_lists_what_lags_first_in_every_table(sample_judged):
    """Indicators 滞后/未实现 first in each group, late milestones and tasks first, units with late tasks
    first; a plan without 属性 names its lagging indicators at the top (需要关注)."""
    lagging_words, late_words = {"滞后", "未实现"}, {"滞后", "逾期"}
    seen = {"groups": 0, "attention": 0, "units": 0}
    for plan in sample_judged.results:
        for record in plan.evaluations:
            context = evaluation_context(plan, record, sample_judged.config)
            for group in context["groups"]:
                flags = [row["verdict"].word in lagging_words for row in group["rows"]]
                assert flags == sorted(flags, reverse=True), group["title"]
                seen["groups"] += any(flags) and not all(flags)
            for column in context["columns"]:
                flags = [item["progress"].word in late_words for item in column["milestones"]]
                assert flags == sorted(flags, reverse=True), column["heading"]
            lates = [unit["late"] for unit in context["units"]]
            assert [late > 0 for late in lates] == sorted((late > 0 for late in lates), reverse=True)
            for unit in context["units"]:
                flags = [task["progress"].word in late_words for task in unit["tasks"]]
                assert flags == sorted(flags, reverse=True), unit["name"]
                seen["units"] += any(flags)
            unmarked = not context["show_attribute"]
            lagging = [r["name"] for g in context["groups"] for r in g["rows"] if r["verdict"].word in lagging_words]
            assert sorted(r["name"] for r in context["attention"]) == (sorted(lagging) if unmarked else [])
            seen["attention"] += bool(context["attention"])
    assert all(seen.values()), seen  # the sample has every case
