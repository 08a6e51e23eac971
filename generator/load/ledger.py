"""The ledger of releases (``data/published.json``): what the last release showed (each figure), every
correction made since the first release, and each release's number and date. Only ``release``
writes it (a trial ``build`` reads it), and it is kept, committed and backed up with the data, so
that a deleted ``site/`` or a fresh clone never loses the correction history. The site publishes a
copy (``site/ledger.json``), which is also the way to recover a lost ledger.

A ledger written before releases were numbered has no ``releases`` list: its figures are taken as
what was published, and the next release is the first one numbered.

A first build (no ledger, no site) starts an empty ledger. A missing ledger beside a published site,
or a ledger that cannot be read, is a problem that stops the build: an empty 数据更正说明 page would
silently drop corrections already published.
"""

from __future__ import annotations

import datetime as dt
import json
import typing
from dataclasses import dataclass, field
from pathlib import Path

from generator.model.problems import Problem, shorten
from generator.model.corrections import Correction, to_json
from generator.model.release import ReleaseRecord
from generator.writing import write_file

LEDGER = "data/published.json"  # in the project, relative to its folder
SITE_COPY = "ledger.json"  # in the published site


@dataclass(frozen=True)
class Ledger:
    figures: dict[str, str] = field(default_factory=dict)  # figure key → written value ("" = 数据暂缺)
    corrections: list[Correction] = field(default_factory=list)
    releases: list[ReleaseRecord] = field(default_factory=list)  # oldest first

    @property
    def last_release(self) -> ReleaseRecord | None:
        return self.releases[-1] if self.releases else None


def _recovery(root: Path) -> str:
    copy = root / "site" / SITE_COPY
    steps = [f"从版本库或备份中恢复 {LEDGER}（如 git checkout -- {LEDGER}）"]
    if copy.is_file():
        steps.append(f"或把上次发布的网站中的副本 site/{SITE_COPY} 复制为 {LEDGER}")
    steps.append("确实没有任何副本时，删除 site/ 文件夹后重新生成（以往的更正记录将不再列出）")
    return "；".join(steps)


def _published_before(root: Path) -> bool:
    """Has the site's copy of the ledger anything a release recorded? (A trial build publishes the
    last release's ledger, an empty one before the first release.)"""
    copy = root / "site" / SITE_COPY
    try:
        return copy.is_file() and _parse(copy.read_text(encoding="utf-8")) != Ledger()
    except (OSError, UnicodeDecodeError, ValueError, TypeError):
        return True


def _parse(text: str) -> Ledger:
    data = json.loads(text)
    if not isinstance(data, dict) or not isinstance(data.get("figures"), dict) or not isinstance(data.get("corrections"), list):
        raise ValueError("最外层应有 figures（字段表）和 corrections（列表）")
    if not isinstance(data.get("releases", []), list):
        raise ValueError("releases 应为列表")
    for key, value in data["figures"].items():
        if len(key.split("|", 3)) != 4 or not key.split("|", 3)[2].isdigit() or not isinstance(value, str):
            raise ValueError(f"figures 中的一项写法不对：{shorten(key)}")
    kinds = typing.get_type_hints(Correction)
    corrections = []
    for number, item in enumerate(data["corrections"], 1):
        if not isinstance(item, dict) or set(item) != set(kinds):
            raise ValueError(f"corrections 第 {number} 项的字段不对")
        for name, kind in kinds.items():  # a dict, list or null where text or a year belongs
            if not isinstance(item[name], kind) or isinstance(item[name], bool):
                raise ValueError(f"corrections 第 {number} 项的 {name} 应为{'整数' if kind is int else '文字'}，"
                                 f"却是 {shorten(json.dumps(item[name], ensure_ascii=False), 40)}")
        corrections.append(Correction(**item))
    releases = []
    for number, item in enumerate(data.get("releases", []), 1):
        if not isinstance(item, dict) or set(item) != {"number", "date"} or item["number"] != number:
            raise ValueError(f"releases 第 {number} 项应为 {{\"number\": {number}, \"date\": \"年-月-日\"}}")
        releases.append(ReleaseRecord(number, dt.date.fromisoformat(item["date"])))
    return Ledger(dict(data["figures"]), corrections, releases)


def read_ledger(root: Path) -> tuple[Ledger | None, list[Problem]]:
    """The ledger, an empty one for a first build, or the problem that stops the build."""
    path = root / LEDGER
    if not path.exists() and not path.is_symlink():
        if _published_before(root):
            return None, [Problem("ledger-missing", "找不到已发布数值的记录，无法列出数据更正：网站发布过，但记录文件不见了",
                                  LEDGER, found="文件不存在", expected=_recovery(root))]
        return Ledger(), []
    try:
        if path.is_symlink() or not path.is_file():
            raise ValueError("不是普通文件")
        return _parse(path.read_text(encoding="utf-8")), []
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return None, [Problem("ledger-unreadable", "已发布数值的记录无法读取（文件损坏或被截断），无法列出数据更正",
                              LEDGER, found=shorten(reason, 120), expected=_recovery(root))]


def ledger_bytes(ledger: Ledger) -> bytes:
    data = {"figures": ledger.figures, "corrections": to_json(ledger.corrections),
            "releases": [{"number": r.number, "date": r.date.isoformat()} for r in ledger.releases]}
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def write_ledger(root: Path, content: bytes) -> None:
    """Replace the ledger in one step (a kill never leaves half a file); unchanged bytes are not rewritten."""
    path = root / LEDGER
    if path.is_file() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, content, atomic=True)
