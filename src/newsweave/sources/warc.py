"""WARC and WARC.GZ archives through warcio: each HTML response record is an article.

The article id and URL are the record's ``WARC-Target-URI``. Records that are not HTTP responses
with an HTML body are skipped (requests, metadata, images are not articles). A truncated or corrupt
archive yields the records read so far and then one rejection saying where it broke.
"""

from __future__ import annotations

import io
import zlib
from typing import Iterator

from ..model import RawDocument, Rejection
from .decode import BinaryInput, declared_charset, decode

__all__ = ["read_warc"]


def read_warc(data: bytes, *, origin: str) -> Iterator[RawDocument | Rejection]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{origin}#{count + 1}"
            content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            body = record.content_stream().read()
            record.raw_stream.read()
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                # warcio hands out a short body silently when the file ends inside a record.
                where = f"after {count} HTML record(s)" if count else "before any HTML record"
                yield Rejection(input=origin, reason=f"broken or truncated WARC {where}: record {uri} is cut "
                                                     f"short ({missing} of {record.length} bytes missing)")
                return
            if "html" not in content_type.lower() and not body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
                continue
            count += 1
            try:
                markup = decode(body, declared=declared_charset(body, content_type))
            except BinaryInput as error:
                yield Rejection(input=origin, reason=f"record {uri}: {error}", article=uri)
                continue
            yield RawDocument(id=uri, origin=origin, kind="html", content=markup, url=uri)
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError) as error:
        where = f"after {count} HTML record(s)" if count else "before any HTML record"
        yield Rejection(input=origin, reason=f"broken or truncated WARC {where}: {type(error).__name__}: "
                                             f"{str(error)[:120]}")
        return
    if count == 0:
        yield Rejection(input=origin, reason="WARC holds no HTML response records")
