"""Every command documents itself: `--help` works and shows at least one example (as sqlite-utils
enforces for its commands)."""

from __future__ import annotations

import argparse

import pytest

from newsweave.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """(path, parser) for every sub-command, nested ones included."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if any(isinstance(a, argparse._SubParsersAction) for a in sub._actions):
                    yield from _commands(sub, prefix + (name,))
                else:
                    yield prefix + (name,), sub


COMMANDS = list(_commands(build_parser()))


def test_the_top_level_help_lists_the_brief_command(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["--help"])
    assert exit.value.code == 0
    assert "brief" in capsys.readouterr().out


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS], ids=" ".join)
def test_every_command_has_help_with_an_example(path, capsys):
    with pytest.raises(SystemExit) as exit:
        main([*path, "--help"])
    assert exit.value.code == 0
    text = capsys.readouterr().out
    assert "example" in text.lower(), f"`newsweave {' '.join(path)} --help` shows no example"
    assert f"newsweave {' '.join(path)}" in text
