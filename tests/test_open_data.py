"""Open data: the Frictionless data package validates (with the frictionless package) against the
CSV downloads it describes, notices a changed file or a status outside the vocabulary, and is
reproducible; an indicator's JSON says what its page says."""

import csv
import io
import html as html_module
import json
import re
from pathlib import Path

import pytest
from frictionless import validate

from generator.model.status import LIGHT_WORDS, STATUS_WORDS, Status
from generator.render.downloads import COLUMNS
from generator.render.open_data import PACKAGE
from generator.render.results_table import HEADER
from generator.render.pages.common import SiteParts
from generator.render.pages.static import downloads_page


def downloads(judged, cache: Path | None = None) -> dict[str, bytes]:
    """The download files; with an empty ``cache`` the workbooks are put off for a worker, not written."""
    parts = SiteParts(judged.config, cache=cache)
    downloads_page(parts, judged.results)
    return {path: data for path, data in parts.files.items() if path.startswith("downloads/")}


def write(files: dict[str, bytes], root: Path) -> Path:
    for path, data in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root / "downloads" / PACKAGE


def errors(package: Path) -> list[list[str]]:
    return validate(str(package)).flatten(["type", "note"])


@pytest.mark.slow
def test_the_package_describes_every_csv_and_indicator_json_and_validates(sample_judged, tmp_path):
    files = downloads(sample_judged)
    package = write(files, tmp_path)
    assert errors(package) == []
    described = json.loads(package.read_text(encoding="utf-8"))
    paths = {r["path"] for r in described["resources"]}
    assert {p.removeprefix("downloads/") for p in files if p.endswith((".csv", ".json")) and not p.endswith(PACKAGE)} == paths
    assert len([p for p in paths if p.startswith("indicators/")]) > 100
    table = next(r for r in described["resources"] if r["path"] == "all.csv")
    fields = {f["name"]: f for f in table["schema"]["fields"]}
    assert list(fields) == COLUMNS == HEADER
    assert fields["状态代码"]["constraints"]["enum"] == [str(s) for s in Status]
    assert fields["状态"]["constraints"]["enum"] == list(STATUS_WORDS.values())
    assert fields["红黄绿灯"]["constraints"]["enum"] == list(LIGHT_WORDS.values())
    assert fields["年份"]["type"] == "integer" and fields["数值"]["type"] == "number"
    assert {"%", "所", "年"} <= set(fields["单位"]["constraints"]["enum"])
    assert fields["完成度（%）"]["unit"] == "%"


def test_a_status_outside_the_vocabulary_or_a_changed_file_fails(sample_judged, tmp_path):
    files = downloads(sample_judged, cache=tmp_path / "cache")  # the package lists no workbook: none is written
    package = write(files, tmp_path)
    csv_path = tmp_path / "downloads" / "rugao-2021-2023.csv"
    text = csv_path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    rows[1][COLUMNS.index("状态代码")] = "finished"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    csv_path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    indicator = next((tmp_path / "downloads" / "indicators" / "nantong-2021-2025").glob("*.json"))
    indicator.write_bytes(indicator.read_bytes().replace(b'"done"', b'"d0ne"'))
    types = {kind for kind, _ in errors(package)}
    assert "constraint-error" in types  # the unknown status code
    assert types & {"hash-count", "byte-count"}  # the changed files


@pytest.mark.slow
def test_the_same_figures_give_the_same_bytes(sample_judged):
    assert downloads(sample_judged) == downloads(sample_judged)


@pytest.mark.slow
@pytest.mark.parametrize("indicator", ["class-size-standard-primary", "top-national-vocational-colleges",
                                       "upper-secondary-gross-enrolment"])
def test_an_indicator_json_says_what_its_page_says(sample_site, indicator):
    site = sample_site / "site"
    data = json.loads((site / "downloads" / "indicators" / "nantong-2021-2025" / f"{indicator}.json").read_text(encoding="utf-8"))
    html = (site / "plans" / "nantong-2021-2025" / "indicators" / indicator / "index.html").read_text(encoding="utf-8")
    whole = next(s for s in data["series"] if s["region"] == "全域")
    assert data["indicator"]["name"] in html
    assert len(whole["years"]) >= 5
    for year in whole["years"]:
        # 年份 | 数值 | 对照目标 | 序时进度要求 | 完成度 | 状态
        row = re.search(rf"<td>{year['year']}</td>\s*<td>([^<]*)</td>(?:\s*<td>[^<]*</td>){{3}}\s*"
                        rf"<td><span class=\"status status-([a-z-]+)\"><span aria-hidden=\"true\">[^<]*</span> ([^<]+)</span>",
                        html)
        assert row, year["year"]
        value, style, word = (html_module.unescape(part) for part in row.groups())
        assert value.startswith(year["value"]["text"]) if year["value"] else value == "数据暂缺"
        assert (style, word) == (year["status"], year["status_word"])
    # The page links to the file.
    assert f"downloads/indicators/nantong-2021-2025/{indicator}.json" in html
