"""Write a :class:`Draft` as the files of ``content/<plan>/``, with 待核对 comments.

Values are written as JSON strings, which YAML reads as double-quoted scalars, so that no text
from the document can change the structure of a file. A comment on its own line above a list
entry flags the whole entry (deleting the entry resolves it); a comment at the end of a line
flags that field's value.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from generator.command import COMMAND
from generator.model.problems import printable
from generator.plan_import.draft import Draft, Item

REVIEW = "待核对"


def scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _fields(fields: dict, indent: str, first_prefix: str | None = None, comments: dict[str, str] | None = None) -> list[str]:
    lines: list[str] = []
    for k, (key, value) in enumerate(fields.items()):
        lead = first_prefix if (first_prefix is not None and k == 0) else indent
        note = f"  # {REVIEW}：{_comment(comments[key])}" if comments and key in comments else ""
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            lines.append(f"{lead}{key}:{note}")
            lines += [f"{indent}  - {scalar(v)}" for v in value]
        else:
            lines.append(f"{lead}{key}: {scalar(value)}{note}")
    return lines


def _items(items: list[Item], indent: str) -> list[str]:
    lines: list[str] = []
    for item in items:
        if item.review:
            lines.append(f"{indent}# {REVIEW}：{_comment(item.review)}")
        lines += _fields(item.fields, indent + "  ", first_prefix=indent + "- ")
        for name, children in item.children.items():
            lines.append(f"{indent}  {name}:")
            lines += _items(children, indent + "    ")
        lines.append("")
    return lines


def render_files(draft: Draft, origin: str) -> dict[str, str]:
    # The file name is the sender's: a line break in it must not end the comment (printable: \n, \x1b).
    head = (f"# 由 {COMMAND} import 从“{printable(origin)}”生成的草稿。\n"
            f"# 标有“{REVIEW}”的内容请对照原文（source.txt）核对：改正或删除，再删去这条注释。\n")
    notes = "".join(f"# {REVIEW}：{_comment(note)}\n" for note in draft.notes)
    files = {"plan.yaml": head + notes + "\n".join(_fields(draft.plan, "", comments=draft.plan_review)) + "\n"}
    if draft.indicators:
        files["indicators.yaml"] = head + "indicators:\n" + "\n".join(_items(draft.indicators, "  "))
    if draft.columns:
        files["columns.yaml"] = head + "columns:\n" + "\n".join(_items(draft.columns, "  "))
    if draft.key_tasks or draft.tasks:
        body = ""
        if draft.key_tasks:
            body += "key_tasks:\n" + "\n".join(_items(draft.key_tasks, "  "))
        if draft.tasks:
            body += "tasks:\n" + "\n".join(_items(draft.tasks, "  "))
        files["tasks.yaml"] = head + body
    return files


UNUSED = "source-unused.txt"


def unused_text(draft: Draft, origin: str) -> str:
    """The passages of the source that no draft item took up, one a paragraph, for a person to go through."""
    head = (f"“{origin}”中没有用进草稿的段落和表格行（共 {len(draft.unused)} 处）。\n"
            f"逐段看一遍：需要监测的内容请补进草稿（写法见 content/README.md），其余可以不管。\n")
    return head + "".join(f"\n{text}\n" for text in draft.unused)


def write_files(files: dict[str, str], source_text: str, folder: Path) -> None:
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "source.txt").write_text(source_text, encoding="utf-8")
