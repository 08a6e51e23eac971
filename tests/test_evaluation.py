"""中期评估 / 期末评估 verdicts, with the arithmetic done by hand in each case's comment.

Completion = (value − start) / (final goal − start) from the series' start (the base value here,
whatever intermediate target lies between); 序时 = (year − start year) / (target year − start year).
A mid-term evaluation in 2023 of a plan with base 2020 and final target 2025: 序时 = 3 / 5 = 60 %.
The least-squares line over four years 2020–2023 has slope Sxy / 5 (Sxx = 2.25 + 0.25 + 0.25 + 2.25)
and reaches mean(y) + slope × 3.5 in 2025.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.judge.evaluation import (EvaluationThresholds, Kind, decide, evaluate_indicator, evaluations,
                                        item_progress)
from generator.judge.series import YearFigure
from generator.judge.targets import direction_of, meets
from generator.model.plan import Indicator, Period
from generator.model.status import ItemProgress, Status, Verdict
from generator.model.written_value import parse_written_value as w
from test_judge_properties import FORMS, numbers, text  # every target form, the same way

EARLY, FASTER, AS_EXPECTED, BEHIND = Verdict.ACHIEVED_EARLY, Verdict.FASTER, Verdict.AS_EXPECTED, Verdict.BEHIND
MISSING, CANNOT = Verdict.MISSING, Verdict.CANNOT


def indicator(base=None, targets=(), direction=None, annual=False, unit=None):
    return Indicator(id="x", name="测试指标", quote="q", direction=direction, annual=annual, unit=unit,
                     base={"year": base[0], "value": base[1]} if base else None,
                     targets=[{"year": y, "value": v} for y, v in targets])


def evaluate(ind, figures, year, changed=()):
    """figures: {year: text or None}; every year from the first figure to ``year`` is judged."""
    by_year = {y: YearFigure(y, w(v) if v is not None else None, y in changed) for y, v in figures.items()}
    years = list(range(min(figures), max(figures) + 1))
    return evaluate_indicator(ind, by_year, years, year)


CS = indicator(base=(2020, "49.8"), targets=[(2025, "80")], unit="%")  # 南通 标准班额比例（小学）
HUNDRED = indicator(base=(2020, "0"), targets=[(2025, "100")])
AT_LEAST_2 = indicator(base=(2020, "0"), targets=[(2025, "≥2")], unit="所")
RATIO = indicator(base=(2020, "17.5"), targets=[(2025, "17")], direction="lower")
KEEP_100 = indicator(base=(2020, "100"), targets=[(2025, "100")], unit="%")
NO_BASE = indicator(targets=[(2025, "80")], unit="%")
TEACHERS = indicator(targets=[(2025, "≥1500")], annual=True, unit="人")  # 连云港 每年补充新教师
HIGHER_ED = indicator(base=(2020, "51.39"), targets=[(2022, "60"), (2025, "65左右")], unit="%")  # 连云港
AT_BOUND = indicator(base=(2020, "98"), targets=[(2025, ">98")], unit="%")

CASES = [
    # (name, indicator, figures, evaluation year, changed years, verdict, completion or None)
    # (68 − 49.8) / 30.2 = 60.3 % against 60 %: level with 序时.
    ("on schedule", CS, {2021: "56", 2022: "62", 2023: "68"}, 2023, (), AS_EXPECTED, 0.6026),
    # (75 − 49.8) / 30.2 = 83.4 %: 23.4 points ahead ≥ 10.
    ("well ahead", CS, {2021: "60", 2022: "68", 2023: "75"}, 2023, (), FASTER, 0.8344),
    # (66 − 49.8) / 30.2 = 53.6 %: 6.4 points behind ≥ 5.
    ("behind", CS, {2021: "54", 2022: "60", 2023: "66"}, 2023, (), BEHIND, 0.5364),
    # 57 % against 60 %: 3 points behind; mean 35.5, Sxy = 53.25 + 0.25 + 7.25 + 32.25 = 93, slope 18.6,
    # 2025: 35.5 + 65.1 = 100.6 ≥ 100 — on course.
    ("a little behind, on course", HUNDRED, {2021: "35", 2022: "50", 2023: "57"}, 2023, (), AS_EXPECTED, 0.57),
    # 57 % again; mean 33, Sxy = 49.5 + 1.5 + 6 + 36 = 93, slope 18.6, 2025: 33 + 65.1 = 98.1 < 100.
    ("a little behind, off course", HUNDRED, {2021: "30", 2022: "45", 2023: "57"}, 2023, (), BEHIND, 0.57),
    # ≥2 met in 2023, before 2025.
    ("met early", AT_LEAST_2, {2021: "0", 2022: "1", 2023: "2"}, 2023, (), EARLY, None),
    # Lower is better: (17.2 − 17.5) / (17 − 17.5) = 60 % = 序时.
    ("lower is better", RATIO, {2021: "17.4", 2022: "17.3", 2023: "17.2"}, 2023, (), AS_EXPECTED, 0.6),
    ("kept", KEEP_100, {2021: "100", 2022: "100", 2023: "100"}, 2023, (), AS_EXPECTED, None),
    ("not kept", KEEP_100, {2021: "100", 2022: "100", 2023: "99.6"}, 2023, (), BEHIND, None),
    # No 2023 figure: judged on the latest one, 2022's (issue 25 D19): 12.2 / 30.2 = 40.4 % against 40 %.
    ("no figure this year: the latest", CS, {2021: "56", 2022: "62", 2023: None}, 2023, (), AS_EXPECTED, 0.404),
    ("no figure at all", CS, {2021: None, 2022: None, 2023: None}, 2023, (), MISSING, None),
    ("new definition", CS, {2021: "56", 2022: "62", 2023: "40"}, 2023, (2023,), CANNOT, None),
    # Every year judged (issue 25 D10): 2021 missed 1500, so 2 of 3 years met — 滞后.
    ("annual, one year missed", TEACHERS, {2021: "1400", 2022: "1550", 2023: "1600"}, 2023, (), BEHIND, None),
    ("annual, every year met", TEACHERS, {2021: "1500", 2022: "1550", 2023: "1600"}, 2023, (), AS_EXPECTED, None),
    ("annual short", TEACHERS, {2021: "1600", 2022: "1550", 2023: "1400"}, 2023, (), BEHIND, None),
    # No base: start 60 in 2021; 2022 not reported; (69.5 − 60) / 20 = 47.5 % against 2 / 4 = 50 %:
    # 2.5 points behind, two comparable years only — no trend to contradict it.
    ("no base, close, too few years", NO_BASE, {2021: "60", 2022: None, 2023: "69.5"}, 2023, (), AS_EXPECTED, 0.475),
    ("no start", NO_BASE, {2023: "60"}, 2023, (), CANNOT, None),
    # As the 2023 bulletin judges it (issue 25 D6): the 2022 target 60 was missed (57), so the stretch to
    # 2025 starts from 57: (58 − 57) / (65 − 57) = 12.5 % against 序时 1/3.
    ("stage target governs", HIGHER_ED, {2021: "55", 2022: "57", 2023: "58"}, 2023, (), BEHIND, 0.125),
    # 65左右 is met from 65 × 0.95 = 61.75.
    ("met within 左右", HIGHER_ED, {2021: "56", 2022: "60", 2023: "61.8"}, 2023, (), EARLY, None),
    # Start at a strict bound's number: the flat trend stays at 98, which is not >98.
    ("start at bound, flat", AT_BOUND, {2021: "98", 2022: "98", 2023: "98"}, 2023, (), BEHIND, None),
    # End evaluations.
    ("final, met the year before", CS, {2023: "70", 2024: "80.5", 2025: "81"}, 2025, (), EARLY, None),
    ("final, met in its year", CS, {2023: "70", 2024: "78", 2025: "80"}, 2025, (), Verdict.ACHIEVED, None),
    ("final, not met", CS, {2023: "70", 2024: "78", 2025: "79"}, 2025, (), Verdict.NOT_ACHIEVED, 0.9669),
    ("final, met then lost", CS, {2023: "70", 2024: "80.5", 2025: "79"}, 2025, (), Verdict.NOT_ACHIEVED, None),
]


@pytest.mark.parametrize("name, ind, figures, year, changed, verdict, completion", CASES, ids=[c[0] for c in CASES])
def test_verdicts_computed_by_hand(name, ind, figures, year, changed, verdict, completion):
    result = evaluate(ind, figures, year, changed)
    assert result.verdict == verdict
    if completion is not None:
        assert result.judgement.completion == pytest.approx(completion, abs=5e-5)


def test_the_projection_uses_years_up_to_the_evaluation_only():
    later = {2021: "35", 2022: "50", 2023: "57", 2024: "90", 2025: "100"}
    result = evaluate(HUNDRED, later, 2023)
    assert result.points == 4  # 2020 base + 2021–2023
    assert result.projection.value == pytest.approx(100.6)
    assert result.projection.slope == pytest.approx(18.6)
    # The line 35.5 + 18.6 (x − 2021.5) gives 7.6, 26.2, 44.8, 63.4; residuals −7.6, 8.8, 5.2, −6.4;
    # √((57.76 + 77.44 + 27.04 + 40.96) / (4 − 2)) = √101.6 = 10.080.
    assert result.spread.residual == pytest.approx(10.0797, abs=1e-4)
    # The last three yearly changes, 35, 15 and 7, carried two years on from 57: 71 to 127.
    assert (result.spread.low, result.spread.high, result.spread.changes) == (71, 127, 3)


def test_no_projection_at_the_end_or_with_too_few_years():
    assert evaluate(CS, {2023: "70", 2024: "78", 2025: "79"}, 2025).projection is None
    few = evaluate(NO_BASE, {2021: "60", 2022: None, 2023: "69.5"}, 2023)
    assert few.projection is None and few.points == 2


def test_ahead_and_close_thresholds_are_settings():
    j = evaluate(CS, {2021: "60", 2022: "68", 2023: "75"}, 2023).judgement  # 23.4 points ahead
    assert decide(j, None, None, 2025, EvaluationThresholds(ahead_from=30)) == AS_EXPECTED
    behind = evaluate(CS, {2021: "54", 2022: "60", 2023: "66"}, 2023).judgement  # 6.4 behind
    assert decide(behind, None, None, 2025, EvaluationThresholds(close_within=7)) == AS_EXPECTED


@pytest.mark.parametrize("period, latest, expected", [
    ((2021, 2025), 2025, [(Kind.MIDTERM, 2023), (Kind.FINAL, 2025)]),
    ((2021, 2025), 2024, [(Kind.MIDTERM, 2023)]),
    ((2021, 2025), 2022, []),
    ((2021, 2023), 2023, [(Kind.FINAL, 2023)]),  # 如皋: three years, the end evaluation only
    ((2025, 2030), 2030, [(Kind.MIDTERM, 2027), (Kind.FINAL, 2030)]),  # 泰州: 2027 is also its horizon
    ((2017, 2017), 2017, []),  # a one-year task list: its annual bulletin is the whole story
    ((2021, 2025), None, []),
])
def test_which_evaluations_a_period_asks_for(period, latest, expected):
    found = evaluations(Period(start=period[0], end=period[1]), latest)
    assert [(e.kind, e.year) for e in found] == expected


@pytest.mark.parametrize("reports, due, year, expected", [
    ([(2021, "推进中"), (2022, "已完成")], 2023, 2023, ItemProgress.DONE),
    ([(2021, "推进中"), (2022, "推进中")], 2025, 2023, ItemProgress.RUNNING),
    ([(2021, "未启动")], 2025, 2023, ItemProgress.RUNNING),
    ([(2021, "推进中"), (2023, "推进中")], 2023, 2023, ItemProgress.OVERDUE),  # due this year, not done: 逾期
    ([(2021, "滞后")], 2025, 2023, ItemProgress.LATE),
    ([(2022, "已完成"), (2023, "滞后")], 2025, 2023, ItemProgress.LATE),  # the latest report decides
    ([(2024, "已完成")], 2025, 2023, ItemProgress.NOT_REPORTED),  # a later report is not looked at
    ([(2022, "未报告")], 2022, 2023, ItemProgress.NOT_REPORTED),
])
def test_milestone_and_task_progress(reports, due, year, expected):
    assert item_progress(reports, due, year) == expected


@st.composite
def cases(draw):
    form = draw(st.sampled_from(FORMS))
    n = draw(numbers)
    targets = [(2025, form.format(n=text(n), m=text(n + draw(numbers))))]
    if draw(st.booleans()):
        middle = draw(numbers)
        targets.insert(0, (2022, form.format(n=text(middle), m=text(middle + 1))))
    base = draw(st.one_of(st.none(), numbers))
    ind = Indicator(id="p", name="性质测试", quote="q", annual=draw(st.booleans()),
                    direction=draw(st.sampled_from([None, "higher", "lower"])),
                    base={"year": 2020, "value": text(base)} if base is not None else None,
                    targets=[{"year": y, "value": v} for y, v in targets])
    figures = {y: YearFigure(y, w(text(v)) if v is not None else None, draw(st.booleans()))
               for y in range(2021, 2026) if (v := draw(st.one_of(st.none(), numbers))) is not None or draw(st.booleans())}
    return ind, figures, draw(st.sampled_from([2023, 2025]))


@given(cases())
def test_evaluation_never_raises_and_a_met_target_is_never_behind(case):
    ind, figures, year = case
    result = evaluate_indicator(ind, figures, sorted(figures), year)
    assert result.verdict in Verdict
    j = result.judgement
    if j is not None and j.value is not None and not ind.annual and j.status != Status.NOT_KEPT:
        if meets(j.value, ind.targets[-1].value, direction_of(ind), 0.05):
            assert result.verdict in (EARLY, Verdict.ACHIEVED, AS_EXPECTED)
    if result.ended and not ind.annual and j is not None and j.value is not None:
        # At the end a target is met or not: 提前实现 / 已实现 / 未实现, never 基本符合预期 or 滞后.
        assert result.verdict in (EARLY, Verdict.ACHIEVED, Verdict.NOT_ACHIEVED)
