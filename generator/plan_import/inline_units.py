"""Tasks written as prose, their responsible units in brackets or on a line of their own.

``（一）优化学校布局。……2023年底前完成……。（责任单位：州教育体育局，各县市人民政府）``
``（牵头单位：州教育体育局；配合单位：州委编办、州人力资源社会保障局）``
``1.始终把党的政治建设摆在首位。……`` followed by the paragraph ``责任单位：组干科、民管办。``
``……完善资助体系。（市教育局牵头，市财政局、市民政局配合）`` ``（各县市区人民政府负责）``

Each such paragraph becomes a task: its text without the note is the work, the nearest heading
above (``一、……``) its key task, a deadline written in it (2023年底前) is kept with it. The
label words are those of header_words.yaml (``inline_units``).
"""

from __future__ import annotations

import re

from generator.plan_import.document import Document, Paragraph
from generator.plan_import.draft import Item
from generator.plan_import.header_words import words

_HEADING = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(\S.*)$")
_NUMBER = re.compile(r"^(?:(\d{1,3})\s*[.．、]|[（(]\s*([一二三四五六七八九十\d]{1,3})\s*[）)])\s*")
MAX_HEADING = 40
# “（市教育局牵头，市财政局、市人社局配合）”, “（各县市区人民政府负责）”
_LEADS = re.compile(r"[（(]\s*([^（）()：:]{2,80}?)\s*(?:牵头|负责)\s*(?:[，,；;、]\s*([^（）()：:]{2,160}?)\s*"
                    r"(?:按职责分工)?(?:配合|参与|协助|协同|按职责分工负责))?\s*[）)]\s*[。；;]?\s*$")


def _labels() -> tuple[str, str]:
    lead = "|".join(map(re.escape, words("inline_units", "lead")))
    cooperating = "|".join(map(re.escape, words("inline_units", "cooperating")))
    return lead, cooperating


def _note_pattern() -> re.Pattern:
    lead, cooperating = _labels()
    return re.compile(rf"[（(]\s*((?:{lead}|{cooperating})\s*[:：][^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]\s*[。；;]?\s*$")


def _line_pattern() -> re.Pattern:
    lead, cooperating = _labels()
    return re.compile(rf"^\s*((?:{lead}|{cooperating})\s*[:：].+)$")


def _parts(note: str) -> dict[str, str]:
    """“牵头单位：A；配合单位：B、C” → {"lead": "A", "cooperating": "B、C"}."""
    lead, cooperating = _labels()
    found: dict[str, str] = {}
    for m in re.finditer(rf"({lead}|{cooperating})\s*[:：]\s*(.*?)(?=[；;。]?\s*(?:{lead}|{cooperating})\s*[:：]|$)", note):
        kind = "lead" if re.fullmatch(lead, m.group(1)) else "cooperating"
        names = m.group(2).strip().rstrip("；;。.，,")
        found[kind] = f"{found[kind]}、{names}" if kind in found else names
    return found


def inline_tasks(document: Document, key_tasks: list[Item], start: int,
                 make_task, make_key_task) -> list[Item]:
    """Tasks found in the prose; ``make_task(cells, key_task_id, index)`` builds each item."""
    note_at_end, note_line = _note_pattern(), _line_pattern()
    paragraphs = [b.text.strip() for b in document.blocks if isinstance(b, Paragraph)]
    tasks: list[Item] = []
    heading: str | None = None
    previous: tuple[str, int] | None = None  # the last paragraph of text, waiting for a note on the next line
    for text in paragraphs:
        if (m := _HEADING.match(text)) and len(text) <= MAX_HEADING:
            heading, previous = m.group(1), None
            continue
        if (line := note_line.match(text)) and previous is not None:
            work, _ = previous
            tasks.append(_task(work, _parts(line.group(1)), heading, key_tasks, start + len(tasks), make_task, make_key_task))
            previous = None
            continue
        if note := note_at_end.search(text):
            tasks.append(_task(text[:note.start()], _parts(note.group(1)), heading, key_tasks,
                               start + len(tasks), make_task, make_key_task))
            previous = None
            continue
        if note := _LEADS.search(text):
            units = {"lead": note.group(1)} | ({"cooperating": note.group(2)} if note.group(2) else {})
            tasks.append(_task(text[:note.start()], units, heading, key_tasks, start + len(tasks), make_task, make_key_task))
            previous = None
            continue
        previous = (text, len(tasks))
    return tasks


def _task(text: str, units: dict[str, str], heading: str | None, key_tasks: list[Item], index: int,
          make_task, make_key_task) -> Item:
    work = text.strip()
    cells: dict = {"work": work, **units}
    if m := _NUMBER.match(work):
        cells["number"] = m.group(1) or m.group(2)
        cells["work"] = work[m.end():]
    return make_task(cells, make_key_task(heading, key_tasks) if heading else None, index)
