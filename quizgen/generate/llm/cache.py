"""Replies kept on disk, so that regenerating an unchanged article sends nothing.

One file per request, named by the hash of everything the reply depends on: what was sent (the
chunk's text, or the questions to verify or reword, with the instructions and the card kinds
asked for), the model's name, `PROMPT_VERSION`, the seed and the temperature. The server's address
is not part of it: a model keeps its name whether it is reached on localhost or through a tunnel.
A reply that could not be used is kept too (at temperature 0 the same request gives it again); a
request that failed (timeout, refused key) leaves nothing. Files are written atomically; a damaged
one is a miss, and is replaced.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from quizgen.locations import atomic_write_text, cache_home

Entry = TypeVar("Entry", bound=BaseModel)


def llm_cache_dir() -> Path:
    """The folder of cached replies: ``llm`` in quizgen's cache folder (see `cache_home`)."""
    return cache_home() / "llm"


def cache_key(**parts: object) -> str:
    """A hash of the named parts (their order does not matter)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class ReplyCache:
    """Cached replies under `folder` (None: nothing is kept or read)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, entry: type[Entry]) -> Entry | None:
        """The entry kept under `key`, or None (not kept, unreadable, or of another shape)."""
        if self.folder is None:
            return None
        try:
            found = entry.model_validate_json(self._path(key).read_bytes())
        except (OSError, ValidationError, ValueError):
            return None
        self.hits += 1
        return found

    def put(self, key: str, value: BaseModel) -> None:
        """Keep `value` under `key`. A cache that cannot be written costs only speed next time."""
        if self.folder is None:
            return
        try:
            atomic_write_text(self._path(key), value.model_dump_json())
        except OSError:
            pass  # a read-only or full cache folder: the run goes on, the next one asks again
