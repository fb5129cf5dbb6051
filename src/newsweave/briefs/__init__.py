"""Documents of one story → Brief. Each section is built by its own module."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from ..config import Options
from ..documents import Nlp
from ..model import ArticleInfo, Brief, Document, Rejection
from .angles import outlet_angles
from .claims import align_claims, single_source_facts
from .contradictions import find_contradictions
from .copies import find_copies
from .entities import extract_entities
from .quotes import extract_quotes, merge_quotes
from .summarize import candidate_vectors, summarize, summary_view
from .timeline import build_timeline

__all__ = ["build_brief"]


def build_brief(documents: list[Document], rejections: list[Rejection], options: Options, nlp: Nlp,
                *, story: str | None = None) -> Brief:
    copies = find_copies(documents)
    view = summary_view(documents, options, copies=copies)
    # Two lanes on the two cores: the sentence encoder's work (claims, then the summary candidates'
    # vectors; PyTorch, which releases the GIL) beside spaCy's. The encoder lane runs in the same order
    # as one thread would, so the vectors, and the brief, are the same.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-encoder") as encoder_lane:
        claims_done = encoder_lane.submit(align_claims, documents, copies, options, nlp.encoder)
        vectors_done = encoder_lane.submit(candidate_vectors, view, options, nlp.encoder)
        # NER once for every section that needs it; the parser runs later only on the sentences that need it.
        parsed = dict(zip((d.article.id for d in documents), nlp.entities(d.article.text for d in documents)))
        mentions = extract_quotes(documents, parsed, nlp)
        quotes = merge_quotes(mentions)
        entities = extract_entities(documents, parsed)
        timeline = build_timeline(documents, parsed, options)
        claims = claims_done.result()
        # While the candidates are still being encoded.
        contradictions = find_contradictions(documents, claims, quotes)
        outlets = outlet_angles(documents, claims, quotes, entities)
        vectors = vectors_done.result()
    articles = [ArticleInfo(id=d.article.id, outlet=d.article.outlet, title=d.article.title, url=d.article.url,
                            published=d.article.published, author=d.article.author,
                            copy_of=copies.get(d.article.id)) for d in documents]
    articles += [ArticleInfo(id=r.article or r.input, outlet="", title=None, url=None, published=None,
                             author=None, rejected=r.reason) for r in rejections]
    return Brief(
        articles=tuple(articles),
        summary=summarize(documents, options, copies=copies, claims=claims, encoder=nlp.encoder, view=view,
                          vectors=vectors),
        claims=claims,
        single_source=single_source_facts(claims),
        contradictions=contradictions,
        quotes=quotes,
        entities=entities,
        timeline=timeline,
        outlets=outlets,
        story=story,
        texts={d.article.id: d.article.text for d in documents},
        removed={d.article.id: d.removed for d in documents},
    )
