"""Turn pydantic's validation errors into located Chinese problems."""

from __future__ import annotations

import re

from pydantic import ValidationError

from generator.model.problems import Problem, shorten
from generator.load.yaml_lines import YamlDocument, format_path

_EXPECTED = {
    "int_parsing": "整数（如 2025）",
    "int_type": "整数（如 2025）",
    "int_from_float": "整数（如 2025）",
    "float_parsing": "数字",
    "float_type": "数字",
    "string_type": "文字",
    "list_type": "列表（每项以“- ”开头）",
    "dict_type": "字段表（“名称: 值”）",
    "model_type": "字段表（“名称: 值”）",
    "model_attributes_type": "字段表（“名称: 值”）",
    "date_parsing": "日期，如 2022-04-28",
    "date_type": "日期，如 2022-04-28",
    "date_from_datetime_parsing": "日期，如 2022-04-28",
    "date_from_datetime_inexact": "日期，如 2022-04-28（不带时刻）",
    "string_too_short": "不为空的文字",
    "string_too_long": "更短的文字",
    "string_pattern_mismatch": "按说明的格式书写（见 content/README.md 或设置文件中的注释）",
    "bool_type": "是或否（true / false）",
    "bool_parsing": "是或否（true / false）",
    "finite_number": "一个有限的数字（不能是 .inf、.nan）",
    "int_parsing_size": "不太大的整数",
    "none_required": "不填写",
}
_BOUNDS = {"gt": "大于", "ge": "不小于", "lt": "小于", "le": "不大于"}


def _describe(error: dict) -> tuple[str, str, str]:
    """(message, found, expected) for one pydantic error."""
    kind = error["type"]
    name = next((p for p in reversed(error["loc"]) if isinstance(p, str)), "")
    found = "" if kind == "missing" else shorten(error.get("input"))
    if kind == "extra_forbidden":
        return f"未知字段“{name}”", found, "content/README.md 中列出的字段（检查拼写）"
    if kind == "missing":
        return f"缺少必填字段“{name}”", "（未填写）", "填写该字段"
    if kind == "literal_error":
        allowed = re.sub(r"\s+or\s+", "、", str(error.get("ctx", {}).get("expected", "")))  # pydantic: "'a', 'b' or 'c'"
        return f"字段“{name}”的取值不在允许范围内", found, allowed.replace(", ", "、")
    if kind == "value_error":
        return str(error["ctx"]["error"]), found, ""
    if kind in ("greater_than", "less_than", "greater_than_equal", "less_than_equal"):
        bound = next((f"{word} {error['ctx'][key]}" for key, word in _BOUNDS.items() if key in error.get("ctx", {})), "")
        return f"字段“{name}”的数值超出范围", found, f"{bound} 的数值"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return f"字段“{name}”太长", found, f"不超过 {limit} 个字符" if limit is not None else _EXPECTED[kind]
    if kind == "finite_number":
        return f"字段“{name}”不是一个有限的数字", found, _EXPECTED[kind]
    # Every other kind: pydantic's own message is English, so it is never shown.
    return f"字段“{name}”的类型不对", found, _EXPECTED.get(kind, "content/README.md 中说明的写法")


def problems_from_validation(error: ValidationError, doc: YamlDocument, shown_as: str) -> list[Problem]:
    problems = []
    for item in error.errors(include_url=False):
        # Pydantic adds union/validator names to the location; keep only what the YAML has.
        path = tuple(p for p in item["loc"] if isinstance(p, int) or not str(p).startswith(("function-", "constrained-")))
        message, found, expected = _describe(item)
        problems.append(Problem(f"invalid-{item['type'].replace('_', '-')}", message, shown_as,
                                format_path(path), doc.line_of(path), found=found, expected=expected))
    return problems
