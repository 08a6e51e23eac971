"""The Jinja environment that turns page contexts into Markdown pages."""

from __future__ import annotations

import contextlib
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.render.escape import literal, page_title


def table_cells(row: list) -> Markup:
    """Cells of a Markdown table row, each shown literally, joined by the column bars."""
    return Markup(" | ".join(literal(cell) for cell in row))


class TemplateCache(FileSystemBytecodeCache):
    """Compiled templates, kept between builds in the user's temporary folder (Jinja's own, checked
    to be the user's alone), each checked against its template's source when loaded: compiling them
    anew took ~0.3 s of every build. Only a saving: a build that cannot use the folder (none, a full
    disk) goes on without it. Jinja's key leaves out the environment's settings, so each kind of
    environment has files of its own (``pattern``)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._folder: str | None = None

    @property
    def directory(self) -> str:
        if self._folder is None:  # found on first use, not when the module is imported
            self._folder = self._get_default_cache_dir()
        return self._folder

    def load_bytecode(self, bucket) -> None:
        with contextlib.suppress(Exception):  # unreadable or damaged: the template is compiled anew
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket) -> None:
        with contextlib.suppress(OSError, RuntimeError):
            super().dump_bytecode(bucket)


BYTECODE = TemplateCache(pattern="plan-bulletin-pages-%s.cache")


def make_environment(templates: Path) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(templates),
        bytecode_cache=BYTECODE,
        finalize=lambda value: Markup(literal(value)),  # every printed value is shown literally, see escape.py
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=True,  # so that macro output (already literal) counts as safe and is not escaped twice
    )
    environment.filters["cells"] = table_cells
    environment.filters["page_title"] = page_title
    return environment
