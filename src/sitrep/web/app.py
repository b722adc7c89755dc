"""The JSON API and the server-rendered pages over one store.

Article text is hostile input: every page is rendered by Jinja2 with autoescaping on, URLs from
articles are shown as text and only linked when they are http(s), and no page loads anything
from the internet. Every error has one shape: ``{"error": {"code", "message"}}``. The only write
endpoint, ``POST /api/ingest``, needs the token set with ``--token`` / ``SITREP_TOKEN`` and bounds
the body's size; without a token configured it is switched off.
"""

from __future__ import annotations

import hmac
from collections import Counter
import math
import os
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Annotated, Any
from urllib.parse import unquote, urlsplit

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from pydantic import BaseModel
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from sitrep.errors import UsageError
from sitrep.jsonout import dumps
from sitrep.web import basemap

from sitrep.store import Store, open_store

TEMPLATES = Path(__file__).parent / "templates"
# 5 MB of JSON Lines per ingest request: a few hundred articles; bigger loads go through
# `sitrep run` or `sitrep batch`, which stream from disk.
MAX_INGEST_BYTES = 5_000_000
MAX_PAGE = 500
# A text timeline reads every sentence of the chosen articles; these bound what one request asks of
# it (a year of days; the journalists' Timeline17 timelines keep 1-8 sentences a day).
MAX_TIMELINE_DAYS = 366
MAX_TIMELINE_PER_DAY = 10


class ContractJSONResponse(JSONResponse):
    """JSON as the contract wants it: UTF-8 with U+2028 and U+2029 escaped."""

    def render(self, content: Any) -> bytes:
        return dumps(content).encode("utf-8")


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """The one shape of every error (docs/errors.md lists the codes)."""

    error: ErrorDetail


# Declared on every operation, so that clients (and the schema tests) know the error shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "No such item"},
    422: {"model": ErrorResponse, "description": "A parameter is invalid"},
    500: {"model": ErrorResponse, "description": "A bug; the message names only the exception's type"},
}
# Pages answer errors with a page, in HTML.
PAGE_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": about["description"], "content": {"text/html": {"schema": {"type": "string"}}}}
    for status, about in ERROR_RESPONSES.items()
}
# Dates in filters: a day, a month or a year, the precisions events carry.
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
# No parameter holds a NUL character (PostgreSQL refuses one in a query).
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str | None, Query(pattern=NO_NUL)]
# bbox: four decimal numbers, west,south,east,north.
_NUM = r"-?\d+(\.\d+)?"
BBOX_PATTERN = rf"^{_NUM},{_NUM},{_NUM},{_NUM}$"


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    env.filters["safe_url"] = lambda u: u if isinstance(u, str) and u.lower().startswith(("http://", "https://")) else None
    return env


def _matches(e: dict, *, start, end, bbox, type_, actor, place, source, q) -> bool:
    date = e.get("date") or {}
    if start and (date.get("end") or date.get("start") or "") < start:
        return False
    if end and (date.get("start") or "9999") > end:
        return False
    if type_ and type_ not in (e.get("event_type"), e.get("sub_event_type")):
        return False
    loc = e.get("location") or {}
    if bbox:
        west, south, east, north = bbox
        if loc.get("lat") is None or not (south <= loc["lat"] <= north and west <= loc["lon"] <= east):
            return False
    if place and place.lower() not in (str(loc.get("geonameid", "")).lower(), str(loc.get("name", "")).lower()):
        return False
    if actor:
        names = {(e.get(k) or {}).get("name", "").lower() for k in ("actor1", "actor2")}
        if actor.lower() not in names:
            return False
    if source and source.lower() not in [s.lower() for s in e.get("sources") or []]:
        return False
    if q and q.lower() not in (e.get("notes", "") + " " + " ".join(m["sentence"] for m in e.get("mentions") or [])).lower():
        return False
    return True


def _map(events: list[dict], tiles_url: str | None) -> dict:
    """The index page's map: markers, country outlines, graticule and (optionally) tiles."""
    view = basemap.fit([(e["location"]["lon"], e["location"]["lat"]) for e in events])
    marks = [{"e": e, "x": x, "y": y, "label": False} for e in events for x, y in [view.xy(e["location"]["lon"], e["location"]["lat"])]]
    # Label places most-killed first, skipping a label that would overlap one already placed
    # (boxes sized for the 10 px font: about 6 px a character, 12 px high).
    placed: list[tuple[float, float, float, float]] = []
    named: set[str] = set()
    for m in sorted(marks, key=lambda m: -((m["e"].get("fatalities") or {}).get("best") or 0)):
        name = m["e"]["location"]["name"]
        box = (m["x"] + 6, m["y"] - 16, m["x"] + 6 + 6 * len(name), m["y"] - 4)
        if name in named or any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed):
            continue
        m["label"] = True
        named.add(name)
        placed.append(box)
    lons, lats = basemap.graticule(view)
    return {"marks": marks, "lons": lons, "lats": lats, "outlines": basemap.outlines(view),
            "tiles": basemap.tiles(view, tiles_url) if tiles_url else []}


def _strip(events: list[dict]) -> dict:
    """The index page's timeline strip: one dot per dated event on a day axis, stacked when days
    coincide, with a tick at each year (or month, for a short range)."""
    import datetime as dt

    dated = [e for e in events if (e.get("date") or {}).get("start")]
    if not dated:
        return {"dots": [], "ticks": [], "height": 0}
    day = lambda s: dt.date.fromisoformat(s[:10]).toordinal()  # noqa: E731
    d0, d1 = min(day(e["date"]["start"]) for e in dated), max(day(e["date"]["start"]) for e in dated)
    d0, d1 = d0 - 5, max(d1, d0 + 60) + 5  # never narrower than two months
    x = lambda d: round(10 + 700 * (d - d0) / (d1 - d0), 1)  # noqa: E731
    stack: Counter = Counter()
    dots = []
    for e in dated:
        px = x(day(e["date"]["start"]))
        slot = round(px / 6)  # dots closer than 6 px share a column and stack upwards
        dots.append({"e": e, "x": px, "y": 80 - 7 * min(stack[slot], 10)})
        stack[slot] += 1
    first, last = dt.date.fromordinal(d0), dt.date.fromordinal(d1)
    if (d1 - d0) > 700:
        years = range(first.year + 1, last.year + 1)
        step = next(k for k in (1, 2, 5, 10, 20, 50, 100) if len(years) / k <= 12)  # at most ~12 labels
        ticks = [(str(y), dt.date(y, 1, 1)) for y in years if y % step == 0]
    else:
        months = [(first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1) for k in range(1, 25)]
        months = [(y, m) for y, m in months if dt.date(y, m, 1) <= last]
        step = next(k for k in (1, 2, 3, 6, 12) if len(months) / k <= 12)
        ticks = [(f"{y}-{m:02d}", dt.date(y, m, 1)) for y, m in months if (m - 1) % step == 0]
    return {"dots": dots, "ticks": [{"x": x(d.toordinal()), "label": label} for label, d in ticks], "height": 110}


def _months(day: str) -> int:
    return int(day[:4]) * 12 + int(day[5:7]) - 1


def _control_chart(spans: list[dict]) -> dict:
    """Bars of who held a place, on a month axis from the first change to the last (an open span
    runs to the end), with a tick at each year."""
    days = sorted(d for s in spans for d in (s["from"], s["to"]) if d)
    if not days:
        return {"bars": [], "ticks": [], "height": 0}
    m0, m1 = _months(days[0]), _months(days[-1]) + 1
    m1 = max(m1, m0 + 12)  # at least a year wide, so a single change still reads as a date
    left, width = 230, 480  # a column for the labels, then the bars
    x = lambda m: round(left + width * (m - m0) / (m1 - m0), 1)  # noqa: E731
    bars = [{"s": s, "x": x(_months(s["from"])), "y": 10 + i * 30,
             "w": max(4.0, x(_months(s["to"]) + 1 if s["to"] else m1) - x(_months(s["from"])))} for i, s in enumerate(spans)]
    height = 30 + len(spans) * 30
    ticks = [{"x": x(y * 12), "year": y} for y in range(m0 // 12 + (m0 % 12 > 0), m1 // 12 + 1) if m0 <= y * 12 <= m1]
    return {"bars": bars, "ticks": ticks, "height": height + 10, "axis": height - 10}


def _tile_origin(tiles_url: str | None) -> str | None:
    """The origin a tile URL template loads from, after checking the template's shape."""
    if not tiles_url:
        return None
    parts = urlsplit(tiles_url)
    if parts.scheme not in ("http", "https") or not parts.netloc or not all(k in tiles_url for k in ("{z}", "{x}", "{y}")):
        raise UsageError(f"--tiles wants an http(s) URL template with {{z}}, {{x}} and {{y}}, not {tiles_url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def create_app(db: str | None = None, *, token: str | None = None, tiles: str | None = None) -> FastAPI:
    """The application over the store at ``db``. ``token`` enables ``POST /api/ingest``; ``tiles``
    (a URL template such as ``https://tile.openstreetmap.org/{z}/{x}/{y}.png``) draws map tiles
    under the offline outlines, and is the only thing a page may load from elsewhere."""
    token = token or os.environ.get("SITREP_TOKEN") or None
    tiles = tiles or os.environ.get("SITREP_TILES") or None
    tile_origin = _tile_origin(tiles)
    # No script runs on any page; images only from this server (and the tile server if chosen).
    csp = ("default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; "
           "frame-ancestors 'none'; style-src 'unsafe-inline'; img-src 'self' data:" + (f" {tile_origin}" if tile_origin else ""))
    store: Store = open_store(db)
    env = _env()
    # The stock /docs page loads its scripts from a CDN; sitrep's pages load nothing from the
    # internet, so /docs is a plain page rendered from the OpenAPI schema (also at /openapi.json).
    app = FastAPI(title="sitrep", version="0.1.0", description="Conflict events from news, every field sourced.",
                  docs_url=None, redoc_url=None, default_response_class=ContractJSONResponse)

    def error(request: Request | None, status: int, code: str, message: str) -> Response:
        """The error in its one shape: JSON for the API, a page (same code and message) for pages."""
        if request is not None and not request.url.path.startswith(("/api/", "/openapi")):
            return HTMLResponse(env.get_template("error.html").render(status=status, code=code, message=message),
                                status_code=status)
        return ContractJSONResponse({"error": {"code": code, "message": message}}, status_code=status)

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return error(request, exc.status, exc.code, exc.message)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        return error(request, exc.status_code, "http_error", str(exc.detail))

    @app.exception_handler(Exception)
    async def _internal(request: Request, exc: Exception):
        return error(request, 500, "internal_error", f"{type(exc).__name__}")

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        return error(request, 422, "invalid_request",
                     "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())[:1000])

    def events(**filters) -> Iterator[dict]:
        """Events that pass ``filters``: dates, type and place id narrowed by the database, the
        rest (bbox, actor, place name, source, words) checked here, one streamed record at a time."""
        place = filters.get("place")
        rows = store.events(start=filters.get("start"), end=filters.get("end"), type_=filters.get("type_"),
                            geonameid=place if place and store.has_place(place) else None)
        return (e for e in rows if _matches(e, **filters))

    def page_of(found: Iterable[dict], offset: int, limit: int) -> tuple[int, list[dict]]:
        """(how many there are, the ones from ``offset``, at most ``limit``) without keeping the rest."""
        total, items = 0, []
        for e in found:
            if offset <= total < offset + limit:
                items.append(e)
            total += 1
        return total, items

    def event_or_404(event_id: str) -> dict:
        found = store.event(event_id)
        if found is None:
            raise ApiError(404, "not_found", f"no event {event_id!r}")
        return found

    env.globals["csp"] = csp

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        if "\x00" in unquote(request.url.query) or "\x00" in unquote(request.url.path):
            # No value of any parameter holds a NUL, and PostgreSQL refuses one in a query.
            response = error(request, 422, "invalid_request", "a parameter holds a NUL character")
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def page(template: str, **context) -> HTMLResponse:
        return HTMLResponse(env.get_template(template).render(**context))

    def parse_bbox(bbox: str | None) -> tuple[float, ...] | None:
        if not bbox:
            return None
        try:
            parts = tuple(float(x) for x in bbox.split(","))
        except ValueError:
            parts = ()
        if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
            raise ApiError(422, "invalid_request", "bbox is west,south,east,north in degrees")
        return parts

    # ---------------------------------------------------------------- JSON API

    @app.get("/api/events", responses=ERROR_RESPONSES)
    def api_events(start: str | None = Query(None, pattern=DATE_PATTERN), end: str | None = Query(None, pattern=DATE_PATTERN),
                   bbox: str | None = Query(None, pattern=BBOX_PATTERN, description="west,south,east,north in degrees"),
                   type: Text = None, actor: Text = None, place: Text = None,
                   source: Text = None, q: str | None = Query(None, max_length=200, pattern=NO_NUL),
                   limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        """Merged events, filtered, in stable order (date, then id), a page at a time."""
        found = events(start=start, end=end, bbox=parse_bbox(bbox), type_=type, actor=actor, place=place, source=source, q=q)
        total, items = page_of(found, offset, limit)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    @app.get("/api/events/{event_id}", responses=ERROR_RESPONSES)
    def api_event(event_id: Annotated[str, PathParam(pattern=NO_NUL)]) -> dict[str, Any]:
        """One event with its mentions, evidence sentences and every claim."""
        return event_or_404(event_id)

    @app.get("/api/places/{place_id}/control", responses=ERROR_RESPONSES)
    def api_control(place_id: Annotated[str, PathParam(pattern=NO_NUL)]) -> list[dict[str, Any]]:
        """Who held the place from when to when, with the events behind each span."""
        return store.control(place_id)

    @app.get("/api/documents", responses=ERROR_RESPONSES)
    def api_documents(limit: int = Query(50, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        docs = list(store.documents())
        return {"total": len(docs), "limit": limit, "offset": offset, "items": docs[offset: offset + limit]}

    @app.get("/api/documents/{doc_id:path}", responses=ERROR_RESPONSES)
    def api_document(doc_id: Annotated[str, PathParam(pattern=NO_NUL)]) -> dict[str, Any]:
        """A document's cleaned text, what was removed and why, and its publication date."""
        doc = store.document(doc_id)
        if doc is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r}")
        return doc

    @app.get("/api/timeline", responses=ERROR_RESPONSES)
    def api_timeline(place: Text = None, actor: Text = None, story: Text = None,
                     text: bool = False, days: Annotated[int, Query(ge=1, le=MAX_TIMELINE_DAYS)] = 20,
                     per_day: Annotated[int, Query(ge=1, le=MAX_TIMELINE_PER_DAY)] = 1) -> list[dict[str, Any]]:
        """Dated, cited entries from the merged events; with ``text``, from the dated sentences of
        the articles reporting the chosen events (every stored article when nothing is chosen)."""
        from sitrep.pipeline import timeline_entries

        try:
            return timeline_entries(store, place=place, actor=actor, story=story, text=text, days=days, per_day=per_day)
        except LookupError:
            raise ApiError(404, "not_found", f"no story {story!r}") from None

    @app.get("/api/stories", responses=ERROR_RESPONSES)
    def api_stories() -> list[dict[str, Any]]:
        from sitrep.stories import stories

        return stories(list(store.texts()), list(store.events()))

    def ingest(body: bytes) -> dict[str, Any]:
        from sitrep.ingest.formats import read_jsonl_lines
        from sitrep.pipeline import Summary, finish, load, process_with_events
        from sitrep.settings import load_settings

        settings = load_settings()
        items = read_jsonl_lines(iter(body.splitlines()), prefix="api", source="api", settings=settings, content_ids=True)
        summary = Summary(store=store.url)
        load(store, process_with_events(items, settings=settings), summary)
        return finish(store, summary).as_dict()

    @app.post("/api/ingest", responses=ERROR_RESPONSES | {
        401: {"model": ErrorResponse, "description": "No valid bearer token"},
        403: {"model": ErrorResponse, "description": "The server is read-only (started without a token)"},
        413: {"model": ErrorResponse, "description": f"The body is over {MAX_INGEST_BYTES} bytes"}},
        openapi_extra={"requestBody": {"required": True, "description": "Articles as JSON Lines (the `.jsonl` input format)",
                                       "content": {"application/x-ndjson": {"schema": {"type": "string"}}}}})
    async def api_ingest(request: Request) -> dict[str, Any]:
        """Ingest articles as JSON Lines (the `.jsonl` input format). Needs `Authorization: Bearer TOKEN`."""
        if not token:
            raise ApiError(403, "read_only", "this server is read-only: start it with --token to accept ingests")
        given = request.headers.get("authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            raise ApiError(401, "unauthorized", "a valid bearer token is required")
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > MAX_INGEST_BYTES:
            raise ApiError(413, "too_large", f"the body is over {MAX_INGEST_BYTES} bytes")
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_INGEST_BYTES:
                raise ApiError(413, "too_large", f"the body is over {MAX_INGEST_BYTES} bytes")
        # The pipeline is synchronous and heavy: it runs in a worker thread so that the server
        # keeps answering other requests meanwhile.
        return await run_in_threadpool(ingest, body)

    # ---------------------------------------------------------------- pages

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs():
        return page("docs.html", schema=app.openapi())

    @app.get("/", response_class=HTMLResponse, responses=PAGE_RESPONSES)
    def index(start: Text = None, end: Text = None, type: Text = None,
              actor: Text = None, q: str | None = Query(None, max_length=200, pattern=NO_NUL)):
        total, found = page_of(events(start=start, end=end, bbox=None, type_=type, actor=actor, place=None, source=None, q=q),
                               0, MAX_PAGE)
        types = store.event_types()
        points = _map([e for e in found if (e.get("location") or {}).get("lat") is not None], tiles)
        return page("index.html", events=found, total=total, points=points, strip=_strip(found), types=types,
                    filters={"start": start or "", "end": end or "", "type": type or "", "actor": actor or "", "q": q or ""})

    @app.get("/events/{event_id}", response_class=HTMLResponse, responses=PAGE_RESPONSES)
    def event_page(event_id: Annotated[str, PathParam(pattern=NO_NUL)]):
        e = event_or_404(event_id)
        docs = {m["document"]: store.document(m["document"]) for m in e["mentions"]}
        return page("event.html", e=e, docs=docs)

    @app.get("/places/{place_id}", response_class=HTMLResponse, responses=PAGE_RESPONSES)
    def place_page(place_id: Annotated[str, PathParam(pattern=NO_NUL)]):
        spans = store.control(place_id)
        evs = list(store.events(geonameid=place_id))
        name = next((e["location"]["name"] for e in evs), place_id)
        return page("place.html", name=name, place_id=place_id, spans=spans, events=evs, chart=_control_chart(spans))

    @app.get("/documents/{doc_id:path}", response_class=HTMLResponse, responses=PAGE_RESPONSES)
    def document_page(doc_id: Annotated[str, PathParam(pattern=NO_NUL)]):
        doc = store.document(doc_id)
        if doc is None:
            raise ApiError(404, "not_found", f"no document {doc_id!r}")
        return page("document.html", d=doc, mentions=list(store.mentions(doc_id)))

    return app


def serve(db: str | None, host: str, port: int, token: str | None, tiles: str | None = None) -> None:
    import uvicorn

    uvicorn.run(create_app(db, token=token, tiles=tiles), host=host, port=port, log_level="info")


__all__ = ["create_app", "serve"]
