"""Dated events resolved against publication dates. (Not implemented yet.)"""

from __future__ import annotations

from typing import Mapping

from ..config import Options
from ..model import Document, TimelineEvent


def build_timeline(documents: list[Document], parsed: Mapping, options: Options) -> tuple[TimelineEvent, ...]:
    return ()
