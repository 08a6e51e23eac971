"""Load one plan folder (``content/<plan>/``) into a :class:`~generator.model.plan.Plan`.

Every file is read and validated even after an earlier one failed, so that staff see all
problems of a plan in one run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from generator.model.characters import forbidden
from generator.model.problems import Problem
from generator.load.files import read_bytes, refused
from generator.load.validation import problems_from_validation
from generator.load.yaml_lines import YamlPath, YamlDocument, format_path, read_yaml
from generator.model.plan import ColumnsFile, GoalsFile, IndicatorsFile, Plan, PlanInfo, TasksFile

PLAN_FILES: dict[str, type[BaseModel]] = {
    "plan.yaml": PlanInfo,
    "indicators.yaml": IndicatorsFile,
    "columns.yaml": ColumnsFile,
    "tasks.yaml": TasksFile,
    "goals.yaml": GoalsFile,
}
SOURCE_FILE = "source.txt"


@dataclass
class LoadedPlan:
    """A plan and where each of its parts was written, for locating later problems."""

    plan: Plan
    folder: Path
    shown_as: dict[str, str]  # file name → path shown to staff
    docs: dict[str, YamlDocument] = field(default_factory=dict)

    def problem(self, code: str, message: str, file_name: str, path: YamlPath, **details) -> Problem:
        doc = self.docs.get(file_name)
        return Problem(code, message, self.shown_as.get(file_name, file_name), format_path(path),
                       doc.line_of(path) if doc else None, **details)


def _shown(folder: Path, name: str, root: Path | None) -> str:
    path = folder / name
    try:
        return str(path.relative_to(root)) if root else str(path)
    except ValueError:
        return str(path)


def _present(path: Path) -> bool:
    """There is something at ``path``: a file, or a link (even a broken one, which is then reported)."""
    return path.exists() or path.is_symlink()


def _invisible(text: str, shown: str) -> list[Problem]:
    """The first forbidden character of the source text (published as a download like every field), by line."""
    for number, line in enumerate(text.split("\n"), 1):  # not splitlines: \x0c, \x1c … are forbidden, not breaks
        if bad := forbidden(line):
            return [Problem("bad-character", f"原文中有看不见的{bad[1]}，不允许使用", shown, line=number,
                            found=f"第 {number} 行的{bad[0]}", expected="删去这个字符（它改变文字的显示，或让终端执行命令）")]
    return []


def load_plan(folder: Path, root: Path | None = None) -> tuple[LoadedPlan | None, list[Problem]]:
    """Read, parse and validate the files of one plan folder."""
    problems: list[Problem] = []
    shown_as = {name: _shown(folder, name, root) for name in [*PLAN_FILES, SOURCE_FILE]}
    docs: dict[str, YamlDocument] = {}
    parts: dict[str, BaseModel] = {}
    if not _present(folder / "plan.yaml"):
        problems.append(Problem("missing-file", "规划文件夹中缺少 plan.yaml", shown_as["plan.yaml"],
                                expected="每个规划文件夹都有 plan.yaml（规划基本信息）"))
    for name, model in PLAN_FILES.items():
        path = folder / name
        if not _present(path):
            continue
        if problem := refused(path, folder.parent, shown_as[name]):
            problems.append(problem)
            continue
        doc, read_problems = read_yaml(path, shown_as[name])
        problems += read_problems
        if doc is None:
            continue
        docs[name] = doc
        if not isinstance(doc.data, dict):
            problems.append(Problem("not-a-mapping", "文件的最外层应是字段表（“名称: 值”）", shown_as[name],
                                    line=1, found=type(doc.data).__name__, expected="字段表"))
            continue
        try:
            parts[name] = model.model_validate(doc.data)
        except ValidationError as error:
            # A value already reported as unreadable is not reported again as missing or of the wrong type.
            unreadable = {p.field for p in read_problems if p.field}
            problems += [p for p in problems_from_validation(error, doc, shown_as[name]) if p.field not in unreadable]

    source = folder / SOURCE_FILE
    source_text = ""
    if not _present(source):
        problems.append(Problem("missing-source", "缺少规划原文 source.txt（用于核对数字）", shown_as[SOURCE_FILE],
                                expected="把公开的规划文件原文以 UTF-8 文本保存为 source.txt"))
    elif problem := refused(source, folder.parent, shown_as[SOURCE_FILE]):
        problems.append(problem)
    else:
        data, problem = read_bytes(source, shown_as[SOURCE_FILE])
        try:
            source_text = data.decode("utf-8-sig") if data is not None else ""
        except UnicodeDecodeError:
            problem = Problem("not-utf8", "原文不是 UTF-8 编码", shown_as[SOURCE_FILE], expected="UTF-8 编码的文本")
        problems += [problem] if problem else []
        problems += _invisible(source_text, shown_as[SOURCE_FILE])

    if problems or "plan.yaml" not in parts:
        return None, problems
    indicators = parts.get("indicators.yaml", IndicatorsFile())
    columns = parts.get("columns.yaml", ColumnsFile())
    tasks = parts.get("tasks.yaml", TasksFile())
    goals = parts.get("goals.yaml", GoalsFile())
    plan = Plan(info=parts["plan.yaml"], indicators=indicators.indicators, columns=columns.columns,
                key_tasks=tasks.key_tasks, tasks=tasks.tasks, goals=goals.goals, source_text=source_text)
    return LoadedPlan(plan, folder, shown_as, docs), []
