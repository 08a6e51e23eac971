"""What the reader's pages are made of, without a browser: the shared measure an indicator names and
its check, indicator metadata, readable addresses, the overview's rows and what search knows of a page."""

import json

import pytest

from generator.check.content import checked_content
from generator.judge.engine import judge_plan
from generator.judge.evaluation import EvaluationThresholds
from generator.judge.rules import Thresholds
from generator.judge.site import judge_site
from generator.model.figures import Figure, PlanData
from generator.model.status import word
from generator.model.written_value import parse_written_value
from generator.render import links
from generator.render.overview import overview_rows, rows_json
from generator.render.search_facts import plan_search_facts
from plan_fixture import INDICATORS, write_plan

IND = "content/demo-2021-2025/indicators.yaml"
MEASURES = """\
measures:
  - key: preschool-gross-enrolment
    name: 学前教育毛入园率
    unit: "%"
    note: 各地写法不同
"""


def _with(text: str, after: str, line: str) -> str:
    assert after in text
    return text.replace(after, after + "\n" + line, 1)


def check(tmp_path, indicators=INDICATORS, measures=MEASURES):
    write_plan(tmp_path, indicators_yaml=indicators)
    if measures is not None:
        (tmp_path / "content" / "measures.yaml").write_text(measures, encoding="utf-8")
    return checked_content(tmp_path / "content", root=tmp_path)


def test_an_indicator_names_a_listed_measure(tmp_path):
    plans, problems = check(tmp_path, _with(INDICATORS, "    name: 学前教育毛入园率", "    measure: preschool-gross-enrolment"))
    assert problems == []
    assert plans[0].plan.indicator("preschool-enrolment").measure == "preschool-gross-enrolment"


@pytest.mark.parametrize("measures", [MEASURES, None], ids=["listed", "no file"])
def test_an_unknown_measure_is_a_located_problem(tmp_path, measures):
    text = _with(INDICATORS, "    name: 学前教育毛入园率", "    measure: preschool-enrolment-rate")
    plans, problems = check(tmp_path, text, measures)
    assert plans == []
    [problem] = problems
    assert (problem.code, problem.file, problem.field) == ("unknown-measure", IND, "indicators[1].measure")
    assert problem.line == text.splitlines().index("    measure: preschool-enrolment-rate") + 1
    assert problem.found == "preschool-enrolment-rate" and "measures.yaml" in problem.expected


def test_a_measure_in_another_unit_is_a_located_problem(tmp_path):
    text = _with(INDICATORS, "    name: 生师比", "    measure: preschool-gross-enrolment")
    plans, problems = check(tmp_path, text)
    [problem] = problems
    assert problem.code == "measure-unit" and problem.field.endswith(".unit") and "%" in problem.expected


def test_the_measures_file_is_checked_like_any_content_file(tmp_path):
    _, problems = check(tmp_path, measures=MEASURES + "  - key: preschool-gross-enrolment\n    name: 又一个\n    colour: red\n")
    assert {p.code for p in problems} == {"invalid-extra-forbidden"}
    assert all(p.file == "content/measures.yaml" and p.line for p in problems)


def test_indicator_metadata_fields_are_optional_text(tmp_path):
    text = _with(INDICATORS, "    name: 学前教育毛入园率", "    statistical_scope: 在园幼儿数 ÷ 3—5 岁人口\n    update_frequency: 每年")
    plans, problems = check(tmp_path, text)
    assert problems == []
    indicator = plans[0].plan.indicator("preschool-enrolment")
    assert (indicator.statistical_scope, indicator.update_frequency, indicator.definition) == ("在园幼儿数 ÷ 3—5 岁人口", "每年", None)


def test_region_and_unit_addresses_are_pinyin_and_never_collide():
    assert links.readable_slug("海门区") == "haimenqu"
    assert links.readable_slug("<script>") == "script"  # letters only: a path never carries markup
    assert links.readable_slug("（）").startswith("n")  # nothing readable: a hash
    links.assign("demo", links.UNITS, ["市教育局", "市教育剧", "市教育局"])  # same pinyin, told apart by order
    assert links.unit("demo", "市教育局") == "plans/demo/units/shijiaoyuju.md"
    assert links.unit("demo", "市教育剧") == "plans/demo/units/shijiaoyuju-2.md"


@pytest.fixture
def judged(tmp_path):
    plans, problems = check(tmp_path)
    assert problems == []
    plan = plans[0].plan
    figures = [Figure(plan.id, "preschool-enrolment", 2022, "", parse_written_value("98.5")),
               Figure(plan.id, "preschool-enrolment", 2022, "甲县", parse_written_value("97"))]
    return judge_site([judge_plan(plan, PlanData(figures=figures))], lambda plan: Thresholds(), EvaluationThresholds()).plans[0]


def test_overview_rows_are_the_judged_results_worst_first(judged, tmp_path):
    from generator.config import load_site_config
    from site_fixture import ROOT
    config, problems = load_site_config(ROOT / "site_config", ROOT)
    rows = overview_rows(config.styles, judged)
    kinds = {r["kind"] for r in rows}
    assert {"指标", "任务"} <= kinds
    whole = next(r for r in rows if r["kind"] == "指标" and r["region"] == "全域" and r["name"] == "学前教育毛入园率")
    county = next(r for r in rows if r["region"] == "甲县")
    assert whole["status"] == word(judged.judgement("preschool-enrolment", 2022).status)  # the judge's, not a new one
    assert county["status"] == word(judged.judgement("preschool-enrolment", 2022, "甲县").status)
    assert county["link"] == links.region(judged.plan.id, "甲县")
    ranks = [r["rank"] for r in rows]  # one year of data: worst first throughout
    assert ranks == sorted(ranks) and len(set(ranks)) > 1
    data = json.loads(rows_json(rows, links.overview(judged.plan.id)))
    assert data[0]["link"].startswith("../") and not data[0]["link"].endswith(".md")


def test_search_knows_which_pages_have_nothing_reported(judged):
    facts = plan_search_facts(judged)
    plan = judged.plan
    assert facts[links.region(plan.id, "甲县")].empty is False
    assert facts[links.region(plan.id, "乙区")].empty is True
    assert facts[links.indicator(plan.id, "preschool-enrolment")].status.startswith("2022 年：")
    assert facts[links.indicator(plan.id, "student-teacher-ratio")].empty is True
    assert facts[links.plan(plan.id)].names[0] == plan.info.title


def test_home_names_the_lagging_indicators_of_a_plan_without_attributes(sample_judged):
    """南通's plan marks no indicator 约束性 or 预期性: no 预警, so its lagging ones are listed as 需要关注."""
    from generator.render.pages.common import SiteParts
    from generator.render.pages.home import home_page
    context = home_page(SiteParts(sample_judged.config), sample_judged.results).context
    attention = {(row["plan"], row["name"]) for row in context["attention"]}
    unmarked = [r for r in sample_judged.results if not any(i.attribute for i in r.judged)]
    assert unmarked and attention
    expected = {(r.plan.info.short_title, s.name) for r in unmarked for s in r.newest.standings if s.lagging}
    assert attention == expected
    assert not {row["plan"] for row in context["attention"]} & {row["plan"] for row in context["warnings"]}
