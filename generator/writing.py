"""Writing the build's files: one step per file, and an OS error that names the file.

``write()`` on an open file fails (disk full, file too large) with an error that carries no path; the
message staff see must name it, so every write goes through :func:`write_file`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def naming(path: Path) -> Iterator[None]:
    """Let an OS error raised inside name ``path`` if it names nothing."""
    try:
        yield
    except OSError as error:
        if error.filename is None:
            error.filename = str(path)
        raise


def write_file(path: Path, data: bytes, atomic: bool = False) -> None:
    """Write ``data`` to ``path``; ``atomic``: through a temporary file replaced in one step, so a
    reader (or a second process) never sees half of it."""
    with naming(path):
        if not atomic:
            path.write_bytes(data)
            return
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(data)
            os.replace(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
