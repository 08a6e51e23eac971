"""Hostile documents for ``import``, written when a test runs (a few KB each, however much they unpack to).

- ``docx_bomb``: a valid .docx whose document.xml unpacks to ``megabytes`` MB of one paragraph;
- ``pdf_pages``: a valid PDF of ``pages`` pages, all sharing one small content stream;
- ``pdf_inflate``: a one-page PDF whose content stream inflates to ``megabytes`` MB;
- ``text``: a UTF-8 text file with the given text (the file name may hold anything).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from docx import Document as new_docx

CHUNK = 1024 ** 2


def text(path: Path, content: str = "示例规划\n") -> None:
    path.write_text(content, encoding="utf-8")


def docx_bomb(path: Path, megabytes: int = 1024) -> None:
    """document.xml: the real start of a document, then ``megabytes`` MB of spaces inside one run."""
    template = io.BytesIO()
    word = new_docx()
    word.add_paragraph("PLACEHOLDER")
    word.save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "word/document.xml":
                out.writestr(item, data)
                continue
            head, tail = data.split(b"PLACEHOLDER")
            info = zipfile.ZipInfo("word/document.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with out.open(info, "w", force_zip64=True) as part:
                part.write(head)
                block = b" " * CHUNK
                for _ in range(megabytes):
                    part.write(block)
                part.write(tail)


def _pdf(objects: list[bytes], page_ids: list[int]) -> bytes:
    """A PDF of ``objects`` (object 1 the catalog, 2 the page tree) with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    start = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start))
    return out.getvalue()


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 3 0 R >>"


def _stream(data: bytes, compressed: bytes | None = None, extra: bytes = b"") -> bytes:
    if compressed is None:
        return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(compressed), extra) + compressed + b"\nendstream"


def pdf_pages(path: Path, pages: int = 3000) -> None:
    content = _stream(b"BT /F1 12 Tf 72 720 Td (Plan text on every page) Tj ET")
    first = 5
    kids = b" ".join(b"%d 0 R" % (first + k) for k in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               content, FONT] + [PAGE] * pages
    path.write_bytes(_pdf(objects, list(range(first, first + pages))))


def pdf_inflate(path: Path, megabytes: int = 1024, image: bool = False) -> None:
    """One page whose content stream is a short text, then ``megabytes`` MB of spaces (deflated ~1000:1);
    ``image``: the same stream declared an image instead (a large figure, which reading text never inflates)."""
    packer = zlib.compressobj(9)
    packed = [packer.compress(b"BT /F1 12 Tf 72 720 Td (Plan) Tj ET\n")]
    block = b" " * CHUNK
    packed += [packer.compress(block) for _ in range(megabytes)]
    packed.append(packer.flush())
    extra = b"/Type /XObject /Subtype /Image /Width 8192 /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 " % (megabytes * 128)
    content = _stream(b"", b"".join(packed), extra if image else b"")
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>", content, FONT, PAGE]
    path.write_bytes(_pdf(objects, [5]))
