"""Named errors of the estimation stage; the CLI turns them into one-sentence messages."""

from yokuryu.errors import YokuryuError


class BadTable(YokuryuError):
    """A contingency table cannot be used as written (counts, patterns, columns)."""


class EmptyList(BadTable):
    """A list holds no record in the table or stratum, so it says nothing about overlap."""


class TooFewLists(YokuryuError):
    """Fewer than three lists: the model that fills the unseen cell is not identified."""


class TooManyLists(YokuryuError):
    """The estimator supports fewer lists than the table has (dga: at most five)."""


class GridTooNarrow(YokuryuError):
    """The posterior of N still has mass at the top of the grid; widen the grid."""


class LinkageSamplesMissing(YokuryuError):
    """Linkage averaging was asked for, but the link run has no samples."""
