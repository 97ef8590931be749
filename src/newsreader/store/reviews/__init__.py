"""Claim reviews: the repository (``database.py``) over an SQLite file or a PostgreSQL
server (``dialects.py``), and the pure anchoring of stored reviews to the current text
(``anchoring.py``)."""

from ...model import Review, Verdict, claim_for
from ...model.vocabulary import STATUSES
from .anchoring import FUZZY_RATIO, normalize_for_match
from .database import FILENAME, HISTORY_LIMIT, ReviewStore, default_reviewer
from .dialects import (
    SCHEMA_VERSION,
    SQLITE_MIGRATIONS,
    ReviewPermissionError,
    ReviewStoreReadOnly,
    ReviewStoreUnavailable,
    is_postgres_url,
    redact_url,
)

__all__ = [
    "FILENAME",
    "FUZZY_RATIO",
    "HISTORY_LIMIT",
    "SCHEMA_VERSION",
    "SQLITE_MIGRATIONS",
    "STATUSES",
    "Review",
    "ReviewPermissionError",
    "ReviewStore",
    "ReviewStoreReadOnly",
    "ReviewStoreUnavailable",
    "Verdict",
    "claim_for",
    "default_reviewer",
    "is_postgres_url",
    "normalize_for_match",
    "redact_url",
]
