"""The ledger rows of ``make bench`` (issue 22): a 10,000-article library in a document
cache and its library index, then search vs a linear scan, search latency, ``sources``
and ``claims`` over the whole library, and what indexing adds to parsing.

The library: the article files are parsed once (``parse_texts``), then each parsed
document is re-used whole under a new id, title, publication date and address
(``dataclasses.replace``), so every span stays valid and nothing is parsed twice; the
copies go through ``DocumentCache.put_many`` with the :class:`Indexer` attached, 64 at a
time (the chunk ``newsreader parse`` stores), as they would enter a real library. Texts
repeat (240 texts, ~42 copies each for 10,000), so a word's share of articles is the
corpus's, which is what search and scan costs follow; the vocabulary is the corpus's, so
a prefix query expands to fewer terms than in a library of 10,000 different texts, and a
person is one of ~240 articles' people (each in ~42 articles). The addresses name 24
outlets and the dates spread over three years, so anonymous sources are grouped by
outlet and date as in a real library.

``run.py`` turns the :class:`Figure` s this yields into its rows.
"""

from __future__ import annotations

import hashlib
import heapq
import random
import re
import sqlite3
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsreader.model import Document
    from newsreader.store.index import LibraryIndex

Alternate = Callable[[dict[str, Callable[[], float]], int], dict[str, float]]

BATCH = 64  # documents per put_many: the chunk newsreader parse stores (service/documents.py)
OUTLETS = 24
DAYS = 3 * 365
LIMIT = 20  # hits per search, as the app and the CLI ask
LATENCY_QUERIES = 200
_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Figure:
    """One row for run.py's report (same fields as its ``Row``, plus the summary key)."""

    name: str
    ours: float | None
    base: float | None
    unit: str = "s"
    ratio: float | None = None
    target: str = ""
    note: str = ""
    key: str | None = None


# -- the library -----------------------------------------------------------------------


def parse_files(files: Sequence[str]) -> tuple[list[Document], float, int]:
    """(documents, parse seconds without the model load, words) of the article files."""
    from newsreader.analysis import parse_texts
    from newsreader.analysis.nlp import DEFAULT_MODEL, load_nlp
    from newsreader.ingest import read_input

    articles = [read_input(f) for f in files]
    load_nlp(DEFAULT_MODEL)
    t0 = time.perf_counter()
    docs = list(parse_texts(articles))
    return docs, time.perf_counter() - t0, sum(len(d.text.split()) for d in docs)


def variants(docs: Sequence[Document], n: int, seed: int = 22) -> Iterator[Document]:
    """``n`` distinct documents: ``docs`` in turn, each copy under a new id, title, date and
    address (text and spans unchanged)."""
    rng = random.Random(seed)
    first = date(2023, 1, 1)
    for i in range(n):
        base = docs[i % len(docs)]
        copy = i // len(docs)
        day = first + timedelta(days=rng.randrange(DAYS))
        outlet = f"news{rng.randrange(OUTLETS):02d}.example.com"
        slug = re.sub(r"[^a-z0-9]+", "-", base.title.casefold()).strip("-")[:60]
        yield replace(
            base,
            id=hashlib.sha256(f"{base.id}/{i}".encode()).hexdigest(),
            title=base.title if copy == 0 else f"{base.title} (update {copy})",
            published=day.isoformat(),
            source=f"https://www.{outlet}/{day:%Y/%m/%d}/{slug}-{i}",
        )


class _TimedIndexer:
    """An Indexer whose ``added`` is timed (the indexing share of the library build)."""

    def __init__(self, path: Path) -> None:
        from newsreader.service.ledger import Indexer

        self.inner = Indexer(path)
        self.seconds = 0.0

    def added(self, docs: list[Document]) -> None:
        t0 = time.perf_counter()
        self.inner.added(docs)
        self.seconds += time.perf_counter() - t0

    def removed(self, doc_ids: list[str] | None) -> None:
        self.inner.removed(doc_ids)

    def close(self) -> None:
        self.inner.close()


def build_library(folder: Path, docs: Sequence[Document], n: int) -> tuple[float, float]:
    """Put ``n`` variants of ``docs`` into a cache with the indexer attached, ``BATCH`` at a
    time; (total seconds, seconds in the indexer)."""
    from newsreader.analysis.nlp import DEFAULT_MODEL
    from newsreader.analysis.version import pipeline_version
    from newsreader.store import DocumentCache
    from newsreader.store import cache as cache_module
    from newsreader.store import index as index_module

    folder.mkdir(parents=True, exist_ok=True)
    version = pipeline_version(DEFAULT_MODEL)
    indexer = _TimedIndexer(folder / index_module.FILENAME)
    t0 = time.perf_counter()
    with DocumentCache(folder / cache_module.FILENAME) as cache:
        cache.listeners.append(indexer)
        batch: list[Document] = []
        for doc in variants(docs, n):
            batch.append(doc)
            if len(batch) == BATCH:
                cache.put_many(batch, version)
                batch = []
        if batch:
            cache.put_many(batch, version)
        if indexer.inner.notices:
            raise RuntimeError("; ".join(indexer.inner.notices))
    return time.perf_counter() - t0, indexer.seconds


def put_docs(folder: Path, docs: Sequence[Document], with_index: bool) -> float:
    """Seconds to put ``docs`` into a fresh cache, ``BATCH`` at a time, with or without the
    indexer (opening the files not counted)."""
    from newsreader.analysis.nlp import DEFAULT_MODEL
    from newsreader.analysis.version import pipeline_version
    from newsreader.service.ledger import Indexer
    from newsreader.store import DocumentCache
    from newsreader.store import cache as cache_module
    from newsreader.store import index as index_module

    folder.mkdir(parents=True)
    version = pipeline_version(DEFAULT_MODEL)
    with DocumentCache(folder / cache_module.FILENAME) as cache:
        if with_index:
            indexer = Indexer(folder / index_module.FILENAME)
            assert indexer.index is not None  # opened now: the app opens it on first use, not per put
            cache.listeners.append(indexer)
        t0 = time.perf_counter()
        for i in range(0, len(docs), BATCH):
            cache.put_many(list(docs[i : i + BATCH]), version)
        return time.perf_counter() - t0


# -- queries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    kind: str  # rare, medium, common, phrase, prefix
    query: str  # what a person types
    needle: str  # what the linear scan looks for (casefolded)
    prefix: bool = False  # search-as-you-type: the last word matches as a prefix


def word_frequencies(docs: Sequence[Document]) -> tuple[Counter[str], Counter[str]]:
    """(words, two-word phrases) by the number of documents they occur in (casefolded)."""
    words: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for d in docs:
        tokens = _WORD.findall(d.text.casefold())
        words.update(set(tokens))
        pairs.update({f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if len(a) > 3 and len(b) > 3})
    return words, pairs


def _nearest(freq: Counter[str], share: float, total: int, min_len: int = 4) -> str:
    want = share * total
    return min((w for w in freq if len(w) >= min_len), key=lambda w: (abs(freq[w] - want), w))


def pick_terms(docs: Sequence[Document]) -> list[Term]:
    """A rare word (in one article in 240), a medium one (~10%), the commonest word of four
    letters or more, a two-word phrase (~5%), and the first three letters of the medium
    word as search-as-you-type sends them (``tax*``)."""
    words, pairs = word_frequencies(docs)
    total = len(docs)
    rare = min((w for w, n in words.items() if n == 1 and len(w) >= 7), key=lambda w: (-len(w), w))
    medium = _nearest(words, 0.10, total, 5)
    common = max((w for w in words if len(w) >= 4), key=lambda w: (words[w], w))
    phrase = _nearest(pairs, 0.05, total)
    stem = medium[:3]
    return [
        Term("rare", rare, rare),
        Term("medium", medium, medium),
        Term("common", common, common),
        Term("phrase", f'"{phrase}"', phrase),
        Term("prefix", stem, stem, prefix=True),
    ]


def latency_queries(docs: Sequence[Document], n: int, seed: int = 22) -> list[tuple[str, bool]]:
    """``n`` (query, prefix) pairs: words across the whole frequency range, two-word phrases,
    two-word queries, and words typed letter by letter (``ta*``, ``tax*``, ``taxe*`` ...)."""
    rng = random.Random(seed)
    words, pairs = word_frequencies(docs)
    vocab = sorted(w for w in words if len(w) >= 4)
    by_df = sorted(vocab, key=lambda w: (words[w], w))
    common_pairs = [p for p, _ in pairs.most_common(500)]
    out: list[tuple[str, bool]] = []
    while len(out) < n:
        pick = rng.random()
        if pick < 0.35:  # a word, from rare to common evenly over the frequency ranking
            out.append((by_df[rng.randrange(len(by_df))], False))
        elif pick < 0.5:
            out.append((f'"{rng.choice(common_pairs)}"', False))
        elif pick < 0.6:
            out.append((f"{rng.choice(vocab)} {rng.choice(vocab)}", False))
        else:  # typed: every prefix from two letters on
            word = rng.choice(vocab)
            out.extend((word[:k], True) for k in range(2, len(word) + 1))
    return out[:n]


#: Where a search without an index reads the texts: the document cache (the cached texts
#: inside the documents' JSON, taken out by SQLite's json_extract), and, for comparison,
#: the index's own plain body column (the cheapest scan there could be).
SCAN_CACHE = "SELECT id, json_extract(payload, '$.text') FROM documents"
SCAN_BARE = "SELECT d.id, f.body FROM docs d JOIN doc_fts f ON f.rowid = d.n"


def scan_all(conn: sqlite3.Connection, needle: str, limit: int = LIMIT, sql: str = SCAN_CACHE) -> tuple[list[str], int]:
    """A search without an index: read every article's text, count ``needle`` in each
    (case-insensitive), keep the ``limit`` articles with most occurrences; (their ids, the
    number of articles matching)."""
    counts: list[tuple[int, str]] = []
    for doc_id, body in conn.execute(sql):
        found = body.casefold().count(needle)
        if found:
            counts.append((found, doc_id))
    return [doc_id for _, doc_id in heapq.nlargest(limit, counts)], len(counts)


def fts_count(conn: sqlite3.Connection, query: str) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM doc_fts WHERE doc_fts MATCH ?", (query,)).fetchone()[0])


def _repeat(fn: Callable[[], object], times: int) -> float:
    """Mean seconds of ``times`` calls (one call of a fast query is too short to time alone)."""
    t0 = time.perf_counter()
    for _ in range(times):
        fn()
    return (time.perf_counter() - t0) / times


# -- the rows ---------------------------------------------------------------------------


def bench(
    work: Path, files: Sequence[str], n_docs: int, rounds: int, alternate: Alternate, log: Callable[[str], None] = print
) -> Iterator[Figure]:
    from newsreader.store import index as index_module
    from newsreader.store.index import LibraryIndex

    docs, parse_s, words = parse_files(files)
    log(
        f"ledger: {len(docs)} articles ({words} words) parsed once in {parse_s:.1f} s; a library of {n_docs} "
        f"documents from them (each parsed document re-used under a new id, title, date and address), "
        f"{rounds} alternating rounds"
    )

    # Indexing overhead: the parsed articles into a fresh cache with and without the indexer.
    rounds_seen = iter(range(1_000_000))
    med = alternate(
        {
            "with": lambda: put_docs(work / f"ledger-put-{next(rounds_seen)}", docs, True),
            "without": lambda: put_docs(work / f"ledger-put-{next(rounds_seen)}", docs, False),
        },
        max(rounds, 3),
    )
    index_s = med["with"] - med["without"]
    yield Figure(
        f"indexing overhead, {len(docs)} articles (index/parse)",
        index_s,
        parse_s,
        target="<=0.1",
        note=f"index = put_many with the indexer ({med['with'] * 1000:.0f} ms) minus without "
        f"({med['without'] * 1000:.0f} ms), {BATCH} a batch, fresh files; parse = parse_texts once, "
        f"model loaded first",
        key="index_overhead",
    )

    folder = work / "ledger-library"
    build_s, build_index_s = build_library(folder, docs, n_docs)
    per_doc_parse = parse_s / len(docs)
    yield Figure(
        f"indexing while the {n_docs}-article library fills (index/parse)",
        build_index_s / n_docs,
        per_doc_parse,
        note=f"per article, Indexer.added as the index grows from 0 to {n_docs}; build {build_s:.1f} s in all; "
        "no target (information)",
        key="index_overhead_growing",
    )

    with LibraryIndex(folder / index_module.FILENAME) as index:
        assert index.count() == n_docs, index.count()
        conn = sqlite3.connect(f"file:{folder / index_module.FILENAME}?mode=ro", uri=True)
        cached = sqlite3.connect(f"file:{folder / 'documents.sqlite3'}?mode=ro", uri=True)
        try:
            yield from _search_rows(index, conn, cached, docs, rounds, alternate, log)
        finally:
            conn.close()
            cached.close()
        yield from _ledger_rows(index, n_docs, rounds, alternate)


def _search_rows(
    index: LibraryIndex,
    conn: sqlite3.Connection,
    cached: sqlite3.Connection,
    docs: Sequence[Document],
    rounds: int,
    alternate: Alternate,
    log: Callable[[str], None],
) -> Iterator[Figure]:
    from newsreader.service import ledger

    n_docs = index.count()
    ratios: list[float] = []
    bare_ratios: list[float] = []
    for term in pick_terms(docs):
        match = ledger.prepare_query(term.query, prefix=term.prefix)
        hits = ledger.search(index, term.query, limit=LIMIT, prefix=term.prefix)
        _, scanned = scan_all(cached, term.needle)
        med = alternate(
            {
                "search": lambda t=term: _repeat(
                    lambda: ledger.search(index, t.query, limit=LIMIT, prefix=t.prefix), 5
                ),
                "scan": lambda t=term: _repeat(lambda: scan_all(cached, t.needle), 1),
                "bare": lambda t=term: _repeat(lambda: scan_all(conn, t.needle, sql=SCAN_BARE), 1),
            },
            rounds,
        )
        row = Figure(
            f"search {term.kind} {match!r} vs linear scan of the cached texts (search/scan)",
            med["search"],
            med["scan"],
            target="<=0.05",
            note=f"{len(hits)} hits of {fts_count(conn, match)} matching; the scan reads all {n_docs} cached "
            f"texts, {scanned} contain {term.needle!r}; against the index's bare text column "
            f"({med['bare'] * 1000:.0f} ms) {med['search'] / med['bare']:.3f}",
        )
        ratios.append(med["search"] / med["scan"])
        bare_ratios.append(med["search"] / med["bare"])
        yield row
    yield Figure(
        "search vs linear scan, worst of the five (search/scan)",
        None,
        None,
        ratio=max(ratios),
        target="<=0.05",
        note="the summary's search_vs_scan",
        key="search_vs_scan",
    )
    yield Figure(
        "search vs a scan of bare text (no JSON), worst of the five",
        None,
        None,
        ratio=max(bare_ratios),
        note="the cheapest scan there could be: the plain text column of the index; no target (information)",
        key="search_vs_bare_scan",
    )

    queries = latency_queries(docs, LATENCY_QUERIES)
    for q, prefix in queries:  # warm: the index pages are read once before timing
        ledger.search(index, q, limit=LIMIT, prefix=prefix)
    times: list[tuple[float, str]] = []
    typed_empty = 0  # typed prefixes of a word in the library that find nothing
    for q, prefix in queries:
        t0 = time.perf_counter()
        hits = ledger.search(index, q, limit=LIMIT, prefix=prefix)
        times.append((time.perf_counter() - t0, ledger.prepare_query(q, prefix=prefix)))
        typed_empty += int(prefix and not hits)
    seconds = sorted(t for t, _ in times)
    p95 = seconds[max(0, round(0.95 * len(seconds)) - 1)]
    slowest = max(times)
    typed = sum(1 for _, p in queries if p)
    yield Figure(
        f"search latency p95, {len(queries)} mixed queries",
        p95,
        None,
        note=f"p50 {statistics.median(seconds) * 1000:.1f} ms, max {slowest[0] * 1000:.1f} ms ({slowest[1]!r}); "
        f"{typed} typed prefixes (ta*, tax*, ...; {typed_empty} of them found nothing), the rest words, "
        "phrases, word pairs; no target",
        key="search_p95_ms",
    )
    log(f"  search latency: p95 {p95 * 1000:.1f} ms, p50 {statistics.median(seconds) * 1000:.1f} ms")


def _ledger_rows(index: LibraryIndex, n_docs: int, rounds: int, alternate: Alternate) -> Iterator[Figure]:
    from newsreader.service import ledger

    found = {"sources": 0, "claims": 0}

    def run_sources() -> float:
        t0 = time.perf_counter()
        found["sources"] = len(ledger.sources(index))
        return time.perf_counter() - t0

    def run_claims() -> float:
        t0 = time.perf_counter()
        found["claims"] = len(ledger.claims(index, None))
        return time.perf_counter() - t0

    med = alternate({"sources": run_sources, "claims": run_claims}, rounds)
    yield Figure(
        f"sources over {n_docs} articles (time / 1 s goal)",
        med["sources"],
        1.0,
        target="<=1",
        note=f"ledger.sources(index): {found['sources']} sources; goal: well under a second",
        key="sources_10k_ms",
    )
    yield Figure(
        f"claims over {n_docs} articles",
        med["claims"],
        None,
        note=f"ledger.claims(index, None): {found['claims']} claims; no target (information)",
        key="claims_10k_ms",
    )
