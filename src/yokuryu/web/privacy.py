"""The privacy layer: the one place deciding who may see which person and which fields.

Every page, API route, reconciliation call and export asks this module; nothing else
writes a visibility rule. The rules follow genealogy software (Gramps, webtrees,
WikiTree, FamilySearch):

- default restrictive: a person is public only on evidence — a recorded death, or born
  more than ``public_after_years`` (110) years ago — and only when not flagged restricted;
- relatives' details (next of kin, home addresses in repatriation files, free-text
  notes) are never public;
- archivists and admins see everything; a family account sees the persons it was
  granted, with their relatives' details.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

ROLES = ("public", "researcher", "family", "archivist", "admin")
PRIVILEGED = frozenset({"archivist", "admin"})

# Standard record fields that may hold relatives' details in free text.
PRIVATE_FIELDS = frozenset({"notes"})
# Unmapped columns of a raw row that name or locate relatives (repatriation files hold the
# address of the family left at home, 留守宅, and the relative in charge, 留守担当者).
_RELATIVE_COLUMN = re.compile(
    r"kin|relativ|spouse|wife|husband|mother|father_addr|next.?of|address|addr|home|contact"
    r"|phone|family_member|住所|留守|続柄|家族|親族|遺族|連絡|電話|妻|родств|адрес|жена"
    r"|мать|сестр|брат|телефон|семь",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Viewer:
    """Who is looking: anonymous visitors are ``Viewer()``."""

    name: str | None = None
    role: str = "public"
    user_id: int | None = None
    granted: frozenset[str] = field(default_factory=frozenset)

    @property
    def privileged(self) -> bool:
        return self.role in PRIVILEGED

    @property
    def signed_in(self) -> bool:
        return self.name is not None

    def may(self, action: str) -> bool:
        """Role checks for writes: review and restrict need an archivist; users an admin."""
        needed = {"review": PRIVILEGED, "restrict": PRIVILEGED, "users": {"admin"}}
        return self.role in needed[action]


ANONYMOUS = Viewer()


def cutoff_year(public_after_years: int, today: datetime | None = None) -> int:
    """Born in or before this year → old enough to be shown (born > N years ago)."""
    return (today or datetime.now(UTC)).year - public_after_years - 1


def visible_sql(viewer: Viewer, public_after_years: int, alias: str = "p") -> tuple[str, list]:
    """A SQL condition on ``person`` (aliased) true for the persons ``viewer`` may see."""
    if viewer.privileged:
        return "1", []
    died = (
        f"{alias}.death_date IS NOT NULL OR {alias}.fate IN ('died', 'dead', 'death') OR "
        f"EXISTS (SELECT 1 FROM person_record vr JOIN record vrr ON vrr.id = vr.record_id "
        f"WHERE vr.person_id = {alias}.id AND vrr.death_date IS NOT NULL)"
    )
    clause = f"({alias}.restricted = 0 AND ({died} OR {alias}.birth_year <= ?))"
    params: list[Any] = [cutoff_year(public_after_years)]
    if viewer.granted:
        marks = ", ".join("?" for _ in viewer.granted)
        clause = f"({clause} OR {alias}.id IN ({marks}))"
        params.extend(sorted(viewer.granted))
    return clause, params


def sees_relatives(viewer: Viewer, person_id: str) -> bool:
    return viewer.privileged or person_id in viewer.granted


def record_view(viewer: Viewer, person_id: str, record: dict[str, Any]) -> dict[str, Any]:
    """A record as ``viewer`` may see it: private fields and relatives' columns removed.

    The raw row (the file's own columns) is shown to signed-in users only, without the
    columns that name or locate relatives unless the viewer may see relatives.
    """
    full = sees_relatives(viewer, person_id)
    shown = {k: v for k, v in record.items() if full or k not in PRIVATE_FIELDS}
    raw = json.loads(shown.pop("raw_json", None) or "{}")
    # The file's own column behind a private field (Примечание → notes) is private too,
    # whatever it is called.
    private = {str(record[f]).strip() for f in PRIVATE_FIELDS if record.get(f)}
    if full:
        shown["raw"] = raw
    elif viewer.signed_in:
        shown["raw"] = {
            k: v
            for k, v in raw.items()
            if not _RELATIVE_COLUMN.search(k) and str(v).strip() not in private
        }
    else:
        shown["raw"] = {}
    if not viewer.privileged:
        shown.pop("problems_json", None)
    return shown
