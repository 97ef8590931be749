"""Input -> :class:`RawArticle`: reading, decoding, normalization, the article header."""

from .article import RawArticle
from .errors import IngestError
from .normalize import normalize_text
from .reader import DEFAULT_MAX_BYTES, article_from_text, decode_bytes, read_input

__all__ = [
    "DEFAULT_MAX_BYTES",
    "IngestError",
    "RawArticle",
    "article_from_text",
    "decode_bytes",
    "normalize_text",
    "read_input",
]
