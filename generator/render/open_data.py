"""Open data the way data portals publish it: a Frictionless Data Package (``downloads/datapackage.json``)
describing every CSV download — fields, types, units, the status vocabulary as enum constraints —
and one JSON file per indicator (values, targets, judgements with status keys and words) for others
to build on. Bytes are reproducible: no dates, a fixed key order, sizes and hashes of the files.
"""

from __future__ import annotations

import hashlib
import json
import math

from generator.judge.records import JudgedPlan
from generator.model.figures import WHOLE_AREA
from generator.model.plan import INDICATOR_METADATA, Indicator
from generator.model.status import LIGHT_WORDS, STATUS_WORDS
from generator.render import links
from generator.render.explain import gap_text, light_measure
from generator.render.results_table import table_schema
from generator.render.wording import NONE, plain

PACKAGE = "datapackage.json"  # under downloads/
SCHEMA_VERSION = 1  # of the indicator JSON files: raised when a field changes meaning


def indicator_file(plan_id: str, indicator_id: str) -> str:
    """The indicator's JSON, relative to downloads/ (ids are validated ASCII)."""
    return f"indicators/{plan_id}/{indicator_id}.json"


def _dump(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def _finite(x: float | None) -> float | None:
    """JSON has no NaN or infinity: a number too large to compute with is left out (null)."""
    return x if x is not None and math.isfinite(x) else None


def _written(value) -> dict | None:
    if value is None:
        return None
    return {"text": value.text, "number": _finite(value.number), "comparator": value.comparator}


def indicator_data(results: JudgedPlan, indicator: Indicator, drafts: frozenset[tuple[str, int]] = frozenset()) -> dict:
    """One indicator: what the plan says, and every region's figures and judgements year by year."""
    plan = results.plan
    series_list = []
    for region in (WHOLE_AREA, *plan.info.regions):
        series = results.series.get((indicator.id, region))
        if series is None:
            continue
        figures = {f.year: f for f in series.figures}
        years = []
        for s in results.series_standings(indicator.id, region):
            j = s.judgement
            f = figures.get(j.year)
            years.append({
                "year": j.year,
                "value": _written(j.value),
                "status": str(j.status),
                "status_word": STATUS_WORDS[j.status],
                "reason": str(j.reason),
                "light": str(j.light) if j.light else None,
                "light_word": LIGHT_WORDS[j.light] if j.light else None,
                "target_year": j.target.year if j.target else None,
                "target": j.target.value.text if j.target else None,
                "start": {"year": j.start.year, "value": j.start.text, "kind": str(j.start.kind)} if j.start else None,
                "schedule_share": _finite(j.schedule_share),
                "expected": _finite(j.expected),
                "completion": _finite(j.completion),
                # As every page, bulletin and download states them (rounded once, in the indicator's unit):
                "requirement": _finite(s.requirement),
                "completion_percent": _finite(s.completion),
                "gap": _finite(s.gap),
                "gap_text": "" if gap_text(s) == NONE else plain(gap_text(s)),
                "light_measure": plain(light_measure(s)),
                "definition_changed": j.definition_changed,
                "note": f.note if f else "",
                "source": f.source if f else "",
                "sample": bool(f and f.sample),
                "preliminary": (plan.id, j.year) in drafts,  # 初步数据: the year was published before its data were complete
            })
        projection = series.projection
        series_list.append({
            "region": region or "全域",
            "years": years,
            "projection": {"year": projection.year, "value": _finite(projection.value), "slope": _finite(projection.slope),
                           "points": projection.points, "would_meet": projection.would_meet} if projection else None,
        })
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {"id": plan.id, "title": plan.info.title, "period": [plan.info.period.start, plan.info.period.end],
                 "base_year": plan.info.base_year},
        "indicator": {
            "id": indicator.id,
            "name": plan.full_name(indicator),
            "unit": indicator.unit,
            "attribute": indicator.attribute,
            "direction": results.directions[indicator.id],
            "annual": indicator.annual,
            "base": {"year": indicator.base.year, **_written(indicator.base.value)} if indicator.base else None,
            "targets": [{"year": t.year, **_written(t.value)} for t in indicator.targets],
            "quote": indicator.quote,
            "measure": indicator.measure,
            "metadata": {key: getattr(indicator, key) for key, _ in INDICATOR_METADATA},
        },
        "sample": results.sample,
        "series": series_list,
        "vocabulary": {"status": {str(s): w for s, w in STATUS_WORDS.items()},
                       "light": {str(light): w for light, w in LIGHT_WORDS.items()}},
    }


def indicator_files(all_results: list[JudgedPlan], drafts: frozenset[tuple[str, int]] = frozenset()) -> dict[str, bytes]:
    """downloads/indicators/<plan>/<indicator>.json for every indicator with a target."""
    return {links.download(indicator_file(r.plan.id, i.id)): _dump(indicator_data(r, i, drafts))
            for r in all_results for i in r.judged}


def _file_facts(data: bytes) -> dict:
    return {"bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}"}


def indicator_descriptions(all_results: list[JudgedPlan]) -> dict[str, tuple[str, str]]:
    """Docs path of each indicator JSON → its title and, from the plan's metadata fields (定义, 统计口径,
    数据来源单位, 更新频率) where given, its description."""
    return {links.download(indicator_file(r.plan.id, i.id)): (
                f"{r.plan.full_name(i)}（{r.plan.info.short_title}）",
                "；".join(f"{label}：{getattr(i, key)}" for key, label in INDICATOR_METADATA if getattr(i, key)))
            for r in all_results for i in r.judged}


def data_package(files: dict[str, bytes], tables: list[tuple[str, str, list[str]]], title: str,
                 description: str, publisher: str, sample: bool, release: dict | None = None,
                 drafts: frozenset[tuple[str, int]] = frozenset(),
                 described: dict[str, tuple[str, str]] | None = None) -> bytes:
    """The package: ``tables`` are (docs path of a CSV download, its title, the units it uses);
    every indicator JSON among ``files`` is listed as a JSON resource, titled and described by
    ``described`` (:func:`indicator_descriptions`)."""
    resources = []
    for path, table_title, units in tables:
        name = path.removeprefix("downloads/")
        resources.append({
            "name": name.removesuffix(".csv").lower(),
            "title": table_title,
            "path": name,
            "type": "table",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8-sig",  # with a BOM, so that Excel opens the Chinese correctly
            "dialect": {"csv": {"delimiter": ",", "lineTerminator": "\r\n"}},
            **_file_facts(files[path]),
            "schema": table_schema(units),
        })
    prefix = links.download("indicators/")
    for path in sorted(p for p in files if p.startswith(prefix) and p.endswith(".json")):
        name = path.removeprefix("downloads/")
        resource_title, resource_description = (described or {}).get(path, ("", ""))
        # "." joins the parts: ids never hold one, so indicators.evil.rate-a (plan evil) and indicators.evil-rate.a
        # (plan evil-rate) stay apart, and apart from every CSV (named by a plan id).
        resources.append({"name": name.removesuffix(".json").replace("/", ".").lower(), "path": name, "type": "json",
                          **({"title": resource_title} if resource_title else {}),
                          **({"description": resource_description} if resource_description else {}),
                          "format": "json", "mediatype": "application/json", "encoding": "utf-8",
                          **_file_facts(files[path])})
    package = {
        "name": "plan-monitoring-bulletin",
        "title": title,
        "description": description + ("（含示例数据，不是官方统计数据）" if sample else ""),
        "contributors": [{"title": publisher, "role": "publisher"}],
        "keywords": ["教育规划", "年度监测", "序时进度"],
        **({"release": release} if release else {}),  # the stamp the footer and the PDF covers show
        **({"preliminary": [{"plan": plan, "year": year, "note": "初步数据"} for plan, year in sorted(drafts)]} if drafts else {}),
        "resources": resources,
    }
    return _dump(package)
