"""Subscriptions and their entries, in SQLite in the data folder (``feeds.sqlite3``).

This is people's state (what they subscribed to, what they have read), so the file is
precious: commits are durable and a damaged file is salvaged, never dropped. Each
entry keeps the text that was parsed (the linked page's, when the feed gave only a
summary), so an entry opens again after the document cache is cleared; the parsed
document itself lives in the document cache under ``doc_id``.

Room for a sync backend (FreshRSS and Miniflux speak the Google Reader API): feeds and
entries carry a ``remote_id``, and ``read_changed`` records when the read state last
changed here, so a later sync can push local changes newer than its last run. No sync
is built yet.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .paths import data_dir
from .sqlite import StoreFile, is_read_only, rollback, salvage_tables, versioned_schema

FILENAME = "feeds.sqlite3"
SCHEMA_VERSION = "2"

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    user_title INTEGER NOT NULL DEFAULT 0,  -- named by the user (OPML, urls file): kept over the feed's
    site TEXT,
    format TEXT,
    etag TEXT,
    last_modified TEXT,
    added REAL NOT NULL,
    refreshed REAL,     -- last successful fetch (200 or 304)
    checked REAL,       -- last attempt
    error TEXT,         -- the last attempt's error; NULL after a success
    retry_after REAL,   -- the server asked us to stay away until then (epoch seconds)
    remote_id TEXT      -- a sync backend's id for this feed (unused until there is one)
);
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    link TEXT,
    title TEXT NOT NULL,
    published TEXT,
    author TEXT,
    text TEXT NOT NULL,
    full_page INTEGER NOT NULL,   -- 1: the text is the linked page's, fetched in full
    doc_id TEXT NOT NULL,         -- the parsed document in the document cache
    added REAL NOT NULL,
    updated TEXT,                 -- the entry's own "last changed" time, as the feed gave it
    seen TEXT,                    -- hash of the title and text the feed last gave (schema 2)
    read INTEGER NOT NULL DEFAULT 0,
    read_changed REAL,
    remote_id TEXT,
    UNIQUE (feed_id, key)
);
CREATE INDEX IF NOT EXISTS entries_doc ON entries (doc_id);
CREATE INDEX IF NOT EXISTS entries_feed ON entries (feed_id, published DESC);
"""


@dataclass(frozen=True)
class Feed:
    id: int
    url: str
    title: str | None
    site: str | None
    etag: str | None
    last_modified: str | None
    added: float
    refreshed: float | None
    checked: float | None
    error: str | None
    retry_after: float | None
    entries: int = 0
    unread: int = 0

    @property
    def name(self) -> str:
        return self.title or self.url


@dataclass(frozen=True)
class Entry:
    id: int
    feed_id: int
    key: str
    link: str | None
    title: str
    published: str | None
    author: str | None
    text: str
    full_page: bool
    doc_id: str
    added: float
    read: bool


@dataclass(frozen=True)
class EntryHead:
    """An entry without its text: what a list of entries shows (the text can be large)."""

    id: int
    feed_id: int
    link: str | None
    title: str
    published: str | None
    doc_id: str
    added: float
    read: bool


@dataclass(frozen=True)
class KnownEntry:
    """What a refresh compares a feed's entry with: the stored entry's id, its feed-given
    update time, the hash of what the feed last gave, and its document."""

    id: int
    updated: str | None
    seen: str | None
    doc_id: str


@dataclass(frozen=True)
class NewEntry:
    """What a refresh adds (the store gives it an id), or the new state of an entry it
    revises (``revises``: that entry's id)."""

    key: str
    link: str | None
    title: str
    published: str | None
    author: str | None
    text: str
    full_page: bool
    doc_id: str
    updated: str | None = None
    seen: str | None = None
    revises: int | None = None


_FEED_COLS = "id, url, title, site, etag, last_modified, added, refreshed, checked, error, retry_after"
_ENTRY_COLS = "id, feed_id, key, link, title, published, author, text, full_page, doc_id, added, read"
_HEAD_COLS = "id, feed_id, link, title, published, doc_id, added, read"


class FeedStore(StoreFile):
    """The subscriptions and entries file. Thread-safe (one connection behind a lock)."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            path or data_dir() / FILENAME, what="the feed list", schema=_schema, durable=True, salvage=_salvage
        )

    # -- feeds ---------------------------------------------------------------
    def add_feed(self, url: str, title: str | None = None, *, named: bool = True) -> tuple[Feed, bool]:
        """The feed for ``url``, added if new; True when it was added. A ``named`` title (the
        user's, from OPML) is kept over the one the feed gives itself."""
        with self._lock:
            existing = self.feed_by_url(url)
            if existing is not None:
                return existing, False
            self._conn.execute(
                "INSERT INTO feeds (url, title, user_title, added) VALUES (?, ?, ?, ?)",
                (url, title, 1 if (title and named) else 0, time.time()),
            )
            feed = self.feed_by_url(url)
            assert feed is not None
            return feed, True

    def feed_by_url(self, url: str) -> Feed | None:
        found = self._feeds("WHERE f.url = ?", (url,))
        return found[0] if found else None

    def feeds(self) -> list[Feed]:
        """Every feed, with entry and unread counts, by name."""
        return self._feeds("", ())

    def _feeds(self, where: str, params: Sequence[object]) -> list[Feed]:
        cols = ", ".join(f"f.{c.strip()}" for c in _FEED_COLS.split(","))
        sql = (
            f"SELECT {cols}, COUNT(e.id), COALESCE(SUM(e.read = 0), 0) FROM feeds f "
            f"LEFT JOIN entries e ON e.feed_id = f.id {where} GROUP BY f.id ORDER BY LOWER(COALESCE(f.title, f.url))"
        )
        with self._lock:
            return [Feed(*row) for row in self._conn.execute(sql, params)]

    def remove_feed(self, feed_id: int) -> int:
        """Remove a feed and its entries; how many entries went with it."""
        with self._lock, self.transaction():
            gone = self._conn.execute("DELETE FROM entries WHERE feed_id = ?", (feed_id,)).rowcount
            self._conn.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        return gone

    def record_success(
        self,
        feed_id: int,
        *,
        title: str | None,
        site: str | None,
        format: str | None,
        etag: str | None,
        last_modified: str | None,
    ) -> None:
        """A fetched (200) feed's validators and metadata. Called after its new entries are
        stored (:meth:`add_entry`): a crash in between refetches the feed, never loses them."""
        now = time.time()
        with self._lock, self.transaction():
            self._conn.execute(
                "UPDATE feeds SET title = CASE WHEN user_title = 1 THEN title ELSE COALESCE(?, title) END, "
                "site = COALESCE(?, site), format = COALESCE(?, format), etag = ?, last_modified = ?, "
                "refreshed = ?, checked = ?, error = NULL, retry_after = NULL WHERE id = ?",
                (title, site, format, etag, last_modified, now, now, feed_id),
            )

    def add_entry(self, feed_id: int, e: NewEntry) -> Entry | None:
        """Store a new entry; None when the feed already has it (same key)."""
        return self.add_entries([(feed_id, e)])[0]

    def add_entries(self, new: Sequence[tuple[int, NewEntry]]) -> list[Entry | None]:
        """Store new entries of any feeds in one transaction (one durable commit); for each,
        the stored entry, or None when its feed already has it (same key)."""
        out: list[Entry | None] = []
        now = time.time()
        with self._lock, self.transaction():
            for feed_id, e in new:
                values = (feed_id, e.key, e.link, e.title, e.published, e.author, e.text, int(e.full_page), e.doc_id)
                cur = self._conn.execute(
                    "INSERT OR IGNORE INTO entries (feed_id, key, link, title, published, author, text, full_page, "
                    "doc_id, added, updated, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*values, now, e.updated, e.seen),
                )
                if not cur.rowcount:
                    out.append(None)
                    continue
                row = self._conn.execute(f"SELECT {_ENTRY_COLS} FROM entries WHERE id = ?", (cur.lastrowid,)).fetchone()
                out.append(_entry(row))
        return out

    def revise_entries(self, revised: Sequence[NewEntry]) -> list[Entry | None]:
        """Give entries the feed changed their new text and document (``revises`` names each
        entry), in one transaction; the read state stays. None where the entry is gone."""
        out: list[Entry | None] = []
        with self._lock, self.transaction():
            for e in revised:
                self._conn.execute(
                    "UPDATE entries SET link = ?, title = ?, published = ?, author = ?, text = ?, full_page = ?, "
                    "doc_id = ?, updated = ?, seen = ? WHERE id = ?",
                    (
                        e.link,
                        e.title,
                        e.published,
                        e.author,
                        e.text,
                        int(e.full_page),
                        e.doc_id,
                        e.updated,
                        e.seen,
                        e.revises,
                    ),
                )
                row = self._conn.execute(f"SELECT {_ENTRY_COLS} FROM entries WHERE id = ?", (e.revises,)).fetchone()
                out.append(_entry(row) if row is not None else None)
        return out

    def note_seen(self, seen: Sequence[tuple[int, str | None, str]]) -> None:
        """Remember what the feed gave for entries that did not change in substance
        ((entry id, updated, hash)): the next refresh compares with this."""
        if not seen:
            return
        with self._lock, self.transaction():
            self._conn.executemany(
                "UPDATE entries SET updated = ?, seen = ? WHERE id = ?", [(u, h, i) for i, u, h in seen]
            )

    def record_not_modified(self, feed_id: int) -> None:
        now = time.time()
        with self._lock, self.transaction():
            self._conn.execute(
                "UPDATE feeds SET refreshed = ?, checked = ?, error = NULL, retry_after = NULL WHERE id = ?",
                (now, now, feed_id),
            )

    def record_error(self, feed_id: int, error: str, *, retry_after: float | None = None) -> None:
        """A failed refresh: the reason is kept for ``feeds list``; entries are untouched."""
        now = time.time()
        until = now + retry_after if retry_after is not None else None
        with self._lock, self.transaction():
            self._conn.execute(
                "UPDATE feeds SET checked = ?, error = ?, retry_after = ? WHERE id = ?", (now, error, until, feed_id)
            )

    def known(self, feed_id: int) -> dict[str, KnownEntry]:
        """A feed's stored entries by key and by link: an entry matching either is not new."""
        with self._lock:
            found = self._conn.execute(
                "SELECT key, link, id, updated, seen, doc_id FROM entries WHERE feed_id = ?", (feed_id,)
            ).fetchall()
        out: dict[str, KnownEntry] = {}
        for key, link, *rest in found:
            entry = KnownEntry(*rest)
            out[key] = entry
            if link:
                out.setdefault(link, entry)
        return out

    def entries(self, feed_id: int | None = None) -> list[Entry]:
        """Entries (of one feed, or all), newest published first."""
        where, params = ("WHERE feed_id = ?", (feed_id,)) if feed_id is not None else ("", ())
        with self._lock:
            return [
                _entry(row)
                for row in self._conn.execute(
                    f"SELECT {_ENTRY_COLS} FROM entries {where} ORDER BY COALESCE(published, '') DESC, id DESC", params
                )
            ]

    def entry_heads(self, feed_id: int | None = None) -> list[EntryHead]:
        """What :meth:`entries` gives, without the texts: for lists of many entries."""
        where, params = ("WHERE feed_id = ?", (feed_id,)) if feed_id is not None else ("", ())
        with self._lock:
            found = self._conn.execute(
                f"SELECT {_HEAD_COLS} FROM entries {where} ORDER BY COALESCE(published, '') DESC, id DESC", params
            ).fetchall()
        return [
            EntryHead(
                id=r[0], feed_id=r[1], link=r[2], title=r[3], published=r[4], doc_id=r[5], added=r[6], read=bool(r[7])
            )
            for r in found
        ]

    def entry(self, entry_id: int) -> Entry | None:
        """One entry, with its text (what it opens as)."""
        with self._lock:
            row = self._conn.execute(f"SELECT {_ENTRY_COLS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        return _entry(row) if row else None

    def entry_for_doc(self, doc_id: str) -> Entry | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT {_ENTRY_COLS} FROM entries WHERE doc_id = ? LIMIT 1", (doc_id,)
            ).fetchone()
        return _entry(row) if row else None

    def set_read(self, entry_ids: Iterable[int], read: bool = True) -> int:
        """Mark entries read (or unread); how many changed."""
        ids = list(entry_ids)
        changed = 0
        now = time.time()
        with self._lock, self.transaction():
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                marks = ", ".join("?" * len(part))
                changed += self._conn.execute(
                    f"UPDATE entries SET read = ?, read_changed = ? WHERE id IN ({marks}) AND read != ?",
                    (int(read), now, *part, int(read)),
                ).rowcount
        return changed

    def set_doc_read(self, doc_id: str, read: bool = True) -> int:
        """Mark every entry showing this document read (or unread)."""
        now = time.time()
        with self._lock, self.transaction():
            return self._conn.execute(
                "UPDATE entries SET read = ?, read_changed = ? WHERE doc_id = ? AND read != ?",
                (int(read), now, doc_id, int(read)),
            ).rowcount

    def count(self) -> tuple[int, int]:
        with self._lock:
            row = self._conn.execute("SELECT (SELECT COUNT(*) FROM feeds), (SELECT COUNT(*) FROM entries)").fetchone()
        return int(row[0]), int(row[1])


def _entry(row: Sequence[object]) -> Entry:
    values = list(row)
    values[8] = bool(values[8])
    values[11] = bool(values[11])
    return Entry(*values)  # type: ignore[arg-type]


def _schema(conn: sqlite3.Connection, notices: list[str]) -> bool:
    row = None
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'meta'").fetchone():
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is not None and row[0] == "1":  # schema 2 remembers what the feed last gave each entry
        try:
            with_columns = "BEGIN IMMEDIATE; ALTER TABLE entries ADD COLUMN updated TEXT; "
            conn.executescript(
                with_columns
                + "ALTER TABLE entries ADD COLUMN seen TEXT; UPDATE meta SET value = '2' WHERE key = 'schema'; COMMIT;"
            )
        except sqlite3.OperationalError as exc:
            rollback(conn)
            if not is_read_only(exc):
                raise
            notices.append("The feed list is read-only and from an older newsreader; it is only read.")
            return False
    return versioned_schema(conn, notices, what="the feed list", version=SCHEMA_VERSION, ddl=_DDL)


def _salvage(source: Path, conn: sqlite3.Connection) -> str:
    """Copy readable feeds and entries from a broken file; says how many feeds."""
    return salvage_tables(source, conn, ("feeds", "entries"), ("feed", "feeds"))
