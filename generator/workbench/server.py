"""The workbench's web server (the standard library's): one access token, checked on every request.

The printed address carries the token once (``?token=…``); the first page sets it as a cookie that
only this site sends (SameSite=Strict, HttpOnly), and every request without it is refused. A request
that changes anything (upload, undo, preview, release) must also carry the token in a header, which
only the workbench's own script sets, so another site open in the same browser cannot forge one.
Requests naming another host are refused too (a page elsewhere cannot rebind a name to this address).
"""

from __future__ import annotations

import datetime as dt
import hmac
import http.server
import json
import mimetypes
import re
import secrets
import sys
import tempfile
import threading
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from generator.check.content import checked_content
from generator.load.data import load_data
from generator.model.problems import printable, shorten
from generator.workbench import history, jobs, mirror, overview, pages, steps, uploads

COOKIE = "workbench_token"
TOKEN_HEADER = "X-Workbench-Token"
NAME_HEADER = "X-File-Name"
DRAIN_LIMIT = 64 * 1024 * 1024  # a refused upload up to this size is read and dropped, so the browser gets the answer
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "SAMEORIGIN",
}
OWN_PAGES_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'")
NAV = (("/", "概览"), ("/workbooks", "填报表"), ("/upload", "上传数据"), ("/preview", "预览"), ("/release", "发布"))


class Workbench:
    """What the request handlers share: the project, the token, the running step, the data lock."""

    def __init__(self, root: Path, host: str, port: int):
        self.root = root
        self.token = secrets.token_urlsafe(24)
        self.hosts: set[str] = set()
        self.jobs = jobs.Jobs(root)
        self.data_lock = threading.Lock()  # one upload or undo at a time
        self.bind(host, port)

    def bind(self, host: str, port: int) -> None:
        self.hosts = {f"{host}:{port}"} | ({f"localhost:{port}"} if host == "127.0.0.1" else set())

    def url(self, host: str, port: int) -> str:
        return f"http://{host}:{port}/?token={self.token}"


class Handler(http.server.BaseHTTPRequestHandler):
    bench: Workbench
    server_version = "workbench"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # the terminal stays quiet; the page says what happened
        pass

    # Access ------------------------------------------------------------------------------------

    def _token_ok(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.bench.token.encode())

    def _cookie_token(self) -> str | None:
        for part in (self.headers.get("Cookie") or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                return value
        return None

    def _allowed(self, query: dict[str, list[str]]) -> bool:
        if self.headers.get("Host") not in self.bench.hosts:
            self._page(HTTPStatus.FORBIDDEN, "refused.html", reason="host")
            return False
        if self._token_ok(self._cookie_token()):
            return True
        given = (query.get("token") or [None])[0]
        if self.command == "GET" and self._token_ok(given):
            path = urlsplit(self.path).path
            self.send_response(HTTPStatus.SEE_OTHER)
            self.send_header("Set-Cookie", f"{COOKIE}={self.bench.token}; HttpOnly; SameSite=Strict; Path=/")
            self.send_header("Location", path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return False
        self._page(HTTPStatus.FORBIDDEN, "refused.html", reason="token")
        return False

    # Answers -----------------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, content_type: str, own: bool = True, extra: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**SECURITY_HEADERS, **(extra or {})}.items():
            self.send_header(name, value)
        if own:
            self.send_header("Content-Security-Policy", OWN_PAGES_POLICY)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _page(self, status: int, template: str, **context) -> None:
        html = pages.render(template, nav=NAV, here=urlsplit(self.path).path, token=self.bench.token, **context)
        self._send(status, html.encode("utf-8"), "text/html; charset=utf-8")

    def _json(self, status: int, data: dict) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _fragment(self, status: int, template: str, ok: bool, **context) -> None:
        self._json(status, {"ok": ok, "html": pages.render(template, ok=ok, **context)})

    # Dispatch ----------------------------------------------------------------------------------

    def do_GET(self) -> None:
        self._dispatch(GET_ROUTES)

    def do_HEAD(self) -> None:
        self._dispatch(GET_ROUTES)

    def do_POST(self) -> None:
        self._dispatch(POST_ROUTES)

    def _dispatch(self, routes) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        try:
            if not self._allowed(query):
                return
            if self.command == "POST" and not self._token_ok(self.headers.get(TOKEN_HEADER)):
                self._drain()
                self._fragment(HTTPStatus.FORBIDDEN, "message.html", False,
                               message="这个请求没有带工作台的访问令牌，已拒绝。请在工作台页面上操作。")
                return
            for pattern, handler in routes:
                if match := re.fullmatch(pattern, parts.path):
                    handler(self, query, *match.groups())
                    return
            self._page(HTTPStatus.NOT_FOUND, "missing.html")
        except Exception as error:  # a crash: a Chinese message on the page and in the terminal, never a traceback
            message = jobs.failure_message(error, self.bench.root)
            print(f"工作台出错：{message}", file=sys.stderr, flush=True)
            try:
                if self.command == "POST":
                    self._fragment(HTTPStatus.INTERNAL_SERVER_ERROR, "message.html", False, message=message)
                else:
                    self._page(HTTPStatus.INTERNAL_SERVER_ERROR, "crash.html", message=message)
            except OSError:
                pass  # the browser went away
            except Exception:  # the error page itself failed: plain words, still no traceback
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR, f"工作台出错：{message}".encode("utf-8"),
                           "text/plain; charset=utf-8")

    def _drain(self) -> None:
        """Read and drop a request body, so the browser reads the answer instead of a broken connection."""
        left = int(self.headers.get("Content-Length") or 0)
        if left > DRAIN_LIMIT:
            self.close_connection = True
            return
        while left > 0:
            chunk = self.rfile.read(min(left, 1 << 20))
            if not chunk:
                break
            left -= len(chunk)

    def _body(self, limit: int) -> bytes | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > limit:
            self._drain()
            return None
        return self.rfile.read(length)

    # Pages -------------------------------------------------------------------------------------

    def overview(self, query) -> None:
        self._page(HTTPStatus.OK, "overview.html", view=overview.overview(self.bench.root))

    def workbooks(self, query) -> None:
        loaded, problems = checked_content(self.bench.root / "content", root=self.bench.root)
        self._page(HTTPStatus.OK, "workbooks.html", plans=[item.plan for item in loaded], problems=problems)

    def workbook(self, query, plan_id: str, year: str) -> None:
        root = self.bench.root
        loaded, problems = checked_content(root / "content", plan_id, root)
        if problems or not loaded or int(year) not in loaded[0].plan.info.period.years():
            self._page(HTTPStatus.NOT_FOUND, "missing.html")
            return
        plan = loaded[0].plan
        data, _ = load_data(root / "data", [plan], root, ignore=self._other_plans(plan.id))
        from generator.workbook import write_fill_in_workbook  # openpyxl only when a workbook is asked for

        with tempfile.TemporaryDirectory(prefix="workbench-workbook-") as folder:
            path = write_fill_in_workbook(plan, int(year), data.get(plan.id), Path(folder) / "workbook.xlsx")
            body = path.read_bytes()
        name = f"{plan.id}-{year}-填报表.xlsx"
        self._send(HTTPStatus.OK, body, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   extra={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})

    def _other_plans(self, plan_id: str) -> set[str]:
        folder = self.bench.root / "data"
        return {p.name for p in folder.iterdir() if p.is_dir() and p.name != plan_id} if folder.is_dir() else set()

    def upload_page(self, query) -> None:
        root = self.bench.root
        loaded, problems = checked_content(root / "content", root=root)
        entries = history.read_journal(root)
        plans = [item.plan for item in loaded]
        files = {plan.id: history.data_files(root, plan.id) for plan in plans}
        self._page(HTTPStatus.OK, "upload.html", plans=plans, problems=problems, files=files,
                   entries=list(reversed(entries)), undoable=history.undoable(entries), max_mb=uploads.MAX_BYTES // 2**20)

    def upload(self, query) -> None:
        name = unquote(self.headers.get(NAME_HEADER) or "", errors="replace")
        plan_id = (query.get("plan") or [""])[0]
        length = int(self.headers.get("Content-Length") or 0)
        if reason := uploads.refusal(name, length):
            self._drain()
            self._fragment(HTTPStatus.REQUEST_ENTITY_TOO_LARGE if length > uploads.MAX_BYTES else HTTPStatus.BAD_REQUEST,
                           "message.html", False, message=reason)
            return
        data = self._body(uploads.MAX_BYTES) or b""
        suffix = Path(name).suffix.lower()
        if reason := uploads.content_refusal(suffix, data):
            self._fragment(HTTPStatus.BAD_REQUEST, "message.html", False, message=reason)
            return
        if self._release_running():
            self._fragment(HTTPStatus.CONFLICT, "message.html", False, message="正在发布，发布结束后再上传。")
            return
        with self.bench.data_lock:
            try:
                checked = uploads.check_upload(self.bench.root, plan_id, name, data)
            except uploads.Refused as refused:
                self._fragment(HTTPStatus.BAD_REQUEST, "message.html", False, message=str(refused))
                return
            entry = None if checked.problems else history.save(self.bench.root, checked.plan.id, checked.target, data,
                                                               checked.shown_name, checked.replaces)
        self._fragment(HTTPStatus.OK, "upload_result.html", entry is not None, checked=checked, entry=entry)

    def undo(self, query, number: str) -> None:
        if self._release_running():
            self._fragment(HTTPStatus.CONFLICT, "message.html", False, message="正在发布，发布结束后再撤销。")
            return
        with self.bench.data_lock:
            try:
                entry = history.undo(self.bench.root, int(number))
            except history.UndoRefused as refused:
                self._fragment(HTTPStatus.CONFLICT, "message.html", False, message=str(refused))
                return
        self._fragment(HTTPStatus.OK, "message.html", True,
                       message=f"已撤销第 {entry.number} 次操作：" + (f"已放回 data/{entry.plan_id}/{entry.name}。" if entry.kind == "remove" else 
                           f"data/{entry.plan_id}/ 中已恢复为上传前的文件（{'、'.join(old for old, _ in entry.replaced)}）。"
                           if entry.replaced else f"data/{entry.plan_id}/{entry.name} 已删除（上传前没有同一年份的文件）。"))

    def remove(self, query, plan_id: str) -> None:
        """Take a data file out; its name must be one the folder lists now (a name is never made into a path)."""
        name = unquote(self.headers.get(NAME_HEADER) or "", errors="replace")
        if self._release_running():
            self._fragment(HTTPStatus.CONFLICT, "message.html", False, message="正在发布，发布结束后再移出文件。")
            return
        with self.bench.data_lock:
            listed = {p.name: p for p in history.data_files(self.bench.root, plan_id)}
            if name not in listed:
                self._fragment(HTTPStatus.NOT_FOUND, "message.html", False, message="没有这个数据文件（也许已经移出了），请刷新页面。")
                return
            entry = history.remove(self.bench.root, plan_id, name)
        self._fragment(HTTPStatus.OK, "message.html", True,
                       message=f"已移出 data/{entry.plan_id}/{entry.name}（留存了副本，可在“上传记录”中撤销）。")

    def _release_running(self) -> bool:
        job = self.bench.jobs.last.get("release")
        return bool(job and job.running)

    def preview_page(self, query) -> None:
        self._job_page("preview.html", "preview")

    def release_page(self, query) -> None:
        self._job_page("release.html", "release")

    def _job_page(self, template: str, kind: str) -> None:
        view = overview.overview(self.bench.root)
        self._page(HTTPStatus.OK, template, job=self.bench.jobs.last.get(kind), today=dt.date.today().isoformat(),
                   drafts=view.drafts(), last_release=view.last_release)

    def start_preview(self, query) -> None:
        if options := self._release_options():
            self._start("preview", "生成预览", lambda: steps.preview(self.bench.root, *options))

    def start_release(self, query) -> None:
        if options := self._release_options():
            self._start("release", "发布", lambda: steps.release(self.bench.root, *options))

    def _release_options(self) -> tuple[dt.date, frozenset[int]] | None:
        """The release date and the draft years named, from the page; None (and a message sent) when unclear."""
        try:
            asked = json.loads(self._body(4096) or b"{}")
            return dt.date.fromisoformat(asked.get("date", "")), frozenset(int(y) for y in asked.get("include_draft", []))
        except (ValueError, TypeError, AttributeError):
            self._fragment(HTTPStatus.BAD_REQUEST, "message.html", False, message="请填写发布日期，如 2026-03-31。")
            return None

    def _start(self, kind: str, title: str, work) -> None:
        try:
            self.bench.jobs.start(kind, title, work)
        except jobs.Busy as busy:
            self._fragment(HTTPStatus.CONFLICT, "message.html", False, message=str(busy))
            return
        self._json(HTTPStatus.ACCEPTED, {"ok": True})

    def job(self, query, kind: str) -> None:
        job = self.bench.jobs.last.get(kind)
        if job is None:
            self._json(HTTPStatus.OK, {"running": False, "html": ""})
            return
        self._json(HTTPStatus.OK, {"running": job.running, "phase": job.phase, "seconds": job.seconds,
                                   "html": "" if job.running else pages.render("job_result.html", job=job)})

    def preview_site(self, query, rest: str) -> None:
        self._file(mirror.site_of(self.bench.root), rest, own=False)

    def static(self, query, rest: str) -> None:
        self._file(pages.STATIC, rest, own=True)

    def _file(self, folder: Path, rest: str, own: bool) -> None:
        """A file under ``folder``; a path leading out of it (.., links) is not found."""
        base = folder.resolve()
        path = (base / unquote(rest)).resolve()
        if path.is_dir():
            path = path / "index.html"
        if not path.is_relative_to(base) or not path.is_file():
            self._page(HTTPStatus.NOT_FOUND, "missing.html")
            return
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if content_type.startswith("text/") or content_type in ("application/javascript", "application/json"):
            content_type += "; charset=utf-8"
        self._send(HTTPStatus.OK, path.read_bytes(), content_type, own=own)


GET_ROUTES = (
    (r"/", Handler.overview),
    (r"/workbooks", Handler.workbooks),
    (r"/workbooks/([a-z0-9-]+)/(\d{4})\.xlsx", Handler.workbook),
    (r"/upload", Handler.upload_page),
    (r"/preview", Handler.preview_page),
    (r"/release", Handler.release_page),
    (r"/job/(preview|release)", Handler.job),
    (r"/preview/site/(.*)", Handler.preview_site),
    (r"/static/([\w.-]+)", Handler.static),
)
POST_ROUTES = (
    (r"/upload", Handler.upload),
    (r"/undo/(\d+)", Handler.undo),
    (r"/remove/([a-z0-9-]+)", Handler.remove),
    (r"/preview", Handler.start_preview),
    (r"/release", Handler.start_release),
)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A connection that failed outside a page (the browser closed it mid-answer): one line, no traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            print(f"工作台的一个连接出错：{type(error).__name__}（{printable(shorten(str(error), 120))}）", file=sys.stderr)


def make_server(root: Path, host: str, port: int) -> tuple[http.server.ThreadingHTTPServer, Workbench]:
    bench = Workbench(root, host, port)
    handler = type("BoundHandler", (Handler,), {"bench": bench})
    server = Server((host, port), handler)
    bench.bind(host, server.server_address[1])  # port 0: the one the system chose
    return server, bench
