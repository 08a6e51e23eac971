"""What every page builder shares: the page record, the set of pages being built, breadcrumbs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from markupsafe import Markup

from generator.config import SiteConfig
from generator.model.corrections import Correction
from generator.model.plan import Plan
from generator.model.release import DRAFT, Stamp
from generator.render import links
from generator.render.chart_inputs import Chart


@dataclass(frozen=True)
class Page:
    path: str  # relative to docs/, e.g. "plans/nantong-2021-2025/index.md"
    template: str
    title: str | None  # the document's title (<title>, search results); None: the site's name
    context: dict = field(default_factory=dict)
    indexed: bool = True  # False: kept out of the search index (the search page itself)
    draft: str = ""  # the 初步数据 notice of a page showing a draft year's figures, shown above its article


@dataclass(frozen=True)
class Later:
    """Files rendered while MkDocs builds the pages (the bulletin PDFs): their docs paths, and how."""

    paths: list[str]
    render: Callable[[], dict[str, bytes]]  # → docs path → bytes


@dataclass
class SiteParts:
    """Everything one build writes into docs/: pages, chart specs, download files."""

    config: SiteConfig
    pages: list[Page] = field(default_factory=list)
    charts: dict[str, Chart] = field(default_factory=dict)  # docs path of the .svg → the chart drawn there
    files: dict[str, bytes] = field(default_factory=dict)  # docs path → bytes (CSV, XLSX, CSS, JS)
    later: list[Later] = field(default_factory=list)  # files not rendered yet
    workbooks: dict = field(default_factory=dict)  # docs path → (rows, title) of a workbook to write later
    nav: list = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)  # 数据更正, oldest first
    views: dict = field(default_factory=dict)  # chart path → ChartView, so a chart shown twice is built once
    cache: Path | None = None  # where downloads made before are kept by their content (build/download-cache)
    reports: dict = field(default_factory=dict)  # (plan id, year) → YearReport, built once for web and PDF
    search: dict = field(default_factory=dict)  # docs path → SearchFacts (render/search_facts.py)
    footer: str = ""  # publisher, 数据截至, 发布日期, contact: escaped HTML for every page's footer
    cases: tuple = ((), ())  # the methodology page's worked examples, judged before rendering (indicator, goal)
    stamp: Stamp = Stamp(None, None)  # the data cut-off and the release (None: a trial build)
    drafts: frozenset[tuple[str, int]] = frozenset()  # (plan id, year) published as 初步数据

    def view(self, chart_path: str, make):
        if chart_path not in self.views:
            self.views[chart_path] = make()
        return self.views[chart_path]

    def draft_note(self, plan_id: str, years) -> str:
        """The 初步数据 notice for a page of ``plan_id`` showing ``years``; "" when none of them is a draft."""
        drafted = sorted(y for y in set(years) if (plan_id, y) in self.drafts)
        if not drafted:
            return ""
        return (f"{'、'.join(map(str, drafted))} 年的数据尚不完整，为{DRAFT}：已填报的指标不足规划指标的规定比例，"
                "以后补充和更正的数值将在“数据更正说明”中列出。")

    def add(self, page: Page) -> Page:
        self.pages.append(page)
        return page


def page_title(name: str, plan: Plan) -> str:
    """学前教育毛入园率｜南通“十四五”教育规划: the same name in two plans gives two titles."""
    return f"{name}｜{plan.info.short_title}"


def crumbs(here: str, trail: list[tuple[str, str]]) -> list[tuple[str, Markup]]:
    """Breadcrumbs from the home page down to the page before ``here``: (label, relative link)."""
    return [(label, links.relative(here, target)) for label, target in [("首页", links.home()), *trail]]
