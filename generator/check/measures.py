"""Rules for the ``measure`` an indicator names: a key listed in content/measures.yaml, and the same
unit as that measure (a rate in % is not compared with a count)."""

from __future__ import annotations

from collections.abc import Iterator

from generator.load.measures import MEASURES_FILE, LoadedMeasures
from generator.load.plan import LoadedPlan
from generator.model.problems import Problem

IND = "indicators.yaml"


def measure_problems(loaded: LoadedPlan, measures: LoadedMeasures) -> Iterator[Problem]:
    known = measures.measures
    for n, indicator in enumerate(loaded.plan.indicators):
        if indicator.measure is None:
            continue
        measure = known.get(indicator.measure)
        if measure is None:
            listed = "、".join(known) if known else f"（{measures.shown_as} 不存在或没有列出共同指标）"
            yield loaded.problem("unknown-measure", f"指标“{indicator.name}”的共同指标编号不在 {MEASURES_FILE} 中",
                                 IND, ("indicators", n, "measure"), found=indicator.measure,
                                 expected=f"{MEASURES_FILE} 中列出的编号：{listed}")
        elif (indicator.unit or "") != (measure.unit or ""):
            yield loaded.problem("measure-unit", f"指标“{indicator.name}”的单位与共同指标“{measure.name}”不同，不能放在一起比较",
                                 IND, ("indicators", n, "unit"), found=indicator.unit or "（未写单位）",
                                 expected=f"{measure.unit or '（不写单位）'}，或去掉 measure")
