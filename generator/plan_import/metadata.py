"""The plan's own data: title, issuer, document number, date, period, base year, regions.

Where the document does not say (a short title, a period read off target years), the value
is a guess and is returned with the reason, to be marked 待核对.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.plan_import.document import Document, Paragraph

_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,8}〔\s*\d{4}\s*〕\s*\d{1,4}\s*号")
_NOTICE_TITLE = re.compile(r"《([^《》]{4,80})》[^。]{0,20}(?:印发|已经)")
_TITLE_WORDS = re.compile(r"(规划|方案|计划|意见|分解表|纲要)$")
_ISSUER = re.compile(r"^[\u4e00-\u9fff]{2,20}(人民政府办公室|人民政府|办公室|教育局|委员会|教育厅)$")
_DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}
_BY_YEAR = re.compile(r"(?:到|至)\s*(\d{4})\s*年|(\d{4})\s*年底?(?:前|以前|之前)")
_ANY_YEAR = re.compile(r"(\d{4})\s*年")
_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,4}?[市县区])(?=“|关于|创建|教育|深化|\d)")
_REGION_LIST = re.compile(r"((?:[\u4e00-\u9fff]{1,5}[区县市]、){2,}[\u4e00-\u9fff]{1,5}[区县市])")
FALLBACK_YEAR = 2025  # a plan that names no year at all still gets a valid, flagged period
HEAD = 60  # paragraphs at the top of a document where the title, issuer and date are written
MAX_GUESSED_TITLE = 40  # as long as a short title may be: the short title is made from it
MIN_PROSE = 40  # shorter paragraphs may be table cells naming a few units, not a list of regions


def read_metadata(document: Document, plan_id: str, base_year_from_table: int | None) -> tuple[dict, dict[str, str]]:
    paragraphs = [b.text.strip() for b in document.blocks if isinstance(b, Paragraph)]
    head = paragraphs[:HEAD]
    text = "\n".join(paragraphs)
    review: dict[str, str] = {}

    title = _title(head)
    if title is None:
        # A sentence cannot stand in for a title (it would be refused as too long a name); a short line without commas can.
        title = next((p for p in head if len(p) <= MAX_GUESSED_TITLE and not re.search(r"[。，,；;]", p)), plan_id)
        review["title"] = "没有找到规划标题，暂用文件开头的一个短段落"
    short_title = re.sub(r"^(关于印发)|（[^（）]*稿）$", "", title)
    review["short_title"] = "导航中用的短名，请改短（原文没有）"

    issuer = next((p for p in head if _ISSUER.match(re.sub(r"\s+", "", p))), None)
    if issuer is None:
        place = _PLACE.match(title)
        issuer = f"{place.group(1)}人民政府" if place else "（未署印发机关）"
        review["issuer"] = "原文没有写印发机关，这是推测"
    issuer = re.sub(r"\s+", "", issuer)

    info: dict = {"id": plan_id, "title": title, "short_title": short_title, "issuer": issuer}
    if number := _document_number(head):
        info["document_number"] = number
    issue_date = _issue_date(head)
    if issue_date:
        info["issue_date"] = issue_date

    period, why = _period(title, text, issue_date)
    if why:
        review["period"] = why
    info["period"] = {"start": period[0], "end": period[1]}
    base_year = base_year_from_table
    if base_year is None or base_year > period[0]:
        base_year = period[0] - 1
        review["base_year"] = "原文没有写基期年，暂按规划期开始的前一年填写"
    info["base_year"] = base_year

    regions = _regions(paragraphs)
    if regions:
        info["regions"] = regions
        review["regions"] = "从原文中列举的地名读出，请核对是否就是实施的县（市、区）"
    return info, review


def _title(head: list[str]) -> str | None:
    for paragraph in head:
        if m := _NOTICE_TITLE.search(paragraph):
            return re.sub(r"\s+", "", m.group(1))
    for k, paragraph in enumerate(head):
        flat = re.sub(r"\s+", "", paragraph)
        if _TITLE_WORDS.search(flat) and len(flat) <= 60 and "关于" not in flat:
            following = re.sub(r"\s+", "", head[k + 1]) if k + 1 < len(head) else ""
            return flat + following if re.fullmatch(r"（[^（）]*稿）", following) else flat
    return None


def _document_number(head: list[str]) -> str | None:
    """The plan's own number stands on a line of its own; numbers inside sentences are citations."""
    for paragraph in head:
        flat = re.sub(r"\s+", "", paragraph)
        if (m := _DOC_NUMBER.search(flat)) and len(flat) - len(m.group()) <= 12 and "（" + m.group() not in flat:
            return m.group()
    return None


def _issue_date(head: list[str]) -> dt.date | None:
    for paragraph in head:
        if m := _DATE.match(paragraph.strip()):
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _period(title: str, text: str, issue_date: dt.date | None) -> tuple[tuple[int, int], str | None]:
    for words, years in _FIVE_YEAR.items():
        if words in title:
            return years, None
    if m := re.search(r"(\d{4})\s*年", title):
        year = int(m.group(1))
        return (year, year), None
    start = issue_date.year if issue_date else None
    targets = [int(a or b) for a, b in _BY_YEAR.findall(text)]
    horizon = [y for y in targets if start is None or start <= y <= start + 15]
    end = max(horizon) if horizon else None
    if start is None and end is not None:
        mentioned = [int(y) for y in _ANY_YEAR.findall(text) if end - 6 <= int(y) <= end]
        start = min(mentioned) if mentioned else end
    if start is None:
        years = [int(y) for y in _ANY_YEAR.findall(text)] or [FALLBACK_YEAR]
        return (max(years), max(years)), "原文没有写规划期，请填写"
    return (start, max(end or start, start)), "原文没有直接写规划期：开始年按印发年份或文中最早的年份，结束年按文中最晚的目标年份推测"


def _regions(paragraphs: list[str]) -> list[str]:
    prose = "\n".join(p for p in paragraphs if len(p) >= MIN_PROSE)
    for m in _REGION_LIST.finditer(prose):
        names = m.group(1).split("、")
        if len(names) >= 3 and len(set(names)) == len(names):
            return names
    return []
