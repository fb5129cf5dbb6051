"""Publication dates from sources, as naive datetimes in UTC (newsweave's one convention).

Aware values are converted to UTC and made naive; naive ones are taken to be UTC already (wire
dates and most HTML metadata carry no zone). ISO 8601 is parsed directly; anything else through
dateparser, which is slower but reads "Sun, 18 Jun 2023 09:00:00 GMT" and the like.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone

__all__ = ["naive_utc", "parse_date", "from_struct_time"]


def naive_utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(timezone.utc).replace(tzinfo=None)


def parse_date(value: str | int | float | None) -> datetime | None:
    """A datetime from an ISO string, a Unix timestamp, or free text; ``None`` when unreadable."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc).replace(tzinfo=None)
        except (OverflowError, OSError, ValueError):
            return None
    text = value.strip()
    if not text:
        return None
    try:
        return naive_utc(datetime.fromisoformat(text.replace("Z", "+00:00")))
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(text, languages=["en"], settings={"TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True})
    return naive_utc(parsed)


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` fields are UTC struct_times."""
    if value is None:
        return None
    try:
        return datetime(*value[:6])
    except (TypeError, ValueError):
        return None
