"""Sentence selection: the exact program beats value-per-word greedy, and never breaks the budget."""

from __future__ import annotations

from newsweave.briefs.selection import _greedy, select

# Three sentences of 3, 10 and 7 words; concepts worth 6, 18 and 8 in all. Greedy by value per word
# takes the short one first and can then only add the third (6 + 8 = 14); the best selection
# within 10 words is the long one alone (18).
LENGTHS = [3, 10, 7]
CONCEPTS = [frozenset({"a", "b"}), frozenset({"c", "d", "e"}), frozenset({"f"})]
VALUE = {"a": 3.0, "b": 3.0, "c": 6.0, "d": 6.0, "e": 6.0, "f": 8.0}


def test_the_exact_selection_finds_the_best_set_where_greedy_does_not():
    assert sorted(_greedy([0, 1, 2], LENGTHS, [0.1 * n for n in LENGTHS], CONCEPTS, VALUE, 10)) == [0, 2]
    assert select(LENGTHS, CONCEPTS, VALUE, 10) == [1]


def test_a_concept_counts_once_however_many_chosen_sentences_share_it():
    # Two copies of one sentence add nothing the first did not; a different sentence does.
    concepts = [frozenset({"x", "y"}), frozenset({"x", "y"}), frozenset({"z"})]
    value = {"x": 5.0, "y": 5.0, "z": 2.0}
    chosen = select([4, 4, 4], concepts, value, 8)
    assert 2 in chosen and len({0, 1} & set(chosen)) == 1


def test_selection_respects_the_budget_exactly():
    assert sum(LENGTHS[i] for i in select(LENGTHS, CONCEPTS, VALUE, 9)) <= 9


def test_nothing_fits_an_empty_pool_or_a_tiny_budget():
    assert select([], [], {}, 100) == []
    assert select(LENGTHS, CONCEPTS, VALUE, 2) == []


def test_of_two_sentences_that_say_the_same_thing_at_most_one_is_chosen():
    # Without the conflict both would be taken: each has a concept of its own and both fit.
    concepts = [frozenset({"x", "y"}), frozenset({"x", "z"}), frozenset({"w"})]
    value = {"x": 5.0, "y": 1.0, "z": 1.0, "w": 0.5}
    assert select([4, 4, 4], concepts, value, 12) == [0, 1, 2]
    chosen = select([4, 4, 4], concepts, value, 12, conflicts=[(0, 1)])
    assert 2 in chosen and len({0, 1} & set(chosen)) == 1


def test_the_greedy_fallback_respects_conflicts_too():
    concepts = [frozenset({"x", "y"}), frozenset({"x", "z"})]
    value = {"x": 5.0, "y": 1.0, "z": 1.0}
    assert len(_greedy([0, 1], [4, 4], [0.4, 0.4], concepts, value, 12, [(0, 1)])) == 1


def test_a_sentence_bonus_decides_between_otherwise_equal_sentences():
    concepts = [frozenset({"a"}), frozenset({"b"})]
    value = {"a": 1.0, "b": 1.0}
    assert select([5, 5], concepts, value, 5, bonus=[0.0, 0.5]) == [1]
    assert select([5, 5], concepts, value, 5, bonus=[0.5, 0.0]) == [0]
