"""Web fixtures: a populated real archive and TestClients for each kind of visitor."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))

from sample_archive import PASSWORD, populate

from yokuryu.web import WebSettings, create_app

SETTINGS = WebSettings(host="127.0.0.1", port=8000, secret_key="", cookie_secure="auto")


@pytest.fixture
def site(archive: Path) -> Path:
    populate(archive)
    return archive


@pytest.fixture
def client(site: Path) -> Iterator[TestClient]:
    with TestClient(create_app(site, SETTINGS)) as c:
        yield c


def login(c: TestClient, name: str, password: str = PASSWORD) -> TestClient:
    response = c.post("/api/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    return c


@pytest.fixture
def archivist(client: TestClient) -> TestClient:
    return login(client, "archie")


def assert_error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    """The one JSON error envelope, pinned here for every test."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "status", "error", "errors"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"].endswith(".")
    return body
