"""Golden tests for what the views say (#25), with expectations computed by hand: one wording module
(generator/render/wording.py), one row for web, PDF and evaluation, the sentences fixed by the issue."""

from __future__ import annotations

import pytest

from generator.judge.goals import judge_goal
from generator.judge.records import Standing
from generator.judge.rules import Start, judge
from generator.judge.site import standing
from generator.model.figures import GoalReport
from generator.model.plan import Goal, Indicator
from generator.model.status import Light, Reason, StartKind, Status
from generator.model.written_value import parse_written_value as w
from generator.render.explain import explanation, gap_text, light_measure, requirement_text
from generator.render.labels import goal_proof, goal_sentence, overview_sentence
from generator.render.wording import Mark, money, percent, period, projected, with_unit


@pytest.mark.parametrize(("text", "unit", "shown"), [
    ("98.5", "%", "98.5%"),
    ("90 以上", "%", "90% 以上"),  # not “90 以上%”
    ("65左右", "%", "65%左右"),  # not “65左右%”
    ("30所左右", "所/年", "30所左右"),  # not “30所左右 所/年”
    ("保持 90% 以上", "%", "保持 90% 以上"),
    ("5—6 所", "所", "5—6 所"),
    ("1500", "人", "1500\u00a0人"),
    (">98", "%", ">98%"),
    ("10 倍", "倍", "10 倍"),
    ("≤0.50", None, "≤0.50"),
])
def test_a_unit_is_written_once_and_after_its_number(text, unit, shown):
    assert with_unit(text, unit) == shown


def test_numbers_periods_and_money_as_a_person_writes_them():
    assert period(2017, 2017) == "2017 年"  # not “2017—2017 年”
    assert period(2021, 2025) == "2021—2025 年"
    assert money(1234567.0) == "1234567" and money(1234567.456) == "1234567.46"  # never “1.23457e+06”
    assert money(None) == ""
    assert percent(73.3) == "73.3%" and percent(None) == "—"


def test_a_projection_stays_in_the_indicators_domain_and_says_so():
    assert projected(125.33, "%", 1) == "100%（按趋势将达到上限 100%）"  # not “约为 125.33%”
    assert projected(259.17, "所", 0) == "259\u00a0所"  # schools are whole
    assert projected(-3.2, "人", 0) == "0\u00a0人（按趋势将降到下限 0）"
    assert projected(11.876, "年", 1) == "11.88\u00a0年"  # written with one decimal: shown with two


def test_a_mark_is_an_icon_and_a_word_and_its_badge_escapes_them():
    mark = Mark("behind", "<▼>", "未达到序时进度（滞后）")
    assert str(mark) == "<▼> 未达到序时进度（滞后）"
    assert mark.__html__() == ('<span class="status status-behind"><span aria-hidden="true">&lt;▼&gt;</span> '
                               "未达到序时进度（滞后）</span>")


def indicator(unit: str | None, base: tuple[int, str] | None, *targets: tuple[int, str], name: str = "示例指标") -> Indicator:
    return Indicator(id="x", name=name, unit=unit, quote="示例", base={"year": base[0], "value": base[1]} if base else None,
                     targets=[{"year": y, "value": v} for y, v in targets])


def stood(ind: Indicator, year: int, value: str, start: tuple[int, str] | None = None) -> Standing:
    start = start or (ind.base.year, ind.base.value.text)
    return standing(ind, judge(ind, year, w(value), Start(start[0], w(start[1]), StartKind.BASE)))


def test_schools_behind_schedule_stated_in_whole_schools_with_the_measure_of_the_light():
    # base 100 所 (2020), 150 所 by 2025; 2022: 118. 序时 = 2/5 = 40%, requirement 100 + 0.4 × 50 = 120 所;
    # 完成度 = 18/50 = 36%, 4 points behind → 黄灯 (less than 10).
    s = stood(indicator("所", (2020, "100"), (2025, "150")), 2022, "118")
    assert (s.status, s.light) == (Status.BEHIND, Light.YELLOW)
    assert requirement_text(s) == "120\u00a0所"
    assert gap_text(s) == "比序时要求低 2\u00a0所"
    assert (s.completion, s.schedule) == (36.0, 40.0)
    assert light_measure(s) == "完成度落后序时进度 4\u00a0个百分点"


def test_a_share_rounded_once_for_every_view():
    # base 49.8% (2020), 80% by 2025; 2023: 62. 序时 60%, requirement 49.8 + 0.6 × 30.2 = 67.92 → 68.0 shown
    # (up: more is better); gap 62 − 68 = −6 points; 完成度 12.2 / 30.2 = 40.397 → 40.4%; 19.6 behind → 橙灯.
    s = stood(indicator("%", (2020, "49.8"), (2025, "80")), 2023, "62")
    assert requirement_text(s) == "68%"
    assert gap_text(s) == "比序时要求低 6\u00a0个百分点"
    assert s.completion == 40.4 and s.light == Light.ORANGE
    assert light_measure(s) == "完成度落后序时进度 19.6\u00a0个百分点"
    assert "按序时应达到 68%，比序时要求低 6\u00a0个百分点。" in explanation(s)


def test_a_value_equal_to_the_shown_requirement_is_not_said_to_be_level_beside_other_numbers():
    # base 0 所 (2020), 3 所 by 2025; 2021: 1. 序时 20%, requirement 0.6 → 1 所 shown; 完成度 33.3% > 20%.
    s = stood(indicator("所", (2020, "0"), (2025, "3")), 2021, "1")
    assert s.status == Status.ON_TRACK and requirement_text(s) == "1\u00a0所"
    assert gap_text(s) == "达到序时要求"
    assert "持平" not in explanation(s)  # was “与序时持平（完成度 33.3%，序时进度 20%）”


def test_a_strict_bound_reached_exactly_is_said_to_be_short_of_it():
    # >98 by 2025, 2025: 98 — 滞后; was “与目标数值持平。完成度 100%”.
    s = stood(indicator("%", (2020, "95"), (2025, ">98")), 2025, "98")
    assert s.status == Status.BEHIND and s.judgement.reason == Reason.AT_STRICT_BOUND
    words = explanation(s)
    assert "的数值相同，但目标要求高于这个数值，到目标年 2025 年仍未达到" in words
    assert "持平" not in words and "完成度 100%" not in words


def test_lists_by_how_far_behind_follow_the_measure_of_the_light():
    made = indicator("%", (2020, "0"), (2025, "100"))
    # 2022 (序时 40%): 38 → 2 points behind (黄灯); 20 → 20 behind (橙灯); 5 → 35 behind (红灯); 39 → 1 behind.
    rows = [stood(made, 2022, v) for v in ("38", "20", "5", "39", "45")]
    assert [s.lag for s in sorted(rows, key=Standing.behind_key)] == [35.0, 20.0, 2.0, 1.0, None]
    binding = stood(indicator("%", (2020, "0"), (2025, "100"), name="约束性的").model_copy(
        update={"attribute": "约束性"}), 2022, "39")
    assert sorted([*rows, binding], key=Standing.binding_first_key)[0] is binding  # 约束性 first in a bulletin


def test_sentences_the_issue_quotes_read_right():
    goal = Goal(id="g", kind="yes-no", name="创建", due=2025, quote="示例", unit="所")
    report = GoalReport("p", "g", 2023, "已实现", "材料已报市教育局备查。", count=3)
    assert goal_proof(goal, report) == ["材料已报市教育局备查", "数量：3\u00a0所"]  # joined with “；”: no “备查。；数量”
    early = goal.model_copy(update={"id": "a", "name": "甲"})
    late = goal.model_copy(update={"id": "b", "name": "乙"})
    pairs = [(early, judge_goal(2025, 2023, "已实现", goal_id="a")), (late, judge_goal(2022, 2023, "已实现", goal_id="b"))]
    assert goal_sentence(pairs) == "2 项是否达成和里程碑目标中，2 项已实现（其中 1 项提前实现、1 项晚于完成时限）。"
    done = [stood(indicator("%", (2020, "50"), (2025, "80"), name=f"指标{n}"), 2023, "85") for n in range(3)]
    assert overview_sentence(done) == "3 项指标中，3 项已完成目标。"  # not “3 项达到或快于序时进度（其中 3 项已完成目标）”


def test_a_projection_is_one_decimal_finer_and_keeps_the_limit_it_was_held_to():
    assert projected(99.97, "%", 1) == "99.97%"  # not “100%” beside “难以实现目标”
    assert projected(100.0, "%", 1, bound="upper") == "100%（按趋势将达到上限 100%）"
    assert projected(0.0, "所", 0, bound="lower") == "0\u00a0所（按趋势将降到下限 0）"
