"""Sentences with character offsets into the article text as read.

spaCy's ``senter`` does the splitting; ``_repair`` then fixes the mistakes it makes on news text
(seen on the seeds and DUC newswire), always by moving boundaries, never by editing text:

- a "sentence" that is only quote marks or punctuation (DUC's ```` `` ```` opening quotes are
  split off on their own) joins the next sentence;
- closing quote marks (``''``, ``”``, ``’``, or a ``"`` that closes an odd one) and closing
  brackets at the start of a sentence move back to the sentence they close;
- a sentence that starts in lower case (``… eat?'' | she asked.``) joins the previous one;
- a sentence that ends in a title or company abbreviation (``Mr.``, ``Gov.``, ``Inc.``) or a
  middle initial joins the next one, and so does one followed by a wire tag (``Mass. | (AP) -``)
  or by a time zone (``8:02 a.m. | EDT``); an upper-case dateline alone (``BOSTON _``) joins
  the sentence it opens. State abbreviations are not in the list: they end
  real sentences too often ("… found in Conn. | About 40 crows …").
"""

from __future__ import annotations

import re

from ..model import Article, Sentence
from .clean import trim
from .nlp import Nlp

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'",
                         "\u00ab": '"', "\u00bb": '"', "\u2032": "'", "\u00a0": " "})
_SPACE = re.compile(r"\s+")
_WIRE_QUOTES = re.compile(r"``|''")
_CLOSERS = re.compile(r"(?:''|[”’)\]»]|\")+(?=\s|\Z)")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Messrs|Dr|Drs|St|Gov|Sen|Rep|Gen|Lt|Col|Maj|Sgt|Cpl|Capt|Cmdr|Adm|"
                           r"Prof|Rev|Fr|Jr|Sr|No|Nos|Inc|Corp|Co|Ltd|vs|Mt|Ft|Sept|Jan|Feb|Aug|Oct|Nov|Dec)\.|"
                           r"(?<=\s)[A-Z]\.)\Z")
# A wire dateline ("CAMBRIDGE, Mass. (AP) -") or a time zone after "a.m." continues the sentence.
_CONTINUES = re.compile(r"\((?:AP|AFP|Reuters|UPI)\)|(?<=[ap]\.m\. )(?:[ECMP][DS]T|GMT|UTC)\b")
_ALNUM = re.compile(r"\w")
MAX_CHUNK = 100_000
# An upper-case wire dateline on its own ("BOSTON _", "WASHINGTON --") opens the next sentence.
_DATELINE = re.compile(r"[A-Z][A-Z.,'() ]*[A-Z.)]\s+(?:_|--|—|-)\Z")


def normalize(text: str) -> str:
    """Straight quotes and folded whitespace: for comparing sentences, never for citing them.
    Wire-style ```` ``quotes'' ```` become ``"quotes"`` too, so a wire copy compares equal to a
    web copy of the same sentence."""
    return _SPACE.sub(" ", _WIRE_QUOTES.sub('"', text).translate(_QUOTES)).strip()


def segment(article: Article, regions: list[tuple[int, int]], nlp: Nlp) -> tuple[Sentence, ...]:
    """Split each kept region (paragraph) of ``article.text`` into sentences.

    Offsets are trimmed of surrounding whitespace so ``article.text[s.start:s.end] == s.text``.
    """
    text = article.text
    sentences: list[Sentence] = []
    regions = [piece for start, end in regions for piece in _pieces(text, start, end)]
    chunks = [text[start:end] for start, end in regions]
    for paragraph, ((region_start, _), doc) in enumerate(zip(regions, nlp.sentences(chunks))):
        spans = [(region_start + span.start_char, region_start + span.end_char) for span in doc.sents]
        for start, end in _repair(text, spans):
            sentence = text[start:end]
            sentences.append(Sentence(article=article.id, outlet=article.outlet, index=len(sentences),
                                      start=start, end=end, text=sentence, normalized=normalize(sentence),
                                      paragraph=paragraph))
    return tuple(sentences)


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A region cut into pieces of at most ``MAX_CHUNK`` characters, at a sentence end if one is
    near the limit, else at a space: spaCy refuses texts over ``nlp.max_length`` (1,000,000) and
    slows down on very long ones, and a single-line file can be one huge region."""
    pieces = []
    while end - start > MAX_CHUNK:
        window = text[start:start + MAX_CHUNK]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 1 if cut > MAX_CHUNK // 2 else window.rfind(" ")
        if cut <= 0:
            cut = MAX_CHUNK
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, end))
    return pieces


def _repair(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of one region with senter's typical news-text mistakes undone (see module doc)."""
    spans = [trimmed for start, end in spans if (trimmed := trim(text, start, end))]
    # 1. Punctuation-only pieces join the next sentence (or the previous one at the end).
    joined: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in spans:
        if not _ALNUM.search(text[start:end]):
            if pending is None:
                pending = start
            continue
        joined.append((pending if pending is not None else start, end))
        pending = None
    if pending is not None:
        if joined:
            joined[-1] = (joined[-1][0], spans[-1][1])
        else:
            joined.append((pending, spans[-1][1]))
    # 2. Closing quotes move back; 3. lower-case starts and abbreviation ends merge.
    result: list[tuple[int, int]] = []
    for start, end in joined:
        if result:
            previous_start, previous_end = result[-1]
            closing = _CLOSERS.match(text, start)
            if closing and _closes(text[previous_start:previous_end], closing.group()):
                result[-1] = (previous_start, closing.end())
                moved = trim(text, closing.end(), end)
                if moved is None:
                    continue
                start = moved[0]
            previous_start, previous_end = result[-1]
            if (text[start].islower() or _DATELINE.match(text[previous_start:previous_end])
                    or _ABBREVIATION.search(text, previous_start, previous_end) or _CONTINUES.match(text, start)):
                result[-1] = (previous_start, end)
                continue
        result.append((start, end))
    return result


def _closes(previous: str, closers: str) -> bool:
    """Whether quote marks at a sentence start close a quote left open in the previous sentence."""
    if closers.startswith('"'):
        return previous.count('"') % 2 == 1
    return True
