"""Static SVG files from Vega-Lite specs (vl-convert), cached by content.

Text stays <text> in the CJK font stack the spec asks for (so it can be selected and searched),
the root <svg> is an image labelled with the spec's description, and nothing in the file points
at another host.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import multiprocessing
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterator

import vl_convert

from generator import progress
from generator.writing import write_file

LOCALE = "zh-CN"
# A worker costs ~2 s before its first chart (start, imports, vl-convert's JavaScript engine and
# font database) and a chart ~0.15 s, so fewer charts than this are done sooner in-process.
PARALLEL_FROM = 32
# Bump when what _finish() does to vl-convert's output changes, so cached files are redone.
_FORMAT = 1
# An attribute (other than an xmlns declaration) whose value names a URL on some host.
_EXTERNAL = re.compile(r'\s(?!xmlns[:=])[\w:-]+="[^"]*(?:https?:)?//[^"]*"')
_ROOT = re.compile(r"<svg\b[^>]*>")


def render_svgs(jobs: dict[Path, dict], cache_dir: Path, processes: int = 2) -> list[Path]:
    """Write each spec's SVG to its path; return the paths whose bytes changed.

    A spec rendered before (same spec, vl-convert version and format) is taken from cache_dir;
    a file that already holds the right bytes is left alone, keeping its modification time.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = {out: cache_dir / f"{cache_key(spec)}.svg" for out, spec in jobs.items()}
    missing = {path: jobs[out] for out, path in cached.items() if not path.exists()}
    with progress.phase(progress.SVG, total=len(missing)) as tick:
        for path, svg in zip(missing, _render_all(list(missing.values()), processes)):
            _write(path, svg.encode())
            tick()
        written = []
        for out, path in cached.items():
            data = path.read_bytes()
            if out.exists() and out.read_bytes() == data:
                continue
            out.parent.mkdir(parents=True, exist_ok=True)
            _write(out, data)
            written.append(out)
    return written


def cache_key(spec: dict) -> str:
    text = _canonical({"spec": spec, "vl_convert": vl_convert.__version__, "locale": LOCALE, "format": _FORMAT})
    return hashlib.sha256(text.encode()).hexdigest()


def to_svg(spec_json: str) -> str:
    """One spec (as JSON text) to a finished SVG document."""
    svg = vl_convert.vegalite_to_svg(spec_json, format_locale=LOCALE, time_format_locale=LOCALE,
                                     allowed_base_urls=[])  # no data from other hosts either
    return _finish(svg, json.loads(spec_json).get("description", ""))


def _render_all(specs: list[dict], processes: int) -> Iterator[str]:
    """Each spec's SVG, in order, as soon as it is done."""
    texts = [_canonical(spec) for spec in specs]
    if processes < 2 or len(texts) < PARALLEL_FROM:
        yield from map(to_svg, texts)
        return
    # spawn: vl-convert runs a JavaScript engine on its own threads, which fork would not carry over.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        yield from pool.map(to_svg, texts, chunksize=math.ceil(len(texts) / (4 * processes)))


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
