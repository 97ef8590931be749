"""Shared fixtures: every test runs with its own NEWSREADER_HOME; spaCy loads once."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SAMPLE = Path(__file__).parents[1] / "src" / "newsreader" / "data" / "kursk-2024-12-18.txt"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Cache, data and config of each test live in its own temporary folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("NEWSREADER_HOME", str(home))
    for var in ("NEWSREADER_CACHE_DIR", "NEWSREADER_DATA_DIR", "NEWSREADER_CONFIG_DIR", "NEWSREADER_LOG_DIR"):
        monkeypatch.delenv(var, raising=False)
    return home


@pytest.fixture(scope="session")
def nlp():
    from newsreader.analysis.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def sample_article():
    from newsreader.ingest import read_input

    return read_input(str(SAMPLE))


@pytest.fixture(scope="session")
def sample_doc(sample_article):
    from newsreader.analysis import parse_article

    return parse_article(sample_article)


def assert_spans_sound(doc) -> None:
    """The span invariant, on every span of a document."""
    assert doc.span_errors() == []
