"""What every view of a built site states about each indicator and year, read back from the files a
reader gets — the indicator page, the bulletin (web and PDF), the evaluation report (web and PDF),
the CSV and the indicator JSON — and the differences between them (#25: one truth, many views)."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from generator.model.status import LIGHT_WORDS, STATUS_WORDS, Status
from generator.render import links

NONE = "—"
LIGHTS = "|".join(LIGHT_WORDS.values())
STATUS = sorted(STATUS_WORDS.values(), key=len, reverse=True)  # 未达到序时进度 holds 达到序时进度


class Tables(HTMLParser):
    """Every table of a page: rows of cells, each cell's text with <br> as a line break."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(page: Path) -> list[list[dict[str, str]]]:
    """Each table as rows keyed by its header cells."""
    parser = Tables()
    parser.feed(page.read_text(encoding="utf-8"))
    return [[dict(zip(rows[0], row)) for row in rows[1:]] for rows in parser.tables if rows]


@dataclass(frozen=True)
class Stated:
    """What one view states about an indicator in a year (None: the view does not state it)."""

    status: str | None = None
    light: str | None = None  # 红灯 …, "" for none
    measure: str | None = None  # what set the light
    value: str | None = None
    requirement: str | None = None
    gap: str | None = None
    completion: str | None = None
    target: str | None = None

    def differences(self, other: Stated) -> list[str]:
        return [f"{field}: {getattr(self, field)!r} ≠ {getattr(other, field)!r}"
                for field in self.__dataclass_fields__
                if getattr(self, field) is not None and getattr(other, field) is not None
                and spaced(getattr(self, field)) != spaced(getattr(other, field))]


def spaced(text: str) -> str:
    """Pages join a number and its unit with a no-break space, downloads with a plain one: the same words."""
    return text.replace("\u00a0", " ")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def status_cell(text: str) -> dict:
    """A status cell (web): the status badge, then the gap, then the light with its measure."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    found = {"status": next((w for w in STATUS if w in lines[0]), None) if lines else None, "gap": NONE,
             "light": "", "measure": ""}
    for line in lines[1:]:
        if light := re.search(rf"({LIGHTS})(?:（(.*)）)?$", line):
            found.update(light=light.group(1), measure=light.group(2) or "")
        else:
            found["gap"] = line
    return found


def on_indicator_page(site: Path, plan_id: str, indicator_id: str) -> dict[int, Stated]:
    stated = {}
    for table in tables(page_file(site, links.indicator(plan_id, indicator_id))):
        for row in table:
            if "年份" in row and "状态" in row and "序时进度要求" in row and row["年份"].isdigit():
                cell = status_cell(row["状态"])
                stated[int(row["年份"])] = Stated(cell["status"], cell["light"], cell["measure"], row["数值"],
                                                  row["序时进度要求"], cell["gap"], row["完成度"], row["对照目标"])
    return stated


def page_file(site: Path, docs_path: str) -> Path:
    """The built HTML of a page given by its docs path (plans/x/2023.md or …/index.md)."""
    path = Path(docs_path)
    if path.name == "index.md":
        return site / path.parent / "index.html"
    return site / path.with_suffix("") / "index.html"


def in_web_tables(page: Path, names: set[str], value_column: str, target_column: str, status_column: str) -> dict[str, list[Stated]]:
    """Every row naming one of ``names``: what it states (a name may be listed in several tables)."""
    stated: dict[str, list[Stated]] = {}
    for table in tables(page):
        for row in table:
            name = row.get("指标", "")
            if name in names and value_column in row and status_column in row:
                cell = status_cell(row[status_column])
                completion = row.get("完成度 / 序时进度", "").split(" / ")[0] or None
                stated.setdefault(name, []).append(Stated(
                    cell["status"], cell["light"], cell["measure"], row[value_column], row.get("序时进度要求"),
                    cell["gap"], completion, row.get(target_column)))
    return stated


def pdf_text(pdf: Path) -> str:
    """The PDF's text as pypdf extracts it (a table's row in reading order), whitespace removed."""
    from pypdf import PdfReader  # here: only the slow tier reads PDFs, every run collects this module

    return squeezed("".join(page.extract_text() for page in PdfReader(pdf).pages))


def pdf_texts(pdfs: dict) -> dict:
    """Several PDFs' texts at once (each extraction takes seconds of pure Python: two processes)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(zip(pdfs, pool.map(pdf_text, pdfs.values())))


def pdf_states(text: str, name: str, expected: Stated) -> bool:
    """Does the PDF's text have a row for ``name`` stating ``expected``'s fields, in the table's order?"""
    fields = [expected.value, expected.target, expected.requirement, expected.status,
              expected.gap if expected.gap != NONE else None, expected.light or None, expected.measure or None]
    wanted = [squeezed(f) for f in fields if f]
    start = 0
    key = squeezed(name)
    while (at := text.find(key, start)) >= 0:
        window, position = text[at + len(key): at + len(key) + 160 + sum(map(len, wanted))], 0
        for part in wanted:
            position = window.find(part, position)
            if position < 0:
                break
            position += len(part)
        else:
            return True
        start = at + 1
    return False


def csv_rows(site: Path, plan_id: str) -> dict[tuple[str, int], dict[str, str]]:
    text = (site / links.download(f"{plan_id}.csv")).read_text(encoding="utf-8-sig")
    return {(row["指标编号"], int(row["年份"])): row for row in csv.DictReader(io.StringIO(text)) if row["地区"] == "全域"}


def from_download(status: str, light: str, measure: str, raw: str, requirement: str, gap: str, completion: str,
                  shown: Stated) -> Stated:
    """A CSV or JSON row as the page would state it: checked field by field against the page's text."""
    value = shown.value if (raw and shown.value and raw.rstrip("%") in shown.value) \
        or (not raw and shown.value == STATUS_WORDS[Status.MISSING]) else f"<{raw}>"
    req = shown.requirement if (requirement and shown.requirement and shown.requirement.startswith(requirement)) \
        or (not requirement and shown.requirement == NONE) else f"<{requirement}>"
    done = f"{completion}%" if completion else NONE
    return Stated(status, light, measure, value, req, gap or NONE, done, None)


def json_years(site: Path, plan_id: str, indicator_id: str) -> dict[int, dict]:
    data = json.loads((site / links.download(f"indicators/{plan_id}/{indicator_id}.json")).read_text(encoding="utf-8"))
    whole = next(s for s in data["series"] if s["region"] == "全域")
    return {y["year"]: y for y in whole["years"]}


def number_text(x) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x) == int(x) else f"{x:.6f}".rstrip("0").rstrip(".")


def inconsistencies(site: Path, judged_plans) -> list[str]:
    """Every place where a view of the built site states something else than the indicator's page."""
    found = []
    for plan in judged_plans:
        plan_id = plan.plan.id
        if not plan.years:  # no data yet: no bulletin, no download
            continue
        rows = csv_rows(site, plan_id)
        bulletins = {y: page_file(site, links.bulletin(plan_id, y)) for y in plan.years}
        bulletin_pdfs = pdf_texts({y: site / links.bulletin_pdf(plan_id, y) for y in plan.years})
        evaluations = {e.evaluation.year: e for e in plan.evaluations}
        names = {i.id: plan.plan.full_name(i) for i in plan.judged}
        by_year_web = {y: in_web_tables(bulletins[y], set(names.values()), "数值", "目标", "状态") for y in plan.years}
        eval_web = {y: in_web_tables(page_file(site, links.evaluation(plan_id, e.evaluation.kind, y)), set(names.values()),
                                     f"{y} 年数值", f"{y} 年对照目标", f"{y} 年监测状态") for y, e in evaluations.items()}
        eval_pdf = pdf_texts({y: site / links.evaluation_pdf(plan_id, y, e.evaluation.kind) for y, e in evaluations.items()})
        for indicator in plan.judged:
            name = names[indicator.id]
            page = on_indicator_page(site, plan_id, indicator.id)
            data = json_years(site, plan_id, indicator.id)
            for year in plan.years:
                where = f"{plan_id} {name} {year} 年"
                shown = page.get(year)
                if shown is None:
                    found.append(f"{where}：指标页没有这一年")
                    continue
                views = {f"公报网页 {i + 1}": s for i, s in enumerate(by_year_web[year].get(name, []))}
                if not views:
                    found.append(f"{where}：公报网页没有列出")
                # An evaluation states the latest figure up to its year, named with its year when earlier:
                # it must agree with the indicator page's row of that year.
                measured = evaluations[year].measured.get(indicator.id) if year in evaluations else None
                figure_year = measured.year if measured and measured.value else year
                evaluated = page.get(figure_year)
                if year in eval_web and figure_year != year:
                    for stated in eval_web[year].get(name, []):
                        suffix = f"（{figure_year} 年）"
                        if not (stated.value or "").endswith(suffix):
                            found.append(f"{where}：评估报告网页的数值没有写明是 {figure_year} 年的：{stated.value!r}")
                        found += [f"{where}：评估报告网页 {d}" for d in
                                  replace(stated, value=(stated.value or "").removesuffix(suffix)).differences(evaluated)]
                elif year in eval_web:
                    views |= {"评估报告网页": s for s in eval_web[year].get(name, [])}
                row = rows.get((indicator.id, year))
                if row is None:
                    found.append(f"{where}：CSV 没有这一行")
                else:
                    views["CSV"] = from_download(row["状态"], row["红黄绿灯"], row["亮灯依据"], row["数值（原文写法）"],
                                                 row["序时进度要求"], row["差距"], row["完成度（%）"], shown)
                item = data.get(year)
                if item is None:
                    found.append(f"{where}：JSON 没有这一年")
                else:
                    views["JSON"] = from_download(item["status_word"], item["light_word"] or "", item["light_measure"],
                                                  item["value"]["text"] if item["value"] else "",
                                                  number_text(item["requirement"]), item["gap_text"],
                                                  number_text(item["completion_percent"]), shown)
                for view, stated in views.items():
                    found += [f"{where}：{view} {d}" for d in stated.differences(shown)]
                if not pdf_states(bulletin_pdfs[year], name, shown):
                    found.append(f"{where}：公报 PDF 的行与指标页不同：{shown}")
                if year in eval_pdf and not pdf_states(eval_pdf[year], name, evaluated):
                    found.append(f"{where}：评估报告 PDF 的行与指标页 {figure_year} 年不同：{evaluated}")
    return found
