"""Evaluation JSON Lines: one reader for the summarisation and clustering datasets, errors naming file and line."""

from __future__ import annotations

import gzip
import json

import pytest

from newsweave.errors import EvaluationError
from newsweave.evaluation.clusters_data import read_cluster_dataset
from newsweave.evaluation.datasets import read_summary_records
from newsweave.evaluation.jsonl import json_objects

RECORD = {"id": "c1", "documents": ["A first text."], "summaries": ["A summary."]}


def _write(path, lines):
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def _error(read, path) -> str:
    with pytest.raises(EvaluationError) as caught:
        read(path)
    return str(caught.value)


@pytest.mark.parametrize("bad, message", [
    ("{not json", "not valid JSON"),              # a corrupted line
    ("[1, 2]", "expected a JSON object, got list"),  # JSON, but not a record
])
def test_both_dataset_readers_report_a_bad_line_the_same_way_naming_file_and_line(tmp_path, bad, message):
    path = _write(tmp_path / "d.jsonl.gz", [json.dumps(RECORD), "", bad])
    summaries = _error(lambda p: list(read_summary_records(p)), path)
    clusters = _error(read_cluster_dataset, path)
    assert summaries == clusters and summaries.startswith(f"{path}:3: {message}")


def test_a_truncated_gzip_names_the_line_reading_stopped_at(tmp_path):
    path = _write(tmp_path / "d.jsonl.gz", [json.dumps({**RECORD, "id": f"c{n}", "n": "x" * n}) for n in range(400)])
    path.write_bytes(path.read_bytes()[:-200])
    message = _error(lambda p: list(read_summary_records(p)), path)
    line = int(message.split(":")[1])
    assert 1 < line <= 400 and "cannot be read" in message


def test_blank_lines_are_skipped_and_each_object_carries_its_line(tmp_path):
    path = tmp_path / "plain.jsonl"
    path.write_text('{"a": 1}\n\n  \n{"b": 2}\n', encoding="utf-8")
    assert list(json_objects(path)) == [(f"{path}:1", {"a": 1}), (f"{path}:4", {"b": 2})]


def test_an_empty_file_has_no_objects(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_text("", encoding="utf-8")
    assert list(json_objects(path)) == []
