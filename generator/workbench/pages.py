"""The workbench's pages: Jinja2 templates with autoescaping on, so nothing from a file name, a data
cell or a problem message is ever read as HTML."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.model.problem_kinds import kind_of
from generator.model.problems import Problem, Report

HERE = Path(__file__).parent
STATIC = HERE / "static"

_environment = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def advice(problem: Problem) -> str:
    return (kind_of(problem.code) or ("", ""))[1]


_environment.globals["advice"] = advice


def problem_rows(problems: list[Problem]) -> list[Problem]:
    return Report(problems).sorted()


_environment.globals["problem_rows"] = problem_rows


def render(template: str, **context) -> str:
    return _environment.get_template(template).render(**context)
