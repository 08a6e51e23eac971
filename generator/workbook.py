"""The fill-in workbook (填报表) staff use to report one year of a plan: ``.venv/bin/generator template``.

Its headers are the columns the data loader reads; the grey columns are for reference and the
loader ignores them, so the workbook saved back into ``data/<plan>/`` loads even untouched
(blank 数值 → 数据暂缺, rows without a status → not reported).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator.command import COMMAND
from generator.load.rows import unit_of
from generator.load.tables import COUNT, DOCUMENT, FIGURES, GOALS, MILESTONES, SPENT, TASKS, TableKind
from generator.model.figures import GOAL_STATES, TASK_STATUSES, WHOLE_AREA, PlanData
from generator.model.plan import Indicator, Plan, Task
from generator.render.spreadsheet import append_row

INDICATOR_COLUMNS = ("指标编号", "指标名称", "单位", "地区", "年份", "上年数值", "规划目标", "数值", "说明", "来源", "口径变化")
MILESTONE_COLUMNS = ("事项编号", "专栏", "计划年份", "事项内容", "年份", "状态", "进展情况")
GOAL_COLUMNS = ("目标编号", "目标", "类型", "完成年份", "责任单位", "年份", "状态", "进展情况", DOCUMENT, COUNT)
TASK_COLUMNS = ("任务编号", "重点任务", "主要工作", "责任单位", "完成时限", "资金预算", "年份", "状态", "进展情况", SPENT)

WIDTHS = {"指标编号": 24, "指标名称": 32, "单位": 8, "地区": 10, "年份": 8, "上年数值": 12, "规划目标": 24, "数值": 14,
          "说明": 30, "来源": 22, "口径变化": 10, "事项编号": 12, "专栏": 26, "计划年份": 12, "事项内容": 40, "状态": 10,
          "进展情况": 50, "任务编号": 10, "重点任务": 30, "主要工作": 50, "责任单位": 22, "完成时限": 16, "资金预算": 22,
          SPENT: 14, "目标编号": 24, "目标": 40, "类型": 10, "完成年份": 10, DOCUMENT: 30, COUNT: 10}
WRAPPED = {"指标名称", "规划目标", "说明", "来源", "专栏", "事项内容", "进展情况", "重点任务", "主要工作", "责任单位",
           "资金预算", "完成时限", "目标", DOCUMENT}
GREY = PatternFill("solid", fgColor="E7E6E6")  # reference: ignored when loading
TO_FILL = PatternFill("solid", fgColor="FFF2CC")  # the figure to enter
HEADER = PatternFill("solid", fgColor="D9E1F2")
EXTRA_ROWS = 200  # dropdowns reach below the last row, for rows staff add


def write_fill_in_workbook(plan: Plan, year: int, previous: PlanData | None, path: Path) -> Path:
    """Write the workbook for ``year``; ``previous`` (the data loaded so far) fills 上年数值."""
    workbook = Workbook()
    notes = workbook.active
    notes.title = "说明"
    _write_notes(notes, plan, year)
    _write_table(workbook.create_sheet("指标"), FIGURES, INDICATOR_COLUMNS, list(indicator_rows(plan, year, previous)))
    _write_table(workbook.create_sheet("专栏事项"), MILESTONES, MILESTONE_COLUMNS, list(milestone_rows(plan, year)))
    _write_table(workbook.create_sheet("任务"), TASKS, TASK_COLUMNS, list(task_rows(plan, year)))
    _write_table(workbook.create_sheet("目标"), GOALS, GOAL_COLUMNS, list(goal_rows(plan, year)))
    workbook.properties.title = f"{plan.info.title} {year} 年度监测数据填报表"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return path


# Rows -----------------------------------------------------------------------------------------

def _targets(indicator: Indicator) -> str:
    return "；".join(f"{t.year} 年：{t.value.text}" for t in indicator.targets)


def indicator_rows(plan: Plan, year: int, previous: PlanData | None) -> Iterator[dict[str, object]]:
    """One row per indicator with targets, for the whole area and then for each region of the plan."""
    before = {(f.indicator_id, f.region): f.value.text for f in (previous.figures if previous else ())
              if f.year == year - 1 and f.value is not None}
    for indicator in plan.indicators:
        if not indicator.targets:
            continue
        for region in [WHOLE_AREA, *plan.info.regions]:
            yield {"指标编号": indicator.id, "指标名称": plan.full_name(indicator), "单位": unit_of(plan, indicator),
                   "地区": region or None, "年份": year, "上年数值": before.get((indicator.id, region)),
                   "规划目标": _targets(indicator)}


def milestone_rows(plan: Plan, year: int) -> Iterator[dict[str, object]]:
    """The 专栏 milestones whose years include ``year``."""
    period = plan.info.period
    for column in plan.columns:
        for milestone in column.milestones:
            start, end = milestone.year.resolved(period.start, period.end)
            if start <= year <= end:
                yield {"事项编号": milestone.id, "专栏": f"专栏 {column.number}：{column.title}",
                       "计划年份": milestone.year.text, "事项内容": milestone.text, "年份": year}


def _budget(task: Task) -> str | None:
    if task.budget is None:
        return None
    parts = [f"政府投入：{task.budget.government}" if task.budget.government else None,
             f"学校自筹：{task.budget.school}" if task.budget.school else None]
    return "；".join(p for p in parts if p) or None


def task_rows(plan: Plan, year: int) -> Iterator[dict[str, object]]:
    key_tasks = {k.id: k.title for k in plan.key_tasks}
    for task in plan.tasks:
        heading = " ".join(p for p in (task.project, task.name) if p)
        units = "、".join(task.lead_units)
        if task.cooperating_units:
            units += f"（协同：{'、'.join(task.cooperating_units)}）"
        yield {"任务编号": task.id, "重点任务": key_tasks.get(task.key_task or ""),
               "主要工作": f"{heading}：{task.work}" if heading else task.work, "责任单位": units or None,
               "完成时限": task.deadline.text if task.deadline else None, "资金预算": _budget(task), "年份": year}


def goal_rows(plan: Plan, year: int) -> Iterator[dict[str, object]]:
    """Every yes/no and milestone target, each year until it is reached (and 每年 ones every year)."""
    for goal in plan.goals:
        yield {"目标编号": goal.id, "目标": goal.name + (f"（{goal.region}）" if goal.region else ""),
               "类型": goal.kind_word, "完成年份": "每年" if goal.annual else goal.due,
               "责任单位": "、".join(goal.lead_units) or None, "年份": year}


# Sheets ---------------------------------------------------------------------------------------

def _dropdown(sheet: Worksheet, letter: str, last_row: int, choices: tuple[str, ...], title: str) -> None:
    validation = DataValidation(type="list", formula1=f'"{",".join(choices)}"', allow_blank=True,
                                showErrorMessage=True, errorTitle=title, error=f"请从下拉列表中选择：{'、'.join(choices)}")
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def _not_negative(sheet: Worksheet, letter: str, last_row: int, column: str) -> None:
    unit = "（万元）" if column == SPENT else ""
    validation = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                showErrorMessage=True, errorTitle=column, error=f"请填写 0 或正数{unit}；不详时留空")
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.add_data_validation(validation)


def _write_table(sheet: Worksheet, kind: TableKind, columns: tuple[str, ...], rows: list[dict[str, object]]) -> None:
    sheet.append(list(columns))
    for row in rows:
        append_row(sheet, [row.get(column) for column in columns])
    last_row = len(rows) + 1 + EXTRA_ROWS
    for index, column in enumerate(columns, 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(column, 14)
        header = sheet.cell(1, index)
        header.font, header.fill = Font(bold=True), GREY if column in kind.reference else HEADER
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for (cell,) in sheet.iter_rows(min_row=2, max_row=len(rows) + 1, min_col=index, max_col=index):
            cell.alignment = Alignment(vertical="top", wrap_text=column in WRAPPED)
            if column in kind.reference:
                cell.fill = GREY
            if column == "数值":
                cell.fill, cell.number_format = TO_FILL, "@"  # text: Excel keeps "99.2%" and ">99" as typed
            if column == "年份":
                cell.number_format = "0"
        if column == "状态":
            _dropdown(sheet, letter, last_row, GOAL_STATES if kind is GOALS else TASK_STATUSES, "状态")
        elif column == "口径变化":
            _dropdown(sheet, letter, last_row, ("是", "否"), "口径变化")
        elif column in (SPENT, COUNT):
            _not_negative(sheet, letter, last_row, column)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def _write_notes(sheet: Worksheet, plan: Plan, year: int) -> None:
    period = plan.info.period
    grey = "、".join(dict.fromkeys(c for kind, columns in ((FIGURES, INDICATOR_COLUMNS), (MILESTONES, MILESTONE_COLUMNS),
                                                            (TASKS, TASK_COLUMNS), (GOALS, GOAL_COLUMNS))
                                   for c in columns if c in kind.reference))
    lines = [
        f"{plan.info.title} {year} 年度监测数据填报表",
        f"规划编号：{plan.id}；规划期：{period.start}–{period.end} 年；填报年份：{year} 年。",
        "",
        "一、填什么",
        "1. “指标”表：每个指标一行；规划列出了县（市、区）的，每个地区再各一行（“地区”空着的一行是规划全域的数值）。"
        f"在黄色的“数值”列填写 {year} 年的实际数值。",
        f"2. “专栏事项”表：{year} 年应推进的专栏事项。选择“状态”，并简要写明“进展情况”。",
        "3. “任务”表：任务分解表中的每一项。选择“状态”，写明“进展情况”；有实际支出的，在“实际支出（万元）”中只填数字。",
        "4. “目标”表：规划中没有数值的目标（全覆盖、全域通过、创成、建成、出台……）。“状态”从下拉列表中选："
        f"{'、'.join(GOAL_STATES)}；“进展情况”写一句依据；有文件的在“佐证文件”写文号或标题，有数量的在“数量”中只填数字。"
        "不知道的留空，公报中显示为“数据暂缺”。",
        "",
        "二、怎么填",
        "• 数值照统计报表原样填写，如 99.2、99.2%、>99、90 以上；全角数字也可以。百分比不超过 100，人数、校数等不能为负数。",
        "• 数据暂缺的，“数值”留空即可，公报中显示为“数据暂缺”；可在“说明”中写明原因。",
        "• “来源”写数据出处，如“2022 年教育事业统计年报”。",
        "• 统计口径与上年不同的（范围、算法有变化），“口径变化”选“是”，并在“说明”中写明；没有变化的留空或选“否”。",
        f"• “状态”只能从下拉列表中选：{'、'.join(TASK_STATUSES)}。"
        "已完成：事项已经完成；推进中：正在按计划推进；未启动：尚未开始；滞后：进度慢于计划。",
        "• “状态”“进展情况”“实际支出”都空着的行，表示本年没有报告，读取时跳过；填写了进展情况或支出的，必须选择状态。",
        f"• 灰色的列（{grey}）只供参考，读取时不使用，改动也不影响结果。",
        "• 不要改动“指标编号”“事项编号”“任务编号”“地区”“年份”，不要合并单元格，不要改写第 1 行的列名；"
        "不需要填写的行留着不动即可。",
        "• 示例或测试用的数据，请在“来源”中写“示例数据”（或把文件名以“示例数据”开头），公报会标明它不是正式统计数据。",
        "",
        "三、填完以后",
        f"保存为 Excel 工作簿（.xlsx），放到项目的 data/{plan.id}/ 文件夹中，在项目文件夹中运行 {COMMAND} check："
        "工具会一次列出所有问题（文件、工作表、行号、列名、发现了什么、应当是什么），改好后再运行一次。",
    ]
    for line in lines:
        append_row(sheet, [line])
    sheet.column_dimensions["A"].width = 110
    for (cell,) in sheet.iter_rows(min_col=1, max_col=1):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if str(cell.value or "").startswith(("一、", "二、", "三、")):
            cell.font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=14)
