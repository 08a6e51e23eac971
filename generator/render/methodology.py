"""The methodology page's case table: worked examples judged by the same rules as every indicator,
so what the page says and what the site does cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

from generator.config import Styles
from generator.judge.rules import Thresholds
from generator.judge.series import YearFigure, judge_series
from generator.model.plan import Indicator
from generator.model.status import LIGHT_WORDS, STATUS_WORDS, Light, Status, word
from generator.model.written_value import parse_written_value
from generator.render.explain import explanation, gap_text


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
    Case("每年目标，当年未达到", "人", None, ((2025, "≥1500"),), ((2021, "1600"), (2022, "1400")), annual=True),
    Case("统计口径变化的年份", "%", (2020, "49.8"), ((2025, "80"),), ((2022, "60"), (2023, "58")), changed_in=2023),
    Case("当年没有数据", "%", (2020, "49.8"), ((2025, "80"),), ((2023, ""),)),
)


def _indicator(case: Case) -> Indicator:
    return Indicator(id="example", name=case.situation, unit=case.unit or None, quote="示例", direction=case.direction,
                     annual=case.annual, base={"year": case.base[0], "value": case.base[1]} if case.base else None,
                     targets=[{"year": y, "value": v} for y, v in case.targets])


def case_rows(styles: Styles, thresholds: Thresholds) -> list[dict]:
    rows = []
    for case in CASES:
        indicator = _indicator(case)
        figures = {y: YearFigure(y, parse_written_value(v) if v else None, y == case.changed_in) for y, v in case.figures}
        years = list(range(min(figures), max(figures) + 1))
        judgement = judge_series(indicator, figures, years, thresholds=thresholds).judgements[-1]
        unit = case.unit or None
        rows.append({
            "situation": case.situation,
            "plan": "；".join([f"基期 {case.base[0]} 年 {case.base[1]}" if case.base else "无基期值"]
                             + [f"{'每年' if case.annual else f'{y} 年'} {v}" for y, v in case.targets]),
            "figures": "；".join(f"{y} 年 {v or '未报送'}{'（口径变化）' if y == case.changed_in else ''}"
                                 for y, v in case.figures),
            "status": f"{styles.of(judgement.status).icon} {word(judgement.status)}",
            "light": f"{styles.of(judgement.light).icon} {word(judgement.light)}" if judgement.light else "不亮灯",
            "gap": gap_text(judgement, unit),
            "explanation": explanation(judgement, unit),
        })
    return rows


def status_rows(styles: Styles) -> list[tuple[str, str]]:
    return [(styles.of(s).icon, STATUS_WORDS[s]) for s in Status]


def light_rows(styles: Styles) -> list[tuple[str, str]]:
    return [(styles.of(light).icon, LIGHT_WORDS[light]) for light in Light]
