"""The one way to run the tool that every message, help text, sheet and README names: the launcher
``pip install`` puts in the project's own environment (``[project.scripts]`` in pyproject.toml),
typed in the project folder. It works in a new terminal, with no environment to activate."""

COMMAND = ".venv/bin/generator"
