"""One JSON error envelope for the whole API, and the status of each library error.

``{"ok": false, "status": 404, "error": "No person with id 'x' is visible to you.",
"errors": []}`` — the shape Datasette uses; pages show the same sentence in HTML.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from yokuryu.errors import ArchiveNotFound, YokuryuError
from yokuryu.web.accounts import AccountError, LoginFailed, TooManyAttempts
from yokuryu.web.deps import Forbidden
from yokuryu.web.persons import PersonNotFound
from yokuryu.web.places import PlaceNotFound
from yokuryu.web.review import NotAllowed, ReviewError
from yokuryu.web.search import BadQuery

STATUS: dict[type[YokuryuError], int] = {
    PersonNotFound: 404,
    PlaceNotFound: 404,
    ArchiveNotFound: 503,
    BadQuery: 422,
    ReviewError: 400,
    AccountError: 400,
    LoginFailed: 401,
    Forbidden: 403,
    NotAllowed: 403,
    TooManyAttempts: 429,
}


def status_of(exc: YokuryuError) -> int:
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def envelope(status: int, message: str, errors: list[Any] | None = None) -> JSONResponse:
    body = {"ok": False, "status": status, "error": message, "errors": errors or []}
    return JSONResponse(body, status_code=status)


class ErrorBody(BaseModel):
    """The one error shape, as the OpenAPI description shows it."""

    ok: Literal[False] = False
    status: int = Field(..., description="The HTTP status, repeated.")
    error: str = Field(..., description="One sentence saying what went wrong.")
    errors: list[Any] = Field(default_factory=list, description="Details, e.g. per parameter.")


_MEANING = {400: "Bad request", 401: "Not logged in or wrong password", 403: "Not allowed",
            404: "Not found (or not visible to you)", 413: "Request body over 2 MiB",
            422: "Invalid parameters", 429: "Too many failed logins"}  # fmt: skip
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": meaning} for status, meaning in _MEANING.items()
}
