from generator.check.source_text import SourceText

SOURCE = """依法确保教育经费投入的优先地位，形成保证财政 市财政局 市教育局
序号 重点任务 主要工作 责任单位 协同单位
— 7 —
教育投入逐年增长的长效机制。"""


def test_whitespace_and_page_numbers_are_ignored():
    assert SourceText(SOURCE).contains("依法确保 教育经费\n投入的优先地位")


def test_a_cell_split_by_a_page_break_is_found_in_pieces():
    assert SourceText(SOURCE).contains("依法确保教育经费投入的优先地位，形成保证财政教育投入逐年增长的长效机制。")


def test_a_changed_character_is_not_found():
    assert not SourceText(SOURCE).contains("依法确保教育经费投入的优先地位，形成保证财政教育投入逐年增长的长效机制！")
    assert not SourceText(SOURCE).contains("依法确保教育经费投入的首要地位")


def test_pieces_far_apart_are_not_joined():
    far = "甲乙丙丁" + "。" * 500 + "戊己庚辛"
    assert not SourceText(far).contains("甲乙丙丁戊己庚辛")
