"""The analysts' DataFrame: the judged results without building the site, typed by the one schema of
the results table, equal to the CSV download row for row; README's example runs as written."""

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from generator import results
from generator.render.downloads import figure_rows, to_csv
from generator.render.results_table import COLUMNS, HEADER, YES
from generator.render.spreadsheet import FORMULA_START
from plan_fixture import write_plan

ROOT = Path(__file__).resolve().parents[1]


def share_the_load(patch: pytest.MonkeyPatch, judged) -> None:
    """results.frame gets the sample as the session loaded and judged it (``sample_judged``) instead of
    loading it again (most of a second each time); the folder it is given must still be the sample's."""
    def load(project: Path):
        assert project.resolve() == ROOT
        return judged
    patch.setattr(results, "load_and_judge", load)


@pytest.fixture(scope="module")
def sample_frame(sample_judged) -> pd.DataFrame:
    with pytest.MonkeyPatch.context() as patch:
        share_the_load(patch, sample_judged)
        return results.frame(ROOT)


def parsed_csv(data: bytes) -> pd.DataFrame:
    """The CSV download read as its Table Schema says (a reader's way, not the writer's)."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    columns = {}
    for index, column in enumerate(COLUMNS):
        cells = [row[index] for row in rows[1:]]
        if column.type == "boolean":
            values = [cell == YES for cell in cells]
        elif column.type == "integer":
            values = [int(cell) if cell else None for cell in cells]
        elif column.type == "number":
            values = [float(cell) if cell else None for cell in cells]
        else:  # a text that starts like a formula is written with a ' in front (never run by Excel)
            values = [(cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell) or None
                      for cell in cells]
        columns[column.name] = pd.array(values, dtype=results.DTYPES[column.type])
    return pd.DataFrame(columns)


def test_the_frame_equals_the_csv_download_row_for_row(sample_frame, sample_judged):
    csv_rows = [row for plan_results in sample_judged.results for row in figure_rows(plan_results, sample_judged.drafts())]
    pd.testing.assert_frame_equal(sample_frame, parsed_csv(to_csv(csv_rows)))
    assert len(sample_frame) == len(csv_rows) > 1000


def test_the_frame_is_typed_by_the_schema_without_nan_or_float_years(sample_frame):
    assert list(sample_frame.columns) == HEADER
    assert {column.name: str(sample_frame[column.name].dtype) for column in COLUMNS} == {
        column.name: results.DTYPES[column.type] for column in COLUMNS}
    assert sample_frame["年份"].notna().all() and str(sample_frame["年份"].iloc[0]) == "2021"
    text = sample_frame.to_csv(index=False)
    assert not re.search(r"(^|,)(nan|NaN|<NA>|None)(,|$)", text, re.M) and not re.search(r"(^|,)20\d\d\.0(,|$)", text, re.M)
    assert not sample_frame.duplicated(["规划编号", "指标编号", "年份", "地区"]).any()


def test_the_readme_example_runs(sample_judged, monkeypatch, capsys):
    share_the_load(monkeypatch, sample_judged)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### 用 pandas 分析研判结果"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    monkeypatch.chdir(ROOT)
    names: dict = {}
    exec(compile(code, "README.md", "exec"), names)
    lagging, by_region = names["lagging"], names["by_region"]
    assert len(lagging) > 0
    assert set(lagging["属性"]) == {"约束性"} and set(lagging["年份"]) == {names["year"]}
    assert set(lagging["状态"]) <= {"未达到序时进度（滞后）", "未保持"}
    assert list(by_region.index)[0] == "全域" or "全域" in by_region.index
    assert by_region.loc["全域", 2024] == 99.0  # data/nantong-2021-2025's whole-area figure for 2024
    assert "学前" in capsys.readouterr().out


def test_a_project_with_problems_raises_the_check_report(tmp_path):
    write_plan(tmp_path, indicators_yaml="indicators: [oops\n")
    with pytest.raises(results.ProjectProblems) as raised:
        results.frame(tmp_path)
    assert raised.value.problems and "发现" in str(raised.value) and "indicators.yaml" in str(raised.value)
