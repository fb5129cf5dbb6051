"""Summarisation datasets: gzip (or plain) JSON Lines records ``{id, documents: [str], summaries: [str]}``.

The format of ``../shared/data/multinews/val.jsonl.gz`` and ``../shared/data/duc2006/test.jsonl.gz``.
A malformed line raises ``EvaluationError`` naming the file and line (``jsonl.json_objects``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import EvaluationError
from .jsonl import json_objects


@dataclass(frozen=True)
class SummaryRecord:
    """One cluster: its source documents, its reference summaries, and (DUC) the topic narrative,
    which the headline evaluation never shows the summarizer."""

    id: str
    documents: tuple[str, ...]
    summaries: tuple[str, ...]
    narrative: str | None = None


def read_summary_records(path: str | Path, *, limit: int | None = None,
                         skip_unreferenced: bool = False) -> Iterator[SummaryRecord]:
    """Records of ``path`` in file order, at most ``limit`` of them. A record without any reference
    summary is an error unless ``skip_unreferenced`` (DUC 2007 lists 20 topics it has no references
    for); skipped records do not count towards ``limit``."""
    path = Path(path)
    if limit is not None and limit < 1:
        raise EvaluationError(f"limit must be 1 or more, got {limit}")
    if not path.is_file():
        raise EvaluationError(f"{path}: no such dataset file")
    count = 0
    for where, data in json_objects(path):
        record = _record(data, where, skip_unreferenced)
        if record is None:
            continue
        yield record
        count += 1
        if limit is not None and count >= limit:
            return


def records_digest(records: list[SummaryRecord]) -> str:
    """sha256 over the ids, documents and references: pins an evaluation sample's exact inputs."""
    digest = hashlib.sha256()
    for record in records:
        for part in (record.id, *record.documents, "\x1e", *record.summaries, "\x1d"):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x1f")
    return digest.hexdigest()


def _record(data: dict, where: str, skip_unreferenced: bool) -> SummaryRecord | None:
    if not isinstance(data.get("id"), (str, int)) or isinstance(data.get("id"), bool):
        raise EvaluationError(f"{where}: 'id' must be a string or number")
    for key in ("documents", "summaries"):
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise EvaluationError(f"{where}: '{key}' must be a list of strings")
    if not any(s.strip() for s in data["summaries"]):
        if skip_unreferenced:
            return None
        raise EvaluationError(f"{where}: 'summaries' has no non-empty reference summary")
    narrative = data.get("topic_narrative")
    return SummaryRecord(id=str(data["id"]), documents=tuple(data["documents"]),
                         summaries=tuple(data["summaries"]),
                         narrative=narrative if isinstance(narrative, str) else None)
