"""``python3 -m generator`` typed in the project folder runs the project's own environment (.venv),
whatever Python the terminal finds first: the system's lacks the pinned libraries."""

import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
VENV_PYTHON = PROJECT / ".venv" / "bin" / "python"


def _own_environment() -> None:
    if Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve() and VENV_PYTHON.is_file():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), "-m", "generator", *sys.argv[1:]])


if __name__ == "__main__":  # chart workers are spawned processes that import this module again
    _own_environment()
    try:
        from generator.cli import main
    except ModuleNotFoundError as error:
        print(f"缺少运行所需的软件包（{error.name}）：请先在项目文件夹中运行 bash scripts/setup.sh，"
              "以后用 .venv/bin/generator <命令> 运行。", file=sys.stderr)
        raise SystemExit(3) from None
    raise SystemExit(main())
