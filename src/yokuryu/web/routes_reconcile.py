"""OpenRefine reconciliation endpoints (W3C Reconciliation Service API 0.2), CORS open."""

from __future__ import annotations

import json
import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse

from yokuryu.web import reconcile as rc
from yokuryu.web.deps import db, settings_of, viewer
from yokuryu.web.errors import ERROR_RESPONSES
from yokuryu.web.persons import PersonNotFound, person_detail
from yokuryu.web.privacy import Viewer
from yokuryu.web.search import BadQuery
from yokuryu.web.settings import WebSettings

router = APIRouter(prefix="/reconcile", tags=["reconciliation"], responses=ERROR_RESPONSES)
Conn = Annotated[sqlite3.Connection, Depends(db)]
Who = Annotated[Viewer, Depends(viewer)]
Settings = Annotated[WebSettings, Depends(settings_of)]
MAX_BATCH = 50


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _parse(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise BadQuery(f"The {what} parameter is not valid JSON.") from exc


def _batch(
    conn: sqlite3.Connection, who: Viewer, settings: WebSettings, queries: str
) -> dict[str, Any]:
    batch = _parse(queries, "queries")
    if not isinstance(batch, dict) or not all(isinstance(q, dict) for q in batch.values()):
        raise BadQuery('queries must be an object like {"q0": {"query": "Сато Хироси"}}.')
    if len(batch) > MAX_BATCH:
        raise BadQuery(f"At most {MAX_BATCH} queries per batch.")
    return {
        key: rc.reconcile_one(conn, who, q, settings.public_after_years, settings.max_query_chars)
        for key, q in batch.items()
    }


def _extend(conn: sqlite3.Connection, who: Viewer, settings: WebSettings, text: str) -> dict:
    request = _parse(text, "extend")
    if not isinstance(request, dict):
        raise BadQuery('extend must be an object like {"ids": [...], "properties": [...]}.')
    return rc.extend(conn, who, request, settings.public_after_years)


@router.get("")
def reconcile_get(
    request: Request,
    conn: Conn,
    who: Who,
    settings: Settings,
    queries: str | None = Query(None, max_length=100_000),
    extend: str | None = Query(None, max_length=100_000),
) -> dict[str, Any]:
    """Without parameters: the service manifest. With ``queries`` or ``extend``: results."""
    if queries is not None:
        return _batch(conn, who, settings, queries)
    if extend is not None:
        return _extend(conn, who, settings, extend)
    return rc.manifest(_base(request))


@router.post("")
def reconcile_post(
    conn: Conn,
    who: Who,
    settings: Settings,
    queries: Annotated[str | None, Form(max_length=100_000)] = None,
    extend: Annotated[str | None, Form(max_length=100_000)] = None,
) -> dict[str, Any]:
    """Form field ``queries`` (a batch) or ``extend`` (data extension)."""
    if queries is not None:
        return _batch(conn, who, settings, queries)
    if extend is not None:
        return _extend(conn, who, settings, extend)
    raise BadQuery("Send a queries or extend form field.")


@router.get("/suggest/entity")
def suggest_entity(
    conn: Conn,
    who: Who,
    settings: Settings,
    prefix: str = Query("", max_length=1000),
    cursor: int = Query(0, ge=0, le=1000),
) -> dict[str, Any]:
    """Persons whose name begins like or sounds like ``prefix``."""
    return rc.suggest_entities(
        conn, who, prefix, cursor, settings.public_after_years, settings.max_query_chars
    )


@router.get("/suggest/type")
def suggest_type(prefix: str = Query("", max_length=100)) -> dict[str, Any]:
    types = [rc.PERSON_TYPE, rc.CAMP_TYPE]
    return {"result": [t for t in types if t["name"].lower().startswith(prefix.lower())]}


@router.get("/suggest/property")
def suggest_property(prefix: str = Query("", max_length=100)) -> dict[str, Any]:
    props = [p for p in rc.PROPERTIES if p["name"].lower().startswith(prefix.lower())]
    return {"result": props}


@router.get("/propose")
def propose(type: str = Query("person", max_length=30)) -> dict[str, Any]:
    """Properties a data extension can add to reconciled persons."""
    return {"type": type, "properties": rc.PROPERTIES if type == "person" else []}


@router.get("/preview", response_class=HTMLResponse)
def preview(request: Request, conn: Conn, who: Who, settings: Settings,
            id: str = Query(..., max_length=100)) -> HTMLResponse:  # fmt: skip
    """A small HTML card for OpenRefine's preview pane."""
    from yokuryu.web.app import render

    try:
        detail = person_detail(conn, who, id, settings.public_after_years)
    except PersonNotFound:
        detail = None
    return render(request, "preview.html", status=200 if detail else 404, person=detail)
