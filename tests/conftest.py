"""Shared fixtures: a fresh archive per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from yokuryu.archive import init_archive


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    folder = tmp_path / "archive"
    init_archive(folder, actor="tester")
    return folder
