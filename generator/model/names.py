"""How two written names (regions, units) are compared: as a reader would, not byte by byte.

"甲县" typed with a decomposed character, "Ａ区" with a full-width letter and "A区" are the same name
to a reader; they must not become two regions or two units on the site. The key is the NFC form with
full-width ASCII (and the ideographic space) folded and spaces dropped; the name shown is the one
written in the plan.
"""

from __future__ import annotations

import unicodedata

_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def name_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFC", name).translate(_FULL_WIDTH).split())
