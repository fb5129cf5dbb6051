"""What the batch stages hand one another. Small on purpose: article texts stay in the per-shard
part files on disk (``shards.py``); only ids, dates, hashed term counts and fingerprints travel
between the workers and the client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..model import Rejection, Story


@dataclass(frozen=True)
class ShardEntry:
    """One usable article of a shard: where it is (shard, position in the shard's part file) and what
    placing it needs (date, hashed term counts for clustering, MinHash signature for copies)."""

    article: str
    shard: int
    position: int
    published: datetime | None
    counts: tuple[tuple[int, int], ...]
    signature: bytes
    content_hash: str


@dataclass(frozen=True)
class ShardResult:
    shard: int
    input: str
    part: str
    entries: tuple[ShardEntry, ...]
    rejections: tuple[Rejection, ...]


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
    """One brief task's output: its part files and the stories it described."""

    chunk: int
    briefs: str
    articles: str
    stories: tuple[Story, ...]
    rejections: tuple[Rejection, ...]
