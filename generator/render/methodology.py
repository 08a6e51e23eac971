"""The methodology page's case tables: the worked examples of generator/judge/worked_examples.py, judged
before rendering by the same rules as every indicator, formatted here."""

from __future__ import annotations

from generator.config import Styles
from generator.model.status import LIGHT_WORDS, STATUS_WORDS, Light, Status
from generator.render.explain import due_text, explanation, gap_text, goal_explanation, light_measure
from generator.render.wording import NO_LIGHT, mark


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
