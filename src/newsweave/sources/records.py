"""JSON and JSON Lines article records: ``{id?, url, title, text | html, outlet, published, author}``.

The publication date is ``published``, else the first readable of its aliases ``date`` (the
clustering datasets' ``{id, date, title, text, ...}``), ``pubDate`` and ``published_at``.

Any field may be missing. A record's id is its ``id``, else its ``url``, else ``<file id>:<line>``
(``<file id>#<n>`` for the n-th record of a JSON array). A record that is not an object, has no
text and no html, or (in JSON Lines) is not valid JSON becomes a rejection naming its line.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Iterator

from ..model import RawDocument, Rejection
from .dates import parse_date

__all__ = ["read_json", "read_json_lines"]

# Field names that carry a record's publication date, in order of preference.
DATE_FIELDS = ("published", "date", "pubDate", "published_at")


def read_json(text: str, *, origin: str, file_id: str) -> Iterator[RawDocument | Rejection]:
    """One JSON document: an object (one record) or an array of records."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejection(input=origin, reason=f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}")
        return
    if isinstance(value, dict):
        yield _record(value, origin=origin, fallback_id=file_id, where="the record")
    elif isinstance(value, list):
        if not value:
            yield Rejection(input=origin, reason="empty JSON array: no records")
        for number, item in enumerate(value, start=1):
            yield _record(item, origin=origin, fallback_id=f"{file_id}#{number}", where=f"record {number}")
    else:
        yield Rejection(input=origin, reason=f"JSON holds a {type(value).__name__}, expected an object or array")


def read_json_lines(text: str, *, origin: str, file_id: str) -> Iterator[RawDocument | Rejection]:
    """One record per non-blank line; each bad line is its own rejection, the others still read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(input=origin, reason=f"line {number}: invalid JSON ({error.msg} at column {error.colno})",
                            article=f"{file_id}:{number}")
            continue
        yield _record(value, origin=origin, fallback_id=f"{file_id}:{number}", where=f"line {number}")


def _record(value: Any, *, origin: str, fallback_id: str, where: str) -> RawDocument | Rejection:
    if not isinstance(value, dict):
        return Rejection(input=origin, reason=f"{where}: expected a JSON object, got {type(value).__name__}",
                         article=fallback_id)
    url = _string(value.get("url"))
    article_id = _string(value.get("id")) or url or fallback_id
    # The body is kept exactly as given (not stripped): citations are offsets into it.
    text, markup = _body(value.get("text")), _body(value.get("html"))
    if not text and not markup:
        return Rejection(input=origin, reason=f"{where}: the record has neither 'text' nor 'html'", article=article_id)
    date = _published(value)
    return RawDocument(id=article_id, origin=origin, kind="text" if text else "html", content=text or markup,
                       title=_string(value.get("title")), url=url, outlet=_string(value.get("outlet")),
                       published=date, author=_author(value.get("author")))


def _published(record: dict[str, Any]) -> datetime | None:
    for field in DATE_FIELDS:
        value = record.get(field)
        date = parse_date(value) if isinstance(value, (str, int, float)) else None
        if date is not None:
            return date
    return None


def _string(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def _body(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _author(value: Any) -> str | None:
    if isinstance(value, list):
        names = [name for name in (_string(item) for item in value) if name]
        return ", ".join(names) or None
    return _string(value)
