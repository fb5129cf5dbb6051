"""Which source sentences are summary material, and each one's words for comparison.

A candidate is a whole source sentence, or that sentence with a leading newswire dateline
("PINE RIDGE, S.D. (AP) -- ") cut off: its ``start`` then moves past the dateline, so the cited text
is still exactly ``article.text[start:end]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from ..model import Document, Sentence, SourceRef

MIN_WORDS, MAX_WORDS = 6, 120
"""Shorter sentences are mostly fragments and captions; longer ones are lists or missed sentence
breaks. The long limit is generous because case-folded text (Multi-News) used to join real
sentences into one: a cap of 60 lost 1.1 ROUGE-2 there, and 120 changed nothing on DUC 2007. Since
``segment`` splits case-folded text (88e0271) a cap of 60 loses 0.11 (Multi-News val 5322-5621)."""

FRAGMENT_WORDS = 8
"""Sentences without final punctuation of at least this many words are candidates when the others
cannot fill the budget (``candidates(fragments=True)``). Truncated text (Multi-News documents end
mid-sentence, and its lower-cased text loses sentence ends) leaves many such sentences: with them
as filler, Multi-News dev gained 0.37 ROUGE-1 and 0.07 ROUGE-2 recall (DUC never needs them)."""

_TOKEN = re.compile(r"[a-z0-9]+")
# "CITY, State (AP) -- ", "WASHINGTON _ ", "Beijing: ": a place (and agency) before a dash or colon.
_DATELINE = re.compile(r"^(?:[A-Z][A-Z.'\- ]{2,40}(?:, [A-Z][A-Za-z.\- ]{1,20})?\s*(?:\([A-Za-z ]{2,20}\))?"
                       r"\s*(?:--|_|-|\u2014|\u2013)\s+|[A-Z][a-z]+:\s+)")
# A lower-case "&amp;" is let through: Multi-News web text keeps it in ordinary sentences ("fire
# &amp; rescue"). DUC's SGML "&AMP;" stays out: letting it in cost 0.05 ROUGE-2 on DUC 2007.
_BOILERPLATE = re.compile(r"also read|read more|click here|sign up|\bsubscrib(?:e|ing)\b|follow us|newsletter|"
                          r"all rights reserved|copyright|\(photo|photo:|image:|getty images|(?-i:&(?!amp;))#?\w+;|"
                          r"https?://", re.IGNORECASE)
# A link to a page (not a home page) in parentheses inside a sentence cites its source, as AP
# member stories do ("The Sarasota Herald-Tribune (http://bit.ly/...) reports ..."): the sentence is
# news, not a link to follow. A home page there ("HealthScout (http://www.healthscout.com) is a
# service of ...") is an advertisement.
_CITED_LINK = re.compile(r"(?<=\w)\s*\(\s*https?://[^\s/)]+/[^\s)]+\s*\)(?=\s+\w)", re.IGNORECASE)
# Wire furniture before a lede, in any case: photo credits ("( associated press ) ", "( ap photo/x ) ")
# and an agency dateline ("denver ( ap ) — ", "( cnn ) -- ", "Kuala lumpur, march 21 ( reuters ) - ").
_AGENCY = r"(?:ap|afp|upi|reuters|cnn|cnnmoney|cbs|nbc|abc|marketwatch)"
_WIRE_FURNITURE = re.compile(r"^(?:\(\s?(?:associated press|ap photo[^)]{0,40}|photo:[^)]{1,60}|image:[^)]{1,60})"
                             r"\s?\)\s+)*"
                             r"(?:(?:[A-Za-z][\w.'\- ]{0,30}(?:, [\w.'\- ]{1,25})?\s+)?\(\s?" + _AGENCY +
                             r"\s?\)\s*(?:--|_|-|\u2014|\u2013)?\s+)?", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|By|BY)\s+[A-Z][\w.'\-]+(?:\s+[A-Z][\w.'\-]+){0,3}\s*$")
_ATTRIBUTION = re.compile(r"\b(?:said|says|say|told|tells?|according|added|adds|asked|wrote|writes|stated|states|"
                          r"declared|announced|explained|explains|insisted|noted|notes|reports|reported|"
                          r"recalled|recalls|claimed|claims|warned|warns|admitted|admits|argued|argues|"
                          r"confirmed|confirms|tweeted|testified|acknowledged)\b", re.IGNORECASE)
_OPEN_QUOTE = "\"\u201c\u2018'"
_END = (".", "!", "\"", "\u201d", "'", "\u2019", ")")


@dataclass(frozen=True)
class Candidate:
    """A sentence (or its slice after a dateline) that may go into the summary."""

    sentence: Sentence
    start: int
    text: str
    words: int
    stems: tuple[str, ...]
    """Lowercased, stemmed word tokens, in order (ROUGE's own tokenisation)."""
    rank: int = 0
    """Position among its article's candidates (0: the first)."""

    @property
    def ref(self) -> SourceRef:
        s = self.sentence
        return SourceRef(s.article, s.outlet, self.start, s.end)


def candidates(document: Document, stem: Callable[[str], str], *, fragments: bool = False) -> list[Candidate]:
    """The sentences of ``document`` that are summary material, in document order (``fragments``:
    long sentences without final punctuation too)."""
    chosen = []
    sentences = document.sentences
    for number, sentence in enumerate(sentences):
        text, start = sentence.text, sentence.start
        for lead in (_WIRE_FURNITURE, _DATELINE):
            found = lead.match(text)
            if found and len(text) - found.end() > 20:
                text, start = text[found.end():], start + found.end()
        speaker = text[:1] in _OPEN_QUOTE and _speaker_nearby(sentences, number)
        if not is_summary_material(text, fragments=fragments, speaker=speaker):
            continue
        stems = tuple(stem(token) for token in _TOKEN.findall(text.lower()))
        chosen.append(Candidate(sentence=sentence, start=start, text=text, words=len(text.split()), stems=stems,
                                rank=len(chosen)))
    return chosen


def _speaker_nearby(sentences: Sequence[Sentence], number: int) -> bool:
    """Whether the sentence ``number`` or one next to it in its paragraph names a speaker: a quote
    of several sentences (``"We will rebuild," she said. | "It is the heart of the town."``) names
    its speaker once. On Multi-News val 5322-5621 (quote marks placed right in its case-folded
    text by ``segment``) this adds 161 candidates and 0.16 ROUGE-2 recall; DUC 2007 unchanged."""
    paragraph = sentences[number].paragraph
    return any(s.paragraph == paragraph and _ATTRIBUTION.search(s.text)
               for s in sentences[max(0, number - 1):number + 2])


def is_summary_material(text: str, *, fragments: bool = False, speaker: bool = False) -> bool:
    """False for questions, fragments (unless ``fragments`` and at least ``FRAGMENT_WORDS`` words),
    bylines, boilerplate and quotes with no one saying them (``speaker``: the sentence next to it
    names one: a quote of several sentences)."""
    return rejection(text, fragments=fragments, speaker=speaker) is None


def rejection(text: str, *, fragments: bool = False, speaker: bool = False) -> str | None:
    """Why ``text`` is not summary material (one of ``REJECTIONS``), or ``None`` if it is."""
    words = len(text.split())
    if words < MIN_WORDS:
        return "short"
    if words > MAX_WORDS:
        return "long"
    stripped = text.rstrip()
    if stripped.endswith("?"):
        return "question"
    if not stripped.endswith(_END) and not (fragments and words >= FRAGMENT_WORDS):
        return "fragment"
    if _BYLINE.match(text) or _BOILERPLATE.search(_CITED_LINK.sub(" ", text)):
        return "boilerplate"
    if text[0] in _OPEN_QUOTE and not (speaker or _ATTRIBUTION.search(text)):
        return "quote"
    return None


REJECTIONS = ("short", "long", "question", "fragment", "boilerplate", "quote")
