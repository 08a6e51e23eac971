"""Writing the build's files: only inside the project, one step per file, and an OS error that names the file.

Every folder the tool writes into or deletes from (``build/`` and its caches, ``site/``, the lock,
``content/<plan>`` on ``import --force``, ``data/published.json``) is checked first with
:func:`writable`: a symbolic link anywhere on the way from the project folder down is refused, so a
cloned project whose ``build/`` is a link to someone's documents can never make the tool delete or
write a file outside the project.

``write()`` on an open file fails (disk full, file too large) with an error that carries no path; the
message staff see must name it, so every write goes through :func:`write_file`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from generator.model.problems import printable


class LinkInTheWay(Exception):
    """A place the tool would write or delete is, or lies behind, a symbolic link; the message is for staff."""


def _link_message(link: Path, root: Path) -> str:
    shown = printable(link.relative_to(root).as_posix())
    try:
        target = printable(os.readlink(link))
    except OSError:
        target = "（无法读出）"
    return (f"{shown}：这是一个链接（指向 {target}）。生成器只在项目文件夹内写入和删除文件，不经过链接，"
            f"以免改动或删除项目以外的文件；这次没有写入或删除任何文件。"
            f"请删除这个链接（rm {shown}；若要保留它指向的内容，先把那些文件移到别处），再重新运行。")


def link_on_the_way(root: Path, path: Path) -> Path | None:
    """The first part of ``path``, from ``root`` down, that is a symbolic link; None when there is none."""
    current = root
    for part in path.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            return current
        if not current.exists():
            return None  # nothing below a missing folder exists yet
    return None


def writable(root: Path, *paths: Path) -> None:
    """Refuse (:class:`LinkInTheWay`) unless every one of ``paths`` is a place the tool may write or
    delete: inside ``root`` with no link on the way down to it."""
    for path in paths:
        if not path.is_relative_to(root):
            raise LinkInTheWay(f"{printable(str(path))}：不在项目文件夹（{printable(str(root))}）内，没有写入。")
        if (link := link_on_the_way(root, path)) is not None:
            raise LinkInTheWay(_link_message(link, root))


def writable_tree(root: Path, folder: Path, skip: tuple[Path, ...] = ()) -> None:
    """:func:`writable` for ``folder`` and everything in it (a cache the tool reads back, deletes
    from or copies out of); the folders in ``skip`` are checked themselves but not walked."""
    writable(root, folder)
    if not folder.is_dir():
        return
    for top, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(top, name)
            if path.is_symlink():
                raise LinkInTheWay(_link_message(path, root))
        folders[:] = [name for name in folders if Path(top, name) not in skip]


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
