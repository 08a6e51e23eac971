"""Read YAML into plain Python while keeping the line of every key and list item.

PyYAML's composed node tree carries positions; plain ``safe_load`` drops them, and staff need
"第 23 行" in every message. Only the safe constructor is used: a file can never run code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.constructor import ConstructorError, SafeConstructor

from generator.model.characters import forbidden
from generator.model.problems import Problem, shorten
from generator.load.files import read_bytes

YamlPath = tuple[str | int, ...]
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}
MAX_DEPTH = 50  # plan files nest four or five levels; far deeper is a broken or hostile file
# PyYAML's problems (English) → what they mean for a person editing the file.
_HINTS = (
    ("'\\t'", "用了制表符（Tab）：缩进只能用空格"),
    ("tab character", "用了制表符（Tab）：缩进只能用空格"),
    ("end of stream", "引号没有配对：从这一行开始的引号直到文件末尾都没有结束"),
    ("expected ',' or ']'", "方括号 [ ] 没有配对"),
    ("expected ',' or '}'", "花括号 { } 没有配对"),
    ("mapping values are not allowed", "这里不能有“冒号+空格”：多半是缩进不对，或文字中的冒号要用引号括起来"),
    ("could not find expected ':'", "缺少冒号：字段应写成“名称: 值”（冒号后有一个空格）；多半是上一行没写完或缩进不对"),
    ("expected <block end>", "缩进没有对齐：同一层的字段、列表项应缩进相同的空格数"),
    ("did not find expected key", "缩进没有对齐：同一层的字段、列表项应缩进相同的空格数"),
    ("did not find expected '-'", "列表项应以“- ”开头，并与同一列表的其他项对齐"),
    ("another document", "一个文件只能有一份内容：不要用 --- 分隔多份"),
    ("undefined alias", "用了未定义的别名（*）"),
    ("unknown escape character", "双引号中的反斜杠（\\）写法不对：文字中有反斜杠时改用单引号"),
)


class _TooDeep(yaml.YAMLError):
    def __init__(self, mark):
        self.problem_mark = mark


class _Loader(yaml.SafeLoader):
    """The safe loader, noting where aliases (``*name``) are used and refusing to nest without end."""

    def __init__(self, stream):
        super().__init__(stream)
        self.aliases: list[yaml.Mark] = []
        self.depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases.append(self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _compose(raw: str, shown_as: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The node tree of a file, or the one problem that stops it being read."""
    try:
        loader = _Loader(raw)  # checks every character first
    except yaml.reader.ReaderError as error:
        line = raw[: error.position].count("\n") + 1
        return None, [Problem("bad-character", "文件中有不允许的控制字符（看不见的特殊字符）", shown_as, line=line,
                              found=f"第 {line} 行有字符 U+{error.character:04X}",
                              expected="删除这个字符（多半是从别处复制时带入的）")]
    try:
        root = loader.get_single_node()
    except _TooDeep as error:
        return None, [Problem("yaml-too-deep", "列表或字段表嵌套太深", shown_as, line=error.problem_mark.line + 1,
                              found=f"超过 {MAX_DEPTH} 层", expected="规划文件只需四五层缩进")]
    except yaml.YAMLError as error:
        problem = str(getattr(error, "problem", "") or error)
        # An unclosed quote or bracket is found at the end of the file: name the line where it opened.
        context = getattr(error, "context_mark", None)
        use_context = context is not None and any(w in problem for w in ("end of stream", "<stream end>", "expected ':'"))
        mark = context if use_context else getattr(error, "problem_mark", None)
        hint = next((text for key, text in _HINTS if key in problem), "")
        return None, [Problem("yaml-syntax", f"YAML 格式错误：{hint}" if hint else "YAML 格式错误", shown_as,
                              line=mark.line + 1 if mark else None, found=shorten(problem, 120),
                              expected="合法的 YAML（注意缩进、冒号后的空格、引号是否成对）")]
    finally:
        loader.dispose()
    if loader.aliases:
        # "Billion laughs": a few lines of aliases expand to billions of items. Plans never need them.
        first = loader.aliases[0]
        return None, [Problem("yaml-alias", "不支持 YAML 的锚点和别名（& 和 *）", shown_as, line=first.line + 1,
                              found=f"别名 {len(loader.aliases)} 处", expected="把内容直接写出来，不用 & 和 *")]
    return root, []


@dataclass
class YamlDocument:
    data: object
    lines: dict[YamlPath, int]

    def line_of(self, path: YamlPath) -> int | None:
        """The line of the deepest known node on ``path``."""
        for end in range(len(path), -1, -1):
            if (found := self.lines.get(tuple(path[:end]))) is not None:
                return found
        return None


def format_path(path: YamlPath) -> str:
    """``('indicators', 2, 'targets', 0, 'value')`` → ``indicators[3].targets[1].value`` (1-based)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_yaml(path: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    data, problem = read_bytes(path, shown_as)
    if problem:
        return None, [problem]
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [Problem("not-utf8", "文件不是 UTF-8 编码，请用 UTF-8 保存", shown_as,
                              found=f"第 {error.start + 1} 个字节无法按 UTF-8 读取", expected="UTF-8 编码的文本")]
    if (inside := raw.find("\ufeff")) >= 0:
        line = raw[:inside].count("\n") + 1
        return None, [Problem("bom-inside", "文件中间有看不见的 BOM 字符（U+FEFF），多半是拼接文件或复制时带入的", shown_as,
                              line=line, found=f"第 {line} 行有 U+FEFF", expected="删除这个字符（可删去该行开头后重新输入）")]
    root, unreadable = _compose(raw, shown_as)
    if unreadable:
        return None, unreadable
    if root is None:
        return None, [Problem("empty-file", "文件是空的", shown_as, expected="至少包含必填字段")]
    lines: dict[YamlPath, int] = {}
    problems: list[Problem] = []
    constructor = SafeConstructor()

    def convert(node: yaml.Node, at: YamlPath) -> object:
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
            value = constructor.construct_object(node, deep=True)
        except ConstructorError as error:
            problems.append(Problem("yaml-tag", "不支持的 YAML 写法", shown_as, format_path(at),
                                    node.start_mark.line + 1, found=str(error.problem),
                                    expected="普通的文字、数字、列表或字段"))
            return None
        except (ValueError, OverflowError):  # a date that does not exist (2022-13-45), a number of 5000 digits
            date = node.tag.endswith("timestamp")
            problems.append(Problem("yaml-value", "日期不存在" if date else "数字位数太多，无法读取", shown_as,
                                    format_path(at), node.start_mark.line + 1, found=shorten(node.value),
                                    expected="存在的日期，如 2022-04-28" if date else "正常长度的数字；照抄原文的文字请加引号"))
            return None
        if isinstance(value, str) and (bad := forbidden(value)):
            # Typed unseen, pasted from elsewhere, or written as "\0", "\u202e" in double quotes.
            problems.append(Problem("bad-character", f"文字中有看不见的{bad[1]}，不允许使用", shown_as, format_path(at),
                                    node.start_mark.line + 1, found=bad[0],
                                    expected="删除这个字符（多半是复制时带入的；双引号中的 \\0、\\u 等写法也会产生它）"))
            return None
        return value

    data = convert(root, ())
    return YamlDocument(data, lines), problems
