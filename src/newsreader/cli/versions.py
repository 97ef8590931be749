"""``newsreader versions|recheck``: the versions kept of an article as it changed, and
fetching recent articles again to see whether they did."""

from __future__ import annotations

import argparse
import json
import sys
import time

from ..service import versions as version_service
from ..store.versions import VersionStore
from .common import Parser, UsageError, max_bytes, notice, one_line, settings


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

    p_recheck = sub.add_parser(
        "recheck",
        help="fetch recent articles again and keep what changed",
        description="Fetch again every article first seen in the last N days, politely (conditional GET, "
        "2 requests per host at a time, Retry-After honoured); a changed page is kept as a new version.",
        epilog="examples:\n  newsreader recheck\n  newsreader recheck --days 7",
        formatter_class=fmt,
    )
    p_recheck.add_argument("--days", type=float, default=3, metavar="N", help="articles first seen in the last N days")
    for p in (p_versions, p_recheck):
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
        return _cmd_versions(args, store)


def _cmd_versions(args: argparse.Namespace, store: VersionStore) -> int:
    try:
        identity = version_service.find_article(store, args.article)
    except LookupError as exc:
        raise UsageError(f"versions: {exc}") from None
    found = store.versions(identity)
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
                }
                for v in found
            ],
        }
        sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
        return 0
    print(one_line(identity))
    for v in found:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(v.fetched))
        print(f"{v.n:>4}  {when}  [{v.doc_id[:12]}]  {one_line(v.title)}")
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
