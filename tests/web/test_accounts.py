"""Accounts: hashed passwords, sessions, forged cookies, throttling, insecure settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from sample_archive import PASSWORD
from web_helpers import SETTINGS, assert_error, login

from yokuryu.cli import main
from yokuryu.store import connect, registry_path
from yokuryu.web import WebSettings, create_app
from yokuryu.web.accounts import hash_password, verify_password
from yokuryu.web.settings import InsecureSettings, check_secure


def test_passwords_are_stored_hashed_and_salted(site):
    conn = connect(registry_path(site))
    stored = conn.execute("SELECT password_hash FROM user WHERE name = 'archie'").fetchone()[0]
    assert PASSWORD not in stored and stored.startswith("scrypt$")
    assert verify_password(PASSWORD, stored) and not verify_password("wrong", stored)
    assert hash_password(PASSWORD) != hash_password(PASSWORD)


def test_login_sets_a_protected_cookie_and_logout_ends_it(client):
    response = client.post("/api/login", json={"name": "archie", "password": PASSWORD})
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/api/me").json() == {"ok": True, "name": "archie", "role": "archivist"}
    client.post("/api/logout")
    assert client.get("/api/me").json()["role"] == "public"


def test_secure_flag_off_loopback(site):
    settings = WebSettings(host="0.0.0.0", secret_key="k" * 40)
    with TestClient(create_app(site, settings), base_url="https://testserver") as c:
        cookie = c.post("/api/login", json={"name": "archie", "password": PASSWORD})
        assert "Secure" in cookie.headers["set-cookie"]


@pytest.mark.parametrize(
    "token", ["forged", "x" * 43, "", "a" * 5000, "' OR 1=1 --"],
    ids=["word", "token-shaped", "empty", "huge", "sql"],
)  # fmt: skip
def test_forged_cookies_are_anonymous(client, token):
    client.cookies.set("yokuryu_session", token)
    assert client.get("/api/me").json()["role"] == "public"
    assert client.get("/api/persons/P-SUZUKI").status_code == 404
    assert_error(client.get("/api/review/queue"), 403)


def test_a_session_does_not_survive_a_new_secret(site):
    with TestClient(create_app(site, SETTINGS)) as first:
        login(first, "archie")
        token = first.cookies.get("yokuryu_session")
    with TestClient(create_app(site, SETTINGS)) as second:  # loopback: a fresh random key
        second.cookies.set("yokuryu_session", token)
        assert second.get("/api/me").json()["role"] == "public"


def test_wrong_password_repeated_is_throttled_even_for_the_right_one(client, site):
    for _ in range(5):
        body = assert_error(
            client.post("/api/login", json={"name": "archie", "password": "x"}), 401
        )
        assert body["error"] == "Wrong name or password."
    blocked = assert_error(
        client.post("/api/login", json={"name": "archie", "password": PASSWORD}), 429
    )
    assert "Too many failed logins" in blocked["error"]
    unknown = assert_error(client.post("/api/login", json={"name": "nobody", "password": "x"}), 401)
    assert unknown["error"] == "Wrong name or password."
    conn = connect(registry_path(site))
    failures = conn.execute("SELECT count(*) FROM audit WHERE action = 'login.failed'").fetchone()
    assert failures[0] == 6


def test_login_page_shows_the_reason(client):
    page = client.post("/login", data={"name": "archie", "password": "nope"})
    assert page.status_code == 401 and "Wrong name or password." in page.text
    ok = client.post("/login", data={"name": "archie", "password": PASSWORD, "next": "//evil"},
                     follow_redirects=False)  # fmt: skip
    assert ok.status_code == 303 and ok.headers["location"] == "/"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (WebSettings(host="0.0.0.0", secret_key=""), "without a strong secret key"),
        (WebSettings(host="192.168.1.5", secret_key="changethis"), "without a strong secret key"),
        (WebSettings(host="0.0.0.0", secret_key="short"), "without a strong secret key"),
        (WebSettings(host="0.0.0.0", secret_key="k" * 40, cookie_secure="no"), "without Secure"),
        (WebSettings(host="127.0.0.1", page_size=100_000), "PAGE_SIZE"),
    ],
    ids=["no-secret", "changethis", "short", "insecure-cookie", "silly-limit"],
)
def test_insecure_settings_are_refused(settings, message):
    with pytest.raises(InsecureSettings, match=message):
        check_secure(settings)


def test_loopback_gets_a_random_secret():
    first = check_secure(WebSettings(host="127.0.0.1", secret_key=""))
    second = check_secure(WebSettings(host="::1", secret_key=""))
    assert len(first.secret_key) >= 32 and first.secret_key != second.secret_key


def test_serve_refuses_to_start_off_loopback_without_secret(site):
    env = {"PATH": "/usr/bin:/bin", "YOKURYU_SECRET_KEY": ""}
    result = subprocess.run(
        [str(Path(sys.executable).parent / "yokuryu"), "serve", "--archive", str(site), "--host", "0.0.0.0"],
        capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert result.returncode == 2 and "secret key" in result.stderr


def test_user_add_cli_creates_a_hashed_account_and_audits(archive):
    runner = CliRunner()
    result = runner.invoke(
        main, ["user", "add", "boss", "--role", "admin", "--password-stdin", "--archive",
               str(archive)], input="a long enough password\n",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["user", "add", "boss", "--password-stdin", "--archive",
                                 str(archive)], input="a long enough password\n")  # fmt: skip
    assert again.exit_code == 2 and "already exists" in again.output
    short = runner.invoke(main, ["user", "add", "x", "--password-stdin", "--archive",
                                 str(archive)], input="short\n")  # fmt: skip
    assert short.exit_code == 2 and "at least 10 characters" in short.output
    conn = connect(registry_path(archive))
    row = conn.execute("SELECT role, password_hash FROM user WHERE name = 'boss'").fetchone()
    assert row["role"] == "admin" and verify_password("a long enough password", row[1])
    assert conn.execute("SELECT count(*) FROM audit WHERE action = 'user.add'").fetchone()[0] == 1
    listed = runner.invoke(main, ["user", "list", "--archive", str(archive)])
    assert "boss" in listed.output and "admin" in listed.output


def test_workers_share_one_secret_so_a_login_holds_in_every_process(site):
    import json
    import socket
    import time
    import urllib.request
    from http.cookiejar import CookieJar

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [str(Path(sys.executable).parent / "yokuryu"), "serve", "--archive", str(site),
               "--port", str(port), "--workers", "2"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                opener.open(f"{base}/api/me", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    server.kill()
                    raise AssertionError(server.communicate()[0]) from None
                time.sleep(0.3)
        login = urllib.request.Request(
            f"{base}/api/login", data=json.dumps({"name": "archie", "password": PASSWORD}).encode(),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        opener.open(login, timeout=10)
        roles = {json.load(opener.open(f"{base}/api/me", timeout=10))["role"] for _ in range(30)}
        assert roles == {"archivist"}
    finally:
        server.terminate()
        server.wait(timeout=30)
