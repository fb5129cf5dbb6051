"""Negation conflicts: one article states what another denies ("X will attend" / "X will not attend").

Only sentences of one claim from different outlets are compared, and only when they are nearly the
same statement apart from the negation: the negated word (the first content word after "not",
"never", "n't", "no longer") appears un-negated in the other sentence, which has no negation of its
own, and the two share most of their other content words (``MIN_OVERLAP``). Negation is the
riskiest kind to flag, so the bar is high.
"""

from __future__ import annotations

import re

from ..model import Claim, Contradiction, ContradictionSide, Document, Sentence
from .claim_terms import content_stems

__all__ = ["negation_conflicts", "negated_stems"]

# Share of the shorter sentence's content stems found in the other (Jaccard would punish the longer
# sentence's extra detail, which is not a disagreement).
MIN_OVERLAP = 0.7
# "whether or not", "if not", "not only" do not deny anything.
_NEGATION = re.compile(r"(?<!\bor\s)(?<!\bif\s)\b(?:not(?!\s+only\b)|never|no\s+longer|cannot)\b|n['’]t\b",
                       re.IGNORECASE)
# A sentence with any of these does not plainly affirm: "declined to file charges", "were unable to
# find" and "failed to pay" say what "won't be charged", "could not find" and "did not pay" say.
_ANY_NEGATION = re.compile(r"\b(?:not|never|no|none|nobody|nothing|neither|nor|without|cannot|denied|"
                           r"denies|deny|denying|refused|refuses|refusing|rejected|declined|declines|declining|"
                           r"failed|fails|unable|lacks?|lacked|instead)\b|n['’]t\b", re.IGNORECASE)
_UNTIL = re.compile(r"\buntil\b", re.IGNORECASE)
# A negation and the rest of its clause, removed to see which words the sentence states plainly.
_NEGATED_CLAUSE = re.compile(r"(?:(?<!\bor\s)(?<!\bif\s)\b(?:not|never|no\s+longer|cannot)\b|\w+n['’]t\b)"
                             r"[^,;:.!?_—–()\"“”]*", re.IGNORECASE)
# Words between a negation and the word it negates ("did not even", "will not be").
_SKIP = frozenset("be been being have has had even yet also ever really necessarily immediately "
                  "so too very just".split())


def negated_stems(text: str) -> set[str]:
    """Stems of the words ``text`` negates: the first content word after each negation."""
    negated = set()
    for match in _NEGATION.finditer(text):
        # Only within the same clause: in "Celebrex does not _ it has been approved" nothing is negated.
        clause = re.split(r"[,;:.!?_—–()\"“”]", text[match.end():match.end() + 60], maxsplit=1)[0]
        if _UNTIL.search(clause):
            continue  # "didn't realize until second period" says when it happened, not that it did not
        following = [w for w in re.findall(r"[A-Za-z]+", clause) if w.casefold() not in _SKIP]
        stems = content_stems(" ".join(following[:3]))
        # A word the sentence states un-negated after the denial is corrected, not denied: "they're not
        # sending you, they're sending people that have lots of problems".
        if stems and stems[0] not in content_stems(_NEGATED_CLAUSE.sub(" ", text[match.end() + len(clause):])):
            negated.add(stems[0])
    return negated


def negation_conflicts(documents: list[Document], claims: tuple[Claim, ...]) -> list[Contradiction]:
    sentences = {(s.article, s.start): s for d in documents for s in d.sentences}
    found: list[Contradiction] = []
    seen: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for claim in claims:
        if len(claim.outlets) < 2:
            continue
        members = [sentences[(r.article, r.start)] for r in claim.refs if (r.article, r.start) in sentences]
        for x, a in enumerate(members):
            for b in members[x + 1:]:
                key = ((a.article, a.start), (b.article, b.start))
                if a.outlet == b.outlet or key in seen:
                    continue
                seen.add(key)
                conflict = _conflict(a, b) or _conflict(b, a)
                if conflict:
                    found.append(conflict)
    return found


def _conflict(negative: Sentence, positive: Sentence) -> Contradiction | None:
    if _ANY_NEGATION.search(positive.text):
        return None
    negated = negated_stems(negative.text)
    if not negated:
        return None
    stems_pos, stems_neg = set(content_stems(positive.text)), set(content_stems(negative.text))
    shared_negated = negated & stems_pos
    if not shared_negated:
        return None
    shorter = min(len(stems_pos), len(stems_neg))
    if not shorter or len(stems_pos & stems_neg) < MIN_OVERLAP * shorter:
        return None
    word = sorted(shared_negated)[0]
    reason = (f"{negative.outlet} negates what {positive.outlet} states (negated: \"{word}\")")
    return Contradiction(kind="negation", reason=reason,
                         left=ContradictionSide(text=positive.text, source=positive.ref, value="affirmed"),
                         right=ContradictionSide(text=negative.text, source=negative.ref, value="negated"))
