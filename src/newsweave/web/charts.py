"""Geometry of the story page's two charts, drawn as inline SVG by the templates (which escape every
label): the timeline of dated events, and each outlet's articles over time. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..model import TimelineEvent

# The drawing's coordinate system (the SVG scales to the page width through its viewBox).
WIDTH, LEFT, RIGHT = 640, 16, 16
ROW = 28
# Rows of timeline labels, and the width of one label character at the 11px font the CSS sets.
LANES, LABEL_CHAR = 5, 6.5


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str
    title: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    axis_y: float
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    rows: tuple[tuple[float, str], ...] = ()


def timeline_chart(events: list[TimelineEvent]) -> Chart | None:
    """Dated events on one time axis: one mark per date (its events in the tooltip), labels put in
    the first row where they do not overlap a neighbour, and left off (the tooltip and the list
    below the chart still have them) when every row is taken there."""
    by_date: dict[str, list[TimelineEvent]] = {}
    for e in events:
        if e.resolved and e.date and _start(e.date) is not None:
            by_date.setdefault(e.date, []).append(e)
    if not by_date:
        return None
    scale = _Scale([_start(d) for d in by_date])
    ends = [float("-inf")] * LANES  # where the last label of each row ends
    marks = []
    for value, group in sorted(by_date.items(), key=lambda item: (_start(item[0]), item[0])):
        x, width = scale.x(_start(value)), LABEL_CHAR * len(value) + 8
        lane = next((i for i, end in enumerate(ends) if end <= x - width / 2), None)
        if lane is not None:
            ends[lane] = x + width / 2
        title = "; ".join(f"{value}: {e.text}" for e in group)
        marks.append(Mark(x=x, y=24 + (lane or 0) * 22, label=value if lane is not None else "", title=title))
    axis = 24 + LANES * 22 + 8
    return Chart(width=WIDTH, height=int(axis + 24), axis_y=axis, marks=tuple(marks), ticks=scale.ticks())


def coverage_chart(articles: list[tuple[str, datetime | None, str]]) -> Chart | None:
    """One row per outlet, one mark per dated article (outlet, published, title)."""
    dated = [(outlet, published.date(), title) for outlet, published, title in articles if published is not None]
    if not dated:
        return None
    outlets = list(dict.fromkeys(outlet for outlet, _, _ in dated))
    scale = _Scale([day for _, day, _ in dated], left=140)
    row_y = {outlet: 20 + i * ROW for i, outlet in enumerate(outlets)}
    marks = tuple(Mark(x=scale.x(day), y=row_y[outlet], label="", title=f"{outlet}, {day.isoformat()}: {title}")
                  for outlet, day, title in dated)
    axis = 20 + len(outlets) * ROW
    return Chart(width=WIDTH, height=axis + 24, axis_y=axis, marks=marks, ticks=scale.ticks(),
                 rows=tuple((y, outlet) for outlet, y in row_y.items()))


class _Scale:
    def __init__(self, days: list[date], *, left: float = LEFT):
        self.first, self.last = min(days), max(days)
        self.left, self.span = left + 24, WIDTH - left - RIGHT - 48

    def x(self, day: date) -> float:
        total = (self.last - self.first).days
        if total == 0:
            return round(self.left + self.span / 2, 1)
        return round(self.left + self.span * (day - self.first).days / total, 1)

    def ticks(self) -> tuple[Tick, ...]:
        if self.first == self.last:
            return (Tick(self.x(self.first), self.first.isoformat()),)
        return (Tick(self.x(self.first), self.first.isoformat()), Tick(self.x(self.last), self.last.isoformat()))


def _start(value: str) -> date | None:
    """The first day of an ISO day, month, week or year ('2023-06-18', '2023-06', '2023-W24', '2023')."""
    parts = value.split("-")
    try:
        if len(parts) == 2 and parts[1][:1] in "Ww":
            return date.fromisocalendar(int(parts[0]), int(parts[1][1:]), 1)
        numbers = [int(p) for p in parts[:3]]
        return date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, IndexError):
        return None
