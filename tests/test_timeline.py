"""Dates resolved against a reference date, and the seed timeline."""

from __future__ import annotations

from datetime import date

import pytest

from newsweave.api import Newsweave
from newsweave.briefs.dates import looks_ahead, resolve, sort_key
from newsweave.briefs.timeline import build_timeline
from newsweave.config import Options

SUNDAY = date(2023, 6, 18)


@pytest.mark.parametrize("expression, expected", [
    ("on Sunday", "2023-06-18"),  # the reference day itself, not a week off
    ("on Friday", "2023-06-16"),  # the most recent Friday before
    ("in February", "2023-02"),  # a month keeps month precision
    ("last month", "2023-05"),
    ("in 2018", "2018"),
    ("last year", "2022"),
    ("November", "2022-11"),  # a later month in past-tense news is last year's
    ("mid-June", "2023-06"),
    ("June 4, 1989", "1989-06-04"),
    ("last week", "2023-W23"),  # ISO 8601 week
    ("three days ago", "2023-06-15"),  # via dateparser
])
def test_past_tense_expressions_resolve_against_the_reference(expression, expected):
    assert resolve(expression, SUNDAY).value == expected


@pytest.mark.parametrize("expression, expected", [
    ("on Monday", "2023-06-19"),
    ("in September", "2023-09"),
    ("next year", "2024"),
])
def test_future_tense_expressions_look_ahead(expression, expected):
    assert resolve(expression, SUNDAY, future=True).value == expected


def test_relative_expressions_without_a_reference_are_not_guessed():
    assert resolve("on Sunday", None).value is None
    assert resolve("in 2018", None).value == "2018"  # absolute: needs no reference


def test_durations_are_not_dates():
    assert not resolve("two days", SUNDAY).is_date
    assert not resolve("almost five years", SUNDAY).is_date


def test_tense_is_read_from_the_verb_nearest_the_date():
    sentence = "Mr Austin said on Friday that he will meet his counterpart."
    start = sentence.index("on Friday")
    assert not looks_ahead(sentence, start, start + 9)
    sentence = "He will have more talks with the minister on Monday."
    start = sentence.index("on Monday")
    assert looks_ahead(sentence, start, start + 9)


def test_mixed_periods_sort_chronologically():
    values = ["2023-06-18", "2023-W23", "2023-05", "2022", "2023-06"]
    assert sorted(values, key=sort_key) == ["2022", "2023-05", "2023-06", "2023-W23", "2023-06-18"]


@pytest.fixture(scope="module")
def seed_docs(nlp, seeds_dir):
    documents, _ = Newsweave(nlp=nlp).read([str(seeds_dir)])
    parsed = dict(zip((d.article.id for d in documents), nlp.entities(d.article.text for d in documents)))
    return documents, parsed


def first_event(timeline, words):
    for index, event in enumerate(timeline):
        if words in event.text:
            return index, event
    raise AssertionError(f"no event mentions {words!r}")


def test_seed_timeline_orders_bali_february_vienna_and_the_sunday_talks(seed_docs):
    documents, parsed = seed_docs
    timeline = build_timeline(documents, parsed, Options(reference_date=SUNDAY))
    bali = first_event(timeline, "Bali")
    february = first_event(timeline, "February")
    vienna = first_event(timeline, "Vienna")
    sunday = first_event(timeline, "arrived in Beijing on Sunday")
    assert [bali[1].date, february[1].date, vienna[1].date, sunday[1].date] == \
        ["2022-11", "2023-02", "2023-05", "2023-06-18"]
    assert bali[0] < february[0] < vienna[0] < sunday[0]


def test_the_same_event_in_two_outlets_is_one_event_with_both_refs(seed_docs):
    documents, parsed = seed_docs
    timeline = build_timeline(documents, parsed, Options(reference_date=SUNDAY))
    _, vienna = first_event(timeline, "Vienna")
    assert {r.article[:3] for r in vienna.refs} == {"002", "003"}


def test_without_any_reference_date_relative_events_are_flagged_unresolved(seed_docs):
    documents, parsed = seed_docs
    timeline = build_timeline(documents, parsed, Options())
    sunday = [e for e in timeline if "Sunday" in e.expression]
    assert sunday and all(not e.resolved and e.date is None for e in sunday)
    assert all(e.resolved for e in timeline if e.expression == "2018")


def test_no_documents_give_an_empty_timeline():
    assert build_timeline([], {}, Options(reference_date=SUNDAY)) == ()
