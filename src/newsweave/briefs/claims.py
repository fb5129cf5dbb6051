"""Claims: sentences from different articles that report the same fact.

Claims are read off the unit similarity graph (``claim_graph``) as stars: the unit (clause or
sentence) with the most support that no claim has used yet becomes a claim's centre, and the
sentence of every other article whose unit best matches it joins. An article with no match for the
centre may still join through a member: its best match to any member joins when it also reaches
``WEAK_SIMILARITY`` with the centre (one hop only, so a chain of loosely related sentences never
becomes one claim). With a sentence encoder, an article still missing from a claim joins by
meaning: its unit whose combined wording-and-meaning score (``claim_graph.with_meaning``) reaches
``JOIN_BY_MEANING`` with every unit of the claim so far; the claim must already hold two articles,
so meaning confirms a fact that wording found rather than starting one. A sentence can support
several claims, one per fact it reports; the unit that matched is then used up, so a fact is not
listed twice. Sentences no other article matches become single-article claims: the raw material of
single-source facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np
from scipy import sparse

from ..config import Options
from ..documents.embeddings import SentenceEncoder
from ..model import Claim, Document, Sentence, SingleSourceFact
from .claim_graph import MEANING_FLOOR, SIMILARITY, WEAK_SIMILARITY, ClaimGraph, claim_graph, with_meaning

__all__ = ["align_claims", "single_source_facts"]

# Calibrated with the constants of ``claim_graph`` on ECB+ dev (docs/evaluation-claims.md): the
# combined score an article's unit needs with every unit of a claim to join it by meaning.
JOIN_BY_MEANING = 0.3


@dataclass(frozen=True)
class _Star:
    centre: int  # a unit
    members: tuple[tuple[float, int], ...]  # (score, unit) of the other articles' matching units


def align_claims(documents: list[Document], copies: Mapping[str, str], options: Options,
                 encoder: SentenceEncoder | None = None) -> tuple[Claim, ...]:
    """Claims of the story, those reported by the most independent outlets first, then the most salient.

    Sentences are compared by wording, and by meaning too when ``encoder`` is given, installed
    (``encoder.available``) and ``options.embeddings`` is on."""
    use = encoder if encoder is not None and options.embeddings and encoder.available else None
    graph = claim_graph(documents, use)
    outlet_of = {d.article.id: d.article.outlet for d in documents}
    groups: list[tuple[int, list[int]]] = []  # (representative sentence, sentences)
    for star in _stars(graph):
        sentences = [int(graph.owner[star.centre])] + [int(graph.owner[u]) for _, u in star.members]
        groups.append((_representative(graph, star), sentences))
    groups = _merge(groups)
    in_claims = {n for _, group in groups for n in group}
    groups += [(n, [n]) for n in range(len(graph.sentences)) if n not in in_claims]
    drafts, seen = [], set()
    for representative, group in groups:
        ordered = sorted(set(group), key=lambda n: _order(graph.sentences[n]))
        if tuple(ordered) in seen:
            continue
        seen.add(tuple(ordered))
        refs = tuple(graph.sentences[n].ref for n in ordered)
        outlets = tuple(dict.fromkeys(ref.outlet for ref in refs))
        independent = len({outlet_of.get(copies.get(ref.article, ref.article), ref.outlet) for ref in refs})
        salience = float(graph.salience[ordered].max())
        rank = (-independent, -len(outlets), -len(refs), -salience, _order(graph.sentences[representative]))
        drafts.append((rank, graph.sentences[representative].text, refs, outlets, independent))
    drafts.sort(key=lambda draft: draft[0])
    return tuple(Claim(id=f"c{n}", text=text, refs=refs, outlets=outlets, independent_outlets=independent)
                 for n, (_, text, refs, outlets, independent) in enumerate(drafts, start=1))


def single_source_facts(claims: tuple[Claim, ...]) -> tuple[SingleSourceFact, ...]:
    """Claims that one independent outlet alone reports, grouped by outlet in the claims' order."""
    facts = [SingleSourceFact(outlet=c.outlets[0], claim=c.id, text=c.text, source=c.refs[0])
             for c in claims if c.independent_outlets == 1 and c.refs]
    first_seen: dict[str, int] = {}
    for n, fact in enumerate(facts):
        first_seen.setdefault(fact.outlet, n)
    return tuple(sorted(facts, key=lambda f: first_seen[f.outlet]))


def _stars(graph: ClaimGraph) -> list[_Star]:
    strong = graph.similarity.multiply(graph.similarity >= SIMILARITY).tocsr()
    support = np.asarray(strong.sum(axis=1)).ravel()
    article = [graph.sentences[n].article for n in graph.owner]
    units_of: dict[int, list[int]] = {}
    for unit, n in enumerate(graph.owner):
        units_of.setdefault(int(n), []).append(unit)
    used = np.zeros(len(graph.owner), dtype=bool)
    stars: list[_Star] = []
    for centre in np.argsort(-support, kind="stable"):
        centre = int(centre)
        if support[centre] == 0:
            break
        if used[centre]:
            continue
        best = _best_per_article(strong.getrow(centre), article)
        hop: dict[str, tuple[float, int]] = {}
        for _, member in best.values():
            for name, (score, unit) in _best_per_article(strong.getrow(member), article).items():
                if name in best or name == article[centre] or graph.similarity[centre, unit] < WEAK_SIMILARITY:
                    continue
                if score > hop.get(name, (0.0, -1))[0]:
                    hop[name] = (score, unit)
        members = sorted(best.values(), reverse=True) + sorted(hop.values(), reverse=True)
        if graph.vectors is not None and members:
            members += _joined_by_meaning(graph, [centre, *(u for _, u in members)], article, used)
        stars.append(_Star(centre, tuple(members)))
        for unit in [centre, *(u for _, u in members)]:
            for other in units_of[int(graph.owner[unit])]:
                if _overlap(graph.span[unit], graph.span[other]):
                    used[other] = True
    return stars


def _joined_by_meaning(graph: ClaimGraph, star: list[int], article: list[str],
                       used: np.ndarray) -> list[tuple[float, int]]:
    """(score, unit) of the best unit of each article not in ``star`` whose combined score with every
    unit of the star reaches ``JOIN_BY_MEANING``; the score is its mean over the star. Only units
    worded at least ``MEANING_FLOOR`` alike to every unit of the star are encoded and scored."""
    wording = graph.wording[star].toarray()
    present = {article[u] for u in star}
    candidates = [int(u) for u in np.flatnonzero((wording >= MEANING_FLOOR).all(axis=0) & ~used)
                  if article[u] not in present]
    if not candidates:
        return []
    pairs = np.array([(s, c) for s in star for c in candidates])
    cosine = graph.vectors.cosine(graph.owner[pairs[:, 0]], graph.owner[pairs[:, 1]])
    scores = with_meaning(wording[:, candidates], cosine.reshape(len(star), len(candidates)))
    best: dict[str, tuple[float, int]] = {}
    for n in np.flatnonzero((scores >= JOIN_BY_MEANING).all(axis=0)):
        unit, score = candidates[n], float(scores[:, n].mean())
        if score > best.get(article[unit], (0.0, -1))[0]:
            best[article[unit]] = (score, unit)
    return sorted(best.values(), reverse=True)


def _merge(groups: list[tuple[int, list[int]]]) -> list[tuple[int, list[int]]]:
    """Stars that share most of their sentences are one fact reported in several clauses (a
    sentence split by "after" matched twice): merge each into the first such star, which has more
    support. Two shared sentences at least, and half of the smaller star, so stars that share one
    two-fact sentence stay apart; stars whose best sentence is the same one are one fact too."""
    merged: list[tuple[int, list[int]]] = []
    for representative, group in groups:
        members = set(group)
        for target_representative, target in merged:
            shared = len(members & set(target))
            if representative == target_representative or \
                    (shared >= 2 and shared * 2 >= min(len(members), len(set(target)))):
                target.extend(n for n in group if n not in target)
                break
        else:
            merged.append((representative, list(group)))
    return merged


def _best_per_article(row: sparse.csr_matrix, article: list[str]) -> dict[str, tuple[float, int]]:
    best: dict[str, tuple[float, int]] = {}
    for unit, score in zip(row.indices, row.data):
        if score > best.get(article[unit], (0.0, -1))[0]:
            best[article[unit]] = (float(score), int(unit))
    return best


def _representative(graph: ClaimGraph, star: _Star) -> int:
    """The sentence that best stands for the claim: the centre's when the match was on the whole of
    it; otherwise the best-matching member that matched as a whole (it says only this fact)."""
    if graph.whole[star.centre]:
        return int(graph.owner[star.centre])
    for _, unit in star.members:
        if graph.whole[unit]:
            return int(graph.owner[unit])
    return int(graph.owner[star.centre])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _order(sentence: Sentence) -> tuple[str, int]:
    return (sentence.article, sentence.index)
