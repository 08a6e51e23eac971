"""Where each page lives in docs/, and relative links between pages.

Ids in paths are the validated ASCII ids of content/; Chinese names (units, regions) are written in
pinyin (海门区 → haimenqu), so a path reads and never carries other text from a file. Two names of one
plan with the same pinyin are told apart by a number, in the plan's order (:func:`assign`).
"""

from __future__ import annotations

import hashlib
import posixpath
import re

from markupsafe import Markup
from pypinyin import Style, lazy_pinyin

SLUG_LENGTH = 40  # a long unit name (人民银行如皋市支行 …) keeps an address of reasonable length
REGIONS, UNITS = "regions", "units"
_assigned: dict[tuple[str, str], dict[str, str]] = {}  # (plan id, folder) → name → its address' last part


def readable_slug(name: str) -> str:
    """The name in toneless pinyin, letters and digits kept, the rest left out; a name with none of
    these (only punctuation, say) gets a short hash."""
    text = "".join(lazy_pinyin(name, style=Style.NORMAL, errors=lambda chunk: list(chunk))).lower()
    slug = re.sub(r"[^a-z0-9]+", "", text)[:SLUG_LENGTH]
    return slug or "n" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def assign(plan_id: str, folder: str, names: list[str]) -> None:
    """Fix the addresses of one plan's regions or units for this build: each name's pinyin, and where
    an earlier name of the list already has it, the pinyin and a number (-2, -3 …)."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        if name in slugs:
            continue
        base = slug = readable_slug(name)
        number = 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        slugs[name] = slug
        taken.add(slug)
    _assigned[(plan_id, folder)] = slugs


def name_slug(plan_id: str, folder: str, name: str) -> str:
    return _assigned.get((plan_id, folder), {}).get(name) or readable_slug(name)


def home() -> str:
    return "index.md"


def plan(plan_id: str) -> str:
    return f"plans/{plan_id}/index.md"


def bulletin(plan_id: str, year: int) -> str:
    return f"plans/{plan_id}/{year}.md"


def evaluation(plan_id: str, kind: str, year: int) -> str:
    """A 中期评估 / 期末评估 report (kind: midterm / final)."""
    return f"plans/{plan_id}/evaluations/{kind}-{year}.md"


def column(plan_id: str, number: int) -> str:
    return f"plans/{plan_id}/columns/{number}.md"


def indicator(plan_id: str, indicator_id: str) -> str:
    return f"plans/{plan_id}/indicators/{indicator_id}.md"


def unit(plan_id: str, name: str) -> str:
    return f"plans/{plan_id}/units/{name_slug(plan_id, UNITS, name)}.md"


def region(plan_id: str, name: str) -> str:
    return f"plans/{plan_id}/regions/{name_slug(plan_id, REGIONS, name)}.md"


def overview(plan_id: str | None = None) -> str:
    """The status overview (状态总览) of one plan, or of every plan."""
    return f"plans/{plan_id}/overview.md" if plan_id else "overview.md"


def overview_rows(plan_id: str | None = None) -> str:
    """The overview's rows as JSON, in the folder the page is published as (plans/x/overview/)."""
    return f"plans/{plan_id}/overview/status.json" if plan_id else "overview/status.json"


def compare(measure_key: str) -> str:
    """多规划比较 of one shared measure (content/measures.yaml's key, a validated id)."""
    return f"compare/{measure_key}.md"


def compare_chart(measure_key: str) -> str:
    """In a folder no plan id can name (ids start with a letter or digit)."""
    return f"charts/_compare/{measure_key}.svg"


def chart(plan_id: str, name: str) -> str:
    return f"charts/{plan_id}/{name}.svg"


def download(name: str) -> str:
    return f"downloads/{name}"


def bulletin_pdf(plan_id: str, year: int) -> str:
    """The printable bulletin; the file name is ASCII only (plan ids are validated ASCII)."""
    return download(f"bulletins/{plan_id}-{year}-bulletin.pdf")


def evaluation_pdf(plan_id: str, year: int, kind: str) -> str:
    """A printable 中期评估 / 期末评估 (kind: its English key); ASCII only."""
    return download(f"evaluations/{plan_id}-{year}-{kind}.pdf")


METHODOLOGY = "methodology.md"
DOWNLOADS = "downloads.md"
ABOUT = "about.md"
CORRECTIONS = "corrections.md"
SEARCH = "search.md"


def address(docs_path: str) -> str:
    """The address a page is published at (use_directory_urls): plans/x/index.md → plans/x/, a.md → a/."""
    path = docs_path.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return path + "/"


def relative_url(from_page: str, to: str) -> str:
    """A link between two published addresses, for links a script writes (MkDocs does not rewrite them)."""
    here = address(from_page)
    target = address(to) if to.endswith(".md") else to
    path = posixpath.relpath(target or ".", here or ".")
    return path + "/" if target.endswith("/") or not target else path


def relative(from_page: str, to: str) -> Markup:
    """A link from one docs/ file to another, as MkDocs resolves it (safe: built from paths)."""
    return Markup(posixpath.relpath(to, posixpath.dirname(from_page) or "."))
