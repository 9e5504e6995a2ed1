"""Subcommands that live with their stage, loaded only when used.

Each entry is ``name → "module:attribute"``; the attribute is a click command. Keeping
them lazy means `yokuryu --help` does not import DuckDB, Splink or FastAPI, and a stage
adds its command by adding one line here.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

STAGE_COMMANDS: dict[str, str] = {
    "names": "yokuryu.names.cli:names_command",
    "simulate": "yokuryu.simulate.cli:simulate_command",
    "estimate": "yokuryu.estimate.cli:estimate_command",
    "link": "yokuryu.link.cli:link_command",
    "review": "yokuryu.link.cli:review_command",
    "serve": "yokuryu.web.cli:serve_command",
    "user": "yokuryu.web.cli:user_command",
    "publish": "yokuryu.web.cli:publish_command",
}


def available(name: str) -> bool:
    module = STAGE_COMMANDS[name].split(":")[0]
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def load(name: str) -> click.Command:
    module, attribute = STAGE_COMMANDS[name].split(":")
    command = getattr(importlib.import_module(module), attribute)
    assert isinstance(command, click.Command)
    return command


class StageGroup(click.Group):
    """A click group whose stage subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        staged = [name for name in STAGE_COMMANDS if available(name)]
        return sorted({*super().list_commands(ctx), *staged})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in STAGE_COMMANDS and available(cmd_name):
            return load(cmd_name)
        return command
