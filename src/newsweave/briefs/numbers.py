"""Numbers stated in a sentence, with what they count and whether they are hedged.

Used to align sentences that report the same quantity ("almost five years" ≈ "nearly five years")
and to find those that report different quantities for the same thing. Years ("in 2018") and the
day of a date ("June 18") are dates, not quantities, and are left to ``contradates``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nltk.stem.snowball import SnowballStemmer

from ..model import Quantity

__all__ = ["agree", "quantities", "stem"]

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORD_NUMBER = "|".join(sorted(_UNITS, key=len, reverse=True))
_SCALE = "|".join(_SCALES)
_BOUNDS = {
    "about": ("about", "around", "almost", "nearly", "roughly", "approximately", "some", "close to",
              "an estimated", "estimated", "nearly all", "just over", "just under"),
    "min": ("over", "more than", "at least", "upwards of", "well over", "in excess of"),
    "max": ("under", "less than", "fewer than", "at most", "up to", "as many as", "as much as", "no more than"),
}
_BOUND_OF = {phrase: bound for bound, phrases in _BOUNDS.items() for phrase in phrases}
_QUALIFIER = "|".join(p.replace(" ", r"\s+") for p in sorted(_BOUND_OF, key=len, reverse=True))
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_NUMBER = re.compile(
    rf"(?P<qual>\b(?:{_QUALIFIER})\s+)?"
    rf"(?P<cur>[$£€])?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{_WORD_NUMBER})(?:[-\s](?:{_WORD_NUMBER}))?\b)"
    rf"(?P<scale>\s*(?:{_SCALE})\b|\s*[mb]n\b)?"
    rf"(?P<pct>\s*%)?",
    re.IGNORECASE)
_NEXT_WORD = re.compile(r"[\s-]*(?:(?:of|more|additional|other|new|more\s+than)\s+)?([A-Za-z][A-Za-z'’]*)")
_AGE = re.compile(r"[\s-]*(?:years?|yrs?)[\s-]*old\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s*$", re.IGNORECASE)
_MONTH_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{_MONTHS})\b", re.IGNORECASE)
# Words that follow a number without being what it counts ("five of them", "two and a half").
_NOT_UNITS = frozenset("and or to of the a an in on at for by from with as per than who which that "
                       "times time is are was were be been being has have had will would can could may might "
                       "should must did do does said says".split())
# Rounding a value to these significant figures is not a different report: "1,234" ≈ "1,200".
_MIN_SIGNIFICANT = 1
# A hedged value ("about 300") agrees with any value within this fraction of it.
_APPROX_TOLERANCE = 0.15


@lru_cache(maxsize=1)
def _stemmer() -> SnowballStemmer:
    # Building the stemmer costs little but is done once per process rather than per word.
    return SnowballStemmer("english")


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Snowball stem of ``word``. Memoised (a pure function, bounded cache): stemming was most of
    the time of aligning a 25-article story, and a story uses a few thousand distinct words."""
    return _stemmer().stem(word.casefold())


def quantities(text: str) -> tuple[Quantity, ...]:
    """Every number ``text`` states that counts or measures something (not years, not days of a month)."""
    found: list[Quantity] = []
    for match in _NUMBER.finditer(text):
        value = _value(match.group("num"))
        if value is None:
            continue
        start, end = match.start("num"), match.end()
        if match.group("cur"):
            start = match.start("cur")
        if _is_date_part(text, match, value):
            continue
        scale = (match.group("scale") or "").strip().casefold()
        if scale:
            value *= _SCALES.get(scale, 1e6 if scale == "mn" else 1e9)
        if match.group("pct"):
            unit = "percent"
        elif match.group("cur"):
            unit = {"$": "dollar", "£": "pound", "€": "euro"}[match.group("cur")]
        else:
            unit = _unit_after(text, end)
        if _AGE.match(text, end):
            unit = "age"
        qualifier = match.group("qual")
        bound = _BOUND_OF[" ".join(qualifier.casefold().split())] if qualifier else ""
        found.append(Quantity(value=value, unit=unit, approximate=qualifier is not None,
                              start=match.start() if qualifier else start, end=end,
                              text=text[match.start() if qualifier else start:end], bound=bound))
    return tuple(found)


def agree(left: Quantity, right: Quantity) -> bool:
    """True when two values for the same thing are consistent: equal, one a rounding of the other,
    or the ranges their qualifiers allow overlap ("about 300" / "310"; "up to 1.6 million" /
    "1.2 million"; "at least 300 million" / "480 million")."""
    a, b = left.value, right.value
    if a == b or (not left.bound and not right.bound and (_rounds_to(a, b) or _rounds_to(b, a))):
        return True
    low_a, high_a = _range(left)
    low_b, high_b = _range(right)
    return low_a <= high_b and low_b <= high_a


def _range(q: Quantity) -> tuple[float, float]:
    if q.bound == "min":
        return (q.value, float("inf"))
    if q.bound == "max":
        return (0.0, q.value)
    if q.bound == "about":
        return (q.value * (1 - _APPROX_TOLERANCE), q.value * (1 + _APPROX_TOLERANCE))
    return (q.value, q.value)


def _rounds_to(precise: float, rounded: float) -> bool:
    """True when ``rounded`` is ``precise`` rounded to the figures ``rounded`` shows ("1,200" of 1,234)."""
    if rounded == 0 or precise == rounded:
        return precise == rounded
    if rounded == int(rounded) and precise != int(precise):  # "2 percent" of 2.3 percent
        return round(precise) == rounded
    text = f"{rounded:.0f}" if rounded == int(rounded) else repr(rounded)
    digits = text.replace(".", "").replace("-", "")
    trailing_zeros = len(digits) - len(digits.rstrip("0"))
    if "." in text or trailing_zeros < _MIN_SIGNIFICANT:
        return False
    step = 10 ** trailing_zeros
    return round(precise / step) * step == rounded


def _value(number: str) -> float | None:
    number = number.casefold().replace(",", "")
    try:
        return float(number)
    except ValueError:
        pass
    parts = re.split(r"[-\s]", number)
    if not all(part in _UNITS for part in parts):
        return None
    return float(sum(_UNITS[part] for part in parts))


def _is_date_part(text: str, match: re.Match, value: float) -> bool:
    number = match.group("num")
    if not number[0].isdigit() or match.group("cur") or match.group("scale") or match.group("pct"):
        return False
    if len(number) == 4 and 1800 <= value <= 2100:  # a year
        return True
    before, after = text[:match.start("num")], text[match.end("num"):]
    if value <= 31 and (_MONTH_BEFORE.search(before) or _MONTH_AFTER.match(after)):
        return True
    # Times of day and ratios ("10:30", "3-2") are not counts.
    return bool(re.match(r"[:/]\d", after)) or bool(re.search(r"\d[:/]$", before))


def _unit_after(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    if not match:
        return ""
    word = match.group(1).casefold().rstrip("'’")
    if word in _NOT_UNITS or word in _UNITS or word in _SCALES:
        return ""
    if word in {"percent", "per", "pct"}:
        return "percent"
    return stem(word)
