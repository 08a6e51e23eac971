"""No silent loss: every passage of the source ends in a draft item or in the list of passages not used.

A passage is a paragraph or a table row. It is used when an indicator table took it up, or when
its words are in the draft (a task's work, a 专栏's text, a heading that became a 重点任务, the
title …). A table of which nothing was used was seen but not read: it becomes a 待核对 note
naming where it is and how it begins; its rows are among the passages not used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from generator.plan_import.document import Document, Paragraph
from generator.plan_import.draft import Draft

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}\s*[.．、]|专栏\s*\d{1,2}\s*[:：]?)\s*")
PREFIX = 30  # characters of a long passage that identify it
SHOWN_ROWS = 3  # rows of an unread table quoted in its note
MIN_PROSE = 12
MAX_NOTES = 50  # broken-off paragraphs noted one by one; past that the document itself is the problem
MIN_INSIDE = 6  # characters a passage needs before it is looked for inside a longer value
_ENDED = re.compile(r"[。；;！？!?…”’）)\]】:：]$")


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


class _Taken:
    """The text of the draft: its values whole, and run together for finding longer passages in."""

    def __init__(self, draft: Draft) -> None:
        texts = list(_strings(draft.plan))
        for item in draft.items():
            texts += _strings(item.fields)
        self.values = {_flat(t) for t in texts}
        self.blob = "\n".join(self.values)

    def __contains__(self, flat: str) -> bool:
        # A short passage ("2.持续", "序") is used only if some value is exactly it.
        return flat in self.values or (len(flat) >= MIN_INSIDE and flat in self.blob)


def _used(text: str, taken: _Taken) -> bool:
    flat = _flat(text)
    bare = _NUMBERING.sub("", flat)
    return not flat or flat in taken or (bare and bare in taken) or (len(bare) > PREFIX and bare[:PREFIX] in taken)


def _line_of(lines: list[str], text: str) -> int | None:
    """The line of source.txt where a passage begins."""
    probe = text.strip().split("\n")[0][:20]
    for number, line in enumerate(lines, 1):
        if probe and probe in line:
            return number
    return None


def _broken_off(text: str) -> bool:
    """Prose that stops mid-sentence (a PDF page or a copy that lost its end): ``……抓好成果转化。全面推``."""
    flat = _flat(text)
    return len(flat) > MIN_PROSE and "。" in flat and not _ENDED.search(flat)


def account(document: Document, draft: Draft, used_units: set[int]) -> None:
    """Fill ``draft.unused`` with the passages no item took up, note each table not read and each
    paragraph that breaks off."""
    taken = _Taken(draft)
    lines = document.text.split("\n")
    broken = 0
    for block in document.blocks:
        if isinstance(block, Paragraph) and _broken_off(block.text) and broken < MAX_NOTES:
            broken += 1
            where = _line_of(lines, block.text)
            draft.notes.append(f"{f'source.txt 第 {where} 行' if where else '一段'}的文字在“{_flat(block.text)[-12:]}”处中断，"
                               f"后文可能缺失（原文截断或 PDF 换页丢字），请对照原件补全")
    unit = 0
    tables = 0
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if unit not in used_units and not _used(block.text, taken) and block.text.strip():
                draft.unused.append(block.text)
            unit += 1
            continue
        tables += 1
        rows: list[tuple[str, bool]] = []
        for row in block.rows:
            lines = [line.strip() for cell in row for line in (cell or "").split("\n") if line.strip()]
            indices = range(unit, unit + len(lines))
            unit += len(lines)
            text = " | ".join(c.replace("\n", " ") for c in row if c)
            used = any(k in used_units for k in indices) or any(_used(c, taken) for c in row if c and len(_flat(c)) > 4)
            rows.append((text, used))
        if not any(used for _, used in rows[1:]) and len(rows) > 1:
            where = _line_of(lines, rows[0][0].split(" | ")[0])
            head = "；".join(text for text, _ in rows[:SHOWN_ROWS])
            draft.notes.append(f"第 {tables} 个表格{f'（source.txt 第 {where} 行起）' if where else ''}没有读出，"
                               f"共 {len(rows)} 行，开头是：{head}。原始各行见 source-unused.txt")
            draft.unused += [f"[表格{tables}] {text}" for text, _ in rows]
        else:
            draft.unused += [f"[表格{tables}] {text}" for text, used in rows[1:] if not used and text]
