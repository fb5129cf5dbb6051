"""RSS and Atom feeds through feedparser: each entry is an article.

An entry's text is its full content when the feed carries it, else its summary (both HTML). Its
linked page is fetched only when ``fetch.follow_feed_links`` is set; a link that cannot be fetched
makes that entry a rejection, the other entries are still read. Article id: the entry's id, else
its link, else ``<file id>#<n>``. Outlet: the feed's title.
"""

from __future__ import annotations

from typing import Iterator
from xml.sax import SAXException

from ..errors import FetchError
from ..model import RawDocument, Rejection
from .dates import from_struct_time
from .fetch import Fetcher

__all__ = ["read_feed"]


def read_feed(text: str, *, origin: str, file_id: str, fetcher: Fetcher | None,
              follow_links: bool) -> Iterator[RawDocument | Rejection]:
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"broken feed: {problem}" if parsed.get("bozo") else "feed has no entries"
        yield Rejection(input=origin, reason=reason)
        return
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(problem, SAXException):
        # feedparser recovers the entries before an XML error; keep them, but say the feed is broken.
        yield Rejection(input=origin, reason=f"broken feed: {problem}; the {len(parsed.entries)} "
                                             "entries before the error are read")
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, start=1):
        link = (entry.get("link") or "").strip() or None
        article_id = (entry.get("id") or "").strip() or link or f"{file_id}#{number}"
        content = entry.get("content") or []
        markup = (content[0].get("value") if content else None) or entry.get("summary") or ""
        published = from_struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        common = dict(id=article_id, origin=origin, title=(entry.get("title") or "").strip() or None,
                      url=link, outlet=outlet, published=published, author=entry.get("author") or None)
        if follow_links and link:
            if fetcher is None:
                yield Rejection(input=origin, reason=f"entry {number}: no fetcher to follow {link}", article=article_id)
                continue
            try:
                page = fetcher.get(link)
            except FetchError as error:
                yield Rejection(input=origin, reason=f"entry {number}: {error.reason}", article=article_id)
                continue
            from .decode import BinaryInput, declared_charset, decode

            try:
                markup = decode(page.content, declared=declared_charset(page.content, page.content_type))
            except BinaryInput as error:
                yield Rejection(input=origin, reason=f"entry {number}: linked page {link}: {error}", article=article_id)
                continue
        if not markup.strip():
            yield Rejection(input=origin, reason=f"entry {number} has no content or summary", article=article_id)
            continue
        yield RawDocument(kind="html", content=markup, **common)
