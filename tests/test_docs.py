"""Documentation is tested: every command is in the README and has help with an example."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from yokuryu.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = main.list_commands(click.Context(main))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"yokuryu {name}" in README, f"README.md does not show `yokuryu {name}`"


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None and command.help
    assert "Example" in command.help, f"`yokuryu {name} --help` has no example"


def test_readme_shows_the_two_commands() -> None:
    assert "make demo" in README and "make test" in README


def test_every_setting_is_documented() -> None:
    from yokuryu.config import SETTINGS

    for setting in SETTINGS.values():
        assert setting.help.strip(), setting.name
