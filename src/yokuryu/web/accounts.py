"""Accounts: hashed passwords, sessions behind random tokens, login throttling, grants.

Passwords are hashed with scrypt (standard library; memory-hard, as OWASP recommends).
A session cookie holds a random token; the registry stores only its HMAC under the
server's secret key, so neither a copied registry nor a forged cookie opens a session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from yokuryu.errors import YokuryuError
from yokuryu.store import transaction
from yokuryu.store.audit import now_utc, write_audit
from yokuryu.web.privacy import ROLES, Viewer

_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
MIN_PASSWORD_CHARS = 10


class AccountError(YokuryuError):
    """A user cannot be created or changed as asked."""


class LoginFailed(YokuryuError):
    """Wrong name or password (never says which)."""


class TooManyAttempts(YokuryuError):
    """Too many failed logins for one name within the window."""


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check; an unknown user is checked against a dummy hash all the same."""
    try:
        _, n, r, p, salt, digest = (stored or _DUMMY).split("$")
        got = hashlib.scrypt(
            password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest) and stored is not None


_DUMMY = hash_password(secrets.token_urlsafe(16))


def add_user(conn: sqlite3.Connection, name: str, role: str, password: str, actor: str) -> int:
    """Create a user; the password is stored hashed. Audited."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    if not name.strip() or len(name) > 64:
        raise AccountError("A user name must be 1-64 characters.")
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_CHARS} characters.")
    if conn.execute("SELECT 1 FROM user WHERE name = ?", (name,)).fetchone():
        raise AccountError(f"A user named {name!r} already exists.")
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO user (name, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
            (name, role, hash_password(password), now_utc()),
        )
        write_audit(conn, actor, "user.add", name, {"role": role})
    return int(cur.lastrowid or 0)


def grant_person(conn: sqlite3.Connection, name: str, person_id: str, actor: str) -> None:
    """Let a family account see one person (and that person's relatives' details)."""
    row = conn.execute("SELECT id, role FROM user WHERE name = ?", (name,)).fetchone()
    if row is None:
        raise AccountError(f"No user named {name!r}; add it with `yokuryu user add`.")
    with transaction(conn):
        conn.execute(
            "INSERT OR REPLACE INTO family_grant (user_id, person_id, granted_by, at) "
            "VALUES (?, ?, ?, ?)",
            (row["id"], person_id, actor, now_utc()),
        )
        write_audit(conn, actor, "user.grant", name, {"person_id": person_id})


def _failures(conn: sqlite3.Connection, name: str, window: timedelta) -> int:
    since = (datetime.now(UTC) - window).isoformat(timespec="seconds")
    row = conn.execute(
        "SELECT count(*) FROM login_attempt WHERE name = ? AND ok = 0 AND at >= ? AND at > "
        "coalesce((SELECT max(at) FROM login_attempt WHERE name = ? AND ok = 1), '')",
        (name, since, name),
    ).fetchone()
    return int(row[0])


def _record_attempt(conn: sqlite3.Connection, name: str, client: str, ok: bool) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO login_attempt (name, client, at, ok) VALUES (?, ?, ?, ?)",
            (name[:64], client, now_utc(), int(ok)),
        )
        if not ok:
            write_audit(conn, name[:64], "login.failed", client)


@dataclass(frozen=True)
class Throttle:
    attempts: int
    window: timedelta


def authenticate(
    conn: sqlite3.Connection, name: str, password: str, client: str, throttle: Throttle
) -> int:
    """The user id for a correct name and password.

    Raises:
        TooManyAttempts: the name had too many failures in the window (checked first,
            so a correct password does not help a guesser).
        LoginFailed: wrong name or password.
    """
    if _failures(conn, name[:64], throttle.window) >= throttle.attempts:
        minutes = int(throttle.window.total_seconds() // 60)
        raise TooManyAttempts(
            f"Too many failed logins for this name; try again in {minutes} minutes."
        )
    row = conn.execute(
        "SELECT id, password_hash FROM user WHERE name = ? AND disabled = 0", (name,)
    ).fetchone()
    ok = verify_password(password, row["password_hash"] if row else None) and row is not None
    _record_attempt(conn, name, client, ok)
    if not ok or row is None:
        raise LoginFailed("Wrong name or password.")
    return int(row["id"])


def token_hash(secret: str, token: str) -> str:
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def open_session(conn: sqlite3.Connection, user_id: int, secret: str, hours: float) -> str:
    """A new session; returns the cookie token (stored only as its keyed hash)."""
    token = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(hours=hours)
    with transaction(conn):
        conn.execute(
            "INSERT INTO web_session (token_hash, user_id, csrf, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                token_hash(secret, token),
                user_id,
                secrets.token_urlsafe(24),
                now_utc(),
                expires.isoformat(timespec="seconds"),
            ),
        )
        name = conn.execute("SELECT name FROM user WHERE id = ?", (user_id,)).fetchone()[0]
        write_audit(conn, name, "login", None)
    return token


def close_session(conn: sqlite3.Connection, secret: str, token: str) -> None:
    with transaction(conn):
        conn.execute("DELETE FROM web_session WHERE token_hash = ?", (token_hash(secret, token),))


@dataclass(frozen=True)
class Session:
    viewer: Viewer
    csrf: str


def session_for(conn: sqlite3.Connection, secret: str, token: str | None) -> Session | None:
    """The live session behind a cookie token, or None (unknown, forged or expired)."""
    if not token or len(token) > 100:
        return None
    row = conn.execute(
        "SELECT s.csrf, u.id, u.name, u.role FROM web_session s JOIN user u ON u.id = s.user_id "
        "WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled = 0",
        (token_hash(secret, token), now_utc()),
    ).fetchone()
    if row is None:
        return None
    grants = conn.execute("SELECT person_id FROM family_grant WHERE user_id = ?", (row["id"],))
    viewer = Viewer(row["name"], row["role"], row["id"], frozenset(r[0] for r in grants))
    return Session(viewer, row["csrf"])
