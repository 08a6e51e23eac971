"""A real MkDocs build of a small plan: the pages exist, the build is strict, values are shown literally."""

import html
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plan_fixture import INDICATORS, write_plan

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


def make_root(tmp_path: Path, **overrides) -> Path:
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    write_plan(tmp_path, **overrides)
    return tmp_path


def build(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "build"], capture_output=True, text=True)


def test_build_writes_a_site_with_the_plan(tmp_path):
    root = make_root(tmp_path)
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "plans" / "demo-2021-2025" / "index.html").read_text(encoding="utf-8")
    assert "学前教育毛入园率" in page and "校园足球发展提升计划" in page
    assert '<html lang="zh"' in page
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()  # the search index


def test_hostile_names_are_shown_literally(tmp_path):
    hostile = "<script>alert(1)</script>**粗**[x](javascript:alert(1)){{ 7*7 }}|"
    indicators = INDICATORS.replace("name: 生师比", f"name: '{hostile}'")
    root = make_root(tmp_path, indicators_yaml=indicators)
    result = build(root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "plans" / "demo-2021-2025" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    assert "<strong>粗</strong>" not in page
    assert 'href="javascript:' not in page
    assert hostile in html.unescape(page)  # shown to the reader exactly as written


def test_bad_input_leaves_the_last_good_site(tmp_path):
    root = make_root(tmp_path)
    assert build(root).returncode == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    bad = (root / "content" / "demo-2021-2025" / "indicators.yaml")
    bad.write_text(bad.read_text(encoding="utf-8").replace('value: ">99"', 'value: "很高"'), encoding="utf-8")
    result = build(root)
    assert result.returncode == 1
    assert "无法读懂“很高”" in result.stderr and "上次生成的网站保持不变" in result.stderr
    after = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
