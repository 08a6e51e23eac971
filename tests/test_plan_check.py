"""Loading and checking a plan: the canonical plan is clean; each malformed variant gives a located problem."""

import datetime as dt
import json

import pytest

from cli_fixture import run_cli
from generator.check.content import checked_content
from plan_fixture import COLUMNS, INDICATORS, PLAN, TASKS, write_plan


def check(tmp_path, **overrides):
    write_plan(tmp_path, **overrides)
    return checked_content(tmp_path / "content", root=tmp_path)


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def test_canonical_plan_loads_clean(tmp_path):
    plans, problems = check(tmp_path)
    assert problems == []
    plan = plans[0].plan
    assert plan.id == "demo-2021-2025"
    assert plan.full_name(plan.indicator("class-size-primary")) == "义务教育标准班额比例（小学）"
    assert plan.indicator("preschool-enrolment").targets[0].value.comparator == ">"
    assert plan.units() == ["教育局", "市财政局"]  # aliases applied
    assert plan.tasks[0].deadline.due == dt.date(2023, 12, 31)
    milestone = plan.columns[0].milestones[1]
    assert milestone.year.resolved(2021, 2025) == (2022, 2025)


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


IND = "content/demo-2021-2025/indicators.yaml"
COL = "content/demo-2021-2025/columns.yaml"
TSK = "content/demo-2021-2025/tasks.yaml"
PLN = "content/demo-2021-2025/plan.yaml"

CASES = {
    "unknown field": (
        {"indicators_yaml": _replace(INDICATORS, "    unit: 所", "    unti: 所")},
        [("invalid-extra-forbidden", IND, ("unti:", 1), "indicators[5].unti")]),
    "duplicate id": (
        {"indicators_yaml": _replace(INDICATORS, "id: student-teacher-ratio", "id: preschool-enrolment")},
        [("duplicate-id", IND, ("id: preschool-enrolment", 2), "indicators[2].id")]),
    "unparseable target": (
        {"indicators_yaml": _replace(INDICATORS, '{year: 2025, value: ">99"}', '{year: 2025, value: ">>99"}')},
        [("invalid-value-error", IND, (">>99", 1), "indicators[1].targets[1].value")]),
    "target year outside the period": (
        {"indicators_yaml": _replace(INDICATORS, '{year: 2025, value: "250"}', '{year: 2026, value: "250"}')},
        [("target-year-outside", IND, ("2026", 1), "indicators[5].targets[1].year")]),
    "milestone year outside the period": (
        {"columns_yaml": _replace(COLUMNS, 'year: "2021"', 'year: "2019"')},
        [("milestone-year-outside", COL, ('"2019"', 1), "columns[1].milestones[1].year")]),
    "link to a missing column": (
        {"indicators_yaml": _replace(INDICATORS, "column: 1", "column: 9")},
        [("missing-column", IND, ("column: 9", 1), "indicators[5].column")]),
    "also named in a missing column": (
        {"indicators_yaml": _replace(INDICATORS, "column: 1", "column: 1\n    also_in_columns: [1, 7]")},
        [("missing-column", IND, ("also_in_columns: [1, 7]", 1), "indicators[5].also_in_columns[2]")]),
    "sub-item whose parent is missing": (
        {"indicators_yaml": _replace(INDICATORS, "parent: class-size", "parent: class-sizes")},
        [("missing-parent", IND, ("parent: class-sizes", 1), "indicators[4].parent")]),
    "missing required field": (
        {"indicators_yaml": _replace(INDICATORS, "    name: 生师比\n", "")},
        [("invalid-missing", IND, ("id: student-teacher-ratio", 1), "indicators[2].name")]),
    "broken YAML": (
        {"columns_yaml": _replace(COLUMNS, "    title: 校园足球发展提升计划", "   title: 校园足球发展提升计划")},
        [("yaml-syntax", COL, ("title:", 1), "")]),
    "key written twice": (
        {"plan_yaml": PLAN + "title: 另一个标题\n"},
        [("duplicate-key", PLN, ("另一个标题", 1), "title")]),
    "year that is not a number": (
        {"indicators_yaml": _replace(INDICATORS, '{year: 2020, value: "17.5"}', '{year: 二〇二〇, value: "17.5"}')},
        [("invalid-int-parsing", IND, ("二〇二〇", 1), "indicators[2].base.year")]),
    "plan id differs from folder": (
        {"plan_yaml": _replace(PLAN, "id: demo-2021-2025", "id: demo-2021")},
        [("id-not-folder", PLN, ("id: demo-2021", 1), "id")]),
    "attribute not allowed": (
        {"indicators_yaml": _replace(INDICATORS, "attribute: 约束性", "attribute: 约束型")},
        [("invalid-literal-error", IND, ("约束型", 1), "indicators[1].attribute")]),
    "quote not in the source": (
        {"indicators_yaml": _replace(INDICATORS, '"2．生师比 17.5 17"', '"2．生师比 17.6 17"')},
        [("quote-not-in-source", IND, ("生师比 17.6", 1), "indicators[2].quote"),
         ("value-not-in-quote", IND, ('value: "17.5"', 1), "indicators[2].base.value")]),
    "value differs from the quote": (
        {"indicators_yaml": _replace(INDICATORS, '{year: 2025, value: "80"}', '{year: 2025, value: "85"}')},
        [("value-not-in-quote", IND, ('value: "85"', 1), "indicators[4].targets[1].value")]),
    "task under a missing key task": (
        {"tasks_yaml": _replace(TASKS, "key_task: kt01", "key_task: kt02")},
        [("missing-key-task", TSK, ("key_task: kt02", 1), "tasks[1].key_task")]),
    "id with capitals and spaces": (
        {"tasks_yaml": _replace(TASKS, "id: t01", "id: Task 01")},
        [("invalid-value-error", TSK, ("id: Task 01", 1), "tasks[1].id")]),
    "missing source text": (
        {"source_txt": None},
        [("missing-source", "content/demo-2021-2025/source.txt", None, "")]),
    "empty file": (
        {"columns_yaml": ""},
        [("empty-file", COL, None, "")]),
    "code-running YAML tag": (
        {"plan_yaml": PLAN + "summary: !!python/object/apply:os.system [\"echo hacked\"]\n"},
        [("yaml-tag", PLN, ("python/object", 1), "summary")]),
    "milestone year not understood": (
        {"columns_yaml": _replace(COLUMNS, 'year: "2021"', 'year: "明年"')},
        [("invalid-value-error", COL, ('"明年"', 1), "columns[1].milestones[1].year")]),
    "base year after the target year": (
        {"indicators_yaml": _replace(INDICATORS, '{year: 2020, value: "49.8"}', '{year: 2025, value: "49.8"}')},
        [("base-after-target", IND, ('{year: 2025, value: "49.8"}', 1), "indicators[4].base.year")]),
    "unit not in the source": (
        {"tasks_yaml": _replace(TASKS, "cooperating_units: [市财政局]", "cooperating_units: [市财务局]")},
        [("unit-not-in-source", TSK, ("市财务局", 1), "tasks[1].cooperating_units[1]")]),
    "top level is a list": (
        {"tasks_yaml": "- id: t01\n"},
        [("not-a-mapping", TSK, None, "")]),
}


@pytest.mark.parametrize("overrides, expected", CASES.values(), ids=CASES.keys())
def test_malformed_plan_gives_located_problem(tmp_path, overrides, expected):
    plans, problems = check(tmp_path, **overrides)
    assert plans == []  # nothing half-loaded
    files = {"plan.yaml": PLAN, "indicators.yaml": INDICATORS, "columns.yaml": COLUMNS, "tasks.yaml": TASKS}
    files.update({k.replace("_yaml", ".yaml"): v for k, v in overrides.items() if v is not None})
    found = [(p.code, p.file, p.line, p.field) for p in problems]
    for code, file, where, field in expected:
        line = line_of(files[file.rsplit("/", 1)[1]], *where) if where else None
        if code in ("empty-file", "not-a-mapping", "missing-source"):
            line = next(p.line for p in problems if p.code == code)
        assert (code, file, line, field) in found, found
    for problem in problems:
        assert problem.message and any("\u4e00" <= ch <= "\u9fff" for ch in str(problem))  # Chinese text


def test_all_problems_reported_at_once(tmp_path):
    indicators = _replace(INDICATORS, "    unit: 所", "    unti: 所")
    indicators = _replace(indicators, '{year: 2025, value: ">99"}', '{year: 2025, value: "很高"}')
    tasks = _replace(TASKS, "key_task: kt01", "key_task: kt02")
    columns = _replace(COLUMNS, 'year: "2021"', 'year: "2019"')
    # A file that fails validation stops the plan from being cross-checked, so two plans are used.
    plans, problems = check(tmp_path, indicators_yaml=indicators)
    assert {p.code for p in problems} == {"invalid-extra-forbidden", "invalid-value-error"}
    write_plan(tmp_path / "second", tasks_yaml=tasks, columns_yaml=columns)
    plans, problems = checked_content(tmp_path / "second" / "content")
    assert {p.code for p in problems} == {"missing-key-task", "milestone-year-outside"}


def test_check_command_exit_codes(tmp_path):
    write_plan(tmp_path, indicators_yaml=_replace(INDICATORS, "column: 1", "column: 9"))
    bad = run_cli("--root", tmp_path, "check")
    assert bad.returncode == 1
    assert "indicators.yaml，第" in bad.stderr and "所属专栏不存在" in bad.stderr
    good_root = tmp_path / "good"
    write_plan(good_root)
    good = run_cli("--root", good_root, "check")
    assert good.returncode == 0, good.stderr
    assert "示例市“十四五”教育发展规划（demo-2021-2025）" in good.stdout
    assert "指标 5 项（其中子项 1 项）" in good.stdout


def test_check_json_lists_problems_with_their_location_as_fields(tmp_path):
    write_plan(tmp_path, indicators_yaml=_replace(INDICATORS, "column: 1", "column: 9"))
    bad = run_cli("--root", tmp_path, "check", "--json")
    assert bad.returncode == 1
    problems = json.loads(bad.stdout)
    assert [(p["file"], p["field"]) for p in problems] == [("content/demo-2021-2025/indicators.yaml", "indicators[5].column")]
    assert problems[0]["line"] > 1 and problems[0]["code"] and "专栏" in problems[0]["message"]
    assert problems[0]["advice"] == "改正专栏编号；数据表补上该列"  # from the registry (model/problem_kinds.py)
    good_root = tmp_path / "good"
    write_plan(good_root)
    good = run_cli("--root", good_root, "check", "--json")
    assert (good.returncode, json.loads(good.stdout)) == (0, [])


def test_unit_names_that_differ_only_in_width_or_composition_are_one_unit(tmp_path):
    from plan_fixture import SOURCE
    tasks = _replace(TASKS, "cooperating_units: [市财政局]", "cooperating_units: [市财政局, Ａ中学, A中学, Cafe\u0301中心, Café中心]")
    plans, problems = check(tmp_path, tasks_yaml=tasks, source_txt=SOURCE + "Ａ中学 A中学 Cafe\u0301中心 Café中心\n")
    assert problems == []
    plan = plans[0].plan
    assert plan.units() == ["教育局", "市财政局", "Ａ中学", "Cafe\u0301中心"]  # shown as first written
    assert plan.canonical_unit("A中学") == "Ａ中学" and plan.canonical_unit("Café中心") == "Cafe\u0301中心"
