"""Evaluation datasets' JSON Lines (gzip or plain): one reader, so every dataset reports a bad line the
same way, naming the file and line; a broken dataset is never scored on a silently smaller sample."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Iterator

from ..errors import EvaluationError

__all__ = ["json_objects"]


def json_objects(path: Path) -> Iterator[tuple[str, dict]]:
    """``(where, object)`` for each non-blank line of ``path`` in file order, lazily; ``where`` is
    ``path:line`` for the caller's own messages. Gzip when the name ends in ``.gz``."""
    opener = gzip.open if path.suffix == ".gz" else open
    number = 0
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as error:
                    raise EvaluationError(f"{where}: not valid JSON ({error.msg})") from None
                if not isinstance(item, dict):
                    raise EvaluationError(f"{where}: expected a JSON object, got {type(item).__name__}")
                yield where, item
    except (OSError, UnicodeDecodeError, EOFError) as error:
        # The line reading stopped at: a truncated gzip or a bad byte is found only when reached.
        raise EvaluationError(f"{path}:{number + 1}: cannot be read ({error})") from error
