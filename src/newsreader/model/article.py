"""The raw article — what ingest hands to analysis — and its text format (SPEC §1).

Article format: line 1 is ``date YYYY-MM-DD Title`` (leading spaces allowed), then the
body, one paragraph per line. Plain text: the whole text is the body; a short first
line without a final period is taken as the title.

A paragraph that its page set off as a quotation (an HTML ``<blockquote>``, a Markdown
``>`` block) opens with :data:`SET_OFF` (``> ``), the mark e-mail and Markdown use: the
reader sees it, and analysis knows the paragraph is someone's words (:func:`mark_set_off`).

Text is normalized once, here: every offset in the system indexes the output of
:func:`normalize_text` — NFC, ``\\r\\n``/``\\r``/U+2028/U+2029 to ``\\n``, control
characters other than ``\\n`` and ``\\t`` removed (so ANSI/OSC escapes can't reach a
terminal), trailing spaces cut from lines, leading and trailing blank lines dropped.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*))?$")
TITLE_MAX = 150

_NEWLINES = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")
# C0 and C1 controls and DEL, except tab and newline.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
_SURROGATES = re.compile(r"[\ud800-\udfff]")


class IngestError(Exception):
    """Bad input: the message is one line naming the input and the reason."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


@dataclass(frozen=True)
class RawArticle:
    """What ingest hands to analysis: normalized body text and its metadata."""

    title: str
    published: str | None
    text: str
    source: str
    author: str | None = None  # from HTML metadata; not part of the document schema
    canonical: str | None = None  # a web page's canonical address (versions are kept under it)
    etag: str | None = None  # a fetched page's validators, for the next conditional GET
    last_modified: str | None = None


SET_OFF = "> "
_SET_OFF_MIN = 20  # a shorter line is set off only when it is the whole quotation
# A blockquote, as ingest writes it (SPEC §1): "> " opens each paragraph of it.
_SET_OFF_AT = re.compile(re.escape(SET_OFF.rstrip()) + r"[ \t]+(?=\S)")


def set_off_start(text: str, lo: int, hi: int) -> int | None:
    """Where the words of a paragraph ``[lo, hi)`` that ingest marked as a blockquote begin
    (after its ``> ``); None for every other paragraph. The one test of the mark: analysis,
    the reader and the exports all ask it."""
    found = _SET_OFF_AT.match(text, lo, hi)
    return found.end() if found is not None else None


def mark_set_off(lines: list[str], quotations: list[str]) -> list[str]:
    """``lines`` (one paragraph each, whitespace collapsed) with :data:`SET_OFF` before each
    one that stands inside one of ``quotations`` (each a blockquote's words on one line)."""
    whole = [" ".join(q.split()) for q in quotations]
    whole = [q for q in whole if q]
    if not whole:
        return lines
    return [
        SET_OFF + line
        if not line.startswith(SET_OFF) and any(line == q or (len(line) >= _SET_OFF_MIN and line in q) for q in whole)
        else line
        for line in lines
    ]


def normalize_text(text: str) -> str:
    """The text every offset indexes (see the module docstring)."""
    text = _SURROGATES.sub("\ufffd", text)
    text = _NEWLINES.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING.sub("", text)
    return text.strip("\n")


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


def article_from_text(text: str, *, source: str, fallback_title: str, published: str | None = None) -> RawArticle:
    """Normalize decoded text and split off the header; :class:`IngestError` if no body is left."""
    text = normalize_text(text)
    if not text.strip():
        raise IngestError(source, "is empty")
    title, file_published, body = split_article(text, fallback_title)
    if not body.strip():
        raise IngestError(source, "has a header but no article text")
    return RawArticle(title=title, published=published or file_published, text=body, source=source)
