"""One date expression ("on Sunday", "last month", "in 2018") → an ISO 8601 date or period.

Resolved against a reference date (the article's publication date, else the user's
``reference_date``). News is mostly past tense, so a bare weekday is the most recent such day on
or before the reference, and a bare month after the reference month is last year's; a sentence in
the future tense ("will meet on Monday") flips both. The common shapes are handled here so the
period is exact (a month stays a month); everything else goes to dateparser, which reports the
period it read. Results: ``2023-06-18`` (day), ``2023-W24`` (ISO week), ``2023-05`` (month),
``2018`` (year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}

_LEAD = re.compile(r"^(?:(?:on|in|during|since|by|until|till|from|of|at|the|this past|as of|early|late|"
                   r"mid|mid-|earlier|later|around|about|before|after|last|next|this)\s+)+")
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?$")
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?$")
_MONTH_YEAR = re.compile(rf"^(?:early|late|mid-?|the end of|the beginning of|the start of)?\s*{_MONTH}(?:,?\s+(?:of\s+)?(\d{{4}}))?$")
_YEAR = re.compile(r"^(?:early|late|mid-?|the end of|the beginning of|the start of|the summer of|the spring of|"
                   r"the fall of|the autumn of|the winter of|summer|spring|fall|autumn|winter)?\s*((?:1[89]|20)\d\d)$")
_WEEKDAY = re.compile(r"^(?:(last|next|this|on)\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
                      r"(?:\s+(?:morning|afternoon|evening|night))?$")
_RELATIVE = re.compile(r"^(?:(?:earlier|later)\s+)?(last|this|next|past)\s+(week|weekend|month|year)$")
_LEAD_THE = re.compile(r"^the\s+")
_DAYS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
         "yesterday": -1, "tomorrow": 1, "last night": -1}
# Counted spans of time ("two days", "five years", "a 20-hour flight") are durations, not dates.
_DURATION = re.compile(r"^(?:(?:about|almost|nearly|some|over|more than|less than|the|a|an|past|next|last|"
                       r"several|few|many|recent|coming|\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|"
                       r"ten|eleven|twelve|dozen|hundreds|\w+-(?:hour|day|week|month|year))[\s-]+)*"
                       r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|"
                       r"lifetimes?|\w+-old)$")
_PAST = re.compile(r"\b(?:said|told|says|was|were|had|did|met|came|went|began|began|took|made|gave|left|"
                   r"spoke|saw|held|won|lost|rose|fell|sent|\w{3,}ed)\b", re.IGNORECASE)
FUTURE = re.compile(r"\b(?:will|won't|'ll|’ll|shall|going to|plans? to|planned for|upcoming|could come|"
                    r"is expected to|are expected to|is scheduled to|are scheduled to)\b", re.IGNORECASE)


def looks_ahead(sentence: str, start: int, end: int) -> bool:
    """Whether the verb nearest to the expression at ``sentence[start:end]`` is in the future tense
    ("will meet ... on Monday") rather than the past ("said on Friday that ... will meet")."""
    def nearest(pattern: re.Pattern) -> int | None:
        distances = [start - m.end() if m.end() <= start else m.start() - end for m in pattern.finditer(sentence)]
        return min(distances) if distances else None
    future, past = nearest(FUTURE), nearest(_PAST)
    return future is not None and (past is None or future < past)


@dataclass(frozen=True)
class Resolved:
    """``value`` is the ISO date or period, None when the expression cannot be placed."""

    value: str | None
    is_date: bool = True


def is_duration(expression: str) -> bool:
    text = expression.lower().strip()
    if _RELATIVE.match(_LEAD_THE.sub("", text)):
        return False  # "last month", "the past week": a period, not a length of time
    return bool(_DURATION.match(text)) and not re.search(r"\bago\b", text)


def resolve(expression: str, reference: date | None, *, future: bool = False) -> Resolved:
    """Resolve one expression; ``future`` when its sentence looks ahead ("will meet on Monday")."""
    text = re.sub(r"\s+", " ", expression.lower().strip(" .,;:"))
    if is_duration(text):
        return Resolved(None, is_date=False)
    for pattern, handler in _HANDLERS:
        match = pattern.match(_LEAD_THE.sub("", text) if pattern is _RELATIVE else text)
        if match:
            return Resolved(handler(match, reference, future))
    bare = _LEAD.sub("", text)
    if bare != text:
        for pattern, handler in _HANDLERS:
            match = pattern.match(bare)
            if match and pattern is not _RELATIVE:
                return Resolved(handler(match, reference, future))
    if text in _DAYS or bare in _DAYS:
        offset = _DAYS.get(text, _DAYS.get(bare, 0))
        return Resolved((reference + timedelta(days=offset)).isoformat() if reference else None)
    return Resolved(_dateparser(text, reference, future))


def _year_for_month(month: int, reference: date | None, future: bool) -> int | None:
    if reference is None:
        return None
    if future:
        return reference.year + (month < reference.month)
    return reference.year - (month > reference.month)


def _month_day(match, reference, future):
    month, day, year = MONTHS[match.group(1)], int(match.group(2)), match.group(3)
    return _day_iso(int(year) if year else _year_for_month(month, reference, future), month, day)


def _day_month(match, reference, future):
    day, month, year = int(match.group(1)), MONTHS[match.group(2)], match.group(3)
    return _day_iso(int(year) if year else _year_for_month(month, reference, future), month, day)


def _day_iso(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_year(match, reference, future):
    month, year = MONTHS[match.group(1)], match.group(2)
    year = int(year) if year else _year_for_month(month, reference, future)
    return f"{year:04d}-{month:02d}" if year else None


def _year(match, reference, future):
    return match.group(1)


def _weekday(match, reference, future):
    if reference is None:
        return None
    which, day = match.group(1), WEEKDAYS[match.group(2)]
    back = (reference.weekday() - day) % 7
    if which == "next" or (future and which != "last"):
        ahead = (day - reference.weekday()) % 7 or 7
        return (reference + timedelta(days=ahead)).isoformat()
    if which == "last" and back == 0:
        back = 7
    return (reference - timedelta(days=back)).isoformat()


def _relative(match, reference, future):
    if reference is None:
        return None
    which, unit = match.group(1), match.group(2)
    step = {"last": -1, "past": -1, "this": 0, "next": 1}[which]
    if unit == "year":
        return f"{reference.year + step:04d}"
    if unit == "month":
        month = reference.month - 1 + step
        return f"{reference.year + month // 12:04d}-{month % 12 + 1:02d}"
    # A week or a weekend: ISO weeks run Monday to Sunday, so a weekend lies in its week.
    year, week, _ = (reference + timedelta(weeks=step)).isocalendar()
    return f"{year:04d}-W{week:02d}"


_HANDLERS = [(_MONTH_DAY_YEAR, _month_day), (_DAY_MONTH_YEAR, _day_month), (_MONTH_YEAR, _month_year),
             (_YEAR, _year), (_WEEKDAY, _weekday), (_RELATIVE, _relative)]


def _dateparser(text: str, reference: date | None, future: bool) -> str | None:
    """Anything else ("three days ago", "the first week of March") via dateparser, which also says
    whether it read a day, week, month or year."""
    from dateparser.date import DateDataParser

    if reference is None:
        return None
    settings = {"RELATIVE_BASE": datetime(reference.year, reference.month, reference.day),
                "PREFER_DATES_FROM": "future" if future else "past", "STRICT_PARSING": False,
                "REQUIRE_PARTS": []}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    period = data.period or "day"
    if period == "year":
        return f"{found.year:04d}"
    if period == "month":
        return f"{found.year:04d}-{found.month:02d}"
    if period == "week":
        year, week, _ = found.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return found.isoformat()


def sort_key(value: str) -> tuple[date, int]:
    """Chronological order for mixed periods: by start date, then the wider period first."""
    if re.fullmatch(r"\d{4}", value):
        return date(int(value), 1, 1), 0
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return date(int(value[:4]), int(value[5:]), 1), 1
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        return date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1), 2
    return date.fromisoformat(value), 3


def contains(wide: str, narrow: str) -> bool:
    """True when period ``narrow`` lies in period ``wide`` ("2022" contains "2022-11")."""
    return narrow.startswith(wide) and "W" not in narrow
