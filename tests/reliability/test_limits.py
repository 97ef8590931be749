"""Limits: long texts are analysed in chunks with exact offsets; over-long ones are refused
with one line (exit 2) before spaCy runs; over-size files likewise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.analysis import limits, pipeline
from newsreader.ingest import IngestError, RawArticle

from .conftest import assert_one_line_error, run_cli


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n\t."), max_size=400), st.integers(2, 60))
def test_chunks_cover_the_text_exactly(text, size):
    bounds = limits.split_chunks(text, size)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    for (_a, b), (c, _d) in zip(bounds, bounds[1:]):
        assert b == c
    for a, b in bounds:
        assert b - a <= size
        assert a < b or len(text) == 0


def test_chunks_prefer_paragraph_then_space():
    text = "aaaa bbbb\ncccc dddd eeee"
    assert limits.split_chunks(text, 12) == [(0, 10), (10, 20), (20, 24)]


def test_chunked_parse_keeps_every_offset(nlp, sample_article):
    text = sample_article.text
    doc = limits.parse_long(nlp, text, size=700)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    document = pipeline.analyze(doc, sample_article)
    assert document.span_errors() == []
    assert document.entities and document.quotes and document.claims
    whole = pipeline.analyze(nlp(text), sample_article)
    # Chunk edges sit at paragraph ends, where sentences end anyway: nearly the same analysis.
    same = {(e.start, e.end) for e in whole.entities} & {(e.start, e.end) for e in document.entities}
    assert len(same) >= 0.9 * len(whole.entities)


def test_parse_texts_goes_through_chunks_for_long_texts(monkeypatch, nlp, sample_article):
    calls = []
    real = limits.parse_long

    def spy(nlp_, text, size=limits.CHUNK_CHARS):
        calls.append(len(text))
        return real(nlp_, text, size=500)

    monkeypatch.setattr(pipeline, "CHUNK_CHARS", 1000)
    monkeypatch.setattr(pipeline, "parse_long", spy)
    short = RawArticle(title="t", published=None, text="Short text, said Ann.", source="s")
    docs = list(pipeline.parse_texts([short, sample_article, short]))
    assert calls == [len(sample_article.text)]
    assert [d.text for d in docs] == [short.text, sample_article.text, short.text]
    for doc in docs:
        assert doc.span_errors() == []


def test_over_long_text_is_refused_before_analysis():
    article = RawArticle(title="t", published=None, text="x " * 600_001, source="big.txt")
    with pytest.raises(IngestError) as info:
        next(pipeline.parse_texts([article]))
    assert "analysis limit" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize("size", [1_100_000, 4 * 1024 * 1024])
def test_cli_refuses_text_over_the_analysis_limit(tmp_path, home, size):
    """A 4 MB text file (under the 5 MB file limit) used to crash with spaCy's E088 and exit 1."""
    path = tmp_path / "long.txt"
    line = 'The minister said the plan would cost $5 billion. "It is fine," she said.\n'
    path.write_text((line * (size // len(line) + 1))[:size])
    proc = run_cli(["parse", path], home)
    message = assert_one_line_error(proc)
    assert str(path) in message and "analysis limit" in message


def test_cli_refuses_file_over_the_size_limit(tmp_path, home):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"word " * (1024 * 1024 + 10))  # just over 5 MB
    message = assert_one_line_error(run_cli(["parse", path], home))
    assert "size limit" in message


def test_stdin_over_the_size_limit(home):
    message = assert_one_line_error(run_cli(["parse", "-"], home, input=b"word " * (1024 * 1024 + 10)))
    assert "size limit" in message
