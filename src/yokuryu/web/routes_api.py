"""The JSON API under /api: every route reads through the privacy layer."""

from __future__ import annotations

import csv
import io
import sqlite3
from dataclasses import asdict
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, Field, field_validator

from yokuryu.web import estimates as est
from yokuryu.web import review
from yokuryu.web.accounts import Throttle, authenticate, close_session, open_session
from yokuryu.web.deps import (
    SESSION_COOKIE,
    db,
    require_csrf,
    require_session,
    settings_of,
    viewer,
)
from yokuryu.web.errors import ERROR_RESPONSES
from yokuryu.web.fate import fates_of
from yokuryu.web.persons import person_detail
from yokuryu.web.places import camp_texts_for, geojson, place_detail
from yokuryu.web.privacy import Viewer, visible_sql
from yokuryu.web.search import Filters, clean_query, search
from yokuryu.web.settings import WebSettings
from yokuryu.web.sources import source_label

router = APIRouter(prefix="/api", tags=["api"], responses=ERROR_RESPONSES)
Conn = Annotated[sqlite3.Connection, Depends(db)]
Who = Annotated[Viewer, Depends(viewer)]
Settings = Annotated[WebSettings, Depends(settings_of)]
# SQLite integers are 64-bit: a larger id is refused as invalid instead of overflowing.
MIN_ID, MAX_ID = -(2**53), 2**53  # JSON-safe integers, well inside SQLite's 64 bits
RowId = Annotated[int, PathParam(ge=MIN_ID, le=MAX_ID)]


class SearchParams(BaseModel):
    q: str = Field("", description="A name in any script, or a person id.")
    birth_from: int | None = Field(None, ge=1800, le=2000)
    birth_to: int | None = Field(None, ge=1800, le=2000)
    prefecture: str | None = Field(None, max_length=50)
    camp: int | None = Field(None, ge=MIN_ID, le=MAX_ID, description="A place id (/api/places).")
    fate: str | None = Field(None, max_length=30)
    source: int | None = Field(
        None, ge=MIN_ID, le=MAX_ID, description="Source id from /api/sources."
    )
    limit: int = Field(25, ge=1, le=100)

    @field_validator("birth_from", "birth_to", "camp", "source", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        """An empty filter in the HTML form means no filter."""
        return None if value == "" else value


def filters_from(conn: sqlite3.Connection, params: SearchParams) -> Filters:
    camps = camp_texts_for(conn, params.camp) if params.camp is not None else None
    return Filters(
        birth_from=params.birth_from,
        birth_to=params.birth_to,
        prefecture=params.prefecture or None,
        camp_texts=camps,
        fate=params.fate or None,
        source_id=params.source,
    )


def run_search(
    conn: sqlite3.Connection, who: Viewer, settings: WebSettings, params: SearchParams
) -> dict[str, Any]:
    query = clean_query(params.q, settings.max_query_chars)
    hits = search(
        conn, who, query, filters_from(conn, params), settings.public_after_years, params.limit
    )
    return {"ok": True, "query": query, "count": len(hits), "results": [asdict(h) for h in hits]}


class SearchHit(BaseModel):
    person_id: str
    display_name: str | None
    birth_year: int | None
    fate: str | None
    death_date: str | None
    score: float = Field(..., description="1.0 for the exact spelling of a whole name.")
    reasons: list[str] = Field(..., description='e.g. "Хироси ~ 博 (given name, same sound)"')


class SearchAnswer(BaseModel):
    ok: bool
    query: str
    count: int
    results: list[SearchHit]


@router.get("/search", response_model=SearchAnswer)
def api_search(
    conn: Conn, who: Who, settings: Settings, params: Annotated[SearchParams, Query()]
) -> JSONResponse:
    """Persons matching a name in any script, with the reason each matched."""
    # Plain data already: answered as is, without FastAPI's per-field re-encoding (the
    # busiest route; SearchAnswer describes it in the OpenAPI and Schemathesis checks it).
    return JSONResponse(run_search(conn, who, settings, params))


@router.get("/persons/{person_id}")
def api_person(person_id: str, conn: Conn, who: Who, settings: Settings) -> dict[str, Any]:
    """A person: records side by side, path, timeline, sources, linkage certainty."""
    return {"ok": True, **person_detail(conn, who, person_id[:100], settings.public_after_years)}


@router.get("/places")
def api_places(conn: Conn, who: Who, settings: Settings) -> dict[str, Any]:
    """Camps, hospitals and ports as GeoJSON, with persons and deaths recorded there."""
    return geojson(conn, who, settings.public_after_years)


@router.get("/places/{place_id}")
def api_place(place_id: RowId, conn: Conn, who: Who, settings: Settings) -> dict[str, Any]:
    """A camp: its figures, its people (those you may see) and its sources."""
    return {"ok": True, **place_detail(conn, who, place_id, settings.public_after_years)}


@router.get("/sources")
def api_sources(conn: Conn) -> dict[str, Any]:
    """The archive lists imported, with their citation and record counts."""
    rows = conn.execute(
        "SELECT s.id, s.name, s.kind, s.language, s.citation, "
        "(SELECT count(*) FROM record r WHERE r.source_id = s.id) AS records "
        "FROM source s ORDER BY s.name"
    )
    sources = [{**dict(r), "label": source_label(r["name"], r["kind"])} for r in rows]
    return {"ok": True, "sources": sources}


@router.get("/estimates")
def api_estimates(conn: Conn) -> dict[str, Any]:
    """Estimates with intervals, the published claims and the recorded counts by year."""
    return {
        "ok": True,
        "estimates": est.estimates(conn),
        "claims": est.claims(conn),
        "counts_by_year": est.counts_by_year(conn),
    }


@router.get("/me")
def api_me(who: Who) -> dict[str, Any]:
    """Who the server thinks you are (anonymous visitors have the role public)."""
    return {"ok": True, "name": who.name, "role": who.role}


class Login(BaseModel):
    name: str = Field(..., max_length=64)
    password: str = Field(..., max_length=1000)


def start_session(request: Request, response: Response, name: str, password: str) -> None:
    settings = settings_of(request)
    conn = db(request)
    throttle = Throttle(settings.login_attempts, timedelta(minutes=settings.login_window_minutes))
    client = request.client.host if request.client else "?"
    user_id = authenticate(conn, name, password, client, throttle)
    token = open_session(conn, user_id, settings.secret_key, settings.session_hours)
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(settings.session_hours * 3600),
        httponly=True,
        samesite="lax",
        secure=settings.secure_cookies,
    )


@router.post("/login")
def api_login(body: Login, request: Request) -> JSONResponse:
    """Log in; the session cookie is HttpOnly, SameSite=Lax, Secure off loopback."""
    response = JSONResponse({"ok": True, "name": body.name})
    start_session(request, response, body.name, body.password)
    return response


@router.post("/logout")
def api_logout(request: Request, conn: Conn, settings: Settings) -> JSONResponse:
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        close_session(conn, settings.secret_key, token)
    response = JSONResponse({"ok": True})
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/session")
def api_session(request: Request) -> dict[str, Any]:
    """The CSRF token a signed-in client sends as X-CSRF-Token on writes."""
    current = require_session(request)
    return {"ok": True, "name": current.viewer.name, "csrf": current.csrf}


@router.get("/review/queue")
def api_review_queue(conn: Conn, who: Who, limit: int = Query(20, ge=1, le=100)) -> dict:
    """Undecided pairs of the live linkage run, both records in full (archivists)."""
    return {"ok": True, "pairs": review.queue(conn, who, limit)}


@router.get("/review/decisions")
def api_decisions(conn: Conn, who: Who, limit: int = Query(20, ge=1, le=500)) -> dict:
    """Recent decisions, newest first (archivists)."""
    return {"ok": True, "decisions": review.recent(conn, who, limit)}


class Decision(BaseModel):
    record_id_l: int = Field(..., ge=MIN_ID, le=MAX_ID)
    record_id_r: int = Field(..., ge=MIN_ID, le=MAX_ID)
    verdict: str = Field(..., description="match, non_match or unsure")
    reason: str = Field("", max_length=500)


@router.post("/review/decisions")
def api_decide(body: Decision, request: Request, conn: Conn) -> dict[str, Any]:
    """Append a verdict on a pair (X-CSRF-Token header required); audited."""
    who = require_csrf(request).viewer
    decision_id = review.decide(
        conn, who, body.record_id_l, body.record_id_r, body.verdict, body.reason
    )
    return {"ok": True, "decision_id": decision_id}


@router.post("/review/decisions/{decision_id}/undo")
def api_undo(decision_id: RowId, request: Request, conn: Conn) -> dict[str, Any]:
    """Cancel a decision by appending an undo row (X-CSRF-Token header required)."""
    who = require_csrf(request).viewer
    return {"ok": True, "decision_id": review.undo(conn, who, decision_id)}


EXPORT_COLUMNS = ("id", "display_name", "birth_year", "fate", "death_date")


@router.get(
    "/export/persons.csv",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV, one person a line"}},
)
def api_export(conn: Conn, who: Who, settings: Settings) -> StreamingResponse:
    """Every person you may see, as CSV (the same privacy filter as the pages)."""
    visible, params = visible_sql(who, settings.public_after_years)
    rows = conn.execute(
        f"SELECT {', '.join('p.' + c for c in EXPORT_COLUMNS)} FROM person p "
        f"WHERE {visible} ORDER BY p.id",
        params,
    ).fetchall()  # read here: a cursor must not cross into the streaming thread
    fates: dict[str, Any] = {}
    for start in range(0, len(rows), 500):  # the records' stated fate where linkage has none
        fates.update(fates_of(conn, rows[start : start + 500]))
    fate_at = EXPORT_COLUMNS.index("fate")

    def lines() -> Any:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(EXPORT_COLUMNS)
        for row in rows:
            values = list(row)
            values[fate_at] = fates[row["id"]]
            writer.writerow(values)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(lines(), media_type="text/csv; charset=utf-8")
