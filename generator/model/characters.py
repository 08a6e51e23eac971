"""Characters a plan or data file may not hold, wherever they are: invisible ones that change what a
reader sees or what a program does.

- control characters (NUL, bell, escape …; tab and line breaks are fine);
- bidirectional controls (U+202E turns "甲县" into what looks like another name);
- zero-width characters (two names that look the same but differ);
- noncharacters (U+FFFF crashes the chart renderer) and lone surrogates.
"""

from __future__ import annotations

import re

_KINDS = (
    ("控制字符", "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"),
    ("双向文字控制符", "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"),
    ("零宽字符", "\u200b-\u200d\u2060-\u2064\ufeff"),
    ("非字符", "\ufdd0-\ufdef\ufffe\uffff" + "".join(f"{chr(p * 0x10000 + 0xfffe)}{chr(p * 0x10000 + 0xffff)}"
                                                        for p in range(1, 17))),
    ("代理字符", "\ud800-\udfff"),
)
FORBIDDEN = re.compile("[" + "".join(ranges for _, ranges in _KINDS) + "]")
_KIND_OF = [(re.compile(f"[{ranges}]"), name) for name, ranges in _KINDS]


def forbidden(text: str) -> tuple[str, str] | None:
    """The first forbidden character's description, e.g. ("字符 U+202E（双向文字控制符，第 3 个字符）", kind)."""
    match = FORBIDDEN.search(text)
    if match is None:
        return None
    kind = next(name for pattern, name in _KIND_OF if pattern.match(match.group()))
    return f"字符 U+{ord(match.group()):04X}（{kind}，第 {match.start() + 1} 个字符）", kind


def without_forbidden(text: str) -> tuple[str, int]:
    """``text`` with every forbidden character removed, and how many there were (for text read from a
    document that staff did not type: an import keeps what a reader sees and drops the rest)."""
    return FORBIDDEN.subn("", text)
