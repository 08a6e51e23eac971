"""Properties of the judge over every target form (hypothesis): it never raises on finite input, its
numbers are finite, raising a value never worsens the status of a higher-is-better indicator (and
lowering it never worsens a lower-is-better one), lights agree with statuses, and the sentence on
the page states the same numbers as the judgement's fields."""

import math

from hypothesis import given
from hypothesis import strategies as st

from generator.judge.rules import Start, Thresholds, judge
from generator.judge.series import YearFigure, judge_series
from generator.judge.targets import direction_of
from generator.model.plan import Indicator
from generator.model.status import LAGGING, Light, Reason, StartKind, Status
from generator.model.written_value import parse_written_value as w
from generator.judge.site import standing
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
    explanation(standing(indicator, j))  # every reason has words


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
        s = standing(indicator, j)
        words = explanation(s)
        if s.completion is not None and j.reason != Reason.DUE_NOT_MET:
            assert pct(s.completion) in words
        if j.schedule_share is not None and j.year < j.target.year:
            assert pct(s.schedule) in words and requirement_text(s) in words
        if j.value is None:
            assert j.status in (Status.MISSING, Status.CANNOT) and "尚未报送" in words or j.status == Status.CANNOT


# ── Projections, goals, items and whole-plan evaluations never raise (issue 25) ─────────────────

from generator.judge.engine import judge_plan  # noqa: E402
from generator.judge.evaluation import evaluate_plan, evaluations  # noqa: E402
from generator.judge.items import item_state  # noqa: E402
from generator.judge.projection import project  # noqa: E402
from generator.model.figures import Figure, GoalReport, PlanData, ProgressReport  # noqa: E402
from generator.model.plan import Plan  # noqa: E402
from generator.model.status import ITEM_STATES, Verdict  # noqa: E402
from generator.model.units import Domain  # noqa: E402

finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, allow_infinity=False)
DOMAINS = [Domain(), Domain(lowest=0.0, highest=100.0), Domain(lowest=0.0, whole=True)]


@given(st.dictionaries(st.integers(min_value=2000, max_value=2040), finite, min_size=0, max_size=8),
       st.integers(min_value=2000, max_value=2045), st.sampled_from(FORMS), numbers, st.sampled_from(DOMAINS),
       st.sampled_from(["higher", "lower"]))
def test_projection_never_raises_stays_in_its_domain_and_only_looks_forward(points, year, form, n, domain, direction):
    target = w(form.format(n=text(n), m=text(n + 1)))
    p = project(sorted(points.items()), year, target, direction, Thresholds(), domain)
    if not points or year <= max(points):
        assert p is None
        return
    if p is None:
        return
    assert math.isfinite(p.value)
    if domain.highest is not None:
        assert p.value <= domain.highest
    if domain.lowest is not None:
        assert p.value >= domain.lowest
    if domain.whole:
        assert p.value == int(p.value)
    assert (p.limit is None) or p.value == p.limit


STATES = st.sampled_from(["已完成", "推进中", "未启动", "滞后"])


@given(st.dictionaries(st.integers(min_value=2021, max_value=2025), STATES, max_size=5),
       st.integers(min_value=2021, max_value=2025))
def test_item_states_are_known_words_and_a_completion_is_kept(reported, due):
    reports = {y: ProgressReport("p", "task", "t", y, s) for y, s in reported.items()}
    done_in = None
    for year in range(2021, 2026):
        state = item_state("task", "t", due, reports, year)
        assert state.status in ITEM_STATES
        if year in reports and reports[year].status == "已完成" and done_in is None:
            done_in = year
        earlier = [reports[y].status for y in sorted(reports) if y < year]
        if year not in reports and earlier and earlier[-1] == "已完成":
            assert state.status in ("已完成", "逾期完成")
        if year in reports and reports[year].status != "已完成" and year >= due:
            assert state.status == "逾期"
        if year not in reports and earlier and earlier[-1] != "已完成" and year >= due:
            assert state.status == "逾期" and state.carried


@st.composite
def plans_and_data(draw):
    period = (2021, draw(st.integers(min_value=2021, max_value=2026)))
    inds = [draw(indicators()).model_copy(update={"id": f"i{k}", "targets": [
        t.model_copy(update={"year": min(t.year, period[1])}) for t in ind_targets]})
        for k, ind_targets in enumerate([draw(indicators()).targets for _ in range(draw(st.integers(0, 3)))])]
    goals = [{"id": f"g{k}", "kind": "yes-no", "name": "目标", "quote": "q",
              "due": draw(st.one_of(st.just("每年"), st.integers(min_value=period[0], max_value=period[1])))}
             for k in range(draw(st.integers(0, 3)))]
    plan = Plan.model_validate({
        "info": {"id": "p", "title": "性质测试", "short_title": "性质", "issuer": "某市",
                 "period": {"start": period[0], "end": period[1]}, "base_year": 2020},
        "indicators": inds, "goals": goals,
        "columns": [{"number": 1, "title": "专栏", "milestones": [
            {"id": "m1", "year": str(draw(st.integers(min_value=period[0], max_value=period[1]))), "text": "事项"}]}],
        "tasks": [{"id": "t1", "work": "任务", "deadline": f"{draw(st.integers(period[0], period[1]))}年底前"}],
    })
    years = st.integers(min_value=period[0], max_value=period[1])
    figures = tuple({(i.id, y): Figure("p", i.id, y, "", w(text(v)) if v is not None else None,
                                        definition_changed=draw(st.booleans()))
                     for i in inds for y in draw(st.sets(years, max_size=4))
                     for v in [draw(st.one_of(st.none(), numbers))]}.values())
    reports = tuple({(kind, item, y): ProgressReport("p", kind, item, y, draw(STATES))
                     for kind, item in (("milestone", "m1"), ("task", "t1")) for y in draw(st.sets(years, max_size=3))
                     }.values())
    goal_reports = tuple({(g["id"], y): GoalReport("p", g["id"], y, draw(st.sampled_from(["已实现", "推进中", "未实现"])))
                          for g in goals for y in draw(st.sets(years, max_size=3))}.values())
    return plan, PlanData(figures, reports, goal_reports)


@given(plans_and_data())
def test_whole_plans_are_judged_and_evaluated_without_raising(case):
    plan, data = case
    results = judge_plan(plan, data)
    for series in results.goals.values():
        for j in series.judgements:
            if j.status == Status.NOT_DUE:
                assert j.light is None  # 尚未到期: neutral, never green
    for evaluation in evaluations(plan.info.period, results.latest_year):
        report = evaluate_plan(results, evaluation)
        for _, e in report.indicators:
            assert e.verdict in Verdict
            if e.ended and e.judgement is not None and e.judgement.value is not None:
                assert e.verdict in (Verdict.ACHIEVED_EARLY, Verdict.ACHIEVED, Verdict.NOT_ACHIEVED)
        for _, e in report.goals:
            if e.ended:
                assert e.verdict in (Verdict.ACHIEVED_EARLY, Verdict.ACHIEVED, Verdict.NOT_ACHIEVED, Verdict.MISSING)
