"""Command line: ``.venv/bin/generator <command>`` (or ``python3 -m generator``, which runs the same).

Exit codes: 0 all well, 1 problems in the input (listed in Chinese), 2 wrong usage, 3 an unexpected
error (a Chinese message naming what was being worked on; never a traceback).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

from generator import timing
from generator.arguments import use_chinese
from generator.command import COMMAND
from generator.model.problem_kinds import kind_of
from generator.model.problems import Problem, Report, os_error_message, printable, shorten
from generator.check.completeness import ATTRIBUTES, KINDS, YearCompleteness, plan_completeness
from generator.check.content import checked_content
from generator.check.fonts import font_reminders
from generator.check.milestone_reports import contradicting_reports
from generator.config import DEFAULT_DRAFT_BELOW, load_site_config
from generator.load.content import plan_folders
from generator.load.data import load_data
from generator.load.ledger import LEDGER, read_ledger
from generator.model.figures import PlanData
from generator.model.names import id_problem
from generator.model.plan import GOAL_KINDS, Plan
from generator.pipeline import build, preview
from generator.plan_import.importer import ImportProblem, import_plan
from generator.publish.build import BuildError
from generator.publish.release import release
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


def completeness_table(rows: list[YearCompleteness], below: float) -> list[str]:
    """Per year: reported/expected of each kind, indicators also by 属性, and which years are drafts."""
    if not rows:
        return []
    attributes = [a for a in ATTRIBUTES if any(a in row.by_attribute for row in rows)]
    header = ["年份", "指标", *(f"其中{a}" for a in attributes), *(KINDS[k] for k in ("goals", "milestones", "tasks")), "判断"]
    lines = [f"  填报情况（已填报/应填报；指标不足 {below:.0%} 的年份为初步数据，发布时须点名）：", "  " + "｜".join(header)]
    for row in rows:
        cells = [f"{row.year}", str(row.indicators), *(str(row.by_attribute.get(a, "—")) for a in attributes),
                 str(row.goals), str(row.milestones), str(row.tasks),
                 f"初步数据（发布须加 --include-draft {row.year}）" if row.is_draft else "可以发布"]
        lines.append("  " + "｜".join(cells))
    return lines


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
    if (root / "site_config").exists():  # the settings the build would refuse (a project of plans only has none)
        problems += load_site_config(root / "site_config", root)[1]
    if args.json:  # for machines: every problem with its location as fields, sorted as the report lists them
        listed = [{**dataclasses.asdict(p), **dict(zip(("title", "advice"), kind_of(p.code) or ("", "")))}
                  for p in Report(problems).sorted()]
        print(json.dumps(listed, ensure_ascii=False, indent=1))
        return 1 if problems else 0
    for reminder in font_reminders(plans, root / "templates"):  # not a problem: the site is built all the same
        print(f"提醒：{reminder}")
    if problems:
        print(Report(problems).render(), file=sys.stderr)
        return 1
    notes = []
    config, _ = load_site_config(root / "site_config", root)
    below = config.settings.draft_below if config else DEFAULT_DRAFT_BELOW
    for loaded in plans:
        print(plan_summary(loaded.plan))
        print(targets_summary(loaded.plan))
        print(data_summary(data[loaded.plan.id]))
        for line in completeness_table(plan_completeness(loaded.plan, data[loaded.plan.id], below), below):
            print(line)
        notes += contradicting_reports(loaded.plan, data[loaded.plan.id] or PlanData())
    if notes:  # worth a look, but no error: the site shows the latest report
        print("提示（不影响生成网站，请核对）：")
        print("\n".join(f"  {n}. {note}" for n, note in enumerate(Report(notes).sorted(), 1)))
    also = f"（另有 {len(notes)} 条提示）" if notes else ""
    print(f"检查通过：{len(plans)} 个规划，没有发现问题{also}。")
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
    reports = sum(len(r.evaluations) for r in results)
    print(f"试生成的网站：{site}（{len(results)} 个规划，{years} 份年度公报，{reports} 份评估报告）。"
          f"这不算发布，页脚写明“尚未发布”；审核无误后发布：{COMMAND} release --date 年-月-日")
    print(clock.summary())
    if args.timings:
        Path(args.timings).write_text(json.dumps(clock.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def _release(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    clock = timing.start()
    try:
        done = release(root, args.date, frozenset(args.include_draft))
    except OSError as error:
        print(os_error_message(error, root), file=sys.stderr)
        print("没有发布：上次发布的网站和发布记录保持不变。", file=sys.stderr)
        return 1
    if done.problems:
        print(Report(done.problems).render(), file=sys.stderr)
        print("没有发布：上次发布的网站和发布记录保持不变。", file=sys.stderr)
        return 1
    day = done.date
    print(f"已发布：第 {done.number} 次发布，{day.year} 年 {day.month} 月 {day.day} 日。网站：{done.site}；"
          f"发布记录已写入 {LEDGER}（请和数据一起提交到版本库）。")
    for row in done.drafts:
        print(f"注意：规划 {row.plan_id} 的 {row.year} 年作为初步数据发布（已填报指标 {row.indicators}），网站上已标明“初步数据”。")
    print(clock.summary())
    return 0


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”写法不对，应写成 年-月-日，如 2026-03-31") from None


def _import(args: argparse.Namespace) -> int:
    if reason := id_problem(args.id, plan=True):  # the loader's rule: no draft that check would refuse
        print(f"--id：{printable(reason)}。请换一个编号，如 nantong-2021-2025。", file=sys.stderr)
        return 2
    try:
        print(_inert(import_plan(Path(args.file), args.id, Path(args.root) / "content", args.force), args.file))
    except ImportProblem as problem:
        print(_inert(str(problem), args.file), file=sys.stderr)
        return 1
    return 0


def _inert(text: str, file: str) -> str:
    """Text for the terminal: the file's name (anyone's choice: line breaks, ESC, BEL) escaped where it
    appears, so that it can neither forge a line of the message nor drive the terminal."""
    for raw in sorted({file, Path(file).name}, key=len, reverse=True):
        text = text.replace(raw, printable(raw))
    return "\n".join(printable(line) for line in text.split("\n"))


def _serve(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    timing.start(lines=True)  # the first pages take minutes: each phase is named as it starts

    def regenerate() -> bool:
        timing.start(lines=True)
        return preview(root)
    return serve(root, args.address, regenerate)


def _year(text: str) -> int:
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"年份“{text}”写法不对，应写四位数字，如 2023")
    return int(text)


def _workbench(args: argparse.Namespace) -> int:
    from generator.workbench.app import run  # the web server only for this command

    return run(Path(args.root).resolve(), args.address)


def build_parser() -> argparse.ArgumentParser:
    use_chinese()
    parser = argparse.ArgumentParser(prog=COMMAND, description="规划实施年度监测公报生成器")
    parser.add_argument("--root", default=".", metavar="文件夹", help="项目文件夹（含 content/、data/），默认当前文件夹")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令", title="命令",
                                     help="每个命令后加 -h 可看它的用法，如 release -h")
    check = commands.add_parser("check", help="检查规划文件和年度数据（data/），列出全部问题和各年的填报情况")
    check.add_argument("--plan", metavar="规划编号", help="只检查一个规划（文件夹名）")
    check.add_argument("--json", action="store_true", help="以 JSON 输出问题列表（供其他程序读取），没有问题时输出 []")
    check.set_defaults(run=_check)
    template = commands.add_parser("template", help="生成某一年的数据填报表（Excel）")
    template.add_argument("--plan", required=True, metavar="规划编号", help="规划编号（文件夹名）")
    template.add_argument("--year", required=True, type=_year, metavar="年份", help="填报年份，如 2022")
    template.add_argument("--out", metavar="文件", help="保存到哪里，默认当前文件夹中的“<规划编号>-<年份>-填报表.xlsx”")
    template.set_defaults(run=_template)
    plan_import = commands.add_parser("import", help="从规划文件（.docx、.pdf、.txt）生成规划草稿（content/<编号>/）")
    plan_import.add_argument("file", metavar="规划文件", help="Word（.docx）、带文字层的 PDF 或文本（.txt、.md）")
    plan_import.add_argument("--id", required=True, metavar="编号", help="新规划的编号（文件夹名），如 yancheng-2021-2025")
    plan_import.add_argument("--force", action="store_true", help="编号已存在时替换原有文件夹")
    plan_import.set_defaults(run=_import)
    build = commands.add_parser("build", help="试生成网站（site/）供预览和审核；不算发布，不改动发布记录")
    build.add_argument("--timings", metavar="文件", help="把各阶段用时写入这个 JSON 文件（scripts/bench.py 用）")
    build.set_defaults(run=_build)
    publish = commands.add_parser("release", help="发布：生成网站，标上发布日期和第几次发布，并记入发布记录（data/published.json）")
    publish.add_argument("--date", required=True, type=_date, metavar="年-月-日", help="发布日期，如 2026-03-31")
    publish.add_argument("--include-draft", type=_year, action="append", default=[], metavar="年份",
                         help="把数据不全的这一年作为“初步数据”一并发布（可重复，如 --include-draft 2023）")
    publish.set_defaults(run=_release)
    preview = commands.add_parser("serve", help="本机预览网站，修改文件后自动更新")
    preview.add_argument("--address", default="127.0.0.1:8000", metavar="地址", help="预览地址，默认 127.0.0.1:8000")
    preview.set_defaults(run=_serve)
    workbench = commands.add_parser("workbench", help="打开工作台：在浏览器中下载填报表、上传数据、预览和发布")
    workbench.add_argument("--address", default="127.0.0.1:8765", metavar="地址",
                           help="工作台地址，默认 127.0.0.1:8765（只有本机能打开）；要让单位内部网络中的电脑打开，"
                                "写本机在内部网络中的地址，如 192.168.1.20:8765")
    workbench.set_defaults(run=_workbench)
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
