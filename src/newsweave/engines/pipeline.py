"""The batch job, written once for every engine: an engine only says how to run a list of tasks
(``Executor.map``); which tasks, in which order, and how their outputs are put together is here.

Stages, each a list of tasks on the workers: (1) per shard, read and prepare (``shards.read_shard``),
sending each article's entry to the week, band and id exchanges; (2) per id bucket, duplicate ids
(``weeks.find_duplicates``); per band bucket, wire copies (``copies.find_bucket_copies``); (3) per
week, online story clustering (``weeks.cluster_week``), then per week the merge with the weeks
before (``weeks.merge_week``); (4) per week, articles routed to the week their story starts in and
planned into chunks (``weeks.route_week``, ``weeks.plan_week``); (5) per chunk of stories, briefs
and article and story rows (``chunks.write_chunk``). The client then streams the part files into
the outputs, each written atomically, and optionally loads the articles into a store.

What reaches the client: per task, counts, week names and rejections; from the merge, only the
stories that join an earlier week's story (an edge each); from planning, one name and size per
chunk. Per-article records stay in the work directory (``exchange.py``).
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
from .blocks import MERGE_THRESHOLD, MERGE_WEEKS, UNDATED, resolve, window
from .chunks import articles_schema, group, stories_schema, write_chunk
from .copies import find_bucket_copies
from .exchange import read_one
from .records import ChunkResult, PlannedArticle, ShardResult, WeekResult
from .shards import read_shard
from .weeks import Node, cluster_week, find_duplicates, merge_week, plan_week, route_week

OUTPUTS = ("stories.parquet", "articles.parquet", "briefs.jsonl", "rejections.jsonl")
WORK = "_parts"
# Rows per bulk load transaction (PostgreSQL): big enough that COPY, not round trips, sets the pace;
# small enough that a failed batch is cheap to redo.
BULK_ROWS = 1000
# Band and id buckets (tasks of the copies and ids stages): one per shard, so those stages spread
# like the read stage, up to a bound that keeps the exchange's files (shards × buckets) manageable.
MAX_BUCKETS = 512


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
    where = str(work)
    buckets = min(MAX_BUCKETS, len(shards))

    read: list[ShardResult] = executor.map(read_shard, [(i, name, where, options, buckets)
                                                        for i, name in enumerate(shards)], stage="read", needs_nlp=True)
    rejections = [r for result in read for r in result.rejections]
    weeks = sorted({week for result in read for week in result.weeks}, key=lambda w: (w == UNDATED, w))

    duplicates = sorted((found for bucket in executor.map(find_duplicates, [(b, where) for b in range(buckets)],
                                                          stage="ids", needs_nlp=False) for found in bucket),
                        key=lambda found: found[0])
    rejections += [rejection for _, rejection in duplicates]
    dropped = frozenset(place for place, _ in duplicates)
    executor.map(find_bucket_copies, [(b, where, options.stories.copy_threshold, dropped) for b in range(buckets)],
                 stage="copies", needs_nlp=False)

    clustered: list[WeekResult] = executor.map(cluster_week, [(week, where, dropped, options.stories) for week in weeks],
                                               stage="cluster", needs_nlp=False)
    edges = dict(edge for found in executor.map(merge_week, [(week, window(week, weeks), where, MERGE_THRESHOLD,
                                                              MERGE_WEEKS) for week in weeks],
                                                stage="merge", needs_nlp=False) for edge in found)
    roots = resolve(edges)
    merged: dict[str, dict[Node, Node]] = {}
    for node, root in roots.items():
        merged.setdefault(node[0], {})[node] = root
    executor.map(route_week, [(week, where, merged.get(week, {})) for week in weeks], stage="route", needs_nlp=False)
    plans = [plan for found in executor.map(plan_week, [(week, where) for week in weeks], stage="plan", needs_nlp=False)
             for plan in found]

    tasks = group([name for name, _ in plans], [size for _, size in plans])
    chunks: list[ChunkResult] = executor.map(write_chunk, [(names[0].removeprefix("plan-"), names, where, options)
                                                           for names in tasks], stage="brief", needs_nlp=True)
    rejections += [r for chunk in chunks for r in chunk.rejections]
    if db is not None:
        rejections += load_into_store(db, work, weeks, roots)
    _assemble(out, chunks, rejections)
    shutil.rmtree(work, ignore_errors=True)
    return BatchSummary(shards=len(shards), articles=sum(w.articles for w in clustered),
                        copies=sum(w.copies for w in clustered), stories=sum(c.written for c in chunks),
                        briefs=sum(c.briefed for c in chunks), rejected=len(rejections),
                        outputs=tuple(str(out / name) for name in OUTPUTS), seconds=time.perf_counter() - started)


def _assemble(out: Path, chunks: list[ChunkResult], rejections: list[Rejection]) -> None:
    """Stream the chunks' part files, in chunk order, into the outputs: one part in memory at a time."""
    def briefs(handle) -> None:
        for chunk in chunks:
            with open(chunk.briefs, "rb") as part:
                shutil.copyfileobj(part, handle)

    write_atomically(out / "briefs.jsonl", briefs)
    _concatenate(out / "articles.parquet", [c.articles for c in chunks], articles_schema())
    _concatenate(out / "stories.parquet", [c.stories for c in chunks], stories_schema())
    write_bytes_atomically(out / "rejections.jsonl", "".join(
        json.dumps(asdict(r), ensure_ascii=False, sort_keys=True) + "\n" for r in rejections).encode("utf-8"))


def _concatenate(path: Path, parts: list[str], schema) -> None:
    import pyarrow.parquet as pq

    def write(handle) -> None:
        with pq.ParquetWriter(handle, schema) as writer:
            for part in parts:
                writer.write_table(pq.read_table(part))

    write_atomically(path, write)


def load_into_store(db: str, work: Path, weeks: list[str], roots: dict[Node, Node]) -> list[Rejection]:
    """Add every article to the store at ``db`` in arrival order (week by week, each week's plan in
    arrival order), so an original is stored before its copies: on PostgreSQL by ``COPY`` in batches
    of ``BULK_ROWS``, elsewhere one transaction per article as ``ingest`` does. An article already
    stored under the same key is skipped, so loading the same job twice stores each article once; one
    the store refuses (e.g. its id is taken by another article) comes back as a rejection. One week's
    articles and one shard's part file are in memory at a time."""
    from ..errors import StoreError
    from ..model import StoredArticle
    from ..store import open_store
    from ..stories import article_key
    from .shards import load_part, part_path

    problems: list[Rejection] = []

    def records(week: str) -> list[tuple[StoredArticle, str, bytes, bytes]]:
        rows: list[tuple[str, PlannedArticle]] = read_one(work, f"week-{week}")
        articles = {}
        for shard in sorted({item.shard for _, item in rows}):  # one shard's Documents in memory at a time
            documents = load_part(str(part_path(work, shard)))
            articles |= {(shard, item.position): documents[item.position].article for _, item in rows
                         if item.shard == shard}
        found = []
        for story, item in rows:
            article = articles[(item.shard, item.position)]
            final = roots.get((week, story), (week, story))[1]
            found.append((StoredArticle(article=article, content_hash=item.content_hash, story=final,
                                        copy_of=item.copy_of), article_key(article), item.features, item.signature))
        return found

    def one_by_one(store, batch: list) -> None:
        for record, key, features, signature in batch:
            if store.find_by_key(key) is not None:
                continue
            try:
                store.add_article(record, key=key, features=features, signature=signature)
            except StoreError as error:
                problems.append(Rejection(input=db, article=record.article.id, reason=f"not loaded into the store: "
                                                                                      f"{error}"))

    with open_store(db) as store:
        bulk = getattr(store, "add_articles", None)
        for week in weeks:
            rows = records(week)
            if bulk is None:
                one_by_one(store, rows)
                continue
            for start in range(0, len(rows), BULK_ROWS):
                batch = rows[start:start + BULK_ROWS]
                try:
                    refused = bulk(batch)
                except StoreError:
                    one_by_one(store, batch)  # find and report the row the batch could not take, keep the rest
                    continue
                problems += [Rejection(input=db, article=article_id, reason="not loaded into the store: another "
                                       "stored article already has this id") for article_id in refused]
    return problems
