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

# Piped output gets a wide table rather than rich's 80-column default.
console = Console(width=None if sys.stdout.isatty() else 160)
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])


def friendly_errors(command: F) -> F:
    """Turn library exceptions into one-sentence messages and exit code 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except YokuryuError as exc:
            err_console.print(f"[red]Error:[/red] {exc}", highlight=False, soft_wrap=True)
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


def _ingest_entries(
    files: tuple[Path, ...], mapping: Path | None, manifest: Path | None, encoding: str | None
) -> list[Any]:
    from yokuryu.ingest import ManifestEntry, load_manifest, load_mapping

    if manifest is not None:
        if files or mapping:
            raise click.UsageError("Give either --manifest or FILE... --mapping, not both.")
        entries = load_manifest(manifest)
        if encoding:
            entries = [ManifestEntry(e.path, e.mapping, encoding) for e in entries]
        return entries
    if not files or mapping is None:
        raise click.UsageError(
            "Give FILE... with --mapping MAPPING.yaml, or --manifest MANIFEST.json."
        )
    loaded = load_mapping(mapping)
    return [ManifestEntry(Path(f), loaded, encoding) for f in files]


def _summary_table(summaries: list[Any]) -> Table:
    table = Table(
        "file",
        "batch",
        "rows",
        "kept",
        "quarantined",
        "fields emptied",
        "encoding",
        title="Import summary",
    )
    for s in summaries:
        batch = f"{s.batch_id}" if s.batch_id else f"= #{s.already_imported_as}"
        table.add_row(
            s.file,
            batch,
            str(s.rows_read),
            str(s.records),
            str(s.quarantined),
            str(s.field_problems),
            s.encoding or s.format or "",
        )
    return table


def _print_reasons(summaries: list[Any]) -> None:
    for s in summaries:
        for reason, count in s.reasons.most_common(8):
            console.print(f"  {s.file}: {count} × {reason}", highlight=False)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--mapping", type=click.Path(path_type=Path), help="Mapping YAML for FILE...")
@click.option(
    "--manifest", type=click.Path(path_type=Path), help="JSON list of files with their mappings."
)
@click.option("--encoding", default=None, help="Text encoding, when detection gets it wrong.")
@archive_option
@friendly_errors
def ingest(
    files: tuple[Path, ...],
    mapping: Path | None,
    manifest: Path | None,
    encoding: str | None,
    archive: Path | None,
) -> None:
    """Import lists (CSV/TSV, XLSX, JSON lines) into the archive; every row is kept.

    Rows that cannot be records are quarantined with their reasons; each file is imported
    all or nothing, and a file already imported (same content) is skipped.

    \b
    Examples:
      yokuryu ingest cards.csv --mapping cards.yaml --archive archive
      yokuryu ingest --manifest simulated/manifest.json --archive archive
    """
    from rich.progress import (
        BarColumn,
        DownloadColumn,
        Progress,
        TaskID,
        TimeRemainingColumn,
    )

    from yokuryu.ingest import import_file
    from yokuryu.store import open_existing

    entries = _ingest_entries(files, mapping, manifest, encoding)
    conn = open_existing(resolve_archive(archive))
    summaries, failures = [], []
    columns = (BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress("{task.description}", *columns, console=err_console, transient=True) as bar:
        for entry in entries:
            task = bar.add_task(entry.path.name, total=None)

            def advance(done: int, total: int, task: TaskID = task) -> None:
                bar.update(task, completed=done, total=total)

            try:
                summaries.append(
                    import_file(
                        conn, entry.path, entry.mapping, acting_user(), entry.encoding, advance
                    )
                )
            except YokuryuError as exc:
                failures.append(str(exc))
    _report_imports(summaries, failures)


def _report_imports(summaries: list[Any], failures: list[str]) -> None:
    """The summary table, then each refused file; exit 2 when any file was refused."""
    if summaries:
        console.print(_summary_table(summaries))
        _print_reasons(summaries)
    for s in summaries:
        if s.already_imported_as is not None:
            console.print(
                f"{s.file} was already imported as batch {s.already_imported_as}; nothing changed."
            )
    for failure in failures:
        err_console.print(f"[red]Error:[/red] {failure}", highlight=False, soft_wrap=True)
    if failures:
        sys.exit(2)


@main.command()
@archive_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@friendly_errors
def status(archive: Path | None, as_json: bool) -> None:
    """Per source: records, quarantined rows and import batches.

    \b
    Example:
      yokuryu status --archive archive --json
    """
    from yokuryu.ingest import archive_status
    from yokuryu.store import open_existing

    rows = archive_status(open_existing(resolve_archive(archive)))
    if as_json:
        click.echo(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
        return
    table = Table(
        "source",
        "kind",
        "batches",
        "rows",
        "records",
        "quarantined",
        "fields emptied",
        "last import",
        title="Archive status",
    )
    for r in rows:
        table.add_row(
            r.source,
            r.kind,
            str(r.batches),
            str(r.rows_read),
            str(r.records),
            str(r.quarantined),
            str(r.field_problems),
            r.last_import or "",
        )
    console.print(table if rows else "The archive holds no lists yet; run `yokuryu ingest`.")


@main.command()
@click.option(
    "--what",
    type=click.Choice(["records", "quarantine", "decisions", "links"]),
    default="records",
    show_default=True,
    help="Which rows: records, quarantine, decisions (Splink's labels format), links "
    "(record → person of the live run).",
)
@click.option(
    "--format",
    "file_format",
    type=click.Choice(["csv", "jsonl", "parquet"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option(
    "--role",
    type=click.Choice(["public", "researcher", "archivist"]),
    default="archivist",
    show_default=True,
    help="Export what this web role may see (the web's privacy layer); a local operator "
    "is an archivist.",
)
@archive_option
@friendly_errors
def export(what: str, file_format: str, out: Path, role: str, archive: Path | None) -> None:
    """Write records, quarantined rows, decisions or links to CSV, JSON lines or Parquet.

    \b
    Examples:
      yokuryu export --what quarantine --format csv --out quarantine.csv
      yokuryu export --what decisions --format csv --out labels.csv
      yokuryu export --role public --out public-records.csv
    """
    from yokuryu.store import open_existing

    conn = open_existing(resolve_archive(archive))
    if role != "archivist":
        from yokuryu.web.export import export_for_role

        count = export_for_role(conn, role, what, file_format, out)
    elif what in ("decisions", "links"):
        from yokuryu.link import export_decisions, export_links

        writer = export_decisions if what == "decisions" else export_links
        count = writer(conn, out, file_format)
    else:
        from yokuryu.ingest import export_table

        count = export_table(conn, what, file_format, out)
    console.print(f"Wrote {count} {what} rows to {out}.")


@main.command()
@archive_option
@click.option(
    "--out",
    "out_root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to put the backup in (default: ARCHIVE/backups).",
)
@friendly_errors
def backup(archive: Path | None, out_root: Path | None) -> None:
    """Back up the registry (online, integrity-checked) with decisions and audit as JSON lines.

    \b
    Example:
      yokuryu backup --archive archive --out /media/usb/yokuryu
    """
    from yokuryu.store import open_existing
    from yokuryu.store.backup import backup_archive

    folder = resolve_archive(archive)
    open_existing(folder).close()
    result = backup_archive(folder, out_root or folder / "backups", acting_user())
    counts = ", ".join(f"{n} {t} rows" for t, n in result.rows.items())
    console.print(f"Backed up to {result.folder} (integrity ok; {counts}).")


@main.command()
@click.argument("backup_file", type=click.Path(dir_okay=False, path_type=Path))
@archive_option
@click.option("--yes", is_flag=True, help="Confirm replacing the registry.")
@friendly_errors
def restore(backup_file: Path, archive: Path | None, yes: bool) -> None:
    """Replace the registry by a backup's registry.db (stop `yokuryu serve` first).

    \b
    Example:
      yokuryu restore archive/backups/yokuryu-backup-20461122T101500Z/registry.db --yes
    """
    from yokuryu.store.backup import restore_archive

    if not yes:
        raise click.UsageError("Restoring replaces the registry; add --yes to confirm.")
    kept = restore_archive(resolve_archive(archive), backup_file, acting_user())
    console.print(f"Restored {backup_file}; the previous registry is kept as {kept}.")
