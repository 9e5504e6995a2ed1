"""Readable names for the archive's lists, keeping their ids for citation.

A simulated list is named ``sim:<scenario>:<persons>:<seed>:<table>`` by `yokuryu
simulate`; pages show its kind and what produced it instead ("Soviet registration
cards · simulated: mhlw, 10,000 persons, seed 7") and cite the id beside it. Lists
imported under a human name keep that name.
"""

from __future__ import annotations

from collections.abc import Callable

from yokuryu.web.i18n import translator

Translate = Callable[..., str]
_ENGLISH = translator("en")


def simulated_parts(name: str) -> tuple[str, int, int] | None:
    """(scenario, persons, seed) of a simulated list's id, else None."""
    parts = name.split(":")
    if len(parts) != 5 or parts[0] != "sim" or not (parts[2].isdigit() and parts[3].isdigit()):
        return None
    return parts[1], int(parts[2]), int(parts[3])


def source_label(name: str, kind: str | None, t: Translate = _ENGLISH) -> str:
    """A list's readable title in the viewer's language (English by default)."""
    simulated = simulated_parts(name or "")
    if simulated is None:
        return name
    scenario, persons, seed = simulated
    title = t(f"kind_{kind or 'other'}")
    note = t("simulated_list", scenario=scenario, persons=f"{persons:,}", seed=seed)
    return f"{title} · {note}"
