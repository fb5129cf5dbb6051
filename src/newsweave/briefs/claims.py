"""Claims: sentences from different articles that report the same fact. (Not implemented yet.)"""

from __future__ import annotations

from typing import Mapping

from ..config import Options
from ..model import Claim, Document, SingleSourceFact


def align_claims(documents: list[Document], copies: Mapping[str, str], options: Options) -> tuple[Claim, ...]:
    return ()


def single_source_facts(claims: tuple[Claim, ...]) -> tuple[SingleSourceFact, ...]:
    return ()
