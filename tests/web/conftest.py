"""Web fixtures: a populated real archive and TestClients for each kind of visitor."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))

from sample_archive import populate
from web_helpers import SETTINGS, login

from yokuryu.web import create_app


@pytest.fixture
def site(archive: Path) -> Path:
    populate(archive)
    return archive


@pytest.fixture
def client(site: Path) -> Iterator[TestClient]:
    with TestClient(create_app(site, SETTINGS)) as c:
        yield c


@pytest.fixture
def archivist(client: TestClient) -> TestClient:
    return login(client, "archie")
