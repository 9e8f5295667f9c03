"""The review web app: `create_app(store)` returns a FastAPI app that runs in memory.

Each page is one view module (`views/queue.py`, `views/flag.py`,
`views/stats.py`, `views/reviewer.py`) building one dict; `_page` renders it
with a Jinja2 template (autoescape on, every template) or, under `/api/...`
or with `?format=json`, as JSON — the same dict either way. `serve` only hands
the app to uvicorn.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import security
from .export import linking_text
from .store import ReviewStore, StoreError
from .views import flag as flag_view
from .views import queue as queue_view
from .views import reviewer as reviewer_view
from .views import stats as stats_view

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
REVIEWER_COOKIE = "dissonance_reviewer"


def environment() -> Environment:
    """The Jinja2 environment: autoescape on for every template, whatever its name."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    env.filters["pct"] = lambda v: "–" if v is None else f"{100 * v:.0f}%"
    env.filters["when"] = lambda v: (str(v)[:19].replace("T", " ") + " UTC") if v else ""
    return env


def _num(value: Any, places: int = 2) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return f"{value:.{places}f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def _local(url: str | None, default: str = "/") -> str:
    """A redirect target that stays on this server."""
    if not url or not url.startswith("/") or url.startswith("//") or url.startswith("/\\"):
        return default
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return default
    return url


def create_app(store: ReviewStore, *, token: str | None = None, run_id: int | None = None) -> FastAPI:
    """The review app over `store`, showing `run_id` (default: the latest run at each request)."""
    app = FastAPI(title="dissonance review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.store = store
    env = environment()
    security.install(app, token)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    def current_run() -> int | None:
        return run_id if run_id is not None else store.latest_run_id()

    def reviewer_of(request: Request) -> str | None:
        raw = request.cookies.get(REVIEWER_COOKIE)
        name = unquote(raw).strip() if raw else ""
        return name[:128] or None

    def wants_json(request: Request) -> bool:
        if request.url.path.startswith("/api/") or request.query_params.get("format") == "json":
            return True
        accept = request.headers.get("accept", "")
        return request.method == "POST" and "application/json" in accept and "text/html" not in accept

    def here(request: Request) -> str:
        return request.url.path + (f"?{request.url.query}" if request.url.query else "")

    def page(request: Request, template: str, data: dict[str, Any], status_code: int = 200) -> Response:
        if wants_json(request):
            return JSONResponse(jsonable_encoder(data), status_code=status_code)
        context = {**data, "csrf_token": request.state.csrf_token, "here": here(request),
                   "page": template.removesuffix(".html"), "json_url": _json_url(request)}
        context.setdefault("nav", None)
        return HTMLResponse(env.get_template(template).render(context), status_code=status_code)

    def named_reviewer(request: Request, form: Any) -> str:
        """Who makes a change: the session's reviewer, or a `reviewer` field (API clients); 400 if neither."""
        who = reviewer_of(request) or str(form.get("reviewer") or "").strip()
        if not who:
            raise HTTPException(status_code=400, detail="no reviewer: set one at /reviewer first")
        return who

    def ask_reviewer(request: Request) -> Response | None:
        if wants_json(request) or reviewer_of(request):
            return None
        return RedirectResponse("/reviewer?" + urlencode({"next": here(request)}), status_code=303)

    @app.exception_handler(HTTPException)
    async def _errors(request: Request, exc: HTTPException) -> Response:
        if wants_json(request) or exc.status_code in (401, 403) and request.method != "GET":
            return JSONResponse({"error": exc.detail, "status": exc.status_code}, status_code=exc.status_code)
        if exc.status_code >= 400:
            data = {"error": exc.detail, "status": exc.status_code, "run": None, "reviewer": reviewer_of(request),
                    "progress": None}
            return page(request, "error.html", data, status_code=exc.status_code)
        return await http_exception_handler(request, exc)

    # ------------------------------------------------------------------ pages

    @app.get("/", response_model=None)
    @app.get("/api/queue", response_model=None)
    def queue(request: Request) -> Response:
        return ask_reviewer(request) or page(
            request, "queue.html", queue_view.build(store, current_run(), reviewer_of(request), request.query_params))

    @app.get("/flags/{pk}", response_model=None)
    @app.get("/api/flags/{pk}", response_model=None)
    def flag(pk: int, request: Request) -> Response:
        redirect = ask_reviewer(request)
        if redirect:
            return redirect
        try:
            data = flag_view.build(store, pk, reviewer_of(request), request.query_params)
        except flag_view.NotFound as exc:
            raise HTTPException(status_code=404, detail=str(exc)) from None
        return page(request, "flag.html", data)

    @app.get("/stats", response_model=None)
    @app.get("/api/stats", response_model=None)
    def stats(request: Request) -> Response:
        return ask_reviewer(request) or page(
            request, "stats.html", stats_view.build(store, current_run(), reviewer_of(request)))

    @app.get("/reviewer", response_model=None)
    @app.get("/api/reviewer", response_model=None)
    def reviewer(request: Request) -> Response:
        data = reviewer_view.build(store, current_run(), reviewer_of(request))
        data["next"] = _local(request.query_params.get("next"))
        return page(request, "reviewer.html", data)

    @app.get("/api/runs", response_model=None)
    def runs(request: Request) -> Response:
        return JSONResponse(jsonable_encoder({"runs": store.runs(), "showing": current_run()}))

    # ------------------------------------------------------------------ changes (CSRF-checked)

    @app.post("/reviewer", response_model=None)
    @app.post("/api/reviewer", response_model=None)
    async def set_reviewer(request: Request) -> Response:
        form = await security.checked_form(request)
        name = str(form.get("name") or "").strip()
        if not name or len(name) > 128:
            raise HTTPException(status_code=400, detail="give a reviewer name (1 to 128 characters)")
        response: Response
        if wants_json(request):
            response = JSONResponse({"reviewer": name})
        else:
            response = RedirectResponse(_local(str(form.get("next") or "/")), status_code=303)
        response.set_cookie(REVIEWER_COOKIE, quote(name, safe=""), httponly=True, samesite="strict", path="/")
        return response

    @app.post("/flags/{pk}/decision", response_model=None)
    @app.post("/api/flags/{pk}/decision", response_model=None)
    async def decide(pk: int, request: Request) -> Response:
        form = await security.checked_form(request)
        who = reviewer_of(request) or str(form.get("reviewer") or "").strip() or None
        if not who:
            if wants_json(request):
                raise HTTPException(status_code=400, detail="no reviewer: set one at /reviewer first")
            return RedirectResponse("/reviewer?" + urlencode({"next": f"/flags/{pk}"}), status_code=303)
        try:
            entry = store.decide(pk, who, str(form.get("action") or ""), note=_text(form.get("note")),
                                 corrected_label=_text(form.get("corrected_label")))
        except StoreError as exc:
            raise HTTPException(status_code=404 if "no flag" in str(exc) else 400, detail=str(exc)) from None
        if wants_json(request):
            run = store.flag(pk)["run_id"]
            return JSONResponse(jsonable_encoder({"decision": entry, "progress": store.progress(run, who)}))
        return RedirectResponse(_local(_text(form.get("next")), f"/flags/{pk}"), status_code=303)

    @app.post("/documents/place", response_model=None)
    @app.post("/api/documents/place", response_model=None)
    async def place(request: Request) -> Response:
        form = await security.checked_form(request)
        who = named_reviewer(request, form)
        run = current_run()
        if run is None:
            raise HTTPException(status_code=404, detail="no run loaded")
        incident = None if form.get("action") == "none" else _text(form.get("incident"))
        try:
            entry = store.place_document(run, str(form.get("doc_id") or ""), incident, who, note=_text(form.get("note")))
        except StoreError as exc:
            raise HTTPException(status_code=404 if "no document" in str(exc) else 400, detail=str(exc)) from None
        if wants_json(request):
            return JSONResponse(jsonable_encoder({"placement": entry}))
        return RedirectResponse(_local(_text(form.get("next"))), status_code=303)

    @app.get("/linking.csv", response_model=None)
    def linking_csv(request: Request) -> Response:
        run = current_run()
        if run is None:
            raise HTTPException(status_code=404, detail="no run loaded")
        return Response(linking_text(store.linking(run, reviewer=request.query_params.get("reviewer") or None)),
                        media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="linking.csv"'})

    @app.post("/undo", response_model=None)
    @app.post("/api/undo", response_model=None)
    async def undo(request: Request) -> Response:
        form = await security.checked_form(request)
        who = named_reviewer(request, form)
        entry = store.undo(who, run_id=current_run())
        if wants_json(request):
            return JSONResponse(jsonable_encoder({"undo": entry}))
        back = _local(_text(form.get("next")))
        if entry is not None:
            query = urlsplit(back).query
            back = f"/flags/{entry['flag_pk']}" + (f"?{query}" if query else "")
        return RedirectResponse(back, status_code=303)

    return app


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _json_url(request: Request) -> str:
    params = dict(request.query_params)
    params["format"] = "json"
    return request.url.path + "?" + urlencode(params)


def serve(app: FastAPI, host: str = "127.0.0.1", port: int = 8765, *, token: str | None = None,
          log_level: str = "warning") -> None:
    """Run the app with uvicorn (refuses a non-loopback address without a token)."""
    import uvicorn

    security.check_bind(host, token)
    uvicorn.run(app, host=host, port=port, log_level=log_level, proxy_headers=False, server_header=False)
