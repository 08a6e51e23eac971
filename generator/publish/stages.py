"""The stages every site shares, for a trial build, the preview and a release: load, check and judge
every plan (``load_and_judge``), then make every page, chart and file (``prepare``). Everything is
read and checked before anything is written, so bad input never reaches the site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator import timing
from generator.model.problems import Problem
from generator.config import SiteConfig, load_site_config
from generator.judge.corrections import ledger_of, merge, new_corrections
from generator.judge.engine import PlanResults, judge_plan
from generator.judge.records import JudgedPlan
from generator.judge.site import judge_site
from generator.judge.worked_examples import judged_cases, judged_goal_cases
from generator.check.completeness import YearCompleteness, plan_completeness
from generator.check.content import checked_content
from generator.load.content import plan_folders
from generator.load.data import load_data
from generator.load.ledger import SITE_COPY, Ledger, ledger_bytes, read_ledger
from generator.load.measures import load_measures
from generator.model.figures import Figure, PlanData
from generator.model.plan import Measure
from generator.model.release import ReleaseRecord, Stamp
from generator.render.bulletin_pdf import bulletin_batch, joined
from generator.render.pages.common import Later, SiteParts
from generator.render.downloads import workbooks_later
from generator.render.evaluation_pdf import evaluation_batch
from generator.render.site import assemble
from generator.render.year_report import year_reports


@dataclass
class Judged:
    results: list[JudgedPlan] = field(default_factory=list)  # every plan, judged once before anything is rendered
    config: SiteConfig | None = None
    figures: list[Figure] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)  # what the last release published
    completeness: list[YearCompleteness] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    cases: tuple = ((), ())  # the methodology page's worked examples, judged (indicator cases, goal cases)
    measures: dict[str, Measure] = field(default_factory=dict)  # content/measures.yaml: what plans report alike

    def latest_year(self) -> int | None:
        years = [y for r in self.results for y in r.years]
        return max(years) if years else None

    def drafts(self) -> frozenset[tuple[str, int]]:
        """(plan id, year) of every draft year (初步数据)."""
        return frozenset((row.plan_id, row.year) for row in self.completeness if row.is_draft)


@timing.timed(timing.LOAD)
def load_and_judge(root: Path) -> Judged:
    """Load plans, site settings and data; judge every plan — indicators, goals, milestones, tasks, each
    year's counts and the evaluations — before anything is rendered. Problems, if any, stop the build."""
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
    judged = Judged(config=config, ledger=ledger, measures=load_measures(root / "content", root)[0].measures)
    results = []
    for plan in plans:
        plan_data = data.get(plan.id) or PlanData()
        results.append(judge_plan(plan, plan_data, settings.judging(plan.info.about_tolerance)))
        judged.figures += plan_data.figures
        judged.completeness += plan_completeness(plan, plan_data, settings.draft_below)
    judged.results, judged.cases = judge_for_site(config, results)
    return judged


def judge_for_site(config: SiteConfig, results: list[PlanResults]) -> tuple[list[JudgedPlan], tuple]:
    """Everything render will state about ``results`` — standings, year counts, evaluations — and the
    methodology page's worked examples, judged with the site's settings."""
    settings = config.settings
    site = judge_site(results, lambda plan: settings.judging(plan.info.about_tolerance), settings.evaluating())
    return site.plans, (judged_cases(settings.judging()), judged_goal_cases())


def build_date(results: list[JudgedPlan]) -> int:
    """A fixed 'build date' for MkDocs (sitemap, archives): the end of the latest year with data,
    so that the same inputs always give the same bytes."""
    years = [y for r in results for y in r.years] or [1999]
    return int(dt.datetime(max(years), 12, 31, tzinfo=dt.timezone.utc).timestamp())


PENDING = "待发布"  # a trial build's corrections: dated by the release that will publish them


def published_ledger(judged: Judged, release: ReleaseRecord | None) -> Ledger:
    """The ledger after this release: the figures it publishes, every correction so far and this
    release. A correction is a difference from the last release, dated by the release that publishes
    it; a trial build (``release`` None) lists the pending ones as 待发布 and writes nothing."""
    date = release.date.isoformat() if release else PENDING
    new = new_corrections(judged.ledger.figures, judged.figures, date)
    releases = [*judged.ledger.releases, release] if release else judged.ledger.releases
    return Ledger(ledger_of(judged.figures), merge(judged.ledger.corrections, new), releases)


def prepare(root: Path, judged: Judged, release: ReleaseRecord | None = None) -> tuple[SiteParts, Ledger]:
    """Every page, chart and file of the site, with the corrections since the last release; and the
    ledger as it stands once this release (None: a trial build) is out."""
    ledger = published_ledger(judged, release)
    corrections = ledger.corrections
    stamp = Stamp(judged.latest_year(), release)
    reports = year_reports(judged.results)  # one report per plan and year, for the web and the PDF bulletins
    with timing.phase(timing.PAGES):
        parts = assemble(judged.config, judged.results, root / "templates", corrections, reports,
                         cache=root / "build" / "download-cache", stamp=stamp, drafts=judged.drafts(),
                         cases=judged.cases, measures=judged.measures)
    workbooks = workbooks_later(parts)  # new workbooks are written from now on, by a worker
    # The printable bulletins (downloads/bulletins/*.pdf), published with the site's other files; those
    # whose content changed are rendered while MkDocs builds the pages.
    with timing.phase(timing.PDF):
        pdfs = bulletin_batch(judged.results, judged.config, root / "templates", chart_specs=parts.charts,
                              cache_dir=root / "build" / "chart-cache", pdf_cache=root / "build" / "pdf-cache",
                              reports=reports, stamp=stamp, drafts=judged.drafts(), cases=judged.cases)
        evaluation_pdfs = evaluation_batch(judged.results, judged.config, root / "templates",
                                           pdf_cache=root / "build" / "pdf-cache", stamp=stamp, drafts=judged.drafts(),
                                           cache_dir=root / "build" / "chart-cache", chart_specs=parts.charts)
    batch = joined(pdfs, evaluation_pdfs)
    parts.files.update(batch.ready)
    if batch.todo:
        parts.later.append(Later(list(batch.todo), batch.render))
    if workbooks:
        parts.later.append(workbooks)
    # The published copy, a way to recover data/published.json: a trial build shows the last release's.
    parts.files[SITE_COPY] = ledger_bytes(ledger if release else judged.ledger)
    return parts, ledger
