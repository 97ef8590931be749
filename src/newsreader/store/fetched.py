"""The fetched-page cache: the raw bytes of each URL and their extraction, in SQLite.

Keyed by the URL as given. One row is written in one statement after a fetch *and*
its extraction succeeded, so a failure never leaves a partial entry. Re-opening a URL
offline (``--offline``, or after a network error) reads the row back; when the
extractor version changed, the caller re-extracts from the stored bytes.

Like the document cache it is disposable: a corrupt file is moved aside and rebuilt.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

from ..model import FetchedPage
from .paths import cache_dir
from .sqlite import StoreFile

FILENAME = "fetched.sqlite3"

_DDL = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    content_type TEXT NOT NULL,
    charset TEXT,
    body BLOB NOT NULL,
    extractor TEXT NOT NULL,
    extraction TEXT NOT NULL,
    fetched REAL NOT NULL
);
"""


class FetchedCache(StoreFile):
    """The fetched-page cache (a :class:`newsreader.model.PageStore`)."""

    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path or cache_dir() / FILENAME, what="the fetched-page cache", schema=_schema)

    def get(self, url: str) -> FetchedPage | None:
        with self._lock:
            try:
                row = self._conn.execute(
                    "SELECT url, final_url, content_type, charset, body, extractor, extraction, fetched "
                    "FROM pages WHERE url = ?",
                    (url,),
                ).fetchone()
            except sqlite3.DatabaseError:
                return None
        if row is None:
            return None
        try:
            extraction = json.loads(row[6])
        except json.JSONDecodeError:
            extraction = {}
        return FetchedPage(
            url=row[0],
            final_url=row[1],
            content_type=row[2],
            charset=row[3],
            body=bytes(row[4]),
            extractor=row[5],
            extraction=extraction,
            fetched=row[7],
        )

    def put(self, page: FetchedPage) -> None:
        """Keep ``page``; OSError when it can't be written (full disk, read-only file)."""
        with self._lock:
            try:
                self._write(page)
            except sqlite3.Error as exc:
                raise OSError(str(exc)) from exc

    def _write(self, page: FetchedPage) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                page.url,
                page.final_url,
                page.content_type,
                page.charset,
                sqlite3.Binary(page.body),
                page.extractor,
                json.dumps(page.extraction, ensure_ascii=False),
                page.fetched or time.time(),
            ),
        )

    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM pages").fetchone()[0])


def _schema(conn: sqlite3.Connection, notices: list[str]) -> bool:
    conn.executescript(_DDL)
    return True
