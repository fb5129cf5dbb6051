"""A partitioned exchange (a shuffle) through the job's work directory, the same for every engine.

A task of one stage writes its records grouped by destination bucket, one file per (bucket, source
task) at ``WORK/EXCHANGE/BUCKET/SOURCE.pickle``; a task of the next stage reads every file of one
bucket. Each file is written atomically under a name fixed by its bucket and source, so a retried
source task replaces its own files and never adds a second copy. The engine's stage barrier (every
task of a stage finishes before the next stage starts) is what makes a bucket complete when read.

With ``--scheduler`` the work directory is on a file system every worker mounts (as the part files
already are), so records move worker to worker without passing through the client.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Hashable, Iterable

from .atomic import write_bytes_atomically


def bucket_of(key: str | bytes, buckets: int) -> int:
    """A stable bucket in ``range(buckets)``: the same in every process (``hash()`` is salted per
    process, so a worker and a retry could disagree)."""
    data = key.encode("utf-8") if isinstance(key, str) else key
    return int.from_bytes(hashlib.blake2b(data, digest_size=8).digest(), "big") % buckets


def write_partitioned(work: Path, exchange: str, source: str, records: Iterable[tuple[Hashable, object]]) -> list[str]:
    """Write ``(bucket, record)`` pairs, keeping their order within each bucket; returns the buckets
    written (as directory names), in first-seen order."""
    grouped: dict[str, list] = {}
    for bucket, record in records:
        grouped.setdefault(str(bucket), []).append(record)
    for bucket, items in grouped.items():
        write_bytes_atomically(work / exchange / bucket / f"{source}.pickle", pickle.dumps(items, protocol=5))
    return list(grouped)


def read_partition(work: Path, exchange: str, bucket: Hashable) -> list:
    """Every record sent to ``bucket``, source by source in the order of their names."""
    directory = work / exchange / str(bucket)
    records: list = []
    for path in sorted(directory.glob("*.pickle")) if directory.is_dir() else ():
        # Our own files, written by write_partitioned in this job's work directory: trusted input to pickle.
        with open(path, "rb") as handle:
            records += pickle.load(handle)
    return records


def write_one(work: Path, name: str, value: object) -> Path:
    """One stage output addressed by name (``WORK/NAME.pickle``), written atomically."""
    return write_bytes_atomically(work / f"{name}.pickle", pickle.dumps(value, protocol=5))


def read_one(work: Path, name: str) -> object:
    with open(work / f"{name}.pickle", "rb") as handle:
        return pickle.load(handle)
