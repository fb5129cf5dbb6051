"""Each outlet's angle: what it alone brings to the story.

Per outlet: its articles, the claims only it reports (a claim also carried by a reprint in another
outlet belongs to neither alone), the quotes only it carries, and the entities only it mentions. Outlets are listed in the order their first article was read.
"""

from __future__ import annotations

from ..model import Claim, Document, Entity, OutletAngle, Quote

__all__ = ["outlet_angles"]


def outlet_angles(documents: list[Document], claims: tuple[Claim, ...], quotes: tuple[Quote, ...],
                  entities: tuple[Entity, ...]) -> tuple[OutletAngle, ...]:
    articles: dict[str, list[str]] = {}
    for document in documents:
        articles.setdefault(document.article.outlet, []).append(document.article.id)
    only_claims = _alone(articles, ((c.id, set(c.outlets)) for c in claims))
    only_quotes = _alone(articles, ((q.text, set(q.outlets)) for q in quotes))
    only_entities = _alone(articles, ((e.name, {m.outlet for m in e.mentions if m.mentions > 0}) for e in entities))
    return tuple(OutletAngle(outlet=outlet, articles=tuple(ids), claims=tuple(only_claims[outlet]),
                             quotes=tuple(only_quotes[outlet]), entities=tuple(only_entities[outlet]))
                 for outlet, ids in articles.items())


def _alone(articles: dict[str, list[str]], items) -> dict[str, list[str]]:
    """Item keys per outlet, for the items exactly one outlet of the story carries."""
    alone: dict[str, list[str]] = {outlet: [] for outlet in articles}
    for key, outlets in items:
        if len(outlets) == 1:
            (outlet,) = outlets
            if outlet in alone and key not in alone[outlet]:
                alone[outlet].append(key)
    return alone
