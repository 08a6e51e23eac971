"""A small project for the workbench tests, the workbench served from it in this process, and the
fill-in workbook filled in as staff would."""

from __future__ import annotations

import http.client
import json
import shutil
import threading
from pathlib import Path
from urllib.parse import quote

import openpyxl

from plan_fixture import write_plan

ROOT = Path(__file__).resolve().parents[1]
PLAN_ID = "demo-2021-2025"
FIGURES_2021 = """指标编号,年份,地区,数值,说明,来源,口径变化
preschool-enrolment,2021,,98.4,,统计公报,
student-teacher-ratio,2021,,17.4,,统计公报,
class-size-primary,2021,,55,,统计公报,
"""


def project(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "site_config", root / "site_config")
    write_plan(root)
    data = root / "data" / PLAN_ID
    data.mkdir(parents=True)
    (data / "2021年数据.csv").write_text(FIGURES_2021, encoding="utf-8")
    return root


def fill(workbook: Path, out: Path, values: dict[tuple[str, str | None], object]) -> Path:
    """Write ``values`` into the 数值 column of the 指标 sheet, by (indicator id, region or None)."""
    book = openpyxl.load_workbook(workbook)
    sheet = book["指标"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for number in range(2, sheet.max_row + 1):
        key = (sheet.cell(number, columns["指标编号"]).value, sheet.cell(number, columns["地区"]).value)
        if key in values:
            sheet.cell(number, columns["数值"], values[key])
    book.save(out)
    return out


def row_of(workbook: Path, indicator: str, region: str | None = None) -> int:
    sheet = openpyxl.load_workbook(workbook)["指标"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    return next(n for n in range(2, sheet.max_row + 1) if sheet.cell(n, columns["指标编号"]).value == indicator
                and sheet.cell(n, columns["地区"]).value == region)


class Client:
    """Requests to a workbench on 127.0.0.1, with or without the token."""

    def __init__(self, port: int, token: str):
        self.port, self.token = port, token

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                cookie: bool = True, header_token: bool = True) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if cookie:
            sent["Cookie"] = f"workbench_token={self.token}"
        if header_token and method == "POST":
            sent["X-Workbench-Token"] = self.token
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        answer = response.status, dict(response.getheaders()), response.read()
        connection.close()
        return answer

    def upload(self, name: str, data: bytes, plan: str = PLAN_ID, **options) -> tuple[int, dict]:
        status, _, body = self.request("POST", f"/upload?plan={plan}", data, {"X-File-Name": quote(name)}, **options)
        return status, json.loads(body)


def start(root: Path):
    from generator.workbench.server import make_server

    server, bench = make_server(root, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, bench
