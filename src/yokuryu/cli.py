"""The `yokuryu` command: one subcommand per stage."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from yokuryu import __version__
from yokuryu.cli_registry import StageGroup
from yokuryu.config import acting_user, default_archive
from yokuryu.errors import YokuryuError

console = Console()
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(command: F) -> F:
    """Turn library exceptions into one-sentence messages and exit code 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except YokuryuError as exc:
            err_console.print(f"[red]Error:[/red] {exc}", highlight=False)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def archive_option(command: F) -> F:
    return click.option(
        "--archive",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Archive folder (default: $YOKURYU_ARCHIVE or ./archive).",
    )(command)


def resolve_archive(archive: Path | None) -> Path:
    return archive if archive is not None else default_archive()


@click.group(cls=StageGroup)
@click.version_option(__version__, prog_name="yokuryu")
def main() -> None:
    """yokuryu (抑留): records of the Japanese held in Soviet and Mongolian camps, 1945–1956.

    \b
    Example:
      yokuryu init --archive archive
      yokuryu ingest cards.csv --mapping cards.yaml --archive archive
      yokuryu status --archive archive
    """


@main.command()
@archive_option
@friendly_errors
def init(archive: Path | None) -> None:
    """Create the archive folder and its registry (safe to run again).

    \b
    Example:
      yokuryu init --archive archive
    """
    from yokuryu.archive import init_archive

    result = init_archive(resolve_archive(archive), acting_user())
    verb = "Created" if result.created else "Updated"
    console.print(
        f"{verb} {result.registry}: {len(result.migrations_applied)} migrations applied, "
        f"{result.places} places and {result.claims} published figures loaded."
    )


@main.command()
@click.argument("query")
@click.option(
    "--archive",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Archive folder (default: $YOKURYU_ARCHIVE or ./archive).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@friendly_errors
def places(query: str, archive: Path | None, as_json: bool) -> None:
    """Find a camp, port or hospital by name in any script or by camp number.

    \b
    Examples:
      yokuryu places Тайшет
      yokuryu places "лагерь № 7"
      yokuryu places 第7収容所
    """
    from yokuryu.gazetteer import find_places
    from yokuryu.store import open_existing

    conn = open_existing(resolve_archive(archive))
    matches = find_places(conn, query)
    if as_json:
        click.echo(json.dumps([m.__dict__ for m in matches], ensure_ascii=False, indent=2))
        return
    if not matches:
        console.print(f"No place matches {query!r}.")
        return
    table = Table("name", "русский", "日本語", "kind", "camp No.", "lat, lon", "why")
    for m in matches:
        where = f"{m.latitude}, {m.longitude}" if m.latitude is not None else "unknown"
        table.add_row(
            m.name_en, m.name_ru or "", m.name_ja or "", m.kind, m.camp_numbers or "", where, m.why
        )
    console.print(table)
