"""README.md stays true: its Python example runs and its Usage section covers every command."""

from __future__ import annotations

import os
import re
from pathlib import Path

from newsweave.cli import build_parser
from test_cli_help import COMMANDS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    return re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", README, flags=re.S | re.M).group(1)


def test_the_python_api_example_runs_and_round_trips(capsys, monkeypatch):
    code = re.search(r"```python\n(.*?)```", _section("Python API"), flags=re.S).group(1)
    monkeypatch.chdir(ROOT)  # the example uses ../shared, relative to the repository
    assert os.path.isdir("../shared/seeds")
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)
    assert scope["same"] == scope["brief"] and scope["brief"].summary
    assert "## Summary" in capsys.readouterr().out


def test_the_usage_section_shows_every_command_with_an_example():
    usage = _section("Usage")
    for path, _ in COMMANDS:
        command = "newsweave " + " ".join(path)
        assert re.search(rf"^{re.escape(command)} \S", usage, flags=re.M), f"README shows no `{command} ...`"


def test_the_usage_section_names_every_brief_option():
    usage = _section("Usage")
    brief = next(sub for path, sub in COMMANDS if path == ("brief",))
    options = {o for action in brief._actions for o in action.option_strings if o.startswith("--")} - {"--help"}
    assert sorted(o for o in options if o not in usage) == []


def test_the_exit_codes_table_matches_the_cli():
    from newsweave import cli

    table = _section("Exit codes")
    for code in (cli.EXIT_OK, cli.EXIT_REJECTED, cli.EXIT_FATAL):
        assert f"| {code} |" in table
    assert build_parser().prog == "newsweave"


def _name(package: str) -> str:
    return re.split(r"[<>=\[ ;]", package, maxsplit=1)[0].lower().replace("_", "-")


def test_the_library_table_names_every_runtime_dependency():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    table = _section("Which libraries do what").lower().replace("_", "-")
    missing = [_name(p) for p in project["dependencies"] if _name(p) not in table]
    assert missing == []
