"""Article versions: every distinct fetch of an article, with its HTTP validators.

An article is known by its identity (its canonical URL, else its feed entry's id). Each
fetch whose title or text differs from the article's last version is kept as a new
version (fetch time, ETag, Last-Modified, a hash of the title and text, the document
id it parses to); an identical re-fetch adds nothing.

How versions are stored: the first version whole, each later one as a delta against the
one before it (runs of the previous version's paragraphs kept, new paragraphs written
out, found by ``difflib.SequenceMatcher`` over paragraphs), zlib-compressed; every
:data:`FULL_EVERY`-th version is whole again, so reading one never walks a long chain.
Twenty versions of an article with a few edits each cost little more than one copy.

Versions can't be fetched again once a site has changed, so this file is people's state:
durable commits, salvaged when damaged (``store/sqlite.py``).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import sqlite3
import time
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from .paths import data_dir
from .sqlite import StoreFile, salvage_tables, versioned_schema

SCHEMA_VERSION = "1"
FILENAME = "versions.sqlite3"
FULL_EVERY = 10

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    n INTEGER PRIMARY KEY,
    identity TEXT NOT NULL UNIQUE,   -- canonical URL, else "entry:<feed url>#<entry id>"
    url TEXT NOT NULL,               -- where to fetch it again
    first_seen REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS versions (
    article INTEGER NOT NULL REFERENCES articles (n),
    n INTEGER NOT NULL,              -- 1, 2, 3 ... per article
    fetched REAL NOT NULL,
    etag TEXT,
    last_modified TEXT,
    hash TEXT NOT NULL,              -- sha256 of title + text
    doc_id TEXT NOT NULL,            -- the document id of its text (the document cache's key)
    title TEXT NOT NULL,
    published TEXT,
    base INTEGER,                    -- NULL: payload is the whole text; else a delta against version base
    payload BLOB NOT NULL,
    PRIMARY KEY (article, n)
);
CREATE INDEX IF NOT EXISTS versions_doc ON versions (doc_id);
"""


@dataclass(frozen=True)
class Version:
    """One stored version of an article (without its text)."""

    identity: str
    url: str
    n: int
    fetched: float
    etag: str | None
    last_modified: str | None
    hash: str
    doc_id: str
    title: str
    published: str | None


@dataclass(frozen=True)
class Fetch:
    """One fetch of an article, to keep if it changed anything."""

    identity: str
    url: str
    title: str
    published: str | None
    text: str
    doc_id: str
    etag: str | None = None
    last_modified: str | None = None
    fetched: float | None = None


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def _paragraphs(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def delta(old: str, new: str) -> list[object]:
    """``new`` as runs of ``old``'s paragraphs ([start, end]) and new paragraphs (strings)."""
    a, b = _paragraphs(old), _paragraphs(new)
    ops: list[object] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append([i1, i2])
        elif j2 > j1:
            ops.append("".join(b[j1:j2]))
    return ops


def apply_delta(old: str, ops: list[object]) -> str:
    a = _paragraphs(old)
    out = []
    for op in ops:
        if isinstance(op, str):
            out.append(op)
        elif isinstance(op, list):
            out.extend(a[int(op[0]) : int(op[1])])
    return "".join(out)


class VersionStore(StoreFile):
    def __init__(self, path: Path | None = None) -> None:
        super().__init__(
            path or data_dir() / FILENAME,
            what="the article versions",
            schema=_schema,
            durable=True,
            salvage=lambda source, conn: salvage_tables(
                source, conn, ("articles", "versions"), ("article", "articles")
            ),
        )

    def record(self, fetch: Fetch) -> tuple[Version, bool]:
        """Keep this fetch as a new version unless it equals the article's last one; the
        version (new, or the last one) and whether it is new."""
        return self.record_many([fetch])[0]

    def record_many(self, fetches: list[Fetch]) -> list[tuple[Version, bool]]:
        """:meth:`record` for several fetches, in one transaction (one durable commit). A
        read-only store keeps nothing: OSError."""
        out: list[tuple[Version, bool]] = []
        with self._lock:
            if not self.writable:
                raise OSError("the article versions are read-only")
            with self.transaction():
                for fetch in fetches:
                    out.append(self._record(fetch))
        return out

    def _record(self, f: Fetch) -> tuple[Version, bool]:
        digest = content_hash(f.title, f.text)
        now = f.fetched or time.time()
        last = self._last(f.identity)
        if last is not None and last.hash == digest:
            if (f.etag, f.last_modified) != (None, None) and (f.etag, f.last_modified) != (
                last.etag,
                last.last_modified,
            ):
                # The same text under new validators: the next conditional GET should send these.
                self._conn.execute(
                    "UPDATE versions SET etag = ?, last_modified = ? "
                    "WHERE n = ? AND article = (SELECT n FROM articles WHERE identity = ?)",
                    (f.etag, f.last_modified, last.n, f.identity),
                )
                last = replace(last, etag=f.etag, last_modified=f.last_modified)
            return last, False
        self._conn.execute(
            "INSERT OR IGNORE INTO articles (identity, url, first_seen) VALUES (?, ?, ?)", (f.identity, f.url, now)
        )
        article = self._conn.execute("SELECT n FROM articles WHERE identity = ?", (f.identity,)).fetchone()[0]
        n = 1 if last is None else last.n + 1
        payload: dict[str, object]
        if last is None or (n - 1) % FULL_EVERY == 0:
            base, payload = None, {"text": f.text}
        else:
            base, payload = last.n, {"delta": delta(self._text(article, last.n), f.text)}
        blob = zlib.compress(json.dumps(payload, ensure_ascii=False).encode(), 9)
        self._conn.execute(
            "INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article, n, now, f.etag, f.last_modified, digest, f.doc_id, f.title, f.published, base, blob),
        )
        version = Version(f.identity, f.url, n, now, f.etag, f.last_modified, digest, f.doc_id, f.title, f.published)
        return version, True

    def versions(self, identity: str) -> list[Version]:
        """Every version of an article, oldest first."""
        with self._lock:
            found = self._conn.execute(
                f"SELECT {_VERSION_COLS} FROM versions v JOIN articles a ON a.n = v.article "
                "WHERE a.identity = ? ORDER BY v.n",
                (identity,),
            ).fetchall()
        return [Version(*row) for row in found]

    def text(self, identity: str, n: int) -> str:
        """The text of version ``n`` of an article (KeyError when there is none)."""
        with self._lock:
            row = self._conn.execute("SELECT n FROM articles WHERE identity = ?", (identity,)).fetchone()
            if row is None:
                raise KeyError(identity)
            return self._text(row[0], n)

    def _text(self, article: int, n: int) -> str:
        row = self._conn.execute(
            "SELECT base, payload FROM versions WHERE article = ? AND n = ?", (article, n)
        ).fetchone()
        if row is None:
            raise KeyError(n)
        payload = json.loads(zlib.decompress(row[1]))
        if row[0] is None:
            return str(payload["text"])
        return apply_delta(self._text(article, row[0]), payload["delta"])

    def _last(self, identity: str) -> Version | None:
        row = self._conn.execute(
            f"SELECT {_VERSION_COLS} FROM versions v JOIN articles a ON a.n = v.article "
            "WHERE a.identity = ? ORDER BY v.n DESC LIMIT 1",
            (identity,),
        ).fetchone()
        return Version(*row) if row is not None else None

    def find(self, ref: str) -> list[str]:
        """Identities answering to ``ref``: an identity or URL, else a document id (or its
        prefix) of one of the versions."""
        with self._lock:
            found = [
                r[0]
                for r in self._conn.execute(
                    "SELECT identity FROM articles WHERE identity = ? OR url = ?", (ref, ref)
                ).fetchall()
            ]
            if found or len(ref) < 4:
                return found
            return [
                r[0]
                for r in self._conn.execute(
                    "SELECT DISTINCT a.identity FROM versions v JOIN articles a ON a.n = v.article "
                    "WHERE v.doc_id >= ? AND v.doc_id < ?",
                    (ref, ref + "\uffff"),
                )
            ]

    def identity_of(self, doc_id: str) -> str | None:
        """The article a document id is a version of."""
        with self._lock:
            row = self._conn.execute(
                "SELECT a.identity FROM versions v JOIN articles a ON a.n = v.article WHERE v.doc_id = ? LIMIT 1",
                (doc_id,),
            ).fetchone()
        return row[0] if row else None

    def recent(self, since: float) -> list[Version]:
        """The last version of every article first seen since ``since`` (for re-checking)."""
        with self._lock:
            found = self._conn.execute(
                f"SELECT {_VERSION_COLS} FROM versions v JOIN articles a ON a.n = v.article "
                "WHERE a.first_seen >= ? AND v.n = (SELECT MAX(n) FROM versions WHERE article = a.n) "
                "ORDER BY a.first_seen",
                (since,),
            ).fetchall()
        return [Version(*row) for row in found]

    def size(self) -> int:
        """Bytes of stored version payloads (for the benchmark)."""
        with self._lock:
            return int(self._conn.execute("SELECT COALESCE(SUM(length(payload)), 0) FROM versions").fetchone()[0])


_VERSION_COLS = "a.identity, a.url, v.n, v.fetched, v.etag, v.last_modified, v.hash, v.doc_id, v.title, v.published"


def _schema(conn: sqlite3.Connection, notices: list[str]) -> bool:
    return versioned_schema(conn, notices, what="the article versions", version=SCHEMA_VERSION, ddl=_DDL)
