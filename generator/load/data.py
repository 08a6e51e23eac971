"""Load ``data/``: each plan's folder of yearly data files into a :class:`PlanData`.

A plan's data is used whole or not at all: any problem in its folder and it loads as None, with
every problem listed, so a half-read table never reaches the published site.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

from generator.load.rows import (columns_of, control_characters, duplicate_rows, figures_of, goal_reports_of,
                                        header_problems, reports_of, stray_entry, table_kind, unknown_plan_folder,
                                        unrecognised_table)
from generator.model.problems import Problem
from generator.load.files import refused
from generator.load.tables import FIGURES, GOALS, SAMPLE_PREFIX, Table, is_data_file, is_ignored, read_csv
from generator.load.ledger import LEDGER
from generator.model.figures import Figure, GoalReport, PlanData, ProgressReport
from generator.model.plan import Plan


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def load_data(data_dir: Path, plans: list[Plan], root: Path,
              ignore: Collection[str] = ()) -> tuple[dict[str, PlanData | None], list[Problem]]:
    """Every plan's data: an empty PlanData for a plan with no folder yet, None for one with problems.

    ``ignore`` names data folders not to read: plans whose content did not load, or were not asked for.
    """
    by_id = {plan.id: plan for plan in plans}
    loaded: dict[str, PlanData | None] = {plan.id: PlanData() for plan in plans}
    problems: list[Problem] = []
    entries = sorted(data_dir.iterdir()) if data_dir.is_dir() else []
    for entry in entries:
        if is_ignored(entry) or entry.name in ignore or _shown(entry, root) == LEDGER:  # the ledger is not data
            continue
        if entry.is_dir() and entry.name in by_id:
            if problem := refused(entry, data_dir, _shown(entry, root), folder=True):
                loaded[entry.name] = None
                problems.append(problem)
                continue
            loaded[entry.name], found = load_plan_data(entry, by_id[entry.name], root)
            problems += found
        elif entry.is_dir():
            problems.append(unknown_plan_folder(entry, [*by_id, *ignore], _shown(entry, root)))
        else:
            problems.append(stray_entry(entry, _shown(entry, root), in_plan_folder=False))
    return loaded, problems


def load_plan_data(folder: Path, plan: Plan, root: Path) -> tuple[PlanData | None, list[Problem]]:
    """All tables of one plan's data folder, checked against the plan."""
    rows: list[Figure | ProgressReport | GoalReport] = []
    problems: list[Problem] = []
    for path in sorted(folder.iterdir()):
        if is_ignored(path):
            continue
        if not is_data_file(path):
            problems.append(stray_entry(path, _shown(path, root), in_plan_folder=True))
            continue
        if problem := refused(path, folder.parent, _shown(path, root)):
            problems.append(problem)
            continue
        tables, found = read_tables(path, _shown(path, root))
        problems += found
        for table in tables:
            table_rows, found = read_table(table, plan)
            rows += table_rows
            problems += found + list(control_characters(table))
    problems += duplicate_rows(rows)
    if problems:
        return None, problems
    return PlanData(_of(rows, Figure), _of(rows, ProgressReport), _of(rows, GoalReport)), []


def _of(rows: list, kind: type) -> tuple:
    return tuple(row for row in rows if isinstance(row, kind))


def read_table(table: Table, plan: Plan) -> tuple[list[Figure | ProgressReport | GoalReport], list[Problem]]:
    """One table's rows, once its header is known. Without a required column its rows are not read."""
    kind = table_kind(table)
    if kind is None:
        return [], [unrecognised_table(table)]
    problems = list(header_problems(table, kind))
    if not set(kind.required) <= set(columns_of(table, kind)):
        return [], problems
    if kind is FIGURES:
        rows, found = figures_of(table, plan)
    elif kind is GOALS:
        rows, found = goal_reports_of(table, plan)
    else:
        rows, found = reports_of(table, plan, kind)
    return rows, problems + found


def read_tables(path: Path, shown: str) -> tuple[list[Table], list[Problem]]:
    """Every table of a data file, or the problems that stop it being read."""
    sample = path.name.startswith(SAMPLE_PREFIX)
    if path.suffix.lower() == ".csv":
        return read_csv(path, shown, sample)
    from generator.load.xlsx import read_xlsx  # openpyxl (and numpy, which it loads) only for a workbook

    return read_xlsx(path, shown, sample)
