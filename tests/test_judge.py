"""The status rules, with expectations computed by hand (the arithmetic is in each comment)."""

import pytest

from generator.judge import rules
from generator.judge.projection import fit_line, project
from generator.judge.rules import (BEHIND, CANNOT, DONE, GREEN, KEPT, MISSING, NOT_KEPT, ON_TRACK, RED, YELLOW,
                                   Thresholds, direction_of, judge)
from generator.model.plan import Indicator
from generator.model.written_value import parse_written_value as w


def indicator(base=None, targets=(), direction=None, attribute=None):
    return Indicator(id="x", name="测试指标", quote="q", attribute=attribute, direction=direction,
                     base={"year": base[0], "value": base[1]} if base else None,
                     targets=[{"year": y, "value": v} for y, v in targets])


CLASS_SIZE = indicator(base=(2020, "49.8"), targets=[(2025, "80")])  # 南通 义务教育标准班额比例（小学）


def test_on_schedule():
    # completion = (70 − 49.8) / (80 − 49.8) = 20.2 / 30.2 = 66.89 %; 序时 = 3/5 = 60 %; expected = 49.8 + 0.6 × 30.2 = 67.92
    j = judge(CLASS_SIZE, 2023, w("70"))
    assert j.status == ON_TRACK
    assert j.completion == pytest.approx(0.66887, abs=1e-5)
    assert j.schedule_share == pytest.approx(0.6)
    assert j.expected == pytest.approx(67.92)
    assert j.gap_points == pytest.approx(6.887, abs=1e-3)
    assert j.light == GREEN
    assert "20.2" not in j.explanation and "（70 − 49.8）÷（80 − 49.8）= 66.9%" in j.explanation


@pytest.mark.parametrize("value, gap, light", [
    ("65", -9.67, GREEN),   # (65 − 49.8)/30.2 = 50.33 %: 9.67 points behind
    ("62", -19.60, YELLOW),  # (62 − 49.8)/30.2 = 40.40 %
    ("55", -42.78, RED),     # (55 − 49.8)/30.2 = 17.22 %
])
def test_behind_schedule_with_traffic_lights(value, gap, light):
    j = judge(CLASS_SIZE, 2023, w(value))
    assert j.status == BEHIND
    assert j.gap_points == pytest.approx(gap, abs=0.01)
    assert j.light == light


def test_traffic_light_thresholds_are_configurable():
    j = judge(CLASS_SIZE, 2023, w("62"), thresholds=Thresholds(yellow_from=25, red_from=40))
    assert j.light == GREEN


def test_exactly_ten_points_behind_is_yellow():
    # 高职院校数 0 → ≥2 (2025): value 1 in 2023 → completion 50 %, 序时 60 %: exactly 10 points behind
    j = judge(indicator(base=(2020, "0"), targets=[(2025, "≥2")]), 2023, w("1"))
    assert (j.status, j.light) == (BEHIND, YELLOW)


def test_target_met_early():
    j = judge(CLASS_SIZE, 2024, w("81"))
    assert j.status == DONE and "提前完成" in j.explanation
    assert j.margin == pytest.approx(1)


def test_target_met_in_the_target_year():
    assert "按期完成" in judge(CLASS_SIZE, 2025, w("80")).explanation


def test_lower_is_better_uses_the_same_formula():
    # 生师比 17.5 → 17: value 17.3 in 2022 → completion (17.3 − 17.5)/(17 − 17.5) = 40 % = 序时 2/5
    ratio = indicator(base=(2020, "17.5"), targets=[(2025, "17")], direction="lower")
    j = judge(ratio, 2022, w("17.3"))
    assert j.status == ON_TRACK
    assert j.completion == pytest.approx(0.4)
    assert j.expected == pytest.approx(17.3)
    assert judge(ratio, 2022, w("17.6")).status == BEHIND  # moved the wrong way: completion −20 %
    assert judge(ratio, 2024, w("16.9")).status == DONE


def test_direction_is_inferred_only_where_unambiguous():
    assert direction_of(indicator(base=(2020, "17.5"), targets=[(2025, "17")])) == "lower"
    assert direction_of(indicator(base=(2020, "0.7"), targets=[(2025, "<0.5")])) == "lower"
    assert direction_of(indicator(targets=[(2025, "≥2")])) == "higher"
    assert direction_of(indicator(base=(2020, "100"), targets=[(2025, "100")])) == "higher"


LYG_DIFFERENCE = indicator(base=(2020, "0.6"), targets=[(2022, "＜0.5"), (2025, "＜0.4")])  # 连云港 校际差异系数（初中）


def test_intermediate_target_is_judged_in_its_year():
    # 2021: towards the 2022 target ＜0.5 from 0.6: (0.58 − 0.6)/(0.5 − 0.6) = 20 %, 序时 1/2 = 50 % → 30 points behind
    j = judge(LYG_DIFFERENCE, 2021, w("0.58"))
    assert (j.status, j.target.year, j.light) == (BEHIND, 2022, YELLOW)
    assert j.gap_points == pytest.approx(-30)
    assert judge(LYG_DIFFERENCE, 2022, w("0.48")).status == DONE


def test_after_an_intermediate_target_progress_goes_on_from_it():
    # 2023: from the 2022 target 0.5 to the 2025 target 0.4: (0.47 − 0.5)/(0.4 − 0.5) = 30 %, 序时 1/3
    j = judge(LYG_DIFFERENCE, 2023, w("0.47"))
    assert (j.start_year, j.start_value, j.target.year) == (2022, 0.5, 2025)
    assert j.completion == pytest.approx(0.3)
    assert j.schedule_share == pytest.approx(1 / 3)
    assert (j.status, j.light) == (BEHIND, GREEN)
    assert "阶段目标" in j.explanation


HIGHER_EDUCATION = indicator(base=(2020, "51.39"), targets=[(2022, "60"), (2025, "65左右")])  # 连云港 高等教育毛入学率


def test_about_target_is_met_within_the_tolerance():
    # 65左右 with the default ±5 %: 61.75 or more counts as met
    assert judge(HIGHER_EDUCATION, 2024, w("62")).status == DONE
    # 61 is short: from the 2022 target 60, (61 − 60)/(65 − 60) = 20 % against 序时 1/3
    j = judge(HIGHER_EDUCATION, 2023, w("61"))
    assert j.status == BEHIND and j.completion == pytest.approx(0.2)
    assert judge(HIGHER_EDUCATION, 2024, w("62"), thresholds=Thresholds(about_tolerance=0.02)).status == BEHIND


def test_intermediate_target_missed_in_its_year():
    # (59 − 51.39)/(60 − 51.39) = 88.4 %, 序时 100 % → 11.6 points behind
    j = judge(HIGHER_EDUCATION, 2022, w("59"))
    assert (j.status, j.light) == (BEHIND, YELLOW)
    assert j.gap_points == pytest.approx(-11.61, abs=0.01)


@pytest.mark.parametrize("written_base, target, value, status", [
    ("100", "100", "100", KEPT),         # 南通 义务教育巩固率 100 → 100
    ("100", "100", "99.9", NOT_KEPT),
    ("＞99", "＞99", "99.5", KEPT),       # 连云港 高中阶段毛入学率 ＞99 → ＞99
    ("＞99", "＞99", "98.7", NOT_KEPT),
    ("67.35", "65%以上", "66", KEPT),     # 南通 公办幼儿园覆盖率: the base already beyond the target
    (None, "保持在90%以上", "91", KEPT),  # 泰州 普惠园覆盖率
    (None, "保持在90%以上", "89", NOT_KEPT),
])
def test_targets_already_met_ask_whether_they_were_kept(written_base, target, value, status):
    base = (2020, written_base) if written_base else None
    j = judge(indicator(base=base, targets=[(2025, target)]), 2023, w(value))
    assert j.status == status
    assert j.completion is None  # never a division by zero


@pytest.mark.parametrize("target, value, status, margin", [
    (">99", "99.2", DONE, 0.2),    # 南通 学前教育毛入园率 >98 → >99
    ("≥2", "2", DONE, 0),
    ("<0.5", "0.45", DONE, 0.05),  # lower is better: 0.05 better than the bound
    ("不大于0.50", "0.52", ON_TRACK, -0.02),  # not met yet, 0.02 short; (0.52 − 0.7)/(0.5 − 0.7) = 90 % ≥ 序时 80 %
])
def test_bounds_are_met_or_not_and_by_how_much(target, value, status, margin):
    base = (2020, "0.7") if "0.5" in target else (2020, "0")
    if target == ">99":
        base = (2020, ">98")
    j = judge(indicator(base=base, targets=[(2025, target)]), 2024, w(value))
    assert j.status == status
    assert j.margin == pytest.approx(margin)


def test_bound_base_is_used_by_its_number():
    # >98 → >99, value 98.6 in 2023: (98.6 − 98)/(99 − 98) = 60 % = 序时 60 %
    j = judge(indicator(base=(2020, ">98"), targets=[(2025, ">99")]), 2023, w("98.6"))
    assert j.status == ON_TRACK


def test_range_target_is_met_on_reaching_its_near_end():
    # 南通 省高品质示范高中: 2022 “3”, 2025 “5—6”, no base
    schools = indicator(targets=[(2022, "3"), (2025, "5—6")])
    assert judge(schools, 2024, w("5")).status == DONE
    j = judge(schools, 2023, w("4"))  # from the 2022 target 3: (4 − 3)/(5 − 3) = 50 % against 序时 1/3
    assert j.status == ON_TRACK and j.completion == pytest.approx(0.5)


def test_missing_value_is_never_guessed():
    j = judge(CLASS_SIZE, 2023, None)
    assert j.status == MISSING and j.completion is None and j.expected is None
    assert "尚未报送" in j.explanation


def test_no_base_before_the_target_year_cannot_be_measured():
    football = indicator(targets=[(2025, "250")])  # 南通 专栏2 全国校园足球特色学校
    j = judge(football, 2023, w("200"))
    assert j.status == CANNOT and "没有给出基期值" in j.explanation
    assert judge(football, 2025, w("240")).status == BEHIND
    assert judge(football, 2023, w("251")).status == DONE


def test_without_a_base_the_first_year_with_data_is_the_start():
    football = indicator(targets=[(2025, "250")])
    first = rules.YearValue(year=2021, value=w("150"))
    assert "首个监测年份" in judge(football, 2021, w("150"), first_reported=first).explanation
    # (200 − 150)/(250 − 150) = 50 %; 序时 (2023 − 2021)/(2025 − 2021) = 50 %
    j = judge(football, 2023, w("200"), first_reported=first)
    assert j.status == ON_TRACK and j.completion == pytest.approx(0.5) and j.start_year == 2021
    assert "首个监测年份" in j.explanation


def test_change_of_definition_stops_the_comparison_with_the_base():
    j = judge(CLASS_SIZE, 2023, w("70"), definition_changed=True)
    assert j.status == CANNOT and "口径" in j.explanation
    assert judge(CLASS_SIZE, 2023, w("85"), definition_changed=True).status == DONE  # a met target is still met


def test_indicator_without_targets_cannot_be_measured():
    assert judge(indicator(base=(2020, "5")), 2023, w("6")).status == CANNOT


def test_every_status_word_is_reachable():
    seen = {
        judge(CLASS_SIZE, 2024, w("81")).status, judge(CLASS_SIZE, 2023, w("70")).status,
        judge(CLASS_SIZE, 2023, w("55")).status, judge(CLASS_SIZE, 2023, None).status,
        judge(indicator(base=(2020, "100"), targets=[(2025, "100")]), 2023, w("100")).status,
        judge(indicator(base=(2020, "100"), targets=[(2025, "100")]), 2023, w("99")).status,
        judge(CLASS_SIZE, 2023, w("70"), definition_changed=True).status,
    }
    assert seen == set(rules.STATUSES)


def test_projection_by_least_squares():
    # points 2020: 49.8, 2021: 55, 2022: 60 → slope = 10.2 / 2 = 5.1; 2025: 54.933 + 4 × 5.1 = 75.33 < 80
    slope, intercept = fit_line([(2020, 49.8), (2021, 55), (2022, 60)])
    assert slope == pytest.approx(5.1)
    p = project([(2020, 49.8), (2021, 55), (2022, 60)], 2025, w("80"), "higher")
    assert p.value == pytest.approx(75.333, abs=1e-3) and not p.would_meet
    assert project([(2020, 49.8), (2022, 65)], 2025, w("80"), "higher").would_meet
    assert project([(2020, 49.8)], 2025, w("80"), "higher") is None
