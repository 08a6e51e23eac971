"""The whole build as one readable pipeline: load → check → judge → render → publish.

Everything is read and checked before anything is written, so bad input never reaches the site.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.problems import Problem
from generator.config import SiteConfig, load_site_config
from generator.judge.corrections import Correction, ledger_of, merge, new_corrections
from generator.judge.engine import PlanResults, judge_plan
from generator.load.content import load_content, plan_folders
from generator.load.data import load_data
from generator.load.ledger import LEDGER, ledger_bytes, read_ledger
from generator.model.figures import Figure, PlanData
from generator.publish.build import build_site
from generator.render.bulletin_pdf import bulletin_pdfs
from generator.render.evaluation_pdf import evaluation_pdfs
from generator.render.pages.common import SiteParts
from generator.render.site import assemble


@dataclass
class Judged:
    results: list[PlanResults] = field(default_factory=list)
    config: SiteConfig | None = None
    figures: list[Figure] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_and_judge(root: Path) -> Judged:
    """Load plans, site settings and data; judge every plan. Problems, if any, stop the build."""
    loaded, problems = load_content(root / "content", root=root)
    config, config_problems = load_site_config(root / "site_config", root)
    problems += config_problems
    plans = [item.plan for item in loaded]
    failed = {f.name for f in plan_folders(root / "content")} - {p.id for p in plans} if (root / "content").is_dir() else set()
    data, data_problems = load_data(root / "data", plans, root, ignore=failed)  # a plan with problems: its data waits
    problems += data_problems
    if problems:
        return Judged(problems=problems)
    settings = config.settings
    judged = Judged(config=config)
    for plan in plans:
        plan_data = data.get(plan.id) or PlanData()
        judged.results.append(judge_plan(plan, plan_data, settings.judging(plan.info.about_tolerance)))
        judged.figures += plan_data.figures
    return judged


def data_file_date(root: Path):
    """The day a figure's data file was last changed: the date of a correction."""
    def changed_on(figure: Figure) -> str:
        stamp = (root / figure.where.file).stat().st_mtime if figure.where else 0
        return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date().isoformat()
    return changed_on


def corrections_since_last_publish(root: Path, figures: list[Figure]) -> list[Correction]:
    published, earlier = read_ledger(root / "site")
    return merge(earlier, new_corrections(published, figures, data_file_date(root)))


def build_date(results: list[PlanResults]) -> int:
    """A fixed 'build date' for MkDocs (sitemap, archives): the end of the latest year with data,
    so that the same inputs always give the same bytes."""
    years = [y for r in results for y in r.years] or [1999]
    return int(dt.datetime(max(years), 12, 31, tzinfo=dt.timezone.utc).timestamp())


def prepare(root: Path, judged: Judged) -> SiteParts:
    """Every page, chart and file of the site, with the corrections since the last publish."""
    corrections = corrections_since_last_publish(root, judged.figures)
    parts = assemble(judged.config, judged.results, root / "templates", corrections)
    # The printable bulletins (downloads/bulletins/*.pdf), published with the site's other files.
    parts.files.update(bulletin_pdfs(judged.results, judged.config, root / "templates", chart_specs=parts.charts,
                                     cache_dir=root / "build" / "chart-cache", pdf_cache=root / "build" / "pdf-cache"))
    parts.files.update(evaluation_pdfs(judged.results, judged.config, root / "templates",
                                       pdf_cache=root / "build" / "pdf-cache"))
    parts.files[LEDGER] = ledger_bytes(ledger_of(judged.figures), corrections)
    return parts


def build(root: Path) -> tuple[Path | None, list[PlanResults], list[Problem]]:
    judged = load_and_judge(root)
    if judged.problems:
        return None, [], judged.problems
    return build_site(root, prepare(root, judged), build_date(judged.results)), judged.results, []
