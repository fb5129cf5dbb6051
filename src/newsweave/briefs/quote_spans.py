"""Where the quoted words are: pairing quote marks inside the kept paragraphs of one document.

Only marks inside the document's kept sentences count (cleaning dropped boilerplate). Marks:
typographic double quotes, straight double quotes (opening or closing by context), and the newswire
convention of two backquotes to open and two apostrophes to close. Opening and closing marks may be
mixed (“...." in seed 003). Single quotes are left alone: they are apostrophes far more often.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby

from ..model import Document

_MARK = re.compile(r"``|''|[\u201c\u201d\u201e\"\u00ab\u00bb]")
_OPENERS = {"``", "\u201c", "\u201e", "\u00ab"}
_CLOSERS = {"''", "\u201d", "\u00bb"}
# When a closing mark is missing, the quote stops where an attribution starts ("..., according to X").
_ATTRIBUTION_CUT = re.compile(
    r",\s+(?:according to\b|(?:he|she|they)\s+(?:said|says|added|told)\b|said\b|says\b)")


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted words ``text[start:end]``; ``mark_start``/``mark_end`` include the quote marks.

    ``paragraph`` is the document paragraph; ``chain`` numbers a quote running over several
    paragraphs (its parts share the number); ``closed`` is False when the closing mark was missing.
    """

    start: int
    end: int
    mark_start: int
    mark_end: int
    paragraph: int
    chain: int
    closed: bool = True


def paragraphs(document: Document) -> list[tuple[int, int, int]]:
    """(paragraph index, start, end) of each paragraph's kept text."""
    result = []
    for index, group in groupby(document.sentences, key=lambda s: s.paragraph):
        members = list(group)
        result.append((index, members[0].start, members[-1].end))
    return result


def _is_opening_straight(text: str, position: int, start: int) -> bool:
    before = text[position - 1] if position > start else " "
    after = text[position + 1] if position + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-:;/":
        return not after.isspace()
    return False


def _reversed(text: str, match: re.Match) -> bool:
    before = text[match.start() - 1] if match.start() > 0 else " "
    after = text[match.end()] if match.end() < len(text) else " "
    if match.group() == "''":
        return (before.isspace() or match.start() == 0) and after.isalnum()
    return not before.isspace() and after.isspace()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_quote_spans(document: Document) -> list[QuoteSpan]:
    """Every pair of quote marks in the kept text, in order, with multi-paragraph quotes chained."""
    text = document.article.text
    kept = [(s.start, s.end) for s in document.sentences]
    spans: list[QuoteSpan] = []
    chain = 0
    carry = False  # the previous paragraph ended inside a quote
    for paragraph, start, end in paragraphs(document):
        marks = [m for m in _MARK.finditer(text, start, end)
                 if any(a <= m.start() < b for a, b in kept)]
        opened: int | None = None
        opened_mark = 0
        for match in marks:
            mark = match.group()
            if mark in ("``", "''"):
                # Newswire marks typed the wrong way round (''We've seen...,`` he said) still pair.
                is_open = _is_opening_straight(text, match.start(), start) if _reversed(text, match) else mark == "``"
            elif mark in _OPENERS:
                is_open = True
            elif mark in _CLOSERS:
                is_open = False
            else:
                # A straight mark is an opening one when it sits before a word after a space, even
                # inside an open quote: then the earlier quote lost its closing mark.
                is_open = _is_opening_straight(text, match.start(), start)
            if is_open and opened is None:
                if not (carry and not spans_in(spans, paragraph) and not text[start:match.start()].strip()):
                    chain += 1
                opened, opened_mark = match.end(), match.start()
            elif is_open:
                # A second opening mark before a closing one: the first quote lost its closing mark.
                spans.append(_unclosed(text, opened, opened_mark, match.start(), paragraph, chain))
                chain += 1
                opened, opened_mark = match.end(), match.start()
            elif opened is not None:
                s, e = _trimmed(text, opened, match.start())
                if e > s:
                    spans.append(QuoteSpan(s, e, opened_mark, match.end(), paragraph, chain))
                opened = None
            # A closing mark with nothing open is a stray mark (or an apostrophe pair): ignored.
        carry = False
        if opened is not None:
            # Open at the paragraph's end: the quote continues if the next paragraph opens one.
            s, e = _trimmed(text, opened, end)
            nxt = _next_paragraph_opens(text, document, paragraph)
            if nxt:
                if e > s:
                    spans.append(QuoteSpan(s, e, opened_mark, end, paragraph, chain))
                carry = True
            else:
                spans.append(_unclosed(text, opened, opened_mark, end, paragraph, chain))
    return spans


def spans_in(spans: list[QuoteSpan], paragraph: int) -> bool:
    return any(s.paragraph == paragraph for s in spans)


def _next_paragraph_opens(text: str, document: Document, paragraph: int) -> bool:
    for sentence in document.sentences:
        if sentence.paragraph > paragraph:
            head = sentence.text.lstrip()
            return bool(head) and (head.startswith(("``", "\u201c", "\u201e", "\u00ab", '"')))
    return False


def _unclosed(text: str, opened: int, opened_mark: int, limit: int, paragraph: int, chain: int) -> QuoteSpan:
    cut = _ATTRIBUTION_CUT.search(text, opened, limit)
    stop = cut.start() if cut else limit
    s, e = _trimmed(text, opened, stop)
    return QuoteSpan(s, max(s, e), opened_mark, stop, paragraph, chain, closed=False)
