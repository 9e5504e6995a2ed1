"""Helpers for the browser tests (named apart from conftest on purpose)."""

from __future__ import annotations

from pathlib import Path

ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"
VENDOR = Path(__file__).parents[2] / "src/yokuryu/web/static/vendor/manifest.json"


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Save a full-page screenshot as a test artefact."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def vendor_installed() -> bool:
    return VENDOR.exists()
