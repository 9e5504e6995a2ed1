"""Helpers shared by the web and browser tests (named apart from conftest on purpose)."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sample_archive import PASSWORD

from yokuryu.web import WebSettings

SETTINGS = WebSettings(host="127.0.0.1", port=8000, secret_key="", cookie_secure="auto")


def login(c: TestClient, name: str, password: str = PASSWORD) -> TestClient:
    response = c.post("/api/login", json={"name": name, "password": password})
    assert response.status_code == 200, response.text
    return c


def assert_error(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    """The one JSON error envelope, pinned here for every test."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"ok", "status", "error", "errors"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"].endswith(".")
    return body
