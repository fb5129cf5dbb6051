"""Each outlet's angle: what it alone brings. (Not implemented yet.)"""

from __future__ import annotations

from ..model import Claim, Document, Entity, OutletAngle, Quote


def outlet_angles(documents: list[Document], claims: tuple[Claim, ...], quotes: tuple[Quote, ...],
                  entities: tuple[Entity, ...]) -> tuple[OutletAngle, ...]:
    return ()
