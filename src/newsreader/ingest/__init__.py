"""Input -> :class:`RawArticle`: files, stdin, URLs, HTML, Markdown; decoding, normalization."""

from ..model.article import IngestError, RawArticle, article_from_text, normalize_text
from .encoding import decode_bytes
from .reader import DEFAULT_MAX_BYTES, article_from_bytes, read_input

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IngestError",
    "RawArticle",
    "article_from_bytes",
    "article_from_text",
    "decode_bytes",
    "normalize_text",
    "read_input",
]
