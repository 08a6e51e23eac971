"""Preview for staff: the engine's server (generator/publish/engine.py) shows the pages and reloads
the browser; when content/, data/, templates/ or site_config/ change (watchfiles), the pages are
regenerated. A file with problems is reported as the located Chinese problem list and the preview
keeps showing the last good pages.

The terminal shows only Chinese lines: progress while the first pages are made, the file the
engine's own log goes to (named once), and the address once the server answers it.
"""

from __future__ import annotations

import errno
import signal
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from watchfiles import watch

from generator.model.problems import os_reason, printable
from generator.publish import engine

WATCHED = ("content", "data", "templates", "site_config")
LOG = "build/serve.log"  # the engine's own log, relative to the project
FIRST_ANSWER = 900  # seconds the server may take to build the pages and answer
STILL_WAITING = 15  # seconds between "still starting" lines


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except urllib.error.HTTPError as error:
        return error.code < 500
    except (OSError, ValueError):
        return False


def _wait_until_answering(server, url: str) -> bool:
    """True once ``url`` answers; False if the server stops first or takes too long."""
    started = time.monotonic()
    said = started
    while time.monotonic() - started < FIRST_ANSWER:
        if server.poll() is not None:
            return False
        if answers(url):
            return True
        if time.monotonic() - said >= STILL_WAITING:
            said = time.monotonic()
            print(f"预览服务仍在生成网页……（已等 {said - started:.0f} 秒）", flush=True)
        time.sleep(0.3)
    return False


def _regenerate_safely(regenerate: Callable[[], bool]) -> None:
    """A change that breaks something unexpected keeps the preview running, with a Chinese line."""
    try:
        regenerate()
    except Exception as error:  # staff never see a traceback; the preview keeps the last good pages
        print(f"预览没有更新：程序内部错误（{type(error).__name__}）。这不是数据的问题；保存文件后会再试一次，"
              "如仍出错请把这段信息发给技术支持人员。", file=sys.stderr, flush=True)


def address_problem(address: str) -> str | None:
    """Why the preview cannot listen at ``address`` (host:port), in Chinese; checked before anything
    starts, since MkDocs reports a port in use with a traceback and a bad one in English, exiting 0."""
    host, colon, port = address.rpartition(":")
    shown = printable(address)
    if not colon or not host or not port.isascii() or not port.isdigit() or not 0 < int(port) < 65536:
        return f"--address {shown}：写法不对，应为“地址:端口”，端口是 1–65535 的整数，如 127.0.0.1:8000"
    try:
        with socket.socket(socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
            probe.bind((host.strip("[]"), int(port)))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return f"--address {shown}：端口 {port} 已被另一个程序占用（也许另一个预览还开着）。请关掉它，或换一个端口，如 --address {printable(host)}:{int(port) + 1}"
        reason = "这台电脑没有这个地址" if error.errno == errno.EADDRNOTAVAIL else printable(os_reason(error))
        return f"--address {shown}：无法在这个地址上预览（{reason}）。请用本机地址，如 127.0.0.1:8000"
    return None


def serve(root: Path, address: str, regenerate: Callable[[], bool]) -> int:
    """``regenerate`` writes build/docs and build/mkdocs.yml and says whether it could."""
    if problem := address_problem(address):
        print(problem, file=sys.stderr)
        return 2
    print("正在生成预览的网页（第一次较慢：每份 PDF 公报都要排版）……", flush=True)
    if not regenerate():
        return 1
    url = f"http://{address}/"
    (root / LOG).parent.mkdir(parents=True, exist_ok=True)
    with open(root / LOG, "w", encoding="utf-8") as log:
        server = engine.start_server(root / "build" / "mkdocs.yml", address, root, log)
        print(f"正在启动预览服务（{engine.NAME} 的运行记录写在 {LOG}）……", flush=True)
        stopped, asked_to_stop = threading.Event(), threading.Event()

        def stop(*_) -> None:  # a stopped preview takes the server with it
            asked_to_stop.set()
            stopped.set()
        signal.signal(signal.SIGTERM, stop)
        try:
            if not _wait_until_answering(server, url):
                if server.poll() is None:
                    print(f"预览没有启动：{FIRST_ANSWER} 秒内预览服务没有应答，详情见 {LOG}。", file=sys.stderr)
                else:
                    print(engine.server_failure((root / LOG).read_text(encoding="utf-8", errors="replace"), address, LOG),
                          file=sys.stderr)
                return 1
            print(f"预览地址：{url} （按 Ctrl+C 结束）", flush=True)
            threading.Thread(target=lambda: (server.wait(), stopped.set()), daemon=True).start()
            for _ in watch(*(root / folder for folder in WATCHED if (root / folder).is_dir()), stop_event=stopped):
                _regenerate_safely(regenerate)
            if not asked_to_stop.is_set():  # the server stopped by itself
                print(f"预览服务意外停止，详情见 {LOG}。请重新运行 serve。", file=sys.stderr)
                return 1
        except KeyboardInterrupt:
            pass
        finally:
            server.terminate()
            server.wait()
    return 0
