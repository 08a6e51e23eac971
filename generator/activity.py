"""What the program is working on, so that an unexpected error can tell staff where it happened
(规划、指标、地区、年份) instead of showing a Python traceback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_doing: ContextVar[tuple[str, ...]] = ContextVar("doing", default=())


@contextmanager
def working_on(what: str) -> Iterator[None]:
    token = _doing.set((*_doing.get(), what))
    try:
        yield
    except Exception as error:
        if not hasattr(error, "working_on"):
            error.working_on = "，".join(_doing.get())  # the innermost place, recorded once
        raise
    finally:
        _doing.reset(token)
