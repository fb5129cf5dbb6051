"""Number and date conflicts: two articles that give different values for the same thing.

A value is compared only with a value of the same kind (the same counted noun for numbers, the same
granularity for dates) in a sentence of another outlet about the same thing: the two sentences are in
one claim, or the words around the two values are alike (``CONTEXT_SIMILARITY``). Each sentence must
hold exactly one value of that kind, so "25 killed and 30 injured" is never compared with itself.
Hedged and rounded values that fit each other agree ("almost five years" / "nearly five years",
"1,234" / "about 1,200"): only values no reading reconciles are flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from ..model import Claim, Contradiction, ContradictionSide, Document, Sentence
from .claim_terms import content_stems
from .numbers import agree, quantities

__all__ = ["date_conflicts", "number_conflicts", "dates"]

# Characters either side of a value that describe what it is about.
CONTEXT_CHARS = 80
# Calibrated on the contradiction set (`python -m newsweave.evaluation.contradictions`): lower finds
# more pairs in sentences that are not in one claim, at the cost of comparing unrelated counts.
CONTEXT_SIMILARITY = 0.45
# Both contexts need this many content stems besides the value: "five years" alone says too little.
MIN_CONTEXT_STEMS = 3

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


def number_conflicts(documents: list[Document], claims: tuple[Claim, ...]) -> list[Contradiction]:
    values = []
    for sentence in _sentences(documents):
        found = [q for q in quantities(sentence.text) if q.unit]
        units = [q.unit for q in found]
        for q in found:
            if units.count(q.unit) == 1:
                values.append(_Value(sentence, f"n:{q.unit}", q, q.text, _context(sentence.text, q.start, q.end)))
    return [_number(a, b) for a, b in _pairs(values, claims) if not agree(a.value, b.value)]


def date_conflicts(documents: list[Document], claims: tuple[Claim, ...]) -> list[Contradiction]:
    published = {d.article.id: d.article.published for d in documents}
    values = []
    for sentence in _sentences(documents):
        found = dates(sentence.text)
        kinds = [kind for kind, _, _ in found]
        for kind, value, written in found:
            if kinds.count(kind) == 1:
                start = sentence.text.find(written)
                values.append(_Value(sentence, f"d:{kind}", value, written,
                                     _context(sentence.text, start, start + len(written))))
    conflicts = []
    for a, b in _pairs(values, claims):
        if a.value == b.value:
            continue
        if a.key == "d:weekday" and not _same_week(published[a.sentence.article], published[b.sentence.article]):
            continue  # weekdays name different days in articles published in different weeks
        conflicts.append(_side_pair("date", f'different dates for the same event: "{a.text}" in '
                                    f'{a.sentence.outlet}, "{b.text}" in {b.sentence.outlet}', a, b))
    return conflicts


def _pairs(values: list[_Value], claims: tuple[Claim, ...]) -> list[tuple[_Value, _Value]]:
    """Pairs of values of one kind, in sentences of different outlets about the same thing: both in
    one claim, or with alike contexts (one sparse product per kind, no loop over all pairs)."""
    by_key: dict[str, list[_Value]] = {}
    for value in values:
        if len(content_stems(value.context)) >= MIN_CONTEXT_STEMS:
            by_key.setdefault(value.key, []).append(value)
    where: dict[tuple[str, int], list[tuple[str, int]]] = {}  # sentence → (kind, index in its group)
    candidates: set[tuple[str, int, int]] = set()
    for key, group in by_key.items():
        for n, value in enumerate(group):
            where.setdefault((value.sentence.article, value.sentence.start), []).append((key, n))
        if len({v.sentence.outlet for v in group}) < 2:
            continue
        vectors = TfidfVectorizer(analyzer=content_stems, sublinear_tf=True).fit_transform([v.context for v in group])
        similar = sparse.triu(vectors @ vectors.T, k=1).tocoo()
        keep = similar.data >= CONTEXT_SIMILARITY
        candidates.update((key, int(i), int(j)) for i, j in zip(similar.row[keep], similar.col[keep]))
    for claim in claims:
        if len(claim.outlets) < 2:
            continue
        located = [entry for ref in claim.refs for entry in where.get((ref.article, ref.start), [])]
        for x, (key, i) in enumerate(located):
            candidates.update((key, min(i, j), max(i, j)) for other, j in located[x + 1:] if other == key and i != j)
    pairs = []
    for key, i, j in sorted(candidates):
        a, b = by_key[key][i], by_key[key][j]
        if a.sentence.outlet != b.sentence.outlet:
            pairs.append((a, b))
    return pairs


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


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - CONTEXT_CHARS):start] + " " + text[end:end + CONTEXT_CHARS]


def _same_week(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs((a.date() - b.date()).days) < 6
