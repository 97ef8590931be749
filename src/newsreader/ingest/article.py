"""The article text format (SPEC §1) and plain text.

Article format: line 1 is ``date YYYY-MM-DD Title`` (leading spaces allowed), then the
body, one paragraph per line. Plain text: the whole file is the body; a short first
line without a final period is taken as the title.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*))?$")
TITLE_MAX = 150


@dataclass(frozen=True)
class RawArticle:
    """What ingest hands to analysis: normalized body text and its metadata."""

    title: str
    published: str | None
    text: str
    source: str
    author: str | None = None  # from HTML metadata; not part of the document schema


def valid_iso_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def split_article(text: str, fallback_title: str) -> tuple[str, str | None, str]:
    """``(title, published, body)`` of normalized text in the article or plain format."""
    first, _, rest = text.partition("\n")
    match = _HEADER.match(first)
    if match and valid_iso_date(match.group(1)):
        title = (match.group(2) or "").strip() or fallback_title
        return title, match.group(1), rest.strip("\n")
    stripped = first.strip()
    if stripped and len(stripped) <= TITLE_MAX and not stripped.endswith((".", "!", "?", ":")) and rest.strip():
        return stripped, None, rest.strip("\n")
    return fallback_title, None, text
