"""Entities merged across articles and mentions, with roles, on the seeds and invented text."""

from __future__ import annotations

import pytest

from newsweave.api import Newsweave
from newsweave.briefs.entities import extract_entities
from newsweave.briefs.entity_roles import roles_after, roles_before
from newsweave.config import Options
from newsweave.model import RawDocument


@pytest.fixture(scope="module")
def seed_entities(nlp, seeds_dir):
    documents, _ = Newsweave(nlp=nlp).read([str(seeds_dir)])
    parsed = dict(zip((d.article.id for d in documents), nlp.entities(d.article.text for d in documents)))
    return extract_entities(documents, parsed)


def person(entities, name):
    found = [e for e in entities if e.kind == "person" and e.name == name]
    assert len(found) == 1, [e.name for e in entities if e.kind == "person"]
    return found[0]


@pytest.mark.parametrize("name, role_words", [
    ("Antony Blinken", "Secretary of State"),
    ("Qin Gang", "Chinese Foreign Minister"),
    ("Wang Yi", "diplomat"),
    ("Xi Jinping", "President"),
    ("Kurt Campbell", "Asia expert"),
    ("Daniel Kritenbrink", "diplomat for East Asia"),
    ("Jake Sullivan", "national security advis"),  # adviser in one outlet, advisor in another
])
def test_each_seed_person_is_one_entity_with_its_role(seed_entities, name, role_words):
    entity = person(seed_entities, name)
    assert any(role_words in role for role in entity.roles), entity.roles


def test_surname_and_honorific_mentions_merge_into_the_full_name(seed_entities):
    blinken = person(seed_entities, "Antony Blinken")
    assert "Blinken" in blinken.aliases
    assert {c.outlet[:3] for c in blinken.mentions} == {"000", "002", "003"}
    assert not [e for e in seed_entities if e.name in ("Blinken", "Mr Blinken")]


def test_mention_counts_add_up_to_the_references_outlets(seed_entities):
    xi = person(seed_entities, "Xi Jinping")
    assert sum(c.mentions for c in xi.mentions) >= len(xi.refs) >= 2


def test_boilerplate_links_are_not_entities(seed_entities):
    assert not [e for e in seed_entities if "Read" in e.name]


def test_us_spellings_are_one_place(seed_entities):
    places = [e for e in seed_entities if e.kind == "place" and e.name == "United States"]
    assert len(places) == 1 and "US" in places[0].aliases


def test_refs_cite_sentences_that_contain_a_mention(nlp):
    text = ("Prime Minister Sara Lind visited the flooded town of Norrby on Monday.\n\n"
            "Lind promised money for new dikes along the river before the winter storms.")
    documents, _ = Newsweave(Options(min_article_words=0), nlp=nlp).read(
        [RawDocument(id="n", origin="n", kind="text", content=text)])
    parsed = {"n": next(iter(nlp.entities([text])))}
    lind = person(extract_entities(documents, parsed), "Sara Lind")
    assert len(lind.refs) == 2
    assert all("Lind" in text[r.start:r.end] for r in lind.refs)
    assert "Prime Minister" in lind.roles


@pytest.mark.parametrize("before, role", [
    ("He met Chinese Foreign Minister ", "Chinese Foreign Minister"),  # title before the name
    ("It was Biden's national security adviser, ", "Biden's national security adviser"),  # apposition first
    ("CIA chief ", "CIA chief"),
])
def test_roles_before_a_name(before, role):
    assert roles_before(before) == [role]


def test_ordinary_words_before_a_name_are_no_role():
    assert roles_before("He later met ") == []


def test_apposition_after_a_name_is_a_role():
    assert roles_after(", the top US diplomat for East Asia, said") == ["top US diplomat for East Asia"]


def test_no_documents_give_no_entities():
    assert extract_entities([], {}) == ()


def test_an_opening_as_clause_gives_the_role_of_the_name_after_it():
    assert roles_before("As the top diplomat for East Asia during Obama's second term, ") == \
        ["top diplomat for East Asia during Obama's second term"]
