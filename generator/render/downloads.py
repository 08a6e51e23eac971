"""Every figure as a download, written from the results frame (render/results_table.py): CSV that opens
in Excel without garbled Chinese (UTF-8 with BOM), and XLSX; one file per plan, one for everything and
one per page with figures. Bytes are reproducible: no timestamps.

Each file is kept in a cache by its rows and rewritten only when they change (a warm build imports
neither pandas nor openpyxl); a workbook takes ~0.2 s per thousand rows, so new ones are written by
a worker process while the build goes on (``workbooks_later``)."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import multiprocessing
import re
import zipfile
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Callable

from generator import timing
from generator.judge.records import JudgedPlan
from generator.model.status import word
from generator.render import links
from generator.render.explain import gap_text, light_measure
from generator.render.wording import NONE, plain
from generator.render.pages.common import Later
from generator.render.results_table import HEADER, csv_bytes, rows_frame, sheet_rows
from generator.writing import write_file
from generator.render.spreadsheet import write_only_row

COLUMNS = HEADER  # the results table's columns (render/results_table.py)
FIXED_TIME = dt.datetime(2000, 1, 1)
FORMAT = 4  # bump when a download is written differently, so cached files are redone


INDICATOR, REGION = COLUMNS.index("指标编号"), COLUMNS.index("地区")


def own_downloads(parts, here: str, name: str, rows: list[list], title: str) -> list[tuple[str, str]]:
    """A page's own figures as CSV and XLSX files (downloads/<name>.csv|.xlsx): (label, link) pairs."""
    if not rows:
        return []
    parts.files[links.download(f"{name}.csv")] = to_csv(rows, parts.cache)
    add_workbook(parts, links.download(f"{name}.xlsx"), rows, title)
    return [(f"{label}（{len(rows)} 行）", links.relative(here, links.download(f"{name}.{ext}")))
            for label, ext in (("本页数据（CSV）", "csv"), ("本页数据（Excel）", "xlsx"))]


@timing.timed(timing.DOWNLOADS)
def figure_rows(results: JudgedPlan, drafts: frozenset[tuple[str, int]] = frozenset()) -> list[list]:
    """Every standing of the plan as a download row: the numbers the pages and bulletins state; a row of
    a draft year (plan id, year in ``drafts``) says 初步数据."""
    plan = results.plan
    rows = []
    for (indicator_id, region), series in sorted(results.series.items(), key=lambda kv: (
            [i.id for i in plan.indicators].index(kv[0][0]), plan.info.regions.index(kv[0][1]) + 1 if kv[0][1] else 0)):
        indicator = plan.indicator(indicator_id)
        notes = {f.year: f for f in series.figures}
        for s in results.series_standings(indicator_id, region):
            f = notes.get(s.year)
            gap = gap_text(s)
            rows.append([plan.id, plan.info.title, indicator.id, s.name, indicator.unit or "",
                         indicator.attribute or "", s.year, region or "全域", s.value.text if s.value else "",
                         s.value.number if s.value else None, s.target.year if s.target else None,
                         s.target.value.text if s.target else "", s.requirement, s.completion,
                         word(s.status), str(s.status), word(s.light) if s.light else "", plain(light_measure(s)),
                         "" if gap == NONE else plain(gap), "是" if s.definition_changed else "",
                         f.note if f else "", f.source if f else "", "是" if f and f.sample else "",
                         "是" if (plan.id, s.year) in drafts else ""])
    return rows


@timing.timed(timing.DOWNLOADS)
def to_csv(rows: list[list], cache: Path | None = None) -> bytes:
    """The CSV download of these rows, written from the results frame; from ``cache`` if it was
    written before from the same rows (then pandas is not even imported)."""
    return _cached(_cache_file(rows, "", cache, "csv") if cache else None, lambda: csv_bytes(rows_frame(rows)))


@timing.timed(timing.DOWNLOADS)
def to_xlsx(rows: list[list], title: str, cache: Path | None = None) -> bytes:
    """The workbook of these rows; from ``cache`` if it was written before from the same rows."""
    return _cached(_cache_file(rows, title, cache) if cache else None, lambda: _workbook(rows, title))


def _cached(file: Path | None, write: Callable[[], bytes]) -> bytes:
    """The bytes in the cache ``file``, or new ones from ``write`` (kept in ``file``, if there is one)."""
    if file and file.is_file():
        return file.read_bytes()
    data = write()
    if file:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_file(file, data, atomic=True)
    return data


def _cache_file(rows: list[list], title: str, cache: Path, kind: str = "xlsx") -> Path:
    key = hashlib.sha256(repr((FORMAT, _writer(kind), title, rows)).encode("utf-8")).hexdigest()
    return cache / f"{key}.{kind}"


@functools.cache
def _writer(kind: str) -> str:
    """The version of the library that writes a kind of file (looked up once: ~2 ms a lookup)."""
    return metadata.version("openpyxl" if kind == "xlsx" else "pandas")


def add_workbook(parts, path: str, rows: list[list], title: str) -> None:
    """The workbook of these rows at docs ``path``: from the cache at once, or, with a cache to keep it
    in, written later by ``workbooks_later`` (all the workbooks of a province take a minute)."""
    if parts.cache is None:
        parts.files[path] = to_xlsx(rows, title)
    elif (cached := _cache_file(rows, title, parts.cache)).is_file():
        parts.files[path] = cached.read_bytes()
    else:
        parts.workbooks[path] = (rows, title)


def workbooks_later(parts) -> Later | None:
    """The workbooks not in the cache, written from now on by a worker process, on the core the build
    leaves idle while it renders pages and waits for MkDocs; collected after the PDFs."""
    if not parts.workbooks:
        return None
    # spawn, as for the charts and PDFs: fork could copy locks held by other threads.
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    futures = {path: pool.submit(to_xlsx, rows, title, parts.cache) for path, (rows, title) in parts.workbooks.items()}

    def collect() -> dict[str, bytes]:
        with timing.phase(timing.DOWNLOADS), pool:
            return {path: future.result() for path, future in futures.items()}

    return Later(list(futures), collect)


def _workbook(rows: list[list], title: str) -> bytes:
    from openpyxl import Workbook  # loaded only where a workbook is written (a worker, on a cache miss)

    book = Workbook(write_only=True)  # streams rows: less than half the time of a full workbook
    sheet = book.create_sheet("指标数据")
    sheet.freeze_panes = "A2"
    sheet.append(COLUMNS)
    for row in sheet_rows(rows_frame(rows)):
        sheet.append(write_only_row(sheet, row))
    book.properties.creator = title
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _without_timestamps(buffer.getvalue())


def _without_timestamps(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry times, so the same figures give the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", content)
            target.writestr(fixed, content)
    return out.getvalue()
