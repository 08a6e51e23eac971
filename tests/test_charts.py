"""Charts built with Altair and rendered for real by vl-convert: marks, text, fonts, accessibility,
determinism, schema validity, and the cache keyed by the charts' inputs."""

import functools
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import altair as alt
import jsonschema
import pytest
import vl_convert
from altair.vegalite.v6.schema import SCHEMA_URL
from altair.vegalite.v6.schema.core import load_schema

from generator.render.chart_inputs import Chart, PlanLine, PlanLines, ProgressSeries, Reference, RegionDot, RegionValues, StatusCounts
from generator.render import charts
from generator.render import svg as svg_module
from generator.render.charts import FONT, WIDTH, build, spec
from generator.render.svg import PARALLEL_FROM, cache_key, render_svgs, to_svg

ROOT = Path(__file__).resolve().parents[1]
NS = "{http://www.w3.org/2000/svg}"
PALETTE = {"达到序时进度": "#2f6fb0", "未达到序时进度（滞后）": "#c0392b", "已完成": "#1a7f37", "数据暂缺": "#6b7280"}
ENROLMENT = ProgressSeries(
    title="学前教育毛入园率", unit="%",
    actual=[(2021, 96.9), (2022, 97.6), (2024, 98.8)],  # 2023 missing: the line must break there
    expected=[(2020, 96.2), (2021, 96.8), (2022, 97.4), (2023, 97.9), (2024, 98.5), (2025, 99.0)],
    targets=[(2025, 99.0, ">99")], base=(2020, 96.2, "96.2"))
REGIONS = [RegionDot("崇川区", 99.2, "按期完成", "#1a7f37", "circle", 98.4),
           RegionDot("海门区", 98.4, "达到序时", "#2f6fb0", "triangle-up", 98.3),
           RegionDot("如皋市", None, "暂缺", "#6b7280", "circle"),
           RegionDot("海安市", 95.0, "滞后", "#c0392b", "triangle-down", 96.1)]
TARGET = [Reference(99.0, "2025 年目标 >99%")]
COUNTS = [("已完成", 12), ("达到序时进度", 20), ("未达到序时进度（滞后）", 5), ("数据暂缺", 0)]


def progress_chart(series: ProgressSeries, *, summary: str) -> dict:
    return spec(Chart(series, summary))


def region_chart(title: str, unit: str, year: int, dots: list[RegionDot], references: list[Reference], *,
                 lower_is_better: bool = False, summary: str) -> dict:
    return spec(Chart(RegionValues(title, unit, year, dots, references, lower_is_better), summary))


def status_chart(title: str, counts: list[tuple[str, int]], palette: dict[str, str], *, summary: str) -> dict:
    return spec(Chart(StatusCounts(title, counts, palette), summary))


ENROLMENT_CHART = Chart(ENROLMENT, "学前教育毛入园率 2024 年为 98.8%，快于序时进度。")
REGION_CHART = Chart(RegionValues("学前教育毛入园率", "%", 2024, REGIONS, TARGET), "四个县（市、区）中三个有数据。")
STATUS_CHART = Chart(StatusCounts("指标研判结果", COUNTS, PALETTE), "37 项指标中 12 项已完成。")


def enrolment_chart() -> dict:
    return spec(ENROLMENT_CHART)


def region() -> dict:
    return spec(REGION_CHART)


def statuses() -> dict:
    return spec(STATUS_CHART)


def marks(svg: str, kind: str) -> list[ET.Element]:
    """The items Vega drew for the chart's own marks of one kind (symbol, line, rect, text)."""
    root = ET.fromstring(svg)
    return [item for group in root.iter(f"{NS}g") if group.get("class", "").startswith(f"mark-{kind} role-mark")
            for item in group]


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter(f"{NS}text")]


def test_progress_chart_draws_each_series_with_its_own_shape_and_dash():
    spec = enrolment_chart()
    svg = to_svg(json.dumps(spec))
    assert spec["description"] == "学前教育毛入园率 2024 年为 98.8%，快于序时进度。"
    assert "学前教育毛入园率" in texts(svg)
    assert {"实际值", "序时进度", "规划目标", "基期值", ">99", "96.2", "单位：%"} <= set(texts(svg))
    assert len(marks(svg, "symbol")) == 3 + 1 + 1  # actual values, target, base
    assert len(marks(svg, "line")) == 2 + 1  # actual 2021–2022 and 2024 alone, 序时进度
    dashes = [line.get("stroke-dasharray") for line in marks(svg, "line")]
    assert dashes.count("6,4") == 1  # only 序时进度 is dashed
    assert [t for t in texts(svg) if t.startswith("20")] == [str(y) for y in range(2020, 2026)]
    legend = spec["layer"][1]["encoding"]
    assert legend["shape"]["scale"]["range"] == ["circle", "stroke", "diamond", "square"]


def test_progress_chart_legend_lists_only_what_is_drawn():
    series = ProgressSeries(title="生师比", unit="", actual=[(2022, 17.2)], expected=[],
                            targets=[(2025, 17.0, "17")], base=None, lower_is_better=True)
    spec = progress_chart(series, summary="生师比 2022 年为 17.2。")
    svg = to_svg(json.dumps(spec))
    assert "实际值" in texts(svg) and "规划目标" in texts(svg)
    assert "序时进度" not in texts(svg) and "基期值" not in texts(svg)
    assert "逆向指标：数值越低越好" in texts(svg)


def test_progress_chart_thins_year_labels_over_a_long_span():
    series = ProgressSeries(title="每千人口拥有执业（助理）医师数", unit="人", actual=[(2021, 3.1), (2022, 3.2)],
                            expected=[(2020, 3.0), (2035, 4.5)], targets=[(2035, 4.5, "4.5")], base=(2020, 3.0, "3"))
    svg = to_svg(json.dumps(progress_chart(series, summary="到 2035 年。")))
    assert [t for t in texts(svg) if re.fullmatch(r"\d{4}", t)] == ["2020", "2025", "2030", "2035"]


def test_region_chart_has_a_dot_shaped_by_status_and_a_value_and_status_word_per_region():
    svg = to_svg(json.dumps(region()))
    dots = marks(svg, "symbol")
    assert [dot.get("fill") for dot in dots] == ["#1a7f37", "#2f6fb0", "#c0392b"]  # no dot for 如皋市
    assert len({dot.get("d") for dot in dots}) == 3  # circle, triangle up, triangle down
    assert [t.text for t in marks(svg, "text") if "年目标" not in t.text and "短竖线" not in t.text] == [
        "99.2%  按期完成", "98.4%  达到序时", "数据暂缺", "95%  滞后"]
    assert {"崇川区", "如皋市", "学前教育毛入园率", "2024 年；单位：%", "2025 年目标 >99%", "短竖线：各地序时要求"} <= set(texts(svg))
    assert len(marks(svg, "rule")) == 1  # the target
    assert len(marks(svg, "rect")) == 3  # a short 序时 line per region with a value


def scene_marks(scene: dict, kind: str) -> list[dict]:
    found = []
    def walk(item):
        if item.get("marktype") == kind and item.get("role") == "mark":
            found.extend(item["items"])
        for child in item.get("items", []):
            if isinstance(child, dict):
                walk(child)
    walk(scene["scenegraph"])
    return found


def test_region_chart_axis_fits_the_values_and_stops_at_100_for_a_percentage():
    """98.4 and 99.2 must look apart (an axis from 0 or to 150 draws them on top of each other)."""
    spec = region()
    low, high = spec["layer"][-2]["encoding"]["x"]["scale"]["domain"]
    assert 90 < low <= 95 and 99.2 < high <= 100
    xs = {round(item["x"]) for item in scene_marks(vl_convert.vegalite_to_scenegraph(spec), "symbol")}
    assert len(xs) == 3 and sorted(xs)[2] - sorted(xs)[1] >= 20
    over = region_chart("高中阶段毛入学率", "%", 2024, [RegionDot("崇川区", 102.5, "按期完成", "#1a7f37", "circle")],
                        [Reference(92.0, "目标 92%")], summary="毛入学率可以超过 100。")
    assert over["layer"][-2]["encoding"]["x"]["scale"]["domain"][1] == 102.5
    counts = region_chart("学校数", "所", 2024, [RegionDot("崇川区", 1210, "按期完成", "#1a7f37", "circle"),
                                              RegionDot("海门区", 1250, "按期完成", "#1a7f37", "circle")], [],
                          summary="数量。")
    assert counts["layer"][-2]["encoding"]["x"]["scale"]["domain"][0] > 1000  # a dot plot need not start at 0


@pytest.mark.parametrize("rows", [
    [RegionDot("南通经济技术开发区", 12345.678, "滞后", "#c0392b", "triangle-down"),
     RegionDot("崇川区", 10.0, "按期完成", "#1a7f37", "circle")],
    [RegionDot("崇川区", 2.35, "按期完成", "#1a7f37", "circle"), RegionDot("海安市", -0.3, "滞后", "#c0392b", "circle"),
     RegionDot("如皋市", None, "暂缺", "#6b7280", "circle")],
])
def test_region_chart_labels_stay_inside_a_chart_no_wider_than_the_others(rows):
    spec = region_chart("指标", "万元", 2024, rows, [], summary="地区。")
    scene = vl_convert.vegalite_to_scenegraph(spec)
    assert scene["width"] <= WIDTH
    labels = [m for m in scene["scenegraph"]["items"][0]["items"] if m.get("name") == "layer_1_marks"][0]["items"]
    for label in labels:
        assert scene["origin"][0] + label["x"] + text_width(label["text"]) <= scene["width"], label["text"]


def test_status_chart_prints_each_count_after_its_bar_in_the_given_order():
    svg = to_svg(json.dumps(statuses()))
    assert [bar.get("fill") for bar in marks(svg, "rect")] == ["#1a7f37", "#2f6fb0", "#c0392b", "#6b7280"]
    assert [t.text for t in marks(svg, "text")] == ["12", "20", "5", "0"]
    assert [t for t in texts(svg) if t in PALETTE] == ["已完成", "达到序时进度", "未达到序时进度（滞后）", "数据暂缺"]


@pytest.mark.parametrize("build", [enrolment_chart, region, statuses])
def test_svg_is_accessible_searchable_text_in_the_cjk_font_and_self_contained(build):
    spec = build()
    svg = to_svg(json.dumps(spec))
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == spec["description"]
    fonts = {t.get("font-family") for t in root.iter(f"{NS}text")}
    assert fonts == {FONT}
    assert all(float(t.get("font-size").removesuffix("px")) >= 12 for t in root.iter(f"{NS}text"))
    assert set(re.findall(r"https?://[^\"'\s)]+", svg)) <= {"http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"}


def test_references_to_other_hosts_are_removed():
    spec = {"description": "图片", "data": {"values": [{"u": "https://example.com/a.png", "x": 1}]},
            "mark": {"type": "image", "width": 20, "height": 20},
            "encoding": {"url": {"field": "u", "type": "nominal"}, "x": {"field": "x", "type": "quantitative"}}}
    svg = to_svg(json.dumps(spec))
    assert "example.com" not in svg
    assert len(list(ET.fromstring(svg).iter(f"{NS}image"))) == 1


def test_numbers_use_comma_groups_but_years_do_not():
    series = ProgressSeries(title="普惠性幼儿园数量", unit="所", actual=[(2021, 1210), (2022, 1234)],
                            expected=[(2020, 1200), (2025, 1300)], targets=[(2025, 1300, "1300所左右")],
                            base=(2020, 1200, "1200"))
    words = texts(to_svg(json.dumps(progress_chart(series, summary="数量。"))))
    assert "1,300" in words and "2021" in words and "2,021" not in words


def test_same_inputs_give_the_same_spec_in_one_process_and_in_another():
    here = [json.dumps(build(), sort_keys=True) for build in (enrolment_chart, region, statuses)]
    assert here == [json.dumps(build(), sort_keys=True) for build in (enrolment_chart, region, statuses)]
    code = ("import json, test_charts as t; "
            "print(json.dumps([json.dumps(b(), sort_keys=True) for b in (t.enrolment_chart, t.region, t.statuses)]))")
    other = subprocess.run([sys.executable, "-c", code], cwd=ROOT / "tests", capture_output=True, text=True,
                           check=True, env={"PYTHONPATH": str(ROOT)})
    assert json.loads(other.stdout) == here


# Every shape a chart kind's spec takes: with and without each optional layer, subtitle, unit and axis.
EVERY_KIND = {
    "progress": ENROLMENT_CHART,
    "progress, lower is better, no base, no 序时进度": Chart(ProgressSeries(
        title="生师比", unit="", actual=[(2022, 17.2)], expected=[], targets=[(2025, 17.0, "17")], base=None,
        lower_is_better=True), "生师比。"),
    "progress, a title on two lines": Chart(ProgressSeries(
        title="国家级义务教育优质均衡发展县（市、区）和学前教育普及普惠县（市、区）达标率", unit="%", actual=[(2022, 50.0)],
        expected=[], targets=[(2025, 60.0, ">60")], base=None), "长标题。"),
    "progress, no data yet, no labels": Chart(ProgressSeries(
        title="指标", unit="所", actual=[], expected=[(2020, 1.0), (2035, 4.0)], targets=[], base=None), "尚无数据。"),
    "progress, counts": Chart(ProgressSeries(
        title="学校数", unit="所", actual=[(2021, 30), (2022, 31)], expected=[(2020, 30), (2025, 32)],
        targets=[(2025, 32, "32")], base=(2020, 30, "30")), "学校数。"),
    "region": REGION_CHART,
    "region, no unit, every value missing, no target": Chart(RegionValues(
        "指标", "", 2023, [RegionDot("崇川区", None, "暂缺", "#6b7280", "circle")], [], lower_is_better=True), "数据暂缺。"),
    "status": STATUS_CHART,
    "comparison across plans": Chart(PlanLines("学前教育毛入园率", "%", [
        PlanLine("南通“十四五”教育规划", [(2021, 97.5), (2022, 98.1)], [(2025, 99.0, ">99")]),
        PlanLine("连云港“十四五”教育规划", [(2022, 96.0)], [(2022, 96.0, "96"), (2025, 98.5, ">98.5")])]),
        "学前教育毛入园率：两个规划的数值。"),
    "comparison, counts, targets only": Chart(PlanLines("学校数", "所", [PlanLine("甲", [], [(2025, 30.0, "30")])]),
                                               "尚无数据。"),
}


@functools.cache  # Altair's Vega-Lite schema is large: read and prepared once for all the charts validated
def vega_lite() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(load_schema())


@pytest.mark.parametrize("chart", EVERY_KIND.values(), ids=EVERY_KIND.keys())
def test_every_chart_kind_is_valid_vega_lite(chart):
    """Builds skip Altair's validation (~50 ms a chart): here each kind is validated, by Altair as it is
    built and, the theme merged in, against the whole Vega-Lite schema that Altair ships."""
    with alt.utils.schemapi.debug_mode(True):
        validated = build(chart).to_dict(validate=True)
    fast = spec(chart)
    assert validated == fast
    assert fast["$schema"] == SCHEMA_URL
    assert [error.message for error in vega_lite().iter_errors(fast)] == []


def test_schema_validation_can_fail():
    spoilt = build(ENROLMENT_CHART)
    with alt.utils.schemapi.debug_mode(False):  # Altair would refuse the mark as it is made
        spoilt.layer[-1].mark = alt.MarkDef(type="lines")
    with pytest.raises(alt.utils.schemapi.SchemaValidationError):
        spoilt.to_dict(validate=True)
    spoilt_spec = json.loads(json.dumps(enrolment_chart()))
    spoilt_spec["layer"][-1]["mark"]["type"] = "lines"
    assert list(vega_lite().iter_errors(spoilt_spec))


def test_a_count_axis_has_whole_number_ticks_only():
    svg = to_svg(json.dumps(spec(EVERY_KIND["progress, counts"])))
    ticks = [t for t in texts(svg) if re.fullmatch(r"[\d.,]+", t) and not re.fullmatch(r"20\d\d", t)]
    assert ticks and all(re.fullmatch(r"\d+", t) for t in ticks), ticks
    counts = region_chart("学校数", "所", 2024, [RegionDot("崇川区", 12, "按期完成", "#1a7f37", "circle", 11),
                                              RegionDot("海门区", 13, "按期完成", "#1a7f37", "circle", 12)], [],
                          summary="数量。")
    labels = [t for t in texts(to_svg(json.dumps(counts))) if re.fullmatch(r"[\d.,]+", t)]
    assert labels and all(re.fullmatch(r"\d+", t) for t in labels), labels


def test_cache_renders_each_chart_once_and_leaves_unchanged_files_alone(tmp_path, monkeypatch):
    jobs = {tmp_path / "out" / "progress.svg": ENROLMENT_CHART, tmp_path / "out" / "region.svg": REGION_CHART,
            tmp_path / "out" / "status.svg": STATUS_CHART}
    cache = tmp_path / "cache"
    assert render_svgs(jobs, cache) == list(jobs)
    assert len(list(cache.glob("*.svg"))) == 3
    times = {path: path.stat().st_mtime_ns for path in jobs}
    built = []
    monkeypatch.setattr(charts, "spec", lambda chart: built.append(chart) or spec(chart))
    assert render_svgs(jobs, cache) == []
    assert built == []  # cached by the inputs: no spec built
    assert {path: path.stat().st_mtime_ns for path in jobs} == times

    changed = tmp_path / "out" / "status.svg"
    jobs[changed] = Chart(StatusCounts("指标研判结果", COUNTS[:2], PALETTE), "32 项。")
    assert render_svgs(jobs, cache) == [changed]
    assert built == [jobs[changed]]  # only the changed chart was built and rendered
    assert len(list(cache.glob("*.svg"))) == 4
    assert "32 项。" in changed.read_text(encoding="utf-8")
    assert all(path.stat().st_mtime_ns == times[path] for path in jobs if path != changed)


def test_the_cache_key_is_the_charts_inputs_and_drawing_code(tmp_path, monkeypatch):
    same = Chart(ProgressSeries(**{**ENROLMENT.__dict__}), ENROLMENT_CHART.summary)
    assert cache_key(same) == cache_key(ENROLMENT_CHART)
    moved = Chart(ProgressSeries(**{**ENROLMENT.__dict__, "actual": [(2021, 96.9), (2022, 97.7), (2024, 98.8)]}),
                  ENROLMENT_CHART.summary)
    assert cache_key(moved) != cache_key(ENROLMENT_CHART)
    assert cache_key(Chart(ENROLMENT, "另一句。")) != cache_key(ENROLMENT_CHART)
    before = cache_key(ENROLMENT_CHART)
    edited = tmp_path / "charts.py"
    edited.write_text(svg_module._DRAWING[0].read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(svg_module, "_DRAWING", (edited, svg_module._DRAWING[1]))
    svg_module._drawing.cache_clear()
    try:
        assert cache_key(ENROLMENT_CHART) != before  # an edit to how charts are drawn redraws them
    finally:
        monkeypatch.undo()
        svg_module._drawing.cache_clear()


def test_a_cached_svg_is_copied_to_a_new_path_and_a_spoilt_file_is_rewritten(tmp_path):
    cache = tmp_path / "cache"
    first = tmp_path / "a.svg"
    render_svgs({first: STATUS_CHART}, cache)
    second = tmp_path / "sub" / "b.svg"
    assert render_svgs({first: STATUS_CHART, second: STATUS_CHART}, cache) == [second]
    assert second.read_bytes() == first.read_bytes()
    first.write_text("<svg/>", encoding="utf-8")
    assert render_svgs({first: STATUS_CHART}, cache) == [first]
    assert first.read_bytes() == second.read_bytes()


def test_building_or_checking_does_not_import_altair_or_pandas():
    """They cost ~1 s a start: only a process that draws a new chart (or makes a results frame) loads them."""
    code = ("import sys, generator.pipeline, generator.cli, generator.render.svg; "
            "print(sorted(m for m in ('altair', 'pandas', 'narwhals') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_parallel_rendering_gives_the_same_files_as_in_process(tmp_path):
    jobs = [Chart(StatusCounts(f"指标{i}", [("已完成", i), ("数据暂缺", 1)], PALETTE), f"第 {i} 张。")
            for i in range(PARALLEL_FROM)]
    parallel = render_svgs({tmp_path / "p" / f"{i}.svg": c for i, c in enumerate(jobs)}, tmp_path / "c1", processes=2)
    serial = render_svgs({tmp_path / "s" / f"{i}.svg": c for i, c in enumerate(jobs)}, tmp_path / "c2", processes=1)
    assert [p.read_bytes() for p in parallel] == [s.read_bytes() for s in serial]
    assert len(parallel) == PARALLEL_FROM


def text_width(text: str) -> float:
    """Width of a chart label as vl-convert measures it: the size of a chart holding only that text."""
    spec = {"width": 1, "height": 1, "padding": 0, "autosize": "pad", "data": {"values": [{}]},
            "mark": {"type": "text", "text": text, "font": FONT, "fontSize": 14, "align": "left", "x": 0, "y": 0}}
    return vl_convert.vegalite_to_scenegraph(spec)["width"]


def test_a_long_title_wraps_inside_the_chart():
    wrapped = spec(EVERY_KIND["progress, a title on two lines"])
    lines = wrapped["title"]["text"]
    assert isinstance(lines, list) and len(lines) == 2 and "".join(lines).startswith("国家级义务教育")
    svg = to_svg(json.dumps(wrapped))
    assert set(lines) <= {span.text for span in ET.fromstring(svg).iter(f"{NS}tspan")}
    assert all(text_width(line) * 16 / 14 <= WIDTH - 10 for line in lines)


@pytest.mark.slow
def test_charts_measured_in_a_cut_down_font_are_the_same_svg_byte_for_byte(tmp_path, monkeypatch):
    """Large batches measure text in Noto Sans CJK SC cut down to their characters (3× faster):
    the files must not differ from those measured in the whole font."""
    monkeypatch.setattr(svg_module, "MEASURE_FROM", 1)
    every = list(EVERY_KIND.values())
    fonts = tmp_path / "cache" / "fonts"
    fonts.parent.mkdir()
    cut = list(svg_module._render_all(every, 1, fonts))
    assert len(list(fonts.glob("ChartMeasure*/*.otf"))) == 2  # the cut was made and used
    assert cut == [to_svg(json.dumps(spec(chart))) for chart in every]
    assert not any("ChartMeasure" in svg for svg in cut)


def test_long_names_are_cut_by_the_chart_not_by_vega_and_never_merge():
    # Vega cut a long label between the two halves of a character outside the BMP and vl-convert failed.
    astral = 'è=HYPERLINK("http://e")🃔𬳶𥖧ķ𮤐' * 3
    twins = ["某某某某某某某某某某某某某某某某甲区", "某某某某某某某某某某某某某某某某乙区"]
    dots = [RegionDot(name, 90.0 + n, "达到序时", "#2f6fb0", "circle") for n, name in enumerate([astral, *twins, "崇川区"])]
    svg = to_svg(json.dumps(region_chart("指标", "%", 2024, dots, TARGET, summary="四个地区")))
    labels = texts(svg)
    assert "崇川区" in labels and set(twins) <= set(labels)  # cut alike, so kept whole: two rows, not one
    cut = next(t for t in labels if t.startswith("è=HYPERLINK"))
    assert cut.endswith("…") and len(cut) < len(astral)
    lines = PlanLines("指标", "%", [PlanLine(astral, [(2021, 1.0)], []), PlanLine("南通", [(2021, 2.0)], [])])
    assert any(t.endswith("…") for t in texts(to_svg(json.dumps(spec(Chart(lines, "两个规划"))))))
