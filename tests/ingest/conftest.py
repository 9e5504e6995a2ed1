"""Fixtures to write lists and mappings as files, and a connection to a fresh archive."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from yokuryu.store import open_existing


@pytest.fixture
def write_list(tmp_path: Path) -> Callable[..., Path]:
    def write(name: str, text: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode(encoding))
        return path

    return write


@pytest.fixture
def write_mapping(tmp_path: Path) -> Callable[[dict[str, Any]], Path]:
    def write(content: dict[str, Any], name: str = "mapping.yaml") -> Path:
        path = tmp_path / name
        path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        return path

    return write


@pytest.fixture
def conn(archive: Path) -> sqlite3.Connection:
    return open_existing(archive)
