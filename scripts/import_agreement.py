"""Import every document of the development corpus and the five source plans, in each format, and
compare each draft with its answer key, field by field.

The corpus is ``tests/import_corpus/<document>/`` (``source.txt`` and a hand-written ``key.yaml``);
the source plans are ``content/<plan>/source.txt`` against their hand-encoded plan. Each text is
also written as a Word document (real tables, merged cells) and a PDF, and those are imported too.
Prints one table: per document and format, items that agree / items compared; then the totals.

Usage: python scripts/import_agreement.py [--formats txt,docx,pdf] [--only NAME]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from import_documents import write_docx, write_pdf  # noqa: E402

from generator.load.content import plan_folders  # noqa: E402
from generator.load.plan import load_plan  # noqa: E402
from generator.plan_import.agreement import FIELDS, Score, compare, key_from_plan  # noqa: E402
from generator.plan_import.importer import draft_plan, read_document  # noqa: E402

CORPUS = ROOT / "tests" / "import_corpus"
FORMATS = ("txt", "docx", "pdf")
Row = tuple[str, str, dict[str, Score]]  # document, format, scores


def documents(content: Path = ROOT / "content") -> list[tuple[str, Path, dict]]:
    """(name, source text, answer key) for the corpus and then the source plans."""
    found = []
    for folder in sorted(p for p in CORPUS.iterdir() if (p / "key.yaml").is_file()):
        key = yaml.safe_load((folder / "key.yaml").read_text(encoding="utf-8"))
        found.append((folder.name, folder / "source.txt", key))
    for folder in plan_folders(content):
        loaded, problems = load_plan(folder)
        if loaded is None:
            raise SystemExit(f"{folder} 无法读取：{problems[0].message}")
        found.append((f"seed:{folder.name}", folder / "source.txt", key_from_plan(loaded.plan)))
    return found


def agreement(formats: tuple[str, ...] = FORMATS, only: str | None = None) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as scratch:
        for name, source, key in documents():
            if only and only not in name:
                continue
            text = read_document(source)
            for form in formats:
                path = source
                if form != "txt":
                    path = Path(scratch) / f"{name.replace(':', '_')}.{form}"
                    (write_docx if form == "docx" else write_pdf)(text, path)
                draft = draft_plan(read_document(path), "corpus")
                rows.append((name, form, compare(key, draft)))
    return rows


def total(rows: list[Row], field: str) -> Score:
    score = Score()
    for _, _, scores in rows:
        score += scores[field]
    return score


def _cell(score: Score) -> str:
    return f"{score.agree}/{score.total}" if score.total else "—"


def _share(score: Score) -> str:
    return f"{score.share:.0%}" if score.total else "—"


def render(rows: list[Row]) -> str:
    lines = ["| 文件 | 格式 | " + " | ".join(FIELDS) + " |", "|---|---|" + "---|" * len(FIELDS)]
    for name, form, scores in rows:
        lines.append(f"| {name} | {form} | " + " | ".join(_cell(scores[f]) for f in FIELDS) + " |")
    groups = [("开发语料", lambda n: not n.startswith("seed:")), ("五个原始规划", lambda n: n.startswith("seed:"))]
    for label, keep in groups:
        for form in sorted({f for _, f, _ in rows}, key=FORMATS.index):
            part = [r for r in rows if keep(r[0]) and r[1] == form]
            if part:
                lines.append(f"| **{label}合计** | {form} | "
                             + " | ".join(f"{_cell(total(part, f))}（{_share(total(part, f))}）" for f in FIELDS) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="导入开发语料和原始规划，与答案逐项比对")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--only")
    args = parser.parse_args()
    formats = tuple(f for f in args.formats.split(",") if f in FORMATS)
    print(render(agreement(formats, args.only)))


if __name__ == "__main__":
    main()
