"""Generated hostile text, through every sink: none of it comes out live, none of it is lost, none crashes.

Two levels. The rule for the page body (:func:`generator.render.escape.literal`) is checked on many
generated strings with the Markdown the site uses, in each place a template puts a value (line start,
list item, table cell, heading). Then a few real builds carry generated strings in every text field of
a plan and its data at once, and every output is inspected: HTML pages (no tag, no event handler, no
Markdown construct: each string is shown exactly as written), the search index, the SVG charts, the
CSV and XLSX downloads.
"""

from __future__ import annotations

import csv
import gzip
import html
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import markdown
import pytest
from mkdocs.utils.meta import get_data
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.model.names import name_key
from generator.render.escape import literal, page_title
from plan_fixture import COLUMNS, INDICATORS, PLAN, SOURCE, TASKS, write_plan

ROOT = Path(__file__).resolve().parents[1]
FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<a href=javascript:alert(1)>点</a>", "<b>粗</b>",
    "[链接](javascript:alert(1))", "![图](x.png)", "<http://evil.example>", "{{ 7*7 }}", "{% if 1 %}", "{#",
    "---", "***", "___", "===", "- ", "+ ", "* ", "1. ", "2) ", "# ", "## ", "> ", "| ", "|", "`", "```", "~~~",
    "    ", "\t", "&lt;", "&#60;", "&amp;", "\\", "??? ", "???+ note", "!!! warning", "{: .c}", "{ #id }", "<!--",
    "-->", "]]>", '"', "'", "*斜*", "_下_", "~~删~~", "^上^", "$x$", ": ", "=HYPERLINK(\"http://e\")", "@SUM(1)",
    "+1", "-1", "😀", "𠀀", "甲", "县", "教育", " ", "\n",
]
SAFE = st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs"))
hostile = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(SAFE, min_size=1, max_size=3)), min_size=1, max_size=6) \
    .map("".join).filter(lambda s: s.strip() and len(s) < 120)
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "pymdownx.details", "toc"]
PLACES = {  # where templates print a value → the tags that place itself makes
    "{}\n": {"p"},
    "- {}\n": {"ul", "li"},
    "| a |\n|---|\n| {} |\n": {"table", "thead", "tbody", "tr", "th", "td"},
    "# {}\n": {"h1"},
    "说明：{}\n": {"p"},
}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


class Page(HTMLParser):
    """The tags of a page, and its text as a reader sees it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text.append(data)


def parsed(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


@given(value=hostile)
def test_a_value_in_any_place_of_a_page_is_shown_as_written(value):
    for place, allowed in PLACES.items():
        page = parsed(markdown.markdown(place.format(literal(value)), extensions=EXTENSIONS))
        assert {tag for tag, _ in page.tags} <= allowed, (place, value)
        assert squeeze(value) in squeeze("".join(page.text)), (place, value)


@given(value=hostile)
def test_a_value_as_a_page_title_is_front_matter_mkdocs_reads(value):
    """MkDocs reads the front matter, or else shows it as a rule and a heading: it must always read it."""
    content, meta = get_data(f"---\ntitle: {page_title(value)}\n---\n# 标题\n")
    assert content.strip() == "# 标题"
    assert html.unescape(meta["title"]) == re.sub(r"\s+", " ", value).strip()
    assert "<" not in meta["title"]


# Real builds -----------------------------------------------------------------------------------

FIELDS = 14


def hostile_project(root: Path, texts: list[str]) -> dict[str, str]:
    """The canonical plan and data with a generated text in every text field; returns field → text shown."""
    names = iter(texts)
    plan = yaml.safe_load(PLAN)
    regions = []
    for _ in range(2):
        region = next(names).strip()
        if name_key(region) and name_key(region) not in map(name_key, regions):
            regions.append(region)
    plan.update(title=next(names), issuer=next(names), summary=next(names), regions=regions, regions_note=next(names))
    indicators = yaml.safe_load(INDICATORS)
    indicators["indicators"][1]["name"] = next(names)
    indicators["indicators"][1]["note"] = next(names)
    columns = yaml.safe_load(COLUMNS)
    columns["columns"][0].update(title=next(names), goals=next(names))
    columns["columns"][0]["milestones"][0]["text"] = next(names)
    tasks = yaml.safe_load(TASKS)
    tasks["tasks"][0].update(work=next(names), lead_units=[next(names)])
    shown = {"title": plan["title"], "issuer": plan["issuer"], "summary": plan["summary"],
             "indicator": indicators["indicators"][1]["name"], "note": indicators["indicators"][1]["note"],
             "column": columns["columns"][0]["title"], "goals": columns["columns"][0]["goals"],
             "milestone": columns["columns"][0]["milestones"][0]["text"], "work": tasks["tasks"][0]["work"],
             "unit": tasks["tasks"][0]["lead_units"][0], **{f"region {n}": r for n, r in enumerate(regions)}}
    source = SOURCE + "\n".join(str(v) for v in shown.values()) + "\n"
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)  # noqa: E731
    write_plan(root, plan_yaml=dump(plan), indicators_yaml=dump(indicators), columns_yaml=dump(columns),
               tasks_yaml=dump(tasks), source_txt=source)
    figure_note, figure_source, progress = next(names), next(names), next(names)
    data = root / "data" / "demo-2021-2025"
    data.mkdir(parents=True)
    rows = [["指标编号", "年份", "地区", "数值", "说明", "来源", "口径变化"],
            ["student-teacher-ratio", 2022, "", 16.8, figure_note, figure_source, ""],
            *[["preschool-enrolment", 2022, region, 98.5, "", "", ""] for region in regions]]
    with open(data / "figures.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with open(data / "milestones.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["事项编号", "年份", "状态", "进展情况"], ["c01-m1", 2021, "已完成", progress]])
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "site_config", root / "site_config")
    return {**shown, "figure note": figure_note.strip(), "figure source": figure_source.strip(), "progress": progress.strip()}


def live_markup(page: Page) -> list:
    """What a browser would run or follow, or what content turned into structure."""
    found = []
    for tag, attrs in page.tags:
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                found.append((tag, name, value))
        content_image = tag == "img" and not (dict(attrs).get("src") or "").endswith(".svg")  # the site's images are charts
        if tag in ("b", "hr") or content_image:
            found.append((tag, attrs))
    return found


def check_site(site: Path, shown: dict[str, str]) -> None:
    pages = {p: parsed(p.read_text(encoding="utf-8")) for p in site.rglob("*.html")}
    text = squeeze("".join("".join(page.text) for page in pages.values()))
    for path, page in pages.items():
        assert live_markup(page) == [], (path, live_markup(page))
        assert "<script>alert(1)" not in path.read_text(encoding="utf-8"), path
    for field, value in shown.items():
        assert squeeze(value) in text, (field, value)  # shown exactly as written: nothing became markup
    # What search results show is the pages' text, as written (site.js puts it on the page as text, never
    # as HTML: tests/test_hostile.py::test_hostile_names_in_search_results_are_text): an indicator's name
    # is found as written, not escaped twice, nor lost.
    indexed = squeeze("".join(record["content"] + record["meta"]["title"]
                              for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment")
                              for record in [json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))]))
    assert squeeze(shown["indicator"]).replace("\u200b", "") in indexed.replace("\u200b", ""), shown["indicator"]
    for svg in site.rglob("*.svg"):
        tree = ElementTree.parse(svg)  # well-formed XML
        for element in tree.iter():
            assert not element.tag.endswith(("script", "foreignObject")), svg
            assert not any(name.lower().startswith("on") for name in element.attrib), svg
    for download in (site / "downloads").glob("*.csv"):
        for row in csv.reader(io.StringIO(download.read_text(encoding="utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(r"[-+]?\d+(\.\d+)?", cell), cell
    for download in (site / "downloads").glob("*.xlsx"):
        with zipfile.ZipFile(download) as archive:
            assert not any(b"<f>" in archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/"))


@pytest.mark.slow
# Three builds, no shrinking (each step would be two more builds): a failure prints the texts it used.
@settings(max_examples=3, deadline=None, phases=[Phase.generate], print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(texts=st.lists(hostile, min_size=FIELDS + 6, max_size=FIELDS + 6))
def test_generated_hostile_text_in_every_field_builds_and_is_shown_literally(tmp_path_factory, texts):
    root = tmp_path_factory.mktemp("property")
    shown = hostile_project(root, texts)
    for _ in range(2):  # a second build reads what the first one published
        result = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], capture_output=True,
                                text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
    check_site(root / "site", shown)
