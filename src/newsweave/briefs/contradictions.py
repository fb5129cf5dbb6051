"""Contradictions between outlets: the same thing reported differently.

Four kinds, each found by its own module: ``number`` and ``date`` (different values for the same
count or event, ``contra_values``), ``attribution`` (the same statement credited to different
speakers, ``contra_quotes``) and ``negation`` (a statement against its denial, ``contra_negation``).
Precision matters more than recall here: a false contradiction costs the reader's trust in every
other line of the brief, so each finder compares only what is clearly about the same thing.
"""

from __future__ import annotations

from ..model import Claim, Contradiction, Document, Quote
from .contra_negation import negation_conflicts
from .contra_quotes import attribution_conflicts
from .contra_values import date_conflicts, number_conflicts

__all__ = ["find_contradictions"]

_KIND_ORDER = {"attribution": 0, "number": 1, "date": 2, "negation": 3}


def find_contradictions(documents: list[Document], claims: tuple[Claim, ...],
                        quotes: tuple[Quote, ...]) -> tuple[Contradiction, ...]:
    """Every contradiction between articles of different outlets, each once, attribution first."""
    found = [*attribution_conflicts(quotes), *number_conflicts(documents),
             *date_conflicts(documents), *negation_conflicts(documents, claims)]
    unique: dict[tuple, Contradiction] = {}
    for c in found:
        if c.kind in ("number", "date"):
            # One discrepancy (247 / 248 dead) is usually repeated by many articles: list it once,
            # with the first pair of articles that shows it.
            key = (c.kind, c.reason.split(":")[0], *sorted([c.left.value.casefold(), c.right.value.casefold()]))
        else:
            key = (c.kind, *sorted([(c.left.source.article, c.left.source.start, c.left.value),
                                    (c.right.source.article, c.right.source.start, c.right.value)]))
        unique.setdefault(key, c)
    return tuple(sorted(unique.values(), key=lambda c: (_KIND_ORDER[c.kind], c.left.source.article,
                                                        c.left.source.start, c.right.source.article,
                                                        c.right.source.start)))
