"""Terminal text: citations, sources list, sections, rejected inputs, wrapping."""

from __future__ import annotations

import re

import pytest

from newsweave.model import Brief
from newsweave.outputs import render
from newsweave.outputs.terminal import to_text
from test_outputs_support import Seeds, all_refs, collapse, rich_brief


@pytest.fixture(scope="module")
def brief(seeds_dir, nlp) -> Brief:
    return rich_brief(Seeds(seeds_dir, nlp))


def _sources(text: str) -> dict[int, tuple[str, int, int, str]]:
    """Citation number → (article, start, end, cited text) from the SOURCES list."""
    # A cited span may run over lines (a quote over paragraphs): it ends at the closing mark before
    # the next entry or the blank line that ends the list.
    found = re.findall(r"^  \[(\d+)\] .*?, (\S+), characters (\d+)-(\d+)\n {6}\u201c(.*?)\u201d(?=\n  \[\d|\n\n|\n?\Z)",
                       text, flags=re.M | re.S)
    return {int(n): (article, int(start), int(end), cited) for n, article, start, end, cited in found}


def test_each_summary_sentence_is_followed_by_its_citation_number(brief):
    text = collapse(to_text(brief))
    sources = _sources(to_text(brief))
    for sentence in brief.summary:
        number = int(re.search(re.escape(collapse(sentence.text)) + r" \[(\d+)\]", text).group(1))
        assert sources[number][:3] == (sentence.source.article, sentence.source.start, sentence.source.end)


def test_the_sources_list_quotes_each_cited_span_exactly(brief):
    sources = _sources(to_text(brief))
    assert len(sources) >= 10
    for article, start, end, cited in sources.values():
        assert brief.texts[article][start:end] == cited


def test_every_citation_number_in_the_text_is_in_the_sources_list(brief):
    text = to_text(brief)
    body = text[:text.index("\nSOURCES\n")]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", body)} == set(_sources(text))


def test_a_span_cited_twice_keeps_one_number(brief):
    text = to_text(brief)
    # The AP sentence backs the visit (summary) and the February postponement (timeline).
    assert len(_sources(text)) == len(set(all_refs(brief))) < len(all_refs(brief))


def test_also_reported_by_names_the_outlets_compactly(brief):
    assert re.search(r"\[1\] \(also reported by CNN \[2\], AP \[3\]\)", collapse(to_text(brief)))


def test_the_analysis_sections_appear_when_the_brief_has_them(brief):
    text = to_text(brief)
    for heading in ("WHAT MOST OUTLETS AGREE ON", "ONLY IN AP", "CONTRADICTIONS", "QUOTES BY SPEAKER",
                    "ENTITIES", "TIMELINE", "EACH OUTLET'S ANGLE"):
        assert f"\n{heading}\n" in text


def test_the_analysis_sections_are_left_out_when_empty(brief):
    bare = Brief(articles=brief.articles, summary=brief.summary, texts=brief.texts)
    text = to_text(bare)
    assert "CONTRADICTIONS" not in text and "TIMELINE" not in text and "\nSUMMARY\n" in text


def test_agreement_shows_how_many_independent_outlets_report_a_claim(brief):
    assert "reported by WION, CNN, AP (3 independent)" in to_text(brief)


def test_contradiction_sides_are_printed_side_by_side(brief):
    row = next(line for line in to_text(brief).splitlines() if "Antony Blinken" in line and " | " in line)
    assert "WION" in row.split(" | ")[0] and "Kurt Campbell" in row.split(" | ")[1]


def test_the_timeline_is_in_date_order_with_undated_events_last(brief):
    text = to_text(brief)
    section = text[text.index("\nTIMELINE\n"):]
    assert section.index("2023-02:") < section.index("2023-06-18:") < section.index("undated ('next year')")


def test_rejected_inputs_are_listed_with_their_reason(brief):
    assert "REJECTED INPUTS\n  broken.warc: not a WARC file: no WARC/1.0 header" in to_text(brief)


def test_lines_are_wrapped_to_the_width_except_quoted_sources(brief):
    text = to_text(brief, width=60)
    body = text[:text.index("\nSOURCES\n")]
    assert max(len(line) for line in body.splitlines()) <= 60


def test_an_empty_brief_renders_a_clear_note():
    text = render(Brief(articles=(), summary=()), "text")
    assert "0 article(s)" in text and "no summary" in text


def test_lines_never_break_inside_a_hyphenated_word(brief):
    text = to_text(brief, width=50)
    body = text[:text.index("\nSOURCES\n")]
    assert not re.search(r"[A-Za-z]-\n", body)
    assert "highest-level" in body


def test_narrow_contradiction_columns_wrap_instead_of_cutting(brief):
    text = to_text(brief, width=40)
    section = text[text.index("\nCONTRADICTIONS\n"):text.index("\nQUOTES BY SPEAKER\n")]
    left = collapse(" ".join(line[2:].split(" | ")[0] for line in section.splitlines() if " | " in line))
    assert "Antony Blinken" in left and "sustained diplomacy" in left
