"""Command line: ``python -m generator <command>``.

Exit codes: 0 all well, 1 problems in the input (listed in Chinese), 2 wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.check.problems import Report
from generator.load.content import load_content
from generator.model.plan import Plan
from generator.publish.build import BuildError, build_site
from generator.render.pages import site_pages


def plan_summary(plan: Plan) -> str:
    info = plan.info
    subs = sum(1 for i in plan.indicators if i.parent)
    milestones = sum(len(c.milestones) for c in plan.columns)
    return (f"{info.title}（{info.id}）：规划期 {info.period.start}–{info.period.end} 年，"
            f"指标 {len(plan.indicators)} 项（其中子项 {subs} 项），专栏 {len(plan.columns)} 个（年度事项 {milestones} 项），"
            f"重点任务 {len(plan.key_tasks)} 项，分解任务 {len(plan.tasks)} 项，责任单位 {len(plan.units())} 个")


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    plans, problems = load_content(root / "content", args.plan, root)
    if problems:
        print(Report(problems).render(), file=sys.stderr)
        return 1
    for loaded in plans:
        print(plan_summary(loaded.plan))
    print(f"检查通过：{len(plans)} 个规划，没有发现问题。")
    return 0


def _build(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    plans, problems = load_content(root / "content", root=root)
    if problems:
        print(Report(problems).render(), file=sys.stderr)
        print("网站没有更新：上次生成的网站保持不变。", file=sys.stderr)
        return 1
    try:
        site = build_site(root, site_pages([loaded.plan for loaded in plans]))
    except BuildError as error:
        print(error, file=sys.stderr)
        print("网站没有更新：上次生成的网站保持不变。", file=sys.stderr)
        return 1
    print(f"网站已生成：{site}（{len(plans)} 个规划）")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="规划实施年度监测公报生成器")
    parser.add_argument("--root", default=".", help="项目文件夹（含 content/、data/），默认当前文件夹")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")
    check = commands.add_parser("check", help="检查规划文件，列出全部问题")
    check.add_argument("--plan", help="只检查一个规划（文件夹名）")
    check.set_defaults(run=_check)
    build = commands.add_parser("build", help="检查、研判并生成网站（site/）")
    build.set_defaults(run=_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
