"""Properties that hold for any text: cleaning and SGML extraction never break offsets or leak markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.documents.clean import clean
from newsweave.documents.extract import sgml_text

# Words that trigger the cleaning rules, mixed with ordinary ones and separators.
TOKENS = st.sampled_from(["The", "harbour", "Also", "Read:", "Advertisement", "Sign", "up", "for", "Click", "here",
                          "(Photo:", "Port", "Avalon)", "said.", "Related:", "“Quoted”", "\n", "\n\n", " ", "Mr.",
                          "share", "this", "article", "council", "Blinken", "?"])
TEXTS = st.lists(TOKENS, max_size=60).map(" ".join) | st.text(max_size=300)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_kept_regions_and_removed_spans_are_trimmed_in_bounds_and_disjoint(text):
    regions, removed = clean(text)
    pieces = sorted([(s, e) for s, e in regions] + [(span.start, span.end) for span in removed])
    for start, end in pieces:
        assert 0 <= start < end <= len(text)
    for (_, first_end), (second_start, _) in zip(pieces, pieces[1:]):
        assert first_end <= second_start
    for start, end in regions:
        assert text[start:end] == text[start:end].strip()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["<P>", "</P>", "&AMP;", "&HT;", "&QL;", "word", " ", "\n", "<ANNOTATION>",
                                 "</ANNOTATION>", "&lt;", "text."]), max_size=40).map("".join))
def test_sgml_text_has_no_tags_typesetting_codes_or_loose_whitespace(body):
    text = sgml_text(f"<DOC><DOCNO> X1 </DOCNO><TEXT>{body}</TEXT></DOC>")
    for paragraph in text.split("\n\n") if text else []:
        assert paragraph and paragraph == paragraph.strip() and "  " not in paragraph and "\n" not in paragraph
    assert "<P>" not in text and "&HT;" not in text and "&QL;" not in text and "&AMP;" not in text


SENTENCE_TOKENS = st.sampled_from(["The", "mayor", "said.", "Mr.", "Maj.", "``", "''", "“", "”", '"', "’", "she",
                                   "asked?", "(AP)", "BOSTON", "_", "Conn.", "a.m.", "EDT", "It", "is.", "\n",
                                   "J.", "Pascoe", "!", "—", "x"])


@settings(max_examples=60, deadline=None)
@given(st.lists(SENTENCE_TOKENS, max_size=40).map(" ".join))
def test_repaired_sentences_slice_exactly_stay_in_order_and_never_overlap(nlp, text):
    from newsweave.documents.segment import segment
    from newsweave.model import Article

    article = Article(id="a", text=text, outlet="o")
    regions, _ = clean(text)
    sentences = segment(article, regions, nlp)
    for sentence in sentences:
        assert text[sentence.start:sentence.end] == sentence.text and sentence.text.strip() == sentence.text
        assert any(start <= sentence.start and sentence.end <= end for start, end in regions)
    for first, second in zip(sentences, sentences[1:]):
        assert first.end <= second.start
