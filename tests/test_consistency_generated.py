"""Sites built from generated plans and data agree with themselves too (#25): every target form, units
that count whole things and shares, data with gaps, a late start, an early stop, a change of definition.
Each build must succeed, have no broken link, and state the same numbers in every view. A few
examples only: each is a full build with its PDFs."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from consistency import inconsistencies
from generator.pipeline import load_and_judge
from generator.publish.link_check import broken_links
from site_fixture import ROOT, run_build

PLAN_ID = "gen-2021-2025"
YEARS = range(2021, 2026)
# (unit, written target, direction, a range of values): every target form the plans write.
FORMS = [
    ("%", ">99", "higher", (90.0, 100.0)), ("%", "90 以上", "higher", (60.0, 99.0)), ("%", "65左右", "higher", (50.0, 70.0)),
    ("%", "保持 90% 以上", "higher", (70.0, 99.0)), ("所", "≥250", "higher", (150.0, 300.0)),
    ("人", "1500", "higher", (900.0, 1600.0)), ("年", "11", "higher", (10.0, 11.5)), (None, "<0.5", "lower", (0.3, 0.8)),
    ("所", "5—6", "higher", (1.0, 7.0)), ("%", "100", "higher", (80.0, 100.0)),
]


@st.composite
def projects(draw):
    """A plan with a few indicators of drawn forms, and figures for a drawn run of years with gaps."""
    count = draw(st.integers(min_value=2, max_value=4))
    forms = draw(st.lists(st.sampled_from(FORMS), min_size=count, max_size=count))
    first = draw(st.sampled_from(list(YEARS)))
    last = draw(st.integers(min_value=first, max_value=2025))
    years = [y for y in range(first, last + 1) if y in (first, last) or draw(st.booleans())]
    indicators, rows = [], []
    for n, (unit, target, direction, (low, high)) in enumerate(forms, 1):
        whole = unit == "所" or unit == "人"
        number = st.integers(int(low), int(high)).map(str) if whole else \
            st.floats(low, high, allow_nan=False).map(lambda x: f"{x:.1f}")
        base = draw(st.one_of(st.none(), number))
        name = f"生成指标{n}"
        quote = f"{n}．{name}（{unit or '无单位'}） {base or ''} {target}"
        indicators.append({"id": f"i{n}", "name": name, **({"unit": unit} if unit else {}), "direction": direction,
                           "attribute": draw(st.sampled_from(["约束性", "预期性"])),
                           **({"base": {"year": 2020, "value": base}} if base else {}),
                           "targets": [{"year": 2025, "value": target}], "quote": quote})
        changed = draw(st.sampled_from([None, *years]))
        for year in years:
            if draw(st.integers(0, 5)) == 0:
                continue  # a figure not reported
            rows.append([f"i{n}", str(year), "", draw(number), "", "示例数据", "是" if year == changed else ""])
    return indicators, rows


def write_project(root: Path, indicators: list[dict], rows: list[list[str]]) -> Path:
    for part in ("templates", "site_config"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    folder = root / "content" / PLAN_ID
    folder.mkdir(parents=True)
    plan = {"id": PLAN_ID, "title": "生成的“十四五”教育规划", "short_title": "生成规划", "issuer": "示例市人民政府",
            "period": {"start": 2021, "end": 2025}, "base_year": 2020}
    (folder / "plan.yaml").write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    (folder / "indicators.yaml").write_text(yaml.safe_dump({"indicators": indicators}, allow_unicode=True), encoding="utf-8")
    (folder / "source.txt").write_text("生成的“十四五”教育规划\n" + "\n".join(i["quote"] for i in indicators) + "\n",
                                       encoding="utf-8")
    data = root / "data" / PLAN_ID
    data.mkdir(parents=True)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([["指标编号", "年份", "地区", "数值", "说明", "来源", "口径变化"], *rows])
    (data / "数据-指标.csv").write_text("\ufeff" + out.getvalue(), encoding="utf-8")
    return root


@pytest.mark.slow
@settings(max_examples=2, deadline=None, phases=[Phase.generate], print_blob=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(project=projects())
def test_generated_sites_build_link_and_agree(tmp_path_factory, project):
    root = write_project(tmp_path_factory.mktemp("generated"), *project)
    result = run_build(root)
    assert result.returncode == 0, result.stderr  # never crashes, never a traceback
    assert "Traceback" not in result.stderr
    site = root / "site"
    assert broken_links(site) == []
    judged = load_and_judge(root)
    assert not judged.problems
    assert inconsistencies(site, judged.results) == []
