"""Followed feeds: fetched when added, then again every so often while the server runs.

Each followed feed is one asyncio task: fetch (on a worker thread, through ``intake.from_url`` and so
through the one ``Fetcher`` with its private-address rule), ingest on the writer thread, sleep. The
ingest is idempotent (same URL and text = duplicate), so re-reading a feed stores only new or changed
entries. The list lives in the running app, not in the store: after a restart feeds are followed
again only when added again.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from starlette.concurrency import run_in_threadpool

from ..config import Options
from ..errors import NewsweaveError
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
        """Fetch the feed now and keep fetching it; returns what this first fetch did. A feed that
        cannot be fetched now raises ``InputError`` (bad URL) or comes back as rejections, and is
        not followed."""
        outcomes = await self._fetch(url, follow_links)
        if any(o.status != "rejected" for o in outcomes):
            self.stop(url)
            self._feeds[url] = self._record(FeedState(url, every_seconds, follow_links), outcomes, None)
            self._tasks[url] = asyncio.create_task(self._loop(url), name=f"follow {url}")
        return outcomes

    def stop(self, url: str) -> bool:
        task = self._tasks.pop(url, None)
        if task is not None:
            task.cancel()
        return self._feeds.pop(url, None) is not None

    async def close(self) -> None:
        tasks = list(self._tasks.values())
        for url in list(self._feeds):
            self.stop(url)
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _loop(self, url: str) -> None:
        while url in self._feeds:
            state = self._feeds[url]
            await asyncio.sleep(state.every_seconds)
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
