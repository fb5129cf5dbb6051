"""Wire copies: articles that are copies or near-copies of one another. (Not implemented yet.)"""

from __future__ import annotations

from ..model import Document


def find_copies(documents: list[Document]) -> dict[str, str]:
    """Article id → id of the earliest article it copies, for every article that is a copy."""
    return {}
