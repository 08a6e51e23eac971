"""The search index reads the pages with their Chinese characters apart (generator/publish/search_index.py):
what it changes in a page, and that the same site gives the same index bytes."""

import hashlib
from pathlib import Path

from generator.publish.search_index import OUTPUT, characters_apart, index_site

Z = "\u200b"


def test_chinese_characters_are_set_apart_in_text_only():
    page = ('<p title="学前教育">到2025年，学前<b>教育</b>毛入园率98%以上 abc教师</p>'
            '<script>var 教师 = "海门";</script><style>.教师{}</style><p>海门区</p>')
    assert characters_apart(page) == (
        f'<p title="学前教育">到{Z}2025{Z}年，学{Z}前<b>{Z}教{Z}育</b>{Z}毛{Z}入{Z}园{Z}率{Z}98%以{Z}上 abc{Z}教{Z}师</p>'
        f'<script>var 教师 = "海门";</script><style>.教师{{}}</style><p>海{Z}门{Z}区</p>')


def test_a_character_beyond_the_basic_plane_is_a_word_too():
    assert characters_apart("<p>𠀋村小学</p>") == f"<p>𠀋{Z}村{Z}小{Z}学</p>"


def test_pages_without_chinese_are_unchanged():
    page = '<p title="a &amp; b">PISA 2025: 98.5% a-b</p>'
    assert characters_apart(page) == page


def test_an_ampersand_of_the_text_is_escaped_once_more_so_excerpts_decode_exactly():
    page = '<p title="&amp;">&amp;lt;b&amp;gt; &lt;b&gt; &#38; &#x26;</p>'
    assert characters_apart(page) == '<p title="&amp;">&amp;amp;lt;b&amp;amp;gt; &lt;b&gt; &amp;amp; &amp;amp;</p>'


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
