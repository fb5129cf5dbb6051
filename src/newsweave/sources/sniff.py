"""What kind of input some bytes or text are: decided by content, with the file name as a hint."""

from __future__ import annotations

import json
import re
from typing import Literal

from .sgml import looks_like_sgml

__all__ = ["InputKind", "is_warc", "sniff"]

InputKind = Literal["sgml", "feed", "html", "json", "jsonl", "text"]

_GZIP = b"\x1f\x8b"
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|h1|meta|title)[\s>/]", re.I)
_XML_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*", re.S)


def is_warc(data: bytes, name: str = "") -> bool:
    """WARC files start with ``WARC/``; gzip-compressed ones are recognised by name or by a peek."""
    if data.startswith(b"WARC/"):
        return True
    if data.startswith(_GZIP):
        if name.lower().endswith((".warc.gz", ".warc.gzip")):
            return True
        import zlib

        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 16)
        except zlib.error:
            return False
        return head.startswith(b"WARC/")
    return False


def sniff(text: str, name: str = "") -> InputKind:
    """The kind of a decoded input. Content decides; the extension only breaks ties (JSON Lines)."""
    lowered = name.lower()
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if looks_like_sgml(head):
        return "sgml"
    if head.startswith(("{", "[")):
        json_kind = _json_kind(text, lowered)
        if json_kind:
            return json_kind
    if head.startswith("<"):
        rest = _XML_PROLOG.sub("", head, count=1)
        if _FEED.match(rest) or (head.startswith("<?xml") and _FEED.search(head[:1024])):
            return "feed"
        if _HTML.search(head) or lowered.endswith((".html", ".htm", ".xhtml")):
            return "html"
    if lowered.endswith((".html", ".htm")) and _HTML.search(head):
        return "html"
    return "text"


def _json_kind(text: str, lowered: str) -> InputKind | None:
    """JSON or JSON Lines by extension, else by whether it parses; ``None`` for text that merely
    starts with a bracket ("[Updated] Ferries resume …")."""
    if lowered.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if lowered.endswith(".json"):
        return "json"
    try:
        json.loads(text)
        return "json"
    except ValueError:
        pass
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else None
    except ValueError:
        return None
