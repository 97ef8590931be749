"""``newsreader sources|source|claims|search|index``: the ledger of who said what across the
library, and full-text search. A table on stdout, or JSON with ``--json``; a bad query or
an unknown source is one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
from collections.abc import Sequence
from typing import Any

from ..service import ledger
from ..service.feeds import find_feed
from ..service.stores import open_feed_list, open_index, open_reviews
from ..store import DocumentCache
from ..store.index import LibraryIndex
from .common import Parser, UsageError, color_stdout, inline, notice, one_line, progress, settings

KINDS = ("person", "organization", "anonymous", "document", "unknown")


def add_parsers(sub: argparse._SubParsersAction[Parser]) -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    p_sources = sub.add_parser(
        "sources",
        help="every source across the library: articles, quotes, claims, first and last seen",
        description="Every source of every article in the library, named or anonymous. A person is one "
        'source however named ("Obama", "President Obama"); a generic description ("the government", '
        '"a spokesperson") stays with its article; anonymous sources are grouped only as a marked guess.',
        epilog="examples:\n  newsreader sources\n  newsreader sources --kind anonymous --json",
        formatter_class=fmt,
    )
    p_sources.add_argument("--kind", choices=KINDS, help="only sources of this kind")
    p_sources.add_argument("--limit", type=int, default=0, metavar="N", help="show the first N (default all)")
    p_sources.add_argument("--json", action="store_true", help="JSON on stdout")

    p_source = sub.add_parser(
        "source",
        help="what one source said, article by article, with review status",
        description="The quotes and claims of one source (any of its names), newest article first.",
        epilog='examples:\n  newsreader source Obama\n  newsreader source "the government" --json',
        formatter_class=fmt,
    )
    p_source.add_argument("name", metavar="NAME")
    p_source.add_argument("--json", action="store_true", help="JSON on stdout")

    p_claims = sub.add_parser(
        "claims",
        help="claims across the library, with source and review status",
        description="Every claim in the library (reviewer-added ones too, dismissed ones not), newest first.",
        epilog="examples:\n  newsreader claims --status unreviewed\n  newsreader claims --source Obama --json",
        formatter_class=fmt,
    )
    p_claims.add_argument("--source", metavar="NAME", help="only this source's claims")
    p_claims.add_argument("--status", choices=ledger.CLAIM_STATES, help="only claims in this review state")
    p_claims.add_argument("--limit", type=int, default=0, metavar="N", help="show the first N (default all)")
    p_claims.add_argument("--json", action="store_true", help="JSON on stdout")

    p_search = sub.add_parser(
        "search",
        help="full-text search of the library (titles, text, quotes, source names)",
        description="Ranked articles (bm25) with a snippet around the match. QUERY is SQLite FTS5 syntax: "
        'words (all must match), "a phrase", prefix*, OR, NOT, NEAR(a b). A word with punctuation '
        "(covid-19, U.S.) is searched as the phrase it is.",
        epilog='examples:\n  newsreader search "minimum wage"\n  newsreader search tax* --since 2008-01-01\n'
        "  newsreader search budget --quotes --source Obama\n  newsreader search election --feed 2 --json",
        formatter_class=fmt,
    )
    p_search.add_argument("query", nargs="+", metavar="QUERY")
    p_search.add_argument("--quotes", action="store_true", help="search only what sources said")
    p_search.add_argument("--source", metavar="NAME", help="only articles where this source speaks")
    p_search.add_argument("--since", metavar="YYYY-MM-DD", help="only articles published on or after this day")
    p_search.add_argument("--feed", metavar="FEED", help="only this feed's entries (URL, number or part of a title)")
    p_search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default 20)")
    p_search.add_argument("--json", action="store_true", help="JSON on stdout")

    p_index = sub.add_parser(
        "index",
        help="rebuild or describe the library index (search and sources)",
        description="The index is kept up to date as articles are parsed; rebuild it after clearing or "
        "restoring the cache, or when a notice asks for it.",
        epilog="examples:\n  newsreader index rebuild\n  newsreader index stats",
        formatter_class=fmt,
    )
    p_index.add_argument("action", choices=("rebuild", "stats"))
    for p in (p_sources, p_source, p_claims, p_search, p_index):
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _open() -> tuple[DocumentCache, LibraryIndex]:
    cache, index, notices = open_index(settings())
    for line in notices:
        notice(line)
    if cache is None or index is None:
        raise UsageError("the library index can't be opened (see above)")
    return cache, index


def _sources(index: LibraryIndex, name: str | None) -> list[ledger.LedgerSource] | None:
    if name is None:
        return None
    try:
        return ledger.find_sources(index, name)
    except ledger.SourceNotFound as exc:
        raise UsageError(str(exc)) from None


def dispatch(args: argparse.Namespace) -> int:
    cache, index = _open()
    try:
        if args.command == "index":
            return _cmd_index(args, cache, index)
        if index.count() == 0 and cache.stats()["documents"] > 0:
            notice("the library index is empty; run `newsreader index rebuild` to index the cached articles")
        if args.command == "sources":
            return _cmd_sources(args, index)
        if args.command == "source":
            return _cmd_source(args, index)
        if args.command == "claims":
            return _cmd_claims(args, index)
        return _cmd_search(args, index)
    finally:
        cache.close()


def _cmd_index(args: argparse.Namespace, cache: DocumentCache, index: LibraryIndex) -> int:
    if args.action == "stats":
        size = sum(os.path.getsize(str(index.path) + s) for s in ("", "-wal") if os.path.exists(str(index.path) + s))
        print(f"path:      {index.path}")
        print(f"articles:  {index.count()} (of {cache.stats()['documents']} cached)")
        print(f"claims:    {index.claim_count()}")
        print(f"size:      {size / 1024:.1f} KB")
        return 0
    total = cache.stats()["documents"]
    with progress(total, "indexing") as advance:
        count = ledger.rebuild(cache, index, advance)
    notice(f"indexed {count} article{'s' if count != 1 else ''}")
    return 0


def _cmd_sources(args: argparse.Namespace, index: LibraryIndex) -> int:
    found = ledger.sources(index, args.kind)
    if args.limit > 0:
        found = found[: args.limit]
    if args.json:
        return _json([s.to_dict() for s in found])
    if not found:
        print("no sources yet: open or parse some articles (or run `newsreader index rebuild`)")
        return 0
    rows = [
        [
            _name(s),
            s.kind,
            str(s.articles),
            str(s.quotes),
            str(s.claims),
            s.first_seen,
            s.last_seen,
        ]
        for s in found
    ]
    _table(["SOURCE", "KIND", "ARTICLES", "QUOTES", "CLAIMS", "FIRST SEEN", "LAST SEEN"], rows, wide=0)
    return 0


def _name(s: ledger.LedgerSource) -> str:
    if s.guess:
        return f"{s.name} (guess: one outlet, {s.articles} articles)"
    if s.scoped:
        return f"{s.name} (this article only)"
    return s.name


def _cmd_source(args: argparse.Namespace, index: LibraryIndex) -> int:
    found = _sources(index, args.name)
    assert found is not None
    record = ledger.source_record(index, _reviews(), found)
    if args.json:
        return _json(
            {
                "sources": [s.to_dict() for s in found],
                "articles": [a.to_dict() for a in record],
            }
        )
    head = found[0]
    also = f" (also: {', '.join(head.names[1:])})" if len(found) == 1 and len(head.names) > 1 else ""
    print(
        f"{one_line(head.name)}{one_line(also)} — {head.kind}, {len(record)} article{'s' if len(record) != 1 else ''}"
    )
    for a in record:
        print()
        print(f"{a.published or 'undated'}  {one_line(a.title)}  [{a.doc_id[:12]}]")
        if a.name != head.name or a.description:
            print(f"  as: {one_line(a.description or a.name)}")
        for q in a.quotes:
            print(f"  “{one_line(q.text)}”" if q.direct else f"  reported: {one_line(q.text)}")
        for c in a.claims:
            print(f"  claim [{c.status or 'unreviewed'}] {one_line(c.text)}")
    return 0


def _cmd_claims(args: argparse.Namespace, index: LibraryIndex) -> int:
    found = ledger.claims(index, _reviews(), source=_sources(index, args.source), status=args.status)
    total = len(found)
    if args.limit > 0:
        found = found[: args.limit]
    if args.json:
        return _json([c.to_dict() for c in found])
    if not found:
        print("no claims match")
        return 0
    rows = [[c.status or "unreviewed", c.source or "—", c.published or "", c.text, c.title] for c in found]
    _table(["STATUS", "SOURCE", "PUBLISHED", "CLAIM", "ARTICLE"], rows, wide=3)
    shown = f"{len(found)} of {total}" if len(found) < total else str(total)
    notice(f"{shown} claim{'s' if total != 1 else ''}")
    return 0


def _cmd_search(args: argparse.Namespace, index: LibraryIndex) -> int:
    if args.limit < 1:
        raise UsageError("search: --limit must be 1 or more")
    since = None
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since).isoformat()
        except ValueError:
            raise UsageError(f"search: --since {args.since!r} is not a date (YYYY-MM-DD)") from None
    doc_ids = _feed_docs(args.feed) if args.feed else None
    query = " ".join(args.query)
    try:
        hits = ledger.search(
            index,
            query,
            source=_sources(index, args.source),
            since=since,
            doc_ids=doc_ids,
            quotes=args.quotes,
            limit=args.limit,
        )
    except ledger.QueryError as exc:
        raise UsageError(
            f'search: {query!r} is not a valid query ({exc}); put a phrase in double quotes, "like this"'
        ) from None
    if args.json:
        out: list[dict[str, Any]] = []
        for h in hits:
            snippet, marks = ledger.plain_snippet(h.snippet)
            item: dict[str, Any] = {
                "doc_id": h.doc_id,
                "title": h.title,
                "published": h.published,
                "source": h.source,
                "rank": h.rank,
                "snippet": snippet,
                "matches": [list(m) for m in marks],
            }
            if h.quote_id is not None:
                item.update(quote_id=h.quote_id, start=h.start, end=h.end, speaker=h.speaker)
            out.append(item)
        return _json(out)
    if not hits:
        print(f"no matches for {one_line(query)}")
        return 0
    bold, reset = ("\x1b[1m", "\x1b[0m") if color_stdout() else ("", "")
    for n, h in enumerate(hits, 1):
        print(f"{n:>3}. {one_line(h.title)}  {h.published or 'undated'}  [{h.doc_id[:12]}]")
        snippet = "".join(
            bold if piece == ledger.MARK_START else reset if piece == ledger.MARK_END else inline(piece)
            for piece in re.split(f"([{ledger.MARK_START}{ledger.MARK_END}])", h.snippet)
        )
        who = f"{one_line(h.speaker)}: " if h.speaker else ""
        print(f"     {who}{snippet}")
    return 0


def _feed_docs(ref: str) -> list[str]:
    store, notices = open_feed_list()
    if store is None:
        raise UsageError(notices[0] if notices else "search: --feed: there are no feeds yet")
    with store:
        feed = find_feed(store, ref)
        return [e.doc_id for e in store.entry_heads(feed.id)]


def _reviews() -> Any:
    store, notices = open_reviews(settings())
    for line in notices:
        notice(line)
    return store


def _json(data: object) -> int:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return 0


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, wide: int) -> None:
    """Columns padded to their widest cell (at most 40 characters, cut with "…"); column
    ``wide`` takes what is left of the terminal's width (100 when not on a terminal)."""
    cells = [[one_line(c) for c in row] for row in rows]
    widths = [min(40, max(len(h), *(len(r[i]) for r in cells))) for i, h in enumerate(headers)]
    room = shutil.get_terminal_size().columns if sys.stdout.isatty() else 0
    longest = max(len(headers[wide]), *(len(r[wide]) for r in cells))
    rest = sum(w + 2 for i, w in enumerate(widths) if i != wide)
    widths[wide] = min(longest, max(12, room - rest) if room else 100)
    last = len(headers) - 1

    def line(values: Sequence[str]) -> str:
        out = []
        for i, v in enumerate(values):
            if len(v) > widths[i]:
                v = v[: widths[i] - 1] + "…"
            out.append(v if i == last else v.ljust(widths[i]))
        return "  ".join(out).rstrip()

    print(line(headers))
    for row in cells:
        print(line(row))
