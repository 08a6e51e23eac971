"""Read ``content/measures.yaml``: the measures that several plans report, each under its own name
(南通 学前教育毛入园率, 连云港 学前三年毛入园率). An indicator names one as ``measure``; that
written link, never a guess from names, is what the comparison pages follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from generator.load.validation import problems_from_validation
from generator.load.yaml_lines import YamlDocument, read_yaml
from generator.model.plan import Measure, MeasuresFile
from generator.model.problems import Problem

MEASURES_FILE = "measures.yaml"


@dataclass(frozen=True)
class LoadedMeasures:
    measures: dict[str, Measure] = field(default_factory=dict)  # key → measure, in file order
    shown_as: str = MEASURES_FILE
    doc: YamlDocument | None = None


def load_measures(content: Path, root: Path | None = None) -> tuple[LoadedMeasures, list[Problem]]:
    """The shared measures; no file: none (a plan naming a measure is then a problem of the check)."""
    path = content / MEASURES_FILE
    shown_as = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else str(path)
    if not path.is_file():
        return LoadedMeasures(shown_as=shown_as), []
    doc, problems = read_yaml(path, shown_as)
    if doc is None:
        return LoadedMeasures(shown_as=shown_as), problems
    try:
        parsed = MeasuresFile.model_validate(doc.data)
    except ValidationError as error:
        return LoadedMeasures(shown_as=shown_as, doc=doc), problems + problems_from_validation(error, doc, shown_as)
    measures: dict[str, Measure] = {}
    for n, measure in enumerate(parsed.measures):
        if measure.key in measures:
            problems.append(Problem("duplicate-id", f"共同指标编号“{measure.key}”重复", shown_as, f"measures[{n + 1}].key",
                                    doc.line_of(("measures", n, "key")), found=measure.key, expected="每个编号只出现一次"))
        measures.setdefault(measure.key, measure)
    return LoadedMeasures(measures, shown_as, doc), problems
