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
    # Byte offset just past the last complete record: where a break is reported, and the check that
    # warcio read the whole file (it ends iteration silently when a record's headers are cut off).
    end = 0
    iterator = ArchiveIterator(io.BytesIO(data))
    try:
        for record in iterator:
            length = record.rec_headers.get_header("Content-Length") if record.rec_headers else None
            if not (length or "").strip().isdigit():
                # Content-Length is mandatory in a WARC record; without it the header block was cut off.
                yield _broken(origin, data, end, count, "a record's headers are cut off")
                return
            uri = record.rec_headers.get_header("WARC-Target-URI") or f"{origin}#{count + 1}"
            if record.rec_type != "response":
                end = iterator.get_record_offset() + iterator.get_record_length()
                continue
            content_type = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            body = record.content_stream().read()
            record.raw_stream.read()
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                # warcio hands out a short body silently when the file ends inside a record.
                yield _broken(origin, data, end, count, f"record {uri} is cut short "
                                                        f"({missing} of {record.length} bytes missing)")
                return
            end = iterator.get_record_offset() + iterator.get_record_length()
            if "html" not in content_type.lower() and not body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
                continue
            count += 1
            try:
                markup = decode(body, declared=declared_charset(body, content_type))
            except BinaryInput as error:
                yield Rejection(input=origin, reason=f"record {uri}: {error}", article=uri)
                continue
            yield RawDocument(id=uri, origin=origin, kind="html", content=markup, url=uri)
    # AttributeError: warcio's header parser fails this way on a header block cut off mid-line.
    except (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, AttributeError) as error:
        yield _broken(origin, data, end, count, f"{type(error).__name__}: {str(error)[:120]}")
        return
    if data[end:].strip():
        yield _broken(origin, data, end, count, "the file ends inside a record's headers")
        return
    if count == 0:
        yield Rejection(input=origin, reason="WARC holds no HTML response records")


def _broken(origin: str, data: bytes, end: int, count: int, detail: str) -> Rejection:
    """The rejection for a WARC that breaks after ``end``: the blank lines between records are
    skipped so the offset is where the broken record starts."""
    rest = data[end:]
    offset = end + len(rest) - len(rest.lstrip())
    where = f"after {count} HTML record(s)" if count else "before any HTML record"
    return Rejection(input=origin, reason=f"broken or truncated WARC {where}, at byte {offset}: {detail}")
