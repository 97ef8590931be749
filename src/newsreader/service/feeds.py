"""Feeds: subscribe, import and export lists, and refresh — fetch every feed at once,
fetch teaser entries' pages in full, parse every new entry into the document cache.

A refresh runs three kinds of work side by side: a pool of threads fetches feeds
(conditional GET with the stored ETag / Last-Modified) and parses them; a second pool
fetches the linked page of each entry that carries only a summary (at most
``per_host`` requests to one host at a time); the calling thread stores each new entry
as it arrives and parses it with spaCy (one ``nlp.pipe`` stream through
:func:`~newsreader.service.documents.documents_for`), so fetching hides behind parsing.

Nothing one feed does stops another: every failure (HTTP errors, timeouts, size limits,
compression bombs, not a feed, broken pages) becomes one notice naming the feed and the
reason, and is kept as the feed's last error. A feed's validators are stored only after
all its new entries are, so an interrupted refresh fetches it again and loses nothing.
A 429 or 503 with ``Retry-After`` skips the feed until then.
"""

from __future__ import annotations

import multiprocessing
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..analysis.nlp import DEFAULT_MODEL
from ..ingest import DEFAULT_MAX_BYTES
from ..ingest import feeds as feed_format
from ..ingest import fetch as fetching
from ..ingest import reader as ingest_reader
from ..model import Document, IngestError, RawArticle, text_id
from ..store import DocumentCache
from ..store.feeds import Entry, Feed, FeedStore, KnownEntry, NewEntry
from .documents import documents_for
from .stores import open_pages
from .versions import VersionStore, article_identity, fetch_of, open_versions
from .versions import record as record_versions

Notify = Callable[[str], None]

FEED_WORKERS = 16
PAGE_WORKERS = 16
PER_HOST = 4


# --------------------------------------------------------------------------- subscriptions


def subscribe(
    store: FeedStore, url: str, *, timeout: float = fetching.DEFAULT_TIMEOUT, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[Feed, bool]:
    """Subscribe to ``url``: a feed, or a page whose ``<link rel="alternate">`` names one.
    The feed is fetched once to check it is one. ``(feed, added)``."""
    with fetching.Fetcher(timeout=timeout, pool=2) as fetcher:
        response = fetcher.get(url, max_bytes=max_bytes, accept=feed_format.FEED_ACCEPT, types=None)
        feed_url = url
        if feed_format.looks_like_html(response.body, response.content_type):
            found = feed_format.discover_feeds(response.body, response.final_url)
            if not found:
                raise IngestError(
                    url, 'is a web page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed)'
                )
            feed_url = found[0]
            response = fetcher.get(feed_url, max_bytes=max_bytes, accept=feed_format.FEED_ACCEPT, types=None)
        parsed = feed_format.parse_feed(
            response.body, url=feed_url, content_type=response.content_type, charset=response.charset
        )
    return store.add_feed(feed_url, parsed.title, named=False)


@dataclass
class ImportResult:
    added: list[Feed] = field(default_factory=list)
    existing: list[Feed] = field(default_factory=list)


def import_subscriptions(store: FeedStore, path: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ImportResult:
    """Subscribe to every feed of an OPML file or a newsboat ``urls`` file (not fetched now)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise IngestError(path, "is larger than the size limit")
    if data.lstrip()[:1] == b"<":
        subs = feed_format.read_opml(data, path)
    else:
        subs = feed_format.read_urls_file(data.decode("utf-8", errors="replace"))
    if not subs:
        raise IngestError(path, "lists no feeds (no OPML outline with xmlUrl, no http(s) URL lines)")
    result = ImportResult()
    for sub in subs:
        feed, added = store.add_feed(sub.url, sub.title)
        (result.added if added else result.existing).append(feed)
    return result


def export_opml(store: FeedStore) -> str:
    return feed_format.write_opml((f.url, f.title, f.site) for f in store.feeds())


def find_feed(store: FeedStore, ref: str) -> Feed:
    """A feed by URL, by its number in ``feeds list``, or by a unique part of its title."""
    feeds = store.feeds()
    for feed in feeds:
        if feed.url == ref:
            return feed
    if ref.isdigit() and 1 <= int(ref) <= len(feeds):
        return feeds[int(ref) - 1]
    matches = [f for f in feeds if ref.lower() in f.name.lower()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise IngestError(ref, "is no subscribed feed (give its URL, its number in `feeds list` or part of its title)")
    raise IngestError(ref, f"matches {len(matches)} feeds; give the URL or the number from `feeds list`")


# --------------------------------------------------------------------------- refresh


@dataclass
class FeedOutcome:
    feed: Feed
    status: str = "pending"  # "new", "unchanged", "failed", "skipped"
    new: int = 0
    revised: int = 0  # stored entries the feed changed: their new text is parsed, a new version kept
    error: str | None = None
    not_modified: bool = False  # the server answered 304: nothing was downloaded


@dataclass
class RefreshReport:
    outcomes: list[FeedOutcome]
    notices: list[str]
    entries: int = 0  # new entries stored
    revised: int = 0  # entries the feed changed (new text, new version)
    parsed: int = 0  # documents parsed (the rest were already in the cache)
    seconds: float = 0.0

    @property
    def failed(self) -> list[FeedOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]


@dataclass
class _Arrival:
    """One thing a worker hands to the refreshing thread."""

    feed_id: int
    entry: NewEntry | None = None  # a new entry, ready to store and parse
    done: FeedOutcome | None = None  # the feed's work is finished (its last arrival)
    validators: tuple[str | None, str | None, str | None, str | None, str | None] | None = None


def refresh(
    store: FeedStore,
    cache: DocumentCache | None,
    *,
    only: Sequence[Feed] | None = None,
    timeout: float = fetching.DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    model: str = DEFAULT_MODEL,
    cache_dir: str | Path | None = None,
    notify: Notify | None = None,
    on_feed: Callable[[FeedOutcome], None] | None = None,
    on_entry: Callable[[Entry, Document], None] | None = None,
    workers: int = FEED_WORKERS,
) -> RefreshReport:
    """Refresh ``only`` these feeds (default: all); see the module docstring.

    ``notify`` gets each notice as it happens, ``on_feed`` each feed's outcome as it ends,
    ``on_entry`` each new entry with its parsed document (the app fills its library from it).
    """
    started = time.monotonic()
    feeds = list(only) if only is not None else store.feeds()
    notices: list[str] = []

    def say(line: str) -> None:
        notices.append(line)
        if notify:
            notify(line)

    outcomes = {f.id: FeedOutcome(f) for f in feeds}
    report = RefreshReport(list(outcomes.values()), notices)
    now = time.time()
    due = []
    for feed in feeds:
        if feed.retry_after and feed.retry_after > now:
            until = time.strftime("%H:%M", time.localtime(feed.retry_after))
            outcomes[feed.id].status = "skipped"
            outcomes[feed.id].error = f"skipped until {until}: the server asked to wait"
            say(f"{feed.name}: skipped until {until} (the server asked us to wait: {feed.error or 'Retry-After'})")
            if on_feed:
                on_feed(outcomes[feed.id])
        else:
            due.append(feed)
    if not due:
        report.seconds = time.monotonic() - started
        return report

    pages, page_notices = open_pages(cache_dir)
    versions, version_notices = open_versions()
    for line in page_notices + version_notices:
        say(line)
    # Bounded: when parsing falls behind, fetchers wait instead of piling up entries.
    arrivals: queue.Queue[_Arrival] = queue.Queue(maxsize=256)
    fetcher = fetching.Fetcher(timeout=timeout, per_host=PER_HOST, pool=workers + PAGE_WORKERS)
    feed_pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(due))), thread_name_prefix="feed")
    page_pool = ThreadPoolExecutor(max_workers=PAGE_WORKERS, thread_name_prefix="page")
    stop = threading.Event()

    def hand(item: _Arrival) -> None:
        """Put on the queue, unless the refresh was stopped (the consumer is gone)."""
        while not stop.is_set():
            try:
                arrivals.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    def fetch_feed(feed: Feed) -> None:
        try:
            fetch_one(feed)
        except Exception as exc:  # noqa: BLE001 - one feed's surprise must not stop the others
            outcome = outcomes[feed.id]
            outcome.status, outcome.error = "failed", f"internal error: {type(exc).__name__}: {exc}"
            hand(_Arrival(feed.id, done=outcome))

    def fetch_one(feed: Feed) -> None:
        outcome = outcomes[feed.id]
        try:
            response = fetcher.get(
                feed.url,
                max_bytes=max_bytes,
                accept=feed_format.FEED_ACCEPT,
                types=None,
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
            if response.not_modified:
                outcome.status, outcome.not_modified = "unchanged", True
                hand(_Arrival(feed.id, done=outcome))
                return
            parsed = feed_format.parse_feed(
                response.body, url=feed.url, content_type=response.content_type, charset=response.charset
            )
        except fetching.FetchError as exc:
            outcome.status, outcome.error = "failed", exc.reason
            if exc.retry_after is not None:
                outcome.status = "skipped"
                store.record_error(feed.id, exc.reason, retry_after=exc.retry_after)
            hand(_Arrival(feed.id, done=outcome))
            return
        except IngestError as exc:
            outcome.status, outcome.error = "failed", exc.reason
            hand(_Arrival(feed.id, done=outcome))
            return
        known = store.known(feed.id)
        fresh: list[tuple[feed_format.FeedEntry, KnownEntry | None]] = []
        quiet: list[tuple[int, str | None, str]] = []  # known entries: what the feed gave this time
        for e in parsed.entries:
            hit = known.get(e.key) or (known.get(e.link) if e.link else None)
            if hit is None:
                fresh.append((e, None))
            elif entry_changed(hit, e):
                fresh.append((e, hit))
            elif hit.seen is None or hit.updated != e.updated:
                quiet.append((hit.id, e.updated, seen_hash(e)))
        store.note_seen(quiet)
        outcome.status = "new" if fresh else "unchanged"
        validators = (parsed.title, parsed.site, parsed.format, response.etag, response.last_modified)
        teasers = [(e, hit) for e, hit in fresh if e.teaser]
        remaining = [len(teasers)]
        lock = threading.Lock()

        def finished_one() -> None:
            with lock:
                remaining[0] -= 1
                last = remaining[0] == 0
            if last:
                hand(_Arrival(feed.id, done=outcome, validators=validators))

        for entry, hit in fresh:
            if not entry.teaser:
                arrive(feed, _new_entry(entry, entry.text, full=False, revises=hit), hit)
        if not teasers:
            hand(_Arrival(feed.id, done=outcome, validators=validators))
            return
        for entry, hit in teasers:
            page_pool.submit(fetch_page, feed, entry, hit, finished_one)

    def arrive(feed: Feed, new: NewEntry, revises: KnownEntry | None) -> None:
        """Hand a new entry on; a revised one only when its text really changed (a feed that
        bumps an entry's time, or reorders its summary, changes nothing)."""
        if revises is not None and new.doc_id == revises.doc_id:
            store.note_seen([(revises.id, new.updated, new.seen or "")])
            return
        hand(_Arrival(feed.id, entry=new))

    extractor = _Extractor()

    def read_page(url: str) -> RawArticle:
        return ingest_reader.read_url(url, max_bytes=max_bytes, pages=pages, fetcher=fetcher, extract=extractor)

    def fetch_page(
        feed: Feed, entry: feed_format.FeedEntry, hit: KnownEntry | None, finished: Callable[[], None]
    ) -> None:
        try:
            if stop.is_set():
                return
            assert entry.link is not None
            try:
                page = read_page(entry.link)
            except IngestError as exc:
                say(f"{feed.name}: entry {entry.link}: {exc.reason}; kept the feed's summary")
                page = None
            except Exception as exc:  # noqa: BLE001 - a broken page never stops the refresh
                say(f"{feed.name}: entry {entry.link}: internal error {type(exc).__name__}; kept the feed's summary")
                page = None
            if page is not None and len(page.text.split()) > entry.words:
                arrive(feed, _new_entry(entry, page.text, full=True, page=page, revises=hit), hit)
            else:
                arrive(feed, _new_entry(entry, entry.text, full=False, revises=hit), hit)
        finally:
            finished()

    for feed in due:
        feed_pool.submit(fetch_feed, feed)
    feeds_left = len(due)
    stored: dict[str, Entry] = {}

    def finish(item: _Arrival) -> None:
        outcome = item.done
        assert outcome is not None
        if outcome.status == "failed":
            store.record_error(item.feed_id, outcome.error or "failed")
            say(f"{outcome.feed.name}: {outcome.error}")
        elif outcome.status == "skipped":
            say(f"{outcome.feed.name}: {outcome.error} (skipped until then)")
            outcome.error = f"{outcome.error} (skipped until then)"
        elif item.validators is not None:
            store.record_success(
                item.feed_id,
                title=item.validators[0],
                site=item.validators[1],
                format=item.validators[2],
                etag=item.validators[3],
                last_modified=item.validators[4],
            )
        else:
            store.record_not_modified(item.feed_id)
        if on_feed:
            on_feed(outcome)

    def incoming() -> Iterator[RawArticle]:
        """Arrivals in order, a batch at a time: whatever has arrived is stored in one
        transaction (one durable commit, not one per entry), and only then are the feeds
        that ended in the batch marked refreshed."""
        nonlocal feeds_left
        while feeds_left:
            batch = [arrivals.get()]
            while len(batch) < 64:
                try:
                    batch.append(arrivals.get_nowait())
                except queue.Empty:
                    break
            new = [
                (item.feed_id, item.entry) for item in batch if item.entry is not None and item.entry.revises is None
            ]
            changed = [(item.feed_id, item.entry) for item in batch if item.entry is not None and item.entry.revises]
            added = store.add_entries(new) if new else []
            revised = store.revise_entries([e for _, e in changed]) if changed else []
            fresh = []
            for (feed_id, _), entry in zip(new, added):
                if entry is not None:
                    outcomes[feed_id].new += 1
                    report.entries += 1
                    stored[entry.doc_id] = entry
                    fresh.append(entry)
            for (feed_id, _), entry in zip(changed, revised):
                if entry is not None:
                    outcomes[feed_id].revised += 1
                    report.revised += 1
                    stored[entry.doc_id] = entry
                    fresh.append(entry)
            if versions is not None and fresh:
                keep_versions(versions, [(outcomes[e.feed_id].feed, e) for e in fresh])
            for item in batch:  # after the counts: on_feed sees how many entries its feed added
                if item.done is not None:
                    feeds_left -= 1
                    finish(item)
            for entry in fresh:
                yield entry_article(entry)

    def parsed(doc: Document) -> None:
        report.parsed += 1

    try:
        for doc in documents_for(incoming(), cache, model=model, on_parsed=parsed, chunk_size=8):
            entry = stored.pop(doc.id, None)
            if entry is not None and on_entry is not None:
                on_entry(entry, doc)
    finally:
        stop.set()
        feed_pool.shutdown(wait=True, cancel_futures=True)
        page_pool.shutdown(wait=True, cancel_futures=True)
        extractor.close()
        fetcher.close()
        if pages is not None:
            pages.close()
        if versions is not None:
            versions.close()
    report.seconds = time.monotonic() - started
    return report


class _Extractor:
    """Pages are extracted in one worker process, started with the first teaser page.

    Extraction (lxml, trafilatura: ~25 ms a page) is pure Python under the GIL: in the
    refreshing process's threads it took turns with spaCy and the refresh ran on one core.
    In its own process it runs on the other core, behind the parsing. One process builds
    the extractor's lazy tables (the public-suffix list, justext's stop lists) once. If
    the process can't be started or dies, pages are extracted here, as before."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None
        self._broken = False

    def __call__(self, body: bytes, **options: object) -> RawArticle:
        pool = self._start()
        if pool is not None:
            try:
                result = pool.submit(_extract, body, options).result()
            except (BrokenProcessPool, OSError, RuntimeError):
                self._broken = True
            else:
                if isinstance(result, RawArticle):
                    return result
                raise IngestError(result[0], result[1])
        return ingest_reader.article_from_bytes(body, **options)  # type: ignore[arg-type]

    def _start(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._pool is None and not self._broken:
                try:
                    self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
                except (OSError, ValueError):
                    self._broken = True
            return None if self._broken else self._pool

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None


def _extract(body: bytes, options: dict[str, object]) -> RawArticle | tuple[str, str]:
    """In the extraction process: the article, or (source, reason) of its IngestError."""
    try:
        return ingest_reader.article_from_bytes(body, **options)  # type: ignore[arg-type]
    except IngestError as exc:
        return exc.source, exc.reason


def seen_hash(entry: feed_format.FeedEntry) -> str:
    """What a feed gave for an entry, hashed: a refresh that gets something else has news."""
    return text_id(f"{entry.title}\n{entry.link or ''}\n{entry.text}")[:32]


def entry_changed(known: KnownEntry, entry: feed_format.FeedEntry) -> bool:
    """A stored entry the feed now gives differently: another title, link or text, or a
    later "updated" time. Entries stored before the feed list remembered this (``seen``
    empty) are not re-fetched all at once after an upgrade: they are remembered first."""
    if known.seen is None:
        return False
    if entry.updated and known.updated and entry.updated != known.updated:
        return True
    return seen_hash(entry) != known.seen


def _new_entry(
    entry: feed_format.FeedEntry,
    text: str,
    *,
    full: bool,
    page: RawArticle | None = None,
    revises: KnownEntry | None = None,
) -> NewEntry:
    body = text.strip() or entry.title  # an entry with no text at all still opens: its title
    return NewEntry(
        key=entry.key,
        link=entry.link,
        title=entry.title,
        published=entry.published or (page.published if page else None),
        author=entry.author or (page.author if page else None),
        text=body,
        full_page=full,
        doc_id=text_id(body),
        updated=entry.updated,
        seen=seen_hash(entry),
        revises=revises.id if revises is not None else None,
    )


def keep_versions(versions: VersionStore, entries: list[tuple[Feed, Entry]]) -> None:
    """Each new entry's text is the first version of its article (identified by its link,
    else by the feed and the entry's id), or a new version when the article was known."""
    record_versions(
        versions,
        [
            fetch_of(
                entry_article(e),
                url=e.link or feed.url,
                identity=article_identity(e.link, feed_url=feed.url, entry_key=e.key),
            )
            for feed, e in entries
        ],
    )


def entry_article(entry: Entry) -> RawArticle:
    """The article an entry opens as (its document is in the cache under ``entry.doc_id``)."""
    return RawArticle(
        title=entry.title,
        published=entry.published,
        text=entry.text,
        source=entry.link or f"feed entry {entry.key}",
        author=entry.author,
    )
