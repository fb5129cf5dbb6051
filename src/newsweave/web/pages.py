"""The server-rendered pages. Each handler builds one dict and renders it as HTML, or, for the
``.json`` twin of the same URL, returns the dict itself (datasette style)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ..errors import InputError
from ..outputs.json import brief_to_dict
from . import intake
from .routes import access_of, stories_page, story_detail
from .schemas import added, article_out
from .storyview import day, safe_url, story_view

router = APIRouter(include_in_schema=False)
# How often the add form's "keep following" re-reads a feed (the API lets callers choose).
FOLLOW_EVERY = 15 * 60.0
TEMPLATES = Path(__file__).parent / "templates"


def templates() -> Jinja2Templates:
    # Jinja2Templates escapes every value in .html templates (autoescape on); nothing is marked safe.
    found = Jinja2Templates(directory=str(TEMPLATES))
    found.env.globals.update(safe_url=safe_url, day=day)
    return found


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def error_response(request: Request, status: int, message: str) -> Response:
    """Errors as JSON for the API and JSON twins, as a page for browsers."""
    path = request.url.path
    if path.startswith("/api") or path.endswith(".json") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": message}, status_code=status)
    return _render(request, "error.html", {"status": status, "message": message}, status)


@router.get("/")
@router.get("/index.json")
async def index(request: Request, q: str | None = Query(None, max_length=500), since: str | None = None,
                until: str | None = None, page: int = Query(1, ge=1, le=100_000)):
    # The search form sends empty fields for dates left blank: those mean "no limit", not an error.
    q = (q or "").strip() or None
    since, until = _day("since", since), _day("until", until)
    data = await stories_page(request, q=q, since=since, until=until, page=page, size=None)
    if request.url.path.endswith(".json"):
        return data
    return _render(request, "stories.html", {**data, "q": q or "", "since": since, "until": until})


def _day(name: str, value: str | None) -> date | None:
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(400, f"{name} must be a date as YYYY-MM-DD, got {value!r}") from None


@router.get("/stories/{story_id}")
async def story_page(story_id: str, request: Request):
    """The story with its brief; ``/stories/ID.json`` is the same data as JSON."""
    as_json = story_id.endswith(".json")
    story_id = story_id.removesuffix(".json")
    detail = await story_detail(request, story_id)
    if detail is None:
        raise HTTPException(404, f"no story {story_id!r}")
    brief = await access_of(request).brief(story_id)
    if as_json:
        return {"story": detail, "brief": brief_to_dict(brief) if brief else None}
    members = await access_of(request).read(lambda store: store.story_articles(story_id))
    return _render(request, "story.html", {"story": detail, "view": story_view(brief, members)})


@router.get("/articles/{article_id:path}")
async def article_page(article_id: str, request: Request, start: int | None = Query(None, ge=0),
                       end: int | None = Query(None, ge=0)):
    # An id may itself end in .json (a file name), so the twin is tried only when no article has it.
    stored = await access_of(request).read(lambda store: store.article(article_id))
    as_json = False
    if stored is None and article_id.endswith(".json"):
        stored = await access_of(request).read(lambda store: store.article(article_id[:-5]))
        as_json = stored is not None
    if stored is None:
        raise HTTPException(404, f"no article {article_id!r}")
    if as_json:
        return article_out(stored, text=True)
    text = stored.article.text
    span = (start, end) if start is not None and end is not None and start <= end <= len(text) else None
    parts = (text[:span[0]], text[span[0]:span[1]], text[span[1]:]) if span else (text, "", "")
    return _render(request, "article.html", {"stored": stored, "article": stored.article, "parts": parts})


@router.get("/add")
async def add_form(request: Request):
    return _render(request, "add.html", {})


@router.post("/add")
async def add_submit(request: Request):
    """The add form: pasted text or HTML, uploaded files, a URL or feed; any combination."""
    options = request.app.state.options
    # Pasted text may be as large as a whole request (the default part limit is 1 MB).
    form = await request.form(max_files=100, max_fields=50, max_part_size=options.web.max_body_bytes)
    items, errors = [], []
    text = str(form.get("text") or "")
    if text.strip():
        try:
            items += intake.from_paste(text, options=options, name="pasted", url=str(form.get("url") or "") or None,
                                       outlet=str(form.get("outlet") or "").strip() or None,
                                       title=str(form.get("title") or "").strip() or None)
        except InputError as error:
            errors.append(f"{error.input}: {error.reason}")
    for upload in form.getlist("files"):
        if isinstance(upload, UploadFile) and upload.filename:
            items += intake.from_upload(await upload.read(), filename=upload.filename, options=options)
    fetch = str(form.get("fetch") or "").strip()
    followed: list = []
    if fetch:
        follow_links = form.get("follow_links") == "on"
        try:
            if form.get("keep_following") == "on":
                followed = await request.app.state.follower.follow(fetch, every_seconds=FOLLOW_EVERY,
                                                                   follow_links=follow_links)
            else:
                items += await run_in_threadpool(intake.from_url, fetch, options=options, follow_links=follow_links)
        except InputError as error:
            errors.append(f"{error.input}: {error.reason}")
    if not items and not followed and not errors:
        errors.append("nothing to add: paste a text, choose files or give a URL")
    outcomes = (await access_of(request).ingest(items) if items else []) + followed
    result = added(outcomes)
    if request.query_params.get("format") == "json":
        return JSONResponse({**result, "errors": errors}, status_code=400 if errors and not outcomes else 200)
    return _render(request, "added.html", {**result, "errors": errors}, 400 if errors and not outcomes else 200)
