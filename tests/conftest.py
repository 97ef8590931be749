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
    for var in (
        "NEWSREADER_CACHE_DIR",
        "NEWSREADER_DATA_DIR",
        "NEWSREADER_CONFIG_DIR",
        "NEWSREADER_LOG_DIR",
        "NEWSREADER_REVIEWS_URL",  # a developer's own review server is never a test's
    ):
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


# -- PostgreSQL: the review suite runs against both backends ------------------------------

PG_URL_VAR = "NEWSREADER_TEST_PG_URL"


@pytest.fixture(scope="session")
def pg_server():
    """The admin URL of a PostgreSQL server this test run started: CI's
    (``NEWSREADER_TEST_PG_URL``, exported by ``.ci/run``), else a temporary cluster of our
    own when PostgreSQL's programs are installed; skipped only when they are not."""
    import os

    from tests import pgserver

    url = os.environ.get(PG_URL_VAR)
    if url:
        yield url
        return
    if pgserver.bin_dir() is None:
        pytest.skip(f"PostgreSQL is not installed (no initdb) and {PG_URL_VAR} is not set")
    cluster = pgserver.start_cluster()
    try:
        yield cluster.url
    finally:
        cluster.destroy()


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty database on the test server (dropped afterwards): its URL."""
    import uuid

    import psycopg

    name = f"nr_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield database_url(pg_server, name)
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_url(server_url: str, database: str, user: str | None = None) -> str:
    """``server_url`` with another database (and user) in its path."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(server_url)
    netloc = parts.netloc
    if user is not None:
        netloc = f"{user}@{netloc.rsplit('@', 1)[-1]}"
    return urlunsplit((parts.scheme, netloc, f"/{database}", parts.query, parts.fragment))


@pytest.fixture(params=["sqlite", "postgresql"])
def review_backend(request):
    """Which backend a review test runs on: both, one after the other."""
    return request.param


@pytest.fixture
def open_store(review_backend, request, tmp_path):
    """``open_store(reviewer=None)``: a new ReviewStore on this test's database (an SQLite
    file, or a PostgreSQL database made for the test); each call a new connection."""
    from newsreader.store.reviews import ReviewStore

    opened = []
    if review_backend == "postgresql":
        url = request.getfixturevalue("pg_url")

        def factory(reviewer=None):
            opened.append(ReviewStore(url=url, reviewer=reviewer or "tester"))
            return opened[-1]
    else:
        path = tmp_path / "reviews.sqlite3"

        def factory(reviewer=None):
            opened.append(ReviewStore(path, reviewer=reviewer or "tester"))
            return opened[-1]

    yield factory
    for store in opened:
        store.close()


@pytest.fixture
def own_server():
    """A PostgreSQL cluster of the test's own (not shared): the test may stop and restart it."""
    from tests import pgserver

    if pgserver.bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (no initdb): this test stops and restarts its own server")
    cluster = pgserver.start_cluster()
    yield cluster
    cluster.destroy()
