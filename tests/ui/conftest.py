"""UI fixtures: the sample document cached once per test home, and an app factory.

Snapshots and Pilot tests open the sample from the cache, so nothing waits on spaCy
and every run paints the same thing.
"""

from __future__ import annotations

import pytest

from newsreader.analysis.version import pipeline_version
from newsreader.config import Config
from newsreader.store import DocumentCache


@pytest.fixture
def cache(sample_doc):
    """A document cache (in the test's NEWSREADER_HOME) holding the parsed sample."""
    store = DocumentCache()
    store.put(sample_doc, pipeline_version(Config().model))
    yield store
    store.close()


@pytest.fixture
def empty_cache(tmp_path):
    """A cache of its own (the ``cache`` fixture's file already holds the sample)."""
    store = DocumentCache(tmp_path / "empty-cache.sqlite3")
    yield store
    store.close()


@pytest.fixture
def reviews():
    from newsreader.store.reviews import ReviewStore

    store = ReviewStore()
    yield store
    store.close()


@pytest.fixture
def make_app(cache, reviews):
    """``make_app(article=None, **kw)``: a NewsreaderApp over the cached sample."""
    from newsreader.ui.app import NewsreaderApp

    def factory(article=None, **kw):
        kw.setdefault("cache", cache)
        kw.setdefault("reviews", reviews)
        kw.setdefault("config", Config())
        return NewsreaderApp(article, **kw)

    return factory
