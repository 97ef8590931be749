"""The review repository: every reviewer's verdict per claim, claim edits and undo, on
SQLite (the embedded default, a file under the user data dir) or on a team's PostgreSQL
server (``url``); ``dialects.py`` holds everything that differs between the two.

Reviews are keyed by document id and saved one change at a time, each in its own
transaction, with a history row (per reviewer) so that :meth:`ReviewStore.undo` steps
back through one's own changes. A reviewed claim is anchored once (table ``reviews``);
each reviewer's status and note on it is a verdict of their own, never overwritten by
another reviewer's; an adjudicator may settle a claim with a final verdict. Where each
stored review sits in the current text is worked out by ``anchoring.py``.

The SQLite file is precious (unlike the cache): a migration is preceded by a backup made
with SQLite's backup API, and a corrupt file is copied aside and its rows salvaged
(``store/sqlite.py``), with a line in :attr:`ReviewStore.notices`.
"""

from __future__ import annotations

import getpass
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...model import Claim, Document, Review, Verdict, summarize
from ...model.review import claim_state
from ...model.vocabulary import STATUSES
from ..paths import data_dir
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
from .dialects import (
    COLUMNS,
    PostgresBackend,
    ReviewPermissionError,
    ReviewStoreReadOnly,
    ReviewStoreUnavailable,
    SqliteBackend,
    Tx,
    apply_role_setup,
    is_postgres_url,
    quoted,
    role_setup_sql,
)

FILENAME = "reviews.sqlite3"
HISTORY_LIMIT = 500  # undo steps kept per document and reviewer
# Control characters other than tab and newline (a pasted escape like OSC 52) never reach a note.
_NO_CONTROLS = dict.fromkeys([*range(0, 9), *range(11, 32), *range(127, 160)])

__all__ = [
    "FILENAME",
    "HISTORY_LIMIT",
    "ReviewPermissionError",
    "ReviewStore",
    "ReviewStoreReadOnly",
    "ReviewStoreUnavailable",
    "default_reviewer",
]


def default_reviewer() -> str:
    """Who reviews when the config does not say: the login name."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "reviewer"


class ReviewStore:
    """Every review and claim edit of every document: an SQLite file (``path``, default
    under the data dir) or, with ``url``, a PostgreSQL database shared by a team."""

    def __init__(self, path: Path | None = None, *, url: str | None = None, reviewer: str | None = None) -> None:
        reviewer = reviewer or default_reviewer()
        self.backend: SqliteBackend | PostgresBackend
        if url is not None:
            if not is_postgres_url(url):
                raise ValueError("reviews_url must start with postgresql://")
            self.backend = PostgresBackend(url, reviewer)
        else:
            self.backend = SqliteBackend(Path(path) if path is not None else data_dir() / FILENAME, reviewer)
        self.path = self.backend.path
        self.notices: list[str] = self.backend.notices

    @property
    def read_only(self) -> bool:
        return self.backend.read_only

    @property
    def reviewer(self) -> str:
        """Whose verdicts this store writes (with per-person server roles: ``current_user``)."""
        return self.backend.reviewer

    @property
    def kind(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.backend.kind

    @property
    def mode(self) -> str:
        """``file`` (SQLite), ``shared`` (one server role, reviewers named by config) or
        ``roles`` (a server role per person: the reviewer is the server's ``current_user``)."""
        return self.backend.mode if isinstance(self.backend, PostgresBackend) else "file"

    @property
    def where(self) -> str:
        """The file, or the server's URL without its password."""
        return self.backend.where

    @property
    def live(self) -> bool:
        """Other people's changes can be watched for (:meth:`watch`)."""
        return isinstance(self.backend, PostgresBackend)

    def watch(
        self,
        on_change: Callable[[str, str], None],
        stop: threading.Event,
        listening: threading.Event | None = None,
    ) -> None:
        """Block, calling ``on_change(doc_id, reviewer)`` for each change committed by anyone,
        until ``stop`` is set (PostgreSQL only; a file store returns at once); ``listening``
        is set once changes are being listened for."""
        if isinstance(self.backend, PostgresBackend):
            self.backend.watch(on_change, stop, listening=listening)

    def setup_roles(self, reviewers: list[str], adjudicators: list[str], *, run: bool = True) -> list[str]:
        """Give each person a server role of their own, with row-level security (see
        :func:`dialects.role_setup_sql`); returns the SQL (run unless ``run`` is False).
        An administrator's job: connect as the database's owner."""
        if not isinstance(self.backend, PostgresBackend):
            raise ValueError("roles are a PostgreSQL server's: set reviews_url (or --url) first")
        statements = role_setup_sql(reviewers, adjudicators)
        if run:
            apply_role_setup(self.backend, statements)
        return statements

    def close(self) -> None:
        self.backend.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------
    def reviews(self, doc: Document) -> dict[str, Review]:
        """Reviews of this document by claim id; orphans under ``orphan:<n>`` with ``orphaned=True``.

        A claim without any status, note or settlement has no review and is left out.
        """
        return reviews_of(doc, self._resolve(doc, persist=True))

    def claims(self, doc: Document) -> list[Claim]:
        """The claims to review: the analysis' claims minus dismissed ones, plus reviewer-added ones.

        A reviewed claim that the analysis no longer finds, though its text is still in the
        article, stays in the list under id ``r<n>`` so its review stays attached.
        """
        return list(self._resolve(doc).claims)

    def dismissed(self, doc: Document) -> list[Claim]:
        """Claims of the analysis that a reviewer dismissed, in text order."""
        return list(self._resolve(doc).dismissed)

    def state(self, doc: Document) -> tuple[list[Claim], dict[str, Review], list[Claim]]:
        """(claims, reviews, dismissed) from one read: what a reader or an export shows."""
        resolved = self._resolve(doc, persist=True)
        return list(resolved.claims), reviews_of(doc, resolved), list(resolved.dismissed)

    def progress(self, doc: Document) -> tuple[int, int]:
        """(reviewed, total) over :meth:`claims`; a claim is reviewed once it has a status
        (a contested claim counts)."""
        resolved = self._resolve(doc)
        reviews = reviews_of(doc, resolved)
        done = sum(1 for c in resolved.claims if (r := reviews.get(c.id)) is not None and r.reviewed)
        return done, len(resolved.claims)

    def reviewed_counts(self) -> dict[str, int]:
        """Document id -> number of reviewed claims (with a status), for the library list.

        Counted as last anchored (orphans and reviews of dismissed claims left out), without
        loading the documents.
        """
        with self.backend.read() as tx:
            found = tx.rows(
                "SELECT r.doc_id AS doc_id, COUNT(*) AS n FROM reviews r WHERE r.state = 'ok' AND ("
                "EXISTS (SELECT 1 FROM verdicts v WHERE v.review_id = r.id AND v.status IS NOT NULL) OR "
                "EXISTS (SELECT 1 FROM settlements s WHERE s.review_id = r.id AND s.status IS NOT NULL)"
                ") GROUP BY r.doc_id"
            )
        return {str(r["doc_id"]): int(r["n"]) for r in found}

    def ledger(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Every review with a status (doc id, claim id, claim text, status, note, updated)
        as last anchored, and every claim edit (added or dismissed), for the library ledger,
        without loading the documents. A contested claim (verdicts differ, none settled) has
        the status ``contested``."""
        with self.backend.read() as tx:
            anchors = tx.rows(
                "SELECT id, doc_id, claim_id, claim_text, updated FROM reviews WHERE state = 'ok' ORDER BY id"
            )
            verdicts, settled = _verdicts(tx, "SELECT id FROM reviews WHERE state = 'ok'")
            edits = tx.rows('SELECT doc_id, kind, claim_id, claim_text, start, "end" FROM claim_edits ORDER BY id')
        reviews = []
        for row in anchors:
            given, final = verdicts.get(row["id"], ()), settled.get(row["id"])
            status, note, updated = summarize(given, final)
            if status is None and claim_state(given, final) == "contested":
                status = "contested"
            if status is not None:
                reviews.append(
                    {
                        "doc_id": row["doc_id"],
                        "claim_id": row["claim_id"],
                        "claim_text": row["claim_text"],
                        "status": status,
                        "note": note,
                        "updated": updated or row["updated"],
                    }
                )
        return reviews, edits

    # -- changing ----------------------------------------------------------------
    def set_status(self, doc: Document, claim: Claim, status: str | None) -> Review:
        """Set (or with None, clear) this reviewer's status of a claim; saved at once, undoable."""
        if status is not None and status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)} or None")
        return self._change(doc, claim, "status", {"status": status})

    def set_note(self, doc: Document, claim: Claim, note: str) -> Review:
        """Set this reviewer's note on a claim (an empty string removes it); saved at once, undoable."""
        if not isinstance(note, str):
            raise TypeError("note must be a string")
        return self._change(doc, claim, "note", {"note": note.translate(_NO_CONTROLS)})

    def settle(self, doc: Document, claim: Claim, status: str | None, note: str = "") -> Review:
        """Give the final verdict on a claim as adjudicator (None: unsettle it); undoable.

        On a server with per-person roles only the adjudicator role may
        (:class:`ReviewPermissionError` otherwise)."""
        if status is not None and status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)} or None")
        return self._change(doc, claim, "settle", {"status": status, "note": note.translate(_NO_CONTROLS)})

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
        with self.backend.write(doc.id, "add") as tx:
            resolved = self._resolve(doc, tx=tx)
            for existing in resolved.claims:
                if (existing.start, existing.end) == (start, end):
                    return existing
            now = time.time()
            row_id = tx.insert(
                'INSERT INTO claim_edits (doc_id, kind, claim_id, claim_text, start, "end", created, reviewer) '
                "VALUES (?, 'added', '', ?, ?, ?, ?, ?)",
                (doc.id, doc.text[start:end], start, end, now, self.reviewer),
            )
            tx.execute("UPDATE claim_edits SET claim_id = ? WHERE id = ?", (f"u{row_id}", row_id))
            self._record(tx, doc.id, "add", "claim_edits", row_id, None, _row(tx, "claim_edits", row_id), now)
            self._resolve(doc, tx=tx, persist=True)
        return added_claim(doc, f"u{row_id}", start, end)

    def dismiss(self, doc: Document, claim: Claim) -> None:
        """Hide a wrong claim from review (its review, if any, is kept for an undo)."""
        with self.backend.write(doc.id, "dismiss") as tx:
            resolved = self._resolve(doc, tx=tx)
            if claim.id not in {c.id for c in resolved.claims}:
                raise ValueError(f"claim {claim.id!r} is not among the claims under review")
            now = time.time()
            row_id = tx.insert(
                'INSERT INTO claim_edits (doc_id, kind, claim_id, claim_text, start, "end", created, reviewer) '
                "VALUES (?, 'dismissed', ?, ?, ?, ?, ?, ?)",
                (doc.id, claim.id, claim.text, claim.start, claim.end, now, self.reviewer),
            )
            self._record(tx, doc.id, "dismiss", "claim_edits", row_id, None, _row(tx, "claim_edits", row_id), now)
            self._resolve(doc, tx=tx, persist=True)

    def undo(self, doc: Document) -> Review | None:
        """Revert this reviewer's last change on this document; None when there is nothing to undo.

        Returns the review of the claim concerned as it is after the undo (status None and
        an empty note when that claim now has no review).
        """
        with self.backend.write(doc.id, "undo") as tx:
            found = tx.rows(
                "SELECT seq, tbl, row_id, before, after FROM history WHERE doc_id = ? AND reviewer = ? "
                "ORDER BY seq DESC LIMIT 1",
                doc.id,
                self.reviewer,
            )
            if not found:
                return None
            last = found[0]
            tbl, row_id, before, after = last["tbl"], last["row_id"], last["before"], last["after"]
            if tbl not in COLUMNS:
                raise RuntimeError(f"unknown table {tbl!r} in the review history")
            if before is None:
                tx.execute(f"DELETE FROM {tbl} WHERE id = ?", (row_id,))
            else:
                values = json.loads(before)
                tx.upsert(tbl, {c: values[c] for c in COLUMNS[tbl] if c in values})
            tx.execute("DELETE FROM history WHERE seq = ?", (last["seq"],))
            snapshot = json.loads(before if before is not None else after)
            resolved = self._resolve(doc, tx=tx, persist=True)
            if tbl in ("verdicts", "settlements"):
                anchor = _row(tx, "reviews", snapshot["review_id"])
                snapshot = {**anchor}
                tbl = "reviews"
        return review_at(doc, resolved, tbl, snapshot)

    # -- internals -------------------------------------------------------------
    def _change(self, doc: Document, claim: Claim, action: str, values: dict[str, Any]) -> Review:
        """This reviewer's verdict (or, to settle, the claim's settlement) takes ``values``."""
        table = "settlements" if action == "settle" else "verdicts"
        who = "settled_by" if action == "settle" else "reviewer"
        with self.backend.write(doc.id, action) as tx:
            resolved = self._resolve(doc, tx=tx)
            row = row_for_claim(resolved, claim)
            if row is None:
                check_claim(doc, claim)
            own = _own_row(row, table, self.reviewer) if row is not None else None
            current = own or {"status": None, "note": ""}
            if all(current[k] == v for k, v in values.items()):
                # Nothing changes: no write, and no undo step that would seem to do nothing.
                if row is None:
                    return Review(doc.id, claim.id, claim.text, claim.start, claim.end, None, "", time.time())
                return review_from_row(doc, row, resolved.row_claim.get(row["id"], claim.id))
            now = time.time()
            if row is None:
                anchor_id = tx.insert(
                    'INSERT INTO reviews (doc_id, claim_id, claim_text, start, "end", created, updated) '
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (doc.id, claim.id, claim.text, claim.start, claim.end, now, now),
                )
            else:
                anchor_id = row["id"]
            if not claim.id.startswith("orphan:"):
                tx.execute(
                    "UPDATE reviews SET claim_id = ?, claim_text = ?, start = ?, \"end\" = ?, state = 'ok', updated = ? "
                    "WHERE id = ?",
                    (claim.id, claim.text, claim.start, claim.end, now, anchor_id),
                )
            if own is None:
                before = None
                row_id = tx.insert(
                    f"INSERT INTO {table} (review_id, {who}, status, note, updated) VALUES (?, ?, NULL, '', ?)",
                    (anchor_id, self.reviewer, now),
                )
            else:
                row_id = own["id"]
                before = _row(tx, table, row_id)
            sets = ", ".join(f"{quoted(k)} = ?" for k in values)
            extra = f", {who} = ?" if action == "settle" else ""
            params = [*values.values(), now] + ([self.reviewer] if action == "settle" else []) + [row_id]
            tx.execute(f"UPDATE {table} SET {sets}, updated = ?{extra} WHERE id = ?", params)
            after = _row(tx, table, row_id)
            self._record(tx, doc.id, action, table, row_id, before, after, now)
            resolved = self._resolve(doc, tx=tx, persist=True)
            anchored = next((r for r in resolved.by_claim.values() if r["id"] == anchor_id), None)
            if anchored is None:
                anchored = next((r for r in resolved.orphans if r["id"] == anchor_id), None)
        if anchored is None:  # not anchored any more (cannot happen for a claim just checked)
            return Review(doc.id, claim.id, claim.text, claim.start, claim.end, None, "", now)
        return review_from_row(doc, anchored, resolved.row_claim.get(anchor_id, claim.id))

    def _record(
        self,
        tx: Tx,
        doc_id: str,
        action: str,
        tbl: str,
        row_id: int,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
        now: float,
    ) -> None:
        tx.execute(
            "INSERT INTO history (doc_id, reviewer, action, tbl, row_id, before, after, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                self.reviewer,
                action,
                tbl,
                row_id,
                None if before is None else json.dumps(before),
                None if after is None else json.dumps(after),
                now,
            ),
        )
        tx.execute(
            "DELETE FROM history WHERE doc_id = ? AND reviewer = ? AND seq <= "
            "(SELECT seq FROM history WHERE doc_id = ? AND reviewer = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
            (doc_id, self.reviewer, doc_id, self.reviewer, HISTORY_LIMIT),
        )

    def _resolve(self, doc: Document, *, tx: Tx | None = None, persist: bool = False) -> Resolved:
        """Anchor the stored edits and reviews of ``doc`` to its current text and claims.

        With ``persist``, moved anchors and the orphan/hidden state are written back so that
        the next load is an exact match and :meth:`reviewed_counts` stays right.
        """
        if tx is None:
            with self.backend.read() as reading:
                edits, anchors = _load(reading, doc.id)
        else:
            edits, anchors = _load(tx, doc.id)
        resolved = resolve(doc, edits, anchors)
        if persist and not self.read_only:
            stored = {r["id"]: (r["state"], r["claim_id"], r["start"], r["end"]) for r in anchors}
            changed = [
                (state, cid, s, e, rid)
                for rid, (state, cid, s, e) in resolved.anchors.items()
                if stored.get(rid) != (state, cid, s, e)
            ]
            if changed:
                sql = 'UPDATE reviews SET state = ?, claim_id = ?, start = ?, "end" = ? WHERE id = ?'
                if tx is not None:
                    tx.executemany(sql, changed)
                else:
                    with self.backend.try_write(doc.id) as writing:
                        if writing is not None:
                            writing.executemany(sql, changed)
        return resolved


def _load(tx: Tx, doc_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The claim edits of a document and its anchored reviews, each with its ``verdicts``,
    ``settled`` and the ``status``, ``note`` and ``updated`` they sum up to."""
    edits = tx.rows("SELECT * FROM claim_edits WHERE doc_id = ? ORDER BY id", doc_id)
    anchors = tx.rows(
        'SELECT id, doc_id, claim_id, claim_text, start, "end", created, updated, state '
        "FROM reviews WHERE doc_id = ? ORDER BY id",
        doc_id,
    )
    verdicts, settled = _verdict_rows(tx, "SELECT id FROM reviews WHERE doc_id = ?", doc_id)
    for row in anchors:
        raw = verdicts.get(row["id"], [])
        final = settled.get(row["id"])
        mine = tuple(_verdict(v) for v in raw)
        status, note, updated = summarize(mine, _verdict(final) if final else None)
        row.update(
            verdicts=mine,
            settled=_verdict(final) if final else None,
            status=status,
            note=note,
            updated=updated or row["updated"],
            _rows={"verdicts": raw, "settlements": [final] if final else []},
        )
    return edits, anchors


def _verdict_rows(
    tx: Tx, anchors_sql: str, *params: Any
) -> tuple[dict[int, list[dict[str, Any]]], dict[int, dict[str, Any]]]:
    """Verdict rows by review id, and the settlement row by review id, of the reviews the
    subquery ``anchors_sql`` selects."""
    verdicts: dict[int, list[dict[str, Any]]] = defaultdict(list)
    cols = ", ".join(quoted(c) for c in COLUMNS["verdicts"])
    for row in tx.rows(f"SELECT {cols} FROM verdicts WHERE review_id IN ({anchors_sql}) ORDER BY id", *params):
        verdicts[row["review_id"]].append(row)
    cols = ", ".join(quoted(c) for c in COLUMNS["settlements"])
    settled = {
        row["review_id"]: row
        for row in tx.rows(f"SELECT {cols} FROM settlements WHERE review_id IN ({anchors_sql})", *params)
    }
    return verdicts, settled


def _verdicts(tx: Tx, anchors_sql: str, *params: Any) -> tuple[dict[int, list[Verdict]], dict[int, Verdict]]:
    verdicts, settled = _verdict_rows(tx, anchors_sql, *params)
    return (
        {rid: [_verdict(v) for v in found] for rid, found in verdicts.items()},
        {rid: _verdict(s) for rid, s in settled.items()},
    )


def _verdict(row: dict[str, Any]) -> Verdict:
    return Verdict(str(row.get("reviewer", row.get("settled_by"))), row["status"], row["note"], float(row["updated"]))


def _own_row(row: dict[str, Any], table: str, reviewer: str) -> dict[str, Any] | None:
    """This reviewer's verdict row on a review, or the claim's settlement row (anyone's)."""
    found: list[dict[str, Any]] = row["_rows"][table]
    return next((r for r in found if table == "settlements" or r["reviewer"] == reviewer), None)


def _row(tx: Tx, tbl: str, row_id: int) -> dict[str, Any]:
    cols = ", ".join(quoted(c) for c in COLUMNS[tbl])
    return tx.rows(f"SELECT {cols} FROM {tbl} WHERE id = ?", row_id)[0]
