"""The judged results of a project as a pandas DataFrame, for analysts: nothing is built or written.

    from generator import results
    df = results.frame("path/to/project")

One row per indicator, region (“全域” for the whole area) and year, with the columns of the CSV
downloads (:mod:`generator.render.results_table`): the same rows and values, typed. Text is
``string`` (an empty cell is <NA>), whole numbers ``Int64``, numbers ``Float64`` (rounded as
published), yes/no ``boolean``. Problems in the project's files raise :class:`ProjectProblems`
with the same Chinese report ``check`` prints.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from generator.model.problems import Problem, Report
from generator.publish.stages import load_and_judge
from generator.render.downloads import figure_rows
from generator.render.results_table import DTYPES, rows_frame

__all__ = ["DTYPES", "ProjectProblems", "frame", "rows_frame"]


class ProjectProblems(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__(Report(problems).render())
        self.problems = problems


def frame(project: str | Path) -> pd.DataFrame:
    """Load, check and judge the project in ``project`` (its content/, data/, site_config/)."""
    judged = load_and_judge(Path(project))
    if judged.problems:
        raise ProjectProblems(judged.problems)
    drafts = judged.drafts()  # years published as 初步数据
    return rows_frame([row for results in judged.results for row in figure_rows(results, drafts)])
