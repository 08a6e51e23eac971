"""Every written form of a value or target that occurs in the five source plans, and malformed ones."""

import pytest

from generator.model.written_value import WrittenValueError, parse_written_value


@pytest.mark.parametrize(
    "text, comparator, number, upper, approximate, maintain",
    [
        (">98", ">", 98, None, False, False),
        ("＞99", ">", 99, None, False, False),  # full-width
        ("﹥90", ">", 90, None, False, False),  # small form variant (连云港)
        ("＞98.5", ">", 98.5, None, False, False),
        ("≥2", ">=", 2, None, False, False),
        ("90 以上", ">=", 90, None, False, False),
        ("95%以上", ">=", 95, None, False, False),
        ("4.2人以上", ">=", 4.2, None, False, False),
        ("70 所以上", ">=", 70, None, False, False),
        ("保持在90%以上", ">=", 90, None, False, True),
        ("保持 100%", "=", 100, None, False, True),
        ("<0.5", "<", 0.5, None, False, False),
        ("＜0.6", "<", 0.6, None, False, False),
        ("不大于0.50", "<=", 0.5, None, False, False),
        ("不低于20%", ">=", 20, None, False, False),
        ("不少于20个", ">=", 20, None, False, False),
        ("低于0.15", "<", 0.15, None, False, False),
        ("＞99%", ">", 99, None, False, False),
        ("65左右", "=", 65, None, True, False),
        ("30所左右", "=", 30, None, True, False),
        ("约20000", "=", 20000, None, True, False),
        ("100", "=", 100, None, False, False),
        ("100%", "=", 100, None, False, False),
        ("12.3", "=", 12.3, None, False, False),
        ("０", "=", 0, None, False, False),  # full-width digit
        ("5—6", "between", 5, 6, False, False),
        ("1-2", "between", 1, 2, False, False),
        ("3-5所", "between", 3, 5, False, False),
        ("1—2 项", "between", 1, 2, False, False),
        ("1～2所", "between", 1, 2, False, False),
        ("3－5", "between", 3, 5, False, False),  # full-width hyphen
        ("5%以内", "<=", 5, None, False, False),
        ("超75%", ">", 75, None, False, False),
        ("2倍以上", ">=", 2, None, False, False),
        ("不低于7000元", ">=", 7000, None, False, False),
        ("不少于4课时", ">=", 4, None, False, False),
        ("约 20000", "=", 20000, None, True, False),
        ("不大于 0.45", "<=", 0.45, None, False, False),
        ("保持 90%以上", ">=", 90, None, False, True),
        (98, "=", 98, None, False, False),  # YAML number
        (0.45, "=", 0.45, None, False, False),
    ],
)
def test_written_forms(text, comparator, number, upper, approximate, maintain):
    value = parse_written_value(text)
    assert value.text == str(text)  # kept verbatim for display
    assert (value.comparator, value.number, value.upper, value.approximate, value.maintain) == (
        comparator, number, upper, approximate, maintain)


def test_percent_is_recorded():
    assert parse_written_value("95%以上").percent
    assert not parse_written_value("4.2人以上").percent


@pytest.mark.parametrize(
    "text, reason",
    [
        ("", "内容为空"),
        ("   ", "内容为空"),
        ("较高", "找不到数字"),
        (">>98", "比较符号重复"),
        (">98以上", "同时写了前置和后置的比较词"),
        ("6—5", "下限 6 大于上限 5"),
        ("5—", "区间缺少上限"),
        ("98分以上吧", "无法识别"),
        ("≥90左右", "“左右”不能与比较词同用"),
        (">5—6", "区间不能再加比较词"),
        ("大约九十", "找不到数字"),
        ("大约90", "数字前有无法识别的文字“大约”"),
        (True, "应为文字或数字"),
        (None, "应为文字或数字"),
    ],
)
def test_malformed_values_give_clear_messages(text, reason):
    with pytest.raises(WrittenValueError) as error:
        parse_written_value(text)
    assert reason in str(error.value)


@pytest.mark.parametrize("text, due", [
    ("2023年暑假前", "2023-06-30"), ("2022年8月前完成", "2022-08-31"), ("2021年7月19日前", "2021-07-19"),
    ("2023年底前", "2023-12-31"), ("到2023年", "2023-12-31"), ("每年5月", None), ("按实落实", None),
])
def test_deadlines(text, due):
    from generator.model.schedule import parse_deadline

    deadline = parse_deadline(text)
    assert deadline.text == text
    assert (deadline.due.isoformat() if deadline.due else None) == due


@pytest.mark.parametrize("text, kind, start, end", [
    ("2021", "year", 2021, 2021), ("2022—2023", "span", 2022, 2023), ("2022起", "from", 2022, None),
    ("2025前", "by", None, 2025), ("2021 年底", "year", 2021, 2021), (2024, "year", 2024, 2024),
])
def test_milestone_years(text, kind, start, end):
    from generator.model.schedule import parse_milestone_years

    years = parse_milestone_years(text)
    assert (years.kind, years.start, years.end) == (kind, start, end)


@pytest.mark.parametrize("text", ["明年", "2023—2021", "", "二〇二一"])
def test_malformed_milestone_years(text):
    from generator.model.schedule import parse_milestone_years

    with pytest.raises(ValueError, match="年份"):
        parse_milestone_years(text)


def test_every_value_written_in_the_encoded_plans_is_read(sample_plans):
    forms = {v.value.text for p in sample_plans for i in p.indicators for v in ([i.base] if i.base else []) + i.targets}
    assert len(forms) > 150
    for text in forms:
        assert parse_written_value(text).text == text
