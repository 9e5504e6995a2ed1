"""The FastAPI application: settings checked, one privacy layer, one error envelope."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from yokuryu import __version__
from yokuryu.errors import YokuryuError
from yokuryu.store import open_existing
from yokuryu.web import i18n
from yokuryu.web.deps import ConnectionPool, session
from yokuryu.web.errors import envelope, status_of
from yokuryu.web.freshness import IndexWatcher, settle_memory
from yokuryu.web.namekeys import warm_up
from yokuryu.web.searchindex import build_index
from yokuryu.web.settings import WebSettings, check_secure, vendor_manifest
from yokuryu.web.sources import source_label

HERE = Path(__file__).parent
JSON_PREFIXES = ("/api", "/reconcile")
MAX_BODY_BYTES = 2 * 1024 * 1024  # Datasette's limit: nothing we accept is larger


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(JSON_PREFIXES)


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page in the viewer's language with the shared context (viewer, CSRF, assets)."""
    lang = i18n.choose(
        request.query_params.get("lang"),
        request.cookies.get(i18n.COOKIE),
        request.headers.get("accept-language"),
    )
    current = session(request)
    context.update(
        request=request,
        t=i18n.translator(lang),
        lang=lang,
        languages=i18n.LANGUAGES,
        viewer=current.viewer if current else None,
        csrf=current.csrf if current else "",
        assets=request.app.state.assets,
        settings=request.app.state.settings,
        version=__version__,
    )
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def _error_response(request: Request, status: int, message: str, errors: Any = None) -> Response:
    if _wants_json(request):
        return envelope(status, message, errors)
    return render(request, "error.html", status=status, status_code=status, message=message)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(YokuryuError)
    async def library_error(request: Request, exc: YokuryuError) -> Response:
        return _error_response(request, status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "message": e.get("msg")}
            for e in exc.errors()
        ]
        return _error_response(request, 422, "Some parameters are invalid.", errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}."
        return _error_response(request, exc.status_code, message)


def _content_security_policy(settings: WebSettings) -> str:
    images = "'self' data:"
    if settings.tile_url:
        from urllib.parse import urlsplit

        parts = urlsplit(settings.tile_url.replace("{s}", "a"))
        images += f" {parts.scheme}://{parts.netloc.replace('a.', '*.', 1)}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


class SecurityHeaders:
    """Pure ASGI middleware (cheaper per request than ``@app.middleware``): refuses bodies
    over 2 MiB, answers CORS preflights, lets the index watcher look for a new linkage run,
    and adds the security and CORS headers to every response."""

    def __init__(self, app: ASGIApp, policy: str, watcher: IndexWatcher, pool: Any) -> None:
        self.app, self.policy, self.watcher, self.pool = app, policy, watcher, pool

    def _headers(self, headers: MutableHeaders, api: bool) -> None:
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "same-origin"
        headers["X-Frame-Options"] = "DENY"
        headers.setdefault("Content-Security-Policy", self.policy)
        if api:
            # CORS for OpenRefine and other tools: any origin, never with credentials, so
            # a cross-site caller is always anonymous and sees only public persons.
            headers["Access-Control-Allow-Origin"] = "*"
            headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            headers["Access-Control-Allow-Headers"] = "Content-Type"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith(JSON_PREFIXES)
        declared = Headers(scope=scope).get("content-length", "0")
        early: Response | None = None
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            early = envelope(413, "The request body is over 2 MiB.")
        elif scope["method"] == "OPTIONS" and api:
            early = Response(status_code=204)
        if early is not None:
            self._headers(early.headers, api)
            await early(scope, receive, send)
            return
        self.watcher.poll(self.pool.get())

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                self._headers(MutableHeaders(scope=message), api)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(archive: Path, settings: WebSettings | None = None) -> FastAPI:
    """The application for one archive; refuses insecure settings before anything else.

    Raises:
        InsecureSettings: see :func:`yokuryu.web.settings.check_secure`.
        ArchiveNotFound: the archive has no registry.
    """
    settings = check_secure(settings or WebSettings())
    watcher = IndexWatcher(archive, settings.refresh_seconds)
    conn = open_existing(archive)
    try:
        build_index(conn)
        watcher.prime(conn)
        warm_up()
    finally:
        conn.close()
    settle_memory()
    app = FastAPI(
        title="yokuryu",
        version=__version__,
        description="Records of the Japanese held in Soviet and Mongolian camps, 1945-1956. "
        "Every error is one JSON shape: {ok: false, status, error, errors}.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.archive = archive
    app.state.pool = ConnectionPool(archive)
    app.state.watcher = watcher
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.globals["source_label"] = source_label
    app.state.assets = vendor_manifest(HERE / "static")
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    _install_error_handlers(app)
    app.add_middleware(
        SecurityHeaders, policy=_content_security_policy(settings), watcher=watcher,
        pool=app.state.pool,
    )  # fmt: skip
    from yokuryu.web import routes_api, routes_pages, routes_reconcile

    app.include_router(routes_api.router)
    app.include_router(routes_reconcile.router)
    app.include_router(routes_pages.router)
    return app


def app_from_environment() -> FastAPI:
    """Factory for worker processes (`yokuryu serve --workers N`): the archive and every
    setting come from the environment the serve command prepared, including the secret
    key, so a login made in one worker is valid in the others."""
    from yokuryu.config import default_archive

    return create_app(default_archive(), WebSettings())
