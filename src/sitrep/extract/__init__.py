"""Event extraction: ACLED's taxonomy as data (``taxonomy``) and a rule-based sentence classifier
into its sub-event types (``classify``).

    >>> from sitrep.extract import classify, load_taxonomy
    >>> classify("Syrian troops recaptured Palmyra from IS.")[0][0]
    'Government regains territory'

User types are added without code: ``load_taxonomy(extra=[Path("my_types.toml")])`` and pass the
result as ``classify(..., taxonomy=...)``.
"""

from sitrep.extract.classify import Classifier, EmbeddingScorer, classify, default_classifier
from sitrep.extract.taxonomy import (
    BUILTIN,
    EventType,
    SubEventType,
    Taxonomy,
    TaxonomyError,
    load_taxonomy,
)

__all__ = [
    "BUILTIN",
    "Classifier",
    "EmbeddingScorer",
    "EventType",
    "SubEventType",
    "Taxonomy",
    "TaxonomyError",
    "classify",
    "default_classifier",
    "load_taxonomy",
]
