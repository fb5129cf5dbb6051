"""The JSON API under ``/api``: add articles, list and read stories, their briefs, search articles.

Handlers are thin: parse the request (pydantic), turn it into RawDocuments with ``intake``, run the
store work on the right thread through ``StoreAccess``, convert with ``schemas``. Errors are
``HTTPException``s with a sentence saying what to change.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from . import intake
from .access import StoreAccess
from .schemas import (AddedOut, ArticleOut, ErrorOut, FeedOut, FollowIn, HtmlIn, RecordsIn, SearchOut, StoriesOut,
                      StoryDetailOut, UrlIn, added, article_out, story_out)

router = APIRouter(prefix="/api", tags=["api"])
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 413: {"model": ErrorOut},
                                           422: {"model": ErrorOut}}
_WORD = re.compile(r"\w")


def access_of(request: Request) -> StoreAccess:
    return request.app.state.access


@router.post("/articles", response_model=AddedOut, responses=ERRORS, summary="Add articles as JSON records")
async def add_records(body: RecordsIn, request: Request) -> dict[str, Any]:
    """Store each record (or reject it with the reason); says what was stored, duplicate or rejected."""
    records = [record.model_dump(exclude_none=True) for record in body.records]
    if not records:
        raise HTTPException(400, "records is empty: send at least one {text or html, ...} record")
    items = intake.from_records(records, options=request.app.state.options)
    return added(await access_of(request).ingest(items))


@router.post("/articles/html", response_model=AddedOut, responses=ERRORS, summary="Add a page's raw HTML")
async def add_html(body: HtmlIn, request: Request) -> dict[str, Any]:
    items = intake.from_paste(body.html, options=request.app.state.options, name=body.url, url=body.url,
                              outlet=body.outlet)
    return added(await access_of(request).ingest(items))


@router.post("/articles/files", response_model=AddedOut, responses=ERRORS, summary="Upload article files")
async def add_files(request: Request, files: Annotated[list[UploadFile], File(description="text, HTML, JSON, "
                                                                               "feed, WARC or SGML files")]):
    options = request.app.state.options
    items = []
    for upload in files:
        items += intake.from_upload(await upload.read(), filename=upload.filename or "upload", options=options)
    return added(await access_of(request).ingest(items))


@router.post("/articles/url", response_model=AddedOut, responses=ERRORS, summary="Fetch a page or feed")
async def add_url(body: UrlIn, request: Request) -> dict[str, Any]:
    options = request.app.state.options
    # Fetching blocks on the network: a worker thread, not the writer, waits for it.
    items = await run_in_threadpool(intake.from_url, body.url, options=options, follow_links=body.follow_links)
    return added(await access_of(request).ingest(items))


@router.post("/feeds", response_model=AddedOut, responses=ERRORS, summary="Follow a feed")
async def follow_feed(body: FollowIn, request: Request) -> dict[str, Any]:
    """Fetch the feed now and again every ``every_seconds``; the feed is kept in the store, so a
    restarted server follows it again. Returns what the first fetch stored. A feed whose first fetch
    is refused or fails is not followed."""
    follower = request.app.state.follower
    outcomes = await follower.follow(body.url, every_seconds=body.every_seconds, follow_links=body.follow_links)
    return added(outcomes)


@router.get("/feeds", response_model=list[FeedOut], summary="The feeds being followed")
async def followed_feeds(request: Request) -> list[dict[str, Any]]:
    return [asdict(state) for state in request.app.state.follower.feeds()]


@router.delete("/feeds", responses={404: {"model": ErrorOut}}, summary="Stop following a feed")
async def unfollow_feed(request: Request, url: str = Query(..., max_length=8000)) -> dict[str, str]:
    if not await request.app.state.follower.unfollow(url):
        raise HTTPException(404, f"{url!r} is not followed; see GET /api/feeds")
    return {"stopped": url}


@router.get("/stories", response_model=StoriesOut, responses=ERRORS, summary="List stories, newest first")
async def list_stories(request: Request, q: str | None = Query(None, description="words an article must contain"),
                       since: date | None = Query(None, description="with an article on or after YYYY-MM-DD"),
                       until: date | None = Query(None, description="with an article on or before YYYY-MM-DD"),
                       page: int = Query(1, ge=1, le=100_000), size: int | None = Query(None, ge=1, le=500)):
    return await stories_page(request, q=q, since=since, until=until, page=page, size=size)


async def stories_page(request: Request, *, q: str | None, since: date | None, until: date | None, page: int,
                       size: int | None) -> dict[str, Any]:
    """One page of stories as the API returns it (the story list page renders the same dict)."""
    size = size or request.app.state.options.web.page_size
    query = check_query(q) if q else None

    def work(store):
        found = store.stories(since=since, query=query, limit=None if until else page * size + 1)
        if until is not None:
            found = [s for s in found if s.first_published is None or s.first_published.date() <= until]
        window = found[(page - 1) * size: page * size]
        return [story_out(s, store.story_articles(s.id)) for s in window], len(found) > page * size

    rows, more = await access_of(request).read(work)
    return {"stories": rows, "page": page, "size": size, "next_page": page + 1 if more else None}


@router.get("/stories/{story_id}", response_model=StoryDetailOut, responses={404: {"model": ErrorOut}},
            summary="One story with its articles")
async def get_story(story_id: str, request: Request, text: bool = Query(False, description="include article texts")):
    found = await story_detail(request, story_id, text=text)
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}; list them at /api/stories")
    return found


async def story_detail(request: Request, story_id: str, *, text: bool = False) -> dict[str, Any] | None:
    def work(store):
        story = store.story(story_id)
        if story is None:
            return None
        members = store.story_articles(story_id)
        return {**story_out(story, members), "article_list": [article_out(m, text=text) for m in members]}

    return await access_of(request).read(work)


@router.get("/stories/{story_id}/brief", response_class=Response, summary="The story's brief",
            responses={200: {"content": {"application/json": {}},
                             "description": "the same JSON as `newsweave brief --story ID --format json` (fields "
                                            "documented in the README, \"The JSON brief\")"},
                       404: {"model": ErrorOut}})
async def get_brief(story_id: str, request: Request) -> Response:
    encoded = await access_of(request).brief_json(story_id)
    if encoded is None:
        raise HTTPException(404, f"no story {story_id!r}; list them at /api/stories")
    return Response(encoded, media_type="application/json")


@router.get("/articles/search", response_model=SearchOut, responses=ERRORS, summary="Full-text article search")
async def search(request: Request, q: str = Query(..., max_length=500), limit: int = Query(20, ge=1, le=200)):
    query = check_query(q)
    found = await access_of(request).read(lambda store: store.search(query, limit=limit))
    return {"query": q, "articles": [article_out(s) for s in found]}


@router.get("/articles/{article_id:path}", response_model=ArticleOut, responses={404: {"model": ErrorOut}},
            summary="One stored article with its text")
async def get_article(article_id: str, request: Request):
    found = await access_of(request).read(lambda store: store.article(article_id))
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return article_out(found, text=True)


def check_query(q: str) -> str:
    if not _WORD.search(q):
        raise HTTPException(400, f"the search {q!r} has no words to look for")
    return q
