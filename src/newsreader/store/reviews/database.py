"""Claim reviews in SQLite under the user data dir: status and note per claim.

Reviews are keyed by document id and saved one change at a time, each in its own
transaction, with a history row so that :meth:`ReviewStore.undo` can step back. Where
each stored review sits in the current text is worked out by ``anchoring.py``.

This file is precious (unlike the cache): a migration is preceded by a backup made
with SQLite's backup API, and a corrupt file is copied aside and its rows salvaged
(``store/sqlite.py``), with a line in :attr:`ReviewStore.notices`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ...model import Claim, Document, Review
from ...model.vocabulary import STATUSES
from ..paths import data_dir
from ..sqlite import CorruptError, open_database, rollback, rows, unique_path
from .anchoring import (
    Resolved,
    added_claim,
    check_claim,
    resolve,
    review_at,
    review_from_row,
    reviews_of,
    row_for_claim,
)

FILENAME = "reviews.sqlite3"
SCHEMA_VERSION = 1
HISTORY_LIMIT = 500  # undo steps kept per document
# Control characters other than tab and newline (a pasted escape like OSC 52) never reach a note.
_NO_CONTROLS = dict.fromkeys([*range(0, 9), *range(11, 32), *range(127, 160)])

# Migrations from schema version n to n + 1, applied in order after a backup.
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {}

_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    claim_id TEXT NOT NULL,
    claim_text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    status TEXT,
    note TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL,
    updated REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'ok'
);
CREATE INDEX IF NOT EXISTS reviews_doc ON reviews (doc_id);
CREATE TABLE IF NOT EXISTS claim_edits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('added', 'dismissed')),
    claim_id TEXT NOT NULL,
    claim_text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_edits_doc ON claim_edits (doc_id);
CREATE TABLE IF NOT EXISTS history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    action TEXT NOT NULL,
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    before TEXT,
    after TEXT,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS history_doc ON history (doc_id, seq);
"""

_COLUMNS = {
    "reviews": (
        "id",
        "doc_id",
        "claim_id",
        "claim_text",
        "start",
        "end",
        "status",
        "note",
        "created",
        "updated",
        "state",
    ),
    "claim_edits": ("id", "doc_id", "kind", "claim_id", "claim_text", "start", "end", "created"),
}


class ReviewStoreReadOnly(RuntimeError):
    """The reviews database was written by a newer newsreader; it is only read."""


class ReviewStore:
    """Every review and claim edit, one SQLite file for all documents."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else data_dir() / FILENAME
        self._lock = threading.RLock()
        db = open_database(self.path, what="the reviews database", schema=self._schema, durable=True, salvage=_salvage)
        self._conn = db.conn
        self.read_only = not db.writable
        self.notices: list[str] = db.notices

    # -- schema and migration ------------------------------------------------------
    def _schema(self, conn: sqlite3.Connection, notices: list[str]) -> bool:
        """Create the tables, or migrate them (after a backup); a newer file is only read."""
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            if "reviews" in tables:
                raise CorruptError("reviews table without a meta table")
            conn.executescript(
                f"BEGIN IMMEDIATE;{_DDL}INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');COMMIT;"
            )
            return True
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        try:
            version = int(row[0]) if row is not None else 0
        except ValueError as exc:
            raise CorruptError(f"unreadable schema version {row[0]!r}") from exc
        if version > SCHEMA_VERSION:
            notices.append(
                f"The reviews database {self.path} is from a newer newsreader (schema {version}); "
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
                if step not in MIGRATIONS:
                    raise RuntimeError(f"no migration of the reviews database from schema {step}")
                MIGRATIONS[step](conn)
            for statement in _DDL.split(";"):  # idempotent: adds what this version has new
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            conn.execute("COMMIT")
        except BaseException:
            rollback(conn)
            raise
        return backup

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------
    def reviews(self, doc: Document) -> dict[str, Review]:
        """Reviews of this document by claim id; orphans under ``orphan:<n>`` with ``orphaned=True``.

        A review whose status was cleared and whose note is empty is no review and is left out.
        """
        with self._lock:
            resolved = self._resolve(doc, persist=True)
        return reviews_of(doc, resolved)

    def claims(self, doc: Document) -> list[Claim]:
        """The claims to review: the analysis' claims minus dismissed ones, plus reviewer-added ones.

        A reviewed claim that the analysis no longer finds, though its text is still in the
        article, stays in the list under id ``r<n>`` so its review stays attached.
        """
        with self._lock:
            return list(self._resolve(doc).claims)

    def dismissed(self, doc: Document) -> list[Claim]:
        """Claims of the analysis that the reviewer dismissed, in text order."""
        with self._lock:
            return list(self._resolve(doc).dismissed)

    def progress(self, doc: Document) -> tuple[int, int]:
        """(reviewed, total) over :meth:`claims`; a claim is reviewed once it has a status."""
        with self._lock:
            resolved = self._resolve(doc)
        done = sum(1 for c in resolved.claims if (row := resolved.by_claim.get(c.id)) and row["status"] is not None)
        return done, len(resolved.claims)

    def reviewed_counts(self) -> dict[str, int]:
        """Document id -> number of reviewed claims (with a status), for the library list.

        Counted as last anchored (orphans and reviews of dismissed claims left out), without
        loading the documents.
        """
        with self._lock:
            rows = self._conn.execute(
                "SELECT doc_id, COUNT(*) FROM reviews WHERE status IS NOT NULL AND state = 'ok' GROUP BY doc_id"
            ).fetchall()
        return {doc_id: count for doc_id, count in rows}

    def ledger(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every review with a status (doc id, claim id, claim text, status, note, updated)
        as last anchored, and every claim edit (added or dismissed), for the library ledger,
        without loading the documents."""
        with self._lock:
            reviews = rows(
                self._conn,
                "SELECT doc_id, claim_id, claim_text, status, note, updated FROM reviews "
                "WHERE status IS NOT NULL AND state = 'ok'",
            )
            edits = rows(self._conn, 'SELECT doc_id, kind, claim_id, claim_text, start, "end" FROM claim_edits')
        return reviews, edits

    # -- changing ----------------------------------------------------------------
    def set_status(self, doc: Document, claim: Claim, status: str | None) -> Review:
        """Set (or with None, clear) the status of a claim; saved at once, undoable."""
        if status is not None and status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)} or None")
        return self._change(doc, claim, "status", {"status": status})

    def set_note(self, doc: Document, claim: Claim, note: str) -> Review:
        """Set the note of a claim (an empty string removes it); saved at once, undoable."""
        if not isinstance(note, str):
            raise TypeError("note must be a string")
        return self._change(doc, claim, "note", {"note": note.translate(_NO_CONTROLS)})

    def add_claim(self, doc: Document, start: int, end: int) -> Claim:
        """A reviewer-added claim over ``doc.text[start:end]`` (whitespace at the edges trimmed).

        Returns the existing claim when one already covers exactly that span.
        """
        if not (0 <= start < end <= len(doc.text)):
            raise ValueError(f"span [{start}:{end}] is outside the text (length {len(doc.text)})")
        while start < end and doc.text[start].isspace():
            start += 1
        while end > start and doc.text[end - 1].isspace():
            end -= 1
        if start == end:
            raise ValueError("a claim needs some text, not only whitespace")
        with self._writing(doc, "add") as conn:
            resolved = self._resolve(doc, conn=conn)
            for existing in resolved.claims:
                if (existing.start, existing.end) == (start, end):
                    return existing
            now = time.time()
            cur = conn.execute(
                'INSERT INTO claim_edits (doc_id, kind, claim_id, claim_text, start, "end", created) '
                "VALUES (?, 'added', '', ?, ?, ?, ?)",
                (doc.id, doc.text[start:end], start, end, now),
            )
            row_id = int(cur.lastrowid or 0)
            conn.execute("UPDATE claim_edits SET claim_id = ? WHERE id = ?", (f"u{row_id}", row_id))
            self._record(conn, doc.id, "add", "claim_edits", row_id, None, _row(conn, "claim_edits", row_id), now)
            self._resolve(doc, conn=conn, persist=True)
        return added_claim(doc, f"u{row_id}", start, end)

    def dismiss(self, doc: Document, claim: Claim) -> None:
        """Hide a wrong claim from review (its review, if any, is kept for an undo)."""
        with self._writing(doc, "dismiss") as conn:
            resolved = self._resolve(doc, conn=conn)
            if claim.id not in {c.id for c in resolved.claims}:
                raise ValueError(f"claim {claim.id!r} is not among the claims under review")
            now = time.time()
            cur = conn.execute(
                'INSERT INTO claim_edits (doc_id, kind, claim_id, claim_text, start, "end", created) '
                "VALUES (?, 'dismissed', ?, ?, ?, ?, ?)",
                (doc.id, claim.id, claim.text, claim.start, claim.end, now),
            )
            row_id = int(cur.lastrowid or 0)
            self._record(conn, doc.id, "dismiss", "claim_edits", row_id, None, _row(conn, "claim_edits", row_id), now)
            self._resolve(doc, conn=conn, persist=True)

    def undo(self, doc: Document) -> Review | None:
        """Revert the last change on this document; None when there is nothing to undo.

        Returns the review of the claim concerned as it is after the undo (status None and
        an empty note when that claim now has no review).
        """
        with self._writing(doc, "undo") as conn:
            last = conn.execute(
                "SELECT seq, tbl, row_id, before, after FROM history WHERE doc_id = ? ORDER BY seq DESC LIMIT 1",
                (doc.id,),
            ).fetchone()
            if last is None:
                return None
            seq, tbl, row_id, before, after = last
            if tbl not in _COLUMNS:
                raise RuntimeError(f"unknown table {tbl!r} in the review history")
            if before is None:
                conn.execute(f"DELETE FROM {tbl} WHERE id = ?", (row_id,))
            else:
                values = json.loads(before)
                cols = [c for c in _COLUMNS[tbl] if c in values]
                conn.execute(
                    f"INSERT OR REPLACE INTO {tbl} ({', '.join(_q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
                    [values[c] for c in cols],
                )
            conn.execute("DELETE FROM history WHERE seq = ?", (seq,))
            snapshot = json.loads(before if before is not None else after)
            resolved = self._resolve(doc, conn=conn, persist=True)
        return review_at(doc, resolved, tbl, snapshot)

    # -- internals -------------------------------------------------------------
    def _change(self, doc: Document, claim: Claim, action: str, values: dict[str, Any]) -> Review:
        with self._writing(doc, action) as conn:
            resolved = self._resolve(doc, conn=conn)
            row = row_for_claim(resolved, claim)
            if row is None:
                check_claim(doc, claim)
            elif all(row[k] == v for k, v in values.items()):
                # Nothing changes: no write, and no undo step that would seem to do nothing.
                return review_from_row(doc, row, resolved.row_claim.get(row["id"], claim.id))
            now = time.time()
            if row is None:
                before = None
                cur = conn.execute(
                    'INSERT INTO reviews (doc_id, claim_id, claim_text, start, "end", status, note, created, updated) '
                    "VALUES (?, ?, ?, ?, ?, NULL, '', ?, ?)",
                    (doc.id, claim.id, claim.text, claim.start, claim.end, now, now),
                )
                row_id = int(cur.lastrowid or 0)
            else:
                row_id = row["id"]
                before = _row(conn, "reviews", row_id)
            sets = ", ".join(f"{_q(k)} = ?" for k in values)
            conn.execute(f"UPDATE reviews SET {sets}, updated = ? WHERE id = ?", [*values.values(), now, row_id])
            if not claim.id.startswith("orphan:"):
                conn.execute(
                    "UPDATE reviews SET claim_id = ?, claim_text = ?, start = ?, \"end\" = ?, state = 'ok' WHERE id = ?",
                    (claim.id, claim.text, claim.start, claim.end, row_id),
                )
            after = _row(conn, "reviews", row_id)
            self._record(conn, doc.id, action, "reviews", row_id, before, after, now)
            resolved = self._resolve(doc, conn=conn, persist=True)
        return review_from_row(doc, after, resolved.row_claim.get(row_id, claim.id))

    @contextmanager
    def _writing(self, doc: Document, action: str) -> Iterator[sqlite3.Connection]:
        """One change = one transaction (BEGIN IMMEDIATE ... COMMIT), under the store's lock."""
        if self.read_only:
            raise ReviewStoreReadOnly(f"the reviews database {self.path} is read-only here; {action} was not saved")
        with self._lock:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")  # a full disk may refuse the commit itself
            except BaseException:
                rollback(conn)
                raise

    def _record(
        self,
        conn: sqlite3.Connection,
        doc_id: str,
        action: str,
        tbl: str,
        row_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        now: float,
    ) -> None:
        conn.execute(
            "INSERT INTO history (doc_id, action, tbl, row_id, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                action,
                tbl,
                row_id,
                None if before is None else json.dumps(before),
                None if after is None else json.dumps(after),
                now,
            ),
        )
        conn.execute(
            "DELETE FROM history WHERE doc_id = ? AND seq <= "
            "(SELECT seq FROM history WHERE doc_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
            (doc_id, doc_id, HISTORY_LIMIT),
        )

    def _resolve(self, doc: Document, *, conn: sqlite3.Connection | None = None, persist: bool = False) -> Resolved:
        """Anchor the stored edits and reviews of ``doc`` to its current text and claims.

        With ``persist``, moved anchors and the orphan/hidden state are written back so that
        the next load is an exact match and :meth:`reviewed_counts` stays right.
        """
        own = conn is None
        conn = conn or self._conn
        edits = rows(conn, "SELECT * FROM claim_edits WHERE doc_id = ? ORDER BY id", doc.id)
        reviews = rows(conn, "SELECT * FROM reviews WHERE doc_id = ? ORDER BY id", doc.id)
        resolved = resolve(doc, edits, reviews)
        if persist and not self.read_only:
            stored = {r["id"]: (r["state"], r["claim_id"], r["start"], r["end"]) for r in reviews}
            changed = [
                (state, cid, s, e, rid)
                for rid, (state, cid, s, e) in resolved.anchors.items()
                if stored.get(rid) != (state, cid, s, e)
            ]
            if changed:
                sql = 'UPDATE reviews SET state = ?, claim_id = ?, start = ?, "end" = ? WHERE id = ?'
                if own:
                    self._write_anchors(sql, changed)
                else:
                    conn.executemany(sql, changed)
        return resolved

    def _write_anchors(self, sql: str, changed: list[tuple[Any, ...]]) -> None:
        """Write re-anchored offsets on a read; if another writer holds the file, next time will do."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            return
        try:
            self._conn.executemany(sql, changed)
        except sqlite3.OperationalError:
            rollback(self._conn)
            return
        except BaseException:
            rollback(self._conn)
            raise
        self._conn.execute("COMMIT")


def _row(conn: sqlite3.Connection, tbl: str, row_id: int) -> dict[str, Any]:
    return rows(conn, f"SELECT * FROM {tbl} WHERE id = ?", row_id)[0]


def _q(column: str) -> str:
    return f'"{column}"'


# -- recovery helpers --------------------------------------------------------------------


def _salvage(source: Path, conn: sqlite3.Connection) -> str:
    """Copy readable review rows (and claim edits) from a broken file; says how many reviews."""
    saved = 0
    try:
        old = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error:
        return "no reviews"
    try:
        for tbl in ("reviews", "claim_edits"):
            try:
                found = rows(old, f"SELECT * FROM {tbl}")
            except sqlite3.Error:
                continue
            cols = _COLUMNS[tbl]
            conn.execute("BEGIN IMMEDIATE")
            for row in found:
                if not all(c in row for c in cols if c != "state"):
                    continue
                present = [c for c in cols if c in row]
                try:
                    conn.execute(
                        f"INSERT OR IGNORE INTO {tbl} ({', '.join(_q(c) for c in present)}) "
                        f"VALUES ({', '.join('?' * len(present))})",
                        [row[c] for c in present],
                    )
                except sqlite3.Error:
                    continue
                saved += tbl == "reviews"
            conn.execute("COMMIT")
    finally:
        old.close()
    return f"{saved} review{'s' if saved != 1 else ''} were" if saved != 1 else "1 review was"
