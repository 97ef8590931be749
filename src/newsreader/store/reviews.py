"""Claim reviews: status and note per claim, kept in SQLite under the user data dir.

Reviews are keyed by document id and saved one change at a time, each in its own
transaction, with a history row so that :meth:`ReviewStore.undo` can step back.
A review stores the claim's text and offsets, not only its id: a newer analysis
pipeline may renumber or reshape claims, so on load every review is re-anchored
(exact text at the old offsets, else the nearest occurrence of the text, else a
normalized or fuzzy match against the current claims). A review that cannot be
anchored is kept and reported as orphaned, never dropped.

This file is precious (unlike the cache): a migration is preceded by a backup made
with SQLite's backup API, and a corrupt file is copied aside before a new one is
started, with a line in :attr:`ReviewStore.notices`.
"""

from __future__ import annotations

import difflib
import json
import shutil
import sqlite3
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

from ..model import Claim, Document
from .paths import data_dir
from .sqlite import connect, is_corruption, rollback

STATUSES = ("supported", "disputed", "false", "unverifiable")
FILENAME = "reviews.sqlite3"
SCHEMA_VERSION = 1
HISTORY_LIMIT = 500  # undo steps kept per document
FUZZY_RATIO = 0.85  # how alike a changed claim must be to inherit a review
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
    "reviews": ("id", "doc_id", "claim_id", "claim_text", "start", "end", "status", "note", "created", "updated", "state"),
    "claim_edits": ("id", "doc_id", "kind", "claim_id", "claim_text", "start", "end", "created"),
}



class ReviewStoreReadOnly(RuntimeError):
    """The reviews database was written by a newer newsreader; it is only read."""


@dataclass(frozen=True)
class Review:
    """A reader's verdict on one claim, with the claim text it was given on."""

    doc_id: str
    claim_id: str
    claim_text: str
    start: int
    end: int
    status: str | None
    note: str
    updated: float
    orphaned: bool = False

    @property
    def reviewed(self) -> bool:
        return self.status is not None


@dataclass
class _Resolved:
    """The reviewing state of one document: visible claims and where each review sits."""

    claims: list[Claim]
    dismissed: list[Claim]
    by_claim: dict[str, dict[str, Any]]  # claim id -> review row
    orphans: list[dict[str, Any]]
    row_claim: dict[int, str]  # review row id -> claim id (or orphan:<n>)


class ReviewStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else data_dir() / FILENAME
        self.notices: list[str] = []
        self.read_only = False
        self._lock = threading.RLock()
        self._conn = self._open()

    # -- opening, migration, recovery ----------------------------------------
    def _open(self) -> sqlite3.Connection:
        try:
            return self._open_checked()
        except sqlite3.DatabaseError as exc:
            if not _is_corruption(exc):
                raise
            return self._recover(exc)

    def _open_checked(self) -> sqlite3.Connection:
        conn = connect(self.path)
        try:
            conn.execute("PRAGMA synchronous = FULL")  # reviews are people's work: fsync each commit
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise _CorruptError(f"integrity check failed: {result[0] if result else 'no result'}")
            self._ensure_schema(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    def _ensure_schema(self, conn: sqlite3.Connection) -> None:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables:
            if "reviews" in tables:
                raise _CorruptError("reviews table without a meta table")
            conn.executescript(
                f"BEGIN IMMEDIATE;{_DDL}INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');COMMIT;"
            )
            return
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        try:
            version = int(row[0]) if row is not None else 0
        except ValueError as exc:
            raise _CorruptError(f"unreadable schema version {row[0]!r}") from exc
        if version > SCHEMA_VERSION:
            self.read_only = True
            self.notices.append(
                f"The reviews database {self.path} is from a newer newsreader (schema {version}); "
                "it is opened read-only, changes are not saved."
            )
            return
        if version < SCHEMA_VERSION:
            backup = self._migrate(conn)
            if backup is not None:
                self.notices.append(
                    f"Upgraded the reviews database to schema {SCHEMA_VERSION}; the previous copy is {backup}."
                )

    def _backup(self, version: int) -> Path:
        """A copy of the database as last committed, made with SQLite's backup API.

        Called while the migrating connection holds the write lock (nothing written yet):
        a second connection reads the committed state, which no one can change meanwhile.
        """
        target = _unique(self.path.with_name(f"{self.path.name}.v{version}-backup-{time.strftime('%Y%m%d-%H%M%S')}"))
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

    def _recover(self, exc: Exception) -> sqlite3.Connection:
        """Copy the broken file aside, salvage what rows can be read, start a sound file."""
        aside = _unique(self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"))
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                shutil.copy2(src, Path(str(aside) + suffix))
        fresh = self.path.with_name(f"{self.path.name}.rebuild")
        for suffix in ("", "-wal", "-shm"):
            Path(str(fresh) + suffix).unlink(missing_ok=True)
        conn = connect(fresh)
        conn.executescript("BEGIN IMMEDIATE;" + _DDL + "COMMIT;")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        salvaged = _salvage(aside, conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        # The broken file's journal files are kept in the copy; they must not be replayed into the new file.
        for suffix in ("-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        fresh.replace(self.path)
        self.notices.append(
            f"The reviews database was unreadable ({exc}); a copy is kept at {aside}, "
            f"{salvaged} reviews were recovered from it into a new database."
        )
        return self._open_checked()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "ReviewStore":
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
        return _reviews_of(doc, resolved)

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
        return _added_claim(doc, f"u{row_id}", start, end)

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
        return _review_at(doc, resolved, tbl, snapshot)

    # -- internals -------------------------------------------------------------
    def _change(self, doc: Document, claim: Claim, action: str, values: dict[str, Any]) -> Review:
        with self._writing(doc, action) as conn:
            resolved = self._resolve(doc, conn=conn)
            row = _row_for_claim(resolved, claim)
            if row is None:
                _check_claim(doc, claim)
            elif all(row[k] == v for k, v in values.items()):
                # Nothing changes: no write, and no undo step that would seem to do nothing.
                return _review_from_row(doc, row, resolved.row_claim.get(row["id"], claim.id))
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
                    'UPDATE reviews SET claim_id = ?, claim_text = ?, start = ?, "end" = ?, state = \'ok\' WHERE id = ?',
                    (claim.id, claim.text, claim.start, claim.end, row_id),
                )
            after = _row(conn, "reviews", row_id)
            self._record(conn, doc.id, action, "reviews", row_id, before, after, now)
            resolved = self._resolve(doc, conn=conn, persist=True)
        return _review_from_row(doc, after, resolved.row_claim.get(row_id, claim.id))

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

    def _record(self, conn: sqlite3.Connection, doc_id: str, action: str, tbl: str, row_id: int,
                before: dict[str, Any] | None, after: dict[str, Any] | None, now: float) -> None:
        conn.execute(
            "INSERT INTO history (doc_id, action, tbl, row_id, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc_id, action, tbl, row_id, None if before is None else json.dumps(before),
             None if after is None else json.dumps(after), now),
        )
        conn.execute(
            "DELETE FROM history WHERE doc_id = ? AND seq <= "
            "(SELECT seq FROM history WHERE doc_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
            (doc_id, doc_id, HISTORY_LIMIT),
        )

    def _resolve(self, doc: Document, *, conn: sqlite3.Connection | None = None, persist: bool = False) -> _Resolved:
        """Anchor the stored edits and reviews of ``doc`` to its current text and claims.

        With ``persist``, moved anchors and the orphan/hidden state are written back so that
        the next load is an exact match and :meth:`reviewed_counts` stays right.
        """
        own = conn is None
        conn = conn or self._conn
        edits = _rows(conn, "SELECT * FROM claim_edits WHERE doc_id = ? ORDER BY id", doc.id)
        reviews = _rows(conn, "SELECT * FROM reviews WHERE doc_id = ? ORDER BY id", doc.id)

        added = [_added_claim(doc, e["claim_id"], e["start"], e["end"]) for e in edits
                 if e["kind"] == "added" and _text_at(doc, e["start"], e["end"]) == e["claim_text"]]
        candidates = list(doc.claims) + added
        hidden: set[str] = set()
        dismissed_spans: set[tuple[int, int]] = set()
        for e in edits:
            if e["kind"] != "dismissed":
                continue
            target, span = _match_claim(doc, candidates, e["claim_text"], e["start"], e["end"])
            if target is not None:
                hidden.add(target.id)
                dismissed_spans.add((target.start, target.end))
            elif span is not None:
                dismissed_spans.add(span)  # a dismissed kept claim (r<n>): no claim of the analysis there
        dismissed = [c for c in doc.claims if c.id in hidden]
        visible = [c for c in candidates if c.id not in hidden]
        by_span = {(c.start, c.end): c for c in visible}

        located: list[tuple[int, int, dict[str, Any], tuple[int, int] | None]] = []
        for row in reviews:
            tier, span = _locate(doc.text, row["claim_text"], row["start"], row["end"])
            located.append((tier, row["id"], row, span))
        located.sort(key=lambda item: (item[0], item[1]))

        by_claim: dict[str, dict[str, Any]] = {}
        row_claim: dict[int, str] = {}
        orphans: list[dict[str, Any]] = []
        states: dict[int, tuple[str, str, int, int]] = {}
        pending: list[dict[str, Any]] = []
        kept: list[Claim] = []
        for _tier, row_id, row, span in located:
            claim = by_span.get(span) if span is not None else None
            if claim is None and span is not None and span in dismissed_spans:
                states[row_id] = ("hidden", row["claim_id"], row["start"], row["end"])
                continue
            if claim is not None and claim.id not in by_claim:
                by_claim[claim.id] = row
                row_claim[row_id] = claim.id
                states[row_id] = ("ok", claim.id, claim.start, claim.end)
            else:
                pending.append({**row, "_span": span})
        for row in pending:
            span = row.pop("_span")
            claim = _fuzzy_claim(row["claim_text"], row["start"], [c for c in visible if c.id not in by_claim])
            if claim is None and span is not None and span not in by_span and _has_content(row):
                # The analysis no longer calls this a claim, but the text is there: keep it reviewable.
                claim = Claim(id=f"r{row['id']}", start=span[0], end=span[1], text=doc.text[span[0]:span[1]],
                              source_id=None, cue=None)
                kept.append(claim)
                by_span[span] = claim
            if claim is not None:
                by_claim[claim.id] = row
                row_claim[row["id"]] = claim.id
                states[row["id"]] = ("ok", claim.id, claim.start, claim.end)
            else:
                orphans.append(row)
                row_claim[row["id"]] = f"orphan:{row['id']}"
                states[row["id"]] = ("orphaned", row["claim_id"], row["start"], row["end"])

        if persist and not self.read_only:
            stored = {r["id"]: (r["state"], r["claim_id"], r["start"], r["end"]) for r in reviews}
            changed = [(state, cid, s, e, rid) for rid, (state, cid, s, e) in states.items()
                       if stored.get(rid) != (state, cid, s, e)]
            if changed:
                sql = 'UPDATE reviews SET state = ?, claim_id = ?, start = ?, "end" = ? WHERE id = ?'
                if own:
                    self._write_anchors(sql, changed)
                else:
                    conn.executemany(sql, changed)
        claims = sorted(visible + kept, key=_claim_order)
        return _Resolved(claims=claims, dismissed=sorted(dismissed, key=_claim_order), by_claim=by_claim,
                         orphans=orphans, row_claim=row_claim)

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


def claim_for(review: Review) -> Claim:
    """A claim standing for a review, e.g. to clear or annotate an orphan with ``set_status``."""
    return Claim(id=review.claim_id, start=review.start, end=review.end, text=review.claim_text,
                 source_id=None, cue=None)


# -- anchoring -------------------------------------------------------------------

_FOLD = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032"}
_FOLD.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
_FOLD.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_FOLD.update({ord("\u2026"): "..."})


@lru_cache(maxsize=8)
def normalize_for_match(text: str) -> tuple[str, tuple[int, ...]]:
    """Text folded for matching (case, quotes, dashes, runs of whitespace) and, for each
    folded character, the index of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                index.append(i)
            continue
        folded = ch.translate(_FOLD).lower()
        for piece in folded:
            out.append(piece)
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), tuple(index)


def _locate(text: str, needle: str, start: int, end: int) -> tuple[int, tuple[int, int] | None]:
    """Where a stored claim text is now: (tier, span); tier 0 exact, 1 moved, 2 normalized, 3 not found."""
    if not needle:
        return 3, None
    if text[start:end] == needle:
        return 0, (start, end)
    hits = _occurrences(text, needle)
    if hits:
        best = min(hits, key=lambda p: (abs(p - start), p))
        return 1, (best, best + len(needle))
    folded, index = normalize_for_match(text)
    folded_needle, _ = normalize_for_match(needle)
    if folded_needle:
        hits = _occurrences(folded, folded_needle)
        if hits:
            best = min(hits, key=lambda p: (abs(index[p] - start), p))
            return 2, (index[best], index[best + len(folded_needle) - 1] + 1)
    return 3, None


def _occurrences(haystack: str, needle: str) -> list[int]:
    found = []
    pos = haystack.find(needle)
    while pos != -1:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def _fuzzy_claim(needle: str, start: int, claims: list[Claim]) -> Claim | None:
    """The current claim most like a stored claim text (reshaped by a newer pipeline), if alike enough."""
    folded_needle, _ = normalize_for_match(needle)
    best: tuple[float, int, Claim] | None = None
    for claim in claims:
        folded, _ = normalize_for_match(claim.text)
        matcher = difflib.SequenceMatcher(None, folded_needle, folded, autojunk=False)
        if matcher.real_quick_ratio() < FUZZY_RATIO or matcher.quick_ratio() < FUZZY_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio >= FUZZY_RATIO:
            key = (ratio, -abs(claim.start - start), claim)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def _match_claim(
    doc: Document, claims: list[Claim], text: str, start: int, end: int
) -> tuple[Claim | None, tuple[int, int] | None]:
    """The claim a stored dismissal refers to (same span, else same text nearby, else fuzzy),
    and where its text is now."""
    _tier, span = _locate(doc.text, text, start, end)
    if span is not None:
        for claim in claims:
            if (claim.start, claim.end) == span:
                return claim, span
    return _fuzzy_claim(text, start, claims), span


# -- rows and reviews ------------------------------------------------------------------

def _rows(conn: sqlite3.Connection, sql: str, *params: Any) -> list[dict[str, Any]]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def _row(conn: sqlite3.Connection, tbl: str, row_id: int) -> dict[str, Any]:
    rows = _rows(conn, f"SELECT * FROM {tbl} WHERE id = ?", row_id)
    return rows[0]


def _q(column: str) -> str:
    return f'"{column}"'


def _has_content(row: dict[str, Any]) -> bool:
    return row["status"] is not None or bool(row["note"])


def _text_at(doc: Document, start: int, end: int) -> str | None:
    return doc.text[start:end] if 0 <= start <= end <= len(doc.text) else None


def _added_claim(doc: Document, claim_id: str, start: int, end: int) -> Claim:
    return Claim(id=claim_id, start=start, end=end, text=doc.text[start:end], source_id=None, cue=None)


def _claim_order(claim: Claim) -> tuple[int, int, str]:
    return claim.start, claim.end, claim.id


def _check_claim(doc: Document, claim: Claim) -> None:
    if _text_at(doc, claim.start, claim.end) != claim.text:
        raise ValueError(f"claim {claim.id!r} does not match the text of document {doc.id[:12]}")


def _row_for_claim(resolved: _Resolved, claim: Claim) -> dict[str, Any] | None:
    if claim.id.startswith("orphan:"):
        for row in resolved.orphans:
            if f"orphan:{row['id']}" == claim.id:
                return row
        raise ValueError(f"no orphaned review {claim.id!r}")
    for current in resolved.claims:
        if current.id == claim.id:
            if (current.start, current.end, current.text) != (claim.start, claim.end, claim.text):
                raise ValueError(f"claim {claim.id!r} has another span or text in this document")
            return resolved.by_claim.get(claim.id)
    raise ValueError(f"claim {claim.id!r} is not among the claims under review (dismissed or unknown)")


def _review_from_row(doc: Document, row: dict[str, Any], claim_id: str) -> Review:
    return Review(
        doc_id=doc.id,
        claim_id=claim_id,
        claim_text=row["claim_text"],
        start=row["start"],
        end=row["end"],
        status=row["status"],
        note=row["note"],
        updated=row["updated"],
        orphaned=claim_id.startswith("orphan:"),
    )


def _reviews_of(doc: Document, resolved: _Resolved) -> dict[str, Review]:
    claims = {c.id: c for c in resolved.claims}
    result: dict[str, Review] = {}
    for claim_id, row in resolved.by_claim.items():
        if not _has_content(row) or claim_id not in claims:
            continue
        claim = claims[claim_id]
        result[claim_id] = Review(doc.id, claim_id, claim.text, claim.start, claim.end, row["status"], row["note"],
                                  row["updated"])
    for row in resolved.orphans:
        if _has_content(row):
            key = f"orphan:{row['id']}"
            result[key] = _review_from_row(doc, row, key)
    return result


def _review_at(doc: Document, resolved: _Resolved, tbl: str, snapshot: dict[str, Any]) -> Review:
    """After an undo: the review of the claim the undone change was about."""
    reviews = _reviews_of(doc, resolved)
    if tbl == "reviews":
        claim_id = resolved.row_claim.get(snapshot["id"])
        if claim_id in reviews:
            return reviews[claim_id]
    span = (snapshot["start"], snapshot["end"])
    for claim in resolved.claims + resolved.dismissed:
        if (claim.start, claim.end) == span:
            if claim.id in reviews:
                return reviews[claim.id]
            return Review(doc.id, claim.id, claim.text, claim.start, claim.end, None, "", time.time())
    return Review(doc.id, snapshot["claim_id"], snapshot["claim_text"], snapshot["start"], snapshot["end"],
                  None, "", time.time())


# -- recovery helpers --------------------------------------------------------------------

class _CorruptError(sqlite3.DatabaseError):
    """The file opened but failed the integrity check or has an impossible schema."""


def _is_corruption(exc: Exception) -> bool:
    return isinstance(exc, _CorruptError) or is_corruption(exc)


def _salvage(source: Path, conn: sqlite3.Connection) -> int:
    """Copy readable review rows (and claim edits) from a broken file; returns the reviews saved."""
    saved = 0
    try:
        old = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.Error:
        return 0
    try:
        for tbl in ("reviews", "claim_edits"):
            try:
                rows = _rows(old, f"SELECT * FROM {tbl}")
            except sqlite3.Error:
                continue
            cols = _COLUMNS[tbl]
            conn.execute("BEGIN IMMEDIATE")
            for row in rows:
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
    return saved


def _unique(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.name}-{n}")
    return candidate
