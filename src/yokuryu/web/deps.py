"""Request dependencies: the registry connection, the viewer and the CSRF check."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any, cast

from fastapi import Request

from yokuryu.errors import YokuryuError
from yokuryu.store.db import connect, registry_path
from yokuryu.web.accounts import Session, session_for
from yokuryu.web.privacy import ANONYMOUS, Viewer
from yokuryu.web.settings import WebSettings

SESSION_COOKIE = "yokuryu_session"


class Forbidden(YokuryuError):
    """The viewer's role does not allow this."""


class ConnectionPool:
    """One SQLite connection per worker thread (a connection must stay in its thread).

    FastAPI may resolve a dependency in one pool thread and run the endpoint in another,
    so routes get a :class:`ThreadConnection` that finds the current thread's connection
    at each call.
    """

    def __init__(self, archive: Path) -> None:
        self.path = registry_path(archive)
        self._local = threading.local()

    def get(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
        return conn


class ThreadConnection:
    """Stands for ``sqlite3.Connection``; every attribute is the calling thread's own."""

    def __init__(self, pool: ConnectionPool) -> None:
        self._pool = pool

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pool.get(), name)


def settings_of(request: Request) -> WebSettings:
    return request.app.state.settings


def db(request: Request) -> sqlite3.Connection:
    return cast(sqlite3.Connection, ThreadConnection(request.app.state.pool))


def session(request: Request) -> Session | None:
    token = request.cookies.get(SESSION_COOKIE)
    return session_for(db(request), settings_of(request).secret_key, token)


def viewer(request: Request) -> Viewer:
    current = session(request)
    return current.viewer if current else ANONYMOUS


def require_session(request: Request) -> Session:
    current = session(request)
    if current is None:
        raise Forbidden("Log in first.")
    return current


def require_csrf(request: Request, form_token: str | None = None) -> Session:
    """The session of a signed-in user whose request carries the session's CSRF token."""
    current = require_session(request)
    sent = form_token or request.headers.get("x-csrf-token")
    if sent != current.csrf:
        raise Forbidden("The form has expired; reload the page and try again.")
    return current
