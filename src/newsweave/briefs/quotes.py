"""Direct quotations and their speakers, and the same quotation merged across outlets.

``extract_quotes`` finds quoted words (``quote_spans``), parses only the sentences around them
(``speaker_parse``), resolves pronouns and surnames to the full names the articles give
(``entity_names``), and drops scare quotes, titles and nicknames. ``merge_quotes`` groups the
mentions of one quotation reported by several articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from rapidfuzz import fuzz

from ..documents import Nlp, normalize
from ..model import Document, Quote, QuoteMention
from .entity_names import NameIndex, normalize_name
from .quote_spans import QuoteSpan, find_quote_spans
from .speaker_parse import attribute, speech_verbs
from .speaker_patterns import attribute_by_pattern
from .speaker_resolve import ArticleFacts, resolve_speaker

__all__ = ["extract_quotes", "merge_quotes", "quotes_in"]

# A quote of at most this many words with no speech verb in its sentence is a scare quote, a title
# or a nickname ("so-called “miscalculations”"), not speech.
SCARE_MAX_WORDS = 3
# Merging: near-identical wording (rapidfuzz ratio on normalised text), or a fragment of at least
# MIN_FRAGMENT_WORDS contained in a longer report. Calibrated on the seeds' Kritenbrink quote.
MERGE_RATIO = 88
MIN_FRAGMENT_WORDS = 4
_WORD = re.compile(r"[\w’']+")


@dataclass(frozen=True)
class _Context:
    start: int
    end: int


def _context(document: Document, span: QuoteSpan) -> _Context:
    """The sentences holding the quote marks, widened to a split-off attribution (a next sentence
    starting in lower case: "he said.") or a preceding "X said:" sentence in the same paragraph."""
    sentences = document.sentences
    first = next((i for i, s in enumerate(sentences) if s.end > span.mark_start), 0)
    last = next((i for i, s in enumerate(sentences) if s.end >= span.mark_end), len(sentences) - 1)
    last = max(first, last)
    text = document.article.text
    tail = text[span.mark_end:sentences[last].end]
    if not _WORD.search(tail) and last + 1 < len(sentences) \
            and sentences[last + 1].paragraph == sentences[last].paragraph \
            and sentences[last + 1].text[:1].islower() and len(sentences[last + 1].text.split()) <= 25:
        last += 1
    head = text[sentences[first].start:span.mark_start]
    if not _WORD.search(head) and first > 0 and sentences[first - 1].paragraph == sentences[first].paragraph \
            and sentences[first - 1].text.rstrip().endswith(":"):
        first -= 1
    return _Context(sentences[first].start, sentences[last].end)


_MINOR = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "de"}
# A quote right after these words names something ("the so-called “use tax”"): a term, not speech.
_NAMING = re.compile(r"(?:\bcalled|\bso-called|\bknown as|\bdubbed|\btitled|\bnamed|\bentitled|\blabeled|"
                     r"\blabelled|\bbranded)(?:\s+(?:the|a|an|it|him|her|them))?\s*$", re.IGNORECASE)


def _is_title_like(words: list[str]) -> bool:
    """Every word capitalised and no exclamation or question: a title or a name ("Star Wars")."""
    content = [w for w in words if w.lower().strip(".,:;-") not in _MINOR and any(c.isalpha() for c in w)]
    if not content or words[-1][-1:] in "!?" or len(words) > 10:
        return False
    return all(w.lstrip("(\"'`“‘")[:1].isupper() for w in content)


def _is_term(text: str, span: QuoteSpan) -> bool:
    before = text[max(0, span.mark_start - 30):span.mark_start]
    return bool(_NAMING.search(before))


def extract_quotes(documents: list[Document], parsed: Mapping, nlp: Nlp) -> tuple[QuoteMention, ...]:
    """Every direct quotation in the kept text of ``documents``, with its speaker.

    ``parsed`` maps article id → spaCy Doc of the whole article text with NER; only the sentences
    around quotes are dependency-parsed here.
    """
    names = NameIndex()
    for document in documents:
        doc = parsed.get(document.article.id)
        for ent in (doc.ents if doc is not None else ()):
            if ent.label_ == "PERSON":
                names.add(document.article.id, ent.text)
    work = []
    for document in documents:
        article_doc = parsed.get(document.article.id)
        ents = article_doc.ents if article_doc is not None else ()
        spans = [s for s in find_quote_spans(document) if _is_candidate(document.article.text, s)]
        contexts = [_context(document, span) for span in spans]
        quick = [attribute_by_pattern(document.article.text, s.mark_start, s.mark_end, (c.start, c.end), ents)
                 for s, c in zip(spans, contexts)]
        work.append((document, spans, contexts, quick))
    # Parse only the contexts whose attribution the patterns could not read.
    texts = sorted({document.article.text[c.start:c.end] for document, _, cs, qs in work
                    for c, q in zip(cs, qs) if q is None})
    parses = dict(zip(texts, nlp.parse(texts)))
    mentions: list[QuoteMention] = []
    for document, spans, contexts, quick in work:
        mentions.extend(_document_quotes(document, spans, contexts, quick, parses,
                                         parsed.get(document.article.id), names))
    return tuple(mentions)


def _is_candidate(text: str, span: QuoteSpan) -> bool:
    """Quoted words that may be speech: some letters, and no title, name or term."""
    quoted = text[span.start:span.end]
    return bool(_WORD.search(quoted)) and not _is_title_like(quoted.split()) and not _is_term(text, span)


def _document_quotes(document, spans, contexts, quick, parses, article_doc, names) -> list[QuoteMention]:
    article = document.article
    text = article.text
    ents = article_doc.ents if article_doc is not None else ()
    surnames = {n.split()[-1] for n in names.names.get(article.id, []) if len(n.split()) > 1}
    # The small model labels a lone surname ORG or GPE now and then ("North said"): a surname of a
    # person named in the article counts as that person.
    persons = [(e.start_char, e.end_char, e.text) for e in ents
               if e.label_ == "PERSON" or (len(e) == 1 and e.text in surnames)]
    marks = [(s.mark_start, s.mark_end) for s in spans]
    facts = ArticleFacts(document, persons, marks)
    chains: dict[int, tuple[str | None, str]] = {}
    previous = None  # (paragraph, speaker, kind, start) of the last attributed quote
    result = []
    for span, context, found in zip(spans, contexts, quick):
        has_verb = found is not None
        if found is None:
            doc = parses[text[context.start:context.end]]
            masked = [(a - context.start, b - context.start) for a, b in marks
                      if a < context.end and b > context.start]
            has_verb = bool(speech_verbs(doc, masked))
            found = attribute(doc, (span.mark_start - context.start, span.mark_end - context.start), masked)
        if not has_verb and len(text[span.start:span.end].split()) <= SCARE_MAX_WORDS:
            continue
        speaker, mention, kind = resolve_speaker(found, span, facts, previous, names)
        if speaker is None and span.chain in chains:
            speaker, kind = chains[span.chain]
        elif speaker is None and not has_verb and previous is not None and span.paragraph - previous[0] <= 1:
            speaker, kind = previous[1], previous[2]
        if speaker is not None:
            chains.setdefault(span.chain, (speaker, kind))
            previous = (span.paragraph, speaker, kind, span.start)
        result.append(QuoteMention(article=article.id, outlet=article.outlet, start=span.start, end=span.end,
                                   text=text[span.start:span.end], speaker=speaker, speaker_mention=mention))
    return result


def _normalised(text: str) -> str:
    return " ".join(_WORD.findall(normalize(text).lower()))


def _same_quote(a: str, b: str) -> bool:
    if not a or not b:
        return False
    short, long_ = sorted((a, b), key=len)
    if len(short.split()) >= MIN_FRAGMENT_WORDS and short in long_:
        return True
    return fuzz.ratio(a, b) >= MERGE_RATIO


def _speakers_conflict(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return False
    na, nb = set(normalize_name(a).split()), set(normalize_name(b).split())
    return not (na <= nb or nb <= na)


def merge_quotes(mentions: tuple[QuoteMention, ...]) -> tuple[Quote, ...]:
    """One ``Quote`` per quotation: mentions with the same or nearly the same words (or a fragment of
    a longer report) are merged, unless they name different speakers (an attribution conflict is
    kept as two quotes so it can be flagged)."""
    groups: list[list[QuoteMention]] = []
    keys: list[list[str]] = []
    for mention in mentions:
        key = _normalised(mention.text)
        for group, group_keys in zip(groups, keys):
            if any(_same_quote(key, other) for other in group_keys) and \
                    not any(_speakers_conflict(mention.speaker, m.speaker) for m in group):
                group.append(mention)
                group_keys.append(key)
                break
        else:
            groups.append([mention])
            keys.append([key])
    quotes = []
    for group in groups:
        longest = max(group, key=lambda m: len(m.text))
        speakers = [m.speaker for m in group if m.speaker]
        speaker = max(speakers, key=lambda s: (speakers.count(s), len(s))) if speakers else None
        quotes.append(Quote(text=longest.text, speaker=speaker, mentions=tuple(group)))
    return tuple(quotes)


def quotes_in(documents: list[Document], nlp: Nlp) -> tuple[QuoteMention, ...]:
    """``extract_quotes`` for documents not yet run through NER (the ``quotes`` command)."""
    parsed = dict(zip((d.article.id for d in documents), nlp.entities(d.article.text for d in documents)))
    return extract_quotes(documents, parsed, nlp)
