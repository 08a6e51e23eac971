"""Saving an upload into ``data/<plan>/`` and undoing it.

A saved file replaces the one of the same name in one step (write to a temporary file, rename);
the file it replaces is first kept as a dated copy in ``data/.workbench/``. The folder's name starts
with a dot, so the data loader passes it by, and it is kept and backed up with the data. Every save
and undo is written to a journal there, so an upload can be undone from the page — also after the
workbench was restarted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from generator.load.tables import is_data_file, is_ignored
from generator.writing import write_file

HISTORY = "data/.workbench"
JOURNAL = "journal.json"


class UndoRefused(Exception):
    pass


@dataclass(frozen=True)
class Entry:
    number: int
    plan_id: str
    name: str  # the saved file, in data/<plan>/
    uploaded_as: str  # the name staff uploaded it as (printable; shown only)
    time: str  # ISO, local time
    sha256: str  # of the saved bytes: undo only while the file is still the uploaded one
    replaced: list[list[str]]  # [name in data/<plan>/, its dated copy in data/.workbench/] of each file it replaced
    undone: str | None = None  # when it was undone
    kind: str = "upload"  # or "remove": a file taken out of data/<plan>/ (its copy in ``replaced``)


def _folder(root: Path) -> Path:
    return root / HISTORY


def read_journal(root: Path) -> list[Entry]:
    path = _folder(root) / JOURNAL
    if not path.is_file():
        return []
    return [Entry(**item) for item in json.loads(path.read_text(encoding="utf-8"))]


def _write_journal(root: Path, entries: list[Entry]) -> None:
    text = json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=1) + "\n"
    _folder(root).mkdir(parents=True, exist_ok=True)
    write_file(_folder(root) / JOURNAL, text.encode("utf-8"), atomic=True)


def _stamp(now: dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S-%f")


def _keep(root: Path, path: Path, plan_id: str, label: str, now: dt.datetime) -> str:
    """A dated copy of ``path`` in the history folder; returns its name there."""
    name = f"{_stamp(now)}-{label}-{plan_id}-{path.name}"
    _folder(root).mkdir(parents=True, exist_ok=True)
    write_file(_folder(root) / name, path.read_bytes(), atomic=True)
    return name


def save(root: Path, plan_id: str, name: str, data: bytes, uploaded_as: str, replaces: tuple[str, ...] = (),
         now: dt.datetime | None = None) -> Entry:
    """Put ``data`` in data/<plan>/<name> in place of the files ``replaces`` (the same years), each kept as a
    dated copy first. ``name`` is the tool's, never the upload's."""
    now = now or dt.datetime.now()
    folder = root / "data" / plan_id
    folder.mkdir(parents=True, exist_ok=True)
    replaced = [[old, _keep(root, folder / old, plan_id, "被替换", now)] for old in replaces]
    write_file(folder / name, data, atomic=True)
    for old, _ in replaced:
        if old != name:
            os.unlink(folder / old)
    entries = read_journal(root)
    entry = Entry(len(entries) + 1, plan_id, name, uploaded_as, now.isoformat(timespec="seconds"),
                  hashlib.sha256(data).hexdigest(), replaced)
    _write_journal(root, [*entries, entry])
    return entry


def remove(root: Path, plan_id: str, name: str, now: dt.datetime | None = None) -> Entry:
    """Take data/<plan>/<name> out of the data (a sample file, a wrong year), keeping a dated copy to undo it.
    ``name`` must be one of the folder's files as listed (see :func:`data_files`)."""
    now = now or dt.datetime.now()
    path = root / "data" / plan_id / name
    copy = _keep(root, path, plan_id, "已移出", now)
    os.unlink(path)
    entries = read_journal(root)
    entry = Entry(len(entries) + 1, plan_id, name, "", now.isoformat(timespec="seconds"), "", [[name, copy]], kind="remove")
    _write_journal(root, [*entries, entry])
    return entry


def data_files(root: Path, plan_id: str) -> list[Path]:
    """The data files of a plan's folder, as the loader would read them."""
    folder = root / "data" / plan_id
    if not folder.is_dir():
        return []
    return [p for p in sorted(folder.iterdir()) if not is_ignored(p) and is_data_file(p) and p.is_file() and not p.is_symlink()]


def undoable(entries: list[Entry]) -> set[int]:
    """The uploads that can be undone: the latest not undone for each file."""
    latest: dict[tuple[str, str], Entry] = {}
    for entry in entries:
        if entry.undone is None:
            latest[(entry.plan_id, entry.name)] = entry
    return {e.number for e in latest.values()}


def undo(root: Path, number: int, now: dt.datetime | None = None) -> Entry:
    """Put back what upload ``number`` replaced (or remove the file it added); the undone file is kept too."""
    now = now or dt.datetime.now()
    entries = read_journal(root)
    entry = next((e for e in entries if e.number == number), None)
    if entry is None or entry.number not in undoable(entries):
        raise UndoRefused("这次上传已经撤销过，或之后同一文件又上传过（请先撤销后来的那次）。")
    target = root / "data" / entry.plan_id / entry.name
    if entry.kind == "remove":
        if target.exists():
            raise UndoRefused(f"data/{entry.plan_id}/{entry.name} 移出后又有了同名文件，为免覆盖它，没有撤销。")
    elif not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != entry.sha256:
        raise UndoRefused(f"data/{entry.plan_id}/{entry.name} 在上传之后又被改动过，为免丢失这些改动，没有撤销。")
    else:
        _keep(root, target, entry.plan_id, "已撤销", now)
        if entry.name not in (old for old, _ in entry.replaced):
            os.unlink(target)
    for old, copy in entry.replaced:
        write_file(target.with_name(old), (_folder(root) / copy).read_bytes(), atomic=True)
    done = [e if e.number != number else Entry(**{**asdict(e), "undone": now.isoformat(timespec="seconds")})
            for e in entries]
    _write_journal(root, done)
    return done[number - 1]
