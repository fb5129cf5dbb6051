"""Sentences with character offsets into the article text as read.

spaCy's ``senter`` does the splitting; ``_repair`` then fixes the mistakes it makes on news text
(seen on the seeds and DUC newswire), always by moving boundaries, never by editing text:

- a "sentence" that is only quote marks or punctuation (DUC's ```` `` ```` opening quotes are
  split off on their own) joins the next sentence;
- closing quote marks (``''``, ``”``, ``’``, or a ``"`` that closes an odd one) and closing
  brackets at the start of a sentence move back to the sentence they close;
- a sentence that starts in lower case (``… eat?'' | she asked.``) joins the previous one, except
  in case-folded text (below) after a sentence end;
- a sentence that ends in a title or company abbreviation (``Mr.``, ``Gov.``, ``Inc.``) or a
  middle initial joins the next one, and so does one followed by a wire tag (``Mass. | (AP) -``)
  or by a time zone (``8:02 a.m. | EDT``); an upper-case dateline alone (``BOSTON _``) joins
  the sentence it opens. State abbreviations are not in the list: they end
  real sentences too often ("… found in Conn. | About 40 crows …").

Case-folded text (Multi-News: every word lower case but the first of what its own splitter took for
a sentence) breaks the lower-case rule: that splitter missed sentences after a closing quote or a
question mark (``… is "futile. " cambridge analytica has …``, ``So what now? we can only …``), so
a lower-case start there begins a real sentence. ``case_folded`` recognises such a document by
its capitals (none inside sentences); in it a lower-case start joins the previous sentence only if
that one has no final ``.``/``?``/``!`` (closing quotes aside) or the new one opens with an
attribution (``"what? " she asked.``); a spaced ``"`` left at the end of a sentence moves to the
quotation it opens; and titles and initials count in lower case (``iowa gov. | Terry branstad``).
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
# In case-folded text the titles and initials are in lower case ("said lt. | Sam staley", "harry m. |
# Reid"); months and "no." are left out there, as they end sentences in lower case too.
_FOLDED_ABBREVIATION = re.compile(r"(?:\b(?:mr|mrs|ms|messrs|dr|drs|gov|sen|rep|gen|lt|col|maj|sgt|cpl|capt|cmdr|"
                                  r"adm|prof|rev|fr|inc|corp|ltd)\.|(?<=\s)[a-z]\.)\Z")
# A wire dateline ("CAMBRIDGE, Mass. (AP) -", case-folded "columbia, s.c. ( ap ) —") or a time zone
# after "a.m." continues the sentence.
_CONTINUES = re.compile(r"\(\s?(?i:AP|AFP|Reuters|UPI)\s?\)|(?<=[ap]\.m\. )(?:[ECMP][DS]T|GMT|UTC)\b")
_ALNUM = re.compile(r"\w")
MAX_CHUNK = 100_000
# An upper-case wire dateline on its own ("BOSTON _", "WASHINGTON --") opens the next sentence.
_DATELINE = re.compile(r"[A-Z][A-Z.,'() ]*[A-Z.)]\s+(?:_|--|—|-)\Z")
# A final "." (or "?"/"!") with any closing quotes after it (Multi-News: ``. "``); not a bracket:
# ``( why here?!? ) this past sunday.`` is one sentence.
_FINAL = re.compile(r"([.!?])(?:\s*(?:''|[\"”’'»]))*\Z")
# "she asked", "said the mayor", "kirk's lawyer told": a quote's speaker after it.
_SPEAKER = re.compile(r"(?:[\w'’.\-]+\s+){0,2}(?:said|says|asked|asks|told|added|adds|wrote|writes|replied|"
                      r"explained|continued|recalled|noted|tweeted|insisted|joked|shouted|yelled|exclaimed)\b")
_TRAILING_QUOTE = re.compile(r"[.!?]\s+(\")\Z")
_TOKEN = re.compile(r"(\s*)(\S+)")
_PLAIN_WORD = re.compile(r"[A-Za-z][a-z]+")
_BRACKETS_AND_QUOTES = "\"'“”‘’`()[]"
CASE_FOLDED_WORDS, CASE_FOLDED_CAPITALS = 30, 0.002
"""A document is case-folded when it has at least this many words inside sentences and at most this
share of them capitalised. Multi-News documents have none (all 5,425 of validation 0-1999 with 30+
such words); DUC 2006 newswire has 0.48% at the least (one capital in 209 words) and 11% at the
median, the seeds 15-19%. Re-calibrate with the share over both corpora if the word rules change
(``docs/evaluation-summaries.md``, "Case-folded text")."""


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
    folded = case_folded(text)
    sentences: list[Sentence] = []
    regions = [piece for start, end in regions for piece in _pieces(text, start, end)]
    chunks = [text[start:end] for start, end in regions]
    for paragraph, ((region_start, _), doc) in enumerate(zip(regions, nlp.sentences(chunks))):
        spans = [(region_start + span.start_char, region_start + span.end_char) for span in doc.sents]
        for start, end in _repair(text, spans, case_folded=folded):
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


def case_folded(text: str) -> bool:
    """Whether ``text`` is case-folded: (almost) no capitalised word inside a sentence, i.e. after
    a word that does not end in ``.``/``?``/``!``/``:`` on the same line. The first ``MAX_CHUNK``
    characters decide: a document does not change its casing halfway, and a huge one is not read twice."""
    inner = capitals = 0
    ended = True
    for match in _TOKEN.finditer(text, 0, MAX_CHUNK):
        word = match.group(2).strip(_BRACKETS_AND_QUOTES)
        if not word:
            continue
        if "\n" in match.group(1):
            ended = True
        if not ended and _PLAIN_WORD.fullmatch(word.rstrip(",;.!?:")):
            inner += 1
            capitals += word[0].isupper()
        ended = word[-1] in ".!?:"
    return inner >= CASE_FOLDED_WORDS and capitals <= CASE_FOLDED_CAPITALS * inner


def _repair(text: str, spans: list[tuple[int, int]], *, case_folded: bool = False) -> list[tuple[int, int]]:
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
    abbreviation = _FOLDED_ABBREVIATION if case_folded else _ABBREVIATION
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
            if (_continues_lower(text, previous_start, previous_end, start, case_folded)
                    or _DATELINE.match(text[previous_start:previous_end])
                    or abbreviation.search(text, previous_start, previous_end) or _CONTINUES.match(text, start)):
                result[-1] = (previous_start, end)
                continue
            opener = _opening_quote(text, spans[0][0], previous_start, previous_end) if case_folded else None
            if opener is not None and (kept := trim(text, previous_start, opener)):
                result[-1] = kept
                start = opener
        result.append((start, end))
    return result


def _opening_quote(text: str, region_start: int, previous_start: int, previous_end: int) -> int | None:
    """Where the previous sentence ends in a quote mark that opens the next one (``… he said. " they
    were …``: Multi-News spaces quote marks on both sides), else ``None``. A ``"`` opens when an
    even number of them come before it in the region."""
    found = _TRAILING_QUOTE.search(text, previous_start, previous_end)
    if found is None or text.count('"', region_start, found.start(1)) % 2:
        return None
    return found.start(1)


def _continues_lower(text: str, previous_start: int, previous_end: int, start: int, case_folded: bool) -> bool:
    """Whether a sentence starting at ``start`` in lower case continues the previous one: always in
    cased text; in case-folded text unless the previous one ends in ``.`` (``?``/``!``: unless a
    speaker follows)."""
    if not text[start].islower():
        return False
    if not case_folded:
        return True
    final = _FINAL.search(text, previous_start, previous_end)
    if final is None:
        return True
    return final.group(1) != "." and _SPEAKER.match(text, start) is not None


def _closes(previous: str, closers: str) -> bool:
    """Whether quote marks at a sentence start close a quote left open in the previous sentence."""
    if closers.startswith('"'):
        return previous.count('"') % 2 == 1
    return True
