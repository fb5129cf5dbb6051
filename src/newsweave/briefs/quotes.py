"""Direct quotations and their speakers. (Not implemented yet.)"""

from __future__ import annotations

from typing import Mapping

from ..documents import Nlp
from ..model import Document, Quote, QuoteMention


def extract_quotes(documents: list[Document], parsed: Mapping, nlp: Nlp) -> tuple[QuoteMention, ...]:
    return ()


def merge_quotes(mentions: tuple[QuoteMention, ...]) -> tuple[Quote, ...]:
    return ()
