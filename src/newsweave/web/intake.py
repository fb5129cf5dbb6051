"""What people send to the server → RawDocuments or Rejections, through the same readers the CLI uses.

Nothing here ever opens a path on the server's disk: records, pasted text and uploads are read from
the request's bytes (``read_bytes``), and only ``http(s)://`` URLs are fetched, through the one
``Fetcher`` seam, which refuses private and loopback addresses unless the operator allowed them.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any, Iterable

from ..config import Options
from ..errors import InputError
from ..model import RawDocument, Rejection
from ..sources import is_url, read_bytes, read_inputs

Item = RawDocument | Rejection
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


def from_records(records: Iterable[dict[str, Any]], *, options: Options, origin: str = "api") -> list[Item]:
    """JSON article records ``{id?, url?, title?, text | html, outlet?, published?, author?}``, read by
    the same JSON reader as files of records (ids default to ``api#1``, ``api#2``…)."""
    data = json.dumps(list(records), ensure_ascii=False).encode("utf-8")
    return list(read_bytes(data, origin=origin, article_id=origin, options=options, default_outlet=None))


def from_paste(text: str, *, options: Options, name: str, url: str | None = None,
               outlet: str | None = None, title: str | None = None) -> list[Item]:
    """Pasted text or HTML (the kind is sniffed as for a file). ``url`` names the page the HTML came
    from: it becomes the article's URL (and so its identity for updates) but is never fetched."""
    if url is not None and not is_url(url):
        raise InputError(url, "the page URL must start with http:// or https://")
    items = list(read_bytes(text.encode("utf-8"), origin=name, article_id=url or name, options=options,
                            default_outlet=outlet, url=url))
    return [_with_metadata(item, outlet=outlet, title=title) for item in items]


def from_upload(data: bytes, *, filename: str, options: Options) -> list[Item]:
    """An uploaded file, read from its bytes; the browser's file name (only its last part, cleaned)
    is its id and default outlet, exactly as a file given to ``newsweave ingest``."""
    name = _UNSAFE_NAME.sub("_", PurePosixPath(filename.replace("\\", "/")).name).strip("._") or "upload"
    if len(data) > options.max_input_bytes:
        return [Rejection(input=name, article=name, reason=f"file is over the limit of "
                                                           f"{options.max_input_bytes} bytes (max_input_bytes)")]
    return list(read_bytes(data, origin=f"upload:{name}", article_id=name, options=options,
                           default_outlet=PurePosixPath(name).stem))


def from_url(url: str, *, options: Options, follow_links: bool = False) -> list[Item]:
    """A page or feed fetched from the web. ``follow_links`` fetches each feed entry's linked page."""
    url = url.strip()
    if not is_url(url):
        raise InputError(url, "only http:// and https:// URLs can be fetched (the server never reads its own files)")
    options = options.with_(fetch=replace(options.fetch, follow_feed_links=follow_links))
    return list(read_inputs([url], options))


def _with_metadata(item: Item, *, outlet: str | None, title: str | None) -> Item:
    if isinstance(item, Rejection):
        return item
    return replace(item, outlet=outlet or item.outlet, title=title or item.title)
