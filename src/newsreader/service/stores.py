"""The one way to open the stores: the document cache, the reviews and the fetched-page
cache, each where the config and the environment say, each failure a notice.

A store that can't be opened (read-only home, full disk, a file locked by another
program) is never fatal: the caller goes on without it and shows the notice.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Config
from ..store import DocumentCache
from ..store import cache as cache_module
from ..store import feeds as feeds_module
from ..store import fetched as fetched_module
from ..store import index as index_module
from ..store.index import LibraryIndex
from ..store.paths import data_dir
from ..store.reviews import ReviewPermissionError, ReviewStore, ReviewStoreUnavailable, redact_url
from .ledger import Indexer


@dataclass
class Stores:
    """What the app or a command works with; ``None`` where a store could not be opened."""

    cache: DocumentCache | None = None
    reviews: ReviewStore | None = None
    notices: list[str] = field(default_factory=list)

    def close(self) -> None:
        for store in (self.cache, self.reviews):
            if store is not None:
                store.close()


def cache_path(config: Config) -> Path | None:
    """The document cache file: in ``config.cache_dir`` when set, else the default place."""
    return Path(config.cache_dir).expanduser() / cache_module.FILENAME if config.cache_dir else None


def open_cache(config: Config) -> tuple[DocumentCache | None, list[str]]:
    """The document cache and its notices (None, with the reason, when it can't be opened)."""
    try:
        cache = DocumentCache(cache_path(config))
    except (OSError, sqlite3.Error) as exc:
        return None, [f"The document cache is unavailable ({exc}); articles are parsed each time and not kept."]
    cache.listeners.append(Indexer(cache.path.with_name(index_module.FILENAME), cache.notices))
    return cache, list(cache.notices)


def indexer_of(cache: DocumentCache | None) -> Indexer | None:
    """The library index kept beside this cache (attached by :func:`open_cache`)."""
    if cache is None:
        return None
    return next((listener for listener in cache.listeners if isinstance(listener, Indexer)), None)


def open_index(config: Config) -> tuple[DocumentCache | None, LibraryIndex | None, list[str]]:
    """The document cache and the library index beside it (each None, with the reason,
    when it can't be opened): what the ledger and search commands read."""
    cache, notices = open_cache(config)
    indexer = indexer_of(cache)
    index = indexer.index if indexer is not None else None
    return cache, index, list(cache.notices) if cache is not None else notices


def open_reviews(config: Config | None = None) -> tuple[ReviewStore | None, list[str]]:
    """The review store the config names (a team's PostgreSQL server, else the file under
    the data dir) and its notices (None, with the reason, when it can't be opened)."""
    config = config or Config()
    try:
        store = ReviewStore(url=config.effective_reviews_url, reviewer=config.effective_reviewer)
    except (OSError, sqlite3.Error, ReviewStoreUnavailable, ReviewPermissionError) as exc:
        return None, [f"The review store is unavailable ({exc}); reviews can't be saved."]
    return store, list(store.notices)


def open_stores(config: Config) -> Stores:
    """The document cache and the review store, for the app."""
    cache, cache_notices = open_cache(config)
    reviews, review_notices = open_reviews(config)
    return Stores(cache, reviews, cache_notices + review_notices)


def open_pages(cache_dir: str | Path | None) -> tuple[fetched_module.FetchedCache | None, list[str]]:
    """The fetched-page cache (in ``cache_dir`` when given) and its notices."""
    path = Path(cache_dir).expanduser() / fetched_module.FILENAME if cache_dir else None
    try:
        pages = fetched_module.FetchedCache(path)
    except (OSError, sqlite3.Error) as exc:
        return None, [f"fetched-page cache unavailable ({exc}); continuing without it"]
    return pages, list(pages.notices)


def open_feed_list(
    path: Path | None = None, *, create: bool = False
) -> tuple[feeds_module.FeedStore | None, list[str]]:
    """The feed list and its notices. The library opens it only when there is one (no file
    yet means no feeds, and nothing is created: the file comes with the first ``newsreader
    feeds add``); the feed commands pass ``create``. A file that can't be opened is None
    and a notice."""
    path = path or data_dir() / feeds_module.FILENAME
    if not create and not path.exists():
        return None, []
    try:
        store = feeds_module.FeedStore(path)
    except (OSError, sqlite3.Error) as exc:
        return None, [f"The feed list is unavailable ({exc})."]
    return store, list(store.notices)


def describe_reviews(config: Config) -> list[str]:
    """Where reviews go and who writes them, in words, for ``newsreader config`` (a server
    is asked which mode it is in; its URL is shown without a password)."""
    url = config.effective_reviews_url
    if not url:
        return [
            f"reviews:     {data_dir() / 'reviews.sqlite3'} (this machine only), reviewer {config.effective_reviewer}"
        ]
    store, notices = open_reviews(config)
    shown = redact_url(url)
    if store is None:
        return [f"reviews:     {shown} (mode unknown: {notices[0]})"]
    with store:
        if store.mode == "roles":
            return [f"reviews:     {shown}, per-person roles: you review as the server's user {store.reviewer!r}"]
        return [f"reviews:     {shown}, one shared role: you review as {store.reviewer!r} (config 'reviewer')"]
