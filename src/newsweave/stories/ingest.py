"""Ingest: raw documents → stored articles, each placed in a story, one transaction per article.

Idempotent: an article already stored under the same key (its URL, or where it was read from) with
the same normalised text, or any stored article with the same normalised text, is a duplicate and
is not stored again; the same key with different text is an update, stored as a new version.

Crash-safe: articles are written in small batches, one transaction each (an article always with its
story's counters, never half of it). On start the clustering state is rebuilt by replaying the
stored articles in arrival order, so a run killed at any point and started again resumes exactly
where the store says it stopped, and the same input always ends in the same stories.

Second pass (``StoryOptions.merge_threshold``, off by default): at the end of a run the stories it
touched and their neighbours are merged by average linkage (``second_pass``), in one transaction.
A run killed before that transaction commits leaves the online stories, all consistent; the re-run
finds every article stored and so touches no story: ``newsweave stories --merge`` runs the pass
over the whole store. Merges happen at the end of each run, so one input ingested in one run or in
several can end in different merges (never in a lost or doubled article).

Fast path: text the sources already extracted (plain text, JSON records, SGML) needs no spaCy
here: clustering uses its own tokeniser, and sentences are only needed when a brief is written.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from typing import Callable, Iterable, Iterator, TypeVar

from ..config import Options
from ..documents import check_article, clean, to_article
from ..errors import InputError
from ..model import Article, IngestSummary, RawDocument, Rejection, StoredArticle
from ..store import Store
from .assign import Decision, StoryAssigner
from .second_pass import merge_touched
from .vectors import Features

# Articles committed together. A crash loses at most this many articles' work, which a re-run
# redoes; one commit per article made commits most of the ingest time.
BATCH = 32
T = TypeVar("T")


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def content_hash(text: str) -> str:
    """sha256 of the text with case and spacing folded: the same article re-spaced is the same text."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


def article_key(article: Article) -> str:
    """What identifies "the same article" across runs: its URL, else where it was read from."""
    if article.url:
        return article.url
    origin = article.origin
    if origin and origin != "-" and "://" not in origin:
        origin = os.path.abspath(origin)
    return f"{origin}::{article.id}"


class Ingestor:
    """Stores articles into ``store`` and assigns their stories. Rebuilds its state from the store."""

    def __init__(self, store: Store, options: Options | None = None):
        self.store = store
        self.options = options or Options()
        self._touched: dict[str, None] = {}  # stories given articles since the last second pass
        self._rebuild()

    def _rebuild(self) -> None:
        self.assigner = StoryAssigner(self.options.stories)
        for gone in self.store.merged_stories():
            self.assigner.clusterer.note_story_id(gone)
        for stored in self.store.features():
            self.assigner.commit(Decision(article=stored.article, story=stored.story, new_story=False, score=0.0,
                                          copy_of=None, features=Features.from_bytes(stored.features),
                                          signature=stored.signature, published=stored.published))

    def ingest(self, items: Iterable[RawDocument | Rejection], *, progress: bool = False) -> IngestSummary:
        """Ingest every item; rejections (given, or found here) are recorded with their reasons."""
        from tqdm import tqdm

        counts = {"read": 0, "stored": 0, "duplicates": 0, "updated": 0, "rejected": 0}
        with tqdm(items, disable=not progress, unit=" articles", desc="ingest", leave=False) as bar:
            for batch in _batches(bar, BATCH):
                for outcome in self._transaction(lambda: [self._one(item) for item in batch]):
                    counts[outcome] += 1
                counts["read"] += len(batch)
        return IngestSummary(**counts, merged=self.merge())

    def merge(self) -> int:
        """The second pass over the stories given articles since the last pass and their neighbours,
        in one transaction (``second_pass.merge_store`` covers the whole store); returns the stories
        merged away. Nothing when ``StoryOptions.merge_threshold`` is None."""
        threshold = self.options.stories.merge_threshold
        if threshold is None:
            return 0
        chosen = list(self._touched)
        absorb = self.options.stories.absorb_size
        merged = self._transaction(lambda: merge_touched(self.assigner, self.store, chosen, threshold=threshold,
                                                         absorb=absorb))
        self._touched = {}
        return merged

    def _transaction(self, work: Callable[[], T]) -> T:
        try:
            with self.store.batch():
                return work()
        except BaseException:
            # Rolled back: forget what it taught the clustering state, too.
            self._rebuild()
            raise

    def _one(self, item: RawDocument | Rejection) -> str:
        if isinstance(item, Rejection):
            self.store.record_rejection(item)
            return "rejected"
        try:
            article = self._article(item)
        except InputError as error:
            self.store.record_rejection(Rejection(input=error.input, reason=error.reason, article=error.article))
            return "rejected"
        return self.add(article)

    def add(self, article: Article) -> str:
        """Store one article; returns what happened: "stored", "duplicates" or "updated"."""
        digest = content_hash(article.text)
        key = article_key(article)
        existing = self.store.find_by_key(key)
        if existing is not None:
            if existing.content_hash == digest:
                return "duplicates"
            self.store.update_article(existing.article.id, replace(article, id=existing.article.id),
                                      content_hash=digest)
            return "updated"
        if self.store.find_by_hash(digest) is not None:
            return "duplicates"
        article = replace(article, id=self._free_id(article.id))
        decision = self.assigner.decide(article)
        record = StoredArticle(article=article, content_hash=digest, story=decision.story, copy_of=decision.copy_of)
        self.store.add_article(record, key=key, features=decision.features.to_bytes(), signature=decision.signature)
        self.assigner.commit(decision)
        if self.options.stories.merge_threshold is not None:  # else nothing would ever empty it
            self._touched[decision.story] = None
        return "stored"

    def _article(self, raw: RawDocument) -> Article:
        article = to_article(raw, self.options)
        # The same gate as ``prepare`` (one code path); clean() is regex-only, so the fast path stays fast.
        regions, _ = clean(article.text)
        check_article(article, regions, self.options)
        return article

    def _free_id(self, article_id: str) -> str:
        """``article_id``, or ``article_id~2``, ``~3``… when another article already has it."""
        candidate, n = article_id, 1
        while self.store.article(candidate) is not None:
            n += 1
            candidate = f"{article_id}~{n}"
        return candidate
