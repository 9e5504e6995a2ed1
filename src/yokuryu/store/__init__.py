"""The registry: SQLite schema, migrations and the queries every stage shares."""

from yokuryu.store.db import REGISTRY_FILE, connect, open_existing, registry_path, transaction
from yokuryu.store.migrations import migrate

__all__ = [
    "REGISTRY_FILE",
    "connect",
    "migrate",
    "open_existing",
    "registry_path",
    "transaction",
]
