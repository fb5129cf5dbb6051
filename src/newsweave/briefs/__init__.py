"""Documents of one story → Brief. Each section is built by its own module."""

from __future__ import annotations

from ..config import Options
from ..documents import Nlp
from ..model import ArticleInfo, Brief, Document, Rejection
from .angles import outlet_angles
from .claims import align_claims, single_source_facts
from .contradictions import find_contradictions
from .copies import find_copies
from .entities import extract_entities
from .quotes import extract_quotes, merge_quotes
from .summarize import summarize
from .timeline import build_timeline

__all__ = ["build_brief"]


def build_brief(documents: list[Document], rejections: list[Rejection], options: Options, nlp: Nlp,
                *, story: str | None = None) -> Brief:
    copies = find_copies(documents)
    # NER once for every section that needs it; the parser runs later only on the sentences that need it.
    parsed = dict(zip((d.article.id for d in documents), nlp.entities(d.article.text for d in documents)))
    claims = align_claims(documents, copies, options, nlp.encoder)
    mentions = extract_quotes(documents, parsed, nlp)
    quotes = merge_quotes(mentions)
    entities = extract_entities(documents, parsed)
    articles = [ArticleInfo(id=d.article.id, outlet=d.article.outlet, title=d.article.title, url=d.article.url,
                            published=d.article.published, author=d.article.author,
                            copy_of=copies.get(d.article.id)) for d in documents]
    articles += [ArticleInfo(id=r.article or r.input, outlet="", title=None, url=None, published=None,
                             author=None, rejected=r.reason) for r in rejections]
    return Brief(
        articles=tuple(articles),
        summary=summarize(documents, options, copies=copies, claims=claims, encoder=nlp.encoder),
        claims=claims,
        single_source=single_source_facts(claims),
        contradictions=find_contradictions(documents, claims, quotes),
        quotes=quotes,
        entities=entities,
        timeline=build_timeline(documents, parsed, options),
        outlets=outlet_angles(documents, claims, quotes, entities),
        story=story,
        texts={d.article.id: d.article.text for d in documents},
        removed={d.article.id: d.removed for d in documents},
    )
