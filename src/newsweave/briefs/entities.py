"""People, organisations and places merged across articles. (Not implemented yet.)"""

from __future__ import annotations

from typing import Mapping

from ..model import Document, Entity


def extract_entities(documents: list[Document], parsed: Mapping) -> tuple[Entity, ...]:
    return ()
