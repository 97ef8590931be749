"""The document cache: parsed documents as JSON in SQLite, keyed by
(document id, pipeline version, publication date).

The cache is disposable. A corrupt file is moved aside and rebuilt, a cache written by
another schema version is emptied, and both leave a line in :attr:`DocumentCache.notices`
for the caller to show. Reviews never live here (see reviews.py).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TypedDict

from ..model import Document, SchemaError
from .paths import cache_dir
from .sqlite import StoreFile, is_read_only

SCHEMA_VERSION = "1"
STDIN_SOURCE = "-"  # the source of a document read from standard input (ingest's name for it)
FILENAME = "documents.sqlite3"

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    published TEXT NOT NULL,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    words INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    payload TEXT NOT NULL,
    created REAL NOT NULL,
    opened REAL NOT NULL,
    PRIMARY KEY (id, pipeline, published)
);
CREATE INDEX IF NOT EXISTS documents_opened ON documents (opened DESC);
-- Covers the library listing: without it every row's payload overflow pages are walked
-- to reach "opened" (134 ms for 10,000 documents; 51 ms with it).
CREATE INDEX IF NOT EXISTS documents_listing ON documents (id, opened, title, published, source, words, claims, pipeline);
"""


@dataclass(frozen=True)
class DocSummary:
    """One library row: what the library screen lists without loading the payload."""

    id: str
    title: str
    published: str | None
    source: str
    words: int
    claims: int
    opened: float
    pipeline: str


class CacheStats(TypedDict):
    """What ``newsreader cache stats`` shows (:meth:`DocumentCache.stats`)."""

    path: str
    documents: int  # distinct documents
    entries: int  # cached versions (pipeline, publication date) of them
    bytes: int  # the database file and its write-ahead log


class CacheListener(Protocol):
    """Told of every document that enters or leaves the cache (the library index is one)."""

    def added(self, docs: list[Document]) -> None: ...

    def removed(self, doc_ids: list[str] | None) -> None:
        """``None``: the cache was cleared."""

    def close(self) -> None: ...


class DocumentCache(StoreFile):
    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path or cache_dir() / FILENAME, what="the document cache", schema=_schema)
        self.listeners: list[CacheListener] = []

    def close(self) -> None:
        for listener in self.listeners:
            listener.close()
        super().close()

    # -- documents -----------------------------------------------------------
    def get(self, doc_id: str, pipeline: str, published: str | None) -> Document | None:
        """The cached document for this text, pipeline and publication date, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT payload FROM documents WHERE id = ? AND pipeline = ? AND published = ?",
                (doc_id, pipeline, published or ""),
            ).fetchone()
            if row is None:
                return None
            self._touch(doc_id)
        return self._decode(row[0])

    def latest(self, doc_id: str) -> tuple[Document, str] | None:
        """The most recently opened cached version of a document, with its pipeline version."""
        with self._lock:
            row = self._conn.execute(
                "SELECT payload, pipeline FROM documents WHERE id = ? ORDER BY opened DESC LIMIT 1", (doc_id,)
            ).fetchone()
            if row is None:
                return None
            self._touch(doc_id)
        doc = self._decode(row[0])
        return (doc, row[1]) if doc is not None else None

    def put(self, doc: Document, pipeline: str) -> bool:
        return self.put_many([doc], pipeline)

    def put_many(self, docs: list[Document], pipeline: str) -> bool:
        """Store documents in one transaction. A cache that can't be written (full disk,
        read-only file or file system, locked past the busy timeout) is a notice, once,
        and no more writes are tried: the documents are still served, just not kept."""
        if not self.writable:
            return False
        now = time.time()
        rows = [
            (
                doc.id,
                pipeline,
                doc.published or "",
                doc.title,
                doc.source,
                len(doc.text.split()),
                len(doc.claims),
                doc.to_json(),
                now,
                now,
            )
            for doc in docs
        ]
        with self._lock:
            try:
                with self.transaction() as conn:
                    conn.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
            except sqlite3.OperationalError as exc:
                self.writable = False
                self.notices.append(f"The document cache can't be written ({exc}); documents are parsed but not kept.")
                return False
        for listener in self.listeners:
            listener.added(docs)
        return True

    def delete(self, doc_id: str) -> int:
        with self._lock:
            count = self._conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
        for listener in self.listeners:
            listener.removed([doc_id])
        return count

    def iter_latest(self, batch: int = 200) -> Iterator[Document]:
        """Every cached document in its most recently opened version, read ``batch`` at a
        time (for rebuilding the library index; memory stays bounded)."""
        after = ""
        while True:
            with self._lock:
                ids = [
                    r[0]
                    for r in self._conn.execute(
                        "SELECT DISTINCT id FROM documents WHERE id > ? AND source != ? ORDER BY id LIMIT ?",
                        (after, STDIN_SOURCE, batch),
                    )
                ]
            if not ids:
                return
            after = ids[-1]
            for doc_id in ids:
                with self._lock:
                    row = self._conn.execute(
                        "SELECT payload FROM documents WHERE id = ? ORDER BY opened DESC LIMIT 1", (doc_id,)
                    ).fetchone()
                doc = self._decode(row[0]) if row is not None else None
                if doc is not None:
                    yield doc

    def list_documents(self, limit: int | None = None) -> list[DocSummary]:
        """One row per document id (its latest version), most recently opened first.

        Documents read from standard input (source ``-``) are cached but not listed: there is
        no file or address to open them by again, and a library row titled "stdin" with no
        date helps nobody. With ``limit``, the newest rows are read through the ``opened`` index and stop
        there (a first screenful costs the same for 10 documents or 10,000).
        """
        if limit is not None:
            return self._newest(int(limit))
        sql = (
            "SELECT id, title, NULLIF(published, ''), source, words, claims, MAX(opened), pipeline "
            f"FROM documents WHERE source != '{STDIN_SOURCE}' GROUP BY id ORDER BY MAX(opened) DESC"
        )
        with self._lock:
            rows = self._conn.execute(sql).fetchall()
        return [DocSummary(*row) for row in rows]

    def _newest(self, limit: int) -> list[DocSummary]:
        sql = (
            "SELECT id, title, NULLIF(published, ''), source, words, claims, opened, pipeline "
            f"FROM documents WHERE source != '{STDIN_SOURCE}' ORDER BY opened DESC LIMIT ?"
        )
        out: list[DocSummary] = []
        seen: set[str] = set()
        with self._lock:
            for row in self._conn.execute(sql, (limit * 2,)):  # a document may have two versions
                if row[0] not in seen:
                    seen.add(row[0])
                    out.append(DocSummary(*row))
                    if len(out) == limit:
                        break
        return out

    def find_ids(self, prefix: str) -> list[str]:
        """Document ids starting with ``prefix`` (for ``export ID`` with a short id)."""
        with self._lock:
            rows = self._conn.execute(
                "SELECT DISTINCT id FROM documents WHERE id >= ? AND id < ? ORDER BY id", (prefix, prefix + "\uffff")
            ).fetchall()
        return [r[0] for r in rows]

    def stats(self) -> CacheStats:
        with self._lock:
            docs, versions = self._conn.execute("SELECT COUNT(DISTINCT id), COUNT(*) FROM documents").fetchone()
        size = sum(Path(str(self.path) + s).stat().st_size for s in ("", "-wal") if Path(str(self.path) + s).exists())
        return {"path": str(self.path), "documents": docs, "entries": versions, "bytes": size}

    def clear(self) -> int:
        with self._lock:
            count = self._conn.execute("DELETE FROM documents").rowcount
            self._conn.execute("VACUUM")
        for listener in self.listeners:
            listener.removed(None)
        return count

    def _touch(self, doc_id: str) -> None:
        try:
            self._conn.execute("UPDATE documents SET opened = ? WHERE id = ?", (time.time(), doc_id))
        except sqlite3.OperationalError:
            pass  # read-only cache: serving still works

    def _decode(self, payload: str) -> Document | None:
        try:
            return Document.from_json(payload)
        except (SchemaError, json.JSONDecodeError):
            return None


def _schema(conn: sqlite3.Connection, notices: list[str]) -> bool:
    """Create the tables; a cache of another schema version is emptied. A read-only cache
    (file, folder or medium) is served as it is, if it is of this version."""
    try:
        conn.executescript(_DDL)
    except sqlite3.OperationalError as exc:
        if not is_read_only(exc):
            raise
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None or row[0] != SCHEMA_VERSION:
            raise sqlite3.OperationalError("the read-only document cache is from another version") from exc
        notices.append(f"The document cache is read-only ({exc}); documents are parsed but not kept.")
        return False
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    if row is None:
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    elif row[0] != SCHEMA_VERSION:
        conn.execute("DELETE FROM documents")
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,))
        notices.append(f"The document cache was from another version (schema {row[0]}); it was emptied.")
    return True


def with_metadata(doc: Document, *, title: str, source: str) -> Document:
    """A cached document shown for another path of the same text keeps that path's title and source."""
    if doc.title == title and doc.source == source:
        return doc
    return replace(doc, title=title, source=source)
