"""An uploaded data file: refused at the door (size, type, name), checked by the data loader as if it
were in ``data/<plan>/``, and saved there only without problems.

The uploaded name is shown (escaped), never used as a path: the saved file is named by the tool from
the years the file reports (``2023年数据.xlsx``), so an upload for a year replaces that year's
earlier upload. The check stages the plan's data folder with the upload in a temporary project, so
the loader sees exactly what ``check`` would see after saving — duplicates with other files included.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.check.content import checked_content
from generator.load.data import load_plan_data
from generator.load.tables import is_data_file, is_ignored
from generator.model.characters import forbidden
from generator.model.plan import Plan
from generator.model.problems import Problem, printable

MAX_BYTES = 10 * 1024 * 1024  # a year's workbook is well under 1 MB; larger is a wrong file
MAX_NAME = 120
SUFFIXES = (".xlsx", ".csv")
XLSX_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip archive
PATH_CHARACTERS = '/\\<>:"|?*'  # separators, and what Windows (where staff fill the workbooks) forbids
STAGED = "上传的文件"  # the staged upload's name while its years are not yet known


class Refused(Exception):
    """The upload is not even read: too large, not a data file, a name that is not a plain file name."""


@dataclass(frozen=True)
class Checked:
    plan: Plan | None
    shown_name: str  # the uploaded name as staff gave it, made printable
    suffix: str
    problems: list[Problem]
    target: str = ""  # the name it is saved under in data/<plan>/, when it has no problems
    replaces: tuple[str, ...] = ()  # the files of data/<plan>/ it replaces: the same years, .xlsx or .csv
    years: tuple[int, ...] = ()


def refusal(name: str, size: int) -> str | None:
    """Why an upload is refused before it is read, in Chinese; None when it may be checked."""
    if size > MAX_BYTES:
        return f"文件太大（{size / 1024 / 1024:.1f} MB）：填报文件最大 {MAX_BYTES // 1024 // 1024} MB。请确认选的是填报表，而不是别的文件。"
    if not name or len(name) > MAX_NAME:
        return f"文件名为空或太长（最多 {MAX_NAME} 个字符）。请把文件改成简短的名字后再上传。"
    if bad := forbidden(name):
        return f"文件名中有不可见或不允许的字符（{bad[0]}）。请把文件改名后再上传。"
    if any(char in name for char in PATH_CHARACTERS) or name.startswith(".") or ".." in name:
        return (f"文件名“{printable(name)}”含有路径符号或 Windows 文件名不允许的字符（{' '.join(PATH_CHARACTERS)}），"
                "或以“.”开头，不是普通的文件名。请把文件改名后再上传。")
    if Path(name).suffix.lower() not in SUFFIXES:
        return f"不支持的文件类型“{printable(Path(name).suffix) or '（无扩展名）'}”：只能上传 Excel 工作簿（.xlsx）或 CSV 文件（.csv）。"
    return None


def content_refusal(suffix: str, data: bytes) -> str | None:
    if suffix == ".xlsx" and not data.startswith(XLSX_MAGIC):
        return "这个文件名为 .xlsx，但内容不是 Excel 工作簿。请在 Excel 中“另存为 Excel 工作簿（.xlsx）”后再上传。"
    if suffix == ".csv" and b"\x00" in data:
        return "这个文件名为 .csv，但内容不是文字表格。请在 Excel 中“另存为 CSV UTF-8”后再上传。"
    if not data:
        return "文件是空的。"
    return None


def target_name(years: tuple[int, ...], suffix: str) -> str:
    span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return f"{span}年数据{suffix}"


def _stage(folder: Path, files: dict[str, Path | bytes]) -> None:
    folder.mkdir(parents=True)
    for name, source in files.items():
        if isinstance(source, bytes):
            (folder / name).write_bytes(source)
        else:  # a link stays a link, so the loader refuses it as it would in data/
            shutil.copy2(source, folder / name, follow_symlinks=False)


def _load(root: Path, plan: Plan, files: dict[str, Path | bytes], staged: str, shown: str) -> tuple[tuple[int, ...], list[Problem]]:
    """Load ``files`` as data/<plan>/ of a temporary project; the staged upload's problems name it as uploaded."""
    with tempfile.TemporaryDirectory(prefix="workbench-check-") as temporary:
        project = Path(temporary)
        folder = project / "data" / plan.id
        _stage(folder, files)
        data, problems = load_plan_data(folder, plan, project)
    staged_path = f"data/{plan.id}/{staged}"
    named = [dataclasses.replace(p, file=shown) if p.file == staged_path else p for p in problems]
    return (tuple(data.years) if data else ()), named


def check_upload(root: Path, plan_id: str, name: str, data: bytes) -> Checked:
    """The upload's problems, found by the same loader and checks ``check`` runs."""
    shown = f"上传的文件“{printable(name)}”"
    suffix = Path(name).suffix.lower()
    loaded, problems = checked_content(root / "content", plan_id, root)
    if problems or not loaded:
        return Checked(None, shown, suffix, problems)
    plan = loaded[0].plan
    alone = STAGED + suffix
    years, problems = _load(root, plan, {alone: data}, alone, shown)
    if problems:
        return Checked(plan, shown, suffix, problems)
    if not years:
        raise Refused("文件中没有任何一行数据：请在填报表中填写后再上传。")
    target = target_name(years, suffix)
    folder = root / "data" / plan.id
    present = [p for p in sorted(folder.iterdir()) if not is_ignored(p) and is_data_file(p)] if folder.is_dir() else []
    replaces = tuple(p.name for p in present if p.stem == Path(target).stem)
    others = {p.name: p for p in present if p.name not in replaces}
    _, problems = _load(root, plan, {**others, target: data}, target, shown)
    return Checked(plan, shown, suffix, problems, target, replaces, years)
