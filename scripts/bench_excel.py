"""What a hostile workbook costs the loader: a sheet of a million rows, and a zip bomb.

    .venv/bin/python scripts/bench_excel.py [--rows 1000000]

Writes the workbooks into a temporary folder, then reads each in a fresh process (as ``check`` and
``build`` do) and prints the time, the peak memory and the report. Before issue 10 the million rows took
352 s, 3.7 GB and printed a million problems. Now a workbook that unpacks to more than a data workbook
ever does is refused before it is opened, and a smaller one is streamed and stopped at the row cap.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl

READ = """
import resource, sys, time
from pathlib import Path
from generator.model.problems import Report
from generator.load.data import read_tables
started = time.perf_counter()
tables, problems = read_tables(Path(sys.argv[1]), "data/bench/" + Path(sys.argv[1]).name)
took = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
report = Report(problems).render()
print(f"{took:.1f} s, peak {peak:.0f} MB, {len(problems)} problem(s), report {len(report)} characters")
print(report.splitlines()[1] if problems else "no problems")
"""


def million_rows(path: Path, rows: int) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("指标")
    sheet.append(["指标编号", "年份", "地区", "数值"])
    for n in range(rows):
        sheet.append([f"no-such-indicator-{n}", 2023, None, n])
    book.save(path)


def zip_bomb(path: Path, unpacked_mb: int) -> None:
    book = openpyxl.Workbook()
    book.active.append(["指标编号", "年份", "数值"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info.filename))
        target.writestr("xl/media/padding.bin", bytes(unpacked_mb * 1024 ** 2), compresslevel=9)


def measure(path: Path) -> None:
    print(f"{path.name}（{path.stat().st_size / 1024 ** 2:.1f} MB）：", flush=True)
    subprocess.run([sys.executable, "-c", READ, str(path)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 100_000])
    parser.add_argument("--bomb-mb", type=int, default=2048)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for count in args.rows:
            rows = Path(folder) / f"rows-{count}.xlsx"
            started = time.perf_counter()
            million_rows(rows, count)
            print(f"wrote {count:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
            measure(rows)
        bomb = Path(folder) / "bomb.xlsx"
        zip_bomb(bomb, args.bomb_mb)
        measure(bomb)


if __name__ == "__main__":
    main()
