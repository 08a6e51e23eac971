"""Import a plan document: read → recognise → draft; and the summary shown to staff."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from generator.model.characters import without_forbidden
from generator.plan_import.columns import find_columns, find_stages
from generator.plan_import.coverage import account
from generator.plan_import.document import Document, Paragraph, Table
from generator.command import COMMAND
from generator.plan_import.draft import Draft
from generator.plan_import.indicator_table import find_indicator_tables
from generator.plan_import.limits import TooCostly, check_docx, check_pdf, read_bounded
from generator.plan_import.metadata import read_metadata
from generator.plan_import.read_text import read_text
from generator.plan_import.tasks import find_tasks
from generator.plan_import.tokens import tokens
from generator.plan_import.write import REVIEW, UNUSED, render_files, unused_text, write_files
from generator.writing import LinkInTheWay, writable

SUFFIXES = (".docx", ".pdf", ".txt", ".md")


class ImportProblem(Exception):
    """A document that cannot be imported; the message is for staff, in Chinese."""


def read_document(path: Path) -> Document:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportProblem(f"找不到文件：{path}")
    if suffix == ".doc":
        raise ImportProblem(f"{path.name} 是旧版 Word 文件（.doc），无法读取。请在 Word 中“另存为” .docx 后再导入。")
    if suffix not in SUFFIXES:
        raise ImportProblem(f"{path.name}：不支持的文件类型“{suffix or '（无扩展名）'}”。"
                            f"可以导入的是 Word（.docx）、带文字层的 PDF（.pdf）和文本（.txt、.md）。")
    if suffix in (".txt", ".md"):
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return read_text(raw.decode(encoding), path.name)
            except UnicodeDecodeError:
                continue
        raise ImportProblem(f"{path.name}：文件编码无法识别（既不是 UTF-8 也不是 GB18030）。请在记事本中另存为 UTF-8 后再导入。")
    if suffix == ".docx":
        return _guarded(path, "Word", _read_docx)
    return _guarded(path, "PDF", _read_pdf)


def _read_docx(path: Path) -> Document:
    from generator.plan_import.read_docx import read_docx

    check_docx(path)
    return read_bounded(read_docx, path)


def _read_pdf(path: Path) -> Document:
    from generator.plan_import.read_pdf import NoTextLayer, read_pdf

    check_pdf(path)
    try:
        return read_bounded(read_pdf, path)
    except NoTextLayer:
        raise ImportProblem(f"{path.name}：PDF 中没有文字层（可能是扫描件），无法读出文字。"
                            f"请先做文字识别（OCR），或改用 Word 版、网页上的文字。") from None


def _guarded(path: Path, kind: str, reader: Callable[[Path], Document]) -> Document:
    try:
        return reader(path)
    except ImportProblem:
        raise
    except TooCostly as error:
        raise ImportProblem(f"{path.name}：{error}。没有导入。") from None
    except Exception as error:  # noqa: BLE001
        # python-docx and pdfplumber raise many kinds of errors for a damaged file; staff need only this.
        raise ImportProblem(f"{path.name}：无法作为 {kind} 文件读取（文件损坏，或扩展名与内容不符）。"
                            f"请用 {kind} 打开确认，另存一份后再导入。（{type(error).__name__}）") from None


def visible_only(document: Document) -> tuple[Document, int]:
    """The document without the characters no content file may hold (control, bidi, zero-width …),
    and how many were removed: the draft and source.txt follow the rules every content field does."""
    def clean(text: str | None) -> str | None:
        return None if text is None else without_forbidden(text)[0]

    blocks = tuple(Paragraph(clean(block.text)) if isinstance(block, Paragraph)
                   else Table(tuple(tuple(clean(cell) for cell in row) for row in block.rows)) for block in document.blocks)
    text, removed = without_forbidden(document.text)  # the text holds what the blocks hold
    return dataclasses.replace(document, blocks=blocks, text=text), removed


def draft_plan(document: Document, plan_id: str) -> Draft:
    units = document.units()
    cells = tokens(units)
    tables = find_indicator_tables(cells)
    base_year = tables[0].years[0] if tables else None
    info, review = read_metadata(document, plan_id, base_year)
    period = (info["period"]["start"], info["period"]["end"])
    draft = Draft(info, review)
    seen_ids: set[str] = set()
    for table in tables:
        for item in table.items:
            if item.fields["id"] in seen_ids:
                continue
            seen_ids.add(item.fields["id"])
            outside = [t["year"] for t in item.fields.get("targets", []) if not period[0] <= t["year"] <= period[1]]
            if outside and not item.review:
                item.review = f"目标年份 {'、'.join(map(str, outside))} 不在规划期 {period[0]}—{period[1]} 年内"
            draft.indicators.append(item)
    draft.columns = find_columns(units, period)
    stages = find_stages(units, period, max((c.fields["number"] for c in draft.columns), default=0) + 1)
    if stages is not None:
        draft.columns.append(stages)
    draft.key_tasks, draft.tasks = find_tasks(document)
    account(document, draft, {cells[k].unit for table in tables for k in range(table.start, table.end)})
    return draft


SHOWN_UNUSED = 8  # passages not used, quoted in the summary (all of them are in the file)


def _clip(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def summary(draft: Draft, plan_id: str, folder: Path) -> str:
    subs = sum(1 for i in draft.indicators if "parent" in i.fields)
    milestones = sum(len(c.children.get("milestones", [])) for c in draft.columns)
    lines = [
        f"已生成规划草稿：{folder}",
        f"  读到：主要指标 {len(draft.indicators)} 项（其中子项 {subs} 项），专栏 {len(draft.columns)} 个"
        f"（年度事项 {milestones} 项），重点任务 {len(draft.key_tasks)} 项，分解任务 {len(draft.tasks)} 项。",
    ]
    count = draft.review_count()
    if count:
        lines.append(f"  待核对：{count} 处，已在文件中以“# {REVIEW}：…”标出原因。请对照原文 source.txt 逐一改正或删除，再删去注释。")
    else:
        lines.append("  没有需要核对的地方；仍请对照原文看一遍。")
    for note in draft.notes:
        lines.append(f"  待核对：{note}")
    if not draft.indicators:
        lines.append("  注意：没有找到指标表（表头有指标名称和两个以上年份），指标需要手工添加（写法见 content/README.md）。")
    if draft.unused:
        lines.append(f"  没有用进草稿的原文：{len(draft.unused)} 处，已存入 {folder / UNUSED}，请逐段看一遍。开头几处：")
        lines += [f"    · {_clip(text)}" for text in draft.unused[:SHOWN_UNUSED]]
    lines.append(f"下一步：{COMMAND} check --plan {plan_id}")
    return "\n".join(lines)


def import_plan(path: Path, plan_id: str, content: Path, force: bool = False) -> str:
    """Write the draft into ``content/<plan_id>/``; return the summary. Raises :class:`ImportProblem`."""
    folder = content / plan_id
    try:  # content/ or content/<plan_id> a link: never write or delete through it
        writable(content.absolute().parent, content.absolute() / plan_id)
    except LinkInTheWay as error:
        raise ImportProblem(str(error)) from None
    if folder.exists() and not force:
        raise ImportProblem(f"{folder} 已经存在，为免覆盖已有的规划，没有导入。"
                            f"请换一个编号，或确认要重新导入时加 --force（原有文件会被替换）。")
    document, invisible = visible_only(read_document(path))
    if not document.blocks:
        raise ImportProblem(f"{path.name}：文件中没有读到文字。")
    draft = draft_plan(document, plan_id)
    files = render_files(draft, path.name)
    files[UNUSED] = unused_text(draft, path.name)
    content.mkdir(parents=True, exist_ok=True)
    # Written beside the target first, so that a failure leaves any earlier folder as it was.
    staging = Path(tempfile.mkdtemp(prefix=f".import-{plan_id}-", dir=content))
    try:
        write_files(files, document.text, staging / plan_id)
        if folder.exists():
            shutil.rmtree(folder)
        (staging / plan_id).rename(folder)
    except OSError as error:
        raise ImportProblem(f"无法写入 {folder}：{error.strerror or error}") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    note = f"\n  注意：原文中有 {invisible} 个看不见的控制字符（如 U+202E、ESC），已删去。" if invisible else ""
    return summary(draft, plan_id, folder) + note
