"""Find what to leave out of an article's text, without changing the text.

``clean(text)`` returns the kept regions (paragraph-sized ``(start, end)`` offsets into ``text``
exactly as read) and a ``Span`` for every stretch set aside, with its reason:

- whole boilerplate paragraphs: "Advertisement", "Sign up for …", "Click here …", share and follow
  prompts, photo/image credits, syndication notes, short headings (no sentence punctuation);
- repeated paragraphs (the first copy is kept);
- inline boilerplate: photo credits in parentheses, "Click here …"/"Sign up …" sentences;
- inline promotion such as ``… by force. Also Read: An alert has been issued by Interpol for a
  Lebanese man … antiquities However, Blinken abruptly postponed …`` where a promo headline is
  pasted into running text with no full stop after it. See ``promo_end`` for how its end is found.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Span

__all__ = ["clean", "paragraphs", "promo_end", "trim"]

# Paragraph-level boilerplate: the whole paragraph matches one of these (case-insensitive).
_BOILERPLATE_PARAGRAPH = [
    ("advertisement", r"(?:skip\s+)?advertisement|story continues below(?: this)? advertisement|ad(?:vert)?s?"),
    # "Related", "Watch"… also begin real sentences ("Related to biological evolution is…"), so
    # they need a separator after them; "Also read" and the like never begin one.
    ("promotion", r"(?:(?:also read|read more|read also|see also|must read|don't miss)\b\s*[:|\-–—]?"
                  r"|(?:related|recommended|more from [\w ]+|watch|trending)\s*[:|\-–—]).{0,200}"),
    ("newsletter prompt", r"(?:sign up|subscribe|get (?:the|our) [\w ]*newsletter|join our)\b.{0,250}"),
    ("call to action", r"click here\b.{0,200}|download (?:the|our) app\b.{0,200}"),
    ("share prompt", r"(?:share|tweet|email|print|copy link|share this (?:article|story)|share on [\w ]+"
                     r"|follow us\b.{0,100}|follow @\w+.{0,100})[\s|:,]*(?:(?:facebook|twitter|x|linkedin|"
                     r"whatsapp|email|print|reddit|copy link)[\s|,]*)*"),
    ("image credit", r"(?:photo|image|picture|photograph|file photo|graphic|video)(?:\s+credit)?s?\s*[:/].{0,200}"
                     r"|.{0,120}(?:/\s*(?:getty images|afp|reuters|ap|afp via getty images)|\bap photo/.{0,80})"),
    ("links", r"on the (?:net|web|internet)\s*:.{0,300}"),
    ("syndication note", r"\(?(?:distributed by|for use by|to purchase this material|for purchase information|"
                         r"copyright|\(c\)|©|c\.\s*\d{4}).{0,300}"),
]
_BOILERPLATE = [(reason, re.compile(rf"\A\s*(?:{pattern})\s*\Z", re.I | re.S)) for reason, pattern in _BOILERPLATE_PARAGRAPH]

# Inline boilerplate inside a kept paragraph: a parenthesised credit or a call-to-action sentence,
# only where it stands between sentences. One in mid-sentence stays: cutting it would leave a
# sentence that is no longer one contiguous stretch of the text, and citations need contiguity.
_INLINE = [
    ("image credit", re.compile(r"(?:(?<=[.!?\"”’])|\A)\s*[(\[](?:AP |AFP |Reuters )?(?:photo|image|picture|file photo)\b"
                                r"[^)\]]{0,120}[)\]]", re.I)),
    ("call to action", re.compile(r"(?:(?<=[.!?\"”])|\A)\s*(?:click here|sign up for|subscribe to)\b"
                                  r"[^.!?\n]{0,200}[.!?]?", re.I)),
    # Wire editors' initials closing a story ("(gw/sl)", "(ph-pr)").
    ("wire code", re.compile(r"(?<=[.!?\"”'])\s*\([a-z]{1,3}[/-][a-z]{1,3}\)\s*\Z")),
    # Page furniture that scraped text (e.g. Multi-News) carries inline between sentences; fixed
    # phrases only, so no real sentence can match.
    ("advertisement", re.compile(r"(?:(?<=[.!?\"”’] )|\A)Advertisement(?:\s+continue reading the main story)?(?=\s|\Z)"
                                 r"|\bcontinue reading the main story\b", re.I)),
    ("page furniture", re.compile(r"\bplease enable javascript(?: to (?:watch|view) this video)?\.?"
                                  r"|\bplease enable cookies(?: on your (?:web )?browser)?(?: in order to continue)?\.?"
                                  r"|\bshare this (?:article|story|post)(?:\s+(?:facebook|twitter|linkedin|email|"
                                  r"whatsapp|reddit))*", re.I)),
]
# A promo inserted in running text begins with one of these labels, where a sentence could begin
# (so "the two issues are related: both …" is left alone).
_PROMO = re.compile(r"(?:(?<=[.!?\"”’)\]]\s)|\A)(?:also read|read also|read more|see also|related|recommended|must read)"
                    r"\s*[:|]\s*", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|\Z)")
_HEADING_MAX_WORDS = 10
# Short paragraphs ("How old are you?") may repeat on purpose; only longer repeats are copies.
_REPEAT_MIN_WORDS = 5
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE = re.compile(r"[^\n]+")
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"[a-z][a-z'\-]+")

# Function words: a capitalised word right after one of these is inside a phrase ("by Interpol",
# "in Libya"), so it cannot begin the real sentence after a promo headline.
FUNCTION_WORDS = frozenset("""a an the this that these those of in on at by for from to with without into onto
over under about after before during since until via per than as and or nor but so yet if while who whom whose
which what when where why how is are was were be been being has have had do does did will would shall should
can could may might must not no its his her their our your my mr mrs ms dr st alongside among between against
across through toward towards near like unlike including says said told according""".split())
_STOPWORDS = FUNCTION_WORDS | frozenset("""it he she they we you i him them us me also just more most other
such only very some any all each both one two three new would""".split())
# promo_end: how many content words after a candidate boundary show whether the real text resumes
# there, how many of them must recur elsewhere in the article, and how much an on-topic word left
# of the boundary counts against it. Set together on seed 000 and tests/test_documents_clean.py.
_RIGHT_WINDOW = 8
_MIN_RIGHT_HITS = 2
_LEFT_PENALTY = 2
_MAX_PROMO_WORDS = 30


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blocks between blank lines when the text has blank lines, else lines.
    Each span is trimmed of surrounding whitespace."""
    if _PARAGRAPH_BREAK.search(text):
        bounds, start = [], 0
        for match in _PARAGRAPH_BREAK.finditer(text):
            bounds.append((start, match.start()))
            start = match.end()
        bounds.append((start, len(text)))
    else:
        bounds = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    return [trimmed for start, end in bounds if (trimmed := trim(text, start, end))]


def clean(text: str) -> tuple[list[tuple[int, int]], tuple[Span, ...]]:
    """Kept regions (paragraph pieces, offsets into ``text``) and the removed spans with reasons."""
    removed: list[Span] = []
    seen: set[str] = set()
    paras = paragraphs(text)
    for start, end in paras:
        body = text[start:end]
        reason = _paragraph_reason(body, several=len(paras) > 1)
        key = " ".join(body.lower().split())
        if reason is None and key in seen and len(key.split()) >= _REPEAT_MIN_WORDS:
            reason = "repeated paragraph"
        seen.add(key)
        if reason:
            removed.append(Span(start, end, reason))
        else:
            removed.extend(_inline(text, start, end))
    removed.sort(key=lambda span: span.start)
    return _kept(text, paras, removed), tuple(removed)


def _paragraph_reason(body: str, *, several: bool) -> str | None:
    for reason, pattern in _BOILERPLATE:
        if pattern.match(body):
            return reason
    words = body.split()
    if several and len(words) <= _HEADING_MAX_WORDS and not _SENTENCE_END.search(body) and not body.rstrip().endswith(":"):
        return "heading"
    return None


def _inline(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    body = text[start:end]
    for reason, pattern in _INLINE:
        for match in pattern.finditer(body):
            if trimmed := trim(text, start + match.start(), start + match.end()):
                spans.append(Span(*trimmed, reason))
    for match in _PROMO.finditer(body):
        if any(s.start <= start + match.start() < s.end for s in spans):
            continue
        promo_stop = promo_end(text, start + match.end(), end)
        spans.append(Span(start + match.start(), promo_stop, "promotion"))
    return _merge(spans)


def promo_end(text: str, begin: int, limit: int) -> int:
    """Where a promo headline that starts at ``begin`` (just after "Also Read:") ends.

    The promo runs at most to the first sentence end. Inside that stretch, each capitalised word
    not preceded by a function word (nor by a comma or colon) is a candidate start of the real
    sentence. A candidate scores the number of the next ``_RIGHT_WINDOW`` content words that also
    occur elsewhere in the article, minus ``_LEFT_PENALTY`` per content word left of it (in the
    promo) that does: a promo headline is off-topic, the article's own sentence is not. The best
    candidate with at least ``_MIN_RIGHT_HITS`` on-topic words wins; without one, the whole
    stretch up to the sentence end is the promo. Returns an offset where whitespace begins.
    """
    stop_match = _SENTENCE_END.search(text, begin, limit)
    stop = stop_match.end() if stop_match else limit
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text, begin, stop)]
    rest = Counter(_content(text[:begin]) + _content(text[stop:]))

    def on_topic(word: str) -> bool:
        return rest[word] > 0 or rest[word.rstrip("s")] > 0 or rest[word + "s"] > 0

    best, best_score = stop, None
    for index in range(1, min(len(tokens), _MAX_PROMO_WORDS + 1)):
        offset, token = tokens[index]
        previous = tokens[index - 1][1]
        first = token.lstrip("\"'“‘(")
        if not first[:1].isupper() or previous[-1:] in ",:;" or previous.lower().strip("\"'“”‘’()") in FUNCTION_WORDS:
            continue
        left = _content(text[begin:offset])
        if len(left) < 2:
            continue
        right = _content(text[offset:stop])[:_RIGHT_WINDOW]
        hits = sum(on_topic(word) for word in right)
        if hits < _MIN_RIGHT_HITS:
            continue
        score = hits - _LEFT_PENALTY * sum(on_topic(word) for word in left)
        if best_score is None or score > best_score:
            best, best_score = offset, score
    return trim(text, begin, best)[1] if best != stop else stop


def _content(text: str) -> list[str]:
    return [w.strip("'-") for w in _WORD.findall(text.lower()) if w not in _STOPWORDS and len(w) > 2]


def _merge(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.reason)
        else:
            merged.append(span)
    return merged


def _kept(text: str, paras: list[tuple[int, int]], removed: list[Span]) -> list[tuple[int, int]]:
    regions: list[tuple[int, int]] = []
    for start, end in paras:
        cursor = start
        for span in removed:
            if span.end <= cursor or span.start >= end:
                continue
            if span.start > cursor and (piece := trim(text, cursor, span.start)):
                regions.append(piece)
            cursor = max(cursor, span.end)
        if cursor < end and (piece := trim(text, cursor, end)):
            regions.append(piece)
    return regions


def trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` narrowed to exclude surrounding whitespace; ``None`` if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
