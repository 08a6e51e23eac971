"""argparse in Chinese: its usage line, section titles, help option and every error message.

argparse looks its words up through its module's ``_`` and ``ngettext`` (gettext, which ships no
Chinese); the command line replaces both with this table before it parses anything. A message not
in the table (a newer Python's) stays as argparse writes it.
"""

from __future__ import annotations

import argparse

WORDS = {
    "usage: ": "用法：",
    "positional arguments": "必填参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必填的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 %(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "参数值 %(value)r 写法不对",
    "expected one argument": "后面应跟一个值",
    "expected at most one argument": "后面最多跟一个值",
    "expected at least one argument": "后面至少跟一个值",
    "expected %s argument": "后面应跟 %s 个值",
    "expected %s arguments": "后面应跟 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是 %(matches)s",
    "not allowed with argument %s": "不能和参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须选一个",
    "ignored explicit argument %r": "多余的参数值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可用的命令：%(choices)s）",
}


def _word(message: str) -> str:
    return WORDS.get(message, message)


def _words(singular: str, plural: str, n: int) -> str:
    return _word(singular if n == 1 else plural)


def use_chinese() -> None:
    argparse._ = _word
    argparse.ngettext = _words
