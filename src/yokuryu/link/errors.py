"""Named errors of the linkage stage; the CLI turns them into one-sentence messages."""

from __future__ import annotations

from yokuryu.errors import YokuryuError


class LinkError(YokuryuError):
    """Base class of the linkage stage's errors."""


class NoRecords(LinkError):
    """The archive holds no records to link."""


class RunNotFound(LinkError):
    """No link run with that id, or no live run when one is needed."""


class EngineMissing(LinkError):
    """The chosen engine (Spark) is not installed."""


class UnknownSource(LinkError):
    """`--new SOURCE` names a list the archive does not hold."""


class ReviewError(LinkError):
    """A review action that cannot be carried out as asked."""
