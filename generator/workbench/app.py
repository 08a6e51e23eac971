"""``python -m generator workbench``: start the workbench and print its address (with the token)."""

from __future__ import annotations

import errno
import ipaddress
import sys
from pathlib import Path

from generator.workbench.server import make_server

DEFAULT_ADDRESS = "127.0.0.1:8765"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def parse_address(address: str) -> tuple[str, int] | None:
    host, _, port = address.rpartition(":")
    if not port.isdigit() or not 0 <= int(port) <= 65535:
        return None
    host = host.strip("[]")
    if host == "localhost":
        return "127.0.0.1", int(port)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return None
    return host, int(port)


def run(root: Path, address: str) -> int:
    parsed = parse_address(address)
    if parsed is None:
        print(f"地址“{address}”写法不对：应为“IP 地址:端口”，如 {DEFAULT_ADDRESS}。", file=sys.stderr)
        return 2
    host, port = parsed
    if ipaddress.ip_address(host).is_unspecified:
        print(f"请写出本机的一个具体地址（如 127.0.0.1 或本机在单位内部网络中的地址），不要用 {host}："
              "那会让本机连着的所有网络都能打开工作台。", file=sys.stderr)
        return 2
    if not (root / "content").is_dir():
        print(f"{root} 中没有 content/ 文件夹：请在项目文件夹中启动工作台，或用 --root 指定项目文件夹。", file=sys.stderr)
        return 2
    try:
        server, bench = make_server(root, host, port)
    except OSError as error:
        reason = "这个端口已被占用（工作台是否已经开着？）" if error.errno == errno.EADDRINUSE else \
            "本机没有这个地址" if error.errno == errno.EADDRNOTAVAIL else (error.strerror or str(error))
        print(f"工作台无法在 {address} 启动：{reason}。可以用 --address 换一个端口，如 127.0.0.1:8766。", file=sys.stderr)
        return 1
    shown_host = f"[{host}]" if ":" in host else host
    print(f"工作台已启动。请在浏览器中打开下面这个地址（整行复制，包括问号后面的部分）：\n\n  {bench.url(shown_host, server.server_address[1])}\n", flush=True)
    if host not in LOCAL_HOSTS:
        print(f"注意：工作台在 {host} 上开放，同一网络中知道这个地址（含 token）的电脑都能打开。只在单位内部网络中这样使用。", flush=True)
    print("用完后在这个窗口按 Ctrl+C 结束。", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("工作台已关闭。")
    finally:
        server.server_close()
    return 0
