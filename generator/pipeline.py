"""The whole build as one readable pipeline: load → check → judge → render → publish.

Everything is read and checked before anything is written, so bad input never reaches the site.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from generator import timing
from generator.model.problems import Problem, Report
from generator.config import SiteConfig, load_site_config
from generator.judge.corrections import ledger_of, merge, new_corrections
from generator.judge.engine import PlanResults, judge_plan
from generator.check.content import checked_content
from generator.load.content import plan_folders
from generator.load.data import load_data
from generator.load.ledger import SITE_COPY, Ledger, ledger_bytes, read_ledger, write_ledger
from generator.model.figures import Figure, PlanData
from generator.publish.build import BuildError, build_lock, build_site, recover, render_later, write_config, write_sources
from generator.render.bulletin_pdf import bulletin_batch, joined
from generator.render.pages.common import Later, SiteParts
from generator.render.downloads import workbooks_later
from generator.render.evaluation_pdf import evaluation_batch
from generator.render.site import assemble
from generator.render.year_report import year_reports
from generator.writing import write_file


@dataclass
class Judged:
    results: list[PlanResults] = field(default_factory=list)
    config: SiteConfig | None = None
    figures: list[Figure] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)  # what the site published so far
    problems: list[Problem] = field(default_factory=list)


@timing.timed(timing.LOAD)
def load_and_judge(root: Path) -> Judged:
    """Load plans, site settings and data; judge every plan. Problems, if any, stop the build."""
    loaded, problems = checked_content(root / "content", root=root)
    config, config_problems = load_site_config(root / "site_config", root)
    problems += config_problems
    plans = [item.plan for item in loaded]
    failed = {f.name for f in plan_folders(root / "content")} - {p.id for p in plans} if (root / "content").is_dir() else set()
    data, data_problems = load_data(root / "data", plans, root, ignore=failed)  # a plan with problems: its data waits
    problems += data_problems
    ledger, ledger_problems = read_ledger(root)
    problems += ledger_problems
    if problems:
        return Judged(problems=problems)
    settings = config.settings
    judged = Judged(config=config, ledger=ledger)
    for plan in plans:
        plan_data = data.get(plan.id) or PlanData()
        judged.results.append(judge_plan(plan, plan_data, settings.judging(plan.info.about_tolerance)))
        judged.figures += plan_data.figures
    return judged


def build_date(results: list[PlanResults]) -> int:
    """A fixed 'build date' for MkDocs (sitemap, archives): the end of the latest year with data,
    so that the same inputs always give the same bytes."""
    years = [y for r in results for y in r.years] or [1999]
    return int(dt.datetime(max(years), 12, 31, tzinfo=dt.timezone.utc).timestamp())


def published_ledger(judged: Judged) -> Ledger:
    """The ledger after this build: the figures it publishes, and every correction so far. A new one
    is dated by the release that publishes it (site.yaml's release_date, which staff set before
    publishing); without one, by the build's fixed date — never by a clock or a file's time, so that
    the same inputs give the same site."""
    released = judged.config.settings.release_date
    date = (released or dt.datetime.fromtimestamp(build_date(judged.results), dt.timezone.utc).date()).isoformat()
    new = new_corrections(judged.ledger.figures, judged.figures, date)
    return Ledger(ledger_of(judged.figures), merge(judged.ledger.corrections, new))


def prepare(root: Path, judged: Judged) -> SiteParts:
    """Every page, chart and file of the site, with the corrections since the last publish."""
    ledger = published_ledger(judged)
    corrections = ledger.corrections
    reports = year_reports(judged.results)  # one report per plan and year, for the web and the PDF bulletins
    with timing.phase(timing.PAGES):
        parts = assemble(judged.config, judged.results, root / "templates", corrections, reports,
                         cache=root / "build" / "download-cache")
    workbooks = workbooks_later(parts)  # new workbooks are written from now on, by a worker
    # The printable bulletins (downloads/bulletins/*.pdf), published with the site's other files; those
    # whose content changed are rendered while MkDocs builds the pages.
    with timing.phase(timing.PDF):
        pdfs = bulletin_batch(judged.results, judged.config, root / "templates", chart_specs=parts.charts,
                              cache_dir=root / "build" / "chart-cache", pdf_cache=root / "build" / "pdf-cache",
                              reports=reports)
        evaluation_pdfs = evaluation_batch(judged.results, judged.config, root / "templates",
                                           pdf_cache=root / "build" / "pdf-cache")
    batch = joined(pdfs, evaluation_pdfs)
    parts.files.update(batch.ready)
    if batch.todo:
        parts.later.append(Later(list(batch.todo), batch.render))
    if workbooks:
        parts.later.append(workbooks)
    parts.files[SITE_COPY] = ledger_bytes(ledger)  # the published copy: a way to recover data/published.json
    return parts


def preview(root: Path) -> bool:
    """Regenerate the preview's pages (build/docs) for ``serve``; problems are printed, the last good pages stay.
    A build running meanwhile writes the same folder: the preview waits for the next change instead."""
    try:
        with build_lock(root):
            return _regenerate_preview(root)
    except BuildError:
        print("另一个生成过程（build）正在这个项目中运行，预览这次没有更新；它结束后，再保存一次文件即可更新预览。",
              file=sys.stderr)
        return False


def _regenerate_preview(root: Path) -> bool:
    judged = load_and_judge(root)
    if judged.problems:
        print(Report(judged.problems).render(), file=sys.stderr)
        print("预览没有更新：请修改上面的问题。", file=sys.stderr)
        return False
    parts = prepare(root, judged)
    build_dir = root / "build"
    changed = write_sources(parts, root / "templates", build_dir / "docs", build_dir / "chart-cache")
    for path, data in render_later(parts).items():  # the PDFs whose content changed
        write_file(build_dir / "docs" / path, data)
    write_config(root, build_dir, parts, build_dir / "preview-site")
    print(f"已更新 {len(changed)} 个文件。", flush=True)
    return True


def build(root: Path) -> tuple[Path | None, list[PlanResults], list[Problem]]:
    with build_lock(root):
        recover(root)
        judged = load_and_judge(root)
        if judged.problems:
            return None, [], judged.problems
        parts = prepare(root, judged)
        site = build_site(root, parts, build_date(judged.results))
        write_ledger(root, parts.files[SITE_COPY])  # once the site is out: the ledger records what it shows
        return site, judged.results, []
