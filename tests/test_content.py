"""The five encoded plans: they load, pass every check, and every figure matches its source text."""

import re
from pathlib import Path

import pytest

from generator.check.source_text import SourceText, comparable
from generator.load.content import plan_folders

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
PLANS = [p.name for p in plan_folders(CONTENT)]
NUMBER = re.compile(r"\d+(?:\.\d+)?")


@pytest.fixture(scope="module")
def loaded(sample_plans):
    return {plan.id: plan for plan in sample_plans}


def test_all_five_plans_are_present(loaded):
    assert set(loaded) == {"nantong-2021-2025", "nantong-2017", "rugao-2021-2023", "lianyungang-2021-2025", "taizhou-2030"}


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_figure_is_in_its_quote_and_every_quote_in_the_source(loaded, plan_id):
    plan = loaded[plan_id]
    source = comparable(plan.source_text)
    for indicator in plan.indicators:
        quotes = [comparable(q) for q in indicator.quote]
        assert all(q in source for q in quotes), indicator.id
        values = ([indicator.base] if indicator.base else []) + indicator.targets
        for year_value in values:
            written = comparable(year_value.value.text)
            holder = next((q for q in quotes if written in q), None)
            assert holder is not None, f"{indicator.id}: {written}"
            for number in NUMBER.findall(written):  # belt and braces: each number stands in the quote
                assert number in holder, f"{indicator.id}: {number}"


@pytest.mark.parametrize("plan_id", PLANS)
def test_every_text_taken_from_the_document_is_in_the_source(loaded, plan_id):
    plan = loaded[plan_id]
    source = SourceText(plan.source_text)  # table cells split by a page break may come in pieces
    texts = [t for c in plan.columns for t in (c.title, c.goals, c.tasks, c.steps, c.conditions, c.body) if t]
    texts += [t for k in plan.key_tasks for t in (k.title, *k.lead_units, *k.cooperating_units)]
    texts += [t for task in plan.tasks for t in (task.work, task.project, task.name, *task.lead_units,
                                                   *task.cooperating_units,
                                                   task.deadline.text if task.deadline else None,
                                                   task.budget.government if task.budget else None,
                                                   task.budget.school if task.budget else None) if t]
    missing = [t for t in texts if not source.contains(t)]
    assert missing == []


def test_nantong_plan_is_complete(loaded):
    plan = loaded["nantong-2021-2025"]
    main = [i for i in plan.indicators if i.table == "主要指标" and i.parent is None]
    assert len(main) == 12
    assert [i.name for i in plan.sub_items(main[7].id)] == ["小学", "初中"]
    assert sorted(c.number for c in plan.columns) == list(range(1, 15))
    goals = [i for i in plan.indicators if i.table != "主要指标"]
    assert len(goals) >= 20
    football = next(i for i in plan.indicators if i.column == 2 and "足球特色学校" in i.name)
    assert football.targets[-1].value.number == 250
    assert sum(len(c.milestones) for c in plan.columns) >= 30
    assert len(plan.info.regions) == 7


def test_nantong_2017_has_48_items_under_9_key_tasks(loaded):
    plan = loaded["nantong-2017"]
    assert len(plan.key_tasks) == 9
    assert len(plan.tasks) == 48
    assert all(t.lead_units for t in plan.tasks)


def test_rugao_has_91_items_and_its_thresholds(loaded):
    plan = loaded["rugao-2021-2023"]
    assert len(plan.tasks) == 91
    assert len(plan.key_tasks) == 5
    assert any(t.budget for t in plan.tasks)
    assert any(t.deadline and t.deadline.due for t in plan.tasks)
    written = {t.value.text for i in plan.indicators for t in i.targets}
    numbers = {t.value.number for i in plan.indicators for t in i.targets}
    assert {4.2, 5.3, 0.5, 0.45, 99} <= numbers, written


def test_lianyungang_table_1_has_three_columns_and_attributes(loaded):
    plan = loaded["lianyungang-2021-2025"]
    table1 = [i for i in plan.indicators if i.table == "表1" and plan.indicator(i.id).targets]
    assert len(table1) == 17  # 9 国际通用类 rows (生师比 has 4 sub-items) + 8 地方发展性 rows
    assert all([t.year for t in i.targets] == [2022, 2025] and i.base.year == 2020 for i in table1)
    assert all(i.attribute in ("约束性", "预期性") for i in table1)
    assert {i.group for i in table1} == {"国际通用类", "地方发展性"}
    assert len([i for i in plan.indicators if i.table == "表2"]) >= 6
    assert len(plan.columns) == 10


def test_taizhou_targets_have_2027_and_2030_horizons(loaded):
    plan = loaded["taizhou-2030"]
    assert len(plan.key_tasks) == 22
    years = {t.year for i in plan.indicators if not i.annual for t in i.targets}
    assert years == {2027, 2030}
    assert all(i.key_task for i in plan.indicators)
    # “每年……” targets apply every year of the period, each year judged on its own (as 连云港's 每年补充新教师)
    annual = [i for i in plan.indicators if i.annual]
    assert {i.id for i in annual} >= {"new-sister-schools-per-year", "new-quality-schools-per-year"}
    assert all([t.year for t in i.targets] == list(range(2025, 2031)) for i in annual)
    assert all(any("每年" in q for q in i.quote) for i in annual)


def test_rugao_variation_coefficient_per_resource(loaded):
    """Tasks 49, 52 and 53 each state ≤0.50 (小学) / ≤0.45 (初中) for one resource: three coefficients, six targets."""
    plan = loaded["rugao-2021-2023"]
    coefficients = [i for i in plan.indicators if i.id.startswith("variation-") and i.parent is None]
    assert [i.note for i in coefficients] == ["第49项", "第52项", "第53项"]
    for parent in coefficients:
        subs = {s.name: s.targets[-1].value for s in plan.sub_items(parent.id)}
        assert (subs["小学"].comparator, subs["小学"].number) == ("<=", 0.5)
        assert (subs["初中"].comparator, subs["初中"].number) == ("<=", 0.45)


def test_nantong_body_text_minimums(loaded):
    plan = loaded["nantong-2021-2025"]
    minimums = {i.id: i for i in plan.indicators if i.id in (
        "teacher-training-funds-share-of-payroll", "school-training-funds-share-of-public-funds", "rural-teacher-allowance-raise")}
    assert {k: (i.targets[-1].value.number, i.annual, i.direction) for k, i in minimums.items()} == {
        "teacher-training-funds-share-of-payroll": (1.5, True, "higher"),
        "school-training-funds-share-of-public-funds": (5, True, "higher"),
        "rural-teacher-allowance-raise": (20, True, "higher")}
