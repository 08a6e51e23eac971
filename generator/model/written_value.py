"""Values and targets as a plan writes them (``>98``, ``90 以上``, ``保持在90%以上``, ``5—6`` …).

The text is kept verbatim for display; :func:`parse_written_value` reads it into a
structured form. Every form seen in the five source plans is listed in the tests.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

Comparator = Literal["=", ">", ">=", "<", "<=", "between"]


# Longest first, so that "不低于" wins over "低于" and ">=" over ">".
_PREFIXES: tuple[tuple[str, Comparator], ...] = (
    (">=", ">="), ("<=", "<="), ("≥", ">="), ("≤", "<="), ("⩾", ">="), ("⩽", "<="),
    ("不低于", ">="), ("不少于", ">="), ("不小于", ">="),
    ("不高于", "<="), ("不大于", "<="), ("不超过", "<="), ("不多于", "<="),
    ("超过", ">"), ("超", ">"), ("高于", ">"), ("大于", ">"), ("多于", ">"),
    ("低于", "<"), ("小于", "<"), ("少于", "<"),
    (">", ">"), ("<", "<"),
)
_SUFFIXES: tuple[tuple[str, Comparator], ...] = (
    ("及以上", ">="), ("以上", ">="), ("及以下", "<="), ("以下", "<="), ("以内", "<="),
)
_MAINTAIN = ("保持在", "稳定在", "保持", "维持在", "维持")
_FILLERS = ("达到", "达", "为")
# Counting words a plan writes after a number ("4.2人以上", "30所左右").
MEASURE_WORDS = (
    "万人次", "万人", "人次", "个百分点", "%", "所", "个", "人", "名", "家", "项", "次",
    "年", "元", "万元", "亿元", "间", "支", "门", "座", "篇", "位", "处", "条", "小时", "分钟", "分",
    "课时", "学时", "节", "倍", "周", "天", "岁", "册", "台", "套", "平方米", "万", "亿",
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_RANGE_DASH = re.compile(r"[-—–~～至到]+")

EXAMPLES = "“>98”、“≥2”、“90 以上”、“保持在90%以上”、“<0.5”、“65左右”、“5—6”"


class WrittenValueError(ValueError):
    """A value or target that cannot be read; the message is for staff, in Chinese."""


class WrittenValue(BaseModel):
    """A figure as the document writes it, and what it means."""

    model_config = ConfigDict(frozen=True)

    text: str
    comparator: Comparator
    number: float
    upper: float | None = None  # only for ranges ("5—6")
    approximate: bool = False  # "左右"
    maintain: bool = False  # "保持…"
    percent: bool = False

    def __str__(self) -> str:
        return self.text


def _normalise(text: str) -> str:
    # NFKC folds full-width digits and signs (＞ ﹥ ％ ０-９) into ASCII; spaces carry no meaning.
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", folded)


def _strip_prefix(s: str, options) -> tuple[str, object | None]:
    for word, meaning in options:
        if s.startswith(word):
            return s[len(word):], meaning
    return s, None


def _strip_suffix(s: str, options) -> tuple[str, object | None]:
    for word, meaning in options:
        if s.endswith(word):
            return s[: -len(word)], meaning
    return s, None


def _fail(text: str, why: str) -> WrittenValueError:
    return WrittenValueError(f"无法读懂“{text}”：{why}。应写成如 {EXAMPLES} 的形式")


def parse_written_value(text: object) -> WrittenValue:
    """Read a written value; raise :class:`WrittenValueError` with a Chinese message."""
    if isinstance(text, bool) or not isinstance(text, (str, int, float)):
        raise WrittenValueError(f"应为文字或数字，发现的是 {type(text).__name__}")
    original = str(text)
    s = _normalise(original)
    if not s:
        raise _fail(original, "内容为空")

    maintain = False
    for word in _MAINTAIN:
        if s.startswith(word):
            s, maintain = s[len(word):], True
            break
    s, _ = _strip_prefix(s, [(w, None) for w in _FILLERS])

    approximate = False
    if s.startswith("约"):
        s, approximate = s[1:], True
    s, prefix_cmp = _strip_prefix(s, _PREFIXES)
    if prefix_cmp and s[:1] in "<>=≥≤":
        raise _fail(original, "比较符号重复")

    s, suffix_cmp = _strip_suffix(s, _SUFFIXES)
    if s.endswith("左右"):
        s, approximate = s[: -len("左右")], True
    s, unit = _strip_suffix(s, [(w, w) for w in MEASURE_WORDS])
    if s.endswith("左右") and not approximate:
        s, approximate = s[: -len("左右")], True
    if prefix_cmp and suffix_cmp:
        raise _fail(original, "同时写了前置和后置的比较词")
    comparator: Comparator = prefix_cmp or suffix_cmp or "="

    match = _NUMBER.match(s)
    if not match:
        raise _fail(original, "找不到数字" if not _NUMBER.search(s) else f"数字前有无法识别的文字“{s[:_NUMBER.search(s).start()]}”")
    number = float(match.group())
    rest = s[match.end():]
    upper = None
    dash = _RANGE_DASH.match(rest)
    if dash:
        rest = rest[dash.end():]
        second = _NUMBER.match(rest)
        if not second:
            raise _fail(original, "区间缺少上限")
        upper = float(second.group())
        rest = rest[second.end():]
        if upper < number:
            raise _fail(original, f"区间下限 {match.group()} 大于上限 {second.group()}")
        if comparator != "=":
            raise _fail(original, "区间不能再加比较词")
        comparator = "between"
        if unit is None:
            rest, unit = _strip_suffix(rest, [(w, w) for w in MEASURE_WORDS])
    if rest:
        raise _fail(original, f"数字后有无法识别的文字“{rest}”")
    if approximate and comparator not in ("=",):
        raise _fail(original, "“左右”不能与比较词同用")
    return WrittenValue(
        text=original,
        comparator=comparator,
        number=number,
        upper=upper,
        approximate=approximate,
        maintain=maintain,
        percent=unit == "%",
    )
