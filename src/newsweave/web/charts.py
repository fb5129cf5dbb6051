"""Geometry of the story page's two charts, drawn as inline SVG by the templates (which escape every
label): the timeline of dated events, and each outlet's articles over time. Pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..model import TimelineEvent

# The drawing's coordinate system (the SVG scales to the page width through its viewBox).
WIDTH, LEFT, RIGHT = 640, 16, 16
ROW = 28


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
    """Dated events on one time axis, labels staggered over rows so neighbours do not overlap."""
    dated = [(day, e) for e in events if e.resolved and e.date and (day := _start(e.date)) is not None]
    if not dated:
        return None
    scale = _Scale([day for day, _ in dated])
    lanes = 4
    marks = tuple(Mark(x=scale.x(day), y=24 + (i % lanes) * 22, label=e.date or "",
                       title=f"{e.date}: {e.text}") for i, (day, e) in enumerate(dated))
    axis = 24 + lanes * 22 + 8
    return Chart(width=WIDTH, height=int(axis + 24), axis_y=axis, marks=marks, ticks=scale.ticks())


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
    """The first day of an ISO day, month or year ('2023-06-18', '2023-06', '2023')."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts[:3]]
        return date(numbers[0], numbers[1] if len(numbers) > 1 else 1, numbers[2] if len(numbers) > 2 else 1)
    except (ValueError, IndexError):
        return None
