"""Static SVG files from charts (Vega-Lite specs drawn by vl-convert), cached by the charts' inputs.

A chart's file is named by its inputs and by the code that draws them (the chart modules' source,
Altair's and vl-convert's versions), so a chart whose inputs are unchanged is copied from the
cache without building its spec, and a build imports Altair only when some chart is new.

Text stays <text> in the CJK font stack the spec asks for (so it can be selected and searched),
the root <svg> is an image labelled with the spec's description, and nothing in the file points
at another host.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import importlib.util
import json
import math
import multiprocessing
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Iterator

import vl_convert

from generator import timing
from generator.render.chart_inputs import Chart
from generator.writing import write_file

LOCALE = "zh-CN"
# A worker costs ~2 s before its first chart (start, imports, vl-convert's JavaScript engine and
# font database) and a chart ~0.15 s, so fewer charts than this are done sooner in-process.
PARALLEL_FROM = 32
# vl-convert measures every label in the first font of FONT; in the whole Noto Sans CJK collection
# that costs ~0.1 s a chart, in a copy cut down to the characters of the batch ~0.04 s. The copy
# has the same glyphs and metrics under a name of its own, so the SVG is the same byte for byte
# once the name is put back (tests/test_charts.py checks); cutting it takes ~2 s, worth it from:
MEASURE_FROM = 64
_MEASURED = "Noto Sans CJK SC"
# What turns a chart's inputs into its SVG, besides vl-convert: the chart kinds, this module and
# Altair (its __init__ names its version; read as a file, as importing it costs ~0.5 s).
_DRAWING = (Path(__file__).with_name("charts.py"), Path(__file__))
# An attribute (other than an xmlns declaration) whose value names a URL on some host.
_EXTERNAL = re.compile(r'\s(?!xmlns[:=])[\w:-]+="[^"]*(?:https?:)?//[^"]*"')
_ROOT = re.compile(r"<svg\b[^>]*>")


def render_svgs(jobs: dict[Path, Chart], cache_dir: Path, processes: int = 2) -> list[Path]:
    """Write each chart's SVG to its path; return the paths whose bytes changed.

    A chart drawn before (same inputs, same drawing code) is taken from cache_dir; a file that
    already holds the right bytes is left alone, keeping its modification time.
    """
    cached = fill_cache(list(jobs.values()), cache_dir, processes)
    with timing.phase(timing.SVG):
        written = []
        for out, path in zip(jobs, cached):
            data = path.read_bytes()
            if out.exists() and out.read_bytes() == data:
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            _write(out, data)
            written.append(out)
    return written


def fill_cache(charts: list[Chart], cache_dir: Path, processes: int = 2) -> list[Path]:
    """Draw the charts not yet in cache_dir, all in one pass; return each chart's cached file.

    One pass for every chart of a build (the site's and the bulletins'), so that one pool of
    workers and one cut-down measuring font serve them all."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = [cache_dir / f"{cache_key(chart)}.svg" for chart in charts]
    missing = {path: chart for path, chart in zip(cached, charts) if not path.exists()}
    with timing.phase(timing.SVG, total=len(missing)) as tick:
        for path, svg in zip(missing, _render_all(list(missing.values()), processes, cache_dir / "fonts")):
            _write(path, svg.encode())
            tick()
    return cached


def cache_key(chart: Chart) -> str:
    return hashlib.sha256(f"{chart.key} {_drawing()}".encode()).hexdigest()


@cache
def _drawing() -> str:
    altair = Path(importlib.util.find_spec("altair").origin)
    code = hashlib.sha256(b"".join(path.read_bytes() for path in (*_DRAWING, altair))).hexdigest()
    return f"{code} vl-convert {vl_convert.__version__} {LOCALE}"


def to_svg(spec_json: str) -> str:
    """One spec (as JSON text) to a finished SVG document."""
    svg = vl_convert.vegalite_to_svg(spec_json, format_locale=LOCALE, time_format_locale=LOCALE,
                                     allowed_base_urls=[])  # no data from other hosts either
    return _finish(svg, json.loads(spec_json).get("description", ""))


def _render_all(charts: list[Chart], processes: int, fonts: Path) -> Iterator[str]:
    """Each chart's SVG, in order, as soon as it is done (its spec built where it is drawn)."""
    family = _cut_font(_characters(charts), fonts) if len(charts) >= MEASURE_FROM else None
    if family:
        _register(str(fonts / family))
    render = _Render(family)
    if processes < 2 or len(charts) < PARALLEL_FROM:
        yield from map(render, charts)
        return
    # spawn: vl-convert runs a JavaScript engine on its own threads, which fork would not carry over.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context, initializer=_register,
                             initargs=(str(fonts / family) if family else None,)) as pool:
        yield from pool.map(render, charts, chunksize=math.ceil(len(charts) / (4 * processes)))


class _Render:
    """The chart's spec (Altair, imported on the first chart) drawn by to_svg; text is measured in the
    cut-down font (if any), whose name is then put back to the one the spec asked for."""

    def __init__(self, family: str | None) -> None:
        self.family = family

    def __call__(self, chart: Chart) -> str:
        from generator.render.charts import FONT, spec

        text = _canonical(spec(chart))
        if not self.family:
            return to_svg(text)
        text = text.replace(_json_text(FONT), _json_text(FONT.replace(_MEASURED, self.family)))
        return to_svg(text).replace(self.family, _MEASURED)


def _characters(charts: list[Chart]) -> str:
    """Every character a batch of charts may draw: those of their inputs, of the chart module (its
    words: 实际值, 单位：…) and of formatted numbers (a shortened label's "…" too)."""
    texts = [json.dumps(dataclasses.asdict(chart.inputs), ensure_ascii=False) for chart in charts]
    texts.append(_DRAWING[0].read_text(encoding="utf-8"))
    return "".join(sorted(set("".join(texts)) | set("0123456789.,\u2212-%…")))


# Font folders this process's vl-convert knows: its font database keeps each one for good.
_REGISTERED: set[str] = set()


def _register(folder: str | None) -> None:
    if folder and folder not in _REGISTERED:
        vl_convert.register_font_directory(folder)
        _REGISTERED.add(folder)


def _cut_font(characters: str, fonts: Path) -> str | None:
    """Regular and bold Noto Sans CJK SC cut down to the characters given, kept in fonts/<name>
    under a name unique to that set of characters; None without the font."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection, TTFont

    family = "ChartMeasure" + hashlib.sha256(characters.encode()).hexdigest()[:12]
    folder = fonts / family
    if folder.is_dir():
        return family
    work = Path(tempfile.mkdtemp(prefix=f"{family}-", dir=fonts.parent))
    for style in ("Regular", "Bold"):
        found = shutil.which("fc-match") and subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}", f"{_MEASURED}:style={style}"], capture_output=True, text=True)
        if not found or found.returncode or "|" not in found.stdout:
            shutil.rmtree(work)
            return None
        file, index = found.stdout.rsplit("|", 1)
        font = TTCollection(file).fonts[int(index)] if file.endswith(".ttc") else TTFont(file)
        if font["name"].getDebugName(1) != _MEASURED:
            shutil.rmtree(work)
            return None  # fontconfig chose a stand-in: measure with whatever vl-convert finds, as before
        options = subset.Options()
        options.name_IDs, options.layout_features, options.notdef_outline = ["*"], ["*"], True
        cutter = subset.Subsetter(options)
        cutter.populate(text=characters)
        cutter.subset(font)
        names = {1: family, 16: family, 4: f"{family} {style}", 6: f"{family}-{style}"}
        for record in font["name"].names:
            if record.nameID in names:
                record.string = names[record.nameID]
        font.save(work / f"{family}-{style}.otf")
    fonts.mkdir(parents=True, exist_ok=True)
    work.rename(folder)  # in one step, so a second build never registers half a folder
    return family


def _json_text(text: str) -> str:
    """text as it appears inside a JSON string written by _canonical."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _finish(svg: str, description: str) -> str:
    """Drop references to other hosts; make the root an image labelled with the description."""
    svg = _EXTERNAL.sub("", svg)
    root = _ROOT.search(svg).group(0)
    extra = ""
    if " role=" not in root:
        extra += ' role="img"'
    if " aria-label=" not in root and description:
        extra += f' aria-label="{html.escape(description, quote=True)}"'
    return svg.replace(root, root[:-1] + extra + ">", 1)


def _canonical(value: dict) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _write(path: Path, data: bytes) -> None:
    """Replace the file in one step, so a reader or a second build never sees half of it."""
    write_file(path, data, atomic=True)
