"""Reading summarisation datasets: records as dataclasses, malformed lines named."""

from __future__ import annotations

import gzip
import json

import pytest

from newsweave.errors import EvaluationError
from newsweave.evaluation.datasets import SummaryRecord, read_summary_records, records_digest


def _write(path, lines):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def _line(**fields):
    record = {"id": "c1", "documents": ["A first text.", "A second text."], "summaries": ["A summary."]}
    record.update(fields)
    return json.dumps(record)


def test_records_are_read_as_dataclasses_in_file_order(tmp_path):
    path = _write(tmp_path / "d.jsonl.gz", [_line(id="a"), _line(id="b", topic_narrative="Discuss it.")])
    records = list(read_summary_records(path))
    assert [r.id for r in records] == ["a", "b"]
    assert records[0] == SummaryRecord(id="a", documents=("A first text.", "A second text."),
                                       summaries=("A summary.",))
    assert records[1].narrative == "Discuss it."


def test_an_empty_dataset_yields_no_records(tmp_path):
    assert list(read_summary_records(_write(tmp_path / "empty.jsonl.gz", []))) == []


def test_limit_stops_after_that_many_records(tmp_path):
    path = _write(tmp_path / "d.jsonl.gz", [_line(id=str(n)) for n in range(5)])
    assert [r.id for r in read_summary_records(path, limit=2)] == ["0", "1"]


@pytest.mark.parametrize("bad, message", [
    ("{not json", "not valid JSON"),                      # a truncated or corrupted line
    ("[1, 2]", "expected a JSON object"),                # a line that is JSON but not a record
    (_line(documents="one string"), "'documents' must be a list of strings"),
    (_line(summaries=[]), "no non-empty reference"),     # nothing to score against
    (_line(id=None), "'id' must be"),
])
def test_a_malformed_line_raises_an_error_naming_file_and_line(tmp_path, bad, message):
    path = _write(tmp_path / "d.jsonl.gz", [_line(), bad])
    with pytest.raises(EvaluationError, match=rf"d\.jsonl\.gz:2: .*{message}"):
        list(read_summary_records(path))


def test_a_missing_dataset_file_is_a_clear_error(tmp_path):
    with pytest.raises(EvaluationError, match="no such dataset file"):
        list(read_summary_records(tmp_path / "absent.jsonl.gz"))


def test_the_digest_changes_when_any_input_text_changes():
    record = SummaryRecord(id="a", documents=("One.", "Two."), summaries=("Ref.",))
    changed = SummaryRecord(id="a", documents=("One.", "Two!"), summaries=("Ref.",))
    assert records_digest([record]) == records_digest([record])
    assert records_digest([record]) != records_digest([changed])


def test_records_without_references_can_be_skipped_when_asked(tmp_path):
    # DUC 2007 lists topics it has no reference summaries for.
    path = _write(tmp_path / "d.jsonl.gz", [_line(id="a", summaries=[]), _line(id="b")])
    assert [r.id for r in read_summary_records(path, skip_unreferenced=True)] == ["b"]
