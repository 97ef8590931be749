"""The one way to open a newsreader SQLite file: pragmas, WAL, the integrity check, the
recovery rule and the read-only fallback, the same for the document cache, the
fetched-page cache and the reviews.

Recovery rule: a file whose contents are damaged (SQLITE_CORRUPT, SQLITE_NOTADB, a failed
``quick_check`` or an impossible schema) is never deleted and never written to. A
disposable file (a cache) is moved aside and a new one started; a precious file (the
reviews) is copied aside, its readable rows are salvaged into a new file, and that
replaces it. Either way the caller gets one notice naming where the old file went.
Every other error (read-only, full disk, locked, can't open) is the environment's and
is raised: the caller goes on without that file, with a notice.

Read-only fallback: when the schema can't be written because the file, folder or medium
is read-only, the file is still read (``Database.writable`` is False).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

BUSY_TIMEOUT_MS = 10_000

# SQLITE_CORRUPT (11) and SQLITE_NOTADB (26): the file is broken. Everything else
# (read-only, full disk, locked, can't open) is the environment's, and never a reason to
# move a file aside.
CORRUPTION_CODES = frozenset({11, 26})
SQLITE_READONLY = 8
_JOURNALS = ("", "-wal", "-shm")

#: ``schema(conn, notices)`` creates or migrates the tables and says whether the file may
#: be written (False: read it only). It raises :class:`CorruptError` for an impossible schema.
Schema = Callable[[sqlite3.Connection, list[str]], bool]
#: ``salvage(damaged_copy, new_conn)`` copies readable rows into the new file and says what
#: it saved ("3 reviews").
Salvage = Callable[[Path, sqlite3.Connection], str]


class CorruptError(sqlite3.DatabaseError):
    """The file opened but failed the integrity check or has an impossible schema."""


@dataclass
class Database:
    """An open newsreader SQLite file."""

    path: Path
    conn: sqlite3.Connection
    writable: bool = True
    notices: list[str] = field(default_factory=list)


def open_database(
    path: Path,
    *,
    what: str,
    schema: Schema,
    durable: bool = False,
    salvage: Salvage | None = None,
) -> Database:
    """Open (or create) ``path`` by the rules above.

    ``what`` names the file in notices ("the document cache"); ``durable`` makes every
    commit reach the disk (``synchronous = FULL``: people's work); with ``salvage`` the
    file is precious and a damaged one is salvaged instead of moved aside.
    """
    notices: list[str] = []
    try:
        conn, writable = _open_checked(path, schema, notices, durable)
    except sqlite3.DatabaseError as exc:
        if not is_corruption(exc):
            raise
        if salvage is None:
            moved = move_aside(path)
            notices.append(
                f"{what.capitalize()} was unreadable ({exc}); moved it to {moved.name} and started a new one."
            )
        else:
            aside, saved = _rebuild(path, schema, salvage)
            notices.append(
                f"{what.capitalize()} was unreadable ({exc}); a copy is kept at {aside}, "
                f"{saved} recovered from it into a new file."
            )
        conn, writable = _open_checked(path, schema, notices, durable)
    return Database(path, conn, writable, notices)


def connect(path: Path, *, durable: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode with a busy timeout, safe for several processes and threads
    (callers serialise their own use with a lock)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError:
        pass  # read-only media: keep the default journal; reads still work
    conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
    return conn


def _open_checked(path: Path, schema: Schema, notices: list[str], durable: bool) -> tuple[sqlite3.Connection, bool]:
    conn = connect(path, durable=durable)
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        if row is None or row[0] != "ok":
            raise CorruptError(f"integrity check failed: {row[0] if row else 'no result'}")
        writable = schema(conn, notices)
    except BaseException:
        conn.close()
        raise
    return conn, writable


def is_corruption(exc: BaseException) -> bool:
    """True when an SQLite error says the file itself is damaged."""
    if isinstance(exc, CorruptError):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in CORRUPTION_CODES
    message = str(exc).lower()
    return "malformed" in message or "not a database" in message


def is_read_only(exc: BaseException) -> bool:
    """True when SQLite refused a write because the file, folder or medium is read-only."""
    return getattr(exc, "sqlite_errorcode", 0) & 0xFF == SQLITE_READONLY


def rollback(conn: sqlite3.Connection) -> None:
    """Roll back the open transaction, if any: after a full disk or an I/O error SQLite has
    already rolled it back, and a second ROLLBACK would raise and hide the real error."""
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def move_aside(path: Path) -> Path:
    """Rename a broken database (and its WAL/SHM files) out of the way; return the new name."""
    target = unique_path(path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"))
    for suffix in _JOURNALS:
        src = Path(str(path) + suffix)
        if src.exists():
            src.replace(Path(str(target) + suffix))
    return target


def _rebuild(path: Path, schema: Schema, salvage: Salvage) -> tuple[Path, str]:
    """Copy the broken file aside, salvage its readable rows into a fresh file, put that in its place."""
    aside = unique_path(path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"))
    for suffix in _JOURNALS:
        src = Path(str(path) + suffix)
        if src.exists():
            shutil.copy2(src, Path(str(aside) + suffix))
    fresh = path.with_name(f"{path.name}.rebuild")
    for suffix in _JOURNALS:
        Path(str(fresh) + suffix).unlink(missing_ok=True)
    conn = connect(fresh)
    try:
        schema(conn, [])
        saved = salvage(aside, conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
    # The broken file's journal files are kept in the copy; they must not be replayed into the new file.
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    fresh.replace(path)
    return aside, saved


def unique_path(path: Path) -> Path:
    """``path``, or ``path-2``, ``path-3`` … whichever does not exist yet."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate


def rows(conn: sqlite3.Connection, sql: str, *params: object) -> list[dict[str, object]]:
    """The rows of a query as dicts by column name."""
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def versioned_schema(conn: sqlite3.Connection, notices: list[str], *, what: str, version: str, ddl: str) -> bool:
    """The schema of a file with a ``meta`` table holding its version: created when new (a
    read-only new file is only read), read as it is when of this version, only read (with
    a notice) when a newer newsreader wrote it; :class:`CorruptError` without a version."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is None:
            raise CorruptError(f"{what} has no schema version")
        if row[0] != version:
            notices.append(f"{what.capitalize()} was written by a newer newsreader (schema {row[0]}); it is only read.")
            return False
        return True
    try:
        conn.executescript(ddl)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", (version,))
    except sqlite3.OperationalError as exc:
        if is_read_only(exc):
            return False
        raise
    return True


def salvage_tables(source: Path, conn: sqlite3.Connection, tables: tuple[str, ...], noun: tuple[str, str]) -> str:
    """Copy every readable row of ``tables`` (in that order) from a damaged file into the new
    one, row by row (a row that fails is skipped); says how many rows of the first table
    were saved, as "3 feeds" (``noun``: singular and plural)."""
    try:
        old = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error:
        return f"no {noun[1]}"
    saved = 0
    try:
        for table in tables:
            try:
                found = rows(old, f"SELECT * FROM {table}")
            except sqlite3.Error:
                continue
            conn.execute("BEGIN IMMEDIATE")
            for row in found:
                cols = list(row)
                try:
                    conn.execute(
                        f"INSERT OR IGNORE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                        [row[c] for c in cols],
                    )
                except sqlite3.Error:
                    continue
                saved += table == tables[0]
            conn.execute("COMMIT")
    finally:
        old.close()
    return f"{saved} {noun[0] if saved == 1 else noun[1]}"


_S = TypeVar("_S", bound="StoreFile")


class StoreFile:
    """What every store file shares: opened by :func:`open_database`'s rules, one connection
    behind a re-entrant lock (stores are used from several threads), closed by ``close`` or
    by leaving a ``with`` block. The document cache, the fetched-page cache and the feed
    list are built on it."""

    def __init__(
        self, path: Path, *, what: str, schema: Schema, durable: bool = False, salvage: Salvage | None = None
    ) -> None:
        self.path = path
        self._lock = threading.RLock()
        db = open_database(path, what=what, schema=schema, durable=durable, salvage=salvage)
        self._conn = db.conn
        self.writable = db.writable
        self.notices: list[str] = db.notices

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction under the store's lock: ``BEGIN IMMEDIATE`` (the write lock
        at once, so two writers never deadlock upgrading), ``COMMIT`` at the end, rolled back
        if anything in the block raises."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                rollback(self._conn)
                raise
            self._conn.execute("COMMIT")

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
