"""Store access for the web server: one writer thread, a few reader threads, one brief thread.

SQLite connections belong to the thread that opened them, and SQLite allows one writer at a time.
So every write (ingest) runs on a single writer thread that owns the one writer connection and the
``Ingestor`` (whose clustering state must see articles in the order they are stored). Another process
may write to the same store (``newsweave ingest``): before each ingest the writer compares the
articles that arrived since its last look with the ones it stored itself and, when another writer
added articles, rebuilds the Ingestor from the store, so new articles can join those stories and new story ids follow theirs
instead of reusing them. Reads run on
a small pool whose threads each open their own connection (WAL lets them read while the writer
writes). Briefs are CPU-bound spaCy and PyTorch work, run on one thread of their own (which
encodes sentences on a second) so they never hold up reads, and are cached per story version.
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Literal, TypeVar

from ..config import Options
from ..model import Brief, RawDocument, Rejection, StoredArticle
from ..outputs.json import to_json
from ..store import Store, open_store

if TYPE_CHECKING:
    from ..api import Newsweave

T = TypeVar("T")
Status = Literal["stored", "duplicate", "updated", "rejected"]


@dataclass(frozen=True)
class Outcome:
    """What became of one submitted article: ``article`` is the id it is stored under (it may get a
    ``~2`` suffix when the id was taken), ``reason`` says why it was rejected or a duplicate."""

    input: str
    status: Status
    article: str | None = None
    story: str | None = None
    copy_of: str | None = None
    reason: str | None = None


class _Recorder:
    """The writer store as the Ingestor sees it: every call passes through, and the writes are noted
    so each submitted item can be told what happened to it (the Ingestor itself only counts)."""

    def __init__(self, store: Store):
        self._store = store
        self.events: list[tuple[str, object]] = []

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def add_article(self, record: StoredArticle, **kwargs) -> None:
        self._store.add_article(record, **kwargs)
        self.events.append(("stored", record))

    def update_article(self, article_id: str, article, **kwargs) -> int:
        version = self._store.update_article(article_id, article, **kwargs)
        self.events.append(("updated", article_id))
        return version

    def record_rejection(self, rejection: Rejection) -> None:
        self._store.record_rejection(rejection)
        self.events.append(("rejected", rejection))


@dataclass
class _CachedBrief:
    brief: Brief
    json: bytes | None = None


class StoreAccess:
    """Runs store work on the right thread. Start with ``open()``, stop with ``close()``."""

    def __init__(self, url: str, options: Options, *, engine: "Newsweave | None" = None):
        self.url = url
        self.options = options
        self._engine = engine
        self._local = threading.local()
        self._briefs: OrderedDict[tuple, _CachedBrief] = OrderedDict()
        self._pending: dict[tuple, asyncio.Future] = {}
        self._writer: ThreadPoolExecutor | None = None
        self._readers: ThreadPoolExecutor | None = None
        self._briefer: ThreadPoolExecutor | None = None

    def open(self) -> None:
        # One thread: everything submitted to it runs where the writer connection was opened.
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="newsweave-writer")
        self._readers = ThreadPoolExecutor(self.options.web.reader_threads, thread_name_prefix="newsweave-reader")
        self._briefer = ThreadPoolExecutor(1, thread_name_prefix="newsweave-brief")
        # Fail at start-up with the store's own error, not on the first request, when it cannot be opened.
        try:
            self._writer.submit(self._open_writer).result()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        for pool in (self._writer, self._readers, self._briefer):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._writer = self._readers = self._briefer = None

    async def read(self, work: Callable[[Store], T]) -> T:
        """``work(store)`` on a reader thread with that thread's own connection."""
        return await self._run(self._readers, lambda: work(self._reader()))

    async def write(self, work: Callable[[Store], T]) -> T:
        """``work(store)`` on the writer thread with the writer connection: a write other than an
        ingest (following a feed), queued behind the ingests instead of racing them for the lock."""
        return await self._run(self._writer, lambda: work(self._local.recorder))

    async def ingest(self, items: Iterable[RawDocument | Rejection]) -> list[Outcome]:
        """Store the items in order on the writer thread; one outcome per item."""
        items = list(items)
        return await self._run(self._writer, lambda: self._ingest_all(items))

    async def brief(self, story_id: str) -> Brief | None:
        """The story's brief, recomputed only when its articles changed; None for an unknown story."""
        cached = await self._cached(story_id)
        return cached.brief if cached else None

    async def brief_json(self, story_id: str) -> bytes | None:
        """The brief as ``newsweave brief --format json`` writes it, encoded once per brief version
        (a brief's JSON runs to 100 kB: re-encoding it on every request would dominate the cost)."""
        cached = await self._cached(story_id)
        if cached is None:
            return None
        if cached.json is None:
            cached.json = await self._run(self._readers, lambda: to_json(cached.brief).encode("utf-8"))
        return cached.json

    async def _cached(self, story_id: str) -> "_CachedBrief | None":
        stored = await self.read(lambda store: store.story_articles(story_id))
        if not stored:
            return None
        key = (story_id, tuple((s.article.id, s.version) for s in stored))
        if key in self._briefs:
            self._briefs.move_to_end(key)
            return self._briefs[key]
        # Requests arriving while this version's brief is being written wait for that one result
        # instead of queueing the same second of spaCy work again.
        pending = self._pending.get(key)
        if pending is None:
            pending = self._pending[key] = asyncio.ensure_future(
                self._run(self._briefer, lambda: self._make_brief(story_id)))
            pending.add_done_callback(lambda _: self._pending.pop(key, None))
        cached = _CachedBrief(await asyncio.shield(pending))
        if key in self._briefs:
            return self._briefs[key]
        if self.options.web.brief_cache:
            self._briefs[key] = cached
            while len(self._briefs) > self.options.web.brief_cache:
                self._briefs.popitem(last=False)
        return cached

    # --- on the worker threads ---

    def _open_writer(self) -> None:
        self._local.recorder = _Recorder(open_store(self.url))
        self._local.seen = None  # the last arrival number the Ingestor has seen; None: rebuild
        self._catch_up()

    def _catch_up(self) -> None:
        """(Re)build the Ingestor unless no article arrived since the last one it has seen. The last
        arrival number is read before the rebuild reads the store, so an article added in between
        only causes one more rebuild, never a missed one. The check counts only the new rows
        (``Store.articles_after``), so it costs the same on a store of any size."""
        from ..stories import Ingestor

        seen = self._local.seen
        arrived, last = self._local.recorder.articles_after(-1 if seen is None else seen)
        if seen is None or arrived:
            self._local.ingestor = Ingestor(self._local.recorder, self.options)
            self._local.seen = last

    def _ingest_all(self, items: list[RawDocument | Rejection]) -> list[Outcome]:
        self._catch_up()
        before, outcomes = self._local.seen, []
        try:
            for item in items:
                outcomes.append(self._ingest_one(item))
        except BaseException:
            self._local.seen = None  # unknown after a failure: rebuild before the next ingest
            raise
        # Only this writer's articles arrived meanwhile: the Ingestor has seen them all. Otherwise
        # ``seen`` stays put and the next ingest rebuilds, as it would for any other writer's articles.
        arrived, last = self._local.recorder.articles_after(before)
        if arrived == sum(outcome.status == "stored" for outcome in outcomes):
            self._local.seen = last
        return outcomes

    def _reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.url)
        return store

    def _ingest_one(self, item: RawDocument | Rejection) -> Outcome:
        recorder, ingestor = self._local.recorder, self._local.ingestor
        recorder.events.clear()
        ingestor.ingest([item])
        name = item.origin if isinstance(item, RawDocument) else item.input
        submitted = item.id if isinstance(item, RawDocument) else item.article
        for kind, value in recorder.events:
            if kind == "stored":
                return Outcome(input=name, status="stored", article=value.article.id, story=value.story,
                               copy_of=value.copy_of)
            if kind == "updated":
                stored = recorder.article(value)
                return Outcome(input=name, status="updated", article=value, story=stored.story if stored else None)
            if kind == "rejected":
                return Outcome(input=name, status="rejected", article=value.article or submitted,
                               reason=value.reason)
        return Outcome(input=name, status="duplicate", article=submitted,
                       reason="already stored (same URL and text, or the same text under another name)")

    def _make_brief(self, story_id: str) -> Brief:
        if self._engine is None:
            from ..api import Newsweave

            self._engine = Newsweave(self.options)
        return self._engine.brief_story(story_id, store=self._reader())

    @staticmethod
    async def _run(pool: ThreadPoolExecutor | None, work: Callable[[], T]) -> T:
        if pool is None:
            raise RuntimeError("the store is not open: StoreAccess.open() was not called")
        return await asyncio.get_running_loop().run_in_executor(pool, work)
