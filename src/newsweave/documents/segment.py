"""Sentences with character offsets into the article text as read."""

from __future__ import annotations

import re

from ..model import Article, Sentence
from .nlp import Nlp

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
                         "\u00ab": '"', "\u00bb": '"', "\u2032": "'", "\u00a0": " "})
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Straight quotes and folded whitespace: for comparing sentences, never for citing them."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip()


def segment(article: Article, regions: list[tuple[int, int]], nlp: Nlp) -> tuple[Sentence, ...]:
    """Split each kept region (paragraph) of ``article.text`` into sentences.

    Offsets are trimmed of surrounding whitespace so ``article.text[s.start:s.end] == s.text``.
    """
    sentences: list[Sentence] = []
    chunks = [article.text[start:end] for start, end in regions]
    for paragraph, ((region_start, _), doc) in enumerate(zip(regions, nlp.sentences(chunks))):
        for span in doc.sents:
            raw = span.text
            stripped = raw.strip()
            if not stripped:
                continue
            start = region_start + span.start_char + (len(raw) - len(raw.lstrip()))
            end = start + len(stripped)
            sentences.append(Sentence(article=article.id, outlet=article.outlet, index=len(sentences),
                                      start=start, end=end, text=stripped,
                                      normalized=normalize(stripped), paragraph=paragraph))
    return tuple(sentences)
