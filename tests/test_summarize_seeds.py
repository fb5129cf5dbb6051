"""The 120-word summary of the shared seeds: three outlets on one diplomatic visit (June 2023)."""

from __future__ import annotations

import re

import pytest

from newsweave.api import Newsweave
from newsweave.briefs.claims import align_claims
from newsweave.briefs.copies import find_copies
from newsweave.briefs.summarize import summarize
from newsweave.config import Options


@pytest.fixture(scope="module", params=["wording", "meaning"])
def seeds(request, nlp, seeds_dir):
    """The summary with the wording-only sentence scorer and claims (no ``embeddings`` extra), and
    with sentence vectors for both, as ``newsweave brief`` makes it when the extra is installed."""
    engine = Newsweave(Options(words=120), nlp=nlp)
    documents, rejections = engine.read([str(seeds_dir)])
    assert len(documents) == 3 and not rejections
    copies = find_copies(documents)
    encoder = nlp.encoder if request.param == "meaning" else None
    if encoder is not None and not encoder.available:
        pytest.fail("the 'embeddings' extra is not installed: pip install -e '.[dev]' torch==2.13.0")
    # As in the brief: the aligned claims tell the summarizer what several outlets report.
    claims = align_claims(documents, copies, engine.options, encoder)
    return documents, summarize(documents, engine.options, copies=copies, claims=claims, encoder=encoder)


def _text(summary) -> str:
    return " ".join(s.text for s in summary).lower()


def test_the_seed_summary_covers_the_visit_itself(seeds):
    text = _text(seeds[1])
    assert "blinken" in text and "beijing" in text and re.search(r"\b(visit|trip|arrived|talks)\b", text)


def test_the_seed_summary_covers_the_february_postponement_over_the_balloon(seeds):
    text = _text(seeds[1])
    assert "balloon" in text and re.search(r"postpone|cancel|scrapped|delayed", text)


def test_the_seed_summary_covers_the_low_expectations_of_a_breakthrough(seeds):
    text = _text(seeds[1])
    assert re.search(r"breakthrough|major developments|major progress|hopes for|slim", text)


def test_the_seed_summary_stays_within_120_words_and_fills_most_of_them(seeds):
    words = sum(len(s.text.split()) for s in seeds[1])
    assert 90 <= words <= 120


def test_every_seed_summary_citation_slices_its_article_exactly(seeds):
    documents, summary = seeds
    texts = {d.article.id: d.article.text for d in documents}
    for sentence in summary:
        assert texts[sentence.source.article][sentence.source.start:sentence.source.end] == sentence.text
        for ref in sentence.also_reported_by:
            assert texts[ref.article][ref.start:ref.end].strip()


def test_no_boilerplate_appears_in_the_seed_summary(seeds):
    assert not re.search(r"also read|read more|sign up|click here", _text(seeds[1]))


def test_the_briefs_summary_is_the_one_summarize_makes_on_its_own(nlp, seeds_dir):
    # The brief computes the summary's sentence vectors beside its other sections, on a second thread.
    engine = Newsweave(Options(words=120), nlp=nlp)
    brief = engine.brief([str(seeds_dir)])
    documents, _ = engine.read([str(seeds_dir)])
    copies = find_copies(documents)
    claims = align_claims(documents, copies, engine.options, nlp.encoder)
    alone = summarize(documents, engine.options, copies=copies, claims=claims, encoder=nlp.encoder)
    assert brief.summary == alone and brief.claims == claims
