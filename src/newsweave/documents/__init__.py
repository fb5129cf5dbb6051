"""Raw documents → Articles → Documents (cleaned, segmented)."""

from __future__ import annotations

import re

from ..config import Options
from ..errors import InputError
from ..model import Article, Document, RawDocument
from .nlp import Nlp
from .segment import normalize, segment

__all__ = ["Nlp", "prepare", "normalize"]

_PARAGRAPH = re.compile(r"[^\n]+")


def prepare(raw: RawDocument, nlp: Nlp, options: Options) -> Document:
    """Turn one raw document into a Document, or raise ``InputError`` saying why it is unusable."""
    if raw.kind != "text":
        raise InputError(raw.origin, f"{raw.kind} extraction is not implemented yet", article=raw.id)
    outlet = options.outlet_map.get(raw.id) or raw.outlet or raw.id
    article = Article(id=raw.id, text=raw.content, outlet=outlet, origin=raw.origin, title=raw.title,
                      url=raw.url, published=raw.published, author=raw.author)
    regions = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(article.text) if m.group().strip()]
    return Document(article=article, sentences=segment(article, regions, nlp))
