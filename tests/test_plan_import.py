"""Plan import (issue 15): the five source texts against their hand-encoded plans, the same plan
as a Word document with merged cells and as a PDF, the command as staff run it, and drafts
that ``check`` and ``build`` take without crashing."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from docx import Document as open_docx

from import_documents import write_docx, write_pdf
from cli_fixture import run_cli

from generator.check.content import checked_content
from generator.plan_import.agreement import Score
from generator.plan_import.importer import draft_plan, read_document
from generator.plan_import.write import render_files

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"
PLANS = sorted(p.name for p in (ROOT / "content").iterdir() if (p / "source.txt").is_file())
LIANYUNGANG = ROOT / "content" / "lianyungang-2021-2025" / "source.txt"


def run(*args: str, cwd: Path):
    return run_cli(*args, cwd=cwd)


def resolve_reviews(folder: Path) -> None:
    """Resolve every 待核对 mechanically: delete each flagged list entry (comment line above it)."""
    for path in folder.glob("*.yaml"):
        lines = path.read_text(encoding="utf-8").split("\n")
        kept: list[str] = []
        at = 0
        while at < len(lines):
            flag = re.match(r"^(\s*)# 待核对：", lines[at])
            if flag and at + 1 < len(lines) and lines[at + 1].startswith(flag.group(1) + "- "):
                indent = len(flag.group(1))
                at += 2
                while at < len(lines) and (not lines[at].strip() or len(lines[at]) - len(lines[at].lstrip()) > indent):
                    at += 1
                continue
            kept.append(lines[at])
            at += 1
        # A list left with no entries is an empty list, not a missing value.
        for k, line in enumerate(kept):
            if re.fullmatch(r"\s*\w+:", line):
                following = next((n for n in kept[k + 1:] if n.strip()), "")
                if len(following) - len(following.lstrip()) <= len(line) - len(line.lstrip()):
                    kept[k] = line + " []"
        text = "\n".join(kept)
        path.write_text(text, encoding="utf-8")


def test_agreement_with_the_hand_encoded_plans_reaches_the_thresholds(capsys):
    sys.path.insert(0, str(SCRIPTS))
    try:
        import import_agreement
    finally:
        sys.path.remove(str(SCRIPTS))
    plans, table = import_agreement.agreement(ROOT / "content")
    print(import_agreement.render(plans, table))
    share = {name: import_agreement.overall(row) for name, row in table.items()}
    assert share["基期值和目标值"].total >= 90 and share["基期值和目标值"].share >= 0.90
    assert share["属性"].total >= 20 and share["属性"].share >= 0.90
    assert share["指标名称"].share >= 0.90
    assert share["事项年份"].total >= 40 and share["事项年份"].share >= 0.80
    assert share["任务责任单位"].total >= 130 and share["任务责任单位"].share >= 0.80
    assert "| 基期值和目标值 |" in capsys.readouterr().out


def test_agreement_counts_a_missed_item_as_a_disagreement():
    score = Score()
    score.add(True)
    score.add(False)
    assert (score.agree, score.total, score.share) == (1, 2, 0.5)


def _docx_has_merged_cells(path: Path) -> tuple[bool, bool]:
    xml = open_docx(str(path)).element.xml
    return "w:gridSpan" in xml, 'w:vMerge w:val="restart"' in xml or "<w:vMerge/>" in xml or "w:vMerge " in xml


def test_word_document_with_merged_cells_gives_the_same_draft_as_the_text(tmp_path):
    text = read_document(LIANYUNGANG)
    word = tmp_path / "连云港.docx"
    write_docx(text, word)
    horizontal, vertical = _docx_has_merged_cells(word)
    assert horizontal and vertical
    expected = render_files(draft_plan(text, "lyg"), "原文")
    assert render_files(draft_plan(read_document(word), "lyg"), "原文") == expected
    indicators = yaml.safe_load(expected["indicators.yaml"])["indicators"]
    assert len(indicators) == 29 and sum(1 for i in indicators if "parent" in i) == 11


@pytest.mark.pdf
def test_pdf_gives_the_same_draft_as_the_text(tmp_path):
    text = read_document(LIANYUNGANG)
    pdf = tmp_path / "连云港.pdf"
    write_pdf(text, pdf)
    expected = render_files(draft_plan(text, "lyg"), "原文")
    assert render_files(draft_plan(read_document(pdf), "lyg"), "原文") == expected


@pytest.mark.slow
def test_import_command_writes_a_draft_that_passes_check_once_reviewed(tmp_path):
    content = tmp_path / "content"
    for plan in PLANS:
        result = run("import", str(ROOT / "content" / plan / "source.txt"), "--id", plan, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "下一步：python -m generator check --plan " + plan in result.stdout
        assert (content / plan / "source.txt").read_text(encoding="utf-8") == \
            (ROOT / "content" / plan / "source.txt").read_text(encoding="utf-8")
        resolve_reviews(content / plan)
        for path in (content / plan).glob("*.yaml"):
            assert not re.search(r"^\s*# 待核对：.*\n\s*- ", path.read_text(encoding="utf-8"), re.M)
    plans, problems = checked_content(content)
    assert problems == []
    assert sorted(p.plan.id for p in plans) == PLANS
    nantong = next(p.plan for p in plans if p.plan.id == "nantong-2021-2025")
    assert nantong.info.document_number == "通政办发〔2022〕42号" and len(nantong.columns) == 14


def test_import_refuses_to_overwrite_without_force(tmp_path):
    folder = tmp_path / "content" / "demo"
    folder.mkdir(parents=True)
    (folder / "plan.yaml").write_text("id: demo\n", encoding="utf-8")
    result = run("import", str(LIANYUNGANG), "--id", "demo", cwd=tmp_path)
    assert result.returncode == 1
    assert "已经存在" in result.stderr and "--force" in result.stderr and "Traceback" not in result.stderr
    assert (folder / "plan.yaml").read_text(encoding="utf-8") == "id: demo\n"
    forced = run("import", str(LIANYUNGANG), "--id", "demo", "--force", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "连云港" in (folder / "plan.yaml").read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "content").iterdir()] == ["demo"]  # no staging folder left behind


@pytest.mark.parametrize("name, content, words", [
    ("plan.doc", b"\xd0\xcf\x11\xe0", "旧版 Word 文件"),
    ("plan.docx", b"not a zip file", "无法作为 Word 文件读取"),
    ("plan.pdf", b"%PDF-1.4 broken", "无法作为 PDF 文件读取"),
    ("plan.xlsx", b"PK", "不支持的文件类型"),
    ("plan.txt", b"\xff\xfe\x00\xd8" * 10, "编码无法识别"),
])
def test_unreadable_files_get_a_chinese_message_and_no_traceback(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("import", str(path), "--id", "demo", cwd=tmp_path)
    assert result.returncode == 1
    assert words in result.stderr and name in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "content" / "demo").exists()


@pytest.mark.pdf
def test_pdf_without_text_layer_is_explained(tmp_path):
    from weasyprint import HTML

    path = tmp_path / "scan.pdf"
    HTML(string="<div style='width:100mm;height:50mm;background:#888'></div>").write_pdf(str(path))
    result = run("import", str(path), "--id", "demo", cwd=tmp_path)
    assert result.returncode == 1 and "没有文字层" in result.stderr and "Traceback" not in result.stderr


def test_bad_plan_id_is_refused(tmp_path):
    result = run("import", str(LIANYUNGANG), "--id", "连云港", cwd=tmp_path)
    assert result.returncode == 2 and "不合规" in result.stderr


HOSTILE = """<script>alert(1)</script>市“十四五”教育发展规划
主要指标 2020 年 2025 年 属性
1．<b>粗</b>{{ 7*7 }}率（%） >98 >99 约束性
2．[链接](javascript:alert(1))率（%） 12 约束性
3．班额（%）
其中：小学
初中
1
2
3
专栏 1：<img src=x onerror=alert(1)>
实施步骤：2019 年，完成；2031 年起，继续。
序号 重点任务 主要工作 责任单位 协同单位
"""


@pytest.mark.slow
def test_imported_drafts_never_crash_check_or_build(tmp_path):
    root = tmp_path / "project"
    for part in ("templates", "site_config"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    assert run("import", str(hostile), "--id", "hostile", cwd=root).returncode == 0
    assert run("import", str(ROOT / "content" / "taizhou-2030" / "source.txt"), "--id", "taizhou", cwd=root).returncode == 0
    for command in (("check",), ("build",)):
        result = run(*command, cwd=root)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode in (0, 1)
    resolve_reviews(root / "content" / "hostile")
    result = run("build", cwd=root)
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "plans" / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
