"""Contradictions between outlets. (Not implemented yet.)"""

from __future__ import annotations

from ..model import Claim, Contradiction, Document, Quote


def find_contradictions(documents: list[Document], claims: tuple[Claim, ...],
                        quotes: tuple[Quote, ...]) -> tuple[Contradiction, ...]:
    return ()
