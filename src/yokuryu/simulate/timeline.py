"""Dates as whole days since 1899-01-01 (numpy int64, always > 0 for the period, so 0
means "no such event"), and random draws of them.

Every date in the simulation is a day number, so that paths are computed on arrays;
text forms are made at the end by the archive writers (see ``datefmt``).
"""

from __future__ import annotations

import datetime as dt

import numpy as np

EPOCH = dt.date(1899, 1, 1)
_NUMPY_OFFSET = (dt.date(1970, 1, 1) - EPOCH).days  # numpy's datetime64 counts from 1970

# Named random streams: each part of the model draws from its own stream, so a change
# in one part does not shift the draws of another (and runs stay byte-identical).
STREAMS = {
    "people": 1,
    "names": 2,
    "fates": 3,
    "camps": 4,
    "deaths": 5,
    "repatriation": 6,
    "transfers": 7,
    "noise": 8,
    "archives": 9,
    "malformed": 10,
}


def rng(seed: int, stream: str, *extra: int) -> np.random.Generator:
    """The generator of one named stream of a run."""
    return np.random.default_rng([seed, STREAMS[stream], *extra])


def day(value: dt.date | str) -> int:
    """Day number of a date."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return (value - EPOCH).days


def to_date(day_number: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(day_number))


def uniform_days(gen: np.random.Generator, first: int, last: int, size: int) -> np.ndarray:
    """Days drawn uniformly from first..last inclusive."""
    return gen.integers(first, last + 1, size=size, dtype=np.int64)


def as_datetime64(days: np.ndarray) -> np.ndarray:
    return (np.asarray(days, dtype=np.int64) - _NUMPY_OFFSET).astype("datetime64[D]")


def from_datetime64(values: np.ndarray) -> np.ndarray:
    return values.astype("datetime64[D]").astype(np.int64) + _NUMPY_OFFSET


def years_of(days: np.ndarray) -> np.ndarray:
    """Calendar year of each day number."""
    return as_datetime64(days).astype("datetime64[Y]").astype(np.int64) + 1970


def months_of(days: np.ndarray) -> np.ndarray:
    """Calendar month (1-12) of each day number."""
    return as_datetime64(days).astype("datetime64[M]").astype(np.int64) % 12 + 1


def month_starts(first: dt.date, months: int) -> np.ndarray:
    """Day numbers of the first day of ``months`` consecutive months from ``first``."""
    start = np.datetime64(first.replace(day=1), "M")
    return from_datetime64(start + np.arange(months + 1))


def days_in_months(gen: np.random.Generator, starts: np.ndarray, month: np.ndarray) -> np.ndarray:
    """A uniform day inside each chosen month (index into ``starts``)."""
    length = starts[month + 1] - starts[month]
    return starts[month] + (gen.random(month.size) * length).astype(np.int64)
