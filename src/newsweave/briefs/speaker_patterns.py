"""The common attributions read without a parse: ``“...,” Okafor said`` and ``“...,” said Okafor``.

Most news quotes are attributed in one of these two shapes right after the closing mark; reading
them with a pattern spares the dependency parse (the slowest step of quote extraction) for them.
Anything else — an apposition, a subject before the quote, a speech verb the list lacks — falls
through to ``speaker_parse``.
"""

from __future__ import annotations

import re

from .speaker_parse import Attribution

_NAME = r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]*"
_VERBS = (r"said|says|added|adds|told|tells|asked|asks|explained|explains|wrote|writes|noted|notes|declared|"
          r"insisted|insists|continued|recalled|replied|warned|warns|argued|argues|stressed|acknowledged")
_SUBJECT_FIRST = re.compile(rf"^[,.!?]?\s*(?P<name>{_NAME}|he|she|they|it|we|I)\s+(?:also\s+)?(?:{_VERBS})\b")
_VERB_FIRST = re.compile(rf"^[,.!?]?\s*(?:{_VERBS})\s+(?P<name>{_NAME})(?=\s*(?:[,.;]|$))")
# "Birch said “a kind of meanness won out”", "Ivers said that the “old paradigm”": the name must
# open the clause (sentence start or after a comma) so "met Mr Blinken said" cannot match.
_BEFORE = re.compile(rf"(?:^|[,;]\s+|\b(?:and|but)\s+)(?P<name>{_NAME}|he|she|they|He|She|They)\s+(?:also\s+)?"
                     rf"(?:{_VERBS})(?:\s+(?:reporters|journalists))?(?:\s+that)?[,:]?\s*(?:the\s+|a\s+|an\s+)?$")
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "organization", "NORP": "organization"}


def attribute_by_pattern(text: str, mark_start: int, mark_end: int, context: tuple[int, int],
                         ents) -> Attribution | None:
    """The speaker named right after the closing quote mark at ``mark_end``, or in a clause opening
    right before the quote at ``mark_start`` (offsets into ``text``), within ``context`` (start,
    end); ``ents`` are the article's named entities, for the speaker's kind."""
    tail = text[mark_end:context[1]]
    match = _SUBJECT_FIRST.match(tail) or _VERB_FIRST.match(tail)
    offset = mark_end
    if match and text[:mark_end].rstrip("\"'`\u201d\u00bb ").endswith(".") and match.group("name")[:1].isupper():
        match = None  # '“... one woman.” It says': a new sentence, not an attribution
    if not match:
        head = text[context[0]:mark_start]
        match = _BEFORE.search(head) if "\u201d" not in head and "''" not in head and '"' not in head else None
        offset = context[0]
    if not match:
        return None
    name = match.group("name")
    start = offset + match.start("name")
    end = start + len(name)
    if name.lower() in _PRONOUNS:
        return Attribution(name, "pronoun", start, end)
    kind = "other"
    for ent in ents:
        if ent.start_char < end and ent.end_char > start:
            kind = _KINDS.get(ent.label_, "other")
            break
    return Attribution(name, kind, start, end)
