"""The FastAPI application: ``create_app(store, options)`` → an ASGI app serving the API and the pages.

The JSON API lives under ``/api`` and is described by the OpenAPI schema at ``/openapi.json``; the
pages (``/``, ``/stories/{id}``, ``/articles/{id}``, ``/add``) are server-rendered and each has a
JSON twin (``.json`` suffix) from the same handler. FastAPI's ``/docs`` pages load scripts from a CDN,
so they are switched off: nothing the server sends refers to another host.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import Options
from ..errors import InputError, NewsweaveError, StoreError
from ..store import Store
from .access import StoreAccess
from .follow import Follower
from .limits import BodyLimit, SecurityHeaders

if TYPE_CHECKING:
    from fastapi import FastAPI

    from ..api import Newsweave

HERE = Path(__file__).parent


def create_app(store: Store | str, options: Options | None = None, *, engine: "Newsweave | None" = None) -> "FastAPI":
    """The web app over ``store`` (a Store, or its URL/path). The app opens its own connections to it:
    SQLite connections belong to one thread, and the app reads and writes from several."""
    try:
        from fastapi import FastAPI, Request
        from fastapi.exceptions import RequestValidationError
        from fastapi.responses import JSONResponse
        from fastapi.staticfiles import StaticFiles
        from starlette.exceptions import HTTPException as StarletteHTTPException
    except ImportError as error:  # the web parts are an extra
        from ..errors import MissingDependency

        raise MissingDependency(error.name or "fastapi", "web") from error
    from . import pages, routes

    options = options or Options()
    access = StoreAccess(store if isinstance(store, str) else store.url, options, engine=engine)

    follower = Follower(access, options)

    @asynccontextmanager
    async def lifespan(app):
        access.open()
        try:
            # Feeds followed before a restart (or a kill) are followed again: the store keeps them.
            await follower.resume()
            yield
        finally:
            await follower.close()
            access.close()

    app = FastAPI(title="newsweave", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Cited multi-source news briefs: add articles, list stories, read their briefs.")
    app.state.access = access
    app.state.follower = follower
    app.state.options = options
    app.state.templates = pages.templates()
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=options.web.max_body_bytes)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(routes.router)
    app.include_router(pages.router)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError):
        problems = error.errors()
        # A body that is not JSON at all is a bad request (400); JSON of the wrong shape is 422.
        status = 400 if any(p.get("type") == "json_invalid" for p in problems) else 422
        detail = [{"where": ".".join(str(part) for part in p.get("loc", ())), "problem": p.get("msg", "")}
                  for p in problems]
        return JSONResponse({"error": "invalid request", "detail": detail}, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        return pages.error_response(request, error.status_code, str(error.detail))

    @app.exception_handler(InputError)
    async def bad_input(request: Request, error: InputError):
        return pages.error_response(request, 400, f"{error.input}: {error.reason}")

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, error: StoreError):
        return pages.error_response(request, 503, f"the store could not answer: {error}")

    @app.exception_handler(NewsweaveError)
    async def other_error(request: Request, error: NewsweaveError):
        return pages.error_response(request, 400, str(error))

    return app
