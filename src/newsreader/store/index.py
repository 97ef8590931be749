"""The library index: every cached document's sources, quotes and claims in tables, and
SQLite FTS5 over titles, bodies, quotes and source names (bm25 ranking, snippets).

It sits beside the document cache (``index.sqlite3``) and is disposable like it: it is
rebuilt from the cache by ``newsreader index rebuild``, and a damaged file is moved
aside and started again. Rows arrive already keyed: who is who across articles is
decided by ``analysis/identity.py`` in the service layer (``service/ledger.py``); this
module only stores and queries.

Search text is indexed with the ``unicode61 remove_diacritics 2`` tokenizer ("Zürich"
finds "Zurich") and prefix indexes for two and three letters (``ta*`` as one types is
cheap). No stemmer: with porter, a typed prefix missed words that are there ("relati*"
against the stored stem "relat"), and search as you type lives on prefixes; ``tax*``
finds "taxes". A query is FTS5 syntax; one FTS5 rejects is :class:`QueryError`, never a
crash.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .paths import cache_dir
from .sqlite import StoreFile, is_read_only, rows

SCHEMA_VERSION = "2"
FILENAME = "index.sqlite3"
#: Marks around a match in snippets and highlights (never in article text: control characters).
MARK_START, MARK_END = "\x02", "\x03"
_TOKENIZE = "unicode61 remove_diacritics 2"

_DDL = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    published TEXT,
    source TEXT NOT NULL,
    outlet TEXT,
    seen TEXT NOT NULL,          -- the publication date, else the day it was indexed
    words INTEGER NOT NULL,
    indexed REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_seen ON docs (seen);
CREATE TABLE IF NOT EXISTS sources (
    doc INTEGER NOT NULL REFERENCES docs (n) ON DELETE CASCADE,
    source_id TEXT NOT NULL,
    key TEXT NOT NULL,
    scoped INTEGER NOT NULL,     -- 1: the key carries the article (generic, anonymous)
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    quotes INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    PRIMARY KEY (doc, source_id)
);
CREATE INDEX IF NOT EXISTS sources_key ON sources (key, kind, name, doc, quotes, claims);
CREATE TABLE IF NOT EXISTS quotes (
    n INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES docs (n) ON DELETE CASCADE,
    quote_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    direct INTEGER NOT NULL,
    mixed INTEGER NOT NULL,
    source_id TEXT,
    speaker TEXT
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes (doc, source_id);
CREATE TABLE IF NOT EXISTS claims (
    doc INTEGER NOT NULL REFERENCES docs (n) ON DELETE CASCADE,
    claim_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    source_id TEXT,
    cue TEXT,
    PRIMARY KEY (doc, claim_id)
);
CREATE INDEX IF NOT EXISTS claims_source ON claims (doc, source_id);
-- Totals per key, kept by put() and remove() for the keys they touch: `sources` reads
-- one row per key instead of grouping every source row of the library.
CREATE TABLE IF NOT EXISTS source_totals (
    key TEXT PRIMARY KEY,
    scoped INTEGER NOT NULL,
    kind TEXT NOT NULL,
    names TEXT NOT NULL,         -- the names used, char(31)-separated, one per article
    articles INTEGER NOT NULL,
    quotes INTEGER NOT NULL,
    claims INTEGER NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    description TEXT NOT NULL,
    outlet TEXT,
    docs TEXT NOT NULL           -- the document numbers, comma-separated
);
CREATE INDEX IF NOT EXISTS source_totals_kind ON source_totals (kind);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_fts USING fts5(
    title, body, quotes, sources, tokenize = '{_TOKENIZE}', prefix = '2 3'
);
CREATE VIRTUAL TABLE IF NOT EXISTS quote_fts USING fts5(text, speaker, tokenize = '{_TOKENIZE}', prefix = '2 3');
"""


class QueryError(ValueError):
    """A search query FTS5 can't read (a stray quote, a lone ``*``): the message says why."""


@dataclass(frozen=True)
class SourceRow:
    source_id: str
    key: str
    scoped: bool
    kind: str
    name: str
    description: str
    quotes: int
    claims: int


@dataclass(frozen=True)
class QuoteRow:
    quote_id: str
    start: int
    end: int
    text: str
    direct: bool
    mixed: bool
    source_id: str | None
    speaker: str | None


@dataclass(frozen=True)
class ClaimRow:
    claim_id: str
    start: int
    end: int
    text: str
    source_id: str | None
    cue: str | None


@dataclass(frozen=True)
class IndexedDocument:
    """What the index keeps of one document (built by the service from a Document)."""

    id: str
    title: str
    published: str | None
    source: str
    outlet: str | None
    text: str
    sources: tuple[SourceRow, ...] = ()
    quotes: tuple[QuoteRow, ...] = ()
    claims: tuple[ClaimRow, ...] = ()


@dataclass(slots=True)
class SourceGroup:
    """One key's totals across the library (before people are merged by the service). Not
    frozen: a library has tens of thousands, and a frozen dataclass pays per field."""

    key: str
    scoped: bool
    kind: str
    names: dict[str, int]
    articles: int
    quotes: int
    claims: int
    first_seen: str
    last_seen: str
    doc_list: str = ""  # the index's document numbers, comma-separated (parsed only when merging)

    def docs(self) -> frozenset[int]:
        return frozenset(map(int, self.doc_list.split(","))) if self.doc_list else frozenset()

    description: str = ""
    outlet: str | None = None


@dataclass(frozen=True)
class Hit:
    """A search result: an article, or one quote of it (``quote_id`` set)."""

    doc_id: str
    title: str
    published: str | None
    source: str
    snippet: str  # with MARK_START / MARK_END around the matched words
    rank: float
    quote_id: str | None = None
    start: int | None = None
    end: int | None = None
    speaker: str | None = None


class LibraryIndex(StoreFile):
    def __init__(self, path: Path | None = None) -> None:
        super().__init__(path or cache_dir() / FILENAME, what="the library index", schema=_schema)
        self._conn.execute("PRAGMA foreign_keys = ON")

    # -- writing -------------------------------------------------------------
    def put(self, docs: Sequence[IndexedDocument]) -> bool:
        """Index documents (replacing what was kept of the same ids) in one transaction.
        An index that can't be written is a notice, once; nothing else fails."""
        if not self.writable or not docs:
            return False
        now = time.time()
        today = time.strftime("%Y-%m-%d", time.localtime(now))
        try:
            with self.transaction():
                keys = self._delete([d.id for d in docs])
                for doc in docs:
                    self._insert(doc, now, today)
                    keys.update(s.key for s in doc.sources)
                self._total(keys)
        except sqlite3.OperationalError as exc:
            self.writable = False
            self.notices.append(f"The library index can't be written ({exc}); search may miss new articles.")
            return False
        return True

    def _insert(self, doc: IndexedDocument, now: float, today: str) -> None:
        c = self._conn
        n = c.execute(
            "INSERT INTO docs (id, title, published, source, outlet, seen, words, indexed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.title,
                doc.published,
                doc.source,
                doc.outlet,
                (doc.published or today)[:10],
                len(doc.text.split()),
                now,
            ),
        ).lastrowid
        c.executemany(
            "INSERT OR REPLACE INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (n, s.source_id, s.key, int(s.scoped), s.kind, s.name, s.description, s.quotes, s.claims)
                for s in doc.sources
            ],
        )
        speakers = {s.source_id: s.name for s in doc.sources}
        for q in doc.quotes:
            qn = c.execute(
                'INSERT INTO quotes (doc, quote_id, start, "end", text, direct, mixed, source_id, speaker) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (n, q.quote_id, q.start, q.end, q.text, int(q.direct), int(q.mixed), q.source_id, q.speaker),
            ).lastrowid
            who = " ".join(x for x in (q.speaker, speakers.get(q.source_id or "")) if x)
            c.execute("INSERT INTO quote_fts (rowid, text, speaker) VALUES (?, ?, ?)", (qn, q.text, who))
        c.executemany(
            'INSERT OR REPLACE INTO claims (doc, claim_id, start, "end", text, source_id, cue) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(n, k.claim_id, k.start, k.end, k.text, k.source_id, k.cue) for k in doc.claims],
        )
        c.execute(
            "INSERT INTO doc_fts (rowid, title, body, quotes, sources) VALUES (?, ?, ?, ?, ?)",
            (
                n,
                doc.title,
                doc.text,
                "\n".join(q.text for q in doc.quotes),
                "\n".join(f"{s.name} {s.description}" for s in doc.sources),
            ),
        )

    def _total(self, keys: set[str]) -> None:
        """Recompute the totals of these keys from their source rows."""
        marks = ",".join("?" * len(keys))
        self._conn.execute(f"DELETE FROM source_totals WHERE key IN ({marks})", tuple(keys))
        self._conn.execute(
            "INSERT INTO source_totals SELECT s.key, MAX(s.scoped), MIN(s.kind), group_concat(s.name, char(31)), "
            "COUNT(DISTINCT s.doc), SUM(s.quotes), SUM(s.claims), MIN(d.seen), MAX(d.seen), MIN(s.description), "
            f"MIN(d.outlet), group_concat(s.doc) FROM sources s JOIN docs d ON d.n = s.doc WHERE s.key IN ({marks}) "
            "GROUP BY s.key",
            tuple(keys),
        )

    def _delete(self, doc_ids: Iterable[str]) -> set[str]:
        """Forget these documents; the source keys they had (their totals need recomputing)."""
        c = self._conn
        keys: set[str] = set()
        for doc_id in doc_ids:
            row = c.execute("SELECT n FROM docs WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                continue
            n = row[0]
            keys.update(r[0] for r in c.execute("SELECT key FROM sources WHERE doc = ?", (n,)))
            c.execute("DELETE FROM quote_fts WHERE rowid IN (SELECT n FROM quotes WHERE doc = ?)", (n,))
            c.execute("DELETE FROM doc_fts WHERE rowid = ?", (n,))
            c.execute("DELETE FROM docs WHERE n = ?", (n,))  # sources, quotes, claims by cascade
        return keys

    def remove(self, doc_ids: Iterable[str]) -> None:
        """Forget documents (they left the cache)."""
        if not self.writable:
            return
        with self.transaction():
            self._total(self._delete(doc_ids))

    def clear(self) -> None:
        with self._lock:
            for table in ("quote_fts", "doc_fts", "source_totals", "claims", "quotes", "sources", "docs"):
                self._conn.execute(f"DELETE FROM {table}")

    # -- reading -------------------------------------------------------------
    def count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM docs").fetchone()[0])

    def indexed_ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT id FROM docs")}

    def source_groups(self, kind: str | None = None) -> list[SourceGroup]:
        """Every key with its totals: names used (and how often), articles, quotes, claims,
        first and last seen; read from ``source_totals`` (one row per key)."""
        where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        sql = (
            "SELECT key, scoped, kind, names, articles, quotes, claims, first_seen, last_seen, description, "
            f"outlet, docs FROM source_totals {where}"
        )
        out = []
        with self._lock:
            found = self._conn.execute(sql, params).fetchall()
        for r in found:
            if "\x1f" in r[3]:
                names: dict[str, int] = {}
                for name in r[3].split("\x1f"):
                    names[name] = names.get(name, 0) + 1
            else:
                names = {r[3]: 1}
            out.append(
                SourceGroup(
                    key=r[0],
                    scoped=bool(r[1]),
                    kind=r[2],
                    names=names,
                    articles=r[4],
                    quotes=r[5] or 0,
                    claims=r[6] or 0,
                    first_seen=r[7],
                    last_seen=r[8],
                    description=r[9] or "",
                    outlet=r[10],
                    doc_list=r[11],
                )
            )
        return out

    def appearances(self, keys: Sequence[str]) -> list[dict[str, object]]:
        """For sources with these keys: one row per article (doc id, title, published,
        source id, name, description), newest first."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        sql = (
            "SELECT d.id AS doc_id, d.title, d.published, d.seen, d.source AS path, s.source_id, s.name, "
            "s.description, s.kind, s.key FROM sources s JOIN docs d ON d.n = s.doc "
            f"WHERE s.key IN ({marks}) ORDER BY d.seen DESC, d.title"
        )
        with self._lock:
            return rows(self._conn, sql, *keys)

    def quotes_of(self, doc_id: str, source_ids: Sequence[str]) -> list[dict[str, object]]:
        marks = ",".join("?" * len(source_ids))
        sql = (
            'SELECT q.quote_id, q.start, q."end", q.text, q.direct, q.mixed, q.source_id, q.speaker '
            f"FROM quotes q JOIN docs d ON d.n = q.doc WHERE d.id = ? AND q.source_id IN ({marks}) ORDER BY q.start"
        )
        with self._lock:
            return rows(self._conn, sql, doc_id, *source_ids)

    def claims(
        self, doc_ids: Sequence[str] | None = None, keys: Sequence[str] | None = None
    ) -> list[dict[str, object]]:
        """Claims with their article and source (key, name), in article order; all
        articles', or those of ``doc_ids``, or those of the sources with ``keys``."""
        conditions: list[str] = []
        params: tuple[str, ...] = ()
        if doc_ids is not None:
            conditions.append(f"d.id IN ({','.join('?' * len(doc_ids))})")
            params += tuple(doc_ids)
        if keys is not None:
            conditions.append(f"s.key IN ({','.join('?' * len(keys))})")
            params += tuple(keys)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (
            'SELECT d.id AS doc_id, d.title, d.published, d.seen, c.claim_id, c.start, c."end", c.text, c.cue, '
            "c.source_id, s.key, s.name, s.kind FROM claims c JOIN docs d ON d.n = c.doc "
            f"LEFT JOIN sources s ON s.doc = c.doc AND s.source_id = c.source_id {where} "
            "ORDER BY d.seen DESC, d.n, c.start"
        )
        with self._lock:
            return rows(self._conn, sql, *params)

    def claim_count(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0])

    def search(
        self,
        match: str,
        *,
        limit: int = 20,
        since: str | None = None,
        doc_ids: Sequence[str] | None = None,
        source_keys: Sequence[str] | None = None,
        columns: str | None = None,
    ) -> list[Hit]:
        """Articles matching an FTS5 query, best first (bm25; a title match weighs most),
        with a snippet of the body. ``columns`` restricts the match ("quotes")."""
        query = f"{{{columns}}} : ({match})" if columns else match
        where, params = _filters(since, doc_ids, source_keys)
        snippet_col = 2 if columns == "quotes" else 1
        # Rank every match, then make snippets of the ``limit`` best only: in one SELECT,
        # SQLite computes snippet() for each matching row before sorting (a common word
        # over 10,000 articles: 57 ms, 33 this way). Left to the planner, the outer query
        # walks the matches and joins the best by an automatic index; forcing a rowid lookup
        # per best row (CROSS JOIN) re-expands a prefix query each time (co*: 60 -> 440 ms).
        best = (
            "SELECT d.n AS n, bm25(doc_fts, 10.0, 1.0, 2.0, 4.0) AS rank "
            f"FROM doc_fts JOIN docs d ON d.n = doc_fts.rowid WHERE doc_fts MATCH ? {where} ORDER BY rank LIMIT ?"
        )
        sql = (
            f"SELECT d.id, d.title, d.published, d.source, snippet(doc_fts, {snippet_col}, ?, ?, '…', 24), best.rank "
            f"FROM ({best}) AS best JOIN docs d ON d.n = best.n JOIN doc_fts ON doc_fts.rowid = best.n "
            "WHERE doc_fts MATCH ? ORDER BY best.rank"
        )
        found = self._query(sql, (MARK_START, MARK_END, query, *params, limit, query))
        return [Hit(r[0], r[1], r[2], r[3], r[4], r[5]) for r in found]

    def search_quotes(
        self,
        match: str,
        *,
        limit: int = 20,
        since: str | None = None,
        doc_ids: Sequence[str] | None = None,
        source_keys: Sequence[str] | None = None,
    ) -> list[Hit]:
        """Quotes matching an FTS5 query (in what was said, or who said it), best first; with
        ``source_keys``, only what those sources said. The speaker is the source's name when
        the quote has one ("Barack Obama", where the text says "he")."""
        where, params = _filters(since, doc_ids, None)
        if source_keys is not None:
            where += f" AND s.key IN ({','.join('?' * len(source_keys))})"
            params += tuple(source_keys)
        sql = (
            "SELECT d.id, d.title, d.published, d.source, highlight(quote_fts, 0, ?, ?), bm25(quote_fts) AS rank, "
            'q.quote_id, q.start, q."end", COALESCE(s.name, q.speaker) FROM quote_fts '
            "JOIN quotes q ON q.n = quote_fts.rowid JOIN docs d ON d.n = q.doc "
            "LEFT JOIN sources s ON s.doc = q.doc AND s.source_id = q.source_id "
            f"WHERE quote_fts MATCH ? {where} ORDER BY rank LIMIT ?"
        )
        found = self._query(sql, (MARK_START, MARK_END, match, *params, limit))
        return [Hit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]) for r in found]

    def highlight(self, doc_id: str, match: str) -> str | None:
        """The document's body with MARK_START / MARK_END around every matched word, or None
        when the document does not match (or is not indexed)."""
        sql = (
            "SELECT highlight(doc_fts, 1, ?, ?) FROM doc_fts JOIN docs d ON d.n = doc_fts.rowid "
            "WHERE doc_fts MATCH ? AND d.id = ?"
        )
        found = self._query(sql, (MARK_START, MARK_END, match, doc_id))
        return found[0][0] if found else None

    def _query(self, sql: str, params: tuple[object, ...]) -> list[Any]:
        with self._lock:
            try:
                return list(self._conn.execute(sql, params))
            except sqlite3.OperationalError as exc:
                # SQLITE_ERROR (1) from a MATCH is the query's fault ("fts5: syntax error near
                # ...", "unterminated string", "no such column", "unknown special query");
                # busy, locked, I/O and the like are the file's and are raised as they are.
                if getattr(exc, "sqlite_errorcode", 1) & 0xFF == 1:
                    raise QueryError(str(exc).removeprefix("fts5: ")) from exc
                raise


def _filters(
    since: str | None, doc_ids: Sequence[str] | None, source_keys: Sequence[str] | None
) -> tuple[str, tuple[object, ...]]:
    where: list[str] = []
    params: list[object] = []
    if since:
        where.append("d.seen >= ?")
        params.append(since)
    if doc_ids is not None:
        where.append(f"d.id IN ({','.join('?' * len(doc_ids))})")
        params.extend(doc_ids)
    if source_keys is not None:
        where.append(f"d.n IN (SELECT doc FROM sources WHERE key IN ({','.join('?' * len(source_keys))}))")
        params.extend(source_keys)
    return "".join(f" AND {w}" for w in where), tuple(params)


def _schema(conn: sqlite3.Connection, notices: list[str]) -> bool:
    """Create the tables; an index of another version is emptied (it is rebuilt from the cache)."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError:
        row = None
    try:
        if row is not None and row[0] != SCHEMA_VERSION:
            for table in ("quote_fts", "doc_fts", "source_totals", "claims", "quotes", "sources", "docs"):
                conn.execute(f"DROP TABLE IF EXISTS {table}")
            notices.append("The library index was from another version; run `newsreader index rebuild`.")
        conn.executescript(_DDL)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    except sqlite3.OperationalError as exc:
        if not is_read_only(exc):
            raise
        notices.append(f"The library index is read-only ({exc}); new articles are not added to it.")
        return False
    return True
