"""Every type the layers share: the document (schema ``newsreader.document/1``), the raw
article and its text format, a fetched page, a review; and, in :mod:`.vocabulary`, the
names and colours of statuses and layers. Nothing here imports another layer."""

from .article import IngestError, RawArticle
from .document import (
    ERROR_SCHEMA,
    GRANULARITIES,
    NUMBER_KINDS,
    SCHEMA,
    SOURCE_KINDS,
    Claim,
    Cue,
    DateSpan,
    Document,
    Entity,
    Mention,
    Number,
    Quote,
    SchemaError,
    Source,
    Speaker,
    Statement,
    Term,
    text_id,
)
from .page import FetchedPage, PageStore
from .review import Review, Verdict, claim_for, claim_state, summarize

__all__ = [
    "GRANULARITIES",
    "NUMBER_KINDS",
    "ERROR_SCHEMA",
    "SCHEMA",
    "SOURCE_KINDS",
    "Claim",
    "Cue",
    "DateSpan",
    "Document",
    "Entity",
    "FetchedPage",
    "IngestError",
    "Mention",
    "Number",
    "PageStore",
    "Quote",
    "RawArticle",
    "Review",
    "SchemaError",
    "Source",
    "Speaker",
    "Statement",
    "Term",
    "Verdict",
    "claim_for",
    "claim_state",
    "summarize",
    "text_id",
]
