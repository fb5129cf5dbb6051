"""Atomic file output: write to a temporary name in the same directory, fsync, rename.

A worker killed mid-write leaves at most a stray ``.tmp`` file, never a half-written part; a retried
task rewrites the same name with the same content, so a retry neither loses nor duplicates output.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path
from typing import Callable, IO


def write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        with open(temporary, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    _fsync_directory(path.parent)
    return path


def write_bytes_atomically(path: Path, data: bytes) -> Path:
    return write_atomically(path, lambda handle: handle.write(data))


def _fsync_directory(directory: Path) -> None:
    # The rename itself is durable only once the directory entry is on disk.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
