"""Inputs (paths, directories, URLs, ``-``) → RawDocuments or Rejections, one input at a time.

Article ids: a file's path relative to the directory argument, or its file name when given
directly; a URL's own text; ``stdin`` for standard input. Containers give their parts their own ids
(SGML: DOCNO; records: id or URL; feeds: entry id or link; WARC: target URI). A file larger than
``options.max_input_bytes`` is refused from its size, before it is read.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..config import Options
from ..errors import FetchError
from ..model import RawDocument, Rejection
from .decode import BinaryInput, declared_charset, decode
from .feeds import read_feed
from .fetch import Fetcher, is_url
from .records import read_json, read_json_lines
from .sgml import read_sgml
from .sniff import is_warc, sniff
from .warc import read_warc

__all__ = ["read_inputs", "read_bytes"]

MB = 1024 * 1024
log = logging.getLogger(__name__)


def read_inputs(inputs: Iterable[str], options: Options, *, fetcher: Fetcher | None = None,
                stdin: BinaryIO | None = None) -> Iterator[RawDocument | Rejection]:
    """Every article in ``inputs``; an input that cannot be used yields a Rejection saying why."""
    owned = None
    if fetcher is None and options.fetch.follow_feed_links:
        fetcher = owned = Fetcher(options.fetch)
    try:
        for name in inputs:
            if name == "-":
                yield from _read_stream(stdin or sys.stdin.buffer, options, fetcher)
            elif is_url(name):
                if fetcher is None:
                    fetcher = owned = Fetcher(options.fetch)
                yield from _read_url(name, options, fetcher)
            else:
                yield from _read_path(Path(name), options, fetcher)
    finally:
        if owned is not None:
            owned.close()


def _read_path(path: Path, options: Options, fetcher: Fetcher | None) -> Iterator[RawDocument | Rejection]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*")
                       if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            yield Rejection(input=str(path), reason="directory holds no files (hidden files are skipped)")
        for file in files:
            yield from _read_file(file, file.relative_to(path).as_posix(), options, fetcher)
    elif path.exists():
        yield from _read_file(path, path.name, options, fetcher)
    else:
        yield Rejection(input=str(path), reason="no such file or directory")


def _read_file(file: Path, article_id: str, options: Options, fetcher: Fetcher | None) -> Iterator[RawDocument | Rejection]:
    origin = str(file)
    try:
        size = file.stat().st_size
        if size > options.max_input_bytes:
            yield Rejection(input=origin, article=article_id,
                            reason=f"file is {size / MB:.1f} MB, over the limit of "
                                   f"{options.max_input_bytes / MB:.1f} MB (max_input_bytes); not read")
            return
        data = file.read_bytes()
    except OSError as error:
        yield Rejection(input=origin, reason=f"cannot read: {error.strerror or error}", article=article_id)
        return
    yield from _guarded(read_bytes(data, origin=origin, article_id=article_id, options=options, fetcher=fetcher,
                                   default_outlet=file.stem), origin, article_id)


def _read_stream(stream: BinaryIO, options: Options, fetcher: Fetcher | None) -> Iterator[RawDocument | Rejection]:
    data = stream.read(options.max_input_bytes + 1)
    if len(data) > options.max_input_bytes:
        yield Rejection(input="-", article="stdin", reason=f"standard input is over the limit of "
                                                             f"{options.max_input_bytes / MB:.1f} MB (max_input_bytes)")
        return
    yield from _guarded(read_bytes(data, origin="-", article_id="stdin", options=options, fetcher=fetcher,
                                   default_outlet="stdin"), "-", "stdin")


def _read_url(url: str, options: Options, fetcher: Fetcher) -> Iterator[RawDocument | Rejection]:
    try:
        page = fetcher.get(url)
    except FetchError as error:
        yield Rejection(input=url, reason=error.reason, article=url)
        return
    yield from _guarded(read_bytes(page.content, origin=url, article_id=url, options=options, fetcher=fetcher,
                                   default_outlet=None, url=page.final_url, content_type=page.content_type), url, url)


def _guarded(items: Iterator[RawDocument | Rejection], origin: str, article_id: str) -> Iterator[RawDocument | Rejection]:
    """Pass items through; a parser library failing on odd input becomes a rejection of that input.

    The readers catch the errors their libraries document; this net is for the ones they do not
    (a crash deep in a parser), so one strange file cannot stop a batch. It logs the traceback so
    the bug is still visible.
    """
    try:
        yield from items
    except Exception as error:  # noqa: BLE001 - deliberately broad, see docstring
        log.exception("reading %s failed", origin)
        yield Rejection(input=origin, article=article_id,
                        reason=f"could not be read: {type(error).__name__}: {str(error)[:200]}")


def read_bytes(data: bytes, *, origin: str, article_id: str, options: Options, fetcher: Fetcher | None = None,
               default_outlet: str | None = None, url: str | None = None,
               content_type: str = "") -> Iterator[RawDocument | Rejection]:
    """The articles in one input's bytes, whatever its kind (sniffed from the content)."""
    if not data.strip():
        yield Rejection(input=origin, reason="empty input (no bytes)" if not data else "empty input (only whitespace)",
                        article=article_id)
        return
    if is_warc(data, origin):
        yield from read_warc(data, origin=origin)
        return
    try:
        text = decode(data, declared=declared_charset(data, content_type))
    except BinaryInput as error:
        yield Rejection(input=origin, reason=str(error), article=article_id)
        return
    if not text.strip():
        yield Rejection(input=origin, reason="empty input (only whitespace)", article=article_id)
        return
    kind = sniff(text, origin)
    if kind == "sgml":
        yield from read_sgml(text, origin)
    elif kind == "json":
        yield from read_json(text, origin=origin, file_id=article_id)
    elif kind == "jsonl":
        yield from read_json_lines(text, origin=origin, file_id=article_id)
    elif kind == "feed":
        yield from read_feed(text, origin=origin, file_id=article_id, fetcher=fetcher,
                             follow_links=options.fetch.follow_feed_links)
    else:
        # HTML outlets come from the page's own metadata (site name) when it has some, so the file
        # stem is only the fallback, applied at extraction.
        yield RawDocument(id=article_id, origin=origin, kind=kind, content=text, url=url,
                          outlet=default_outlet if kind == "text" else None)
