"""`newsweave eval summaries` end to end on an invented two-cluster dataset."""

from __future__ import annotations

import gzip
import json

from newsweave.cli import main

DAM = ["The Millbrook dam failed on Tuesday night after three days of heavy rain, flooding the lower town. "
       "Emergency crews evacuated about 2,000 residents before the water rose.",
       "Heavy rain caused the Millbrook dam to fail on Tuesday night. About 2,000 residents were evacuated "
       "from the lower town by emergency crews, officials said."]
BRIDGE = ["The mayor opened the new river bridge on Monday after three years of work. The bridge cost 40 million "
          "dollars and will carry 20,000 cars a day.", ""]


def _dataset(tmp_path):
    path = tmp_path / "mini.jsonl.gz"
    records = [{"id": "dam", "documents": DAM, "summaries": ["The Millbrook dam failed after heavy rain and "
                                                             "2,000 residents were evacuated."]},
               {"id": "bridge", "documents": BRIDGE, "summaries": ["A new river bridge opened on Monday."]}]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in records) + "\n")
    return path


def test_eval_summaries_prints_all_four_systems_and_writes_newsweave_summaries(tmp_path, capsys):
    out = tmp_path / "pred.jsonl"
    assert main(["eval", "summaries", str(_dataset(tmp_path)), "--words", "30", "--out", str(out)]) == 0
    table = capsys.readouterr().out
    assert "2 clusters" in table
    for system in ("newsweave", "lead", "lexrank", "textrank"):
        assert any(line.startswith(system) for line in table.splitlines())
    predictions = [json.loads(line) for line in out.read_text().splitlines()]
    assert [p["id"] for p in predictions] == ["dam", "bridge"]
    assert "dam" in predictions[0]["summary"] and len(predictions[0]["summary"].split()) <= 30


def test_limit_evaluates_only_the_first_clusters(tmp_path, capsys):
    assert main(["eval", "summaries", str(_dataset(tmp_path)), "--words", "30", "--limit", "1",
                 "--systems", "newsweave,lead"]) == 0
    table = capsys.readouterr().out
    assert "1 clusters" in table and "lexrank" not in table


def test_an_empty_dataset_is_reported_as_an_error_not_a_crash(tmp_path, capsys):
    path = tmp_path / "empty.jsonl.gz"
    with gzip.open(path, "wt") as handle:
        handle.write("")
    assert main(["eval", "summaries", str(path), "--words", "30"]) == 2
    assert "no records to evaluate" in capsys.readouterr().err


def test_a_malformed_dataset_line_is_reported_with_its_line_number(tmp_path, capsys):
    path = tmp_path / "bad.jsonl.gz"
    with gzip.open(path, "wt") as handle:
        handle.write("{broken\n")
    assert main(["eval", "summaries", str(path), "--words", "30"]) == 2
    assert "bad.jsonl.gz:1" in capsys.readouterr().err


def test_clusters_without_references_fail_unless_skipping_is_asked_for(tmp_path, capsys):
    path = tmp_path / "partial.jsonl.gz"
    records = [{"id": "none", "documents": DAM, "summaries": []},
               {"id": "dam", "documents": DAM, "summaries": ["The Millbrook dam failed after heavy rain."]}]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(json.dumps(r) for r in records) + "\n")
    assert main(["eval", "summaries", str(path), "--words", "30", "--systems", "lead"]) == 2
    assert "partial.jsonl.gz:1" in capsys.readouterr().err
    assert main(["eval", "summaries", str(path), "--words", "30", "--systems", "lead", "--skip-unreferenced"]) == 0
    assert "1 clusters" in capsys.readouterr().out


def test_under_the_cut_rule_newsweave_tops_its_summary_up_past_the_budget_like_the_baselines(tmp_path, capsys):
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    dataset = str(_dataset(tmp_path))
    assert main(["eval", "summaries", dataset, "--words", "30", "--systems", "newsweave", "--out", str(whole)]) == 0
    assert "whole sentences within the budget" in capsys.readouterr().out
    assert main(["eval", "summaries", dataset, "--words", "30", "--systems", "newsweave", "--budget", "cut",
                 "--out", str(cut)]) == 0
    assert "the last sentence may overrun" in capsys.readouterr().out
    whole_dam, cut_dam = (json.loads(path.read_text().splitlines()[0])["summary"] for path in (whole, cut))
    # The dam cluster has 60 words of source: the whole-sentence summary stays within 30, the cut one
    # keeps it and adds unused source sentences until it passes 30 (ROUGE then cuts it at 30).
    assert len(whole_dam.split()) <= 30 < len(cut_dam.split())
    assert cut_dam.startswith(whole_dam)
    assert all(sentence.strip() in " ".join(DAM) for sentence in cut_dam[len(whole_dam):].split(". ") if sentence.strip())


def test_no_embeddings_keeps_newsweave_to_its_wording_only_scorer(tmp_path, capsys):
    from newsweave.evaluation.summaries import NewsweaveSystem

    assert main(["eval", "summaries", str(_dataset(tmp_path)), "--words", "30", "--systems", "newsweave",
                 "--no-embeddings"]) == 0
    assert "2 clusters" in capsys.readouterr().out
    assert NewsweaveSystem(words=30, embeddings=False).engine.options.embeddings is False
    assert NewsweaveSystem(words=30).engine.options.embeddings is True
