"""The command line called in this process (as ``python -m generator …`` would run it): what it prints
and its exit code, without a new interpreter's start and imports each time. A test whose point is a
separate process (a traceback never shown, spawned workers, the exit of the process) runs it instead."""

import contextlib
import io
import os
from dataclasses import dataclass
from pathlib import Path

from generator.cli import main


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    here = Path.cwd()
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(arg) for arg in args])
            except SystemExit as stop:  # argparse's usage errors
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.chdir(here)
    return Ran(code or 0, out.getvalue(), err.getvalue())
