"""The terms a sentence is compared by when aligning claims: stems of its content words, their
bigrams, and the quantities it states.

Outlets reword the same fact ("the first trip by a top US diplomat in nearly five years" / "the first
secretary of state to make the trip in five years"), so the terms fold what rewording changes:
case, inflection (Snowball stems), number words ("five" → "5"), hedges ("nearly"), and a short list
of verbs and nouns that news writing uses interchangeably (trip/visit, postponed/delayed/scrapped).
"""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .numbers import quantities, stem

__all__ = ["content_stems", "fact_terms", "name_terms", "sentence_terms"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*|\d[\d,]*(?:\.\d+)?")
_STOP = frozenset(ENGLISH_STOP_WORDS | {"said", "says", "say", "told", "tell", "mr", "ms", "mrs", "dr",
                                        "according", "just", "like", "including", "s", "t", "year's",
                                        "reporters", "statement", "added", "percent"})
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20",
                 "thirty": "30", "forty": "40", "fifty": "50", "hundred": "100", "dozen": "12"}
# News paraphrase groups, by stem: every stem of a group is replaced by the group's first one. Kept
# short on purpose (each entry was checked not to merge facts that differ); extend with care and
# re-run `python -m newsweave.evaluation.ecb` to see the effect on pairwise precision.
_SYNONYMS = {member: group[0] for group in (
    ("visit", "trip", "travel", "journey", "tour"),
    ("postpon", "delay", "scrap", "cancel", "defer", "shelv", "reschedul"),
    ("die", "kill", "dead", "death", "fatal", "perish", "toll"),
    ("injur", "wound", "hurt"),
    ("detain", "arrest", "jail", "imprison"),
    ("expect", "anticip", "predict", "forecast", "prospect"),
    ("breakthrough", "progress", "develop"),
    ("major", "signific", "substanti"),
    ("quake", "earthquak", "tremor"),
    ("blast", "explos", "explod"),
    ("fire", "sack", "dismiss", "oust"),
    ("us", "america", "american", "u.s"),
    ("talk", "meet", "discuss"),
    ("compani", "firm"),
    ("bui", "acquir", "purchas", "acquisit", "takeov"),
) for member in group}


# Stems of words that describe who someone is rather than what happened (see ``content_stems``).
_TITLES = frozenset(stem(w) for w in (
    "adviser advisor secretary minister ministry spokesman spokeswoman spokesperson president chief "
    "director expert leader head ambassador senator governor deputy official officials national security "
    "foreign top senior former chairman chairwoman envoy diplomat counterpart commander general mayor "
    "prime vice executive council department").split())


def content_stems(text: str, *, facts_only: bool = False) -> list[str]:
    """Stems of ``text``'s content words in order, number words as digits, synonyms folded.

    With ``facts_only``, names and titles are left out (capitalised words after the first, and title
    words such as "adviser", "minister"): what remains says what happened, not who was involved, so
    two sentences that merely describe the same person ("Biden's national security adviser Jake
    Sullivan") do not look like the same fact.
    """
    stems: list[str] = []
    for match in _WORD.finditer(text):
        if facts_only and _is_name(match.group()):
            continue
        word = match.group().casefold().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if word in _STOP or len(word) < 2 and not word.isdigit():
            continue
        if word in _NUMBER_WORDS:
            stems.append(_NUMBER_WORDS[word])
            continue
        if word[0].isdigit():
            stems.append(word.replace(",", ""))
            continue
        token = stem(word)
        if facts_only and token in _TITLES:
            continue
        stems.append(_SYNONYMS.get(token, token))
    return stems


def _is_name(word: str) -> bool:
    # A capitalised first word is usually an ordinary word, but may be a name ("Jake Sullivan met…");
    # dropping it costs a fact little, keeping a name would match sentences by who they mention.
    return word[0].isupper()


def name_terms(text: str) -> list[str]:
    """Stems of the names ``text`` mentions: capitalised words after the first, and acronyms."""
    names = []
    for n, match in enumerate(_WORD.finditer(text)):
        word = match.group()
        if not _is_name(word) or (n == 0 and not word.isupper()):
            continue
        folded = word.casefold().replace("’", "'")
        if folded.endswith("'s"):
            folded = folded[:-2]
        if folded in _STOP or folded in _NUMBER_WORDS:
            continue
        token = stem(folded)
        if token not in _TITLES:
            names.append(_SYNONYMS.get(token, token))
    return names


def fact_terms(text: str) -> list[str]:
    """The terms of a sentence without names and titles (see ``content_stems``), with quantities."""
    return content_stems(text, facts_only=True) + _quantity_terms(text)


def sentence_terms(text: str) -> list[str]:
    """The terms of a sentence for TF-IDF: content stems and ``#value:unit`` for each quantity, so
    "nearly five years" and "almost five years" share the term ``#5:year``. Bigrams were tried and
    left out: outlets that reword a fact rarely share word pairs, and the pairs they do share are
    names, which the unigrams already match; bigrams only lengthened the vectors of paraphrases."""
    return content_stems(text) + _quantity_terms(text)


def _quantity_terms(text: str) -> list[str]:
    terms: list[str] = []
    for quantity in quantities(text):
        if quantity.unit:
            unit = _SYNONYMS.get(quantity.unit, quantity.unit)
            # Twice: a counted quantity is more telling of the fact than any one word.
            terms += [f"#{quantity.value:g}:{unit}"] * 2
    return terms
