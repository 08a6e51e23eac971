"""Who may use the workbench: whoever has the one random token printed when it started.

The printed address carries the token once (``?token=…``); the first page sets it as a cookie that
only this site sends (SameSite=Strict, HttpOnly), and every request without it is refused. A request
that changes anything (upload, undo, remove, preview, release) must also carry the token in a header,
which only the workbench's own script sets, so another site open in the same browser cannot forge one.
Requests naming another host are refused too (a page elsewhere cannot rebind a name to this address).
"""

from __future__ import annotations

import hmac
import secrets

COOKIE = "workbench_token"
HEADER = "X-Workbench-Token"


class Access:
    def __init__(self, host: str, port: int):
        self.token = secrets.token_urlsafe(24)
        self.hosts: set[str] = set()
        self.bind(host, port)

    def bind(self, host: str, port: int) -> None:
        self.hosts = {f"{host}:{port}"} | ({f"localhost:{port}"} if host == "127.0.0.1" else set())

    def host_ok(self, host: str | None) -> bool:
        return host in self.hosts

    def token_ok(self, given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), self.token.encode())

    def cookie_ok(self, cookie_header: str | None) -> bool:
        for part in (cookie_header or "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                return self.token_ok(value)
        return False

    def cookie(self) -> str:
        return f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
