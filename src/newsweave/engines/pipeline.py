"""The batch job, written once for every engine: an engine only says how to run a list of tasks
(``Executor.map``); which tasks, in which order, and how their outputs are put together is here.

Stages: (1) per shard, read and prepare (``shards.read_shard``); (2) on the client, wire copies over
the whole corpus in arrival order (``blocks.find_copies``); (3) per week, online story clustering
(``blocks.cluster_block``) and on the client the merge across week edges; (4) per chunk of stories,
briefs and article rows (``chunks.write_chunk``); then the client joins the part files into the
outputs, each written atomically, and optionally loads the articles into a store.
"""

from __future__ import annotations

import glob
import json
import shutil
import time
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Protocol, Sequence

from ..config import Options
from ..errors import OptionsError
from ..model import BatchSummary, Rejection
from .atomic import write_atomically, write_bytes_atomically
from .blocks import cluster_block, find_copies, plan_stories, split_blocks, unique_entries
from .chunks import articles_schema, chunk_stories, write_chunk
from .records import ChunkResult, PlannedStory, ShardResult
from .shards import read_shard

OUTPUTS = ("stories.parquet", "articles.parquet", "briefs.jsonl", "rejections.jsonl")
WORK = "_parts"
# Rows per bulk load transaction (PostgreSQL): big enough that COPY, not round trips, sets the pace;
# small enough that a failed batch is cheap to redo.
BULK_ROWS = 1000


class Executor(Protocol):
    """Runs one stage's tasks and returns their results in the order of ``calls``. ``needs_nlp``
    tasks get the engine's loaded spaCy pipeline as ``nlp=``."""

    def map(self, function: Callable, calls: Sequence[tuple], *, stage: str, needs_nlp: bool) -> list: ...


def expand_inputs(patterns: Sequence[str]) -> list[str]:
    """Shard paths from names and globs, in a stable order; a pattern matching nothing is kept as a
    name, so reading it records a "no such file" rejection instead of silently dropping it."""
    names: list[str] = []
    for pattern in patterns:
        matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
        names += matches or [pattern]
    if not names:
        raise OptionsError("give at least one shard (WARC or JSON Lines file, or a glob)")
    return list(dict.fromkeys(names))


def run_pipeline(inputs: Sequence[str], out: str | Path, executor: Executor, *, options: Options,
                 db: str | None = None) -> BatchSummary:
    started = time.perf_counter()
    shards = expand_inputs(inputs)
    out = Path(out)
    work = out / WORK
    work.mkdir(parents=True, exist_ok=True)

    results: list[ShardResult] = executor.map(read_shard, [(i, name, str(work), options) for i, name in enumerate(shards)],
                                              stage="read", needs_nlp=True)
    rejections = [r for result in results for r in result.rejections]
    entries, duplicates = unique_entries(e for result in results for e in result.entries)
    rejections += duplicates
    copies = find_copies(entries, threshold=options.stories.copy_threshold)

    blocks = split_blocks(entries)
    clustered = executor.map(cluster_block, [(name, members, {a.article: copies[a.article] for a in members
                                                              if a.article in copies}, options.stories)
                                             for name, members in blocks.items()], stage="cluster", needs_nlp=False)
    stories = plan_stories(entries, clustered, copies)

    chunks: list[ChunkResult] = executor.map(write_chunk, [(i, chunk, str(work), options)
                                                           for i, chunk in enumerate(chunk_stories(stories))],
                                             stage="brief", needs_nlp=True)
    rejections += [r for chunk in chunks for r in chunk.rejections]
    if db is not None:
        rejections += load_into_store(db, work, stories, [e.article for e in entries])
    briefs = _assemble(out, chunks, rejections)
    shutil.rmtree(work, ignore_errors=True)
    return BatchSummary(shards=len(shards), articles=len(entries), copies=len(copies), stories=len(stories),
                        briefs=briefs, rejected=len(rejections), outputs=tuple(str(out / name) for name in OUTPUTS),
                        seconds=time.perf_counter() - started)


def _assemble(out: Path, chunks: list[ChunkResult], rejections: list[Rejection]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ordered = sorted(chunks, key=lambda c: c.chunk)
    lines = b"".join(Path(c.briefs).read_bytes() for c in ordered)
    write_bytes_atomically(out / "briefs.jsonl", lines)
    tables = [pq.read_table(c.articles) for c in ordered]
    articles = pa.concat_tables(tables) if tables else articles_schema().empty_table()
    write_atomically(out / "articles.parquet", lambda handle: pq.write_table(articles, handle))
    stories = [s for c in ordered for s in c.stories]
    table = pa.Table.from_pylist(
        [{"id": s.id, "title": s.title, "size": len(s.articles), "outlets": list(s.outlets),
          "first_published": s.first_published, "last_published": s.last_published, "articles": list(s.articles)}
         for s in stories], schema=_stories_schema())
    write_atomically(out / "stories.parquet", lambda handle: pq.write_table(table, handle))
    write_bytes_atomically(out / "rejections.jsonl", "".join(
        json.dumps(asdict(r), ensure_ascii=False, sort_keys=True) + "\n" for r in rejections).encode("utf-8"))
    return lines.count(b"\n")


def _stories_schema():
    import pyarrow as pa

    return pa.schema([("id", pa.string()), ("title", pa.string()), ("size", pa.int64()),
                      ("outlets", pa.list_(pa.string())), ("first_published", pa.timestamp("us")),
                      ("last_published", pa.timestamp("us")), ("articles", pa.list_(pa.string()))])


def load_into_store(db: str, work: Path, stories: list[PlannedStory], order: list[str]) -> list[Rejection]:
    """Add every article to the store at ``db`` in arrival order (``order``), so an original is
    stored before its copies: on PostgreSQL by ``COPY`` in batches of ``BULK_ROWS``, elsewhere one
    transaction per article as ``ingest`` does. An article already stored under the same key is
    skipped, so loading the same job twice stores each article once; one the store refuses (e.g. its
    id is taken by another article) comes back as a rejection."""
    from ..errors import StoreError
    from ..model import StoredArticle
    from ..store import open_store
    from ..stories import article_key
    from .shards import load_part, part_path

    placed = {item.article: (story.id, item) for story in stories for item in story.articles}
    parts: dict[int, list] = {}
    problems: list[Rejection] = []

    def row(article_id: str) -> tuple[StoredArticle, str, bytes, bytes]:
        story, item = placed[article_id]
        if item.shard not in parts:
            parts[item.shard] = load_part(str(part_path(work, item.shard)))
        article = parts[item.shard][item.position].article
        return (StoredArticle(article=article, content_hash=item.content_hash, story=story, copy_of=item.copy_of),
                article_key(article), item.features, item.signature)

    def one_by_one(store, ids: list[str]) -> None:
        for article_id in ids:
            record, key, features, signature = row(article_id)
            if store.find_by_key(key) is not None:
                continue
            try:
                store.add_article(record, key=key, features=features, signature=signature)
            except StoreError as error:
                problems.append(Rejection(input=db, article=article_id, reason=f"not loaded into the store: {error}"))

    with open_store(db) as store:
        bulk = getattr(store, "add_articles", None)
        if bulk is None:
            one_by_one(store, order)
            return problems
        for start in range(0, len(order), BULK_ROWS):
            ids = order[start:start + BULK_ROWS]
            try:
                refused = bulk([row(article_id) for article_id in ids])
            except StoreError:
                one_by_one(store, ids)  # find and report the row the batch could not take, keep the rest
                continue
            problems += [Rejection(input=db, article=article_id, reason="not loaded into the store: another "
                                   "stored article already has this id") for article_id in refused]
    return problems
