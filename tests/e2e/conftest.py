"""Browser tests: the real `yokuryu serve` in a subprocess, Debian's Chromium via Playwright.

`playwright install` cannot download a browser here, so pytest-playwright's launch
arguments point at /usr/bin/chromium (installed by scripts/install-browser-deps).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "web"))
sys.path.insert(0, str(Path(__file__).parent))

from sample_archive import populate

from yokuryu.archive import init_archive

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(
            reason=f"no Chromium at {CHROMIUM}: run scripts/install-browser-deps"
        )
        for item in items:
            if "e2e" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": FLAGS}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    process.kill()
    output = process.communicate()[0]
    raise RuntimeError(f"yokuryu serve did not come up at {url}; its output:\n{output}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    archive = tmp_path_factory.mktemp("e2e") / "archive"
    init_archive(archive, actor="tester")
    populate(archive)
    port = _free_port()
    command = [str(Path(sys.executable).parent / "yokuryu"), "serve", "--archive", str(archive),
               "--port", str(port)]  # fmt: skip
    env = {**os.environ, "YOKURYU_SECRET_KEY": ""}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env=env)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    _wait(f"{base}/api/me", process, time.monotonic() + 90)
    yield base
    process.terminate()
    process.wait(timeout=10)
