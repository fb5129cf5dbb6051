"""Numbers and dates read from sentences, and when two values for the same thing agree."""

from __future__ import annotations

import pytest

from newsweave.briefs.contra_values import dates
from newsweave.briefs.numbers import agree, quantities
from newsweave.model import Quantity


def _one(text: str) -> Quantity:
    found = quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value, unit, approximate", [
    ("the first in almost five years", 5, "year", True),  # number word with a hedge
    ("killing 1,234 soldiers", 1234, "soldier", False),  # thousands separator
    ("a $3.5 million grant", 3.5e6, "dollar", False),  # currency and scale word
    ("prices rose 12% last year", 12, "percent", False),
    ("twenty-five cars were burned", 25, "car", False),  # hyphenated number word
    ("more than 300 were killed", 300, "", True),  # an auxiliary is not what is counted
])
def test_quantities_read_value_unit_and_hedge(text, value, unit, approximate):
    q = _one(text)
    assert (q.value, q.unit, q.approximate) == (value, unit, approximate)
    assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("text", [
    "a brief 2018 stop",  # a year
    "on June 18 the talks began",  # the day of a date
    "at 10:30 the ministers met",  # a time of day
])
def test_years_days_and_times_are_not_quantities(text):
    assert quantities(text) == ()


def test_a_sentence_without_numbers_has_no_quantities():
    assert quantities("") == ()
    assert quantities("The talks ended without agreement.") == ()


@pytest.mark.parametrize("left, right, consistent", [
    ("almost five years", "nearly five years", True),  # two hedges of one value
    ("about 300 people", "310 people", True),  # within a hedge's tolerance
    ("1,234 people", "1,200 people", True),  # a rounding of the precise figure
    ("25 people", "31 people", False),
    ("about 300 people", "450 people", False),  # beyond any hedge
    ("1,234 people", "1,300 people", False),  # not the rounding of 1,234
])
def test_values_agree_when_hedges_or_rounding_reconcile_them(left, right, consistent):
    assert agree(_one(left), _one(right)) is consistent


def test_dates_read_days_months_years_and_weekdays():
    found = dates("Talks held on March 12, 2023 after a visit in February and a stop in 2018 ended on Sunday.")
    assert [(kind, value) for kind, value, _ in found] == [
        ("day", "03-12"), ("month", "02"), ("year", "2018"), ("weekday", "sunday")]


def test_may_the_verb_is_not_a_month():
    assert dates("Officials said talks in May could resume, and that he may travel.") == []
