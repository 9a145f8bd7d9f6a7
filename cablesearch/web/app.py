"""The web workbench's routes: pages rendered on the server, and the JSON API.

Every failure a user can cause is answered as the CLI answers it, in one line: a bad
query is a 400 (the message on the page, or `{"error": ...}` from the API), an unknown
cable or paragraph a 404 that says why. Pages carry a Content-Security-Policy that allows
no inline script, so even a cable string that escaped escaping could not run.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import StreamingResponse

from cablesearch.parse.tagcodes import tag_meaning
from cablesearch.search import QueryError, Searcher, SearchResult, Shown, UnknownRef
from cablesearch.search.citation import citation
from cablesearch.search.facets import ALL_FACETS, FACET_LABELS
from cablesearch.search.refs import plusd_url
from cablesearch.search.snippets import mark_terms, render_marks
from cablesearch.search.timeline import Timeline
from cablesearch.web import models
from cablesearch.web.export import FORMATS as EXPORTS
from cablesearch.web.export import export_lines
from cablesearch.web.histogram import HEIGHT, MONTHS_UNDER, WIDTH, bars, unit_for
from cablesearch.web.params import (
    MAX_LIMIT,
    MAX_QUERY_CHARS,
    MAX_VALUE_CHARS,
    ExportParams,
    KwicParams,
    SearchParams,
    export_params,
    kwic_params,
    search_params,
)
from cablesearch.web.shared import ANSWERS, SharedSearcher

HERE = Path(__file__).parent
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # a link out to the cable viewer must not carry the query a researcher typed
    "Referrer-Policy": "no-referrer",
}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
# The sidebar's facets, in its order; signer and handling are read from stored fields,
# dearer at full scale, so they are left to the API's `facets=`.
PAGE_FACETS = tuple(name for name in ("tag", "origin", "classification", "marking", "caveat",
                                      "year", "subject_marking") if name in ALL_FACETS)
FACET_VALUES_SHOWN = 12
# Values folded under "N more"; the rest of a long facet (thousands of tags at full scale)
# is a link to the JSON, since every value listed is a link to render.
FACET_VALUES_LISTED = 60
SORT_LABELS = {"relevance": "relevance", "date": "oldest first", "-date": "newest first"}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": models.Error, "description": "A bad query or parameter."},
    404: {"model": models.Error, "description": "No such cable or paragraph."}}

Params = Annotated[SearchParams, Depends(search_params)]
Kwic = Annotated[KwicParams, Depends(kwic_params)]
# Each step of a references walk can multiply the cables: a page or a request stops at 3.
Depth = Annotated[int, Query(ge=1, le=3)]


def error_of(error: Exception) -> tuple[int, str]:
    """The status and one-line message of a user's mistake, worded as the CLI words it."""
    if isinstance(error, QueryError):
        return 400, f"bad query: {error}"
    if isinstance(error, UnknownRef):
        return 404, str(error)
    raise error


def marks_html(text: str) -> Markup:
    """Snippet marks as <mark>, everything else escaped (escaping leaves `[[`/`]]`)."""
    return Markup(render_marks(str(escape(text)), lambda word: f"<mark>{word}</mark>"))


def anchor(ref: str) -> str:
    """The page anchor of a paragraph's ref: `08ASTANA1111 ¶3` is `par3`."""
    return "par" + ref.rsplit("¶", 1)[-1]


def _validation_message(error: RequestValidationError) -> str:
    problems = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(problems)


def create_app(index_dir: str | Path, allowed_hosts: list[str] | None = None,
               cached_searches: int = ANSWERS) -> FastAPI:
    """The workbench over one index (opened now: a missing index fails here, not on the
    first request). `allowed_hosts` limits the Host header, which keeps a page on another
    site from reaching a loopback server through a name it controls. The last
    `cached_searches` searches are answered again from memory until the index changes."""
    shared = SharedSearcher(index_dir, answers=cached_searches)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        shared.close()

    app = FastAPI(
        lifespan=lifespan,
        title="cablesearch",
        summary="Search U.S. diplomatic cables by citable paragraph.",
        version="1",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.shared = shared
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters["marks"] = marks_html
    templates.env.globals.update(anchor=anchor, cite=citation, tag_meaning=tag_meaning,
                                 FACET_LABELS=FACET_LABELS,
                                 SORT_LABELS=SORT_LABELS, MAX_QUERY_CHARS=MAX_QUERY_CHARS,
                                 FACET_VALUES_SHOWN=FACET_VALUES_SHOWN,
                                 FACET_VALUES_LISTED=FACET_VALUES_LISTED,
                                 HIST_WIDTH=WIDTH, HIST_HEIGHT=HEIGHT)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    def page(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=code)

    def error_page(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return page(request, "error.html", status, status=status, message=message)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(request: Request, error: RequestValidationError) -> Response:
        return error_page(request, 400, f"bad parameter: {_validation_message(error)}")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = ("no such page: " + request.url.path) if error.status_code == 404 \
            else str(error.detail)
        return error_page(request, error.status_code, message)

    @app.exception_handler(QueryError)
    @app.exception_handler(UnknownRef)
    async def users_mistake(request: Request, error: Exception) -> Response:
        return error_page(request, *error_of(error))

    # -- pages -----------------------------------------------------------------------

    def page_search(params: SearchParams, searcher: Searcher
                    ) -> tuple[SearchResult, Timeline | None]:
        """The page's search: every sidebar facet, and its dates by year, or by month
        where they span few years."""
        unit = unit_for(params.since, params.until)
        result = searcher.search(params.q, **params.search_args(PAGE_FACETS, unit))
        dates = result.timeline
        if dates and dates.unit == "year" and 0 < len(dates.buckets) < MONTHS_UNDER:
            dates = searcher.timeline(params.q, "month", params.filters, params.by_cable)
        return result, dates

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, params: Params) -> HTMLResponse:
        context: dict[str, Any] = {"params": params, "result": None, "error": None}
        status = 200
        with shared.turn():  # drawing the page too: its hundreds of links cost CPU
            if params.searched:
                try:
                    result, dates = shared.answer(("page", params),
                                                  partial(page_search, params))
                    context.update(result=result, bars=bars(dates.buckets if dates else ()),
                                   unit=dates.unit if dates else "year",
                                   pages=max(1, -(-result.total // params.limit)))
                except QueryError as error:
                    status, context["error"] = error_of(error)
            return page(request, "search.html", status, **context)

    @app.get("/cable/{cable_id}", response_class=HTMLResponse, include_in_schema=False)
    def cable_page(request: Request, cable_id: str,
                   q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "") -> HTMLResponse:
        with shared.use(one_cable=True) as searcher:
            shown = searcher.show(cable_id)
            terms = searcher.highlight_terms(q) if q.strip() else frozenset()
            nodes = searcher.refs(shown.cable.id, depth=1).nodes
        every = replace(shown, cited=tuple(p.seq for p in shown.paragraphs))
        paragraphs = [
            (cited, p, mark_terms(p.text, terms) if terms else p.text)
            for cited, p in zip(every.citables(), shown.paragraphs, strict=True)
        ]
        return page(request, "cable.html", cable=shown.cable, paragraphs=paragraphs, q=q,
                    url=shown.url(), plusd_url=plusd_url(shown.cable.id),
                    cites=[node for node in nodes if node.relation == "cites"],
                    cited_by=[node for node in nodes if node.relation == "cited-by"])

    @app.get("/cable/{cable_id}/refs", response_class=HTMLResponse, include_in_schema=False)
    def refs_page(request: Request, cable_id: str, depth: Depth = 2,
                  direction: Annotated[models.Direction, Query()] = "both") -> HTMLResponse:
        with shared.use() as searcher:
            graph = searcher.refs(cable_id, depth=depth, direction=direction)
        return page(request, "refs.html", graph=graph)

    @app.get("/similar/{cable_id}/{number}", response_class=HTMLResponse,
             include_in_schema=False)
    def similar_page(request: Request, cable_id: str, number: str,
                     limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10) -> HTMLResponse:
        with shared.use() as searcher:
            found = searcher.similar(f"{cable_id} ¶{number}", limit=limit)
        return page(request, "similar.html", found=found,
                    label=found.of.ref.rsplit("¶", 1)[-1])

    @app.get("/kwic", response_class=HTMLResponse, include_in_schema=False)
    def kwic_page(request: Request, args: Kwic) -> HTMLResponse:
        context: dict[str, Any] = {"args": args, "found": None, "error": None}
        status = 200
        if args.phrase.strip():
            try:
                with shared.use() as searcher:
                    context["found"] = searcher.kwic(args.phrase, args.q or None,
                                                     **args.kwic_args())
            except QueryError as error:
                status, context["error"] = error_of(error)
        return page(request, "kwic.html", status, **context)

    @app.get("/ref/{cable_id}", include_in_schema=False)
    def cable_permalink(cable_id: str) -> RedirectResponse:
        with shared.use(one_cable=True) as searcher:
            cable = searcher.cable(cable_id)
        return RedirectResponse(f"/cable/{cable.id}", status_code=302)

    @app.get("/ref/{cable_id}/{number}", include_in_schema=False)
    def paragraph_permalink(cable_id: str, number: str) -> RedirectResponse:
        with shared.use(one_cable=True) as searcher:
            shown = searcher.show(f"{cable_id} ¶{number}")
        focus = next(p for p in shown.paragraphs if p.seq == shown.focus)
        return RedirectResponse(f"/cable/{shown.cable.id}#{anchor(shown.ref(focus))}",
                                status_code=302)

    @app.get("/export.{form}", include_in_schema=False)
    def export(form: str, params: Params,
               options: Annotated[ExportParams, Depends(export_params)]) -> StreamingResponse:
        if form not in EXPORTS:
            raise StarletteHTTPException(404)
        if not params.searched:
            raise QueryError("give query words or a filter to export")
        conflicts = params.export_conflicts()
        if conflicts:
            raise QueryError(f"{', '.join(conflicts)} does not go with an export, which "
                             "writes every paragraph")
        return StreamingResponse(
            export_lines(shared, params, options, form), media_type=EXPORTS[form],
            headers={"Content-Disposition": f'attachment; filename="cablesearch.{form}"'})

    # -- the JSON API: what the CLI's --format json prints ---------------------------

    @app.get("/api/search", response_model=models.SearchAnswer, responses=ERRORS,
             summary="Search paragraphs, as `cablesearch search --format json`.")
    def api_search(params: Params) -> JSONResponse:
        with shared.turn():
            result = shared.answer(("api", params), lambda searcher: searcher.search(
                params.q, **params.search_args()))
            return JSONResponse(result.to_json())

    @app.get("/api/cable/{cable_id}", response_model=models.ShownCable, responses=ERRORS,
             summary="A whole cable, as `cablesearch show ID --format json`.")
    def api_cable(cable_id: Annotated[str, models.CABLE_ID]) -> JSONResponse:
        with shared.use(one_cable=True) as searcher:
            shown: Shown = searcher.show(cable_id)
        return JSONResponse(shown.to_json())

    @app.get("/api/similar/{cable_id}/{number}", response_model=models.SimilarAnswer,
             responses=ERRORS,
             summary="The paragraphs most like one, as `cablesearch similar ID ¶N "
                     "--format json`.")
    def api_similar(
        cable_id: Annotated[str, models.CABLE_ID],
        number: Annotated[str, models.PARAGRAPH_NUMBER],
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 10,
        min_similarity: Annotated[float, Query(alias="min-similarity", ge=0, le=1)] = 0.0,
    ) -> JSONResponse:
        with shared.use() as searcher:
            found = searcher.similar(f"{cable_id} ¶{number}", limit=limit,
                                     min_similarity=min_similarity)
        return JSONResponse(found.to_json())

    @app.get("/api/kwic", response_model=models.Concordance, responses=ERRORS,
             summary="Concordance lines of a word or phrase, as `cablesearch kwic "
                     "--format json`.")
    def api_kwic(args: Kwic) -> JSONResponse:
        with shared.use() as searcher:
            found = searcher.kwic(args.phrase, args.q or None, **args.kwic_args())
        return JSONResponse(found.to_json())

    @app.get("/api/refs/{cable_id}", response_model=models.RefGraph, responses=ERRORS,
             summary="The references graph around a cable, as `cablesearch refs ID "
                     "--format json`.")
    def api_refs(
        cable_id: Annotated[str, models.CABLE_ID],
        depth: Depth = 1,
        direction: Annotated[models.Direction, Query()] = "both",
        max_nodes: Annotated[int, Query(alias="max-nodes", ge=1,
                                        le=models.DEFAULT_MAX_NODES)] = models.DEFAULT_MAX_NODES,
    ) -> JSONResponse:
        with shared.use() as searcher:
            graph = searcher.refs(cable_id, depth=depth, direction=direction,
                                  max_nodes=max_nodes)
        return JSONResponse(graph.to_json())

    @app.get("/api/facets", response_model=models.FacetCounts | models.CrossTab,
             responses=ERRORS,
             summary="Counts of one facet, or of each pair of two (by=origin,year), as "
                     "`cablesearch facets --format json`.")
    def api_facets(
        q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
        by: Annotated[str, Query(max_length=MAX_VALUE_CHARS, description=(
            f"One facet, or two to cross-tabulate: {', '.join(ALL_FACETS)}."))] = "tag",
        limit: Annotated[int, Query(ge=1, le=10_000)] = 20,
        by_cable: Annotated[bool, Query(alias="by-cable")] = False,
    ) -> JSONResponse:
        names = [name.strip() for name in by.split(",") if name.strip()]
        if len(names) not in (1, 2):
            raise QueryError("give one facet, or two to cross-tabulate")
        with shared.use() as searcher:
            if len(names) == 2:
                tab = searcher.crosstab(q or None, (names[0], names[1]), by_cable=by_cable)
                return JSONResponse(tab.to_json())
            counts = searcher.facets(q or None, by=by, limit=limit, by_cable=by_cable)
        return JSONResponse({by: [[value, count] for value, count in counts]})

    return app
