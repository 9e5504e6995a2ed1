"""Small named exceptions shared across stages; the CLI and web turn them into messages."""


class YokuryuError(Exception):
    """Base class: the message is one plain sentence saying what is wrong and what to do."""


class ArchiveNotFound(YokuryuError):
    """The archive folder has no registry."""


class MappingError(YokuryuError):
    """A mapping file cannot be used as written."""


class UnreadableFile(YokuryuError):
    """A list cannot be read at all (empty, binary, wrong encoding, no rows)."""
