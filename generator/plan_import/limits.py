"""What a document may cost to import, checked before it is read, and the bounds it is read within.

A plan is a few MB of Word or PDF, a few hundred pages at most. A .docx whose document.xml unpacks to
a gigabyte, a PDF of three thousand pages or one whose content stream inflates to a gigabyte is
refused from what the file declares (zip sizes, the page tree's count, each stream inflated up to its
bound only), before anything grows. The reader then runs in a child process under a memory limit and
a time limit, so that a document nobody foresaw still ends in a message, never in a machine out of
memory or an import that runs for an hour.
"""

from __future__ import annotations

import multiprocessing
import resource
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

MAX_FILE_BYTES = 100 * 1024 ** 2  # the file on disk
MAX_UNPACKED_BYTES = 100 * 1024 ** 2  # all parts of a .docx, unpacked (a plan: a few MB)
MAX_RATIO = 100  # unpacked / packed for a part over 1 MB; Word's XML packs 5–20 times
MAX_PAGES = 500  # a plan with its annexes: under 200
MAX_STREAM_BYTES = 64 * 1024 ** 2  # one PDF stream, inflated (a page's content: KB to a few MB)
READ_SECONDS = 300  # reading one document (a 200-page plan: about a minute)
READ_MEMORY = 2 * 1024 ** 3  # address space of the reading process

T = TypeVar("T")


class TooCostly(Exception):
    """The document is beyond a limit; the message is for staff, in Chinese."""


def _mb(size: int) -> str:
    return f"{size / 1024 ** 2:,.0f} MB"


def check_file_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise TooCostly(f"文件太大（{_mb(size)}，规划文件一般在几 MB 以内；上限 {_mb(MAX_FILE_BYTES)}）")


def check_docx(path: Path) -> None:
    """The sizes the zip declares (a part can never unpack to more than it declares: zipfile stops there)."""
    check_file_size(path)
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
    unpacked = sum(part.file_size for part in parts)
    packed = [p for p in parts if p.file_size > 1024 ** 2 and p.file_size > MAX_RATIO * max(p.compress_size, 1)]
    if unpacked > MAX_UNPACKED_BYTES or packed:
        worst = max(parts, key=lambda p: p.file_size)
        raise TooCostly(f"文件解压后太大（其中 {worst.filename} 解压后 {_mb(worst.file_size)}，"
                        f"共 {_mb(unpacked)}；上限 {_mb(MAX_UNPACKED_BYTES)}），不像是一份规划文件（可能是“压缩炸弹”）")


def _inflated_size(data: bytes, limit: int) -> int:
    """How much ``data`` inflates to, counted up to ``limit`` + 1 bytes only (never held whole)."""
    inflater = zlib.decompressobj()
    size, chunk = 0, data
    while chunk and size <= limit:
        size += len(inflater.decompress(chunk, 1024 ** 2))
        chunk = inflater.unconsumed_tail
    return size


def check_pdf(path: Path) -> None:
    """The page tree's page count, and every stream inflated up to its bound, before pdfplumber reads a page."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFStream, resolve1

    check_file_size(path)
    with path.open("rb") as handle:
        document = PDFDocument(PDFParser(handle))
        pages = resolve1(resolve1(document.catalog.get("Pages"), {}).get("Count", 0)) if document.catalog else 0
        if isinstance(pages, int) and pages > MAX_PAGES:
            raise TooCostly(f"页数太多（{pages} 页；上限 {MAX_PAGES} 页），不像是一份规划文件。请只导入规划正文部分")
        for xref in document.xrefs:
            for number in xref.get_objids():
                try:
                    inside_stream, _, _ = xref.get_pos(number)
                except KeyError:
                    continue
                if inside_stream is not None:
                    continue  # objects packed in an object stream are never streams; that stream is checked itself
                stream = document.getobj(number)
                # An image is never inflated to read text (a large figure may well unpack to 100 MB).
                if isinstance(stream, PDFStream) and "Flate" in str(stream.get("Filter")) \
                        and "Image" not in str(resolve1(stream.get("Subtype"))):
                    if _inflated_size(stream.rawdata or b"", MAX_STREAM_BYTES) > MAX_STREAM_BYTES:
                        raise TooCostly(f"文件中有一段内容解压后超过 {_mb(MAX_STREAM_BYTES)}（第 {number} 号对象），"
                                        f"不像是一份规划文件（可能是“压缩炸弹”）")


def _limited(reader: Callable[[Path], T], path: Path) -> T:
    resource.setrlimit(resource.RLIMIT_AS, (READ_MEMORY, READ_MEMORY))
    return reader(path)


def read_bounded(reader: Callable[[Path], T], path: Path) -> T:
    """``reader(path)`` in a child process, within READ_MEMORY and READ_SECONDS."""
    context = multiprocessing.get_context("fork")  # the import command has one thread; fork copies what it loaded
    with context.Pool(1) as pool:
        pending = pool.apply_async(_limited, (reader, path))
        try:
            return pending.get(READ_SECONDS)
        except multiprocessing.TimeoutError:
            raise TooCostly(f"读取超过 {READ_SECONDS // 60} 分钟仍未完成，已停止。文件也许过于复杂；"
                            f"可以把规划正文另存为 .docx 或 .txt 后再导入") from None
        except MemoryError:
            raise TooCostly(f"读取所需的内存超过 {_mb(READ_MEMORY)}，已停止。文件也许过于复杂；"
                            f"可以把规划正文另存为 .docx 或 .txt 后再导入") from None
