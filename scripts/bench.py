"""How long a province takes to build: cold, nothing changed, one figure corrected.

    .venv/bin/python scripts/bench.py --plans 13 [--json] [--keep 文件夹]
    .venv/bin/python scripts/bench.py --sample [--json]

Synthesises, in a temporary folder, N city plans shaped like 南通“十四五”教育发展规划 (its
indicators, 专栏 and source text, 10 counties each, 2021–2025 made-up figures from
make_sample_data.py, three figures already corrected since the last publish), or copies the
bundled sample (--sample). Then it runs ``python -m generator build`` three times:

- cold: no build/ cache and no site/ (a fresh checkout);
- warm: again, nothing changed;
- one figure: one whole-area figure of the first plan's latest year corrected.

Phase times come from the build itself (``build --timings``); peak memory is the largest single
process of the build (mkdocs and render workers included). Everything is deterministic except
the times, which on a shared machine vary by ±30 %: compare the shares and ratios of one run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import make_sample_data as sample  # noqa: E402

from generator import timing  # noqa: E402
from generator.judge.corrections import ledger_of  # noqa: E402
from generator.check.content import checked_content  # noqa: E402
from generator.load.data import load_data  # noqa: E402
from generator.load.ledger import LEDGER, Ledger, ledger_bytes  # noqa: E402

MODEL = "nantong-2021-2025"
YEARS = range(2021, 2026)
COUNTIES = "东西南北中新江河湖山"  # 10 counties per city: 样1东区 … 样1山区
PROJECT_FILES = ("templates", "site_config", "mkdocs.yml")
SAMPLE_FILES = ("content", "data", *PROJECT_FILES)
DATA_DATE = 1735689600  # 2025-01-01 UTC: the data files' modification time (dates the corrections)
CORRECTED_DATE = 1740787200  # 2025-03-01 UTC: the one-figure correction
COLUMNS = ("load", "specs", "svg", "pdf", "downloads", "pages", "mkdocs", "search", "other")
SITE_TOOLS = ("mkdocs", "search")  # the rest is the generator's own time
PHASE_OF = {"load": timing.LOAD, "specs": timing.SPECS, "svg": timing.SVG, "pdf": timing.PDF,
            "downloads": timing.DOWNLOADS, "pages": timing.PAGES, "mkdocs": timing.MKDOCS,
            "search": timing.SEARCH}
HEADINGS = {"load": "加载检查研判", "specs": "图表规格", "svg": "SVG", "pdf": "PDF", "downloads": "下载文件",
            "pages": "网页", "mkdocs": "MkDocs", "search": "检索索引",
            "other": "其他"}


def plan_yaml(number: int) -> str:
    city = f"样{number}"
    regions = ", ".join(f"{city}{c}区" for c in COUNTIES)
    return (f"id: {plan_id(number)}\n"
            f"title: {city}市“十四五”教育发展规划（合成测试规划）\n"
            f"short_title: {city}市“十四五”教育规划\n"
            f"issuer: {city}市人民政府办公室\n"
            f"document_number: 样政办发〔2022〕{number}号\n"
            "issue_date: 2022-04-28\n"
            "period: {start: 2021, end: 2025}\n"
            "base_year: 2020\n"
            "level: 设区市\n"
            f"regions: [{regions}]\n"
            "regions_note: 合成测试规划，县（市、区）名称为虚构\n"
            f"summary: 按南通市“十四五”教育发展规划的指标、专栏和原文合成的测试规划（第 {number} 个），用于测量生成速度。\n")


def plan_id(number: int) -> str:
    return f"city{number:02d}-2021-2025"


def synthesise(root: Path, plans: int) -> None:
    """N city plans with their data, and a last-published ledger that three figures differ from."""
    for part in PROJECT_FILES:
        copy(ROOT / part, root / part)
    model = ROOT / "content" / MODEL
    (root / "content").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "measures.yaml", root / "content" / "measures.yaml")  # the model plan names them
    for number in range(1, plans + 1):
        folder = root / "content" / plan_id(number)
        folder.mkdir(parents=True)
        for name in ("indicators.yaml", "columns.yaml", "source.txt"):
            shutil.copy(model / name, folder / name)
        (folder / "plan.yaml").write_text(plan_yaml(number), encoding="utf-8")
    loaded, problems = checked_content(root / "content", root=root)
    if problems:
        raise SystemExit(f"合成的规划有问题：{problems[0]}")
    for item in loaded:
        plan = item.plan
        sample.YEARS[plan.id] = YEARS
        sample.LAGGING_REGION[plan.id] = plan.info.regions[3]
        folder = root / "data" / plan.id
        sample.write_csv(folder / "示例数据-指标.csv", sample.figure_rows(plan))
        sample.write_csv(folder / "示例数据-专栏事项.csv", sample.milestone_rows(plan))
    for path in (root / "data").rglob("*.csv"):
        os.utime(path, (DATA_DATE, DATA_DATE))
    seed_ledger(root, [item.plan for item in loaded])


def seed_ledger(root: Path, plans) -> None:
    """The published-figures record as if the site had been published with three figures that differ today."""
    data, problems = load_data(root / "data", plans, root)
    if problems:
        raise SystemExit(f"合成的数据有问题：{problems[0]}")
    published = ledger_of([f for plan_data in data.values() for f in plan_data.figures])
    for key in [k for k, v in published.items() if v and k.endswith("|")][:3]:
        published[key] = f"{float(published[key]) * 0.98:.1f}"
    (root / LEDGER).parent.mkdir(parents=True, exist_ok=True)
    (root / LEDGER).write_bytes(ledger_bytes(Ledger(published)))


def correct_one_figure(root: Path) -> str:
    """Correct the first whole-area figure of the latest year in the first plan's data (its latest
    bulletin): what staff do most. Returns what was changed."""
    path = sorted((root / "data").glob("*/示例数据-指标.csv"))[0]
    lines = path.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    rows = [(n, line.split(",")) for n, line in enumerate(lines[1:], 1)]
    latest = max(int(cells[1]) for _, cells in rows)
    n, cells = next((n, cells) for n, cells in rows
                    if cells[1:3] == [str(latest), ""] and cells[3] and float(cells[3]) > 1)
    old = cells[3]
    cells[3] = f"{float(old) * 0.99:.1f}"  # down, so that a percentage stays within 100
    lines[n] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8-sig")
    os.utime(path, (CORRECTED_DATE, CORRECTED_DATE))
    return f"{path.parent.name} {cells[0]} {latest} 年全域数值 {old} → {cells[3]}"


def copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)


def run_build(root: Path, label: str) -> dict:
    """One build in its own process: wall time, phase times, peak memory, what the site holds."""
    timings = root / f".timings-{label}.json"
    with open(root / f".build-{label}.log", "w") as log:
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "build",
                                    "--timings", str(timings)], stdout=log, stderr=subprocess.STDOUT,
                                   env={**os.environ, "PYTHONPATH": str(ROOT)})
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{label} 生成失败：\n" + (root / f".build-{label}.log").read_text())
    measured = json.loads(timings.read_text(encoding="utf-8"))
    seconds = {column: measured["seconds"].get(phase, 0.0) for column, phase in PHASE_OF.items()}
    seconds["other"] = max(wall - sum(seconds.values()), 0.0)
    return {"run": label, "total": wall, "seconds": seconds,
            "redone": {"charts": measured["done"].get(timing.SVG, 0), "pdfs": measured["done"].get(timing.PDF, 0)},
            "peak_memory_mb": usage.ru_maxrss / 1024, **site_facts(root)}


def site_facts(root: Path) -> dict:
    site = root / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.name == "index.html"]
    html_sizes = [p.stat().st_size for p in pages]
    return {
        "pages": len(pages),
        "charts": len(list((root / "build" / "docs" / "charts").rglob("*.svg"))),
        "pdfs": len(list((site / "downloads" / "bulletins").glob("*.pdf"))),
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "html_mb": sum(html_sizes) / 1e6,
        "median_page_kb": statistics.median(html_sizes) / 1e3 if html_sizes else 0,
        "source_maps": sum(1 for p in files if p.suffix == ".map"),
        "search_index_mb": sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file()) / 1e6,
    }


def generator_share(run: dict) -> float:
    return 1 - sum(run["seconds"][tool] for tool in SITE_TOOLS) / run["total"]


def ratios(runs: dict[str, dict]) -> dict:
    cold, warm, figure = runs["cold"], runs["warm"], runs["one figure"]
    return {
        "warm_generator_share": generator_share(warm),
        "figure_over_warm": figure["total"] / warm["total"],
        "cold_over_warm": cold["total"] / warm["total"],
        "pdfs_rerendered_for_one_figure": figure["redone"]["pdfs"],
    }


def table(result: dict) -> str:
    head = ["运行", "总计", *(HEADINGS[c] for c in COLUMNS), "生成器占比", "重绘图表", "重排PDF", "峰值内存"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for run in result["runs"].values():
        total = run["total"]
        cells = [run["run"], f"{total:.1f} s"]
        cells += [f"{run['seconds'][c]:.1f} s（{run['seconds'][c] / total:.0%}）" for c in COLUMNS]
        cells += [f"{generator_share(run):.0%}", str(run["redone"]["charts"]),
                  str(run["redone"]["pdfs"]), f"{run['peak_memory_mb']:.0f} MB"]
        lines.append("| " + " | ".join(cells) + " |")
    cold = result["runs"]["cold"]
    r = result["ratios"]
    lines += [
        "",
        f"工作量：{result['workload']}；{cold['pages']} 个网页，{cold['charts']} 张图表，{cold['pdfs']} 份 PDF；"
        f"网站 {cold['site_mb']:.1f} MB（HTML {cold['html_mb']:.1f} MB，网页中位数 {cold['median_page_kb']:.1f} KB，"
        f"检索索引（Pagefind，按需分块加载）共 {cold['search_index_mb']:.2f} MB，source map {cold['source_maps']} 个）",
        f"未变时生成器占比 {r['warm_generator_share']:.0%}；改一个数 / 未变 = {r['figure_over_warm']:.2f}×"
        f"（{result['changed']}；重排 PDF {r['pdfs_rerendered_for_one_figure']} 份）；冷启动 / 未变 = {r['cold_over_warm']:.2f}×",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description="生成速度基准：冷启动、未变、改一个数三次生成的各阶段用时")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--plans", type=int, help="合成几个南通“十四五”规划那样的市级规划")
    which.add_argument("--sample", action="store_true", help="用自带的示例内容（content/、data/）")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")
    parser.add_argument("--keep", type=Path, help="把生成用的项目文件夹（含 site/）保留在这里，供查看")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        root = Path(folder) / "project"
        root.mkdir()
        if args.sample:
            for part in SAMPLE_FILES:
                copy(ROOT / part, root / part)
            workload = "自带示例（5 个规划）"
        else:
            synthesise(root, args.plans)
            workload = f"{args.plans} 个合成市级规划（南通“十四五”规划形态，各 10 个县区，2021—2025 年数据，已有 3 处更正）"
        runs = {"cold": run_build(root, "cold"), "warm": run_build(root, "warm")}
        changed = correct_one_figure(root)
        runs["one figure"] = run_build(root, "one figure")
        result = {"workload": workload, "changed": changed, "cpus": os.cpu_count(), "runs": runs,
                  "ratios": ratios(runs)}
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            shutil.copytree(root, args.keep)
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
