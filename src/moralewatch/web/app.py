"""The dashboard's server: a FastAPI app with a JSON API behind every view and the static single-page client.

Reads go through ``views`` and the in-memory read model (``index.FactIndex``) on read-only connections (one per
worker thread, ``mode=ro``), so an ingest can keep writing the same WAL database. Every error, ours or the
framework's, has one shape: ``{"error": {"code", "message", "fix"}}``. Pages get a strict Content-Security-Policy
(scripts and styles from this server only, no connection anywhere else). Served on any loopback address
(127.0.0.0/8, ::1, localhost), only loopback Host headers are accepted, so another web page cannot read the API
through DNS rebinding (E400). The API refuses requests another site makes a browser send (``Sec-Fetch-Site``
cross-site or same-site, or an ``Origin`` that is not the dashboard's own: E407), before any work: an ``<img
src=...>`` on a page the analyst visits cannot make the dashboard compute. Every parameter is bounded (views.py,
filters.py): a hostile value is a 400.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import MoraleWatchError
from ..privacy import Scrubber
from ..store import connect
from ..store.queries import has_read_model
from . import downloads
from . import views as Q
from .filters import Filters
from .index import FactIndex
from .net import host_of, is_loopback

STATIC = Path(str(resources.files("moralewatch") / "web" / "static"))
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
ERROR_STATUS = {"E404": 404, "E201": 503, "E503": 503, "E407": 403}
#: what a browser says about where a request comes from (Sec-Fetch-Site) that the API accepts: its own page, or
#: the analyst typing the URL; "cross-site" and "same-site" (another port or host of the machine) are refused
FETCH_SITES_OK = ("same-origin", "none")


def refusal(request: Request, loopback_only: bool) -> JSONResponse | None:
    """The answer to a request the dashboard refuses, or None: a foreign Host header while on loopback (DNS
    rebinding), or an API call another site made the browser send."""
    host = request.headers.get("host", "")
    if loopback_only and not is_loopback(host_of(host)):
        return JSONResponse(error_body("E400", "this server answers only to its loopback address",
                                       "open http://127.0.0.1:PORT/ on this machine"), status_code=400)
    if not request.url.path.startswith(("/api/", "/openapi.json")):
        return None
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site is not None and site not in FETCH_SITES_OK:
        why = f"the browser says it comes from another site (Sec-Fetch-Site: {site[:40]})"
    elif origin is not None and origin != f"{request.url.scheme}://{host}":
        why = f"it comes from another origin ({origin[:100]})"
    else:
        return None
    return JSONResponse(error_body("E407", f"refused an API request: {why}",
                                   "open the dashboard itself (http://127.0.0.1:PORT/) and use it from there"),
                        status_code=403)


def error_body(code: str, message: str, fix: str = "") -> dict[str, Any]:
    """The one error shape of the API."""
    return {"error": {"code": code, "message": message, "fix": fix}}


class Readers:
    """Read-only connections, one per thread (sqlite3 connections are not shared across threads), and the one
    in-memory :class:`FactIndex` every aggregate reads (it has its own connection and lock)."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self._local = threading.local()
        conn = connect(self.db, readonly=True)
        if not has_read_model(conn):
            conn.close()
            raise MoraleWatchError("E503", f"{db} has no dashboard read model (schema migration 2)",
                                   f"run `moralewatch serve {db}` once with write access, or re-run analyze")
        conn.execute("PRAGMA query_only = 1")
        self.index = FactIndex(conn).refresh()
        self.index.build_fts()  # in the background: fast full-text search once it is done

    def facts(self) -> FactIndex:
        return self.index.refresh()

    def get(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.db, readonly=True)
            conn.execute("PRAGMA query_only = 1")
            self._local.conn = conn
        return conn


def filters_dep(
    indicator: list[str] = Query([], description="codebook indicator id(s)"),
    subject_side: list[str] = Query([], description="whose morale: ru, ua, unknown"),
    claimant_side: list[str] = Query([], description="side of the source: ru, ua, west, independent, unknown"),
    channel: list[str] = Query([], description="channel id(s)"),
    speaker_role: list[str] = Query([], description="role of the quote's speaker"),
    place: list[str] = Query([], description="place name(s) as stored"),
    outlet: list[str] = Query([], description="outlet name(s) as stored"),
    claimant: list[str] = Query([], description="speaker or source name(s)"),
    since: str | None = Query(None, description="first published day, YYYY-MM-DD"),
    until: str | None = Query(None, description="last published day, YYYY-MM-DD"),
    hedged: str | None = Query(None, description="true: only hedged; false: only not hedged"),
    negated: str | None = Query(None, description="true: only negated; false: only not negated"),
    q: str | None = Query(None, description="full-text search over the evidence (all words; word* for prefix)"),
    min_confidence: str | None = Query(None, description="only items whose confidence is at least this (0 to 1)"),
) -> Filters:
    return Filters.from_mapping(dict(locals()))


_scrubbers: dict[str, tuple[tuple[Any, ...], Scrubber]] = {}


def scrubber_of(readers: Readers) -> Scrubber:
    """The store's :class:`Scrubber`, made again when the store has grown (an ingest may be writing it)."""
    conn = readers.get()
    mark = tuple(conn.execute("SELECT (SELECT max(rowid) FROM documents), (SELECT max(rowid) FROM quotes), "
                              "(SELECT max(rowid) FROM entities)").fetchone())
    cached = _scrubbers.get(readers.db)
    if cached is None or cached[0] != mark:
        cached = _scrubbers[readers.db] = (mark, Scrubber.for_store(conn))
    return cached[1]


async def shared_privately(response: Any, readers: Readers) -> Any:
    """An API answer (JSON or a CSV download) with private people, call signs and phones replaced."""
    kind = response.headers.get("content-type", "")
    if response.status_code != 200 or not kind.startswith(("application/json", "text/")):
        return response
    body = b"".join([chunk async for chunk in response.body_iterator])
    scrubber = scrubber_of(readers)
    text = body.decode("utf-8")
    if kind.startswith("application/json"):
        text = json.dumps(scrubber.value(json.loads(text)), ensure_ascii=False, separators=(",", ":"))
    else:
        text = scrubber.text(text)
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    return Response(text.encode("utf-8"), status_code=response.status_code, headers=headers)


def create_app(db: str | Path, *, host: str = "127.0.0.1") -> FastAPI:
    """The dashboard app over the store at ``db`` (opened read-only)."""
    readers = Readers(db)
    app = FastAPI(title="MoraleWatch dashboard API", version=__version__, docs_url=None, redoc_url=None,
                  description="Read-only JSON API behind the dashboard's views. Every error has the shape "
                              '`{"error": {"code", "message", "fix"}}`.')
    app.state.readers = readers
    _handlers(app)
    loopback_only = is_loopback(host)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response: Any = refusal(request, loopback_only)
        if response is None:
            response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        if request.url.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
            if not loopback_only:  # served to the network: private people pseudonymised (moralewatch.privacy)
                response = await shared_privately(response, readers)
        return response

    def conn() -> sqlite3.Connection:
        return readers.get()

    def facts() -> FactIndex:
        return readers.facts()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:  # the API reference, rendered locally from /openapi.json (no CDN)
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    @app.get("/api/meta", summary="Store size, date range and the values each filter offers")
    def api_meta(ix: FactIndex = Depends(facts)) -> dict[str, Any]:
        return Q.meta(ix)

    @app.get("/api/trends", summary="Trends: per indicator and period, with the documents analysed per period")
    def api_trends(f: Filters = Depends(filters_dep), interval: str = Query("auto", description="auto, day, week, "
                   "month"), split: str = Query("subject_side", description="none, subject_side, claimant_side, "
                   "channel"), ix: FactIndex = Depends(facts)) -> dict[str, Any]:
        return Q.trends(ix, f, interval, split)

    @app.get("/api/evidence", summary="Evidence: a page of evidence items, newest first, and the total")
    def api_evidence(f: Filters = Depends(filters_dep), limit: int = Query(50, description="1 to 500"),
                     offset: int = Query(0), sort: str = Query("newest", description="newest or oldest"),
                     ix: FactIndex = Depends(facts)) -> dict[str, Any]:
        return Q.evidence(ix, f, limit, offset, sort)

    @app.get("/api/evidence/{document_id}/{idx}", summary="One evidence item with its article, quote and place")
    def api_item(document_id: str = PathParam(max_length=128), idx: int = PathParam(ge=0, le=2**31 - 1),
                 c: sqlite3.Connection = Depends(conn)) -> dict[str, Any]:
        return Q.evidence_item(c, document_id, idx)

    @app.get("/api/places", summary="Places: evidence by the place it is about, with coordinates")
    def api_places(f: Filters = Depends(filters_dep), ix: FactIndex = Depends(facts)) -> dict[str, Any]:
        return Q.places(ix, f)

    @app.get("/api/sources", summary="Sources: outlets and speakers with counts by side")
    def api_sources(f: Filters = Depends(filters_dep), ix: FactIndex = Depends(facts)) -> dict[str, Any]:
        return Q.sources(ix, f)

    @app.get("/api/download/{name}", summary="Download what a view shows: evidence, trends, places, outlets or "
             "speakers as .csv or .jsonl, places also as .geojson; the view's filters and parameters")
    def api_download(name: str = PathParam(max_length=40, description="VIEW.FORMAT, e.g. evidence.csv (or VIEW with "
                                                                   "?format=FORMAT, as the dashboard's buttons ask)"),
                     f: Filters = Depends(filters_dep), interval: str = Query("auto"),
                     split: str = Query("subject_side"), format: str = Query("", max_length=10),  # noqa: A002
                     ix: FactIndex = Depends(facts)) -> StreamingResponse:
        view, _, fmt = name.partition(".")
        fmt = fmt or format
        lines = downloads.body(view, fmt, ix, readers.db, f, interval, split)
        return StreamingResponse(lines, media_type=downloads.MEDIA[fmt], headers={
            "Content-Disposition": f'attachment; filename="moralewatch-{view}.{fmt}"'})

    @app.get("/api/quotes", summary="Quotes: a page of quotes, newest first, with full-text search over them")
    def api_quotes(f: Filters = Depends(filters_dep), speaker: list[str] = Query([], description="speaker name(s)"),
                   limit: int = Query(50, description="1 to 500"), offset: int = Query(0),
                   c: sqlite3.Connection = Depends(conn)) -> dict[str, Any]:
        return Q.quotes(c, f, speaker, limit, offset)

    @app.get("/api/stories", summary="Stories: the originals with the most copies, and how many stories the store has")
    def api_stories(limit: int = Query(50, ge=1, le=500, description="1 to 500"),
                    min_documents: int = Query(2, ge=1, description="stories of at least this many documents"),
                    f: Filters = Depends(filters_dep), ix: FactIndex = Depends(facts),
                    c: sqlite3.Connection = Depends(conn)) -> dict[str, Any]:
        return Q.stories(c, limit, min_documents, Q.filtered_documents(ix, f))

    @app.get("/api/stories/{story}", summary="Copies: one story's documents, their relation to the first source, "
             "flags and differences")
    def api_story(story: str = PathParam(max_length=40), c: sqlite3.Connection = Depends(conn)) -> dict[str, Any]:
        return Q.story(c, story)

    @app.get("/api/speakers", summary="Speakers of quotes merged across spellings, with their variants")
    def api_speakers(c: sqlite3.Connection = Depends(conn)) -> dict[str, Any]:
        return Q.speakers(c)

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _handlers(app: FastAPI) -> None:
    """One error shape for our errors, bad parameters, unknown routes and anything unexpected."""

    @app.exception_handler(MoraleWatchError)
    async def ours(request: Request, exc: MoraleWatchError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message, exc.fix), status_code=ERROR_STATUS.get(exc.code, 400))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "query")
        return JSONResponse(error_body("E500", f"invalid parameter {where}: {first.get('msg', 'invalid')}",
                                       "see /docs for the parameters of each call"), status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = "E404" if exc.status_code == 404 else f"E{exc.status_code}"
        fix = "see /docs for the API's calls" if exc.status_code == 404 else ""
        return JSONResponse(error_body(code, str(exc.detail), fix), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse(error_body("E599", f"unexpected error: {type(exc).__name__}",
                                       "report it with the URL that caused it"), status_code=500)

    @app.exception_handler(sqlite3.OperationalError)
    async def db_error(request: Request, exc: sqlite3.OperationalError) -> JSONResponse:
        return JSONResponse(error_body("E503", f"database error: {exc}", "retry; if it persists, check the store"),
                            status_code=503)


class LiveServer:
    """The app served by uvicorn in a background thread on a free loopback port (tests and the benchmark)."""

    def __init__(self, db: str | Path, port: int = 0, host: str = "127.0.0.1") -> None:
        import socket

        import uvicorn

        if not is_loopback(host):
            raise ValueError(f"LiveServer serves on loopback addresses only, not {host}")
        if port == 0:
            with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
                s.bind((host, 0))
                port = s.getsockname()[1]
        self.url = f"http://{f'[{host}]' if ':' in host else host}:{port}"
        config = uvicorn.Config(create_app(db, host=host), host=host, port=port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        import time

        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the dashboard server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
