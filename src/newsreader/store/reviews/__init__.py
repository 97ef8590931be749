"""Claim reviews: the SQLite store (``database.py``) and the pure anchoring of stored
reviews to the current text (``anchoring.py``)."""

from ...model import Review, claim_for
from ...model.vocabulary import STATUSES
from .anchoring import FUZZY_RATIO, normalize_for_match
from .database import FILENAME, HISTORY_LIMIT, MIGRATIONS, SCHEMA_VERSION, ReviewStore, ReviewStoreReadOnly

__all__ = [
    "FILENAME",
    "FUZZY_RATIO",
    "HISTORY_LIMIT",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STATUSES",
    "Review",
    "ReviewStore",
    "ReviewStoreReadOnly",
    "claim_for",
    "normalize_for_match",
]
