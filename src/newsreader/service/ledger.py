"""The ledger: who said what across the whole library, and full-text search.

Every document that enters the cache is indexed (:class:`Indexer`, a cache listener
attached by ``open_cache``); ``newsreader index rebuild`` indexes the whole cache again.
Sources are keyed by ``analysis/identity.py`` as they are indexed; people named in part
("Obama") are merged with the one longer name they stand for, and anonymous sources of
one outlet are grouped (as a guess), when the ledger is read, so the whole library
decides.

The CLI (``sources``, ``source``, ``claims``, ``search``, ``index``) and the app's
Sources and Search screens call these functions and nothing else.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from ..analysis import identity
from ..model import Document
from ..model.vocabulary import STATUSES
from ..store import DocumentCache
from ..store import index as index_module
from ..store.index import MARK_END, MARK_START, Hit, IndexedDocument, LibraryIndex, QueryError, SourceGroup

__all__ = [
    "MARK_END",
    "MARK_START",
    "Hit",
    "Indexer",
    "LedgerSource",
    "QueryError",
    "SourceNotFound",
    "claims",
    "find_sources",
    "indexed",
    "match_spans",
    "prepare_query",
    "rebuild",
    "search",
    "source_record",
    "sources",
]

SOURCE_KINDS = ("person", "organization", "anonymous", "document", "unknown")
#: Review states the ``claims --status`` filter takes: the verdicts, contested (reviewers
#: differ), unreviewed and reviewed (any verdict, contested included).
CLAIM_STATES = (*STATUSES, "contested", "unreviewed", "reviewed")
_STDIN = "-"


class SourceNotFound(LookupError):
    """No source, or several different ones, answer to a name: the message says which."""


# -- indexing -----------------------------------------------------------------------------


def outlet(source: str) -> str | None:
    """Who published an article: the host of its address ("www.example.org" ->
    "example.org"); None for a local file, which says nothing about its outlet."""
    if not source.startswith(("http://", "https://")):
        return None
    host = (urlsplit(source).hostname or "").lower()
    return host.removeprefix("www.") or None


def indexed(doc: Document) -> IndexedDocument:
    """What the index keeps of a document: its sources keyed by identity, its quotes and
    claims with their sources."""
    rows = []
    for s in doc.sources:
        ident = identity.source_identity(s.kind, s.name, s.description, doc_id=doc.id, source_id=s.id)
        rows.append(
            index_module.SourceRow(
                s.id, ident.key, ident.scoped, s.kind, s.name, s.description, len(s.quote_ids), len(s.claim_ids)
            )
        )
    quotes = tuple(
        index_module.QuoteRow(
            q.id,
            q.start,
            q.end,
            q.text,
            q.direct,
            q.mixed,
            q.speaker.source_id if q.speaker else None,
            q.speaker.text if q.speaker else None,
        )
        for q in doc.quotes
    )
    claims = tuple(index_module.ClaimRow(c.id, c.start, c.end, c.text, c.source_id, c.cue) for c in doc.claims)
    return IndexedDocument(
        doc.id, doc.title, doc.published, doc.source, outlet(doc.source), doc.text, tuple(rows), quotes, claims
    )


class Indexer:
    """Keeps the library index in step with the document cache (a cache listener). The index
    file is opened on first use, not with the cache: opening an article never waits for it."""

    def __init__(self, path: Path | None = None, notices: list[str] | None = None) -> None:
        self.path = path
        #: Shared with the cache's notices when attached by ``open_cache``: whoever shows
        #: the cache's notices (``parse`` as it goes, the app) shows the index's too.
        self.notices: list[str] = notices if notices is not None else []
        self._index: LibraryIndex | None = None
        self._failed = False
        self._lock = threading.Lock()

    @property
    def index(self) -> LibraryIndex | None:
        """The index, opened now if need be; None (with a notice) when it can't be."""
        with self._lock:
            if self._index is None and not self._failed:
                try:
                    self._index = LibraryIndex(self.path)
                except (OSError, sqlite3.Error) as exc:
                    self._failed = True
                    self.notices.append(f"The library index is unavailable ({exc}); search and sources are off.")
                    return None
                self.notices.extend(self._index.notices)
            return self._index

    def added(self, docs: list[Document]) -> None:
        index = self.index
        if index is not None:
            try:
                index.put([indexed(d) for d in docs if d.source != _STDIN])
            except sqlite3.Error as exc:
                self.notices.append(f"The library index could not be updated ({exc}); run `newsreader index rebuild`.")

    def removed(self, doc_ids: list[str] | None) -> None:
        index = self.index
        if index is not None:
            try:
                if doc_ids is None:
                    index.clear()
                else:
                    index.remove(doc_ids)
            except sqlite3.Error as exc:
                self.notices.append(f"The library index could not be updated ({exc}); run `newsreader index rebuild`.")

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None


def rebuild(cache: DocumentCache, index: LibraryIndex, advance: Callable[[], None] = lambda: None) -> int:
    """Index every cached document again (its latest version), from an empty index; the
    number indexed."""
    index.clear()
    batch: list[IndexedDocument] = []
    count = 0
    for doc in cache.iter_latest():
        if doc.source == _STDIN:
            continue
        batch.append(indexed(doc))
        count += 1
        advance()
        if len(batch) >= 200:
            index.put(batch)
            batch = []
    index.put(batch)
    return count


# -- sources --------------------------------------------------------------------------------


@dataclass(slots=True)
class LedgerSource:
    """A source across the library: one person (however named), one organisation, or one
    article's generic or anonymous source. ``guess``: anonymous sources grouped because one
    outlet described them alike within days — maybe one person, maybe not."""

    name: str
    kind: str
    keys: tuple[str, ...]
    articles: int
    quotes: int
    claims: int
    first_seen: str
    last_seen: str
    description: str = ""
    scoped: bool = False
    guess: bool = False
    names: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "kind": self.kind,
            "articles": self.articles,
            "quotes": self.quotes,
            "claims": self.claims,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "names": list(self.names),
            "description": self.description,
            "per_article": self.scoped and not self.guess,
            "guess": self.guess,
        }


def sources(index: LibraryIndex, kind: str | None = None) -> list[LedgerSource]:
    """Every source in the library, most articles first (then most quotes, then name)."""
    groups = index.source_groups(kind)
    merged = _merge(groups)
    merged.sort(key=lambda s: (-s.articles, -s.quotes, -s.claims, s.name.casefold()))
    return merged


def _merge(groups: list[SourceGroup]) -> list[LedgerSource]:
    people = {g.key.removeprefix("person:"): g for g in groups if g.kind == "person" and not g.scoped}
    into = identity.merge_people(people)
    anonymous = [g for g in groups if g.kind == "anonymous"]
    grouped = identity.group_anonymous(
        identity.AnonymousMention(g.key, g.outlet, g.description, g.first_seen) for g in anonymous
    )
    heads = set(grouped.values())  # a set: `in grouped.values()` scanned every value for every source
    members: dict[str, list[SourceGroup]] = defaultdict(list)
    for g in groups:
        if g.kind == "person" and not g.scoped:
            head = "person:" + into.get(g.key.removeprefix("person:"), g.key.removeprefix("person:"))
        else:
            head = grouped.get(g.key, g.key)
        members[head].append(g)
    out = []
    for head, parts in members.items():
        if len(parts) == 1 and len(parts[0].names) == 1:  # most keys: one article's source, one name
            g = parts[0]
            (name,) = g.names
            out.append(
                LedgerSource(
                    name,
                    g.kind,
                    (g.key,),
                    g.articles,
                    g.quotes,
                    g.claims,
                    g.first_seen,
                    g.last_seen,
                    g.description,
                    g.scoped,
                    head in heads,
                    (name,),
                )
            )
            continue
        names: dict[str, int] = defaultdict(int)
        for p in parts:
            for name, n in p.names.items():
                names[name] += n
        docs = frozenset().union(*(p.docs() for p in parts))
        guess = head in heads
        out.append(
            LedgerSource(
                name=identity.display_name(names) if parts[0].kind == "person" else _most_used(names),
                kind=parts[0].kind,
                keys=tuple(sorted(p.key for p in parts)),
                articles=len(docs),
                quotes=sum(p.quotes for p in parts),
                claims=sum(p.claims for p in parts),
                first_seen=min(p.first_seen for p in parts),
                last_seen=max(p.last_seen for p in parts),
                description=parts[0].description,
                scoped=parts[0].scoped,
                guess=guess,
                names=tuple(sorted(names, key=lambda n: (-names[n], n))),
            )
        )
    return out


def _most_used(names: dict[str, int]) -> str:
    return max(names, key=lambda n: (names[n], n))


def find_sources(index: LibraryIndex, name: str, kind: str | None = None) -> list[LedgerSource]:
    """The sources answering to ``name``: those with a name equal to it once folded
    ("obama", "President Obama" for Barack Obama), else the one whose names contain it.
    A generic description ("the government") answers with each article's own source.
    :class:`SourceNotFound` when none does, or when several different ones contain it."""
    wanted = identity.fold(name)
    person = identity.person_name(name)
    if not wanted:
        raise SourceNotFound("give a source's name")
    every = sources(index, kind)
    if person:  # "Obama" is the one longer name it is part of, as when sources are merged
        people = {identity.person_name(n) for s in every if s.kind == "person" and not s.scoped for n in s.names}
        person = identity.merge_people(people | {person}).get(person, person)
    exact, partial = [], []
    for s in every:
        forms = {identity.fold(n) for n in s.names} | {identity.person_name(n) for n in s.names}
        if wanted in forms or (person and person in forms and s.kind == "person"):
            exact.append(s)
        elif any(wanted in f for f in forms):
            partial.append(s)
    if exact:
        return exact
    specific = [s for s in partial if not s.scoped]
    if len(specific) > 1:
        listed = ", ".join(s.name for s in specific[:5]) + (" …" if len(specific) > 5 else "")
        raise SourceNotFound(f"{name!r} matches {len(specific)} sources ({listed}); give the full name")
    if not partial:
        raise SourceNotFound(f"no source named {name!r} in the library (see `newsreader sources`)")
    return specific or partial


# -- what a source said, and claims --------------------------------------------------------


@dataclass(frozen=True)
class LedgerQuote:
    quote_id: str
    text: str
    start: int
    end: int
    direct: bool
    mixed: bool
    speaker: str | None


@dataclass(frozen=True)
class LedgerClaim:
    doc_id: str
    title: str
    published: str | None
    claim_id: str
    text: str
    start: int
    end: int
    source: str | None
    source_kind: str | None
    status: str | None
    note: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "published": self.published,
            "claim_id": self.claim_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "source": self.source,
            "source_kind": self.source_kind,
            "status": self.status or "unreviewed",
            "note": self.note,
        }


@dataclass(frozen=True)
class Appearance:
    """One article in which a source speaks: its quotes and its claims, with review status."""

    doc_id: str
    title: str
    published: str | None
    name: str
    description: str
    quotes: tuple[LedgerQuote, ...]
    claims: tuple[LedgerClaim, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "published": self.published,
            "name": self.name,
            "description": self.description,
            "quotes": [
                {
                    "id": q.quote_id,
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "direct": q.direct,
                    "mixed": q.mixed,
                    "speaker": q.speaker,
                }
                for q in self.quotes
            ],
            "claims": [c.to_dict() for c in self.claims],
        }


class ReviewLookup:
    """Review status and note by (document, claim), from the review store's rows: matched by
    claim id and text, else by text (the claim's id may have moved); reviewer-added and
    dismissed claims from the claim edits."""

    def __init__(self, reviews: list[dict[str, object]], edits: list[dict[str, object]]) -> None:
        self._by_id: dict[tuple[str, str], dict[str, object]] = {}
        self._by_text: dict[tuple[str, str], dict[str, object]] = {}
        for r in reviews:
            doc, cid, text = str(r["doc_id"]), str(r["claim_id"]), str(r["claim_text"])
            self._by_id[(doc, cid)] = r
            self._by_text[(doc, text)] = r
        self.reviewed_docs = {str(r["doc_id"]) for r in reviews}
        self.dismissed = {(str(e["doc_id"]), str(e["claim_text"])) for e in edits if e["kind"] == "dismissed"}
        self.added: dict[str, list[dict[str, object]]] = defaultdict(list)
        for e in edits:
            if e["kind"] == "added":
                self.added[str(e["doc_id"])].append(e)

    def review(self, doc_id: str, claim_id: str, text: str) -> dict[str, object] | None:
        row = self._by_id.get((doc_id, claim_id))
        if row is not None and row["claim_text"] == text:
            return row
        return self._by_text.get((doc_id, text))


class ReviewRows(Protocol):
    """What the ledger reads of a review store (``ReviewStore.ledger``)."""

    def ledger(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]: ...


def review_lookup(reviews: ReviewRows | None) -> ReviewLookup:
    """The lookup over a review store; empty without one."""
    if reviews is None:
        return ReviewLookup([], [])
    rows, edits = reviews.ledger()
    return ReviewLookup(rows, edits)


def _claim(row: dict[str, object], lookup: ReviewLookup) -> LedgerClaim | None:
    doc_id, text = str(row["doc_id"]), str(row["text"])
    if (doc_id, text) in lookup.dismissed:
        return None
    review = lookup.review(doc_id, str(row["claim_id"]), text)
    return LedgerClaim(
        doc_id=doc_id,
        title=str(row["title"]),
        published=row["published"] if isinstance(row["published"], str) else None,
        claim_id=str(row["claim_id"]),
        text=text,
        start=int(row["start"]),  # type: ignore[call-overload]
        end=int(row["end"]),  # type: ignore[call-overload]
        source=row.get("name") if isinstance(row.get("name"), str) else None,  # type: ignore[arg-type]
        source_kind=row.get("kind") if isinstance(row.get("kind"), str) else None,  # type: ignore[arg-type]
        status=str(review["status"]) if review is not None else None,
        note=str(review["note"] or "") if review is not None else "",
    )


def source_record(index: LibraryIndex, reviews: ReviewRows | None, found: Sequence[LedgerSource]) -> list[Appearance]:
    """What these sources said, article by article (newest first): quotes and claims with
    their review status."""
    keys = [k for s in found for k in s.keys]
    lookup = review_lookup(reviews)
    by_doc: dict[str, list[dict[str, object]]] = defaultdict(list)
    order: list[str] = []
    for row in index.appearances(keys):
        doc_id = str(row["doc_id"])
        if doc_id not in by_doc:
            order.append(doc_id)
        by_doc[doc_id].append(row)
    claim_rows = index.claims(order) if order else []
    out = []
    for doc_id in order:
        rows = by_doc[doc_id]
        ids = {str(r["source_id"]) for r in rows}
        quotes = tuple(
            LedgerQuote(
                str(q["quote_id"]),
                str(q["text"]),
                int(q["start"]),  # type: ignore[call-overload]
                int(q["end"]),  # type: ignore[call-overload]
                bool(q["direct"]),
                bool(q["mixed"]),
                q["speaker"] if isinstance(q["speaker"], str) else None,
            )
            for q in index.quotes_of(doc_id, sorted(ids))
        )
        claims_here = tuple(
            c
            for r in claim_rows
            if r["doc_id"] == doc_id and str(r["source_id"]) in ids
            if (c := _claim(r, lookup)) is not None
        )
        first = rows[0]
        out.append(
            Appearance(
                doc_id,
                str(first["title"]),
                first["published"] if isinstance(first["published"], str) else None,
                str(first["name"]),
                str(first["description"]),
                quotes,
                claims_here,
            )
        )
    return out


def claims(
    index: LibraryIndex,
    reviews: ReviewRows | None,
    *,
    source: Sequence[LedgerSource] | None = None,
    status: str | None = None,
) -> list[LedgerClaim]:
    """Claims across the library (newest article first, then text order), with source and
    review status; only a source's with ``source``, only one state with ``status`` (a
    verdict, "unreviewed" or "reviewed"). Reviewer-added claims are included, dismissed
    ones left out."""
    if status is not None and status not in CLAIM_STATES:
        raise ValueError(f"unknown status {status!r}; expected one of {', '.join(CLAIM_STATES)}")
    lookup = review_lookup(reviews)
    keys = sorted({k for s in source for k in s.keys}) if source is not None else None
    # Reviewed claims live in the few articles someone reviewed: only those are read.
    docs = sorted(lookup.reviewed_docs | set(lookup.added)) if status not in (None, "unreviewed") else None
    rows = index.claims(doc_ids=docs, keys=keys)
    out: list[LedgerClaim] = []
    titles: dict[str, tuple[str, str | None]] = {}
    for row in rows:
        titles.setdefault(str(row["doc_id"]), (str(row["title"]), row["published"]))  # type: ignore[arg-type]
        claim = _claim(row, lookup)
        if claim is not None:
            out.append(claim)
    if keys is None:
        for doc_id, edits in lookup.added.items():
            if doc_id not in titles:
                continue
            title, published = titles[doc_id]
            for e in edits:
                review = lookup.review(doc_id, str(e["claim_id"]), str(e["claim_text"]))
                out.append(
                    LedgerClaim(
                        doc_id,
                        title,
                        published,
                        str(e["claim_id"]),
                        str(e["claim_text"]),
                        int(e["start"]),  # type: ignore[call-overload]
                        int(e["end"]),  # type: ignore[call-overload]
                        None,
                        None,
                        str(review["status"]) if review is not None else None,
                        str(review["note"] or "") if review is not None else "",
                    )
                )
    if status == "reviewed":
        return [c for c in out if c.status is not None]
    if status == "unreviewed":
        return [c for c in out if c.status is None]
    if status is not None:
        return [c for c in out if c.status == status]
    return out


# -- search -----------------------------------------------------------------------------------

_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_BAREWORD = re.compile(r"[\w\u0080-\U0010ffff]+\*?")
_TOKEN = re.compile(r'"[^"]*"?|\S+')


def prepare_query(query: str, *, prefix: bool = False) -> str:
    """An FTS5 query from what a person typed. FTS5 syntax passes through ("quoted
    phrases", AND/OR/NOT, prefix*, NEAR(...), column:term); a plain word with punctuation in
    it ("covid-19", "U.S.", "O'Brien") becomes the phrase it means instead of a syntax
    error. A stray quote or a lone ``*`` is left for FTS5 to reject (:class:`QueryError`).
    With ``prefix`` (search as you type) the last plain word matches as a prefix."""
    parts = []
    tokens = _TOKEN.findall(query)
    for token in tokens:
        if (
            token.startswith('"')
            or token.upper().startswith("NEAR(")
            or token in _OPERATORS
            or token in ("*", "(", ")")
            or _BAREWORD.fullmatch(token)
        ):
            parts.append(token)
            continue
        core = token.strip("()")
        if core and '"' not in core and ":" not in core and "*" not in core.rstrip("*") and core not in _OPERATORS:
            lead, trail = token[: len(token) - len(token.lstrip("("))], token[len(token.rstrip(")")) :]
            parts.append(f'{lead}"{core}"{trail}')
        else:
            parts.append(token)
    last = parts[-1] if parts else ""
    if prefix and _BAREWORD.fullmatch(last) and not last.endswith("*") and last not in _OPERATORS and len(last) > 1:
        parts[-1] += "*"  # one letter would match most of the library: it waits for the second
    return " ".join(parts)


def search(
    index: LibraryIndex,
    query: str,
    *,
    source: Sequence[LedgerSource] | None = None,
    since: str | None = None,
    doc_ids: Iterable[str] | None = None,
    quotes: bool = False,
    limit: int = 20,
    prefix: bool = False,
) -> list[Hit]:
    """Articles (or, with ``quotes``, what sources said) matching ``query``, best first.
    Filters: a source's articles, published (or first seen) on or after ``since``
    (YYYY-MM-DD), among ``doc_ids`` (a feed's entries). :class:`QueryError` for a query
    FTS5 can't read."""
    match = prepare_query(query, prefix=prefix)
    if not match.strip():
        return []
    keys = [k for s in source for k in s.keys] if source is not None else None
    ids = list(doc_ids) if doc_ids is not None else None
    if quotes:
        return index.search_quotes(match, limit=limit, since=since, doc_ids=ids, source_keys=keys)
    return index.search(match, limit=limit, since=since, doc_ids=ids, source_keys=keys)


def match_spans(index: LibraryIndex, doc_id: str, query: str, *, prefix: bool = False) -> list[tuple[int, int]]:
    """Where a query matches in a document's text, as (start, end) offsets of the matched
    words (for highlighting the opened article); empty when it does not match."""
    try:
        marked = index.highlight(doc_id, prepare_query(query, prefix=prefix))
    except QueryError:
        return []
    return marks(marked) if marked is not None else []


def marks(marked: str) -> list[tuple[int, int]]:
    """Offsets, in the text without marks, of the spans between MARK_START and MARK_END."""
    spans, plain_len, start = [], 0, None
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            start = plain_len
        elif piece == MARK_END:
            if start is not None:
                spans.append((start, plain_len))
            start = None
        else:
            plain_len += len(piece)
    return spans


def plain_snippet(snippet: str) -> tuple[str, list[tuple[int, int]]]:
    """A snippet without its marks, and where the marks were."""
    return snippet.replace(MARK_START, "").replace(MARK_END, ""), marks(snippet)
