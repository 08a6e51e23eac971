"""The Jinja environment that turns page contexts into Markdown pages."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.render.escape import literal


def make_environment(templates: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(templates),
        finalize=literal,  # every printed value is shown literally, see escape.py
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
