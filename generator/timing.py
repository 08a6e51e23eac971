"""How far a build has got and where its time went.

Each stage wraps its work in ``phase(name, total)`` and calls the returned tick once per item
(chart, PDF, page). On a terminal the current phase and its count are shown on one line that
is rewritten in place; in CI logs and pipes nothing is shown until the one-line summary.

A phase inside another (chart SVGs rendered for the PDFs, say) is counted in its own phase
only, so the phase times add up to the build's time. The PDFs are rendered while MkDocs builds
the pages: "MkDocs" is the time spent waiting for it after that. ``scripts/bench.py`` reads the
times through ``build --timings``.
"""

from __future__ import annotations

import functools
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

# The phases in the order a build meets them, with their names in the summary.
LOAD, SPECS, PAGES, DOWNLOADS, SVG, PDF, MKDOCS, SEARCH = (
    "加载、检查、研判", "图表规格", "网页", "下载文件", "图表 SVG", "PDF 公报", "MkDocs", "检索索引")
ORDER = (LOAD, PAGES, SPECS, DOWNLOADS, SVG, PDF, MKDOCS, SEARCH)
REDRAW_EVERY = 0.1  # seconds between redraws of the progress line


class Clock:
    """Seconds spent in each phase (exclusive of phases nested in it) and items done in each."""

    def __init__(self, stream: TextIO | None = None, lines: bool = False):
        self.seconds: dict[str, float] = {}
        self.done: dict[str, int] = {}
        self.started = time.perf_counter()
        self._stream = stream  # where progress is drawn; None: not drawn
        self._open: list[dict] = []  # the phases under way, outermost first
        self._drawn = 0.0
        self._named: set[str] = set()
        self._lines = lines  # one line per phase as it starts (a log file or pipe), instead of a line redrawn in place

    @contextmanager
    def phase(self, name: str, total: int = 0) -> Iterator[Callable[[], None]]:
        start = time.perf_counter()
        here = {"name": name, "count": 0, "total": total, "nested": 0.0}
        self._open.append(here)
        if self._lines and self._stream is not None and name not in self._named:
            self._named.add(name)  # phases are entered many times (per plan, per chart): named once
            self._stream.write(f"{name}……" + (f"（{total} 项）" if total else "") + "\n")
            self._stream.flush()
        self._draw(force=len(self._open) == 1)

        def tick() -> None:
            here["count"] += 1
            self.done[name] = self.done.get(name, 0) + 1
            self._draw(force=here["count"] == total)

        try:
            yield tick
        finally:
            self._open.pop()
            elapsed = time.perf_counter() - start
            self.seconds[name] = self.seconds.get(name, 0.0) + elapsed - here["nested"]
            if self._open:
                self._open[-1]["nested"] += elapsed
                self._draw()
            else:
                self._clear()

    def total(self) -> float:
        return time.perf_counter() - self.started

    def summary(self) -> str:
        """One line: the build's time and each phase's share of it."""
        parts = [f"{name} {self.seconds[name]:.1f}" for name in ORDER if self.seconds.get(name, 0) >= 0.05]
        redone = [f"{what} {self.done[name]} {unit}" for name, what, unit in
                  ((SVG, "图表", "张"), (PDF, "PDF", "份")) if self.done.get(name)]
        return (f"用时 {self.total():.1f} 秒（{'，'.join(parts) or '各阶段均不足 0.1 秒'}）；"
                + (f"重新生成：{'，'.join(redone)}" if redone else "图表和 PDF 均未变，没有重新生成"))

    def as_dict(self) -> dict:
        return {"total": self.total(), "seconds": dict(self.seconds), "done": dict(self.done)}

    def _draw(self, force: bool = False) -> None:
        """Show the innermost phase and its count (at most every REDRAW_EVERY seconds unless forced)."""
        if self._stream is None or not self._open:
            return
        if self._lines:
            return
        now = time.perf_counter()
        if not force and now - self._drawn < REDRAW_EVERY:
            return
        self._drawn = now
        here = self._open[-1]
        shown = f" {here['count']}/{here['total']}" if here["total"] else ""
        self._stream.write(f"\r\033[K{here['name']}……{shown}")
        self._stream.flush()

    def _clear(self) -> None:
        if self._stream is not None and not self._lines:
            self._stream.write("\r\033[K")
            self._stream.flush()


_clock = Clock()


def start(show: bool | None = None, lines: bool = False, stream: TextIO | None = None) -> Clock:
    """A fresh clock for a new build; progress is drawn on stderr if it is a terminal (or ``show``),
    or on ``stream`` (the workbench shows it on its page).
    ``lines``: where stdout is no terminal, each phase is named on a line of its own there as it starts."""
    global _clock
    if lines and not sys.stdout.isatty():
        _clock = Clock(sys.stdout, lines=True)
        return _clock
    if show is None:
        show = sys.stderr.isatty()
    _clock = Clock(stream or (sys.stderr if show else None))
    return _clock


def phase(name: str, total: int = 0):
    """``with phase(PDF, total=9) as tick: …`` — time the block under ``name``, tick per item."""
    return _clock.phase(name, total)


def timed(name: str):
    """Decorator: every call of the function is time spent in phase ``name``."""
    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            with _clock.phase(name):
                return function(*args, **kwargs)
        return wrapper
    return decorate
