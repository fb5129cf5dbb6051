"""Stage 1, one task per shard: read, extract, clean, segment (``Newsweave.read``, unchanged), then
fingerprint and count terms. The shard's Documents go to one part file, written atomically; each
article's ``ShardEntry`` goes to three exchanges (``exchange.py``): by week (``WEEKS``, for
clustering), by LSH band (``copies.BANDS``, for wire copies) and by id (``IDS``, for duplicate ids).
The client gets back counts and week names only."""

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
from .blocks import arrival_key, block_of
from .copies import BANDS, band_records
from .exchange import bucket_of, write_partitioned
from .records import ShardEntry, ShardResult, pack_counts

WEEKS = "weeks"
IDS = "ids"


def part_path(work: Path, shard: int) -> Path:
    return work / f"documents-{shard:05d}.pickle"


def read_shard(shard: int, name: str, work: str, options: Options, buckets: int, *, nlp: Nlp) -> ShardResult:
    """Every article of one shard, prepared and sent on; a shard whose reader fails is skipped
    whole, reported. ``buckets`` is the number of band and id buckets (copies and ids tasks)."""
    from ..api import Newsweave

    try:
        documents, rejections = Newsweave(options, nlp=nlp).read([name])
    except Exception as error:  # noqa: BLE001 - any failure of one shard must not stop the other shards
        documents, rejections = [], [Rejection(input=name, reason=f"corrupt shard skipped: {type(error).__name__}: "
                                                                  f"{str(error)[:200]}")]
    part = write_bytes_atomically(part_path(Path(work), shard), pickle.dumps(documents, protocol=5))
    entries = [_entry(shard, position, document, options.stories.name_weight)
               for position, document in enumerate(documents)]
    placed = [(entry, arrival_key(entry), block_of(entry.published)) for entry in entries]
    source = f"s{shard:05d}"
    weeks = write_partitioned(Path(work), WEEKS, source, ((week, entry) for entry, _, week in placed))
    write_partitioned(Path(work), BANDS, source, band_records(placed, threshold=options.stories.copy_threshold,
                                                              buckets=buckets))
    write_partitioned(Path(work), IDS, source, ((bucket_of(e.article, buckets), (e.article, e.shard, e.position))
                                                for e in entries))
    return ShardResult(shard=shard, input=name, part=str(part), articles=len(entries), weeks=tuple(weeks),
                       rejections=tuple(rejections))


def load_part(path: str) -> list[Document]:
    # Our own files, written by read_shard in this job's work directory: trusted input to pickle.
    with open(path, "rb") as handle:
        return pickle.load(handle)


def _entry(shard: int, position: int, document: Document, name_weight: float) -> ShardEntry:
    article = document.article
    counts = term_counts(article.text, article.title, name_weight=name_weight)
    # Naive UTC, so dates from any source compare (an aware and a naive datetime cannot be ordered).
    return ShardEntry(article=article.id, shard=shard, position=position, published=naive_utc(article.published),
                      counts=pack_counts(counts), signature=signature_bytes(signature(article.text)),
                      content_hash=content_hash(article.text))
