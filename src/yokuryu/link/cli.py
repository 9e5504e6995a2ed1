"""`yokuryu link` and `yokuryu review`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click
from rich.console import Console
from rich.table import Table

from yokuryu.cli import archive_option, friendly_errors, resolve_archive
from yokuryu.config import acting_user
from yokuryu.link.clusters import ATTACH_THRESHOLD, DEFAULT_THRESHOLD
from yokuryu.link.engine import ENGINES

console = Console(width=None if sys.stdout.isatty() else 160)
EXIT_REJECTED = 3


@click.command("link")
@archive_option
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="duckdb",
    show_default=True,
    help="Where Splink computes: DuckDB in process, or Spark (pip install 'yokuryu[spark]').",
)
@click.option(
    "--new",
    "new_source",
    default=None,
    metavar="SOURCE",
    help="Link only this newly ingested list against the live persons.",
)
@click.option(
    "--samples",
    type=click.IntRange(0, 1000),
    default=0,
    show_default=True,
    help="Also draw this many linkage samples for `yokuryu estimate`.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Match probability at or above which two records are one person.",
)
@click.option(
    "--attach",
    type=click.FloatRange(0.0, 1.0),
    default=ATTACH_THRESHOLD,
    show_default=True,
    help="Match probability at or above which a record left alone joins its likeliest "
    "person (at or above --threshold: off).",
)
@click.option(
    "--max-cluster",
    type=click.IntRange(2),
    default=20,
    show_default=True,
    help="A person with more records than this fails the run's checks.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the samples.")
@friendly_errors
def link_command(archive: Path | None, engine: str, new_source: str | None, samples: int,
                 threshold: float, attach: float, max_cluster: int,
                 seed: int) -> None:  # fmt: skip
    """Link the archive's records into persons across scripts (Splink, Fellegi–Sunter).

    The run is kept under ARCHIVE/runs/RUN_ID (model, scored pairs, clusters, metrics,
    charts) and goes live only when its checks pass.

    \b
    Example:
      yokuryu link --archive archive
      yokuryu link --archive archive --new "MHLW death list" --samples 20
    """
    from yokuryu.link.pipeline import LinkOptions, run_link

    opts = LinkOptions(engine=engine, threshold=threshold, attach=attach, max_cluster=max_cluster,
                       samples=samples, new_source=new_source, seed=seed)  # fmt: skip
    with console.status("Linking…") as status:

        def progress(stage: str) -> None:
            status.update(f"Linking… {stage} done")

        result = run_link(resolve_archive(archive), acting_user(), opts, progress=progress)
    m = result.metrics
    console.print(f"Run {result.run_id}: {result.status}. {m['records']:,} records, "
                  f"{m['comparisons']:,} comparisons, {m['persons']:,} persons; "
                  f"artefacts in {result.folder}.")  # fmt: skip
    if result.samples:
        console.print(f"Wrote {len(result.samples)} linkage samples to {result.samples[0].parent}.")
    if result.status != "live":
        console.print(f"[red]Checks failed[/red], the live run is unchanged: {result.checks}")
        sys.exit(EXIT_REJECTED)


def _pair_table(
    left: dict[str, object], right: dict[str, object], std: dict[int, dict[str, object]],
    ids: tuple[int, int], features: dict[str, float],
) -> Table:  # fmt: skip
    table = Table(title=f"record {ids[0]} ↔ record {ids[1]}")
    for column in (
        "field",
        f"#{ids[0]} {left.get('source', '')}",
        f"#{ids[1]} {right.get('source', '')}",
        "weight",
    ):
        table.add_column(column)
    for field in sorted(set(left) | set(right), key=_field_order):
        if field != "source":
            table.add_row(field, str(left.get(field, "")), str(right.get(field, "")),
                          _weight(features.get(field)))  # fmt: skip
    for field in ("fam", "giv", "fa", "rank", "unit", "death_place"):
        a, b = std.get(ids[0], {}).get(field), std.get(ids[1], {}).get(field)
        if a or b:
            table.add_row(f"[dim]std {field}[/dim]", str(a or ""), str(b or ""), "")
    return table


def _field_order(field: str) -> int:
    from yokuryu.link.review import RECORD_FIELDS

    return RECORD_FIELDS.index(field) if field in RECORD_FIELDS else -1


def _weight(value: float | None) -> str:
    return "" if value is None else f"{value:+.2f}"


def _read(stream: TextIO) -> tuple[str, str]:
    console.print(
        r"\[a]ccept \[r]eject \[u]nsure \[s]kip \[z] undo \[q]uit — a key, then a reason:"
    )
    line = stream.readline()
    if not line:
        return "q", ""
    key, _, reason = line.strip().partition(" ")
    return key.lower()[:1], reason.strip()


@click.command("review")
@archive_option
@click.option(
    "--limit",
    type=click.IntRange(1),
    default=50,
    show_default=True,
    help="Stop after this many decisions.",
)
@friendly_errors
def review_command(archive: Path | None, limit: int) -> None:
    """Review uncertain pairs in the terminal; each verdict is appended with who, when, why.

    Keys (one per line, then an optional reason): a accept, r reject, u unsure, s skip,
    z undo your last decision, q quit. Input may be piped, e.g. from a file of verdicts.

    \b
    Example:
      yokuryu review --archive archive
      printf 'a same man, card of the transfer\\nr\\nq\\n' | yokuryu review --archive archive
    """
    from yokuryu.link.review import pending
    from yokuryu.store import open_existing

    folder = resolve_archive(archive)
    conn = open_existing(folder)
    actor = acting_user()
    stdin = sys.stdin
    skipped: set[tuple[int, int]] = set()
    done = 0
    while done < limit:
        item = next(pending(conn, skipped), None)
        if item is None:
            console.print("The review queue is empty.")
            break
        _show(conn, folder, item)
        key, reason = _read(stdin)
        if key == "q":
            break
        done += _act(conn, actor, item, key, reason, skipped)
    console.print(f"{done} decision(s) recorded.")


def _show(conn: Any, folder: Path, item: Any) -> None:
    from yokuryu.link import review

    ids = (item.left, item.right)
    std = review.standardised(conn, folder, list(ids))
    left, right = review.record_fields(conn, item.left), review.record_fields(conn, item.right)
    console.print(_pair_table(left, right, std, ids, item.features))
    console.print(f"match probability {item.probability:.3f}")


def _act(
    conn: Any, actor: str, item: Any, key: str, reason: str, skipped: set[tuple[int, int]]
) -> int:
    """Carry out one key; returns 1 when a verdict was recorded."""
    from yokuryu.link import decisions, review

    if key == "s":
        skipped.add((item.left, item.right))
    elif key == "z":
        decisions.undo_last(conn, actor)
        console.print("Undone.")
    elif key in review.KEYS:
        decisions.decide(conn, item.left, item.right, review.KEYS[key], actor, reason)
        return 1
    else:
        console.print(f"Unknown key {key!r}.")
    return 0
