"""JSON records give their publication date under any of the field names datasets and APIs use."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from itertools import islice

import pytest

from conftest import DATA
from newsweave.model import RawDocument
from newsweave.sources.records import read_json, read_json_lines

TEXT = "The council of Port Elling voted on Monday to rebuild the old stone bridge over the river Ell."


def _one(record: dict) -> RawDocument:
    [raw] = read_json(json.dumps(record), origin="records.json", file_id="records.json")
    assert isinstance(raw, RawDocument)
    return raw


@pytest.mark.parametrize("field", ["published", "date", "pubDate", "published_at"])
def test_a_records_date_is_read_from_any_of_the_usual_field_names(field):
    raw = _one({"id": "a1", "title": "Bridge vote", "text": TEXT, field: "2023-06-12"})
    assert raw.published == datetime(2023, 6, 12)


def test_the_clustering_datasets_record_shape_gets_its_date():
    # The shape of the clustering datasets: {id, date, title, text, lang, cluster, ...}.
    raw = _one({"id": "x1", "date": "1996-01-04", "title": "Bridge vote", "text": TEXT, "lang": "en",
                "cluster": "c1", "clusters": ["c1"]})
    assert raw.published == datetime(1996, 1, 4)


def test_published_wins_over_an_alias_when_both_are_given():
    raw = _one({"text": TEXT, "published": "2023-06-12T08:00:00Z", "date": "2020-01-01"})
    assert raw.published == datetime(2023, 6, 12, 8, 0)


def test_an_unreadable_published_falls_back_to_a_readable_alias():
    raw = _one({"text": TEXT, "published": "", "date": "2023-06-12"})
    assert raw.published == datetime(2023, 6, 12)


def test_a_record_without_any_date_field_has_no_date():
    assert _one({"text": TEXT}).published is None


def test_real_clustering_records_are_read_with_their_dates():
    path = DATA / "clustering_derived" / "duc_2006_2007_docs.jsonl.gz"
    if not path.is_file():
        pytest.skip(f"shared clustering data not found at {path}")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = list(islice(handle, 20))
    raws = list(read_json_lines("".join(lines), origin=str(path), file_id=path.name))
    expected = [json.loads(line)["date"] for line in lines]
    assert [raw.published.date().isoformat() for raw in raws] == expected
