"""The API's request and response shapes (pydantic, so the OpenAPI schema documents them) and the
conversions from the model's dataclasses. Pages' JSON twins use the same conversions."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..model import Story, StoredArticle
from .access import Outcome


class ArticleRecord(BaseModel):
    """One article as JSON, the same fields as a JSON record file. ``text`` or ``html`` is needed."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=8000)
    title: str | None = None
    text: str | None = None
    html: str | None = None
    outlet: str | None = Field(None, max_length=500)
    published: str | None = Field(None, description="a date or date-time, e.g. 2023-06-18 or 2023-06-18T09:30:00Z")
    author: str | None = None


class RecordsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    records: list[ArticleRecord] = Field(..., description="the articles to add, in order")


class HtmlIn(BaseModel):
    """A page's raw HTML as the client fetched it, with the page's URL (kept, never fetched)."""

    model_config = ConfigDict(extra="forbid")
    html: str
    url: str = Field(..., max_length=8000)
    outlet: str | None = Field(None, max_length=500)


class UrlIn(BaseModel):
    """A page or RSS/Atom feed for the server to fetch (public addresses only, unless the operator
    started the server with --allow-private). ``follow_links`` fetches each feed entry's page."""

    model_config = ConfigDict(extra="forbid")
    url: str = Field(..., max_length=8000)
    follow_links: bool = False


class FollowIn(UrlIn):
    """A feed to fetch now and again every ``every_seconds``; kept in the store across restarts."""

    every_seconds: float = Field(900.0, ge=1.0, le=7 * 24 * 3600)


class FeedOut(BaseModel):
    url: str
    every_seconds: float
    follow_links: bool
    fetches: int
    last_fetched: datetime | None
    last_stored: int
    last_rejected: int
    last_error: str | None


class OutcomeOut(BaseModel):
    input: str
    status: Literal["stored", "duplicate", "updated", "rejected"]
    article: str | None = None
    story: str | None = None
    copy_of: str | None = None
    reason: str | None = None


class AddedOut(BaseModel):
    stored: int
    duplicates: int
    updated: int
    rejected: int
    results: list[OutcomeOut]


class StoryOut(BaseModel):
    id: str
    title: str
    articles: int
    outlets: list[str]
    independent_outlets: int = Field(..., description="outlets carrying an original article, not only wire copies")
    first_published: datetime | None
    last_published: datetime | None


class StoriesOut(BaseModel):
    stories: list[StoryOut]
    page: int
    size: int
    next_page: int | None


class ArticleOut(BaseModel):
    id: str
    outlet: str
    title: str | None
    url: str | None
    published: datetime | None
    author: str | None
    story: str | None
    copy_of: str | None
    version: int
    text: str | None = None


class StoryDetailOut(StoryOut):
    article_list: list[ArticleOut]


class SearchOut(BaseModel):
    query: str
    articles: list[ArticleOut]


class ErrorOut(BaseModel):
    error: str


def added(outcomes: list[Outcome]) -> dict[str, Any]:
    count = lambda status: sum(o.status == status for o in outcomes)  # noqa: E731
    return {"stored": count("stored"), "duplicates": count("duplicate"), "updated": count("updated"),
            "rejected": count("rejected"), "results": [asdict(o) for o in outcomes]}


def story_out(story: Story, members: list[StoredArticle] | None = None) -> dict[str, Any]:
    """A story; with ``members`` its independent outlets are counted (outlets with an article that
    is not a wire copy), else every outlet is taken as independent."""
    independent = (len({m.article.outlet for m in members if m.copy_of is None}) if members is not None
                   else len(story.outlets))
    return {"id": story.id, "title": story.title, "articles": len(story.articles), "outlets": list(story.outlets),
            "independent_outlets": independent, "first_published": story.first_published,
            "last_published": story.last_published}


def article_out(stored: StoredArticle, *, text: bool = False) -> dict[str, Any]:
    a = stored.article
    return {"id": a.id, "outlet": a.outlet, "title": a.title, "url": a.url, "published": a.published,
            "author": a.author, "story": stored.story, "copy_of": stored.copy_of, "version": stored.version,
            "text": a.text if text else None}
