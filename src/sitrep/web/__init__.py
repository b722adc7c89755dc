"""The web UI and JSON API (``sitrep serve``): read-only by default; a token-protected ingest."""
