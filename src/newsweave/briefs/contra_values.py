"""Number and date conflicts: two articles that give different values for the same thing.

A value is compared only with a value of the same kind (the same counted noun for numbers, the same
granularity for dates) in a sentence of another article about the same thing: the two sentences say
alike things (``SENTENCE_SIMILARITY``) and the words right next to the values are alike
(``MIN_NEAR_SHARED``). Each sentence must hold exactly one value of that kind, so "25 killed and 30
injured" is never compared with itself, and pairs with signs of being about different things are
dropped (``_told_apart``).
Calibrated on real pairs from DUC 2006/2007 (`python -m newsweave.evaluation.contradictions`); an
earlier version that paired values by the likeness of 80 characters around them flagged far more
unrelated counts than real conflicts there.
Hedged and rounded values that fit each other agree ("almost five years" / "nearly five years",
"1,234" / "about 1,200"): only values no reading reconciles are flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from ..model import Contradiction, ContradictionSide, Document, Sentence
from .claim_terms import content_stems, fact_terms, name_terms
from .numbers import agree, quantities, stem

__all__ = ["date_conflicts", "number_conflicts", "dates"]

# Characters either side of a value that describe what it is about.
CONTEXT_CHARS = 80
# Both contexts need this many content stems besides the value: "five years" alone says too little.
MIN_CONTEXT_STEMS = 3
# The words right next to the two values (NEAR_STEMS content stems each side) must share this many:
# "killed 25 people in the valley" / "killed 31 people in the valley", not merely one sentence topic.
NEAR_STEMS = 4
MIN_NEAR_SHARED = 2
# Calibrated on the contradiction set (`python -m newsweave.evaluation.contradictions`): the fact
# words of two sentences (names and numbers left out) must be this alike for their values to be
# compared. Lower finds more conflicts and many more unrelated counts.
SENTENCE_SIMILARITY = 0.3
# A sentence with fewer fact words than this ("Nine people were injured.") matches any report of a
# count of that noun in the story; its figure is not compared.
MIN_FACT_WORDS = 4

_MONTHS = {m: n for n, names in enumerate((
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")), start=1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>\d{{4}}))?"
    rf"|(?:in|since|during|until|by)\s+(?:early\s+|late\s+|mid-?)?(?P<m3>{_MONTH})(?:\s+(?P<y3>\d{{4}}))?"
    rf"|(?:in|since|during|until|by)\s+(?P<y4>(?:18|19|20)\d\d)"
    rf"|on\s+(?P<w>{_WEEKDAY}))\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Value:
    sentence: Sentence
    key: str  # what is compared with what: "n:<unit>" or "d:<granularity>"
    value: object
    text: str  # the value as written
    context: str
    near: frozenset[str] = frozenset()  # content stems just before and after the value


def dates(text: str) -> list[tuple[str, str, str]]:
    """The absolute date expressions of ``text``: (granularity, value, as written). Granularity is
    "day" (month-day, with the year when given), "month", "year" or "weekday"."""
    found = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        month = g["m1"] or g["m2"] or g["m3"]
        if g["d1"] or g["d2"]:
            day = int(g["d1"] or g["d2"])
            if 1 <= day <= 31:
                found.append(("day", f"{_MONTHS[month.casefold()]:02d}-{day:02d}", m.group()))
        elif month:
            if month.casefold() == "may" and not g["y3"]:
                continue  # "in May" is a month, but "may" is far more often the verb: keep only "May 2023"
            found.append(("month", f"{_MONTHS[month.casefold()]:02d}", m.group()))
        elif g["y4"]:
            found.append(("year", g["y4"], m.group()))
        elif g["w"]:
            found.append(("weekday", g["w"].casefold(), m.group()))
    return found


def number_conflicts(documents: list[Document]) -> list[Contradiction]:
    values = []
    for sentence in _sentences(documents):
        # Ages are left out: the words around "a 44-year-old man" rarely say which man.
        found = [q for q in quantities(sentence.text)
                 if q.unit and q.unit != "age" and not _not_a_report(sentence.text, q.start, q.end)]
        keys = [_measure(sentence.text, q) for q in found]
        for q, key in zip(found, keys):
            if keys.count(key) == 1:
                values.append(_Value(sentence, key, q, q.text, _context(sentence.text, q.start, q.end),
                                     _near(sentence.text, q.start, q.end)))
    return [_number(a, b) for a, b in _pairs(values) if not agree(a.value, b.value)]


def date_conflicts(documents: list[Document]) -> list[Contradiction]:
    published = {d.article.id: d.article.published for d in documents}
    values = []
    for sentence in _sentences(documents):
        found = [d for d in dates(sentence.text) if not _dateline_or_target(sentence.text, d[2])]
        kinds = [kind for kind, _, _ in found]
        for kind, value, written in found:
            if kinds.count(kind) == 1:
                start = sentence.text.find(written)
                values.append(_Value(sentence, f"d:{kind}", value, written,
                                     _context(sentence.text, start, start + len(written)),
                                     _near(sentence.text, start, start + len(written))))
    conflicts = []
    for a, b in _pairs(values):
        if a.value == b.value:
            continue
        if a.key == "d:weekday" and not _same_week(published[a.sentence.article], published[b.sentence.article]):
            continue  # weekdays name different days in articles published in different weeks
        conflicts.append(_side_pair("date", f'different dates for the same event: "{a.text}" in '
                                    f'{a.sentence.outlet}, "{b.text}" in {b.sentence.outlet}', a, b))
    return conflicts


def _pairs(values: list[_Value]) -> list[tuple[_Value, _Value]]:
    """Pairs of values of one kind, in sentences of different articles that say the same thing apart
    from their figures: the sentences' fact words, numbers left out, reach ``SENTENCE_SIMILARITY``
    (one sparse product per kind of value, no loop over all pairs). Claims are not used: they are
    aligned with the figures, so two reports of one toll that differ in it may not share a claim."""
    by_key: dict[str, list[_Value]] = {}
    for value in values:
        if len(content_stems(value.context)) >= MIN_CONTEXT_STEMS \
                and len(_words_without_numbers(value.sentence.normalized)) >= MIN_FACT_WORDS:
            by_key.setdefault(value.key, []).append(value)
    pairs = []
    for group in by_key.values():
        if len({v.sentence.article for v in group}) < 2:
            continue
        texts = [v.sentence.normalized for v in group]
        vectors = TfidfVectorizer(analyzer=_words_without_numbers, sublinear_tf=True).fit_transform(texts)
        similar = sparse.triu(vectors @ vectors.T, k=1).tocoo()
        keep = similar.data >= SENTENCE_SIMILARITY
        for i, j in zip(similar.row[keep], similar.col[keep]):
            a, b = group[i], group[j]
            if a.sentence.article != b.sentence.article and len(a.near & b.near) >= MIN_NEAR_SHARED \
                    and not _told_apart(a, b):
                pairs.append((a, b))
    return pairs


def _words_without_numbers(text: str) -> list[str]:
    return [t for t in fact_terms(text) if not t[0].isdigit() and not t.startswith("#")]


def _told_apart(a: _Value, b: _Value) -> bool:
    """Signs that two values, though alike in wording, are about different things: each sentence
    names someone or somewhere the other does not (Kenya / Tanzania), they date themselves to
    different years ("this year" / "last year"), or one sentence also states the other's value
    (so the other's value has its counterpart there: "killed 257, 11 of them in Tanzania")."""
    names_a, names_b = set(name_terms(a.sentence.text)), set(name_terms(b.sentence.text))
    if names_a - names_b and names_b - names_a:
        return True
    years_a, years_b = _years(a.sentence.text), _years(b.sentence.text)
    if years_a and years_b and not years_a & years_b:
        return True
    return _states(b.sentence.text, a) or _states(a.sentence.text, b)


def _years(text: str) -> set[str]:
    return {m.group().casefold() for m in _YEAR_MARKER.finditer(text)}


def _states(text: str, value: _Value) -> bool:
    if value.key.startswith("n:"):
        return any(q.value == value.value.value for q in quantities(text))
    return any(v == value.value for _, v, _ in dates(text))


# A number that is the start of a change or a range, or the base of a ratio, is not a count to compare:
# "reduced from 10 acres" / "between 270 and 480 million" / "5 of every 10,000 children".
_BEFORE_NOT_REPORT = re.compile(r"(?:\b(?:from|between|of\s+every|out\s+of|in\s+every|per|every)|"
                                r"\d\s*(?:%|percent)?\s*(?:to|and|or|-|–))\s*$", re.IGNORECASE)
_AFTER_NOT_REPORT = re.compile(r"^\s*(?:and|to|-|–)\s*(?:[$£€]?\d|one|two|three|four|five|six|seven|eight|nine|ten)",
                               re.IGNORECASE)
_CHANGE = re.compile(r"\b(?:by|rose|rise|rising|fell|fall|falling|grew|grow|increased?|decreased?|dropped|"
                     r"declined?|up|down|gained?|lost|jumped|climbed|slipped)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_SHARE_OF = re.compile(r"^\s*(?:percent|per\s+cent|%)?\s*of\s+(?:the\s+|all\s+|its\s+|their\s+)?([A-Za-z][\w-]*)",
                       re.IGNORECASE)
# The new value of a change ("the Corps dropped that limit to three acres"): the old value elsewhere
# is history, not a conflicting report.
_CHANGED_TO = re.compile(r"\b(?:dropped|cut|reduced|lowered|raised|increased|rose|fell|climbed|grew|jumped|"
                         r"changed|revised|extended|shortened)\s+(?:\S+\s+){0,3}to\s+$", re.IGNORECASE)
_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]*,\s*$")
_YEAR_MARKER = re.compile(r"\b(?:(?:this|last|next)\s+year|(?:18|19|20)\d\d)\b", re.IGNORECASE)
# News-wire budget lines ("plans to move the following stories for editions of Saturday, June 12")
# date the wire's schedule, not an event.
_SCHEDULE = re.compile(r"\b(?:editions?\s+of|plans?\s+to\s+move)\b", re.IGNORECASE)


def _not_a_report(text: str, start: int, end: int) -> bool:
    before = text[:start]
    return bool(_BEFORE_NOT_REPORT.search(before) or _CHANGED_TO.search(before) or _AFTER_NOT_REPORT.match(text[end:]))


def _measure(text: str, q) -> str:
    """What a value measures: its unit, and for percentages whether it is a change ("rose 5 percent")
    or a share of something ("63 percent of Indians"), which are never compared with each other."""
    if q.unit != "percent":
        return f"n:{q.unit}"
    if _CHANGE.search(text[:q.start]):
        return "n:percent:change"
    share = _SHARE_OF.match(text[q.end:])
    return f"n:percent:of:{stem(share.group(1))}" if share else "n:percent"


def _dateline_or_target(text: str, written: str) -> bool:
    """A dateline ("MOSCOW, October 15 (Xinhua) --") dates the article, not an event; "by 2001" is a
    target, not when something happened."""
    start = text.find(written)
    if _SCHEDULE.search(text):
        return True
    if _DATELINE.match(text[:start]) and re.match(r"\s*(?:\(|--|—|_)", text[start + len(written):]):
        return True
    return written.casefold().startswith("by ")


def _number(a: _Value, b: _Value) -> Contradiction:
    unit = a.value.unit
    reason = (f'different numbers for the same {unit}: "{a.text}" in {a.sentence.outlet}, '
              f'"{b.text}" in {b.sentence.outlet}')
    return _side_pair("number", reason, a, b)


def _side_pair(kind, reason: str, a: _Value, b: _Value) -> Contradiction:
    return Contradiction(kind=kind, reason=reason,
                         left=ContradictionSide(text=a.sentence.text, source=a.sentence.ref, value=a.text),
                         right=ContradictionSide(text=b.sentence.text, source=b.sentence.ref, value=b.text))


def _sentences(documents: list[Document]) -> list[Sentence]:
    return [s for d in documents for s in d.sentences]


def _near(text: str, start: int, end: int) -> frozenset[str]:
    before = [t for t in content_stems(text[:start]) if not t[0].isdigit()][-NEAR_STEMS:]
    after = [t for t in content_stems(text[end:]) if not t[0].isdigit()][:NEAR_STEMS]
    return frozenset(before + after)


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT_CHARS):start] + " " + text[end:end + CONTEXT_CHARS]


def _same_week(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a.date() - b.date()).days) < 6
