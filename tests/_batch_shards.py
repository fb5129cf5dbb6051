"""Shards for the batch tests, built at test time from the shared DUC articles (never stored in the
repo): JSON Lines shards, a WARC shard whose records are the same kind of articles as HTML pages,
and a corrupt shard."""

from __future__ import annotations

import gzip
import html
import io
import json
from pathlib import Path

from conftest import DATA

DUC_STREAM = DATA / "clustering_derived" / "duc_2006_2007_docs.jsonl.gz"


def duc_records(*, clusters: int, per_cluster: int) -> list[dict]:
    """The ``per_cluster`` earliest articles of each of the first ``clusters`` DUC topics with at
    least that many articles, as JSON records ``{id, title, text, published, outlet}``."""
    by_cluster: dict[str, list[dict]] = {}
    with gzip.open(DUC_STREAM, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            by_cluster.setdefault(record["cluster"], []).append(record)
    chosen = [sorted(group, key=lambda r: (r["date"], r["id"]))[:per_cluster]
              for group in by_cluster.values() if len(group) >= per_cluster][:clusters]
    return [{"id": r["id"], "title": r["title"], "text": r["text"], "published": r["date"], "outlet": r["id"][:3]}
            for group in chosen for r in group]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def write_warc(path: Path, records: list[dict]) -> Path:
    """Each record as an HTTP response with an HTML page, target URI from its id."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for r in records:
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in r["text"].split("\n") if p.strip())
            page = (f"<!doctype html><html><head><title>{html.escape(r['title'])}</title>"
                    f"<meta property=\"article:published_time\" content=\"{r['published']}\"></head>"
                    f"<body><article><h1>{html.escape(r['title'])}</h1>{paragraphs}</article></body></html>")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{r['id']}", "response",
                                                          payload=io.BytesIO(page.encode("utf-8")),
                                                          http_headers=headers))
    return path


def write_corrupt(path: Path, records: list[dict]) -> Path:
    """A WARC shard cut off in the middle of its gzip stream, as a crawler killed mid-write leaves it."""
    write_warc(path, records)
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return path


def build_shards(directory: Path, records: list[dict], extra: list[dict]) -> list[str]:
    """Two JSON Lines shards and one WARC shard of ``records``, and a corrupt WARC shard of ``extra``
    (cut in half: its first records are readable); returns the glob patterns."""
    directory.mkdir(parents=True, exist_ok=True)
    third = len(records) // 3
    write_jsonl(directory / "part-0.jsonl", records[0::3])
    write_jsonl(directory / "part-1.jsonl", records[1::3])
    write_warc(directory / "part-2.warc.gz", records[2::3])
    write_corrupt(directory / "part-3.warc.gz", extra)
    assert third  # the caller asked for too few records to fill three shards
    return [str(directory / "*.jsonl"), str(directory / "*.warc.gz")]
