"""Read YAML into plain Python while keeping the line of every key and list item.

PyYAML's composed node tree carries positions; plain ``safe_load`` drops them, and staff need
"第 23 行" in every message. Only the safe constructor is used: a file can never run code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from generator.check.problems import Problem

Path_ = tuple[str | int, ...]
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


@dataclass
class YamlDocument:
    data: object
    lines: dict[Path_, int]

    def line_of(self, path: Path_) -> int | None:
        """The line of the deepest known node on ``path``."""
        for end in range(len(path), -1, -1):
            if (found := self.lines.get(tuple(path[:end]))) is not None:
                return found
        return None


def format_path(path: Path_) -> str:
    """``('indicators', 2, 'targets', 0, 'value')`` → ``indicators[3].targets[1].value`` (1-based)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem("not-utf8", "文件不是 UTF-8 编码，请用 UTF-8 保存", shown_as,
                              found=f"第 {error.start + 1} 个字节无法按 UTF-8 读取", expected="UTF-8 编码的文本")]
    try:
        root = yaml.compose(raw, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return None, [Problem("yaml-syntax", "YAML 格式错误", shown_as,
                              line=mark.line + 1 if mark else None,
                              found=str(getattr(error, "problem", error)),
                              expected="合法的 YAML（注意缩进、冒号后的空格、引号是否成对）")]
    if root is None:
        return None, [Problem("empty-file", "文件是空的", shown_as, expected="至少包含必填字段")]
    lines: dict[Path_, int] = {}
    problems: list[Problem] = []
    constructor = SafeConstructor()

    def convert(node: yaml.Node, at: Path_) -> object:
        lines.setdefault(at, node.start_mark.line + 1)
        if node.tag not in _PLAIN_TAGS:
            problems.append(Problem("yaml-tag", "不支持的 YAML 标记（文件中的内容只作为数据读取）", shown_as,
                                    format_path(at), node.start_mark.line + 1, found=node.tag,
                                    expected="普通的文字、数字、列表或字段"))
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key = convert(key_node, at)
                if not isinstance(key, (str, int)):
                    problems.append(Problem("bad-key", "字段名应为文字", shown_as, format_path(at),
                                            key_node.start_mark.line + 1, found=repr(key)))
                    continue
                if key in result:
                    problems.append(Problem("duplicate-key", f"字段“{key}”在同一处写了两次", shown_as,
                                            format_path((*at, key)), key_node.start_mark.line + 1,
                                            found=str(key), expected="每个字段只写一次"))
                lines[(*at, key)] = key_node.start_mark.line + 1
                result[key] = convert(value_node, (*at, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, (*at, n)) for n, item in enumerate(node.value)]
        try:
            return constructor.construct_object(node, deep=True)
        except ConstructorError as error:
            problems.append(Problem("yaml-tag", "不支持的 YAML 写法", shown_as, format_path(at),
                                    node.start_mark.line + 1, found=str(error.problem),
                                    expected="普通的文字、数字、列表或字段"))
            return None

    data = convert(root, ())
    return YamlDocument(data, lines), problems
