"""Raw documents → Articles → Documents (extracted, checked, cleaned, segmented)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..config import Options
from ..errors import InputError
from ..model import Article, Document, RawDocument
from .clean import clean
from .extract import extract, sgml_text
from .language import detect_language
from .nlp import Nlp
from .notice import site_notice
from .segment import normalize, segment

__all__ = ["Nlp", "check_article", "clean", "prepare", "normalize", "sgml_text", "to_article"]


def to_article(raw: RawDocument, options: Options) -> Article:
    """The article in ``raw``: extracted text plus metadata (the source's first, then the page's).

    Outlet, first found: ``options.outlet_map`` by article id or file stem; the source's outlet;
    the page's site name; the URL's host; the file stem.
    """
    found = extract(raw)
    stem = Path(raw.origin).stem if raw.origin and raw.origin != "-" else raw.id
    host = _host(raw.url or found.url)
    outlet = (options.outlet_map.get(raw.id) or options.outlet_map.get(stem) or raw.outlet or found.outlet
              or host or stem)
    return Article(id=raw.id, text=found.text, outlet=outlet, origin=raw.origin, title=raw.title or found.title,
                   url=raw.url or found.url, published=raw.published or found.published,
                   author=raw.author or found.author)


def prepare(raw: RawDocument, nlp: Nlp, options: Options) -> Document:
    """Turn one raw document into a Document, or raise ``InputError`` saying why it is unusable."""
    article = to_article(raw, options)
    regions, removed = clean(article.text)
    check_article(article, regions, options)
    if article.title is None and removed and removed[0].reason == "heading" and removed[0].start < regions[0][0]:
        # A plain-text article whose first paragraph is a heading: that is its headline.
        article = replace(article, title=" ".join(article.text[removed[0].start:removed[0].end].split()))
    return Document(article=article, sentences=segment(article, regions, nlp), removed=removed)


def check_article(article: Article, regions: list[tuple[int, int]], options: Options) -> None:
    """Raise ``InputError`` with the reason when ``article`` is not a usable article, else return.

    ``regions`` are the kept regions from ``clean(article.text)``. The one gate every path uses
    (``prepare``, ``newsweave ingest``, ``eval clusters``): no text, too short after cleaning, not
    English, or not an article at all but a page of site furniture (see ``notice.site_notice``).
    """
    if not article.text.strip():
        raise InputError(article.origin, "no article text found", article=article.id)
    words = sum(len(article.text[start:end].split()) for start, end in regions)
    if words < options.min_article_words:
        raise InputError(article.origin, f"too short: {words} words after cleaning, fewer than "
                                         f"min_article_words={options.min_article_words}", article=article.id)
    kept = " ".join(article.text[start:end] for start, end in regions)
    language = detect_language(kept)
    if language.code != options.language:
        raise InputError(article.origin, f"not English: the text looks {language.name} "
                                         f"({language.share:.0%} of words are {language.name} function words)",
                         article=article.id)
    notice = site_notice(kept)
    if notice is not None:
        raise InputError(article.origin, f"not an article: site notice ({notice})", article=article.id)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
