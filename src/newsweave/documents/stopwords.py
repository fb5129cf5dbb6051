"""The English stopword list shared by the stages that compare sentences by their content words (timeline
events, attribution conflicts): spaCy's list for the model's language, plus the attribution words news
prose repeats in nearly every sentence. Each stage adds only what is particular to it."""

from __future__ import annotations

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["STOPWORDS"]

_ATTRIBUTION = frozenset("said says say told tell mr mrs ms dr".split())
STOPWORDS: frozenset[str] = frozenset(STOP_WORDS) | _ATTRIBUTION
