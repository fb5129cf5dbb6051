"""Backend-independent row handling shared by the SQL stores: the article columns they select, rows
turned into the shared dataclasses, and the checks on what a user asks for.

A backend passes ``when``, its conversion of a stored timestamp to a ``datetime`` (SQLite keeps ISO
text; PostgreSQL returns ``datetime`` already), so the conversion logic lives here once.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Callable, Sequence

from ..errors import StoreError
from ..model import Article, FollowedFeed, Story, StoredArticle

When = Callable[[Any], "datetime | None"]

ARTICLE_COLUMNS = ("id, url, outlet, origin, title, published, author, text, content_hash, story, copy_of, "
                   "version, ingested")
STORY_COLUMNS = "id, title, first_published, last_published"
FEED_COLUMNS = "url, every_seconds, follow_links, added"
_QUERY_WORD = re.compile(r"\w+", re.UNICODE)


def stored_article(row: Sequence[Any], *, when: When) -> StoredArticle:
    (article_id, url, outlet, origin, title, published, author, text, content_hash, story, copy_of, version,
     ingested) = row
    article = Article(id=article_id, text=text, outlet=outlet, origin=origin, title=title, url=url,
                      published=when(published), author=author)
    return StoredArticle(article=article, content_hash=content_hash, story=story, copy_of=copy_of, version=version,
                         ingested=when(ingested))


def story(row: Sequence[Any], members: Sequence[Sequence[str]], *, when: When) -> Story:
    """A story from its ``STORY_COLUMNS`` row and its (id, outlet) members in arrival order."""
    story_id, title, first, last = row
    return Story(id=story_id, title=title, articles=tuple(m[0] for m in members),
                 outlets=tuple(dict.fromkeys(m[1] for m in members)),
                 first_published=when(first), last_published=when(last))


def feed(row: Sequence[Any], *, when: When) -> FollowedFeed:
    url, every_seconds, follow_links, added = row
    # SQLite stores the flag as 0/1; bool() makes both backends return a real bool.
    return FollowedFeed(url=url, every_seconds=every_seconds, follow_links=bool(follow_links), added=when(added))


def query_words(text: str) -> list[str]:
    """The words of a user's search, or a ``StoreError`` if it has none (an empty full-text query
    is an error in both backends, so it is refused before reaching them)."""
    words = _QUERY_WORD.findall(text)
    if not words:
        raise StoreError(f"the search {text!r} has no words to look for")
    return words


def title_from(text: str) -> str:
    """A story title from its first article's text when the article has no title."""
    first = text.strip().split("\n", 1)[0]
    return first if len(first) <= 100 else first[:97].rsplit(" ", 1)[0] + "…"
