"""Dated events: each date expression in the kept sentences, resolved (``dates``), merged across
outlets when two sentences report the same event on the same date, in chronological order.

Expressions come from the NER already run on each article (DATE entities). Each is resolved
against the article's publication date, else ``options.reference_date``; with neither, relative
expressions are kept with ``resolved=False`` and no date rather than guessed. Durations ("two
days", "five years") are not dates and are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Mapping

from ..config import Options
from ..documents.stopwords import STOPWORDS
from ..model import Document, Sentence, TimelineEvent, as_date
from .dates import contains, looks_ahead, resolve, sort_key

__all__ = ["build_timeline"]

# Same event: the two sentences share at least MIN_SHARED content words, and those make at least
# MIN_OVERLAP of the shorter sentence's content words. Calibrated on the seeds (the Bali meeting,
# the Vienna meeting) and checked against the two different Sunday events staying apart.
MIN_SHARED = 3
MIN_OVERLAP = 0.3
_WORD = re.compile(r"[A-Za-z][\w’'-]+")
_STOP = STOPWORDS | frozenset("year years month week day days".split())  # a date's own words


@dataclass
class _Event:
    date: str | None
    expression: str
    sentence: Sentence
    words: frozenset[str]
    refs: list


def _content_words(text: str) -> frozenset[str]:
    words = {w.lower().removesuffix("’s").removesuffix("'s") for w in _WORD.findall(text)}
    return frozenset(w for w in words if w not in _STOP and len(w) > 2)


def build_timeline(documents: list[Document], parsed: Mapping, options: Options) -> tuple[TimelineEvent, ...]:
    events: list[_Event] = []
    for document in documents:
        events.extend(_events(document, parsed.get(document.article.id), options))
    merged: list[_Event] = []
    for event in events:
        for other in merged:
            if _same_event(event, other):
                other.refs.append(event.sentence.ref)
                if event.date and other.date and contains(other.date, event.date):
                    other.date = event.date  # keep the more precise period ("2022-11" over "2022")
                break
        else:
            merged.append(event)
    resolved = sorted((e for e in merged if e.date), key=lambda e: sort_key(e.date))
    unresolved = [e for e in merged if not e.date]
    return tuple(TimelineEvent(date=e.date, expression=e.expression, text=e.sentence.text,
                               resolved=e.date is not None, refs=tuple(dict.fromkeys(e.refs)))
                 for e in resolved + unresolved)


def _events(document: Document, doc, options: Options) -> list[_Event]:
    if doc is None or not document.sentences:
        return []
    reference = as_date(document.article.published) or options.reference_date
    starts = [s.start for s in document.sentences]
    seen: set[tuple[int, str | None]] = set()
    result = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        index = bisect_right(starts, ent.start_char) - 1
        if index < 0 or ent.end_char > document.sentences[index].end:
            continue  # outside the kept text
        sentence = document.sentences[index]
        offset = ent.start_char - sentence.start
        future = looks_ahead(sentence.text, offset, offset + len(ent.text))
        found = resolve(ent.text, reference, future=future)
        if not found.is_date:
            continue
        if found.value is None and not _looks_like_date(ent.text):
            continue  # "the rest of our lifetimes": not a point in time at all
        key = (sentence.index, found.value if found.value else ent.text)
        if key in seen:
            continue
        seen.add(key)
        result.append(_Event(found.value, ent.text, sentence, _content_words(sentence.text), [sentence.ref]))
    return result


_DATE_WORD = re.compile(r"\b(?:\d{4}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|"
                        r"march|april|may|june|july|august|september|october|november|december|today|"
                        r"yesterday|tomorrow|week|weekend|month|year|ago)\b", re.IGNORECASE)


def _looks_like_date(text: str) -> bool:
    return bool(_DATE_WORD.search(text))


def _same_event(a: _Event, b: _Event) -> bool:
    if a.sentence.article == b.sentence.article:
        return False
    if a.date is None or b.date is None:
        return False
    if not (a.date == b.date or contains(a.date, b.date) or contains(b.date, a.date)):
        return False
    shared = a.words & b.words
    shortest = min(len(a.words), len(b.words)) or 1
    return len(shared) >= MIN_SHARED and len(shared) / shortest >= MIN_OVERLAP
