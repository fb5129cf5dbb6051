"""Inputs → RawDocuments. Every input yields raw documents or a Rejection; nothing is dropped."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..config import Options
from ..model import RawDocument, Rejection

__all__ = ["read_inputs"]


def read_inputs(inputs: Iterable[str], options: Options) -> Iterator[RawDocument | Rejection]:
    for name in inputs:
        path = Path(name)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            article_id = str(file.relative_to(path)) if path.is_dir() else file.name
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                yield Rejection(input=str(file), reason=str(error), article=article_id)
                continue
            yield RawDocument(id=article_id, origin=str(file), kind="text", content=text, outlet=file.stem)
