"""Clustering datasets as ordered streams of ``ClusterRecord``s.

Three shapes are read, chosen by content, so one command covers the three evaluations:

- clustering records ``{id, date, title, text, cluster}`` (gzip or plain JSON Lines), in file order
  (``../shared/data/clustering_derived/duc_2006_2007_docs.jsonl.gz``);
- summarisation records ``{id, documents: [...]}`` (Multi-News): every document of every cluster is
  pooled and shuffled with a fixed seed; gold = the cluster id; no dates; empty documents skipped
  (they are counted in ``skipped``); ``offset`` and ``limit`` take whole clusters in file order before
  shuffling (``offset`` 6000: skip clusters until 6,000 documents are passed), so a later slice of
  the file can serve to tune on and the first to report on;
- the ECB+ token file (``ECB_Dev_corpus.txt``: doc, sentence, token index, token, chain): documents
  are rebuilt from their tokens; gold = topic + ``ecb``/``ecbplus`` (the sub-topic); no dates; the
  order is shuffled with a fixed seed so that the two sub-topics of a topic are interleaved.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import EvaluationError
from .jsonl import json_objects

SEED = 20240601


@dataclass(frozen=True)
class ClusterRecord:
    id: str
    text: str
    cluster: str
    title: str | None = None
    date: date | None = None


@dataclass(frozen=True)
class ClusterDataset:
    name: str
    records: tuple[ClusterRecord, ...]
    skipped: int = 0


def read_cluster_dataset(path: str | Path, *, limit: int | None = None, offset: int = 0) -> ClusterDataset:
    """The records of ``path`` in stream order (at most ``limit``, after the first ``offset``), whatever
    its shape."""
    path = Path(path)
    if limit is not None and limit < 1:
        raise EvaluationError(f"limit must be 1 or more, got {limit}")
    if offset < 0:
        raise EvaluationError(f"offset must be 0 or more, got {offset}")
    if not path.is_file():
        raise EvaluationError(f"{path}: no such dataset file")
    if path.suffix == ".txt":
        records, skipped = _ecbplus(path)[offset:], 0
    else:
        lines = list(json_objects(path))
        if lines and "documents" in lines[0][1]:
            records, skipped = _pooled(lines, limit, offset)
        else:
            records, skipped = [_record(where, item) for where, item in lines][offset:], 0
    if not records:
        raise EvaluationError(f"{path}: no records")
    return ClusterDataset(name=path.name, records=tuple(records[:limit] if limit else records), skipped=skipped)


def _record(where: str, item: dict) -> ClusterRecord:
    missing = [key for key in ("id", "text", "cluster") if not isinstance(item.get(key), str)]
    if missing:
        raise EvaluationError(f"{where}: missing or non-text field(s) {', '.join(missing)}; "
                              "clustering records need id, text and cluster")
    published = None
    if item.get("date"):
        try:
            published = date.fromisoformat(str(item["date"])[:10])
        except ValueError:
            raise EvaluationError(f"{where}: date {item['date']!r} is not YYYY-MM-DD") from None
    return ClusterRecord(id=item["id"], text=item["text"], cluster=item["cluster"], title=item.get("title"),
                         date=published)


def _pooled(lines: list[tuple[str, dict]], limit: int | None, offset: int) -> tuple[list[ClusterRecord], int]:
    # ``offset`` and ``limit`` take whole clusters, in file order, and only then shuffle: cutting the
    # shuffled pool instead would leave mostly lone documents of clusters cut apart.
    records, skipped, passed = [], 0, 0
    for where, item in lines:
        if limit is not None and len(records) >= limit:
            break
        if passed < offset:
            passed += sum(1 for text in item.get("documents") or () if isinstance(text, str) and text.strip())
            continue
        documents = item.get("documents")
        if not isinstance(item.get("id"), str) or not isinstance(documents, list):
            raise EvaluationError(f"{where}: summarisation records need id and documents")
        for index, text in enumerate(documents):
            if not isinstance(text, str) or not text.strip():
                skipped += 1
                continue
            records.append(ClusterRecord(id=f"{item['id']}#{index}", text=text, cluster=item["id"]))
    random.Random(SEED).shuffle(records)
    return records, skipped


_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}'](?:\s|$)|n't|'s|'re|'ve|'ll|'d)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _ecbplus(path: Path) -> list[ClusterRecord]:
    documents: dict[str, list[list[str]]] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4:
                    if line.strip():
                        raise EvaluationError(f"{path}:{number}: expected doc, sentence, token index, token")
                    continue
                sentences = documents.setdefault(parts[0], [])
                sentence = int(parts[1])
                while len(sentences) <= sentence:
                    sentences.append([])
                sentences[sentence].append(parts[3])
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise EvaluationError(f"{path}: cannot be read ({error})") from error
    records = []
    for name, sentences in documents.items():
        topic, _, rest = name.partition("_")
        sub = "ecbplus" if rest.endswith("ecbplus") else "ecb"
        lines = [_detokenize(" ".join(tokens)) for tokens in sentences if tokens]
        records.append(ClusterRecord(id=name, text="\n".join(lines), cluster=f"{topic}-{sub}"))
    records.sort(key=lambda r: r.id)
    random.Random(SEED).shuffle(records)
    return records


def _detokenize(text: str) -> str:
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))
