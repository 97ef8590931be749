"""Helpers for the attribution tests: parse a body text with the real pipeline."""

from __future__ import annotations

from newsreader.ingest import RawArticle
from newsreader.model import Document


def parse(text: str) -> Document:
    from newsreader.analysis import parse_article

    doc = parse_article(RawArticle(title="Test", published="2024-12-18", text=text, source="<test>"))
    assert doc.span_errors() == []
    return doc


def direct(doc: Document) -> list:
    return [q for q in doc.quotes if q.direct]


def reported(doc: Document) -> list:
    return [q for q in doc.quotes if not q.direct]


def source_of(doc: Document, quote):
    assert quote.speaker is not None, f"no speaker for {quote.text!r}"
    return doc.source_by_id(quote.speaker.source_id)


def cued(quotes, cue: str) -> list:
    """The quotes (or statements) whose cue is the word ``cue``."""
    return [q for q in quotes if q.cue is not None and q.cue.text == cue]
