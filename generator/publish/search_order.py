"""Pagefind's filter files put in one fixed order, so the same pages give the same index bytes.

Pagefind 1.5 writes the values of a filter (and the list of filters in its metadata file) in the
order of a Rust hash map, which changes from run to run: two builds of the same pages gave different
``filter/*.pf_filter`` files, a different ``pagefind.*.pf_meta`` and so a different
``pagefind-entry.json``. Every such file is ``pagefind_dcd`` followed by CBOR, gzipped; its name is a
hash that the metadata file (for filters) or the entry file (for the metadata) refers to. This sorts
the values and the filters, writes the files again and names them by the hash of what they now hold.
The browser's Pagefind reads filters by name and value, never by position, so searches are unchanged.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"


def settle(index: Path) -> None:
    """Rewrite ``index`` (a Pagefind output folder) so its bytes depend only on what it holds."""
    entry = json.loads((index / ENTRY).read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        old_meta = index / f"pagefind.{language['hash']}.pf_meta"
        version, pages, chunks, filters, sorts, *rest = read(old_meta)
        renamed = []
        for name, chunk in filters:
            old_filter = index / "filter" / f"{chunk}.pf_filter"
            label, values = read(old_filter)
            old_filter.unlink()
            renamed.append([name, write(index / "filter", [label, sorted(values, key=lambda v: v[0])],
                                        prefix(chunk), ".pf_filter", 7)])
        old_meta.unlink()
        language["hash"] = write(index, [version, pages, chunks, sorted(renamed), sorts, *rest],
                                 prefix(language["hash"]), ".pf_meta", 10, name_prefix="pagefind.")
    (index / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def prefix(chunk: str) -> str:
    """The language part of a Pagefind file name: ``zh`` of ``zh_537ccdc``."""
    return chunk.rsplit("_", 1)[0]


def read(path: Path) -> list:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} 不是 Pagefind 的索引文件")
    return cbor2.loads(data[len(SIGNATURE):])


def write(folder: Path, value: list, language: str, suffix: str, digits: int, name_prefix: str = "") -> str:
    """Write ``value`` as Pagefind does and return the file's new hash name."""
    data = gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)
    chunk = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name_prefix}{chunk}{suffix}").write_bytes(data)
    return chunk
