"""No line that cleaning set aside may reappear anywhere in a rendered brief (issue 2)."""

import pytest

from newsweave import Newsweave
from newsweave.outputs import FORMATS, render


@pytest.fixture(scope="module")
def seeds_brief(nlp, seeds_dir):
    return Newsweave(nlp=nlp).brief([str(seeds_dir)])


def test_the_seeds_brief_records_the_promotion_lines_it_removed(seeds_brief):
    removed = [span for spans in seeds_brief.removed.values() for span in spans]
    assert any(seeds_brief.texts[article][span.start:span.end].startswith("Also Read")
               for article, spans in seeds_brief.removed.items() for span in spans), removed


@pytest.mark.parametrize("format", FORMATS)
def test_no_removed_promotion_line_appears_in_any_format(seeds_brief, format):
    rendered = render(seeds_brief, format)
    assert "also read" not in rendered.lower()
    for article, spans in seeds_brief.removed.items():
        for span in spans:
            removed_text = seeds_brief.texts[article][span.start:span.end].strip()
            if len(removed_text.split()) >= 5:  # short headings may legitimately recur as words
                assert removed_text not in rendered, (format, removed_text)
