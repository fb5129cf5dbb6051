"""Claims: sentences from different articles that report the same fact, and single-source facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.briefs.claims import align_claims, single_source_facts
from newsweave.config import Options
from newsweave.documents import Nlp, prepare
from newsweave.documents.embeddings import SentenceEncoder
from newsweave.model import Claim, Document, RawDocument

# Invented reports of one event by three outlets: a shared fact worded three ways, and one fact each.
HERALD = (
    "The mayor of Lindqvist opened the new river bridge on Saturday after three years of construction.\n"
    "The bridge cost about 40 million euros, most of it paid by the regional government.\n"
    "Local shop owners complained that parking near the bridge had been removed without consultation.\n"
)
GAZETTE = (
    "Lindqvist's long-awaited river bridge was opened by the mayor on Saturday, three years after work began.\n"
    "Its price tag of nearly 40 million euros was covered mostly by the regional government.\n"
    "A brass band from the twin town of Oberfeld played at the ceremony, which drew a crowd of schoolchildren.\n"
)
COURIER = (
    "After three years of building works, the river bridge in Lindqvist was finally opened by the mayor on Saturday.\n"
    "Engineers said the span would be closed again in winter for inspections of its steel cables and bearings.\n"
)


def _doc(nlp: Nlp, id: str, outlet: str, text: str) -> Document:
    raw = RawDocument(id=id, origin=id, kind="text", content=text, outlet=outlet)
    return prepare(raw, nlp, Options(min_article_words=0))


@pytest.fixture(scope="module")
def bridge(nlp) -> list[Document]:
    return [_doc(nlp, "h1", "Herald", HERALD), _doc(nlp, "g1", "Gazette", GAZETTE), _doc(nlp, "c1", "Courier", COURIER)]


def _claim_with(claims: tuple[Claim, ...], words: str) -> Claim:
    found = [c for c in claims if words in c.text]
    assert found, f"no claim says {words!r}: {[c.text for c in claims]}"
    return found[0]


def _texts(claim: Claim, documents: list[Document]) -> list[str]:
    text = {d.article.id: d.article.text for d in documents}
    return [text[r.article][r.start:r.end] for r in claim.refs]


def test_a_fact_reworded_by_three_outlets_is_one_claim_first_in_the_ranking(bridge):
    claims = align_claims(bridge, {}, Options())
    first = claims[0]
    assert first.id == "c1"
    assert set(first.outlets) == {"Herald", "Gazette", "Courier"}
    assert first.independent_outlets == 3
    assert all("opened" in text for text in _texts(first, bridge))


def test_a_cost_hedged_differently_still_groups(bridge):
    claim = _claim_with(align_claims(bridge, {}, Options()), "40 million")
    assert set(claim.outlets) == {"Herald", "Gazette"}


def test_claim_references_cite_the_sentences_exactly(bridge):
    for claim in align_claims(bridge, {}, Options()):
        for ref, text in zip(claim.refs, _texts(claim, bridge)):
            assert text.strip() == text and len(text) == ref.end - ref.start


def test_claims_are_numbered_in_order_of_support(bridge):
    claims = align_claims(bridge, {}, Options())
    assert [c.id for c in claims] == [f"c{n}" for n in range(1, len(claims) + 1)]
    support = [c.independent_outlets for c in claims]
    assert support == sorted(support, reverse=True)


def test_a_copy_counts_once_among_independent_outlets(bridge, nlp):
    reprint = _doc(nlp, "r1", "Evening Post", HERALD)
    claims = align_claims([*bridge, reprint], {"r1": "h1"}, Options())
    parking = _claim_with(claims, "parking")
    assert set(parking.outlets) == {"Herald", "Evening Post"}
    assert parking.independent_outlets == 1


def test_single_source_facts_list_what_one_outlet_alone_reports(bridge):
    facts = single_source_facts(align_claims(bridge, {}, Options()))
    by_outlet = {(f.outlet, word) for f in facts for word in ("parking", "brass band", "winter") if word in f.text}
    assert by_outlet == {("Herald", "parking"), ("Gazette", "brass band"), ("Courier", "winter")}
    assert not any("opened" in f.text for f in facts)


def test_no_documents_make_no_claims():
    assert align_claims([], {}, Options()) == ()
    assert single_source_facts(()) == ()


def test_sentences_too_short_to_state_a_fact_make_no_claims(nlp):
    documents = [_doc(nlp, "a", "A", "He agreed.\nNo comment."), _doc(nlp, "b", "B", "He agreed.")]
    assert align_claims(documents, {}, Options()) == ()


@pytest.fixture(scope="module")
def seeds(nlp, seeds_dir: Path) -> list[Document]:
    return [_doc(nlp, p.stem, p.stem[:3], p.read_text(encoding="utf-8")) for p in sorted(seeds_dir.glob("*.txt"))]


@pytest.fixture(scope="module")
def seed_claims(seeds, nlp) -> tuple[Claim, ...]:
    """The seeds' claims as a brief makes them: by wording and meaning (the `embeddings` extra)."""
    assert nlp.encoder.available, "the 'embeddings' extra is not installed: pip install -e '.[dev]' torch==2.13.0"
    return align_claims(seeds, {}, Options(), nlp.encoder)


@pytest.mark.parametrize("words", [
    "five years",  # "almost five years" / "first secretary of state ... in five years" / "nearly five years"
    "postponed the trip",  # the February postponement over the balloon
    # Low expectations: 000 "neither side anticipates any major developments", 002 "the prospect of any
    # significant breakthrough is slim", 003 "both sides expect long-term tensions to fester" (joins by
    # meaning: its wording is 0.12 alike to the others', under the 0.3 a wording match needs).
    "significant breakthrough",
])
def test_seed_agreement_facts_are_reported_by_all_three_outlets(seeds, seed_claims, words):
    matching = [c for c in seed_claims if any(words in t for t in _texts(c, seeds))]
    assert any(c.independent_outlets == 3 for c in matching), [(c.outlets, c.text) for c in matching]


@pytest.mark.parametrize("outlet, words", [
    ("002", "detained American"),  # fentanyl and detained Americans
    ("003", "2018 stop by Mike Pompeo"),
    ("000", "Vivian Balakrishnan"),  # the Singapore foreign minister's remarks
])
def test_seed_single_source_facts_are_found(seed_claims, outlet, words):
    facts = single_source_facts(seed_claims)
    assert any(f.outlet == outlet and words in f.text for f in facts)


def test_without_the_embeddings_extra_claims_are_aligned_by_wording_alone(seeds, caplog):
    # A model package that is not installed stands for the missing extra: no error, the wording-only claims.
    missing = SentenceEncoder("newsweave_no_such_model_package")
    with caplog.at_level("INFO", logger="newsweave.documents.embeddings"):
        claims = align_claims(seeds, {}, Options(), missing)
    assert claims == align_claims(seeds, {}, Options())
    assert "claims are aligned by wording only" in caplog.text


def test_the_embeddings_option_turned_off_aligns_by_wording_alone(seeds, nlp, seed_claims):
    claims = align_claims(seeds, {}, Options(embeddings=False), nlp.encoder)
    assert claims == align_claims(seeds, {}, Options())
    assert claims != seed_claims
