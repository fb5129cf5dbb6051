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
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "organization", "NORP": "organization"}


def attribute_by_pattern(text: str, mark_end: int, limit: int, ents) -> Attribution | None:
    """The speaker named right after a closing quote mark at ``mark_end`` (offsets into ``text``),
    looking no further than ``limit``; ``ents`` are the article's named entities for the kind."""
    tail = text[mark_end:limit]
    match = _SUBJECT_FIRST.match(tail) or _VERB_FIRST.match(tail)
    if not match:
        return None
    name = match.group("name")
    if text[:mark_end].rstrip("\"'`\u201d\u00bb ").endswith(".") and name[:1].isupper():
        return None  # '“... one woman.” It says': a new sentence, not an attribution
    start = mark_end + match.start("name")
    end = start + len(name)
    if name.lower() in _PRONOUNS:
        return Attribution(name, "pronoun", start, end)
    kind = "other"
    for ent in ents:
        if ent.start_char < end and ent.end_char > start:
            kind = _KINDS.get(ent.label_, "other")
            break
    return Attribution(name, kind, start, end)
