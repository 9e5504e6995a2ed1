"""Web fixtures: a populated real archive and TestClients for each kind of visitor."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))

from sample_archive import populate
from web_helpers import SETTINGS, login

from yokuryu.archive import init_archive
from yokuryu.store import connect, registry_path
from yokuryu.web import create_app
from yokuryu.web.search import build_index


@pytest.fixture(scope="session")
def site_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once (registry, sample data, hashed passwords, search index), copied per test."""
    folder = tmp_path_factory.mktemp("template") / "archive"
    init_archive(folder, actor="tester")
    populate(folder)
    conn = connect(registry_path(folder))
    build_index(conn)
    conn.close()
    return folder


@pytest.fixture
def site(site_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(site_template, folder)
    return folder


@pytest.fixture
def client(site: Path) -> Iterator[TestClient]:
    with TestClient(create_app(site, SETTINGS)) as c:
        yield c


@pytest.fixture
def archivist(client: TestClient) -> TestClient:
    return login(client, "archie")
