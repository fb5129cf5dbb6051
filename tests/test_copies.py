"""Wire copies: reprints and lightly edited versions map to the earliest article of their group."""

from __future__ import annotations

from datetime import datetime, timezone

from newsweave.briefs.copies import find_copies
from newsweave.documents import Nlp, prepare
from newsweave.config import Options
from newsweave.model import RawDocument

# Invented texts: an original wire story, a lightly edited reprint in another outlet, and an unrelated one.
ORIGINAL = (
    "The harbour authority of Port Elling said on Tuesday that the new container terminal would open in "
    "March after two years of delays caused by flooding and a dispute with the dock workers' union.\n"
    "The terminal will double the port's capacity, the authority said, and will employ about 400 people.\n"
    "Local businesses welcomed the news, saying the delays had cost them customers, while environmental "
    "groups repeated their concerns about dredging in the estuary and the loss of wading bird habitat.\n"
    "The regional government, which paid for a third of the project, called the opening a milestone.\n"
)
REPRINT = ("PORT ELLING (Wire) - " + ORIGINAL.replace("said on Tuesday", "announced on Tuesday")
           .replace("The regional government, which paid for a third of the project, called the opening "
                    "a milestone.\n", ""))
UNRELATED = (
    "A retired schoolteacher from the hill village of Ostry has won the national baking championship with "
    "a rye loaf made from her grandmother's recipe, beating forty professional bakers in the final.\n"
    "She said she would spend the prize money on a new roof for the village hall.\n"
)
SAME_STORY_OWN_WORDS = (
    "Port Elling's long-delayed container terminal is finally due to open in March, port officials told "
    "the Gazette on Tuesday, ending a saga of floods and labour disputes that began two years ago.\n"
    "About 400 jobs are expected.\n"
)


def _doc(nlp: Nlp, id: str, outlet: str, text: str, published: datetime | None):
    return prepare(RawDocument(id=id, origin=id, kind="text", content=text, outlet=outlet, published=published),
                   nlp, Options(min_article_words=0))


def _day(day: int) -> datetime:
    return datetime(2024, 3, day, 9, 0, tzinfo=timezone.utc)


def test_a_lightly_edited_reprint_maps_to_the_original(nlp):
    documents = [_doc(nlp, "b", "Daily Post", REPRINT, _day(6)), _doc(nlp, "a", "Wire", ORIGINAL, _day(5)),
                 _doc(nlp, "c", "Village News", UNRELATED, _day(5))]
    assert find_copies(documents) == {"b": "a"}


def test_the_earliest_article_is_the_canonical_one_whatever_the_input_order(nlp):
    documents = [_doc(nlp, "a", "Wire", ORIGINAL, _day(7)), _doc(nlp, "b", "Daily Post", REPRINT, _day(6))]
    assert find_copies(documents) == {"a": "b"}


def test_undated_copies_map_to_a_dated_original_and_ties_are_broken_by_id(nlp):
    undated = [_doc(nlp, "z", "Wire", ORIGINAL, None), _doc(nlp, "y", "Daily Post", REPRINT, None)]
    assert find_copies(undated) == {"z": "y"}
    assert find_copies([*undated, _doc(nlp, "x", "Herald", ORIGINAL, _day(9))]) == {"y": "x", "z": "x"}


def test_naive_and_aware_publication_dates_can_be_ordered(nlp):
    documents = [_doc(nlp, "a", "Wire", ORIGINAL, datetime(2024, 3, 5, 9, 0)),
                 _doc(nlp, "b", "Daily Post", REPRINT, _day(4))]
    assert find_copies(documents) == {"a": "b"}


def test_the_same_story_in_an_outlets_own_words_is_not_a_copy(nlp):
    documents = [_doc(nlp, "a", "Wire", ORIGINAL, _day(5)),
                 _doc(nlp, "g", "Gazette", SAME_STORY_OWN_WORDS, _day(5))]
    assert find_copies(documents) == {}


def test_the_seed_articles_are_independent(nlp, seeds_dir):
    documents = [_doc(nlp, path.stem, path.stem[:3], path.read_text(encoding="utf-8"), None)
                 for path in sorted(seeds_dir.glob("*.txt"))]
    assert find_copies(documents) == {}


def test_no_documents_have_no_copies():
    assert find_copies([]) == {}
