"""Settings, from defaults overridden by ``SITREP_*`` environment variables.

Pydantic lives only at the edges; the pipeline receives plain values from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB = "sqlite:///sitrep.db"  # relative to the working directory, never an absolute path


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db: str = DEFAULT_DB
    # 20 MB: the largest page in the article-extraction set is under 3 MB and FA-KES articles are
    # under 40 kB; anything far larger is a dump or an attack, not an article.
    max_input_bytes: int = 20_000_000
    # A WARC or feed may hold many documents, so its limit is per record, and the container's own
    # limit is larger: 2 GB of compressed archive is a day's crawl for a large site.
    max_container_bytes: int = 2_000_000_000
    # Lines that recur in at least this many articles of one outlet are site furniture. Three is
    # the smallest count where chance repeats of short real sentences ("More to follow.") are rare
    # in the FA-KES demo corpus, while per-outlet slogans appear in every article.
    repeated_line_min_docs: int = 3


def load_settings(**overrides: object) -> Settings:
    env = {}
    if os.environ.get("SITREP_DB"):
        env["db"] = os.environ["SITREP_DB"]
    if os.environ.get("SITREP_MAX_INPUT_BYTES"):
        env["max_input_bytes"] = int(os.environ["SITREP_MAX_INPUT_BYTES"])
    env.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**env)  # type: ignore[arg-type]
