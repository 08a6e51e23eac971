"""How two written names (regions, units) are compared: as a reader would, not byte by byte.

"甲县" typed with a decomposed character, "Ａ区" with a full-width letter and "A区" are the same name
to a reader; they must not become two regions or two units on the site. The key is the NFC form with
full-width ASCII (and the ideographic space) folded and spaces dropped; the name shown is the one
written in the plan.
"""

from __future__ import annotations

import re
import unicodedata

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def name_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFC", name).translate(_FULL_WIDTH).split())


# Ids: plan ids are folder and file names (content/<id>/, downloads/<id>-2022-bulletin.pdf), the other
# ids are page and file names too (indicators/<plan>/<id>.json). One rule for all of them, applied by
# the loader, `check` and `import` alike. \Z, not $: "$" lets a final newline through ("x\n").
ID_PATTERN = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")
MAX_ID_LENGTH = 64  # plan id + indicator id + year and suffix stay far below the 255-byte file name limit
# Names the site itself uses beside plan ids (downloads/all.csv, search/, pagefind/ …).
ALL_PLANS = "all"
SITE_NAMES = frozenset({ALL_PLANS, "downloads", "bulletins", "assets", "search", "pagefind", "charts", "plans", "index"})
# Names Windows reserves for devices, with any extension: a page or file so named cannot exist on a Windows server.
DEVICE_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))})


def id_problem(value: object, plan: bool = False) -> str | None:
    """Why ``value`` cannot be an id (of a plan when ``plan``), in Chinese; None when it can."""
    shown = repr(value)[1:-1] if isinstance(value, str) else str(value)
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        return f"编号“{shown[:80]}”不合规：只能用小写英文字母、数字和连字符，如 preschool-enrolment"
    if len(value) > MAX_ID_LENGTH:
        return f"编号太长（{len(value)} 个字符）：最多 {MAX_ID_LENGTH} 个字符，否则网站的文件名会超出系统的限制"
    if value in DEVICE_NAMES:
        return f"编号“{value}”是 Windows 保留的设备名（{'、'.join(sorted(DEVICE_NAMES, key=_device_order))} 都不能用），这样的文件在 Windows 服务器上无法存在"
    if plan and value in SITE_NAMES:
        return f"规划编号“{value}”是网站自用的名称，会与网站的文件冲突（不能是 {'、'.join(sorted(SITE_NAMES))}）"
    return None


def _device_order(name: str) -> tuple[str, int]:
    return name.rstrip("0123456789"), int(name[3:] or 0)
