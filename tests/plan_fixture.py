"""One small canonical plan, written as files into a temporary folder; tests vary it inline."""

from pathlib import Path

SOURCE = """示例市“十四五”教育发展规划
主要指标 2020 年 2025 年
1．学前教育毛入园率（%） >98 >99
2．生师比 17.5 17
3．义务教育标准班额比例（%）
其中：小学 49.8 80
专栏 1：校园足球发展提升计划
主要目标：到 2025 年，全国校园足球特色学校达到 250 所。
实施步骤：2021 年完成各梯队的组队；2022 年起，不断完善竞赛体系。
序号 重点任务 主要工作 责任单位 协同单位
1 推进学前教育 新建幼儿园10所，2023年底前完成。 市教育局 市财政局
"""

PLAN = """\
id: demo-2021-2025
title: 示例市“十四五”教育发展规划
short_title: 示例“十四五”
issuer: 示例市人民政府办公室
document_number: 示政办发〔2022〕1号
issue_date: 2022-04-28
period: {start: 2021, end: 2025}
base_year: 2020
regions: [甲县, 乙区]
unit_aliases: {市教育局: 教育局}
"""

INDICATORS = """\
indicators:
  - id: preschool-enrolment
    name: 学前教育毛入园率
    unit: "%"
    attribute: 约束性
    base: {year: 2020, value: ">98"}
    targets:
      - {year: 2025, value: ">99"}
    quote: "1．学前教育毛入园率（%） >98 >99"
  - id: student-teacher-ratio
    name: 生师比
    direction: lower
    base: {year: 2020, value: "17.5"}
    targets:
      - {year: 2025, value: "17"}
    quote: "2．生师比 17.5 17"
  - id: class-size
    name: 义务教育标准班额比例
    unit: "%"
    quote: "3．义务教育标准班额比例（%）"
  - id: class-size-primary
    name: 小学
    parent: class-size
    base: {year: 2020, value: "49.8"}
    targets:
      - {year: 2025, value: "80"}
    quote: "其中：小学 49.8 80"
  - id: football-schools
    name: 全国校园足球特色学校
    unit: 所
    column: 1
    targets:
      - {year: 2025, value: "250"}
    quote: "全国校园足球特色学校达到 250 所"
"""

COLUMNS = """\
columns:
  - number: 1
    title: 校园足球发展提升计划
    goals: 到 2025 年，全国校园足球特色学校达到 250 所。
    steps: 2021 年完成各梯队的组队；2022 年起，不断完善竞赛体系。
    milestones:
      - id: c01-m1
        year: "2021"
        text: 完成各梯队的组队
      - id: c01-m2
        year: "2022起"
        text: 不断完善竞赛体系
"""

TASKS = """\
key_tasks:
  - id: kt01
    number: "1"
    title: 推进学前教育
tasks:
  - id: t01
    number: "1"
    key_task: kt01
    work: 新建幼儿园10所，2023年底前完成。
    lead_units: [市教育局]
    cooperating_units: [市财政局]
    deadline: 2023年底前
"""

FILES = {"plan.yaml": PLAN, "indicators.yaml": INDICATORS, "columns.yaml": COLUMNS, "tasks.yaml": TASKS,
         "source.txt": SOURCE}


def write_plan(root: Path, **overrides: str | None) -> Path:
    """Write the canonical plan under ``root/content/demo-2021-2025``; ``name_yaml=None`` leaves a file out."""
    folder = root / "content" / "demo-2021-2025"
    folder.mkdir(parents=True)
    files = dict(FILES)
    for key, text in overrides.items():
        files[key.replace("_yaml", ".yaml").replace("_txt", ".txt")] = text
    for name, text in files.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder
