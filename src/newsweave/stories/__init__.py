"""Articles → stories: representation (``vectors``), online clustering (``clusterer``), wire copies and
story choice together (``assign``), ingestion into a store (``ingest``), and an optional second pass
that merges stories by average linkage (``merge``), in the evaluation and, through ``second_pass``,
in the store after each ingest run."""

from __future__ import annotations

from .assign import Decision, StoryAssigner
from .clusterer import Assignment, StoryClusterer
from .ingest import Ingestor, article_key, content_hash

__all__ = ["Assignment", "Decision", "Ingestor", "StoryAssigner", "StoryClusterer", "article_key", "content_hash"]
