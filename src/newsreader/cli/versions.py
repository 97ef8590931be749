"""``newsreader versions|recheck``: the versions kept of an article as it changed, and
fetching recent articles again to see whether they did."""

from __future__ import annotations

import argparse
import json
import sys
import time

from ..service import versions as version_service
from ..service.stores import open_reviews
from ..store import DocumentCache
from ..store.versions import VersionStore
from .common import Parser, UsageError, color_stdout, max_bytes, notice, one_line, open_configured_cache, settings


def add_parsers(sub: argparse._SubParsersAction[Parser]) -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    p_versions = sub.add_parser(
        "versions",
        help="the versions kept of an article (each fetch that changed it)",
        description="Every fetch of an article (open, parse, feed refresh, recheck) that changed its title "
        "or text is kept as a version. ARTICLE is its URL or the id (or a prefix) of one of its versions.",
        epilog="examples:\n  newsreader versions https://example.org/story.html\n  newsreader versions 787a3279 --json",
        formatter_class=fmt,
    )
    p_versions.add_argument("article", metavar="URL|ID")
    p_versions.add_argument("--json", action="store_true", help="JSON on stdout")

    p_diff = sub.add_parser(
        "diff",
        help="what changed between two versions of an article: claims, quotes, numbers, sources, words",
        description="The structural diff (quotes added, removed or reworded with their speaker; numbers "
        "revised; sources that appeared, disappeared or were named; dates moved; the headline), then the "
        "changed paragraphs with the changed words marked. Paragraph moves are not changes.",
        epilog="examples:\n  newsreader diff https://example.org/story.html\n"
        "  newsreader diff 787a3279 --from 1 --to 3 --json",
        formatter_class=fmt,
    )
    p_diff.add_argument("article", metavar="URL|ID")
    p_diff.add_argument(
        "--from", dest="old", type=int, metavar="N", help="the older version (default: the one before --to)"
    )
    p_diff.add_argument("--to", dest="new", type=int, metavar="M", help="the newer version (default: the latest)")
    p_diff.add_argument("--json", action="store_true", help="JSON on stdout (schema newsreader.diff/1)")

    p_recheck = sub.add_parser(
        "recheck",
        help="fetch recent articles again and keep what changed",
        description="Fetch again every article first seen in the last N days, politely (conditional GET, "
        "2 requests per host at a time, Retry-After honoured); a changed page is kept as a new version.",
        epilog="examples:\n  newsreader recheck\n  newsreader recheck --days 7",
        formatter_class=fmt,
    )
    p_recheck.add_argument("--days", type=float, default=3, metavar="N", help="articles first seen in the last N days")
    for p in (p_versions, p_diff, p_recheck):
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _open() -> VersionStore:
    store, notices = version_service.open_versions()
    if store is None:
        raise UsageError(notices[0])
    for line in notices:
        notice(line)
    return store


def dispatch(args: argparse.Namespace) -> int:
    with _open() as store:
        if args.command == "recheck":
            return _cmd_recheck(args, store)
        try:
            identity = version_service.find_article(store, args.article)
        except LookupError as exc:
            raise UsageError(f"{args.command}: {exc}") from None
        cache = open_configured_cache()
        try:
            if args.command == "diff":
                return _cmd_diff(args, store, cache, identity)
            return _cmd_versions(args, store, cache, identity)
        finally:
            if cache is not None:
                cache.close()


def _cmd_versions(args: argparse.Namespace, store: VersionStore, cache: DocumentCache | None, identity: str) -> int:
    found = version_service.summaries(store, cache, identity)
    if args.json:
        out = {
            "schema": "newsreader.versions/1",
            "article": identity,
            "versions": [
                {
                    "n": v.n,
                    "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(v.fetched)),
                    "title": v.title,
                    "published": v.published,
                    "doc_id": v.doc_id,
                    "etag": v.etag,
                    "last_modified": v.last_modified,
                    "hash": v.hash,
                    "summary": summary,
                }
                for v, summary in found
            ],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return 0
    print(one_line(identity))
    for v, summary in found:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(v.fetched))
        print(f"{v.n:>4}  {when}  [{v.doc_id[:12]}]  {one_line(v.title)}")
        print(f"      {one_line(summary)}")
    return 0


def _cmd_diff(args: argparse.Namespace, store: VersionStore, cache: DocumentCache | None, identity: str) -> int:
    try:
        compared = version_service.compare(store, cache, identity, args.old, args.new)
    except LookupError as exc:
        raise UsageError(f"diff: {exc}") from None
    carried = _carry(compared, store, cache)
    if args.json:
        out = compared.to_dict()
        if carried is not None:
            out["reviews"] = {
                "from_version": carried.from_version,
                "carried": carried.carried,
                "flagged": carried.flagged,
                "removed": [{"status": status, "claim": text} for status, text in carried.removed],
            }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return 0
    color = color_stdout()
    red, green, bold, reset = ("\x1b[31m", "\x1b[32m", "\x1b[1m", "\x1b[0m") if color else ("", "", "", "")
    c = compared.changes
    print(f"{bold}{one_line(identity)}: version {compared.old.n} → {compared.new.n}{reset}")
    print(f"  {one_line(c.summary())}")
    if c.headline:
        print(f"  headline: {one_line(c.headline.old)} → {one_line(c.headline.new)}")
    for n in c.numbers:
        print(f"  number: {one_line(n.old.text)} → {one_line(n.new.text)}   ({one_line(n.context)})")
    for q in c.quotes:
        old = f"“{one_line(q.old.text)}”" if q.old else ""
        new = f"“{one_line(q.new.text)}”" if q.new else ""
        body = {"added": new, "removed": old}.get(q.kind, f"{old} → {new}")
        print(f"  quote {q.kind} ({one_line(q.speaker or 'no speaker')}): {body}")
    for s in c.sources:
        if s.kind == "named" and s.old and s.new:
            print(f"  source named: {one_line(s.old.name)} → {one_line(s.new.name)} (by {s.reason})")
        else:
            side = s.new or s.old
            print(f"  source {s.kind}: {one_line(side.name if side else '?')}")
    for d in c.dates:
        print(f"  date: {one_line(d.old.text)} ({d.old.value}) → {one_line(d.new.text)} ({d.new.value})")
    if carried is not None and carried.any:
        print(f"  {one_line(carried.summary())}")
        for text in carried.flagged:
            print(f"    flagged: {one_line(text)}")
        for status, text in carried.removed:
            print(f"    removed ({status}): {one_line(text)}")
    if compared.text:
        print()
    for edit in compared.text:
        if edit.op == "added":
            print(f"{green}+ {one_line(edit.new_text)}{reset}")
        elif edit.op == "removed":
            print(f"{red}- {one_line(edit.old_text)}{reset}")
        else:
            parts = []
            for w in edit.words:
                if w.op == "equal":
                    parts.append(one_line(w.new_text))
                else:
                    if w.old_text:
                        parts.append(f"{red}[-{one_line(w.old_text)}-]{reset}")
                    if w.new_text:
                        parts.append(f"{green}{{+{one_line(w.new_text)}+}}{reset}")
            print("~ " + " ".join(p for p in parts if p))
    return 0


def _cmd_recheck(args: argparse.Namespace, store: VersionStore) -> int:
    if args.days <= 0:
        raise UsageError("recheck: --days must be more than 0")
    outcomes = version_service.recheck(
        store, args.days, max_bytes=max_bytes(), cache_dir=settings().cache_dir, notify=notice
    )
    for o in outcomes:
        if o.status == "changed" and o.version is not None:
            notice(f"{o.url}: changed (version {o.version.n})")
        elif o.status in ("failed", "skipped"):
            notice(f"{o.url}: {o.status}: {o.error}")
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("changed", "unchanged", "skipped", "failed")}
    notice(
        f"rechecked {len(outcomes)} article{'s' if len(outcomes) != 1 else ''}: "
        + ", ".join(f"{n} {s}" for s, n in counts.items() if n or s in ("changed", "unchanged"))
    )
    return 2 if counts["failed"] else 0


def _carry(
    compared: version_service.VersionDiff, versions: VersionStore, cache: DocumentCache | None
) -> version_service.CarriedReviews | None:
    """Your reviews of the older version follow into the newer one (once); None without any."""
    reviews, notices = open_reviews()
    for line in notices:
        notice(line)
    if reviews is None:
        return None
    with reviews:
        return version_service.carry_reviews(
            reviews, compared.new_doc, versions, cache=cache, known={compared.old.doc_id: compared.old_doc}
        )
