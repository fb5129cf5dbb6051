"""Shared fixtures. Real articles are read from ../shared at test time, never copied into the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.documents import Nlp

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def nlp() -> Nlp:
    """One loaded spaCy pipeline for the whole session (loading costs about a second)."""
    return Nlp()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.fail(f"the shared seeds are missing: expected them at {SEEDS}")
    return SEEDS
