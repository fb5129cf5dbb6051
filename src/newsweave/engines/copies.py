"""Wire copies found on the workers: the MinHash LSH of ``CopyDetector`` as a shuffle by band.

Two signatures are candidates when one of their LSH bands is equal (that is all an LSH index
does), so every article sends one record per band to the bucket of that band's value
(``band_records``, in the read stage); a copies task (``find_bucket_copies``) groups a bucket's
records by band, and in each group, in arrival order, verifies each article against the earlier
ones with the estimated Jaccard of the full signatures. The first that reaches the threshold is the
earliest original this band offers; the cluster task of the copy's week takes the earliest over all
bands (``earliest_originals``). The result is exactly ``find_copies`` (one pass through a
``CopyDetector`` in arrival order): the same bands, candidates and check, so a copy's original is
the earliest earlier article it nearly copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..documents.fingerprint import CopyDetector, from_bytes, is_empty
from .exchange import bucket_of, read_partition, write_partitioned
from .records import ShardEntry

BANDS = "bands"
COPIES = "copies"


@dataclass(frozen=True)
class BandRecord:
    band: bytes
    """The band's number and its hash values: equal bytes, equal band."""
    arrival: tuple
    article: str
    week: str
    signature: bytes


@dataclass(frozen=True)
class CopyCandidate:
    """A verified pair: ``article`` nearly copies ``original``, which arrived earlier."""

    article: str
    original: str
    original_arrival: tuple


def band_ranges(threshold: float) -> list[tuple[int, int]]:
    # Exactly the banding CopyDetector derives from the threshold (datasketch picks bands and rows
    # from it), so the shuffle finds the candidates the client-side index found.
    return CopyDetector(threshold=threshold).band_ranges


def band_records(entries: Iterable[tuple[ShardEntry, tuple, str]], *, threshold: float,
                 buckets: int) -> Iterator[tuple[int, BandRecord]]:
    """(bucket, record) for every band of every (entry, arrival key, week); an article with no words
    has an empty signature, which never matches, so it sends nothing."""
    ranges = band_ranges(threshold)
    for entry, arrival, week in entries:
        sig = from_bytes(entry.signature)
        if is_empty(sig):
            continue
        values = sig.hashvalues.astype("<u4")
        for number, (start, end) in enumerate(ranges):
            band = number.to_bytes(2, "big") + values[start:end].tobytes()
            yield bucket_of(band, buckets), BandRecord(band=band, arrival=arrival, article=entry.article, week=week,
                                                       signature=entry.signature)


def find_bucket_copies(bucket: int, work: str, threshold: float, dropped: frozenset[tuple[int, int]]) -> int:
    """Verify the candidate pairs of one band bucket and send each copy's earliest original in each
    band to the copy's week (exchange ``copies``). Returns the number of pairs sent."""
    records = [r for r in read_partition(Path(work), BANDS, bucket) if _place(r.arrival) not in dropped]
    groups: dict[bytes, list[BandRecord]] = {}
    for record in records:
        groups.setdefault(record.band, []).append(record)
    found: list[tuple[str, CopyCandidate]] = []
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda r: r.arrival)
        signatures = [from_bytes(r.signature) for r in group]
        for index in range(1, len(group)):
            original = next((j for j in range(index) if signatures[index].jaccard(signatures[j]) >= threshold), None)
            if original is not None:
                found.append((group[index].week, CopyCandidate(article=group[index].article,
                                                               original=group[original].article,
                                                               original_arrival=group[original].arrival)))
    write_partitioned(Path(work), COPIES, f"b{bucket:05d}", found)
    return len(found)


def earliest_originals(work: Path, week: str) -> dict[str, str]:
    """Article → its earliest original, over every band that paired them (this week's copies)."""
    best: dict[str, CopyCandidate] = {}
    for candidate in read_partition(work, COPIES, week):
        held = best.get(candidate.article)
        if held is None or candidate.original_arrival < held.original_arrival:
            best[candidate.article] = candidate
    return {article: candidate.original for article, candidate in best.items()}


def _place(arrival: tuple) -> tuple[int, int]:
    # The arrival key ends with (shard, position): where the article was read.
    return arrival[-2], arrival[-1]
