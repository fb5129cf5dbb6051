"""What the batch stages hand one another. Per-article records (``ShardEntry``, ``PlannedArticle``)
move between workers through the work directory (``exchange.py``); what a task returns to the
client (``ShardResult``, ``WeekResult``, ``ChunkResult``) is counts, names and rejections only, so the
client holds no state that grows with the number of articles read."""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from ..model import Rejection


@dataclass(frozen=True)
class ShardEntry:
    """One usable article of a shard: where it is (shard, position in the shard's part file) and what
    placing it needs (date, hashed term counts for clustering, MinHash signature for copies)."""

    article: str
    shard: int
    position: int
    published: datetime | None
    counts: bytes
    """Hashed term counts packed by ``pack_counts``: 1.4 KB per DUC article in memory, where a tuple
    of (term, count) tuples took 7.3 KB on the client that gathers every entry."""
    signature: bytes
    content_hash: str


def pack_counts(counts: Mapping[int, float]) -> bytes:
    """Term ids as uint32 then their counts as float64 (counts are weighted: a name in a title
    counts 3.0), both in term order; float64 keeps every count exactly as ``term_counts`` made it."""
    terms = sorted(counts)
    return (array("I", [len(terms)]).tobytes() + array("I", terms).tobytes()
            + array("d", (float(counts[t]) for t in terms)).tobytes())


def unpack_counts(data: bytes) -> dict[int, float]:
    head, terms, values = array("I"), array("I"), array("d")
    head.frombytes(data[:4])
    terms.frombytes(data[4:4 + 4 * head[0]])
    values.frombytes(data[4 + 4 * head[0]:])
    return dict(zip(terms, values))


@dataclass(frozen=True)
class ShardResult:
    """One read task: its articles went to the exchanges; the client learns how many, which weeks
    they fall in, and what was rejected."""

    shard: int
    input: str
    part: str
    articles: int
    weeks: tuple[str, ...]
    rejections: tuple[Rejection, ...]


@dataclass(frozen=True)
class WeekResult:
    """One week clustered: its articles (after duplicate ids were dropped) and wire copies."""

    week: str
    articles: int
    copies: int


@dataclass(frozen=True)
class BlockStories:
    """One time block clustered on its own: each article's story (local to the block, in arrival
    order), each story's centroid (sum of its articles' unit vectors), and each article's features
    (the bytes a store keeps to replay clustering)."""

    block: str
    assignments: tuple[tuple[str, str], ...]
    centroids: tuple[tuple[str, tuple[tuple[int, float], ...]], ...]
    features: tuple[tuple[str, bytes], ...]


@dataclass(frozen=True)
class PlannedArticle:
    article: str
    shard: int
    position: int
    copy_of: str | None
    content_hash: str
    features: bytes
    signature: bytes


@dataclass(frozen=True)
class PlannedStory:
    id: str
    articles: tuple[PlannedArticle, ...]


@dataclass(frozen=True)
class ChunkResult:
    """One brief task's output: its part files (briefs, article rows, story rows) and counts."""

    chunk: str
    briefs: str
    articles: str
    stories: str
    written: int
    """Stories described (rows in the ``stories`` part)."""
    briefed: int
    """Briefs written (lines in the ``briefs`` part): one per story unless its brief failed."""
    rejections: tuple[Rejection, ...]
