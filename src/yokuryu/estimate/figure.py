"""A figure of the estimates, each with its 95 % interval, beside the published claims."""

from __future__ import annotations

import logging
import warnings
from pathlib import Path
from typing import Any

from yokuryu.estimate.errors import BadTable
from yokuryu.estimate.run import StratumResult
from yokuryu.estimate.store import Claim

FORMATS = (".svg", ".png")
STYLE: dict[str, Any] = {
    "svg.fonttype": "none",  # labels stay text in SVG: searchable and accessible
    # Debian's fonts-ipafont-gothic (installed for the browser tests) is "IPAGothic".
    "font.family": ["DejaVu Sans", "IPAGothic", "Noto Sans CJK JP", "IPAexGothic", "TakaoGothic"],
}
LABEL_CHARS = 60


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _rows(
    result: StratumResult, claims: list[Claim]
) -> list[tuple[str, float, float, float | None, str]]:
    """(label, low, high, median or None for a claim, colour)."""
    rows: list[tuple[str, float, float, float | None, str]] = [
        (f"{e.estimator} (this run, {result.stratum})", e.lower, e.upper, e.median, "tab:blue")
        for e in result.estimates
    ]
    rows += [
        (_short(f"{c.who} ({c.year.strip('()')})"), c.low, c.high, None, "tab:red") for c in claims
    ]
    return rows


def draw_figure(path: Path, result: StratumResult, claims: list[Claim], title: str) -> Path:
    """Write an SVG or PNG (by the file's suffix); claims are drawn as ranges in red."""
    if path.suffix.lower() not in FORMATS:
        raise BadTable(f"--figure {path}: use a .svg or .png file name.")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = _rows(result, claims)
    # matplotlib reports each font of the fallback list it lacks through logging, not warnings.
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with warnings.catch_warnings(), plt.rc_context(STYLE):  # type: ignore[arg-type]
        # Claims cite Japanese titles: a CJK font is used when installed, else boxes in PNG.
        warnings.filterwarnings("ignore", message="Glyph .* missing")
        warnings.filterwarnings("ignore", message="findfont")
        _plot(plt, path, result, rows, title)
    return path


def _plot(plt, path: Path, result: StratumResult, rows: list, title: str) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.ticker import FuncFormatter

    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.42 * len(rows)))
    for y, (_label, low, high, median, colour) in enumerate(reversed(rows)):
        ax.plot([low, high], [y, y], color=colour, linewidth=3, solid_capstyle="butt")
        ax.plot([median if median is not None else (low + high) / 2], [y],
                marker="o" if median is not None else "|", color=colour, markersize=8)  # fmt: skip
    ax.axvline(result.observed_n, color="grey", linestyle="--", linewidth=1)
    ax.set_yticks(range(len(rows)), [r[0] for r in reversed(rows)], fontsize=8)
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    ax.set_xlabel(f"persons — dashed: observed on some list ({result.observed_n:,}); "
                  "blue: median, 95 % interval; red: published", fontsize=8)  # fmt: skip
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
