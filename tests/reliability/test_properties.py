"""Property tests: any input either becomes a sound ``newsreader.document/1`` or a
one-line IngestError; the quote finder never hangs on quote marks."""

from __future__ import annotations

import json
import random
import time
import unicodedata

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsreader.analysis.pipeline import parse_texts
from newsreader.analysis.quotes import find_quote_spans
from newsreader.ingest import IngestError, article_from_text, decode_bytes, normalize_text
from newsreader.model import SCHEMA, Document

from .strategies import QUOTE_MARKS, any_text, hostile_text

ALLOWED_CONTROLS = {"\n", "\t"}
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_normalized(text: str) -> None:
    assert unicodedata.is_normalized("NFC", text)
    for ch in text:
        assert ch in ALLOWED_CONTROLS or unicodedata.category(ch) not in ("Cc", "Cs"), repr(ch)
    assert "\r" not in text and "\u2028" not in text and "\u2029" not in text
    assert normalize_text(text) == text  # idempotent


def ingest_text(text: str):
    try:
        return article_from_text(text, source="prop.txt", fallback_title="prop")
    except IngestError as exc:
        assert "\n" not in exc.reason and exc.reason
        return None


@settings(max_examples=300, deadline=None)
@given(any_text)
@example("\ud800 lone surrogate \udfff")
@example("\x1b]52;c;ZWNobyBwd25lZA==\x07copy me\x1b]0;title\x07")
@example("e\u0301\r\n\r\n\x00")
def test_ingested_text_is_normalized(text):
    article = ingest_text(text)
    if article is not None:
        assert_normalized(article.text)
        assert_normalized(article.title)
        assert article.text.strip()


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | any_text.map(lambda s: s.encode("utf-8", "surrogatepass")))
@example(b"\xef\xbb\xbfdate 2024-12-18 T\nbody \xed\xa0\x80 lone surrogate")
@example(b"\xff\xfe" + "hello \u201cworld\u201d".encode("utf-16-le"))
@example(b"\xff\xfe\x00\xd8")  # UTF-16 BOM + lone surrogate
@example(b"\xfe\xff\x00")
def test_any_bytes_decode_or_fail_in_one_line(data):
    try:
        text = decode_bytes("prop.bin", data)
    except IngestError as exc:
        assert "\n" not in str(exc)
        return
    article = ingest_text(text)
    if article is not None:
        assert_normalized(article.text)


def test_one_megabyte_of_random_unicode_ingests():
    rng = random.Random(11)
    alphabet = [chr(c) for c in range(0x20, 0x3000)] + list(QUOTE_MARKS) + ["\n", "\r\n", "\x00", "\x1b", "\u202e"]
    text = "".join(rng.choice(alphabet) for _ in range(1_000_000))
    data = text.encode("utf-8", "surrogatepass")
    try:
        decoded = decode_bytes("big.txt", data)
    except IngestError:
        decoded = data.decode("utf-8", "replace")
    article = ingest_text(decoded)
    assert article is not None
    assert_normalized(article.text)


def check_document(doc: Document, text: str) -> None:
    assert doc.schema == SCHEMA and doc.text == text
    assert doc.span_errors() == []
    payload = doc.to_json()
    assert Document.from_json(payload) == doc
    assert json.loads(payload)["schema"] == SCHEMA
    ids = [x.id for group in (doc.entities, doc.numbers, doc.quotes, doc.sources, doc.claims, doc.dates) for x in group]
    assert len(ids) == len(set(ids))
    known = {s.id for s in doc.sources}
    for q in doc.quotes:
        assert q.speaker is None or q.speaker.source_id is None or q.speaker.source_id in known
    for c in doc.claims:
        assert c.source_id is None or c.source_id in known


@SLOW
@given(hostile_text, st.sampled_from([None, "2024-12-18", "2000-02-29"]))
@example('"He said "she said "they said', None)
@example("\u201c\u201c\u201c nested \u2018single \u201cdouble\u201d\u2019 unclosed", "2024-12-18")
@example("Tuesday\u202e, Biden said. \U0001f600\u0301 \u201cok\u201d", "2024-12-18")
def test_any_text_gives_a_sound_document(nlp, text, published):
    article = ingest_text(text)
    if article is None:
        return
    if published:
        article = type(article)(article.title, published, article.text, article.source)
    (doc,) = parse_texts([article])
    check_document(doc, article.text)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=QUOTE_MARKS + " \nab.,", max_size=2000))
def test_quote_spans_lie_inside_the_text(text):
    for span in find_quote_spans(text):
        assert 0 <= span.opened < span.start <= span.end <= span.closed <= len(text)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_quote_finder_does_not_hang_on_100kb_of_quote_marks(seed):
    rng = random.Random(seed)
    pieces = list(QUOTE_MARKS) + [" ", " ", "\n", "word", "said", ".", ","]
    text = "".join(rng.choice(pieces) for _ in range(60_000))[:100_000]
    started = time.monotonic()
    spans = find_quote_spans(text)
    elapsed = time.monotonic() - started
    assert elapsed < 10, f"quote finder took {elapsed:.1f}s on 100 KB: a hang"
    assert all(0 <= s.start <= s.end <= len(text) for s in spans)


def test_full_analysis_of_a_quote_mark_storm_is_bounded_and_sound(nlp):
    """60 KB of unpaired, nested and mixed quote marks through the whole pipeline (incl. attribution)."""
    rng = random.Random(5)
    words = ["the", "official", "said", "Biden", "claimed", "told", "Kyiv", "that", "troops", "\u2014", ","]
    pieces = list(QUOTE_MARKS) * 3 + words * 2 + [" "] * 20 + ["\n", ".\n"]
    text = "".join(rng.choice(pieces) for _ in range(30_000))[:60_000]
    article = article_from_text(text, source="storm.txt", fallback_title="storm")
    started = time.monotonic()
    (doc,) = parse_texts([article])
    elapsed = time.monotonic() - started
    assert elapsed < 120, f"analysis took {elapsed:.1f}s on 60 KB of quote marks: a hang"
    check_document(doc, article.text)
