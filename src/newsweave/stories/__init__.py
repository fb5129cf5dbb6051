"""Articles → stories: representation (``vectors``), online clustering (``clusterer``), wire copies and
story choice together (``assign``), and ingestion into a store (``ingest``)."""

from __future__ import annotations

from .assign import Decision, StoryAssigner
from .clusterer import Assignment, StoryClusterer
from .ingest import Ingestor, article_key, content_hash

__all__ = ["Assignment", "Decision", "Ingestor", "StoryAssigner", "StoryClusterer", "article_key", "content_hash"]
