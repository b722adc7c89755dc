"""Content-hash ids, so every write is an idempotent upsert.

The same content always gets the same id: re-ingesting an article changes nothing, and a retried
shard on a cluster writes exactly what the first try wrote.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def hash_id(*parts: Any, length: int = 16) -> str:
    """A short, stable hex id from the JSON form of ``parts`` (order matters, dict keys sorted)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:length]


def content_hash(title: str, text: str) -> str:
    """The hash of what an article says: its title and cleaned text."""
    return hash_id(title, text, length=32)
