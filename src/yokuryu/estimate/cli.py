"""`yokuryu estimate`: how many died or were held, by stratum, with intervals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table as RichTable

from yokuryu.cli import archive_option, friendly_errors, resolve_archive
from yokuryu.estimate.dga import DgaSettings
from yokuryu.estimate.errors import BadTable
from yokuryu.estimate.lcmcr import LcmcrSettings
from yokuryu.estimate.pipeline import EstimateRun, RegistryQuery, estimate_file, estimate_registry
from yokuryu.estimate.registry import STRATA
from yokuryu.estimate.run import ESTIMATORS, RunSettings, StratumResult
from yokuryu.estimate.scope import QUANTITIES

console = Console()
status = Console(stderr=True)


def _settings(o: dict[str, Any]) -> RunSettings:
    lcmcr = LcmcrSettings(
        classes=o["classes"], burnin=o["burnin"], samples=o["draws"], thinning=o["thinning"],
        chains=o["chains"], seed=o["seed"],
    )  # fmt: skip
    return RunSettings(
        estimators=tuple(o["estimator"]) or ESTIMATORS,
        lcmcr=lcmcr,
        dga=DgaSettings(delta=o["delta"], seed=o["seed"]),
        criterion=o["criterion"],
        seed=o["seed"],
    )


def _stratum_rows(table: RichTable, r: StratumResult) -> None:
    if r.refused:
        table.add_row(r.stratum, f"{r.observed_n:,}", "refused", "", "", r.refused)
    for e in r.estimates:
        notes = "; ".join(e.warnings)
        rhat = e.diagnostics.get("rhat")
        if isinstance(rhat, float):
            notes = f"R-hat {rhat:.3f}, ESS {e.diagnostics['ess']:,.0f}. {notes}"
        if "linkage_share_of_variance" in e.diagnostics:
            notes = f"linkage {e.diagnostics['linkage_share_of_variance']:.0%} of variance. {notes}"
        table.add_row(
            r.stratum, f"{r.observed_n:,}", e.estimator, f"{e.median:,.0f}",
            f"{e.lower:,.0f} – {e.upper:,.0f}", notes.strip(),
        )  # fmt: skip


def _show(run: EstimateRun) -> None:
    table = RichTable("stratum", "observed", "estimator", "median", "95 % interval", "notes")
    for r in [*run.strata, *([run.total] if run.total else [])]:
        _stratum_rows(table, r)
    console.print(table)
    for r in [*run.strata, *([run.total] if run.total else [])]:
        for note in r.notes:
            console.print(f"[yellow]{r.stratum}:[/yellow] {note}", highlight=False)
    if run.stored_rows:
        console.print(f"Stored {run.stored_rows} rows as estimate run {run.run_id}.")


def _figure(run: EstimateRun, path: Path) -> None:
    from yokuryu.estimate.figure import draw_figure

    title = f"{run.quantity}: estimates ({run.run_id}) beside published figures"
    draw_figure(path, run.headline, run.claims, title)


@click.command("estimate")
@click.option("--table", "table_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A contingency table CSV: one 0/1 column per list, then count.")  # fmt: skip
@click.option("--quantity", type=click.Choice(QUANTITIES), help="Estimate deaths or persons held.")
@click.option("--by", type=click.Choice(STRATA), default="all", show_default=True,
              help="Stratify by period of death, camp region or camp.")  # fmt: skip
@archive_option
@click.option("--link-run", default=None, help="Link run id (default: the live run).")
@click.option("--linkage-samples", is_flag=True,
              help="Average over the link run's sampled linkages (docs/estimate.md).")  # fmt: skip
@click.option("--max-samples", type=int, default=None, help="Use at most this many samples.")
@click.option("--exclude-list", multiple=True, help="Leave a list (source name) out; repeatable.")
@click.option(
    "--keep-copies",
    is_flag=True,
    help="Count a list made from another (MHLW's from the Soviet registers) apart.",
)
@click.option("--estimator", multiple=True, type=click.Choice(ESTIMATORS),
              help="Run only these estimators (repeatable; default: all three).")  # fmt: skip
@click.option("--criterion", type=click.Choice(["aic", "bic"]), default="aic", show_default=True,
              help="Log-linear model selection.")  # fmt: skip
@click.option("--classes", type=int, default=10, show_default=True, help="LCMCR latent classes K.")
@click.option("--burnin", type=int, default=10_000, show_default=True, help="LCMCR burn-in sweeps.")
@click.option("--draws", type=int, default=1_000, show_default=True, help="LCMCR draws per chain.")
@click.option("--thinning", type=int, default=100, show_default=True, help="LCMCR thinning.")
@click.option("--chains", type=int, default=4, show_default=True, help="LCMCR chains (seeds).")
@click.option("--delta", type=float, default=None, help="dga prior mass δ (default 2^-lists).")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--figure", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write an .svg or .png of the estimates beside published claims.")  # fmt: skip
@click.option("--no-store", is_flag=True, help="Do not write the estimates to the registry.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@friendly_errors
def estimate_command(**o: Any) -> None:
    """Estimate how many died or were held: LCMCR, dga and log-linear, with 95 % intervals.

    \b
    Examples:
      yokuryu estimate --table kosovo.csv --json
      yokuryu estimate --quantity deaths --by period --archive archive --figure deaths.svg
      yokuryu estimate --quantity deaths --by region --linkage-samples --archive archive
    """
    with status.status("Estimating (LCMCR chains, dga graphs, log-linear models)…"):
        run = _run(o)
    if o["figure"] is not None:
        _figure(run, o["figure"])
    if o["as_json"]:
        click.echo(json.dumps(run.to_dict(), ensure_ascii=False, indent=2, default=float))
    else:
        _show(run)


def _run(o: dict[str, Any]) -> EstimateRun:
    settings = _settings(o)
    if o["table_file"] is not None:
        run = estimate_file(o["table_file"], settings)
    elif o["quantity"] is not None:
        from yokuryu.store import open_existing

        archive = resolve_archive(o["archive"])
        query = RegistryQuery(
            str(o["quantity"]), str(o["by"]), o["link_run"], bool(o["linkage_samples"]),
            o["max_samples"], frozenset(o["exclude_list"]), not o["no_store"],
            not o["keep_copies"],
        )  # fmt: skip
        run = estimate_registry(open_existing(archive), archive, query, settings)
    else:
        raise BadTable("Give --table FILE, or --quantity deaths|held to read the registry.")
    return run
