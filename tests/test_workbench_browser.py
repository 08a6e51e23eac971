"""The yearly update through the workbench in headless Chromium, as staff do it: download the fill-in
workbook, upload it with two mistakes (the table lists both with their rows), upload it corrected,
release, correct a figure, preview (the change listed old → new), release again, undo the upload;
hostile names, a 50 MB file and a request without the token are refused with a message.

Screenshots of each screen at 1280 px go to $WORKBENCH_SCREENSHOTS when it is set."""

import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from workbench_fixture import PLAN_ID, fill, project, row_of, start

pytestmark = [pytest.mark.browser, pytest.mark.slow]
BUILD_TIMEOUT = 900_000  # ms: a cold build renders the PDFs


def shoot(page, name: str) -> None:
    folder = os.environ.get("WORKBENCH_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def problem_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all("#upload-result table.problems tbody tr",
                                     "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")


def clear_result(page) -> None:
    """The last answer goes, so that waiting for a message waits for the next one."""
    page.eval_on_selector("#upload-result", "element => element.replaceChildren()")


def upload(page, path: Path) -> str:
    clear_result(page)
    page.set_input_files("#upload-file", str(path))
    page.wait_for_selector("#upload-result .message", timeout=120_000)
    return page.inner_text("#upload-result")


def run_job(page, kind: str, shot: str = "") -> str:
    page.click(f"[data-start={kind}]")
    page.wait_for_selector(f".job[data-kind={kind}] .progress:not([hidden])")
    if shot:
        # A locator, not wait_for_function: the workbench's CSP (script-src 'self') forbids the eval it would use.
        page.locator(f".job[data-kind={kind}] .progress", has_text="已用").wait_for()
        shoot(page, shot)
    page.wait_for_selector(f".job[data-kind={kind}] .job__result .message", timeout=BUILD_TIMEOUT)
    return page.inner_text(f".job[data-kind={kind}] .job__result")


def ledger(root: Path) -> dict:
    return json.loads((root / "data" / "published.json").read_text(encoding="utf-8"))


def test_yearly_update_through_the_workbench(browser, tmp_path):
    root = project(tmp_path / "project")
    server, bench = start(root)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="zh-CN")
    page = context.new_page()
    outside, errors, alerts = [], [], []
    page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname != "127.0.0.1" else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "status of 4" not in m.text else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (alerts.append(d.message) if d.type != "confirm" else None, d.accept()))
    try:
        page.goto(f"{base}/?token={bench.token}")
        assert page.url == f"{base}/" and page.inner_text("h1") == "概览"
        shoot(page, "1-overview")

        page.click("nav >> text=填报表")
        with page.expect_download() as download:
            page.click(f"a[href='/workbooks/{PLAN_ID}/2022.xlsx']")
        workbook = tmp_path / "2022.xlsx"
        shutil.copy(download.value.path(), workbook)
        shoot(page, "2-workbooks")

        page.click("nav >> text=上传数据")
        bad = fill(workbook, tmp_path / "填报表-有错.xlsx", {("preschool-enrolment", None): "九十八",
                                                           ("student-teacher-ratio", "乙区"): "十七点二"})
        shown = upload(page, bad)
        assert "没有保存" in shown
        rows = problem_rows(page)
        assert [(r[1], r[2], r[3]) for r in rows] == [("指标", str(row_of(workbook, "preschool-enrolment")), "数值"),
                                                      ("指标", str(row_of(workbook, "student-teacher-ratio", "乙区")), "数值")]
        assert all(r[0] == "上传的文件“填报表-有错.xlsx”" and r[5] and r[7] for r in rows)
        assert not (root / "data" / PLAN_ID / "2022年数据.xlsx").exists()
        shoot(page, "3-upload-problems")

        good = fill(workbook, tmp_path / "填报表.xlsx", {("preschool-enrolment", None): "98.7"})
        assert "已保存为 data/demo-2021-2025/2022年数据.xlsx" in upload(page, good)
        shoot(page, "4-upload-saved")

        page.click("nav >> text=发布")
        page.fill(".release-date", "2026-03-31")
        shown = run_job(page, "release")  # 1 indicator of 4 in 2022: a draft, not published unless named
        assert "没有完成" in shown and "初步数据" in shown and not (root / "data" / "published.json").exists()
        shoot(page, "7-release-refused-draft")
        page.check(".include-draft[value='2022']")
        shown = run_job(page, "release")
        assert "已发布：第 1 次发布，2026 年 3 月 31 日" in shown and "demo-2021-2025 的 2022 年" in shown
        assert ledger(root)["figures"][f"{PLAN_ID}|preschool-enrolment|2022|"] == "98.7"
        assert "2026 年 3 月 31 日发布（第 1 次发布）" in (root / "site" / "index.html").read_text(encoding="utf-8")
        assert "初步数据" in (root / "site" / "plans" / PLAN_ID / "2022" / "index.html").read_text(encoding="utf-8")

        page.click("nav >> text=上传数据")
        corrected = fill(workbook, tmp_path / "填报表-更正.xlsx", {("preschool-enrolment", None): "98.9",
                                                                  ("student-teacher-ratio", None): "17.2",
                                                                  ("class-size-primary", None): "60"})
        assert "已留存" in upload(page, corrected)

        page.click("nav >> text=预览")
        page.fill(".release-date", "2026-04-30")
        shown = run_job(page, "preview", shot="5-preview-running")
        assert "预览已生成" in shown and "第 2 次发布" in shown
        tables = page.eval_on_selector_all(".job__result table.changes", """tables => tables.map(t =>
            [...t.tBodies[0].rows].map(r => [...r.cells].map(c => c.innerText.trim())))""")
        assert [r[1:6] for r in tables[0]] == [["学前教育毛入园率", "全域", "2022", "98.7", "98.9"]]  # corrections
        assert ["义务教育标准班额比例（小学）", "全域", "2022", "数据暂缺"] in [r[1:5] for r in tables[1]]  # statuses
        assert [r[1:5] for r in tables[-1]] == [["义务教育标准班额比例（小学）", "全域", "2022", "60"],  # new figures
                                                ["生师比", "全域", "2022", "17.2"]]
        shoot(page, "5-preview")
        assert (root / "site" / "ledger.json").is_file()
        assert ledger(root)["figures"][f"{PLAN_ID}|preschool-enrolment|2022|"] == "98.7"  # a preview publishes nothing
        preview = context.new_page()
        preview.goto(f"{base}/preview/site/plans/{PLAN_ID}/indicators/preschool-enrolment/")
        assert "98.9" in preview.inner_text("body")
        shoot(preview, "6-preview-site")
        preview.close()

        page.click("nav >> text=发布")
        page.fill(".release-date", "2026-04-30")
        assert "已发布：第 2 次发布" in run_job(page, "release")
        shoot(page, "7-release")
        after = ledger(root)
        assert after["figures"][f"{PLAN_ID}|preschool-enrolment|2022|"] == "98.9"
        assert [(c["old"], c["new"], c["date"]) for c in after["corrections"]] == [("98.7", "98.9", "2026-04-30")]
        assert json.loads((root / "site" / "ledger.json").read_text(encoding="utf-8")) == after

        page.click("nav >> text=上传数据")
        clear_result(page)
        page.click("[data-undo='2']")
        page.wait_for_selector("#upload-result .message.ok")
        assert "已恢复为上传前的文件" in page.inner_text("#upload-result")
        assert (root / "data" / PLAN_ID / "2022年数据.xlsx").read_bytes() == good.read_bytes()
        page.wait_for_selector("[data-undo='2']", state="detached")  # the record now says it was undone
        shoot(page, "8-undone")

        hostile = tmp_path / "<img src=x onerror=alert(1)>.xlsx"
        shutil.copy(good, hostile)
        shown = upload(page, hostile)
        assert "文件名" in shown and "不是普通的文件名" in shown
        shoot(page, "9-refused-name")
        large = tmp_path / "全部数据.xlsx"
        large.write_bytes(b"PK\x03\x04" + bytes(50 * 1024 * 1024))
        shown = upload(page, large)
        assert "文件太大（50.0 MB）" in shown
        shoot(page, "9-refused-size")
        assert (root / "data" / PLAN_ID / "2022年数据.xlsx").read_bytes() == good.read_bytes()

        stranger = browser.new_page()
        response = stranger.goto(f"{base}/")
        assert response.status == 403 and "访问令牌" in stranger.inner_text("body")
        shoot(stranger, "10-no-token")
        stranger.close()
        assert outside == [] and errors == [] and alerts == []
    finally:
        context.close()
        server.shutdown()
        server.server_close()
