"""The workbench's server without a browser: the token on every request, uploads refused at the door,
checked by the data loader, saved with a dated copy and undone; the changes a release would list."""

import datetime as dt
import html
import json
import re
import subprocess
import sys
import threading
import time
from urllib.parse import quote

import openpyxl
import pytest

from generator.cli import main
from generator.load.ledger import Ledger
from generator.model.corrections import Correction
from generator.model.release import ReleaseRecord
from generator.workbench import history
from generator.workbench.changes import changes

from workbench_fixture import PLAN_ID, Client, fill, project, row_of, start


@pytest.fixture
def bench(tmp_path):
    root = project(tmp_path / "project")
    server, state = start(root)
    yield root, Client(server.server_address[1], state.token), state
    server.shutdown()
    server.server_close()


def text(body: bytes) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", body.decode("utf-8")))


@pytest.fixture
def workbook(bench, tmp_path):
    root, client, _ = bench
    status, headers, body = client.request("GET", f"/workbooks/{PLAN_ID}/2022.xlsx")
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    path = tmp_path / "2022.xlsx"
    path.write_bytes(body)
    return path


def test_every_request_needs_the_token(bench):
    root, client, state = bench
    for path in ("/", "/upload", "/static/workbench.css", "/preview/site/", f"/workbooks/{PLAN_ID}/2022.xlsx"):
        status, _, body = client.request("GET", path, cookie=False)
        assert status == 403 and "访问令牌" in text(body), path
    status, _, body = client.request("GET", "/", headers={"Cookie": "workbench_token=guessed"}, cookie=False)
    assert status == 403
    status, headers, _ = client.request("GET", f"/upload?token={state.token}", cookie=False)
    assert status == 303 and headers["Location"] == "/upload"  # the token leaves the address bar
    assert "HttpOnly" in headers["Set-Cookie"] and "SameSite=Strict" in headers["Set-Cookie"]
    status, _, body = client.request("GET", "/")
    assert status == 200 and "概览" in text(body)


def test_a_change_needs_the_token_in_a_header_and_another_host_is_refused(bench, workbook):
    root, client, _ = bench
    status, answer = client.upload("2022.xlsx", workbook.read_bytes(), header_token=False)
    assert status == 403 and not answer["ok"] and "访问令牌" in answer["html"]
    assert not (root / "data" / PLAN_ID / "2022年数据.xlsx").exists()
    status, _, body = client.request("GET", "/", headers={"Host": "attacker.example:80"})
    assert status == 403 and "地址" in text(body)


def test_workbook_is_the_one_template_writes(bench, workbook, tmp_path):
    root = bench[0]
    written = tmp_path / "template.xlsx"
    assert main(["--root", str(root), "template", "--plan", PLAN_ID, "--year", "2022", "--out", str(written)]) == 0
    ours, theirs = openpyxl.load_workbook(workbook), openpyxl.load_workbook(written)
    assert ours.sheetnames == theirs.sheetnames
    for name in ours.sheetnames:  # the bytes differ only in the file's creation time
        assert [[c.value for c in row] for row in ours[name].iter_rows()] == \
               [[c.value for c in row] for row in theirs[name].iter_rows()]
    assert "98.4" in [c.value for c in ours["指标"]["F"]]  # 上年数值 from the data


def test_two_mistakes_listed_with_rows_and_nothing_saved(bench, workbook, tmp_path):
    root, client, _ = bench
    before = sorted(p.name for p in (root / "data" / PLAN_ID).iterdir())
    bad = fill(workbook, tmp_path / "bad.xlsx", {("preschool-enrolment", None): "九十八",
                                                 ("preschool-enrolment", "甲县"): "130%"})
    status, answer = client.upload("南通填报.xlsx", bad.read_bytes())
    assert status == 200 and not answer["ok"]
    rows = re.findall(r"<tr>(.*?)</tr>", answer["html"], re.S)
    cells = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
             for r in rows]
    cells = [c for c in cells if c]  # the header row has no <td>
    assert [(c[0], c[1], c[2], c[3], c[5]) for c in cells] == [
        ("上传的文件“南通填报.xlsx”", "指标", str(row_of(workbook, "preschool-enrolment")), "数值", "“九十八”"),
        ("上传的文件“南通填报.xlsx”", "指标", str(row_of(workbook, "preschool-enrolment", "甲县")), "数值", "“130%”")]
    assert all(c[7] for c in cells)  # the advice from the registry check --json uses
    assert sorted(p.name for p in (root / "data" / PLAN_ID).iterdir()) == before


def test_clean_upload_saved_replaced_file_kept_and_undone(bench, workbook, tmp_path):
    root, client, _ = bench
    folder = root / "data" / PLAN_ID
    first = fill(workbook, tmp_path / "first.xlsx", {("preschool-enrolment", None): "98.7"})
    status, answer = client.upload("填报表.xlsx", first.read_bytes())
    assert answer["ok"], answer["html"]
    assert (folder / "2022年数据.xlsx").read_bytes() == first.read_bytes()
    second = fill(workbook, tmp_path / "second.xlsx", {("preschool-enrolment", None): "98.9"})
    status, answer = client.upload("填报表（改）.xlsx", second.read_bytes())
    assert answer["ok"] and "已留存" in answer["html"]
    assert (folder / "2022年数据.xlsx").read_bytes() == second.read_bytes()
    copies = [p for p in (root / history.HISTORY).iterdir() if "被替换" in p.name]
    assert [p.read_bytes() for p in copies] == [first.read_bytes()]
    assert main(["--root", str(root), "check"]) == 0  # the history folder is not data
    status, _, body = client.request("POST", "/undo/1")
    assert status == 409 and "后来的那次" in json.loads(body)["html"]  # the later upload first
    status, _, body = client.request("POST", "/undo/2")
    assert status == 200 and json.loads(body)["ok"]
    assert (folder / "2022年数据.xlsx").read_bytes() == first.read_bytes()
    status, _, body = client.request("POST", "/undo/1")
    assert status == 200
    assert not (folder / "2022年数据.xlsx").exists() and (folder / "2021年数据.csv").exists()


def test_an_upload_replaces_the_same_years_csv(bench, tmp_path):
    root, client, _ = bench
    folder = root / "data" / PLAN_ID
    corrected = "指标编号,年份,地区,数值\npreschool-enrolment,2021,,98.5\n".encode("utf-8")
    status, answer = client.upload("2021.csv", corrected)
    assert answer["ok"], answer["html"]
    assert sorted(p.name for p in folder.iterdir()) == ["2021年数据.csv"]
    assert folder.joinpath("2021年数据.csv").read_bytes() == corrected


def test_undo_refused_when_the_file_changed_since(bench, workbook):
    root, client, _ = bench
    client.upload("a.xlsx", workbook.read_bytes())
    (root / "data" / PLAN_ID / "2022年数据.xlsx").write_bytes(b"edited by hand")
    status, _, body = client.request("POST", "/undo/1")
    assert status == 409 and "改动过" in json.loads(body)["html"]
    assert (root / "data" / PLAN_ID / "2022年数据.xlsx").read_bytes() == b"edited by hand"


@pytest.mark.parametrize("name", ["../../data/published.json.xlsx", "..\\x.xlsx", "<img src=x onerror=alert(1)>.xlsx",
                                  ".hidden.xlsx", "a\u202e.xlsx", "报表.exe", "x" * 300 + ".xlsx"])
def test_hostile_names_refused(bench, workbook, name):
    root, client, _ = bench
    status, answer = client.upload(name, workbook.read_bytes())
    assert status == 400 and not answer["ok"]
    assert "文件名" in answer["html"] or "文件类型" in answer["html"]
    assert "<img" not in answer["html"]
    assert sorted(p.name for p in (root / "data" / PLAN_ID).iterdir()) == ["2021年数据.csv"]


def test_large_or_disguised_files_refused(bench):
    root, client, _ = bench
    status, answer = client.upload("大文件.xlsx", b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    assert status == 413 and "文件太大" in answer["html"] and "50.0 MB" in answer["html"]
    status, answer = client.upload("表.xlsx", b"<html>not a workbook</html>")
    assert status == 400 and "不是 Excel 工作簿" in answer["html"]
    assert sorted(p.name for p in (root / "data" / PLAN_ID).iterdir()) == ["2021年数据.csv"]


def test_paths_out_of_the_served_folders_are_not_found(bench):
    root, client, _ = bench
    (root / "build" / "workbench-preview" / "site").mkdir(parents=True)
    for path in ("/preview/site/../../../content/demo-2021-2025/plan.yaml", "/preview/site/%2e%2e/%2e%2e/mkdocs.yml",
                 "/static/../server.py"):
        status, _, body = client.request("GET", path)
        assert status == 404 and "找不到" in text(body), path


def test_a_crash_is_a_chinese_message_not_a_traceback(bench, monkeypatch, capfd):
    root, client, _ = bench
    from generator.workbench import overview

    def broken(_root):
        raise KeyError("boom")

    monkeypatch.setattr(overview, "overview", broken)
    status, _, body = client.request("GET", "/")
    shown = text(body)
    assert status == 500 and "程序内部错误" in shown and "Traceback" not in shown
    assert "Traceback" not in capfd.readouterr().err


def test_changes_list_new_figures_corrections_and_statuses(tmp_path):
    def indicator_file(site, status):
        path = site / "downloads" / "indicators" / PLAN_ID / "preschool-enrolment.json"
        path.parent.mkdir(parents=True)
        path.write_text(json.dumps({"plan": {"title": "示例规划"}, "indicator": {"name": "学前教育毛入园率", "unit": "%"},
                                    "series": [{"region": "全域", "years": [{"year": 2022, "status_word": status}]}]}),
                        encoding="utf-8")

    indicator_file(tmp_path / "released", "达到序时进度")
    indicator_file(tmp_path / "preview", "未达到序时进度")
    key = f"{PLAN_ID}|preschool-enrolment|2022|"
    correction = Correction(PLAN_ID, "preschool-enrolment", 2022, "", "98.7", "98.1", "2026-03-31", "复核")
    found = changes(Ledger({key: "98.7", f"{PLAN_ID}|preschool-enrolment|2021|": ""}, [], [ReleaseRecord(1, dt.date(2026, 3, 31))]),
                    Ledger({key: "98.1", f"{PLAN_ID}|preschool-enrolment|2021|": "98.4"}, [correction]),
                    tmp_path / "released", tmp_path / "preview")
    assert [(f.label.indicator, f.year, f.value) for f in found.new_figures] == [("学前教育毛入园率", 2021, "98.4")]
    assert [(label.indicator, c.old, c.new) for label, c in found.corrections] == [("学前教育毛入园率", "98.7", "98.1")]
    assert [(s.year, s.old, s.new) for s in found.statuses] == [(2022, "达到序时进度", "未达到序时进度")]
    assert not found.first_release and found.statuses_compared


def test_statuses_compared_only_with_a_released_site(tmp_path):
    from generator.model.release import Stamp
    from generator.workbench.steps import released_site

    package = tmp_path / "site" / "downloads" / "datapackage.json"
    package.parent.mkdir(parents=True)
    first = ReleaseRecord(1, dt.date(2026, 3, 31))
    assert released_site(tmp_path, first) is None  # no site
    package.write_text(json.dumps({"release": Stamp(2022, None).as_json()}), encoding="utf-8")
    assert released_site(tmp_path, first) is None  # a trial build replaced the release
    package.write_text(json.dumps({"release": Stamp(2022, first).as_json()}), encoding="utf-8")
    assert released_site(tmp_path, first) == tmp_path / "site"
    assert released_site(tmp_path, ReleaseRecord(2, dt.date(2026, 4, 30))) is None  # released elsewhere since


def test_history_journal_survives_a_restart(tmp_path):
    root = project(tmp_path / "p")
    entry = history.save(root, PLAN_ID, "2022年数据.csv", b"x", "上传的文件", now=dt.datetime(2026, 3, 1, 9, 0))
    assert history.read_journal(root) == [entry] and history.undoable([entry]) == {1}


def wait_for(client, kind: str) -> dict:
    for _ in range(600):
        status, _, body = client.request("GET", f"/job/{kind}")
        state = json.loads(body)
        if not state["running"]:
            return state
        time.sleep(0.1)
    raise AssertionError(f"{kind} still running")


def test_two_tabs_cannot_release_at_once(bench, monkeypatch):
    root, client, _ = bench
    from generator.workbench import steps

    running, finish = threading.Event(), threading.Event()
    monkeypatch.setattr(steps, "release", lambda *_: (running.set(), finish.wait(30), steps.Outcome(summary="完成"))[2])
    body = json.dumps({"date": "2026-03-31"}).encode()
    assert client.request("POST", "/release", body)[0] == 202
    running.wait(10)
    status, _, answer = client.request("POST", "/release", body)
    assert status == 409 and "正在发布" in json.loads(answer)["html"]
    status, answer = client.upload("2021.csv", "指标编号,年份,数值\npreschool-enrolment,2021,98.5\n".encode())
    assert status == 409 and "正在发布" in answer["html"]  # the data stays as the release read it
    finish.set()
    assert "完成" in wait_for(client, "release")["html"]


def test_a_build_running_elsewhere_stops_the_release_with_a_message(bench):
    root, client, _ = bench
    from generator.publish.build import build_lock

    with build_lock(root):  # a build in a terminal, or another workbench on the same project
        assert client.request("POST", "/release", json.dumps({"date": "2026-03-31"}).encode())[0] == 202
        shown = text(wait_for(client, "release")["html"].encode())
    assert "另一个生成过程" in shown and "保持不变" in shown
    assert not (root / "site").exists() and not (root / "data" / "published.json").exists()


def test_a_step_that_crashes_says_so_in_chinese(bench, monkeypatch):
    root, client, _ = bench
    from generator.workbench import steps

    def broken(*_):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(steps, "preview", broken)
    assert client.request("POST", "/preview", json.dumps({"date": "2026-03-31"}).encode())[0] == 202
    shown = text(wait_for(client, "preview")["html"].encode())
    assert "生成预览没有完成" in shown and "程序内部错误" in shown and "Traceback" not in shown


def test_release_needs_a_date(bench):
    root, client, _ = bench
    status, _, body = client.request("POST", "/release", b'{"date": "next week"}')
    assert status == 400 and "发布日期" in json.loads(body)["html"]


def test_a_data_file_removed_and_put_back(bench):
    root, client, _ = bench
    path = root / "data" / PLAN_ID / "2021年数据.csv"
    original = path.read_bytes()
    status, _, body = client.request("POST", f"/remove/{PLAN_ID}", headers={"X-File-Name": "../../mkdocs.yml"})
    assert status == 404 and (root / "mkdocs.yml").exists()  # only a name the folder lists
    status, _, body = client.request("POST", f"/remove/{PLAN_ID}", headers={"X-File-Name": quote("2021年数据.csv")})
    assert status == 200 and not path.exists()
    assert "已移出" in text(client.request("GET", "/upload")[2])
    status, _, body = client.request("POST", "/undo/1")
    assert status == 200 and path.read_bytes() == original


def test_the_command_prints_an_address_that_answers(tmp_path):
    root = project(tmp_path / "p")
    command = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(root), "workbench", "--address",
                                "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [command.stdout.readline() for _ in range(3)]
        address = re.search(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]+)", "".join(lines))
        assert address, lines
        client = Client(int(address.group(1)), address.group(2))
        status, headers, _ = client.request("GET", f"/?token={address.group(2)}", cookie=False)
        assert status == 303 and client.request("GET", "/")[0] == 200
        assert all(not re.search(r"[A-Za-z]{4,}", line.split("http")[0]) for line in lines)  # the words are Chinese
    finally:
        command.terminate()
        command.wait(10)


@pytest.mark.parametrize("address, expected", [("0.0.0.0:8765", "具体地址"), ("[::]:8765", "具体地址"),
                                               ("localhost", "写法不对"), ("jyj.example.cn:8765", "写法不对")])
def test_addresses_that_would_open_the_workbench_too_wide_or_are_unclear(tmp_path, capsys, address, expected):
    root = project(tmp_path / "p")
    assert main(["--root", str(root), "workbench", "--address", address]) == 2
    assert expected in capsys.readouterr().err


def test_the_command_help_is_chinese(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["workbench", "-h"])
    assert stopped.value.code == 0
    shown = capsys.readouterr().out
    words = re.sub(r"--?[a-z-]+|[\w./<>-]*/[\w./<>-]*|\d+(?:\.\d+)*(?::\d+)?", " ", shown)
    assert "工作台" in shown and set(re.findall(r"[A-Za-z]+", words)) <= {"workbench", "generator"}, shown


def test_a_clash_with_a_file_already_there_is_listed_and_explained(bench):
    root, client, _ = bench
    (root / "data" / PLAN_ID / "示例数据-2022.csv").write_text("指标编号,年份,数值\npreschool-enrolment,2022,98\n", encoding="utf-8")
    status, answer = client.upload("2022.csv", "指标编号,年份,数值\npreschool-enrolment,2022,98.7\n".encode())
    shown = text(answer["html"].encode())
    assert not answer["ok"] and "填了两次" in shown and "示例数据-2022.csv" in shown
    assert "data/demo-2021-2025/2022年数据.csv" in shown and "移出" in shown
    assert not (root / "data" / PLAN_ID / "2022年数据.csv").exists()


def test_the_preview_copy_shares_caches_without_links(tmp_path):
    """The copy the preview builds gets the project's caches as hard links (a symbolic link would be
    refused by the build, which never writes through one), and gives back what it added."""
    from generator.workbench import mirror

    root = project(tmp_path)
    charts = root / "build" / "chart-cache"
    charts.mkdir(parents=True)
    (charts / "a.svg").write_text("<svg/>", encoding="utf-8")
    copy = mirror.sync(root)
    assert not any(p.is_symlink() for p in copy.rglob("*"))
    assert (copy / "build" / "chart-cache" / "a.svg").stat().st_ino == (charts / "a.svg").stat().st_ino
    (copy / "build" / "chart-cache" / "b.svg").write_text("<svg/>", encoding="utf-8")  # made by the preview
    mirror.keep_caches(root)
    assert (charts / "b.svg").read_text(encoding="utf-8") == "<svg/>"
