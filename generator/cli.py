"""Command line: ``python -m generator <command>``.

Exit codes: 0 all well, 1 problems in the input (listed in Chinese), 2 wrong usage, 3 an unexpected
error (a Chinese message naming what was being worked on; never a traceback).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from generator import timing
from generator.model.problem_kinds import kind_of
from generator.model.problems import Problem, Report, os_error_message, printable, shorten
from generator.judge.evaluation import evaluations
from generator.check.content import checked_content
from generator.load.content import plan_folders
from generator.load.data import load_data
from generator.load.ledger import read_ledger
from generator.model.figures import PlanData
from generator.model.plan import GOAL_KINDS, ID_PATTERN, Plan
from generator.pipeline import build, preview
from generator.plan_import.importer import ImportProblem, import_plan
from generator.publish.build import BuildError
from generator.publish.serve import serve


def plan_summary(plan: Plan) -> str:
    info = plan.info
    subs = sum(1 for i in plan.indicators if i.parent)
    milestones = sum(len(c.milestones) for c in plan.columns)
    return (f"{info.title}（{info.id}）：规划期 {info.period.start}–{info.period.end} 年，"
            f"指标 {len(plan.indicators)} 项（其中子项 {subs} 项），专栏 {len(plan.columns)} 个（年度事项 {milestones} 项），"
            f"重点任务 {len(plan.key_tasks)} 项，分解任务 {len(plan.tasks)} 项，责任单位 {len(plan.units())} 个")


def target_counts(plan: Plan) -> list[tuple[str, int, int]]:
    """Targets encoded, by type: (type, count, of which 每年). Numeric: indicators with targets."""
    numeric = [i for i in plan.indicators if i.targets]
    by_kind = [(GOAL_KINDS[kind], [g for g in plan.goals if g.kind == kind]) for kind in GOAL_KINDS]
    return [("数值", len(numeric), sum(i.annual for i in numeric)),
            *((word, len(goals), sum(g.annual for g in goals)) for word, goals in by_kind)]


def targets_summary(plan: Plan) -> str:
    parts = [f"{word} {n} 项" + (f"（其中每年 {annual} 项）" if annual else "") for word, n, annual in target_counts(plan)]
    return "  目标（按类型）：" + "，".join(parts)


def data_summary(data: PlanData) -> str:
    if not data.figures and not data.reports and not data.goal_reports:
        return "  年度数据：尚无（data/ 中没有这个规划的数据）"
    missing = sum(1 for f in data.figures if f.value is None)
    sample = "（含示例数据）" if data.is_sample else ""
    return (f"  年度数据{sample}：指标数值 {len(data.figures)} 条（其中数据暂缺 {missing} 条），"
            f"事项和任务进展 {len(data.reports)} 条，目标进展 {len(data.goal_reports)} 条，年份 {'、'.join(map(str, data.years))}")


def _load_data(root: Path, plans: list[Plan]) -> tuple[dict[str, PlanData | None], list[Problem]]:
    """The data of the loaded plans; folders of plans not loaded (not asked for, or with problems) are left alone."""
    others = {f.name for f in plan_folders(root / "content")} if (root / "content").is_dir() else set()
    return load_data(root / "data", plans, root, ignore=others - {plan.id for plan in plans})


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    plans, problems = checked_content(root / "content", args.plan, root)
    data, data_problems = _load_data(root, [loaded.plan for loaded in plans])
    problems += data_problems
    problems += read_ledger(root)[1]
    if args.json:  # for machines: every problem with its location as fields, sorted as the report lists them
        listed = [{**dataclasses.asdict(p), **dict(zip(("title", "advice"), kind_of(p.code) or ("", "")))}
                  for p in Report(problems).sorted()]
        print(json.dumps(listed, ensure_ascii=False, indent=1))
        return 1 if problems else 0
    if problems:
        print(Report(problems).render(), file=sys.stderr)
        return 1
    for loaded in plans:
        print(plan_summary(loaded.plan))
        print(targets_summary(loaded.plan))
        print(data_summary(data[loaded.plan.id]))
    print(f"检查通过：{len(plans)} 个规划，没有发现问题。")
    return 0


def _template(args: argparse.Namespace) -> int:
    root = Path(args.root)
    plans, problems = checked_content(root / "content", args.plan, root)
    if any(p.code == "unknown-plan" for p in problems):
        print(Report(problems).render(), file=sys.stderr)
        return 2
    if problems:
        print(Report(problems).render(), file=sys.stderr)
        print(f"规划 {args.plan} 有问题，请先修改，再生成填报表。", file=sys.stderr)
        return 1
    plan = plans[0].plan
    period = plan.info.period
    if args.year not in period.years():
        print(f"{args.year} 年不在规划期（{period.start}–{period.end} 年）内，无法生成填报表。", file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else Path(f"{plan.id}-{args.year}-填报表.xlsx")
    if out.exists():
        print(f"{out} 已经存在，为免覆盖已填写的内容，没有生成。请删除或改名后重试，或用 --out 指定别的文件名。", file=sys.stderr)
        return 1
    data, data_problems = _load_data(root, [plan])
    previous = data[plan.id]
    if data_problems:
        print(f"注意：data/ 中的数据有 {len(data_problems)} 个问题（运行 check 查看），“上年数值”留空。", file=sys.stderr)
    from generator.workbook import write_fill_in_workbook  # openpyxl only for the commands that write a workbook

    try:
        write_fill_in_workbook(plan, args.year, previous, out)
    except OSError as error:
        print(f"无法写入 {out}：{error.strerror or error}（文件是否正在 Excel 中打开？）", file=sys.stderr)
        return 1
    print(f"已生成填报表：{out}（{plan.info.short_title}，{args.year} 年）。填好后放入 data/{plan.id}/，再运行 check。")
    return 0


def _build(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    clock = timing.start()
    try:
        site, results, problems = build(root)
    except BuildError as error:
        print("\n".join(printable(line) for line in str(error).splitlines()), file=sys.stderr)
        print("网站没有更新：上次生成的网站保持不变。", file=sys.stderr)
        return 1
    except OSError as error:  # disk full, no permission …: the message names the path
        print(os_error_message(error, root), file=sys.stderr)
        print("网站没有更新：上次生成的网站保持不变。", file=sys.stderr)
        return 1
    if problems:
        print(Report(problems).render(), file=sys.stderr)
        print("网站没有更新：上次生成的网站保持不变。", file=sys.stderr)
        return 1
    years = sum(len(r.years) for r in results)
    reports = sum(len(evaluations(r.plan.info.period, r.latest_year)) for r in results)
    print(f"网站已生成：{site}（{len(results)} 个规划，{years} 份年度公报，{reports} 份评估报告）")
    print(clock.summary())
    if args.timings:
        Path(args.timings).write_text(json.dumps(clock.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _import(args: argparse.Namespace) -> int:
    if not ID_PATTERN.match(args.id):
        print(f"规划编号“{args.id}”不合规：只能用小写英文字母、数字和连字符，如 nantong-2021-2025。", file=sys.stderr)
        return 2
    try:
        print(import_plan(Path(args.file), args.id, Path(args.root) / "content", args.force))
    except ImportProblem as problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


def _serve(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    return serve(root, args.address, regenerate=lambda: preview(root))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="规划实施年度监测公报生成器")
    parser.add_argument("--root", default=".", help="项目文件夹（含 content/、data/），默认当前文件夹")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")
    check = commands.add_parser("check", help="检查规划文件和年度数据（data/），列出全部问题")
    check.add_argument("--plan", help="只检查一个规划（文件夹名）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出问题列表（供其他程序读取），没有问题时输出 []")
    check.set_defaults(run=_check)
    template = commands.add_parser("template", help="生成某一年的数据填报表（Excel）")
    template.add_argument("--plan", required=True, help="规划编号（文件夹名）")
    template.add_argument("--year", required=True, type=int, help="填报年份，如 2022")
    template.add_argument("--out", help="保存到哪里，默认当前文件夹中的“<规划编号>-<年份>-填报表.xlsx”")
    template.set_defaults(run=_template)
    plan_import = commands.add_parser("import", help="从规划文件（.docx、.pdf、.txt）生成规划草稿（content/<编号>/）")
    plan_import.add_argument("file", help="规划文件：Word（.docx）、带文字层的 PDF 或文本（.txt、.md）")
    plan_import.add_argument("--id", required=True, help="新规划的编号（文件夹名），如 yancheng-2021-2025")
    plan_import.add_argument("--force", action="store_true", help="编号已存在时替换原有文件夹")
    plan_import.set_defaults(run=_import)
    build = commands.add_parser("build", help="检查、研判并生成网站（site/）")
    build.add_argument("--timings", metavar="文件", help="把各阶段用时写入这个 JSON 文件（scripts/bench.py 用）")
    build.set_defaults(run=_build)
    preview = commands.add_parser("serve", help="本机预览网站，修改文件后自动更新")
    preview.add_argument("--address", default="127.0.0.1:8000", help="预览地址，默认 127.0.0.1:8000")
    preview.set_defaults(run=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("已中断。网站没有更新：上次生成的网站保持不变。", file=sys.stderr)
        return 130
    except Exception as error:  # staff never see a traceback: say what failed and where
        where = getattr(error, "working_on", "")
        print(f"程序内部错误：{type(error).__name__}（{printable(shorten(str(error), 120))}）。"
              + (f"出错时正在{printable(where)}。" if where else "")
              + ("网站没有更新：上次生成的网站保持不变。" if args.command in ("build", "serve") else "")
              + "这不是数据的问题，请把这段信息发给技术支持人员。", file=sys.stderr)
        return 3
