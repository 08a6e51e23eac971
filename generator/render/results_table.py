"""The published results table, described once: one row per indicator, region and year, as judged.

From this one list come the columns and types of the results DataFrame, the Table Schema of the CSV
files in ``datapackage.json`` (open data) and the analysts' frame (:func:`generator.results.frame`).
The CSV and Excel downloads are written from the frame (:func:`csv_bytes`, :func:`sheet_rows`), so a
download and the frame cannot differ. Column names are the Chinese headers staff and readers see; each
has a type: text, a whole number, a number or yes/no. pandas is imported only where a frame is made
(the downloads keep what they wrote in a cache, so a build whose figures did not change imports none).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from generator.model.status import LIGHT_WORDS, STATUS_WORDS, Status


@dataclass(frozen=True)
class Column:
    name: str  # the header, as CSV, Excel and the DataFrame show it
    type: str  # Table Schema type: string, integer, number, boolean
    description: str
    constraints: dict = field(default_factory=dict)
    unit: str | None = None  # the unit of every value in the column, where it is one for all rows


COLUMNS = (
    Column("规划编号", "string", "规划的编号（英文，稳定不变）", {"required": True}),
    Column("规划名称", "string", "规划的标题"),
    Column("指标编号", "string", "指标的编号（英文，稳定不变）", {"required": True}),
    Column("指标名称", "string", "指标名称；子项写成“上级指标（子项）”"),
    Column("单位", "string", "数值的计量单位，逐行适用于“数值”“序时进度要求”"),
    Column("属性", "string", "约束性或预期性；空为规划未标明", {"enum": ["约束性", "预期性"]}),
    Column("年份", "integer", "监测年份", {"required": True}),
    Column("地区", "string", "县（市、区）名称；“全域”为全规划范围", {"required": True}),
    Column("数值（原文写法）", "string", "报送时的写法，如“>99”“98.5%”；空为数据暂缺"),
    Column("数值", "number", "用于计算的数字，单位见“单位”字段；空为数据暂缺"),
    Column("目标年份", "integer", "当年所对照目标的年份"),
    Column("目标", "string", "目标，照规划原文写法"),
    Column("序时进度要求", "number", "按序时进度当年应达到的数值，按指标数值的精度取舍（人数、所数取整），单位见“单位”字段"),
    Column("完成度（%）", "number", "（当年数值 − 起点数值）÷（目标值 − 起点数值），单位：%", unit="%"),
    Column("状态", "string", "状态的中文名称（与“状态代码”一一对应）",
           {"required": True, "enum": list(STATUS_WORDS.values())}),
    Column("状态代码", "string", "状态的英文代码（程序使用）", {"required": True, "enum": [str(s) for s in Status]}),
    Column("红黄绿灯", "string", "灯的中文名称；空为不亮灯（数据暂缺、无法测算）", {"enum": list(LIGHT_WORDS.values())}),
    Column("亮灯依据", "string", "决定灯色的量，如“完成度落后序时进度 12.3 个百分点”；空为按规则直接亮灯或不亮灯"),
    Column("差距", "string", "当年数值与序时进度要求（或目标数值）之差，用指标的单位表述，与网页和公报相同"),
    Column("口径变化", "boolean", "“是”表示统计口径发生变化，与以前年份不可比"),
    Column("说明", "string", "报送单位对数值的说明"),
    Column("来源", "string", "数据来源"),
    Column("示例数据", "boolean", "“是”表示演示用的示例数据，不是官方统计数据"),
    Column("初步数据", "boolean", "“是”表示这一年的数据尚不完整，发布时为初步数据，以后可能补充和更正"),
)
HEADER = [column.name for column in COLUMNS]
KEY = ["规划编号", "指标编号", "年份", "地区"]  # one row per indicator, year and region
YES = "是"  # how a true yes/no cell is written; a false one is left empty
DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}  # pandas's, by type
PLACES = 6  # decimal places of a published number: wording.number() writes at most six


def table_schema(units: list[str]) -> dict:
    """The Table Schema of a CSV download; ``units`` are those its rows use."""
    fields = []
    for column in COLUMNS:
        described = {"name": column.name, "type": column.type, "description": column.description}
        constraints = column.constraints
        if column.type == "boolean":
            described.update(trueValues=[YES], falseValues=["否"])
        if column.name == "单位" and units:
            constraints = {"enum": units}
        if column.unit:
            described["unit"] = column.unit
        if constraints:
            described["constraints"] = constraints
        fields.append(described)
    return {"fields": fields, "missingValues": [""], "primaryKey": KEY}


def rows_frame(rows: list[list]) -> pd.DataFrame:
    """Rows of the results table (as the downloads write them) as a typed DataFrame: empty text is
    <NA>, numbers are rounded as published, yes/no cells are True or False."""
    import pandas as pd

    columns = {}
    for index, column in enumerate(COLUMNS):
        values = [row[index] for row in rows]
        if column.type == "boolean":
            values = [value == YES for value in values]
        elif column.type == "number":
            values = [None if value is None else round(float(value), PLACES) for value in values]
        elif column.type == "string":
            values = [value if value not in ("", None) else None for value in values]
        columns[column.name] = pd.array(values, dtype=DTYPES[column.type])
    return pd.DataFrame(columns)


def _cells(frame: pd.DataFrame, numbers_as_text: bool) -> dict[str, list]:
    """Each column as a download writes its cells: numbers as the pages write them (or as numbers, for a
    spreadsheet to sum), yes as “是” and no as an empty cell, text with the formula rule (spreadsheet.py);
    a missing value is None."""
    from generator.render.spreadsheet import download_text
    from generator.render.wording import number

    cells = {}
    for column in COLUMNS:
        values = frame[column.name].astype(object).where(frame[column.name].notna(), None).tolist()
        if column.type == "boolean":
            cells[column.name] = [YES if value else None for value in values]
        elif column.type == "number":
            cells[column.name] = [number(value) if numbers_as_text and value is not None else value for value in values]
        elif column.type == "integer":
            cells[column.name] = [None if value is None else int(value) for value in values]
        else:
            cells[column.name] = [None if value is None else download_text(value) for value in values]
    return cells


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as a CSV download that opens in Excel without garbled Chinese: UTF-8 with a BOM, CRLF
    line ends, an empty cell for a missing value."""
    import pandas as pd

    text = pd.DataFrame(_cells(frame, numbers_as_text=True), columns=HEADER).to_csv(index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def sheet_rows(frame: pd.DataFrame) -> list[list]:
    """The frame's rows as the cells of the Excel download: numbers stay numbers, a missing value is an
    empty cell."""
    cells = _cells(frame, numbers_as_text=False)
    return [list(row) for row in zip(*(cells[name] for name in HEADER))]
