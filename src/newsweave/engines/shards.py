"""Stage 1, one task per shard: read, extract, clean, segment (``Newsweave.read``, unchanged), then
fingerprint and count terms. The shard's Documents go to one part file, written atomically; the
task returns only what placing the articles needs (``ShardEntry``)."""

from __future__ import annotations

import pickle
from pathlib import Path

from ..config import Options
from ..documents import Nlp
from ..documents.fingerprint import signature, signature_bytes
from ..model import Document, Rejection
from ..sources.dates import naive_utc
from ..stories import content_hash
from ..stories.vectors import term_counts
from .atomic import write_bytes_atomically
from .records import ShardEntry, ShardResult, pack_counts


def part_path(work: Path, shard: int) -> Path:
    return work / f"documents-{shard:05d}.pickle"


def read_shard(shard: int, name: str, work: str, options: Options, *, nlp: Nlp) -> ShardResult:
    """Every article of one shard, prepared; a shard whose reader fails is skipped whole, reported."""
    from ..api import Newsweave

    try:
        documents, rejections = Newsweave(options, nlp=nlp).read([name])
    except Exception as error:  # noqa: BLE001 - any failure of one shard must not stop the other shards
        documents, rejections = [], [Rejection(input=name, reason=f"corrupt shard skipped: {type(error).__name__}: "
                                                                  f"{str(error)[:200]}")]
    part = write_bytes_atomically(part_path(Path(work), shard), pickle.dumps(documents, protocol=5))
    entries = tuple(_entry(shard, position, document) for position, document in enumerate(documents))
    return ShardResult(shard=shard, input=name, part=str(part), entries=entries, rejections=tuple(rejections))


def load_part(path: str) -> list[Document]:
    # Our own files, written by read_shard in this job's work directory: trusted input to pickle.
    with open(path, "rb") as handle:
        return pickle.load(handle)


def _entry(shard: int, position: int, document: Document) -> ShardEntry:
    article = document.article
    counts = term_counts(article.text, article.title)
    # Naive UTC, so dates from any source compare (an aware and a naive datetime cannot be ordered).
    return ShardEntry(article=article.id, shard=shard, position=position, published=naive_utc(article.published),
                      counts=pack_counts(counts), signature=signature_bytes(signature(article.text)),
                      content_hash=content_hash(article.text))
