"""Write the demo's yearly figures, progress reports and target states into data/ — 示例数据, not official statistics.

The plan documents give only base values, so the later years of the bundled demo are made up:
plausible (they move from the base towards the target at about the planned pace), reproducible
(seeded by plan and indicator id), and chosen so that the demo shows every status: a lagging
约束性 indicator, a missing value, a 口径变化, a county that lags, targets kept and not kept; and for the
yes/no and milestone targets every state (已实现, 推进中, 未实现, not reported), early, on time and late.
Every row says 示例数据 in its 来源 column and every file name starts with 示例数据.

    .venv/bin/python scripts/make_sample_data.py
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.judge.targets import direction_of, goal_number, meets, target_for  # noqa: E402
from generator.check.content import checked_content  # noqa: E402
from generator.model.plan import Goal, Indicator, Plan, YearValue  # noqa: E402
from generator.render.escape import format_number  # noqa: E402

SOURCE = "示例数据（为演示生成，非官方统计）"
COUNTS = ("所", "个", "人", "名", "家", "项", "次", "门", "对", "套")
# 南通 runs to 2025, so that the demo has a 中期评估 (2023) and a 期末评估 (2025).
YEARS = {"nantong-2021-2025": range(2021, 2026), "rugao-2021-2023": range(2021, 2024),
         "lianyungang-2021-2025": range(2021, 2023)}

# Pace against schedule (1.0 = exactly on schedule) for indicators that tell the demo's story.
PACE = {
    ("nantong-2021-2025", "class-size-standard-primary"): 0.72,  # behind: yellow/red light
    ("nantong-2021-2025", "national-compulsory-balanced-counties"): 0.9,
    ("nantong-2021-2025", "student-fitness-pass-rate"): 1.3,
    ("lianyungang-2021-2025", "standard-class-size-junior"): 0.55,  # 约束性, behind: the demo's 预警
    ("lianyungang-2021-2025", "higher-education-gross-enrolment"): 0.8,
    ("rugao-2021-2023", "higher-qualified-teachers-per-100-junior"): 0.5,  # a threshold missed
}
# Fixed values where the story needs an exact figure: (plan, indicator, year) → written value.
FIXED = {
    ("nantong-2021-2025", "upper-secondary-gross-enrolment", 2023): "99.6",  # 100 → 100 not kept
    ("nantong-2021-2025", "top-national-vocational-colleges", 2021): "0",
    ("nantong-2021-2025", "top-national-vocational-colleges", 2022): "1",
    ("nantong-2021-2025", "top-national-vocational-colleges", 2023): "1",
    ("nantong-2021-2025", "top-national-vocational-colleges", 2024): "2",  # ≥2 reached early
    ("nantong-2021-2025", "elderly-community-education-participation", 2024): "",  # 数据暂缺
}
_RECENSUS = "按第七次全国人口普查口径重新测算，与基期不可比"
DEFINITION_CHANGES = {
    ("nantong-2021-2025", "working-age-schooling-years", 2023): _RECENSUS,
    ("nantong-2021-2025", "working-age-schooling-years", 2024): _RECENSUS,
    ("nantong-2021-2025", "working-age-schooling-years", 2025): _RECENSUS,
}
LAGGING_REGION = {"nantong-2021-2025": "如东县"}  # the county that lags in the demo


def start_for(indicator: Indicator, year: int) -> YearValue | None:
    """Where the made-up series heads from: the last intermediate target already passed, else the base."""
    passed = [t for t in indicator.targets if t.year < year]
    return passed[-1] if passed else indicator.base


def decimals(indicator: Indicator, target: float) -> int:
    if (indicator.unit or "") in COUNTS or (indicator.unit or "").split("/")[0] in COUNTS:
        return 0
    if abs(target) < 2:
        return 3
    return 1 if indicator.unit == "%" else 2


def start_for(indicator: Indicator, year: int) -> YearValue | None:
    """The made-up series moves from the last intermediate target already passed, else from the base."""
    passed = [t for t in indicator.targets if t.year < year]
    return passed[-1] if passed else indicator.base


def plausible_value(plan: Plan, indicator: Indicator, year: int, pace: float, rng: random.Random) -> float:
    direction = direction_of(indicator)
    target = target_for(indicator, year)
    goal = goal_number(target.value, direction)
    start = start_for(indicator, year)
    if start is None:  # no base: start the made-up series at 70–85 % of the way
        start_number = goal * rng.uniform(0.7, 0.85) if direction == "higher" else goal * rng.uniform(1.15, 1.3)
        first_year = plan.info.period.start - 1
    else:
        start_number, first_year = start.value.number, start.year
    if start is not None and meets(start.value, target.value, direction, 0.05):  # a target to keep
        margin = abs(goal) * rng.uniform(0.001, 0.01)
        value = goal + margin if direction == "higher" else goal - margin
        return min(value, 100.0) if indicator.unit == "%" else value
    share = (year - first_year) / (target.year - first_year)
    value = start_number + share * pace * (goal - start_number)
    value += (goal - start_number) * rng.uniform(-0.03, 0.03)
    if indicator.unit == "%":
        value = min(value, 100.0)
    return max(value, 0.0)


def figure_rows(plan: Plan) -> list[dict]:
    rows = []
    years = YEARS[plan.id]
    regions = plan.info.regions if plan.id in LAGGING_REGION else []
    for indicator in (i for i in plan.indicators if i.targets):
        rng = random.Random(f"{plan.id}/{indicator.id}")
        pace = PACE.get((plan.id, indicator.id), rng.uniform(1.0, 1.25))
        places = decimals(indicator, goal_number(indicator.targets[-1].value, direction_of(indicator)))
        for year in years:
            key = (plan.id, indicator.id, year)
            value = FIXED.get(key)
            if value is None:
                value = format_number(round(plausible_value(plan, indicator, year, pace, rng), places))
            rows.append(_figure(indicator.id, year, "", value, DEFINITION_CHANGES.get(key, "")))
            if indicator.table != "主要指标" or value == "":
                continue
            for region in regions:
                county_pace = pace * (0.45 if region == LAGGING_REGION[plan.id] else rng.uniform(0.9, 1.25))
                county = plausible_value(plan, indicator, year, county_pace, rng)
                rows.append(_figure(indicator.id, year, region, format_number(round(county, places)), ""))
    return rows


def _figure(indicator_id: str, year: int, region: str, value: str, changed: str) -> dict:
    note = changed or ("统计部门尚未发布" if value == "" else "")
    return {"指标编号": indicator_id, "年份": year, "地区": region, "数值": value, "说明": note,
            "来源": SOURCE, "口径变化": "是" if changed else ""}


PROGRESS_TEXT = {
    "已完成": "已完成本年度任务，相关工作转入常态化推进。",
    "推进中": "按计划推进，阶段性工作已完成过半。",
    "未启动": "前期调研已开展，尚未正式启动。",
    "滞后": "受用地审批和资金到位影响，进度慢于计划。",
}


def report_status(rng: random.Random, year: int, first: int, last: int) -> str:
    """Early years mostly under way, the due year mostly done; a few lag or have not started."""
    roll = rng.random()
    if year >= last:
        return "已完成" if roll < 0.8 else ("滞后" if roll < 0.95 else "推进中")
    if year == first and roll < 0.1:
        return "未启动"
    return "推进中" if roll < 0.85 else ("滞后" if roll < 0.95 else "已完成")


def milestone_rows(plan: Plan) -> list[dict]:
    rows = []
    start, end = plan.info.period.start, plan.info.period.end
    for column in plan.columns:
        for milestone in column.milestones:
            first, last = milestone.year.resolved(start, end)
            rng = random.Random(f"{plan.id}/{milestone.id}")
            for year in YEARS[plan.id]:
                if first <= year <= last:
                    status = report_status(rng, year, first, last)
                    rows.append({"事项编号": milestone.id, "年份": year, "状态": status, "进展情况": PROGRESS_TEXT[status]})
    return rows


def task_rows(plan: Plan) -> list[dict]:
    rows = []
    years = YEARS[plan.id]
    for task in plan.tasks:
        rng = random.Random(f"{plan.id}/{task.id}")
        last = task.deadline.due.year if task.deadline and task.deadline.due else years[-1]
        budget = task.budget.government if task.budget else None
        planned = float(budget) if budget and budget.replace(".", "", 1).isdigit() else None
        for year in years:
            status = report_status(rng, year, years[0], last)
            spent = "" if planned is None else format_number(round(planned * rng.uniform(0.2, 0.45), 1))
            rows.append({"任务编号": task.id, "年份": year, "状态": status, "进展情况": PROGRESS_TEXT[status],
                         "实际支出（万元）": spent})
    return rows


GOAL_TEXT = {
    "已实现": "已经实现，相关材料已归档备查。",
    "推进中": "正在推进，已完成部分县（市、区）和学校。",
    "未实现": "尚未实现，正在研究推进办法。",
    "": "",
}
# Exact states where the demo needs them: (plan, goal, year) → state ("" = not reported: 数据暂缺).
GOAL_FIXED = {
    ("nantong-2021-2025", "vision-self-screening", 2022): "已实现",  # early
    ("nantong-2021-2025", "internal-audit-full-coverage", 2021): "未实现",  # not due yet: not late
    ("nantong-2021-2025", "security-monitoring-centre", 2024): "",  # 数据暂缺
    ("rugao-2021-2023", "hui-xue-nantong-full-coverage", 2021): "推进中",  # due 2021, under way: late (yellow)
    ("rugao-2021-2023", "hui-xue-nantong-full-coverage", 2022): "已实现",  # done after its year
    ("rugao-2021-2023", "training-materials-measures", 2021): "未实现",  # due 2021: late (orange)
    ("rugao-2021-2023", "training-materials-measures", 2022): "推进中",  # a year after: late (red)
    ("rugao-2021-2023", "training-materials-measures", 2023): "推进中",
    ("rugao-2021-2023", "quality-balanced-county-creation", 2023): "已实现",  # on time
    ("lianyungang-2021-2025", "basic-education-modernisation", 2022): "推进中",  # due 2022: late
    ("lianyungang-2021-2025", "education-spending-not-decreasing", 2022): "未实现",  # 每年: that year late
}


def goal_state(rng: random.Random, goal: Goal, year: int, achieved: bool) -> str:
    """每年 targets are mostly met; a dated target is mostly under way before its year, mostly done in it."""
    roll = rng.random()
    if goal.annual:
        return "已实现" if roll < 0.8 else ("推进中" if roll < 0.95 else "未实现")
    if achieved:
        return "已实现"
    if year < goal.due:
        return "推进中" if roll < 0.8 else ("已实现" if roll < 0.9 else "未实现")
    return "已实现" if roll < 0.75 else ("推进中" if roll < 0.9 else "未实现")


def goal_rows(plan: Plan) -> list[dict]:
    rows = []
    for goal in plan.goals:
        rng = random.Random(f"{plan.id}/{goal.id}")
        achieved = False
        for year in YEARS[plan.id]:
            state = GOAL_FIXED.get((plan.id, goal.id, year)) if (plan.id, goal.id, year) in GOAL_FIXED \
                else goal_state(rng, goal, year, achieved)
            achieved = achieved or state == "已实现"
            document = f"示例文件〔{year}〕{rng.randint(1, 60)}号" if state == "已实现" and goal.proof == "文件" else ""
            count = str(rng.randint(2, 8)) if state and goal.proof == "数量" else ""
            rows.append({"目标编号": goal.id, "年份": year, "状态": state, "进展情况": GOAL_TEXT[state],
                         "佐证文件": document, "数量": count})
    return rows


def write_csv(path: Path, rows: list[dict]) -> None:
    if not rows:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:  # BOM: opens in Excel without 乱码
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    plans, problems = checked_content(ROOT / "content", root=ROOT)
    if problems:
        print("规划文件有问题，请先运行 .venv/bin/generator check", file=sys.stderr)
        return 1
    for loaded in plans:
        plan = loaded.plan
        if plan.id not in YEARS:
            continue
        folder = ROOT / "data" / plan.id
        for old in folder.glob("示例数据-*.csv"):
            old.unlink()
        write_csv(folder / "示例数据-指标.csv", figure_rows(plan))
        write_csv(folder / "示例数据-专栏事项.csv", milestone_rows(plan))
        write_csv(folder / "示例数据-任务.csv", task_rows(plan))
        write_csv(folder / "示例数据-目标.csv", goal_rows(plan))
        print(f"{plan.id}：已写入 {folder.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
