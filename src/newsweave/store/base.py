"""The store interface: everything ingestion, stories and briefs need from a persistent corpus.

Backends (``sqlite.py``, ``postgres.py``) implement this one small abstract class; callers never
see SQL. What their SQL has in common is written once: reads in ``sql.py``, row conversion in
``rows.py``, the migration runner in ``migrator.py``. Each ``add_article``/``update_article`` is one transaction: the article, its text in the
search index, its fingerprint and its story's counters are written together or not at all, so a
process killed at any moment leaves a consistent store that a re-run completes.

The store also keeps the feeds the web server follows (``follow_feed``/``unfollow_feed``/
``followed_feeds``), so that following them survives a restart or a kill.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Iterator

from ..errors import StoreError
from ..model import Article, FollowedFeed, Rejection, Story, StoredArticle


@dataclass(frozen=True)
class StoredFeatures:
    """What online clustering and copy detection need to rebuild their state, in arrival order."""

    article: str
    story: str
    published: date | None
    features: bytes
    signature: bytes


@dataclass(frozen=True)
class StoreCounts:
    """How much the store holds. ``versions`` counts replaced texts kept after updates."""

    articles: int
    stories: int
    copies: int
    versions: int
    rejections: int


class Store(ABC):
    """A corpus of articles grouped into stories. Use as a context manager, or call ``close``."""

    url: str

    @abstractmethod
    def add_article(self, record: StoredArticle, *, key: str, features: bytes, signature: bytes) -> None:
        """Store a new article under ``key`` (its URL, or where it was read from) and count it in
        ``record.story`` (or the story it was merged into), creating the story (titled after this
        article) if it is new."""

    @abstractmethod
    def update_article(self, article_id: str, article: Article, *, content_hash: str) -> int:
        """Replace an article's text and metadata with a newer version, keeping the old text; returns
        the new version number. The article keeps its story and the clustering features of its first
        version, so that replaying the store rebuilds exactly the clustering state a live run had."""

    @abstractmethod
    def merge_stories(self, first: str, second: str) -> str:
        """Move every article of one story into the other and delete the emptied story, in one
        transaction; returns the id that remains. The story whose first article arrived earlier
        remains (its id and title), so ids users have seen stay valid; its size and first and last
        dates cover both. The deleted id is remembered: ``story``/``story_articles`` of it answer
        with the remaining story, and articles later stored under it go there. Idempotent: merging
        stories already merged changes nothing and returns the remaining id. ``StoreError`` when
        either id was never a story."""

    @abstractmethod
    def merged_stories(self) -> dict[str, str]:
        """Every story id deleted by ``merge_stories`` → the story its articles are in now."""

    @abstractmethod
    def record_rejection(self, rejection: Rejection) -> None:
        """Keep an input that could not be used, with its reason."""

    @abstractmethod
    def article(self, article_id: str) -> StoredArticle | None: ...

    @abstractmethod
    def find_by_key(self, key: str) -> StoredArticle | None:
        """The article stored under a URL or input location, if any."""

    @abstractmethod
    def find_by_hash(self, content_hash: str) -> StoredArticle | None:
        """The first article stored with this normalised-text hash, if any."""

    @abstractmethod
    def story(self, story_id: str) -> Story | None:
        """The story, or the story it was merged into; None when there is no such story."""

    @abstractmethod
    def story_articles(self, story_id: str) -> list[StoredArticle]:
        """The articles of a story (or of the story it was merged into) in arrival order."""

    @abstractmethod
    def stories(self, *, since: date | None = None, query: str | None = None, limit: int | None = None) -> list[Story]:
        """Stories, most recently published first; ``since`` keeps those with an article on or after
        that day; ``query`` those with an article matching the full-text query."""

    @abstractmethod
    def search(self, query: str, *, limit: int = 20) -> list[StoredArticle]:
        """Articles matching a full-text query, best match first."""

    @abstractmethod
    def rejections(self) -> list[Rejection]: ...

    @abstractmethod
    def features(self) -> Iterator[StoredFeatures]:
        """Every stored article's clustering features and fingerprint, in arrival order."""

    @abstractmethod
    def counts(self) -> "StoreCounts": ...

    @abstractmethod
    def articles_after(self, seq: int) -> tuple[int, int]:
        """How many articles arrived after arrival number ``seq``, and the last arrival number
        (``seq`` itself when none did): a change check whose cost grows with what is new, not with
        the store, for a process that must notice other writers."""

    @abstractmethod
    def check(self) -> list[str]:
        """Consistency problems found (empty when the store is sound)."""

    @abstractmethod
    def follow_feed(self, feed: FollowedFeed) -> FollowedFeed:
        """Keep ``feed`` in the list of followed feeds and return it as stored. Following a URL that is
        already followed updates its interval and ``follow_links`` and keeps its first ``added`` time;
        ``feed.added`` of None means now. Raises ``StoreError`` for a feed the store cannot keep."""

    @abstractmethod
    def unfollow_feed(self, url: str) -> bool:
        """Stop keeping the feed at ``url``; False when it was not followed."""

    @abstractmethod
    def followed_feeds(self) -> list[FollowedFeed]:
        """The followed feeds, in the order they were first followed."""

    @abstractmethod
    def close(self) -> None: ...

    def batch(self) -> AbstractContextManager:
        """A context in which writes are committed together on leaving (all or none). Backends that
        gain nothing from grouping keep this default: each write commits on its own."""
        return nullcontext()

    def transaction(self) -> AbstractContextManager:
        """One transaction around several writes on every backend (all or none), for work that must
        not be left half done, such as a second pass over the whole store; writes inside it nest.
        Ingest keeps ``batch``, which PostgreSQL does not group. Default: ``batch``."""
        return self.batch()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def checked_feed(feed: FollowedFeed) -> FollowedFeed:
    """``feed`` with its ``added`` time filled in, or ``StoreError`` saying what is wrong with it: both
    backends validate the same way, once, before writing."""
    if not isinstance(feed.url, str) or not feed.url.strip():
        raise StoreError(f"a followed feed needs a URL, got {feed.url!r}")
    if "\x00" in feed.url:
        raise StoreError("the feed URL holds a NUL character; remove it")
    if isinstance(feed.every_seconds, bool) or not isinstance(feed.every_seconds, (int, float)) \
            or not feed.every_seconds > 0 or feed.every_seconds == float("inf"):
        raise StoreError(f"a feed's every_seconds must be a positive number of seconds, got {feed.every_seconds!r}")
    if feed.added is not None and feed.added.tzinfo is None:
        raise StoreError(f"a feed's added time must carry its time zone (use UTC), got {feed.added!r}")
    return replace(feed, every_seconds=float(feed.every_seconds), follow_links=bool(feed.follow_links),
                   added=feed.added or utc_now())


def utc_now() -> datetime:
    from datetime import timezone

    return datetime.now(timezone.utc)
