"""The Jinja environment that turns page contexts into Markdown pages."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from generator.render.escape import literal, page_title


def table_cells(row: list) -> Markup:
    """Cells of a Markdown table row, each shown literally, joined by the column bars."""
    return Markup(" | ".join(literal(cell) for cell in row))


# Compiled templates, kept between builds in the user's temporary folder (Jinja checks each one
# against its template's source): compiling them anew took ~0.3 s of every build. Jinja's key
# leaves out the environment's settings, so each kind of environment has files of its own.
BYTECODE = FileSystemBytecodeCache(pattern="plan-bulletin-pages-%s.cache")


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
