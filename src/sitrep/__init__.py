"""sitrep: news reports in, a sourced record of what happened out.

The pipeline's functions are importable for notebooks::

    from sitrep import read_sources, clean_article, open_store, run
"""

from __future__ import annotations

__version__ = "0.1.0"

_EXPORTS = {
    "read_sources": "sitrep.ingest",
    "clean_article": "sitrep.clean",
    "clean_articles": "sitrep.clean",
    "open_store": "sitrep.store",
    "Store": "sitrep.store",
    "run": "sitrep.pipeline",
    "clean": "sitrep.pipeline",
    "process_document": "sitrep.spine",
    "load_settings": "sitrep.settings",
    "export_events": "sitrep.export",
}

__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str):
    # Imports are lazy so that `import sitrep` (and `sitrep --help`) does no heavy work.
    if name in _EXPORTS:
        import importlib

        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sitrep' has no attribute {name!r}")
