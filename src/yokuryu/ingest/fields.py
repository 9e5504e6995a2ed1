"""The standard fields a list's columns can be mapped to, and what kind of value each holds."""

from __future__ import annotations

from typing import Literal

FieldKind = Literal["text", "date", "year"]

STANDARD_FIELDS: dict[str, FieldKind] = {
    "ref": "text",
    "full_name": "text",
    "family_name": "text",
    "given_name": "text",
    "father_name": "text",
    "name_reading": "text",
    "birth_date": "date",
    "birth_year": "year",
    "birth_place": "text",
    "prefecture": "text",
    "rank": "text",
    "unit": "text",
    "camp": "text",
    "capture_date": "date",
    "capture_place": "text",
    "arrival_date": "date",
    "transfer_date": "date",
    "death_date": "date",
    "death_place": "text",
    "burial_place": "text",
    "grave_no": "text",
    "repatriation_date": "date",
    "ship": "text",
    "port": "text",
    "status": "text",
    "notes": "text",
}

NAME_FIELDS = ("full_name", "family_name", "given_name", "name_reading")
DATE_FIELDS = tuple(f for f, kind in STANDARD_FIELDS.items() if kind == "date")

# The fact that defines a list: a death register line without a readable date of death,
# or a landing record without an arrival date, is not a usable entry of that list.
DEFAULT_REQUIRED: dict[str, tuple[str, ...]] = {
    "soviet_death": ("death_date",),
    "mhlw_death": ("death_date",),
    "jp_landing": ("repatriation_date",),
}

# Plausible years per field: a value outside is kept in the raw row, the field left empty
# and the problem recorded. Birth years of the interned run c.1880–1932 (older civilians,
# the youngest soldiers and boys of the Youth Volunteer Army); events run from the Soviet
# attack of 9 Aug 1945 to the last repatriation of 26 Dec 1956 (wider windows here, since
# sick men returned to Manchuria and records were written up later).
PLAUSIBLE_YEARS: dict[str, tuple[int, int]] = {
    "birth_date": (1850, 1945),
    "birth_year": (1850, 1945),
    "capture_date": (1945, 1950),
    "arrival_date": (1945, 1960),
    "transfer_date": (1945, 1960),
    "death_date": (1945, 1960),
    "repatriation_date": (1945, 1960),
}
