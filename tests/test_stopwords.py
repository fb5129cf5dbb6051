"""One stopword list for the stages that compare sentences by content words (documents/stopwords.py)."""

from __future__ import annotations

from newsweave.briefs import contra_quotes, timeline
from newsweave.documents.stopwords import STOPWORDS


def test_timeline_and_attribution_conflicts_build_on_the_shared_list():
    assert STOPWORDS <= timeline._STOP and STOPWORDS <= contra_quotes._FUNCTION


def test_function_and_attribution_words_are_not_timeline_content_words():
    # "however", "nothing", "would" and "told" carry no event: two sentences sharing them are not the same event.
    assert timeline._content_words("However, the minister told reporters nothing would change.") == \
        frozenset({"minister", "reporters", "change"})


def test_a_contraction_is_one_function_word_for_quote_comparison():
    assert {"don't", "it's"} <= contra_quotes._FUNCTION and "border" not in contra_quotes._FUNCTION


def test_the_list_is_not_empty_and_lower_case():
    assert "the" in STOPWORDS and "said" in STOPWORDS and all(w == w.lower() for w in STOPWORDS)
