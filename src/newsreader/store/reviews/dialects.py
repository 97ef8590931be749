"""The two review backends, and every line of SQL that differs between them.

``database.py`` (the repository: reviews, verdicts, claim edits, undo) writes its SQL
once, with ``?`` placeholders and double-quoted ``"end"``, and runs it through a
:class:`Backend`:

* :class:`SqliteBackend`: one file under the user data dir, the embedded default. A
  migration is preceded by a backup made with SQLite's backup API; a corrupt file is
  copied aside and its rows salvaged (``store/sqlite.py``).
* :class:`PostgresBackend`: a team's server (psycopg 3), when the config gives
  ``reviews_url = "postgresql://…"``. Migrations run in one transaction (PostgreSQL's DDL
  is transactional: a failed one changes nothing) under an advisory lock. Writers to one
  document are serialised by a per-document advisory lock (SQLite's ``BEGIN IMMEDIATE``);
  every change ends with a ``NOTIFY`` that other readers ``LISTEN`` for. A lost server is
  :class:`ReviewStoreUnavailable`; the next call connects again.

The schema (version :data:`SCHEMA_VERSION`) is one template: ``reviews`` anchors a
reviewed claim in the text, ``verdicts`` holds each reviewer's status and note on it (one
row per reviewer, never overwritten by another), ``settlements`` an adjudicator's final
verdict, ``claim_edits`` added and dismissed claims, ``history`` each reviewer's undo steps.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ...lazy import lazy_import
from ..sqlite import CorruptError, open_database, rollback, rows, unique_path

if TYPE_CHECKING:
    import psycopg
    from psycopg import rows as psycopg_rows
else:
    # Only a team's server needs psycopg: the embedded store never imports it.
    psycopg = lazy_import("psycopg")
    psycopg_rows = lazy_import("psycopg.rows")

Row = dict[str, Any]

SCHEMA_VERSION = 2
CHANNEL = "newsreader_reviews"  # LISTEN/NOTIFY channel: the payload is {"doc": id, "by": reviewer}
REVIEWER_ROLE = "newsreader_reviewer"
ADJUDICATOR_ROLE = "newsreader_adjudicator"

# One schema for both: {id} an auto-numbered key, {real} a double, {ref} an integer key of
# another table. Each statement is idempotent, so a migration can run it all again.
_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reviews (
    id {id},
    doc_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    claim_text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    created {real} NOT NULL,
    updated {real} NOT NULL,
    state TEXT NOT NULL DEFAULT 'ok'
);
CREATE INDEX IF NOT EXISTS reviews_doc ON reviews (doc_id);
CREATE TABLE IF NOT EXISTS verdicts (
    id {id},
    review_id {ref} NOT NULL REFERENCES reviews (id),
    reviewer TEXT NOT NULL,
    status TEXT,
    note TEXT NOT NULL DEFAULT '',
    updated {real} NOT NULL,
    UNIQUE (review_id, reviewer)
);
CREATE TABLE IF NOT EXISTS settlements (
    id {id},
    review_id {ref} NOT NULL UNIQUE REFERENCES reviews (id),
    settled_by TEXT NOT NULL,
    status TEXT,
    note TEXT NOT NULL DEFAULT '',
    updated {real} NOT NULL
);
CREATE TABLE IF NOT EXISTS claim_edits (
    id {id},
    doc_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('added', 'dismissed')),
    claim_id TEXT NOT NULL,
    claim_text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    created {real} NOT NULL,
    reviewer TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS claim_edits_doc ON claim_edits (doc_id);
CREATE TABLE IF NOT EXISTS history (
    seq {id},
    doc_id TEXT NOT NULL,
    reviewer TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id {ref} NOT NULL,
    before TEXT,
    after TEXT,
    at {real} NOT NULL
);
CREATE INDEX IF NOT EXISTS history_doc ON history (doc_id, reviewer, seq);
"""

SQLITE_TYPES = {"id": "INTEGER PRIMARY KEY AUTOINCREMENT", "real": "REAL", "ref": "INTEGER"}
POSTGRES_TYPES = {"id": "BIGSERIAL PRIMARY KEY", "real": "DOUBLE PRECISION", "ref": "BIGINT"}

#: Columns of each table a change, an undo or a salvage may write.
COLUMNS: dict[str, tuple[str, ...]] = {
    "reviews": ("id", "doc_id", "claim_id", "claim_text", "start", "end", "created", "updated", "state"),
    "verdicts": ("id", "review_id", "reviewer", "status", "note", "updated"),
    "settlements": ("id", "review_id", "settled_by", "status", "note", "updated"),
    "claim_edits": ("id", "doc_id", "kind", "claim_id", "claim_text", "start", "end", "created", "reviewer"),
}


def ddl(types: dict[str, str]) -> list[str]:
    """The schema's statements in a dialect."""
    return [s.strip() for s in _DDL.format(**types).split(";") if s.strip()]


def quoted(column: str) -> str:
    return f'"{column}"'


class ReviewStoreReadOnly(RuntimeError):
    """The reviews database was written by a newer newsreader; it is only read."""


class ReviewStoreUnavailable(RuntimeError):
    """The review server can't be reached (or went away): nothing was saved; try again."""


class ReviewPermissionError(PermissionError):
    """The server refused: this role may not make that change (someone else's verdict, or
    settling without the adjudicator role)."""


class Tx(Protocol):
    """What the repository runs its SQL through (``?`` placeholders)."""

    def rows(self, sql: str, *params: Any) -> list[Row]: ...

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None: ...

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> None: ...

    def insert(self, sql: str, params: Sequence[Any]) -> int: ...

    def upsert(self, tbl: str, values: Row) -> None: ...


class Backend(Protocol):
    """One review database: where it is (``where``, never with a password), who writes
    (``reviewer``), and transactions."""

    kind: str
    where: str
    reviewer: str
    read_only: bool
    notices: list[str]
    path: Path | None

    def read(self) -> Any: ...  # a context manager yielding a Tx

    def write(self, doc_id: str, action: str) -> Any: ...  # one change, one transaction

    def try_write(self, doc_id: str) -> Any: ...  # a Tx, or None when another writer holds it

    def close(self) -> None: ...


# -- SQLite -------------------------------------------------------------------------------

#: Migrations of the SQLite file from schema n to n + 1, applied in order after a backup.
SQLITE_MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}


def _sqlite_v1_to_v2(conn: sqlite3.Connection) -> None:
    """Schema 1 had one status and note per claim: each becomes a verdict (by reviewer '',
    claimed by whoever opens the file next); the old undo steps are of the old layout."""
    for statement in ddl(SQLITE_TYPES):
        if "verdicts" in statement or "settlements" in statement:
            conn.execute(statement)
    for tbl in ("claim_edits", "history"):
        cols = {r[1] for r in conn.execute(f"PRAGMA table_info({tbl})")}
        if "reviewer" not in cols:
            conn.execute(f"ALTER TABLE {tbl} ADD COLUMN reviewer TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "INSERT INTO verdicts (review_id, reviewer, status, note, updated) "
        "SELECT id, '', status, note, updated FROM reviews WHERE status IS NOT NULL OR note != ''"
    )
    conn.execute("UPDATE reviews SET status = NULL, note = ''")
    conn.execute("DELETE FROM history")


SQLITE_MIGRATIONS[1] = _sqlite_v1_to_v2


class _SqliteTx:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, *params: Any) -> list[Row]:
        return rows(self.conn, sql, *params)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, params)

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, seq)

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        return int(self.conn.execute(sql, params).lastrowid or 0)

    def upsert(self, tbl: str, values: Row) -> None:
        cols = list(values)
        self.conn.execute(
            f"INSERT OR REPLACE INTO {tbl} ({', '.join(map(quoted, cols))}) VALUES ({', '.join('?' * len(cols))})",
            [values[c] for c in cols],
        )


class SqliteBackend:
    """The reviews in one SQLite file; one connection, serialised by a lock."""

    kind = "sqlite"

    def __init__(self, path: Path, reviewer: str) -> None:
        self.path: Path | None = path
        self.where = str(path)
        self.reviewer = reviewer
        self._lock = threading.RLock()
        db = open_database(path, what="the reviews database", schema=self._schema, durable=True, salvage=_salvage)
        self._conn = db.conn
        self.read_only = not db.writable
        self.notices: list[str] = db.notices
        if not self.read_only:
            # Verdicts from before reviewers were named (schema 1, or salvaged) are this reviewer's.
            self._conn.execute("UPDATE verdicts SET reviewer = ? WHERE reviewer = ''", (reviewer,))

    def _schema(self, conn: sqlite3.Connection, notices: list[str]) -> bool:
        """Create the tables, or migrate them (after a backup); a newer file is only read."""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            if "reviews" in tables:
                raise CorruptError("reviews table without a meta table")
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in ddl(SQLITE_TYPES):
                    conn.execute(statement)
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                conn.execute("COMMIT")
            except BaseException:
                rollback(conn)
                raise
            return True
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        try:
            version = int(row[0]) if row is not None else 0
        except ValueError as exc:
            raise CorruptError(f"unreadable schema version {row[0]!r}") from exc
        if version > SCHEMA_VERSION:
            notices.append(
                f"The reviews database {self.where} is from a newer newsreader (schema {version}); "
                "it is opened read-only, changes are not saved."
            )
            return False
        if version < SCHEMA_VERSION:
            backup = self._migrate(conn)
            if backup is not None:
                notices.append(
                    f"Upgraded the reviews database to schema {SCHEMA_VERSION}; the previous copy is {backup}."
                )
        return True

    def _backup(self, version: int) -> Path:
        """A copy of the database as last committed, made with SQLite's backup API.

        Called while the migrating connection holds the write lock (nothing written yet):
        a second connection reads the committed state, which no one can change meanwhile.
        """
        assert self.path is not None
        target = unique_path(
            self.path.with_name(f"{self.path.name}.v{version}-backup-{time.strftime('%Y%m%d-%H%M%S')}")
        )
        source = sqlite3.connect(self.path, timeout=30)
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
            source.close()
        return target

    def _migrate(self, conn: sqlite3.Connection) -> Path | None:
        """Back up, then migrate, all under the write lock; None if another process just did it."""
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = int(row[0]) if row is not None else 0
            if version >= SCHEMA_VERSION:
                conn.execute("COMMIT")
                return None
            backup = self._backup(version)
            for step in range(version, SCHEMA_VERSION):
                if step not in SQLITE_MIGRATIONS:
                    raise RuntimeError(f"no migration of the reviews database from schema {step}")
                SQLITE_MIGRATIONS[step](conn)
            for statement in ddl(SQLITE_TYPES):  # idempotent: adds what this version has new
                conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        return backup

    @contextmanager
    def read(self) -> Iterator[Tx]:
        with self._lock:
            yield _SqliteTx(self._conn)

    @contextmanager
    def write(self, doc_id: str, action: str) -> Iterator[Tx]:
        """One change = one transaction (BEGIN IMMEDIATE ... COMMIT), under the store's lock."""
        if self.read_only:
            raise ReviewStoreReadOnly(f"the reviews database {self.where} is read-only here; {action} was not saved")
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield _SqliteTx(conn)
                conn.execute("COMMIT")  # a full disk may refuse the commit itself
            except BaseException:
                rollback(conn)
                raise

    @contextmanager
    def try_write(self, doc_id: str) -> Iterator[Tx | None]:
        """For re-anchoring on a read: if another writer holds the file, next time will do."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError:
                yield None
                return
            try:
                yield _SqliteTx(self._conn)
            except sqlite3.OperationalError:
                rollback(self._conn)
                return
            except BaseException:
                rollback(self._conn)
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _salvage(source: Path, conn: sqlite3.Connection) -> str:
    """Copy readable review rows (and verdicts, claim edits) from a broken file; says how many
    reviewed claims. Schema 1's status and note become verdicts (by reviewer '')."""
    saved = 0
    try:
        old = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error:
        return "no reviews"
    try:
        for tbl in ("reviews", "verdicts", "settlements", "claim_edits"):
            try:
                found = rows(old, f"SELECT * FROM {tbl}")
            except sqlite3.Error:
                continue
            cols = COLUMNS[tbl]
            conn.execute("BEGIN IMMEDIATE")
            for row in found:
                if not all(c in row for c in cols if c not in ("state", "reviewer")):
                    continue
                present = [c for c in cols if c in row]
                try:
                    conn.execute(
                        f"INSERT OR IGNORE INTO {tbl} ({', '.join(map(quoted, present))}) "
                        f"VALUES ({', '.join('?' * len(present))})",
                        [row[c] for c in present],
                    )
                    if tbl == "reviews" and (row.get("status") is not None or row.get("note")):
                        conn.execute(
                            "INSERT OR IGNORE INTO verdicts (review_id, reviewer, status, note, updated) "
                            "VALUES (?, '', ?, ?, ?)",
                            (row["id"], row.get("status"), row.get("note") or "", row["updated"]),
                        )
                except sqlite3.Error:
                    continue
            conn.execute("COMMIT")
        saved = int(
            conn.execute(
                "SELECT COUNT(DISTINCT review_id) FROM verdicts WHERE status IS NOT NULL OR note != ''"
            ).fetchone()[0]
        )
    finally:
        old.close()
    return f"{saved} review{'s' if saved != 1 else ''} were" if saved != 1 else "1 review was"


# -- PostgreSQL ---------------------------------------------------------------------------

#: Migrations of a PostgreSQL database from schema n to n + 1 (the first one was 2).
POSTGRES_MIGRATIONS: dict[int, Callable[[Tx], None]] = {}

_MIGRATION_LOCK = 0x6E657773  # "news": one migrating client at a time


def _pg(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (the repository's SQL has no ``%``)."""
    if "%" in sql:
        raise ValueError("a literal % in review SQL")
    return sql.replace("?", "%s")


def redact_url(url: str) -> str:
    """A connection string fit to print: any password replaced by ``***``."""
    if "://" not in url:  # key=value form
        return re.sub(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", url, flags=re.IGNORECASE)
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        if ":" in userinfo:
            userinfo = userinfo.split(":", 1)[0] + ":***"
        netloc = f"{userinfo}@{host}"
    query = parts.query
    if query:
        pairs = [(k, "***" if k.lower() == "password" else v) for k, v in parse_qsl(query, keep_blank_values=True)]
        query = urlencode(pairs, safe="*")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


class _PgTx:
    def __init__(self, conn: psycopg.Connection[Row]) -> None:
        self.conn = conn

    def rows(self, sql: str, *params: Any) -> list[Row]:
        return list(self.conn.execute(_pg(sql), params).fetchall())

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(_pg(sql), params)

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(_pg(sql), seq)

    def insert(self, sql: str, params: Sequence[Any]) -> int:
        row = self.conn.execute(_pg(sql) + " RETURNING id", params).fetchone()
        assert row is not None
        return int(row["id"])

    def upsert(self, tbl: str, values: Row) -> None:
        cols = list(values)
        updates = ", ".join(f"{quoted(c)} = EXCLUDED.{quoted(c)}" for c in cols if c != "id")
        self.conn.execute(
            f"INSERT INTO {tbl} ({', '.join(map(quoted, cols))}) VALUES ({', '.join(['%s'] * len(cols))}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}",
            [values[c] for c in cols],
        )


class PostgresBackend:
    """The reviews on a PostgreSQL server; one connection, serialised by a lock, opened
    again after the server went away.

    ``mode`` is ``shared`` (everyone connects as one role and names themselves with the
    ``reviewer`` setting) or ``roles`` (set up by ``newsreader reviews setup-roles``: each
    person has a role, a verdict's reviewer is ``current_user`` and row-level security
    keeps everyone to their own verdicts).
    """

    kind = "postgresql"

    def __init__(self, url: str, reviewer: str, *, connect_timeout: float = 5) -> None:
        self.url = url
        self.where = redact_url(url)
        self.path: Path | None = None
        self.connect_timeout = connect_timeout
        self.notices: list[str] = []
        self.read_only = False
        self._lock = threading.RLock()
        self._conn: psycopg.Connection[Row] | None = None
        conn = self._live()
        self._ensure_schema(conn)
        meta = {r["key"]: r["value"] for r in conn.execute("SELECT key, value FROM meta").fetchall()}
        self.mode = "roles" if meta.get("auth") == "roles" else "shared"
        if self.mode == "roles":
            row = conn.execute("SELECT current_user AS me").fetchone()
            assert row is not None
            reviewer = str(row["me"])
        self.reviewer = reviewer

    # -- connecting ------------------------------------------------------------------
    def connect(self, *, autocommit: bool = True) -> psycopg.Connection[Row]:
        """A new connection (the listener has its own); ReviewStoreUnavailable if the server is away."""
        try:
            return psycopg.connect(
                self.url,
                autocommit=autocommit,
                row_factory=psycopg_rows.dict_row,
                connect_timeout=max(1, round(self.connect_timeout)),
                application_name="newsreader",
            )
        except psycopg.Error as exc:  # unreachable, refused, or a malformed URL
            raise ReviewStoreUnavailable(
                f"the review server {self.where} is unreachable ({_first_line(exc)})"
            ) from None

    def _live(self) -> psycopg.Connection[Row]:
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._drop()
            self._conn = self.connect()
        return self._conn

    def _checked(self) -> psycopg.Connection[Row]:
        """The connection, known to be alive: a server restarted since the last call is
        reconnected to here, before anything is sent that could be half done."""
        conn = self._live()
        try:
            conn.execute("SELECT 1")
        except psycopg.OperationalError:
            self._drop()
            conn = self._live()
        return conn

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001 - a broken connection may fail to close; it is gone either way
                pass
        self._conn = None

    @contextmanager
    def _errors(self, action: str) -> Iterator[None]:
        try:
            yield
        except psycopg.errors.InsufficientPrivilege as exc:
            raise ReviewPermissionError(f"the review server refused: {_first_line(exc)}") from None
        except psycopg.OperationalError as exc:
            self._drop()
            raise ReviewStoreUnavailable(
                f"the review server {self.where} went away ({_first_line(exc)}); {action} was not saved"
            ) from None

    # -- schema ------------------------------------------------------------------------
    def _ensure_schema(self, conn: psycopg.Connection[Row]) -> None:
        with self._errors("opening"):
            exists = conn.execute("SELECT to_regclass('meta') IS NOT NULL AS here").fetchone()
            if exists is not None and exists["here"]:
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                version = int(row["value"]) if row is not None else 0
                if version == SCHEMA_VERSION:
                    return
                if version > SCHEMA_VERSION:
                    self.read_only = True
                    self.notices.append(
                        f"The review server {self.where} has a newer schema ({version}); "
                        "reviews are only read, changes are not saved."
                    )
                    return
            try:
                self._migrate(conn)
            except psycopg.errors.InsufficientPrivilege as exc:
                raise ReviewPermissionError(
                    f"the review database {self.where} needs setting up by its administrator "
                    f"(newsreader reviews setup-roles): {_first_line(exc)}"
                ) from None

    def _migrate(self, conn: psycopg.Connection[Row]) -> None:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            here = conn.execute("SELECT to_regclass('meta') IS NOT NULL AS here").fetchone()
            version = 0
            if here is not None and here["here"]:
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                version = int(row["value"]) if row is not None else 0
            if version >= SCHEMA_VERSION:
                return
            tx = _PgTx(conn)
            if version:
                for step in range(version, SCHEMA_VERSION):
                    if step not in POSTGRES_MIGRATIONS:
                        raise RuntimeError(f"no migration of the review database from schema {step}")
                    POSTGRES_MIGRATIONS[step](tx)
            for statement in ddl(POSTGRES_TYPES):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO meta VALUES ('schema', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (str(SCHEMA_VERSION),),
            )
        if version:
            self.notices.append(f"Upgraded the review database {self.where} to schema {SCHEMA_VERSION}.")

    # -- transactions ------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Tx]:
        """One consistent snapshot (REPEATABLE READ) for the queries of one read."""
        with self._lock, self._errors("reading"):
            conn = self._checked()
            with conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                yield _PgTx(conn)

    @contextmanager
    def write(self, doc_id: str, action: str) -> Iterator[Tx]:
        """One change = one transaction, writers to one document one at a time; the
        commit notifies every listener."""
        if self.read_only:
            raise ReviewStoreReadOnly(f"the review database {self.where} is read-only here; {action} was not saved")
        with self._lock, self._errors(action):
            conn = self._checked()
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (doc_id,))
                yield _PgTx(conn)
                conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, json.dumps({"doc": doc_id, "by": self.reviewer})))

    @contextmanager
    def try_write(self, doc_id: str) -> Iterator[Tx | None]:
        """For re-anchoring on a read: skipped when another writer holds the document."""
        if self.read_only:
            yield None
            return
        with self._lock, self._errors("re-anchoring"):
            conn = self._checked()
            with conn.transaction():
                got = conn.execute("SELECT pg_try_advisory_xact_lock(hashtext(%s)) AS got", (doc_id,)).fetchone()
                yield _PgTx(conn) if got is not None and got["got"] else None

    def backend_pid(self) -> int | None:
        with self._lock:
            return self._conn.info.backend_pid if self._conn is not None and not self._conn.closed else None

    def close(self) -> None:
        with self._lock:
            self._drop()

    # -- live changes ------------------------------------------------------------------
    def watch(
        self,
        on_change: Callable[[str, str], None],
        stop: threading.Event,
        *,
        listening: threading.Event | None = None,
        retry: float = 1.0,
    ) -> None:
        """Call ``on_change(doc_id, reviewer)`` for every change anyone commits, until ``stop``
        is set; blocks (run it in a thread). ``listening`` is set once the server listens for
        us. A lost server is waited for and listened to again; what changed meanwhile is
        announced as ``on_change("", "")`` (any document may have changed)."""
        lost = False
        while not stop.is_set():
            try:
                conn = self.connect()
            except ReviewStoreUnavailable:
                lost = True
                stop.wait(retry)
                continue
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                if listening is not None:
                    listening.set()
                if lost:
                    lost = False
                    on_change("", "")
                while not stop.is_set():
                    for note in conn.notifies(timeout=0.5):
                        try:
                            payload = json.loads(note.payload)
                            on_change(str(payload["doc"]), str(payload.get("by", "")))
                        except (ValueError, KeyError, TypeError):
                            continue
            except psycopg.OperationalError:
                lost = True
                stop.wait(retry)
            finally:
                try:
                    conn.close()
                except Exception:  # noqa: BLE001 - closing a dead connection
                    pass


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# -- per-person roles and row-level security ----------------------------------------------

_ROLE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")


def role_name(name: str) -> str:
    """A role name as a quoted SQL identifier; ValueError for anything but a plain name."""
    if not _ROLE_NAME.match(name):
        raise ValueError(f"{name!r} is not a usable role name (letters, digits, _ . @ -; 63 at most)")
    return '"' + name.replace('"', '""') + '"'


def role_setup_sql(reviewers: Sequence[str], adjudicators: Sequence[str]) -> list[str]:
    """The statements that give each person a login role of their own: reviewers may read
    everything and write only their own verdicts, notes, claim edits and undo history
    (row-level security, so not even raw SQL can touch another's verdict); only
    adjudicators may settle. Idempotent: running it again adds people, changes nothing else."""
    rev, adj = REVIEWER_ROLE, ADJUDICATOR_ROLE
    own = "reviewer = current_user"
    out = [
        f"DO $$ BEGIN CREATE ROLE {rev} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"DO $$ BEGIN CREATE ROLE {adj} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"GRANT {rev} TO {adj}",
    ]
    for name in [*reviewers, *adjudicators]:
        quoted_name = role_name(name)
        literal = quoted_name.replace("'", "''")
        out.append(
            f"DO $$ BEGIN CREATE ROLE {quoted_name} LOGIN; EXCEPTION WHEN duplicate_object THEN "
            f"RAISE NOTICE 'role % exists', '{literal}'; END $$"
        )
        out.append(f"GRANT {adj if name in adjudicators else rev} TO {quoted_name}")
    out += [
        f"GRANT USAGE ON SCHEMA public TO {rev}",
        f"GRANT SELECT ON meta TO {rev}",
        f"GRANT SELECT, INSERT, UPDATE ON reviews TO {rev}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON verdicts, claim_edits, history TO {rev}",
        f"GRANT SELECT ON settlements TO {rev}",
        f"GRANT INSERT, UPDATE, DELETE ON settlements TO {adj}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {rev}",
    ]
    policies = {
        "verdicts": [
            ("read", "SELECT", "USING (true)"),
            ("insert", "INSERT", f"WITH CHECK ({own})"),
            ("update", "UPDATE", f"USING ({own}) WITH CHECK ({own})"),
            ("delete", "DELETE", f"USING ({own})"),
        ],
        "claim_edits": [
            ("read", "SELECT", "USING (true)"),
            ("insert", "INSERT", f"WITH CHECK ({own})"),
            ("update", "UPDATE", f"USING ({own}) WITH CHECK ({own})"),
            ("delete", "DELETE", f"USING ({own})"),
        ],
        "history": [("own", "ALL", f"USING ({own}) WITH CHECK ({own})")],
        "settlements": [
            ("read", "SELECT", "USING (true)"),
            ("insert", f"INSERT TO {adj}", "WITH CHECK (settled_by = current_user)"),
            ("update", f"UPDATE TO {adj}", "USING (true) WITH CHECK (settled_by = current_user)"),
            ("delete", f"DELETE TO {adj}", "USING (true)"),
        ],
    }
    for table, rules in policies.items():
        out.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name, command, clause in rules:
            out.append(f"DROP POLICY IF EXISTS {table}_{name} ON {table}")
            out.append(f"CREATE POLICY {table}_{name} ON {table} FOR {command} {clause}")
    out.append("INSERT INTO meta VALUES ('auth', 'roles') ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value")
    return out


def apply_role_setup(backend: PostgresBackend, statements: Sequence[str]) -> None:
    """Run the role setup in one transaction, as the database's owner (an administrator)."""
    with backend._lock, backend._errors("setting up roles"):
        conn = backend._checked()
        with conn.transaction():
            for statement in statements:
                conn.execute(statement.encode())  # DDL with no parameters (names checked, quoted)
        backend.mode = "roles"
