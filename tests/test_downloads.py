"""Download workbooks: open in Excel's reader with the header frozen, same rows give the same bytes, kept by content."""

import io

import openpyxl

from generator.render.downloads import COLUMNS, add_workbook, to_xlsx, workbooks_later
from generator.render.pages.common import SiteParts

ROWS = [["demo", "示例规划", "a", "学前教育毛入园率", "%", "约束性", 2022, "全域", "98.7", 98.7, 2025, ">99", 98.4,
         None, "达到序时进度", "on-track", "绿灯", "", "比序时要求高 0.3 个百分点", "", "", "统计公报", "", ""]]


def test_workbook_has_the_rows_under_a_frozen_header():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(ROWS, "示例规划")))
    sheet = book["指标数据"]
    assert sheet.freeze_panes == "A2"
    assert [c.value for c in sheet[1]] == COLUMNS
    assert [c.value for c in sheet[2]] == [None if v == "" else v for v in ROWS[0]]
    assert book.properties.creator == "示例规划"


def test_same_rows_give_the_same_bytes_and_come_from_the_cache(tmp_path):
    first = to_xlsx(ROWS, "示例规划", tmp_path)
    assert first == to_xlsx(ROWS, "示例规划")  # cached or not, the same bytes
    assert len(list(tmp_path.glob("*.xlsx"))) == 1
    cached = next(tmp_path.glob("*.xlsx"))
    cached.write_bytes(b"from the cache")
    assert to_xlsx(ROWS, "示例规划", tmp_path) == b"from the cache"
    changed = [ROWS[0][:8] + ["98.9", 98.9] + ROWS[0][10:]]
    assert to_xlsx(changed, "示例规划", tmp_path) != b"from the cache"
    assert len(list(tmp_path.glob("*.xlsx"))) == 2


def test_a_new_workbook_is_written_later_by_a_worker_and_then_comes_from_the_cache(tmp_path):
    parts = SiteParts(config=None, cache=tmp_path)
    add_workbook(parts, "downloads/demo.xlsx", ROWS, "示例规划")
    assert "downloads/demo.xlsx" not in parts.files and list(parts.workbooks) == ["downloads/demo.xlsx"]
    later = workbooks_later(parts)
    assert later.paths == ["downloads/demo.xlsx"]
    assert later.render() == {"downloads/demo.xlsx": to_xlsx(ROWS, "示例规划")}
    again = SiteParts(config=None, cache=tmp_path)
    add_workbook(again, "downloads/demo.xlsx", ROWS, "示例规划")  # the worker left it in the cache
    assert again.files == {"downloads/demo.xlsx": to_xlsx(ROWS, "示例规划")} and workbooks_later(again) is None


def test_a_csv_is_written_from_the_frame_once_and_then_read_from_the_cache_without_pandas(tmp_path):
    """A warm build writes no download anew: the cached CSV comes back without importing pandas (≈ 0.5 s a start)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from generator.render.downloads import to_csv
    from generator.render.results_table import COLUMNS as TYPED

    cells = {c.name: None if c.type in ("integer", "number") else "" for c in TYPED}
    cells.update({"规划编号": "p", "指标编号": "i", "年份": 2022, "地区": "全域", "数值（原文写法）": "99.2", "数值": 99.2,
                  "状态": "达到序时进度", "状态代码": "on-track", "说明": "=1+1"})
    rows = [[cells[c] for c in COLUMNS]]
    cache = tmp_path / "cache"
    written = to_csv(rows, cache)
    assert [p.suffix for p in cache.iterdir()] == [".csv"]
    assert "'=1+1" in written.decode("utf-8-sig") and ",99.2," in written.decode("utf-8-sig")
    code = ("import json, sys; from pathlib import Path; from generator.render.downloads import to_csv; "
            f"data = to_csv(json.loads(sys.argv[1]), Path(sys.argv[2])); "
            "print('pandas' in sys.modules, data == Path(sys.argv[3]).read_bytes())")
    (tmp_path / "written.csv").write_bytes(written)
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code, json.dumps(rows), str(cache), str(tmp_path / "written.csv")],
                         capture_output=True, text=True, check=True, cwd=root, env={"PYTHONPATH": str(root)})
    assert out.stdout.split() == ["False", "True"]
