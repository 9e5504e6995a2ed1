"""HTML pages: search, person, camp map, camp, review, estimates, login, language."""

from __future__ import annotations

import json
import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from yokuryu.errors import YokuryuError
from yokuryu.web import estimates as est
from yokuryu.web import i18n, review
from yokuryu.web.accounts import close_session
from yokuryu.web.app import render
from yokuryu.web.deps import SESSION_COOKIE, Forbidden, db, require_csrf, settings_of, viewer
from yokuryu.web.persons import person_detail
from yokuryu.web.places import place_detail
from yokuryu.web.privacy import Viewer
from yokuryu.web.routes_api import MAX_ID, MIN_ID, RowId, SearchParams, run_search, start_session
from yokuryu.web.settings import WebSettings

router = APIRouter(include_in_schema=False)
Conn = Annotated[sqlite3.Connection, Depends(db)]
Who = Annotated[Viewer, Depends(viewer)]
Settings = Annotated[WebSettings, Depends(settings_of)]


def _options(conn: sqlite3.Connection) -> dict[str, Any]:
    return {
        "sources": [
            dict(r) for r in conn.execute("SELECT id, name, kind FROM source ORDER BY name")
        ],
        "camps": [
            dict(r)
            for r in conn.execute(
                "SELECT id, name_en, name_ru, name_ja FROM place "
                "WHERE kind IN ('camp_town', 'hospital') ORDER BY name_en"
            )
        ],
    }


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, conn: Conn, who: Who, settings: Settings,
    params: Annotated[SearchParams, Query()],
) -> HTMLResponse:  # fmt: skip
    results = run_search(conn, who, settings, params) if params.q or params.camp else None
    return render(request, "search.html", params=params, results=results, **_options(conn))


@router.get("/search/results", response_class=HTMLResponse)
def search_results(
    request: Request, conn: Conn, who: Who, settings: Settings,
    params: Annotated[SearchParams, Query()],
) -> HTMLResponse:  # fmt: skip
    """The results fragment htmx swaps in while the visitor types."""
    try:
        results = run_search(conn, who, settings, params)
    except YokuryuError as exc:
        return render(request, "_results.html", status=422, results=None, problem=str(exc))
    return render(request, "_results.html", results=results, params=params)


@router.get("/person/{person_id}", response_class=HTMLResponse)
def person_page(
    person_id: str, request: Request, conn: Conn, who: Who, settings: Settings
) -> Response:
    person = person_detail(conn, who, person_id[:100], settings.public_after_years)
    if person["id"] != person_id:
        return RedirectResponse(f"/person/{person['id']}", status_code=301)
    fields = _shown_fields(person["records"])
    path_json = json.dumps(person["path"], ensure_ascii=False)
    return render(request, "person.html", person=person, fields=fields, path_json=path_json)


def _shown_fields(records: list[dict[str, Any]]) -> list[str]:
    from yokuryu.web.persons import FIELDS

    return [f for f in FIELDS if any(r.get(f) not in (None, "") for r in records)]


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    return render(request, "map.html")


@router.get("/camp/{place_id}", response_class=HTMLResponse)
def camp_page(place_id: RowId, request: Request, conn: Conn, who: Who, settings: Settings) -> Any:
    place = place_detail(conn, who, place_id, settings.public_after_years)
    return render(request, "camp.html", place=place)


@router.get("/estimates", response_class=HTMLResponse)
def estimates_page(request: Request, conn: Conn) -> HTMLResponse:
    items, claim_rows = est.estimates(conn), est.claims(conn)
    return render(
        request,
        "estimates.html",
        charts=est.chart_rows(items, claim_rows),
        claims=claim_rows,
        counts=est.counts_by_year(conn),
    )


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, conn: Conn, who: Who) -> HTMLResponse:
    if not who.signed_in:
        raise Forbidden("Log in as an archivist to review matches.")
    pairs = review.queue(conn, who, limit=1)
    return render(
        request, "review.html", pair=pairs[0] if pairs else None, recent=review.recent(conn, who)
    )


@router.post("/review/decide")
def review_decide(
    request: Request, conn: Conn,
    left: Annotated[int, Form()], right: Annotated[int, Form()],
    verdict: Annotated[str, Form(max_length=20)], csrf: Annotated[str, Form(max_length=100)],
    reason: Annotated[str, Form(max_length=500)] = "",
) -> RedirectResponse:  # fmt: skip
    who = require_csrf(request, csrf).viewer
    review.decide(conn, who, left, right, verdict, reason)
    return RedirectResponse("/review", status_code=303)


@router.post("/review/undo")
def review_undo(
    request: Request, conn: Conn,
    decision_id: Annotated[int, Form(ge=MIN_ID, le=MAX_ID)],
    csrf: Annotated[str, Form(max_length=100)],
) -> RedirectResponse:  # fmt: skip
    who = require_csrf(request, csrf).viewer
    review.undo(conn, who, decision_id)
    return RedirectResponse("/review", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=_local(next), problem=None)


@router.post("/login", response_model=None)
def login_submit(
    request: Request,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form(max_length=500)] = "/",
) -> Response:
    response = RedirectResponse(_local(next), status_code=303)
    try:
        start_session(request, response, name, password)
    except YokuryuError as exc:
        from yokuryu.web.errors import status_of

        return render(
            request, "login.html", status=status_of(exc), next=_local(next), problem=str(exc)
        )
    return response


@router.post("/logout")
def logout(request: Request, conn: Conn, settings: Settings,
           csrf: Annotated[str, Form(max_length=100)]) -> RedirectResponse:  # fmt: skip
    require_csrf(request, csrf)
    close_session(conn, settings.secret_key, request.cookies.get(SESSION_COOKIE) or "")
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _local(target: str) -> str:
    """Only same-site paths are followed after login or a language switch."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/lang/{code}")
def switch_language(code: str, request: Request, next: str = "/") -> RedirectResponse:
    """Switch the interface language and remember it for a year."""
    response = RedirectResponse(_local(next), status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(i18n.COOKIE, code, max_age=365 * 24 * 3600, samesite="lax")
    return response
