"""Properties of the judge over every target form (hypothesis): it never raises on finite input, its
numbers are finite, raising a value never worsens the status of a higher-is-better indicator (and
lowering it never worsens a lower-is-better one), lights agree with statuses, and the sentence on
the page states the same numbers as the judgement's fields."""

import math

from hypothesis import given
from hypothesis import strategies as st

from generator.judge.rules import Start, judge
from generator.judge.series import YearFigure, judge_series
from generator.judge.targets import direction_of
from generator.model.plan import Indicator
from generator.model.status import LAGGING, Light, StartKind, Status
from generator.model.written_value import parse_written_value as w
from generator.render.explain import explanation, pct, requirement_text

numbers = st.integers(min_value=0, max_value=200_000).map(lambda n: n / 100)  # 0–2000, two decimals
FORMS = ["{n}", ">{n}", "≥{n}", "<{n}", "≤{n}", "{n}左右", "保持在{n}以上", "{n}—{m}"]
STATUS_RANK = {Status.NOT_KEPT: 0, Status.BEHIND: 0, Status.CANNOT: 0, Status.ON_TRACK: 1,
               Status.KEPT: 2, Status.DONE: 2, Status.DONE_EARLY: 2}
LIGHT_RANK = {Light.RED: 0, Light.ORANGE: 1, Light.YELLOW: 2, None: 2, Light.GREEN: 3}


def text(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.2f}".rstrip("0")


@st.composite
def indicators(draw):
    form = draw(st.sampled_from(FORMS))
    n = draw(numbers)
    final = form.format(n=text(n), m=text(n + draw(numbers)))
    base = draw(st.one_of(st.none(), numbers))
    targets = [(2025, final)]
    if draw(st.booleans()) and base is not None and form in ("{n}", ">{n}", "≥{n}", "<{n}", "≤{n}"):
        middle = (base + n) / 2  # an intermediate target on the way, as plans write them
        targets.insert(0, (2022, form.format(n=text(round(middle, 2)))))
    annual = draw(st.booleans()) and form in ("{n}", ">{n}", "≥{n}", "{n}左右", "{n}—{m}")
    return Indicator(id="p", name="性质测试", quote="q", annual=annual,
                     base={"year": 2020, "value": text(base)} if base is not None else None,
                     targets=[{"year": y, "value": v} for y, v in targets])


@st.composite
def starts(draw):
    if draw(st.booleans()):
        return None
    year = draw(st.integers(min_value=2019, max_value=2024))
    return Start(year, w(text(draw(numbers))), draw(st.sampled_from(list(StartKind))))


@given(indicators(), st.integers(min_value=2021, max_value=2027), st.one_of(st.none(), numbers), starts(),
       st.booleans(), st.booleans())
def test_judge_never_raises_and_its_numbers_are_finite(indicator, year, value, start, changed, met_before):
    j = judge(indicator, year, w(text(value)) if value is not None else None, start,
              definition_changed=changed, met_before=met_before)
    for field in ("schedule_share", "expected", "completion", "gap_points", "gap_unit", "margin", "goal"):
        x = getattr(j, field)
        assert x is None or math.isfinite(x), field
    if j.status in LAGGING:
        assert j.light not in (Light.GREEN, None)
    if j.light == Light.GREEN:
        assert j.status not in LAGGING
    if j.status in (Status.MISSING, Status.CANNOT):
        assert j.light is None
    explanation(j, indicator.unit)  # every reason has words


@given(indicators(), st.integers(min_value=2021, max_value=2026), numbers, numbers, starts(), st.booleans())
def test_a_better_value_never_gets_a_worse_status(indicator, year, a, b, start, met_before):
    direction = direction_of(indicator)
    worse, better = sorted((a, b)) if direction == "higher" else sorted((a, b), reverse=True)
    j_worse = judge(indicator, year, w(text(worse)), start, met_before=met_before)
    j_better = judge(indicator, year, w(text(better)), start, met_before=met_before)
    rank = lambda j: (STATUS_RANK[j.status], LIGHT_RANK[j.light])  # noqa: E731
    assert rank(j_better) >= rank(j_worse), (j_worse, j_better)


@given(indicators(), st.dictionaries(st.integers(min_value=2021, max_value=2025), st.one_of(st.none(), numbers),
                                     min_size=1, max_size=5), st.booleans())
def test_series_explanations_state_the_judgements_numbers(indicator, figures, county):
    by_year = {y: YearFigure(y, w(text(v)) if v is not None else None) for y, v in figures.items()}
    years = list(range(min(figures), max(figures) + 1))
    judged = judge_series(indicator, by_year, years, whole_area=not county)
    assert [j.year for j in judged.judgements] == years
    for j in judged.judgements:
        words = explanation(j, indicator.unit)
        if j.completion is not None:
            assert pct(j.completion) in words
        if j.schedule_share is not None and j.year < j.target.year:
            assert pct(j.schedule_share) in words and requirement_text(j, indicator.unit) in words
        if j.value is None:
            assert j.status in (Status.MISSING, Status.CANNOT) and "尚未报送" in words or j.status == Status.CANNOT
