"""The methodology page's case table: worked examples judged by the same rules as every indicator,
so what the page says and what the site does cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import Styles
from generator.judge.goals import judge_goal_series
from generator.judge.rules import Thresholds
from generator.judge.series import YearFigure, judge_series
from generator.judge.site import standing
from generator.model.plan import Goal, Indicator
from generator.model.status import LIGHT_WORDS, STATUS_WORDS, Light, Status
from generator.model.written_value import parse_written_value
from generator.render.explain import due_text, explanation, gap_text, goal_explanation, light_measure
from generator.render.wording import NO_LIGHT, mark


@dataclass(frozen=True)
class Case:
    situation: str
    unit: str
    base: tuple[int, str] | None
    targets: tuple[tuple[int, str], ...]
    figures: tuple[tuple[int, str], ...]  # the last one is the year shown
    direction: str | None = None
    annual: bool = False
    changed_in: int | None = None  # 口径变化 in this year


CASES = (
    Case("完成度不低于序时进度", "%", (2020, "49.8"), ((2025, "80"),), ((2023, "70"),)),
    Case("完成度低于序时进度", "%", (2020, "49.8"), ((2025, "80"),), ((2023, "62"),)),
    Case("目标年之前达到目标", "%", (2020, "49.8"), ((2025, "80"),), ((2024, "81"),)),
    Case("目标年当年达到目标", "%", (2020, "49.8"), ((2025, "80"),), ((2025, "80"),)),
    Case("“左右”在容差之内", "人", (2020, "4200"), ((2025, "5000左右"),), ((2025, "4979"),)),
    Case("到目标年恰好等于“>”的数值", "%", (2020, "95"), ((2025, ">98"),), ((2025, "98"),)),
    Case("起点等于“>”的数值", "%", (2020, "98"), ((2025, ">98"),), ((2023, "98"),)),
    Case("起点已达到目标，当年仍达到", "%", (2020, "100"), ((2025, "100"),), ((2023, "100"),)),
    Case("起点已达到目标，当年未达到", "%", (2020, "100"), ((2025, "100"),), ((2023, "99.9"),)),
    Case("没有基期值，首个监测年份已达到、次年退到目标以外（越小越好）", "", None, ((2023, "≤0.50"),),
         ((2021, "0.48"), (2022, "0.55"))),
    Case("达到目标后又回落", "%", (2020, "0"), ((2025, "60"),), ((2022, "65"), (2023, "55"))),
    Case("阶段目标年未达到，此后从实际值起算", "", (2020, "12"), ((2022, "11"), (2025, "11")),
         ((2022, "11.8"), (2023, "11.5")), direction="lower"),
    Case("阶段目标年之后才有数据，从阶段目标起算", "%", (2020, "80"), ((2022, "90"), (2025, "95")), ((2023, "91"),)),
    Case("“保持”的水平尚未达到，按序时进度向它推进", "%", (2020, "71.3"), ((2025, "保持90%以上"),), ((2021, "76"),)),
    Case("“保持”的水平达到后又回落", "%", (2020, "71.3"), ((2025, "保持90%以上"),),
         ((2021, "76"), (2022, "90.5"), (2023, "89"))),
    Case("每年目标，当年未达到", "人", None, ((2025, "≥1500"),), ((2021, "1600"), (2022, "1400")), annual=True),
    Case("统计口径变化的年份", "%", (2020, "49.8"), ((2025, "80"),), ((2022, "60"), (2023, "58")), changed_in=2023),
    Case("当年没有数据", "%", (2020, "49.8"), ((2025, "80"),), ((2023, ""),)),
)


def _indicator(case: Case) -> Indicator:
    return Indicator(id="example", name=case.situation, unit=case.unit or None, quote="示例", direction=case.direction,
                     annual=case.annual, base={"year": case.base[0], "value": case.base[1]} if case.base else None,
                     targets=[{"year": y, "value": v} for y, v in case.targets])


def judged_cases(thresholds: Thresholds) -> tuple:
    """Each case with the standing the rules give its last year: run by the pipeline before rendering
    (the one place outside judge/ that runs the rules, on these worked examples only)."""
    judged = []
    for case in CASES:
        indicator = _indicator(case)
        figures = {y: YearFigure(y, parse_written_value(v) if v else None, y == case.changed_in) for y, v in case.figures}
        years = list(range(min(figures), max(figures) + 1))
        judged.append((case, standing(indicator, judge_series(indicator, figures, years, thresholds=thresholds).judgements[-1])))
    return tuple(judged)


def case_rows(styles: Styles, judged: tuple) -> list[dict]:
    rows = []
    for case, s in judged:
        judgement = s.judgement
        rows.append({
            "situation": case.situation,
            "plan": "；".join([f"基期 {case.base[0]} 年 {case.base[1]}" if case.base else "无基期值"]
                             + [f"{'每年' if case.annual else f'{y} 年'} {v}" for y, v in case.targets]),
            "figures": "；".join(f"{y} 年 {v or '未报送'}{'（口径变化）' if y == case.changed_in else ''}"
                                 for y, v in case.figures),
            "status": str(mark(styles, judgement.status)),
            "light": (f"{mark(styles, judgement.light)}" + (f"（{light_measure(s)}）" if light_measure(s) else "")
                      if judgement.light else NO_LIGHT),
            "gap": gap_text(s),
            "explanation": explanation(s),
        })
    return rows


@dataclass(frozen=True)
class GoalCase:
    situation: str
    due: int | None  # None: 每年
    reports: tuple[tuple[int, str], ...]  # (year, 已实现 / 推进中 / 未实现, "" = not reported); the last is shown


GOAL_CASES = (
    GoalCase("完成时限之前报告已实现", 2025, ((2023, "已实现"),)),
    GoalCase("完成时限当年报告已实现", 2025, ((2025, "已实现"),)),
    GoalCase("完成时限当年实现，以后各年再次报告已实现", 2023, ((2023, "已实现"), (2024, "已实现"))),
    GoalCase("过了完成时限才报告已实现", 2022, ((2022, "推进中"), (2023, "已实现"))),
    GoalCase("完成时限之前报告推进中", 2025, ((2023, "推进中"),)),
    GoalCase("完成时限之前报告未实现", 2025, ((2023, "未实现"),)),
    GoalCase("完成时限当年仍在推进", 2025, ((2024, "推进中"), (2025, "推进中"))),
    GoalCase("完成时限当年未实现", 2025, ((2025, "未实现"),)),
    GoalCase("过了完成时限仍未实现", 2023, ((2024, "推进中"),)),
    GoalCase("已实现后又报告未实现", 2025, ((2022, "已实现"), (2023, "未实现"))),
    GoalCase("每年的目标，当年已实现", None, ((2023, "已实现"),)),
    GoalCase("每年的目标，当年仍在推进", None, ((2023, "推进中"),)),
    GoalCase("当年没有报告", 2025, ((2023, ""),)),
)


def judged_goal_cases() -> tuple:
    """Each yes/no case with its last year's judgement, judged by generator/judge/goals.py as every such
    target is (run by the pipeline before rendering)."""
    judged = []
    for case in GOAL_CASES:
        goal = Goal(id="example", kind="yes-no", name=case.situation, due=case.due or "每年", quote="示例")
        states = {year: state or None for year, state in case.reports}
        years = list(range(min(states), max(states) + 1))
        judged.append((case, judge_goal_series(goal, states, years)[-1]))
    return tuple(judged)


def goal_case_rows(styles: Styles, judged: tuple) -> list[dict]:
    rows = []
    for case, judgement in judged:
        rows.append({
            "situation": case.situation,
            "plan": f"{due_text(case.due)}实现",
            "figures": "；".join(f"{y} 年 {s or '未报告'}" for y, s in case.reports),
            "status": str(mark(styles, judgement.status)),
            "light": str(mark(styles, judgement.light)) if judgement.light else NO_LIGHT,
            "explanation": goal_explanation(judgement),
        })
    return rows


def light_rules(orange: str, red: str) -> list[str]:
    """When each light is lit (in the order of :func:`light_rows`), with the site's thresholds."""
    return [
        "提前完成、按期完成、逾期完成、达到序时进度、保持",
        f"落后不足 {orange} 个百分点（含数值恰好等于“>”“<”目标数值、尚未达到的情形）",
        f"落后 {orange}～{red} 个百分点",
        f"落后超过 {red} 个百分点；未保持；到目标年仍未达到而无法计算完成度",
    ]


def status_rows(styles: Styles) -> list[tuple[str, str]]:
    return [(styles.of(s).icon, STATUS_WORDS[s]) for s in Status]


def light_rows(styles: Styles) -> list[tuple[str, str]]:
    return [(styles.of(light).icon, LIGHT_WORDS[light]) for light in Light]
