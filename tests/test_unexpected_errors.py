"""An unexpected error never reaches staff as a Python traceback: a Chinese message says what the
program was working on (plan, indicator, region, year), the exit code is non-zero and no site is
written."""

import shutil
from pathlib import Path

from generator.cli import main as cli_main
from generator.judge import series
from plan_fixture import write_plan

ROOT = Path(__file__).resolve().parents[1]
FIGURES = "指标编号,年份,地区,数值\nstudent-teacher-ratio,2022,,17.3\nstudent-teacher-ratio,2022,甲县,17.6\n"


def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "site_config", tmp_path / "site_config")
    write_plan(tmp_path)
    (tmp_path / "data" / "demo-2021-2025").mkdir(parents=True)
    (tmp_path / "data" / "demo-2021-2025" / "2022.csv").write_text(FIGURES, encoding="utf-8")
    return tmp_path


def test_an_unexpected_error_in_the_judge_names_what_it_was_doing(tmp_path, monkeypatch, capsys):
    root = project(tmp_path)

    def broken(indicator, year, *args, **kwargs):
        if indicator.id == "student-teacher-ratio" and kwargs.get("region") == "甲县":
            raise ZeroDivisionError("float division by zero")
        return judge(indicator, year, *args, **kwargs)

    judge = series.judge
    monkeypatch.setattr(series, "judge", broken)
    code = cli_main(["--root", str(root), "build"])
    err = capsys.readouterr().err
    assert code == 3
    assert "Traceback" not in err and "ZeroDivisionError" in err
    for words in ("程序内部错误", "demo-2021-2025", "student-teacher-ratio", "甲县", "2022 年", "网站没有更新"):
        assert words in err
    assert not (root / "site").exists()
