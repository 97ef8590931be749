"""Input -> :class:`RawArticle`: files, stdin, URLs, HTML, Markdown; decoding, normalization."""

from .article import RawArticle
from .errors import IngestError
from .encoding import decode_bytes
from .normalize import normalize_text
from .reader import DEFAULT_MAX_BYTES, article_from_bytes, article_from_text, read_input

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
