"""The story page's chart geometry (pure functions)."""

from __future__ import annotations

from datetime import datetime

from newsweave.model import TimelineEvent
from newsweave.web.charts import coverage_chart, timeline_chart


def event(day: str | None, text: str = "something happened", resolved: bool = True) -> TimelineEvent:
    return TimelineEvent(date=day, expression=day or "one day", text=text, resolved=resolved, refs=())


def test_no_events_draw_no_timeline():
    assert timeline_chart([]) is None


def test_unresolved_events_draw_no_timeline():
    assert timeline_chart([event(None, resolved=False)]) is None


def test_events_are_placed_left_to_right_in_date_order_between_the_margins():
    chart = timeline_chart([event("2023-06-18"), event("2023-05"), event("2023-06-19")])
    xs = {mark.label: mark.x for mark in chart.marks}
    assert 0 < xs["2023-05"] < xs["2023-06-18"] < xs["2023-06-19"] < chart.width
    assert [tick.label for tick in chart.ticks] == ["2023-05-01", "2023-06-19"]


def test_a_single_day_is_drawn_in_the_middle():
    chart = timeline_chart([event("2023-06-18")])
    assert len(chart.marks) == 1 and abs(chart.marks[0].x - chart.width / 2) < chart.width / 4


def test_a_malformed_event_date_is_left_out_of_the_chart_not_an_error():
    chart = timeline_chart([event("2023-13-45"), event("2023-06-18")])
    assert [mark.label for mark in chart.marks] == ["2023-06-18"]


def test_undated_articles_draw_no_coverage_chart():
    assert coverage_chart([("Avel Post", None, "a title")]) is None


def test_each_outlet_gets_a_row_and_each_dated_article_a_mark():
    chart = coverage_chart([("Avel Post", datetime(2024, 3, 5), "a"), ("Marren News", datetime(2024, 3, 8), "b"),
                            ("Avel Post", datetime(2024, 3, 9), "c"), ("Avel Post", None, "d")])
    assert [outlet for _, outlet in chart.rows] == ["Avel Post", "Marren News"]
    assert len(chart.marks) == 3
    rows = dict((outlet, y) for y, outlet in chart.rows)
    assert [m.y for m in chart.marks] == [rows["Avel Post"], rows["Marren News"], rows["Avel Post"]]


def test_an_iso_week_is_placed_at_its_monday():
    chart = timeline_chart([event("2023-06-01"), event("2023-W24"), event("2023-06-30")])
    xs = {mark.title.split(":")[0]: mark.x for mark in chart.marks}
    assert xs["2023-06-01"] < xs["2023-W24"] < xs["2023-06-30"]


def test_events_of_one_date_share_one_mark_with_all_their_texts():
    chart = timeline_chart([event("2023-06-18", "arrived"), event("2023-06-18", "met the minister")])
    assert len(chart.marks) == 1
    assert "arrived" in chart.marks[0].title and "met the minister" in chart.marks[0].title


def test_crowded_labels_never_overlap_in_a_row():
    days = [f"2023-06-{d:02d}" for d in range(1, 29)]
    chart = timeline_chart([event(day) for day in days])
    labelled = [m for m in chart.marks if m.label]
    assert labelled and len(chart.marks) == len(days)
    for row in {m.y for m in labelled}:
        spans = sorted((m.x - len(m.label) * 3.25 - 4, m.x + len(m.label) * 3.25 + 4) for m in labelled if m.y == row)
        assert all(left[1] <= right[0] for left, right in zip(spans, spans[1:]))
