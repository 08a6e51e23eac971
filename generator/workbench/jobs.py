"""The workbench's long steps (preview, release) run one at a time in a background thread, so the page
can show how far they have got and stay usable meanwhile.

A second step asked for while one runs is refused with a message; two tabs can therefore not both
release from this workbench, and a release started elsewhere (``build`` in a terminal) is stopped by
the project's build lock.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from generator import timing
from generator.publish.build import BuildError
from generator.model.problems import os_error_message, printable, shorten


class Busy(Exception):
    pass


class _Phase:
    """A stream for the build's progress line: keeps the latest phase shown ("网页…… 3/10")."""

    def __init__(self, job: "Job"):
        self.job = job

    def write(self, text: str) -> None:
        shown = text.replace("\r", "").replace("\033[K", "").strip()
        if shown:
            self.job.phase = shown

    def flush(self) -> None:
        pass


@dataclass
class Job:
    kind: str  # "preview" or "release"
    title: str  # 生成预览 / 发布
    started: float = field(default_factory=time.monotonic)
    phase: str = "准备中……"
    running: bool = True
    result: object = None  # what the step returned
    failure: str = ""  # a Chinese message when it failed
    ended: float | None = None

    @property
    def seconds(self) -> int:
        return int((self.ended or time.monotonic()) - self.started)


def failure_message(error: BaseException, root) -> str:
    """A failed step in Chinese, never a traceback."""
    if isinstance(error, BuildError):
        return str(error)
    if isinstance(error, OSError):
        return os_error_message(error, root)
    where = getattr(error, "working_on", "")
    return (f"程序内部错误：{type(error).__name__}（{printable(shorten(str(error), 120))}）。"
            + (f"出错时正在{printable(where)}。" if where else "")
            + "这不是数据的问题，请把这段信息发给技术支持人员。")


class Jobs:
    def __init__(self, root):
        self.root = root
        self.lock = threading.Lock()  # held while a step runs; uploads and undo wait for none and are refused
        self.last: dict[str, Job] = {}

    def current(self) -> Job | None:
        running = [job for job in self.last.values() if job.running]
        return running[0] if running else None

    def start(self, kind: str, title: str, work: Callable[[], object]) -> Job:
        if not self.lock.acquire(blocking=False):
            running = self.current()
            raise Busy(f"正在{running.title if running else '处理'}，请等它结束后再试。")
        job = Job(kind, title)
        self.last[kind] = job
        threading.Thread(target=self._run, args=(job, work), daemon=True).start()
        return job

    def _run(self, job: Job, work: Callable[[], object]) -> None:
        try:
            timing.start(stream=_Phase(job))
            job.result = work()
        except Exception as error:  # shown on the page in Chinese; the terminal gets the same line
            job.failure = failure_message(error, self.root)
            print(f"{job.title}没有完成：{job.failure}", file=sys.stderr, flush=True)
        finally:
            job.ended = time.monotonic()
            job.running = False
            self.lock.release()
