"""Followed feeds: fetched when added, then again every so often; kept in the store, so that they are
followed again after a restart or a kill.

Each followed feed is one asyncio task: fetch (on a worker thread, through ``intake.from_url`` and so
through the one ``Fetcher`` with its private-address rule), ingest on the writer thread, sleep. The
ingest is idempotent (same URL and text = duplicate), so re-reading a feed stores only new or changed
entries. The list of feeds is the store's (``Store.followed_feeds``): ``follow`` writes a feed there
(on the writer thread) before starting its task, ``unfollow`` removes it there, and ``resume``, at
start-up, starts a task for every stored feed. A resumed feed is fetched at once: the store does not
know how long the server was down. What each feed's last fetch did (``FeedState``) lives only in the
running app and starts again from zero fetches after a restart.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from starlette.concurrency import run_in_threadpool

from ..config import Options
from ..errors import NewsweaveError
from ..model import FollowedFeed
from . import intake
from .access import Outcome, StoreAccess


@dataclass(frozen=True)
class FeedState:
    """A followed feed and what its last fetch did."""

    url: str
    every_seconds: float
    follow_links: bool
    fetches: int = 0
    last_fetched: datetime | None = None
    last_stored: int = 0
    last_rejected: int = 0
    last_error: str | None = None


@dataclass
class Follower:
    access: StoreAccess
    options: Options
    _feeds: dict[str, FeedState] = field(default_factory=dict)
    _tasks: dict[str, asyncio.Task] = field(default_factory=dict)

    def feeds(self) -> list[FeedState]:
        return list(self._feeds.values())

    async def follow(self, url: str, *, every_seconds: float, follow_links: bool) -> list[Outcome]:
        """Fetch the feed now, keep it in the store and keep fetching it; returns what this first
        fetch did. A feed that cannot be fetched now raises ``InputError`` (bad URL) or comes back as
        rejections, and is not followed (one already followed stays as it was). Following a feed
        again updates its interval and ``follow_links``."""
        outcomes = await self._fetch(url, follow_links)
        if any(o.status != "rejected" for o in outcomes):
            # Stored before the task starts: a feed the server fetches is a feed a restart resumes.
            await self.access.write(lambda store: store.follow_feed(FollowedFeed(url, every_seconds, follow_links)))
            self._stop(url)
            self._feeds[url] = self._record(FeedState(url, every_seconds, follow_links), outcomes, None)
            self._start(url, wait_first=True)
        return outcomes

    async def unfollow(self, url: str) -> bool:
        """Stop following ``url`` and remove it from the store; False when it was not followed."""
        removed = await self.access.write(lambda store: store.unfollow_feed(url))
        return self._stop(url) or removed

    async def resume(self) -> int:
        """Follow every feed the store keeps (called at start-up); returns how many."""
        stored = await self.access.read(lambda store: store.followed_feeds())
        for feed in stored:
            self._stop(feed.url)
            self._feeds[feed.url] = FeedState(feed.url, feed.every_seconds, feed.follow_links)
            self._start(feed.url, wait_first=False)
        return len(stored)

    async def close(self) -> None:
        """Stop every task; the feeds stay in the store for the next start to resume."""
        tasks = list(self._tasks.values())
        for url in list(self._feeds):
            self._stop(url)
        await asyncio.gather(*tasks, return_exceptions=True)

    def _start(self, url: str, *, wait_first: bool) -> None:
        self._tasks[url] = asyncio.create_task(self._loop(url, wait_first=wait_first), name=f"follow {url}")

    def _stop(self, url: str) -> bool:
        task = self._tasks.pop(url, None)
        if task is not None:
            task.cancel()
        return self._feeds.pop(url, None) is not None

    async def _loop(self, url: str, *, wait_first: bool) -> None:
        wait = wait_first
        while url in self._feeds:
            state = self._feeds[url]
            if wait:
                await asyncio.sleep(state.every_seconds)
            wait = True
            try:
                outcomes, error = await self._fetch(url, state.follow_links), None
            except NewsweaveError as problem:  # kept and shown in the feed list; the next round retries
                outcomes, error = [], str(problem)
            if url in self._feeds:  # not stopped while fetching
                self._feeds[url] = self._record(self._feeds[url], outcomes, error)

    async def _fetch(self, url: str, follow_links: bool) -> list[Outcome]:
        items = await run_in_threadpool(intake.from_url, url, options=self.options, follow_links=follow_links)
        return await self.access.ingest(items)

    @staticmethod
    def _record(state: FeedState, outcomes: list[Outcome], error: str | None) -> FeedState:
        rejected = [o for o in outcomes if o.status == "rejected"]
        if rejected and len(rejected) == len(outcomes) and error is None:
            error = rejected[0].reason
        return replace(state, fetches=state.fetches + 1, last_fetched=datetime.now(timezone.utc),
                       last_stored=sum(o.status in ("stored", "updated") for o in outcomes),
                       last_rejected=len(rejected), last_error=error)
