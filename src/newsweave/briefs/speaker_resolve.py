"""From a speaker mention to the speaker's full name: pronouns to the person meant, surnames to the
full name given elsewhere, "the president" to the person the article titled President."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Document
from .entity_names import NameIndex, clean_name
from .entity_roles import ROLE_NOUNS, roles_before
from .quote_spans import QuoteSpan
from .speaker_parse import Attribution

__all__ = ["ArticleFacts", "resolve_speaker"]

_PRONOUN = re.compile(r"\b(he|his|him|she|her|hers)\b", re.IGNORECASE)


@dataclass
class ArticleFacts:
    """What speaker resolution needs to know about one article: its person mentions (start, end,
    text), the quote spans with their marks, and the pronoun each person's surname goes with."""

    document: Document
    persons: list[tuple[int, int, str]]
    marks: list[tuple[int, int]]
    genders: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.genders = _genders(self.document.article.text, self.persons, self.marks)


def _genders(text: str, persons, marks) -> dict[str, str]:
    """Surname → "he" or "she": the first third-person pronoun (outside quotes) after a person's
    mention and before the next person's, voted over the article (possessives and objects count
    double). Names with no such pronoun, or a tie, are left out."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for (start, end, name), following in zip(persons, [*persons[1:], (len(text), 0, "")]):
        for match in _PRONOUN.finditer(text, end, min(following[0], end + 200)):
            if any(a <= match.start() < b for a, b in marks):
                continue
            word = match.group(1).lower()
            # "his"/"her" right after a name nearly always refer to it; a subject "she" may start
            # a clause about someone else ("After hearing Reed, she told..."): it counts half.
            votes[name.split()[-1].lower()]["she" if word in ("she", "her", "hers") else "he"] += \
                1 if word in ("he", "she") else 2
            break
    return {surname: c.most_common(1)[0][0] for surname, c in votes.items()
            if len(c) == 1 or c.most_common(2)[0][1] > c.most_common(2)[1][1]}


def resolve_speaker(found: Attribution | None, span: QuoteSpan, facts: ArticleFacts, previous,
                    names: NameIndex) -> tuple[str | None, str | None, str]:
    """(speaker full name, surface mention, kind) for an attribution, resolving pronouns.

    ``previous`` is (paragraph, speaker, kind, start) of the last attributed quote, or None.
    """
    if found is None:
        return None, None, "none"
    document, persons = facts.document, facts.persons
    article, text = document.article.id, document.article.text
    if found.kind == "pronoun":
        pronoun = found.mention.lower()
        if pronoun in ("he", "she"):
            last = (previous[3], previous[1]) if previous is not None and previous[2] == "person" else None
            person = _antecedent(pronoun, span, facts, last)
            if person is not None:
                return names.expand(person, article), found.mention, "person"
            if previous is not None and previous[2] == "person" and span.paragraph - previous[0] <= 2:
                return previous[1], found.mention, "person"
        elif previous is not None and previous[2] != "person" and span.paragraph - previous[0] <= 2:
            # "it says" / "they said" after a statement or a group quoted just before.
            return previous[1], found.mention, previous[2]
        return None, found.mention, "pronoun"
    if found.kind == "person":
        return names.expand(found.mention, article), found.mention, "person"
    cleaned = re.sub(r"^(?:the|a|an)\s+", "", found.mention, flags=re.IGNORECASE)
    # The small model often labels a lone surname ORG ("Russel"): a known person's name wins.
    if cleaned[:1].isupper() and len(cleaned.split()) <= 3:
        expanded = names.expand(cleaned, article)
        if expanded != clean_name(cleaned):
            return expanded, found.mention, "person"
    issuer = _issuer(cleaned, span, document)
    if issuer is not None:
        return names.expand(issuer, article), found.mention, "organization"
    titled = _titled_person(cleaned, span, persons, text)
    if titled is not None:
        return names.expand(titled, article), found.mention, "person"
    return cleaned, found.mention, found.kind


def _issuer(description: str, span: QuoteSpan, document: Document) -> str | None:
    """"the statement said" → who issued the statement, named in the three sentences before."""
    if description.lower().split()[-1:] not in [[d] for d in _DOCUMENTS]:
        return None
    before = [s for s in document.sentences if s.start <= span.mark_start][-3:]
    for sentence in reversed(before):
        matches = list(_ISSUER.finditer(sentence.text))
        if matches:
            return matches[-1].group(1) or matches[-1].group(2)
    return None


def _titled_person(description: str, span: QuoteSpan, persons, text: str) -> str | None:
    """"the president said" → the person the article titled President before the quote."""
    words = description.lower().split()
    if not words or len(words) > 4 or words[-1] not in ROLE_NOUNS:
        return None
    for start, _, name in reversed([p for p in persons if p[1] <= span.mark_start]):
        titles = roles_before(text[max(0, start - 80):start])
        if any(words[-1] in title.lower().split() for title in titles):
            return name
    return None


_MALE, _FEMALE = re.compile(r"\bMr\.?\s*$"), re.compile(r"\b(?:Mrs|Ms|Miss)\.?\s*$")


# A name opening a sentence as its subject: "Sterling Golongergen, 43, ..." or "Patronek said ...".
_LEADING_NAME = re.compile(r"^((?:[A-Z][\w.'’-]+\s+){1,3}[A-Z][\w'’-]+),|"
                           r"^((?:[A-Z][\w.'’-]+\s+){0,3}[A-Z][\w'’-]+)\s+(?:also\s+)?(?:said|says|told|added|"
                           r"explained|noted|emphasized|emphasised|argued|insisted|acknowledged|conceded)\b")
_NOT_NAMES = {"The", "A", "An", "He", "She", "They", "It", "We", "I", "You", "This", "That", "These", "Those",
              "But", "And", "Or", "So", "Yet", "Then", "Still", "However", "Meanwhile", "Also", "In", "On", "At"}
_DOCUMENTS = {"statement", "report", "letter", "release", "communique", "communiqué", "announcement"}
# Who issued a statement: "Continental issued a brief statement", "a statement released on behalf of X".
_ISSUER = re.compile(r"(?:\b((?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*)\s+(?:issued|released|put out|published)"
                     r"\s+(?:a|an|its|the)\s+(?:[\w-]+\s+){0,2}(?:statement|report|letter|release))|"
                     r"(?:on behalf of|issued by|released by|from)\s+(?:the\s+)?((?:[A-Z][\w&.'’-]*\s+){0,3}[A-Z][\w&.'’-]*)")


def _antecedent(pronoun: str, span: QuoteSpan, facts: ArticleFacts,
                previous_quote: tuple[int, str] | None) -> str | None:
    """The person a he/she speaker refers to, looking back at most three sentences: a person named
    (outside quotes) earlier in the quote's own sentence; else, per earlier sentence, the speaker of
    a quote in it, the first person named in it, or a name opening it ("Sterling Golongergen, 43,
    ...", which the small NER model often misses). People whose title (Mr, Ms) or pronouns in the
    article say the other gender are skipped."""
    text, marks = facts.document.article.text, facts.marks
    wrong = _FEMALE if pronoun == "he" else _MALE
    candidates = [p for p in facts.persons if p[1] <= span.mark_start and not any(a <= p[0] < b for a, b in marks)
                  and not wrong.search(text[max(0, p[0] - 5):p[0]])
                  and facts.genders.get(p[2].split()[-1].lower(), pronoun) == pronoun]
    before = [s for s in facts.document.sentences if s.start <= span.mark_start]
    for distance, sentence in enumerate(reversed(before[-3:])):
        if distance and previous_quote is not None and sentence.start <= previous_quote[0] < sentence.end:
            return previous_quote[1]
        inside = [p for p in candidates if sentence.start <= p[0] < sentence.end]
        if inside:
            return inside[0][2]
        leading = _LEADING_NAME.match(sentence.text)
        if distance and leading and (leading.group(1) or leading.group(2)).split()[0] not in _NOT_NAMES:
            return leading.group(1) or leading.group(2)
    return None
