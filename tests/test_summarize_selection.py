"""The summarizer on invented articles: budget, citations, redundancy, multi-outlet preference."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from newsweave.api import Newsweave
from newsweave.briefs.claims import align_claims
from newsweave.briefs.summarize import summarize
from newsweave.config import Options
from newsweave.model import RawDocument

# Three invented outlets on one invented event. The dam failure is reported by all three; the
# festival and the cyclist are told by one outlet each.
HARBOR = ("The Millbrook dam failed on Tuesday night after three days of heavy rain, flooding the lower town. "
          "Emergency crews evacuated about 2,000 residents from the lower town before the water rose. "
          "The annual lantern festival, held every spring since 1921, drew a record crowd last year. "
          "Who will pay for the repairs?")
VALLEY = ("Heavy rain caused the Millbrook dam to fail on Tuesday night, and the lower town was flooded. "
          "About 2,000 residents were evacuated from the lower town by emergency crews. "
          "By Jane Doe")
RIVER = ("The Millbrook dam failed on Tuesday night, flooding the lower town after heavy rain. "
         "Emergency crews evacuated about 2,000 residents, officials said on Wednesday. "
         "A local cyclist won the regional hill climb for a third time in a row on Sunday morning.")


def _read(nlp, texts: dict[str, str], *, words: int, dates: dict[str, datetime] | None = None):
    engine = Newsweave(Options(words=words, min_article_words=0), nlp=nlp)
    raws = [RawDocument(id=name, origin=name, kind="text", content=text, outlet=name,
                        published=(dates or {}).get(name)) for name, text in texts.items()]
    documents, rejections = engine.read(raws)
    assert not rejections
    return documents, engine.options


@pytest.fixture(scope="module")
def story(nlp):
    return _read(nlp, {"harbor": HARBOR, "valley": VALLEY, "river": RIVER}, words=40)


def test_no_documents_give_an_empty_summary():
    assert summarize([], Options(), copies={}) == ()


def test_documents_with_no_summary_material_give_an_empty_summary(nlp):
    documents, options = _read(nlp, {"a": "Who knows?\n\nBy Jane Doe"}, words=50)
    assert summarize(documents, options, copies={}) == ()


def test_the_summary_never_exceeds_the_word_budget(story):
    documents, options = story
    for words in (10, 20, 40, 80):
        summary = summarize(documents, options.with_(words=words), copies={})
        assert sum(len(s.text.split()) for s in summary) <= words


def test_every_summary_sentence_is_the_exact_slice_of_its_source(story):
    documents, options = story
    texts = {d.article.id: d.article.text for d in documents}
    summary = summarize(documents, options, copies={})
    assert summary
    for sentence in summary:
        assert texts[sentence.source.article][sentence.source.start:sentence.source.end] == sentence.text
        for ref in sentence.also_reported_by:
            assert ref.article != sentence.source.article


def test_what_every_outlet_reports_comes_before_what_one_outlet_says(story):
    documents, options = story
    # 30 words hold two sentences: the dam and the evacuation (all three outlets) must win over the
    # festival or the cyclist (one outlet each), which would fit just as well.
    text = " ".join(s.text for s in summarize(documents, options.with_(words=30), copies={}))
    assert "dam" in text and "evacuated" in text
    assert "lantern" not in text and "cyclist" not in text


def test_the_same_fact_is_not_repeated_from_several_outlets(story):
    documents, options = story
    summary = summarize(documents, options.with_(words=60), copies={})
    assert sum("dam" in s.text and "fail" in s.text for s in summary) == 1


def test_fragments_fill_the_budget_only_when_whole_sentences_cannot(nlp):
    cut = "Residents of the lower town were told to stay with relatives until the water"
    documents, options = _read(nlp, {"harbor": HARBOR, "valley": VALLEY + "\n\n" + cut}, words=40)
    assert not any(s.text == cut for s in summarize(documents, options, copies={}))
    summary = summarize(documents, options.with_(words=500), copies={})
    assert any(s.text == cut for s in summary)
    texts = {d.article.id: d.article.text for d in documents}
    assert all(texts[s.source.article][s.source.start:s.source.end] == s.text for s in summary)


def test_a_chosen_sentence_lists_the_other_outlets_that_report_it(story):
    documents, options = story
    summary = summarize(documents, options, copies={})
    dam = next(s for s in summary if "dam" in s.text)
    assert {ref.outlet for ref in dam.also_reported_by} == {"harbor", "valley", "river"} - {dam.source.outlet}


def test_questions_and_bylines_are_never_chosen(story):
    documents, options = story
    summary = summarize(documents, options.with_(words=500), copies={})
    assert summary
    assert not any(s.text.endswith("?") or s.text.startswith("By ") for s in summary)


def test_wire_copies_add_no_weight_and_are_never_cited(nlp):
    # Two copies of the festival story would outvote the dam story if copies counted as outlets.
    festival = ("The lantern festival opened on Friday with a record crowd of visitors from the region. "
                "Organisers said the parade of lanterns would run along the river until midnight.")
    texts = {"harbor": HARBOR, "river": RIVER, "wire": festival, "copy1": festival, "copy2": festival}
    documents, options = _read(nlp, texts, words=20)
    summary = summarize(documents, options, copies={"copy1": "wire", "copy2": "wire"})
    assert not any(s.source.article in {"copy1", "copy2"} for s in summary)
    assert "dam" in summary[0].text


def test_sentences_are_ordered_by_article_date_then_position(nlp):
    dates = {"harbor": datetime(2024, 5, 3, tzinfo=timezone.utc), "river": datetime(2024, 5, 1, tzinfo=timezone.utc),
             "valley": datetime(2024, 5, 2, tzinfo=timezone.utc)}
    documents, options = _read(nlp, {"harbor": HARBOR, "valley": VALLEY, "river": RIVER}, words=200, dates=dates)
    summary = summarize(documents, options, copies={})
    keys = [(dates[s.source.article], s.source.start) for s in summary]
    assert len(summary) > 1 and keys == sorted(keys)


def test_claims_that_one_outlet_alone_reports_leave_the_summary_unchanged(story):
    documents, options = story
    single = tuple(c for c in align_claims(documents, {}, options) if c.independent_outlets == 1)
    assert single  # the festival and the cyclist
    assert summarize(documents, options, copies={}, claims=single) == summarize(documents, options, copies={})


def test_a_summary_guided_by_claims_keeps_the_budget_and_exact_citations(story):
    documents, options = story
    claims = align_claims(documents, {}, options)
    assert any(c.independent_outlets == 3 for c in claims)
    summary = summarize(documents, options, copies={}, claims=claims)
    texts = {d.article.id: d.article.text for d in documents}
    assert summary and sum(len(s.text.split()) for s in summary) <= options.words
    assert all(texts[s.source.article][s.source.start:s.source.end] == s.text for s in summary)
    assert "dam" in " ".join(s.text for s in summary)


# Invented: two outlets print the same timetable sentence word for word (many shared bigrams);
# all three report the harbour master's resignation, each in its own words (few shared bigrams).
FERRY_A = ("The regional ferry operator announced a new timetable for the summer season starting next week. "
           "The Kestrel Bay harbour master resigned on Monday after the ferry collision inquiry found serious "
           "failures.")
FERRY_B = ("The regional ferry operator announced a new timetable for the summer season starting next week. "
           "Kestrel Bay's harbour master quit on Monday, days after investigators blamed failures for the ferry "
           "collision.")
FERRY_C = ("Officials said the harbour master of Kestrel Bay stepped down Monday following the inquiry into the "
           "ferry collision. Fishing crews in the bay reported a strong catch of mackerel during the calm weather.")


def test_claims_make_a_fact_all_outlets_word_differently_outweigh_one_two_outlets_copy(nlp):
    documents, options = _read(nlp, {"a": FERRY_A, "b": FERRY_B, "c": FERRY_C}, words=20)
    claims = align_claims(documents, {}, options)
    assert any(c.independent_outlets == 3 and "harbour master" in c.text for c in claims)
    without = " ".join(s.text for s in summarize(documents, options, copies={}))
    guided = " ".join(s.text for s in summarize(documents, options, copies={}, claims=claims))
    assert "timetable" in without  # bigrams alone favour the copied wording
    assert "harbour master" in guided and "timetable" not in guided
