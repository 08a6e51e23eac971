"""Compiled templates are kept between builds, and a cache that cannot be used costs nothing but time."""

from generator.render import environment
from generator.render.environment import TemplateCache, make_environment


def render(templates, monkeypatch, cache) -> str:
    monkeypatch.setattr(environment, "BYTECODE", cache)
    return make_environment(templates).get_template("page.md.j2").render(name="<b>如东县</b>")


def cache_in(folder) -> TemplateCache:
    cache = TemplateCache(pattern="test-%s.cache")
    cache._folder = str(folder)
    return cache


def test_a_compiled_template_is_kept_and_a_damaged_one_compiled_anew(tmp_path, monkeypatch):
    (tmp_path / "page.md.j2").write_text("# {{ name }}\n", encoding="utf-8")
    (tmp_path / "cache").mkdir()
    first = render(tmp_path, monkeypatch, cache_in(tmp_path / "cache"))
    kept = list((tmp_path / "cache").glob("test-*.cache"))
    assert first == "# &#60;b&#62;如东县&#60;/b&#62;\n" and len(kept) == 1
    kept[0].write_bytes(kept[0].read_bytes()[:20])  # cut short: Jinja compiles the template again
    assert render(tmp_path, monkeypatch, cache_in(tmp_path / "cache")) == first


def test_a_cache_folder_that_cannot_be_written_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "page.md.j2").write_text("# {{ name }}\n", encoding="utf-8")
    (tmp_path / "not-a-folder").write_text("")
    assert render(tmp_path, monkeypatch, cache_in(tmp_path / "not-a-folder")) == "# &#60;b&#62;如东县&#60;/b&#62;\n"
