"""The search index reads the pages with their Chinese characters in overlapping pairs
(generator/publish/search_index.py): what it changes in a page, what Pagefind then holds, that the
page's text can be written back from it, and that the same site gives the same index bytes."""

import gzip
import hashlib
import json
from pathlib import Path

from generator.publish import search_order
from generator.publish.search_index import OUTPUT, bigram_words, index_site, text_of

G = "&amp;"  # GLUE as written in the copy's HTML


def test_chinese_characters_are_indexed_in_pairs_in_text_only():
    page = ('<p title="学前教育">到2025年，学前<b>教育</b>毛入园率98%以上 abc教师</p>'
            '<script>var 教师 = "海门";</script><style>.教师{}</style><p>海门区</p>')
    assert bigram_words(page) == (
        f'<p title="学前教育">到{G} 2025{G} 年{G} ，{G} 学前 前教 <b>教育 育毛 </b>毛入 入园 园率 率{G} 98%{G} 以上 上 '
        f'abc{G} 教师 师</p><script>var 教师 = "海门";</script><style>.教师{{}}</style><p>海门 门区 区</p>')


def test_a_pair_never_spans_a_block_or_a_table_cell():
    assert bigram_words("<p>海门</p><p>区</p>") == "<p>海门 门</p><p>区</p>"
    assert bigram_words("<tr><th>海门</th><th>区</th></tr>") == "<tr><th>海门 门</th> <th>区</th></tr>"


def test_a_character_beyond_the_basic_plane_is_a_character_too():
    assert bigram_words("<p>𠀋村小学</p>") == "<p>𠀋村 村小 小学 学</p>"


def test_pages_without_chinese_are_unchanged():
    page = '<p title="a &amp; b">PISA 2025: 98.5% a-b</p>'
    assert bigram_words(page) == page


def test_an_ampersand_of_the_text_is_escaped_once_more_so_excerpts_decode_exactly():
    page = '<p title="&amp;">&amp;lt;b&amp;gt; &lt;b&gt; &#38; &#x26;</p>'
    assert bigram_words(page) == '<p title="&amp;">&amp;amp;lt;b&amp;amp;gt; &lt;b&gt; &amp;amp; &amp;amp;</p>'


def pagefind_words(index: Path) -> set[str]:
    return {entry[0] for chunk in (index / "index").glob("*.pf_index") for entry in search_order.read(chunk)[0]}


def test_pagefind_keeps_the_pairs_as_words_and_the_text_can_be_written_back(tmp_path):
    texts = ["到2025年，学前教育毛入园率达到98%以上", "PISA 2025 测试 a-b &lt;b&gt; 专栏1：海门区", "2017～2030年度"]
    for number, text in enumerate(texts):
        page = tmp_path / f"p{number}" / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<html lang="zh"><body><article data-pagefind-body><p>{text}</p></article></body></html>',
                        encoding="utf-8")
    index_site(tmp_path)
    words = pagefind_words(tmp_path / OUTPUT)
    assert {"学前", "前教", "入园", "园率", "率达", "2025", "年", "专栏", "栏", "1", "海门", "门区", "区", "2030", "年度"} <= words
    assert not {"学", "率", "入园率", "学前教育"} & words  # no single character inside a run, no dictionary words
    assert not [word for word in words if "：" in word or "，" in word]  # full-width marks are no words
    contents = sorted(json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["content"]
                      for f in (tmp_path / OUTPUT / "fragment").glob("*.pf_fragment"))
    # Pagefind ends a paragraph with "." (its own excerpts' punctuation), the rest is the page's text
    assert sorted(text_of(c) for c in contents) == sorted(t.replace("&lt;", "<").replace("&gt;", ">") + "."
                                                             for t in texts)


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_pages_give_the_same_index(tmp_path):
    for name in ("one", "two"):
        site = tmp_path / name
        for number, text in enumerate(["学前教育毛入园率达到98%", "专任教师队伍建设", "海门区"]):
            page = site / f"p{number}" / "index.html"
            page.parent.mkdir(parents=True)
            page.write_text(f'<html lang="zh"><body><article data-pagefind-body>{text}</article></body></html>',
                            encoding="utf-8")
        index_site(site)
    one, two = digest(tmp_path / "one" / OUTPUT), digest(tmp_path / "two" / OUTPUT)
    assert any(name.startswith("index/") for name in one) and one == two
    assert not any(name.endswith("-ui.js") for name in one)  # Pagefind's own interfaces are not published


def test_the_index_of_unchanged_pages_is_copied_from_the_cache(tmp_path, monkeypatch):
    import subprocess

    from generator.publish import search_index

    cache = tmp_path / "search-cache"
    sites = []
    for name in ("one", "two", "three"):
        site = tmp_path / name
        page = site / "p" / "index.html"
        page.parent.mkdir(parents=True)
        text = "专任教师队伍建设" if name != "three" else "海门区"
        page.write_text(f'<html lang="zh"><body><article data-pagefind-body>{text}</article></body></html>',
                        encoding="utf-8")
        sites.append(site)
    index_site(sites[0], cache)
    runs, real = [], subprocess.run
    monkeypatch.setattr(search_index.subprocess, "run", lambda *a, **k: runs.append(a) or real(*a, **k))
    index_site(sites[1], cache)  # the same page: copied
    assert runs == [] and digest(sites[0] / OUTPUT) == digest(sites[1] / OUTPUT)
    index_site(sites[2], cache)  # another page: indexed, and now the only one kept
    assert len(runs) == 1 and len(list(cache.iterdir())) == 1
    assert digest(sites[2] / OUTPUT) != digest(sites[0] / OUTPUT)
