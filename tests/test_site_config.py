"""Site settings are checked when loaded: a status the judge can give without a style is a located
problem (not a KeyError in the middle of a build), and an unknown status code is named."""

import shutil
from pathlib import Path

from generator.config import load_site_config

ROOT = Path(__file__).resolve().parents[1]


def config_with(tmp_path: Path, edit) -> list:
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    path = tmp_path / "site_config" / "statuses.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return load_site_config(tmp_path / "site_config", tmp_path)[1]


def test_the_shipped_settings_load(tmp_path):
    assert config_with(tmp_path, lambda text: text) == []


def test_a_removed_status_style_is_a_located_problem(tmp_path):
    problems = config_with(tmp_path, lambda text: "\n".join(l for l in text.splitlines() if not l.startswith("  kept:")))
    assert [(p.code, p.file, p.field) for p in problems] == [
        ("missing-status-style", "site_config/statuses.yaml", "indicator_statuses")]
    assert problems[0].line == 4 and "保持" in problems[0].message


def test_an_unknown_status_code_is_named(tmp_path):
    problems = config_with(tmp_path, lambda text: text.replace("  done:", "  finished:"))
    assert {p.code for p in problems} == {"missing-status-style", "unknown-status-style"}
    unknown = next(p for p in problems if p.code == "unknown-status-style")
    assert unknown.found == "finished" and unknown.line is not None


def test_the_old_yellow_threshold_is_reported_by_name(tmp_path):
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    site = tmp_path / "site_config" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("orange_from", "yellow_from"), encoding="utf-8")
    problems = load_site_config(tmp_path / "site_config", tmp_path)[1]
    assert [(p.code, p.field) for p in problems] == [("invalid-extra-forbidden", "thresholds.yellow_from")]


def test_a_contact_nobody_can_reach_is_reported(tmp_path):
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    site = tmp_path / "site_config" / "site.yaml"
    text = site.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines() if not line.startswith(("  phone:", "  email:", "  address:"))]
    site.write_text("\n".join(kept) + "\n", encoding="utf-8")
    problems = load_site_config(tmp_path / "site_config", tmp_path)[1]
    assert len(problems) == 1 and problems[0].field == "contact"
    assert "电话" in problems[0].message + (problems[0].expected or "") + (problems[0].found or "")
    assert problems[0].line is not None


def test_the_sample_contact_is_marked_as_an_example():
    config, problems = load_site_config(ROOT / "site_config", ROOT)
    assert not problems
    assert all("示例" in value for _, value in config.settings.contact.lines())
