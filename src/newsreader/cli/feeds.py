"""``newsreader feeds add|import|export|list|remove`` and ``newsreader refresh``.

Exit status as everywhere: 0 when all went well, 2 for bad input — and for a refresh
in which some feed failed (the other feeds are refreshed and stored all the same).
"""

from __future__ import annotations

import argparse
import sys
import time

from ..ingest.fetch import DEFAULT_TIMEOUT
from ..service import feeds as feed_service
from ..service.stores import open_feed_list
from ..store.feeds import Feed, FeedStore
from .common import Parser, UsageError, max_bytes, notice, one_line, open_configured_cache, progress, settings


def add_parsers(sub: argparse._SubParsersAction[Parser]) -> None:
    p_feeds = sub.add_parser(
        "feeds",
        help="subscribe to feeds; import, export, list and remove them",
        description="Manage subscriptions. Entries are fetched, in full, and parsed by `newsreader refresh`.",
        epilog="examples:\n  newsreader feeds add https://example.org/feed.xml\n"
        "  newsreader feeds add https://example.org/   (a page that names its feed)\n"
        "  newsreader feeds import subscriptions.opml\n  newsreader feeds import ~/.newsboat/urls\n"
        "  newsreader feeds export > feeds.opml\n  newsreader feeds list\n  newsreader feeds remove 3",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p_feeds.add_subparsers(dest="feeds_action", metavar="ACTION", parser_class=Parser)
    p_add = actions.add_parser("add", help="subscribe to a feed URL, or to the feed a web page names")
    p_add.add_argument("url", metavar="URL")
    p_import = actions.add_parser("import", help="subscribe to every feed of an OPML file or a newsboat urls file")
    p_import.add_argument("file", metavar="FILE")
    actions.add_parser("export", help="print the subscriptions as OPML")
    actions.add_parser("list", help="title, URL, entries, unread, last refresh and last error of each feed")
    p_remove = actions.add_parser("remove", help="unsubscribe (the feed's entries go with it)")
    p_remove.add_argument("feed", metavar="FEED", help="its URL, its number in `feeds list`, or part of its title")
    for p in (p_feeds, p_add, p_import, p_remove):
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p_refresh = sub.add_parser(
        "refresh",
        help="fetch new entries of every feed (or of the FEEDs given), in full, and parse them",
        description="Fetch all feeds at once (an unchanged feed costs one 304), fetch the page of each entry "
        "that carries only a summary, and parse every new entry into the cache so it opens at once. A feed "
        "that fails is one line on stderr; the others are refreshed. Exit 2 when some feed failed.",
        epilog="example:\n  newsreader refresh\n  newsreader refresh 2 https://example.org/feed.xml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_refresh.add_argument("feeds", nargs="*", metavar="FEED", help="URL, number in `feeds list`, or part of a title")
    p_refresh.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="S",
        help=f"seconds to connect and per read (default {DEFAULT_TIMEOUT:g}; a whole fetch gets 4x)",
    )
    p_refresh.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)


def _open() -> FeedStore:
    store, notices = open_feed_list(create=True)
    if store is None:
        raise UsageError(notices[0])  # one line, exit 2
    for line in notices:
        notice(line)
    return store


def cmd_feeds(args: argparse.Namespace) -> int:
    action = args.feeds_action
    if action is None:
        raise UsageError("feeds: give an action: add, import, export, list or remove (see 'newsreader feeds --help')")
    with _open() as store:
        if action == "add":
            feed, added = feed_service.subscribe(store, args.url, max_bytes=max_bytes())
            notice(f"{'subscribed to' if added else 'already subscribed to'} {feed.name} ({feed.url})")
            return 0
        if action == "import":
            result = feed_service.import_subscriptions(store, args.file, max_bytes=max_bytes())
            notice(
                f"imported {len(result.added)} feed{'s' if len(result.added) != 1 else ''}"
                + (f" ({len(result.existing)} already subscribed)" if result.existing else "")
                + "; run `newsreader refresh` to fetch their entries"
            )
            return 0
        if action == "export":
            sys.stdout.write(feed_service.export_opml(store))
            return 0
        if action == "list":
            _print_list(store.feeds())
            return 0
        if action == "remove":
            feed = feed_service.find_feed(store, args.feed)
            gone = store.remove_feed(feed.id)
            notice(f"unsubscribed from {feed.name} ({gone} entr{'ies' if gone != 1 else 'y'} removed)")
            return 0
    raise UsageError(f"feeds: unknown action {action!r}")


def _print_list(feeds: list[Feed]) -> None:
    if not feeds:
        print("no feeds yet: newsreader feeds add URL, or newsreader feeds import FILE.opml")
        return
    for number, feed in enumerate(feeds, 1):
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(feed.refreshed)) if feed.refreshed else "never"
        print(f"{number:>3}  {one_line(feed.name)}")
        print(f"     {one_line(feed.url)}")
        line = (
            f"     {feed.entries} entr{'y' if feed.entries == 1 else 'ies'}, {feed.unread} unread, last refresh {when}"
        )
        if feed.error:
            line += f", last error: {one_line(feed.error)}"
        print(line)


def cmd_refresh(args: argparse.Namespace) -> int:
    if args.timeout <= 0:
        raise UsageError("refresh: --timeout must be more than 0")
    with _open() as store:
        only = [feed_service.find_feed(store, ref) for ref in args.feeds] if args.feeds else None
        feeds = only if only is not None else store.feeds()
        if not feeds:
            notice("no feeds to refresh: newsreader feeds add URL, or newsreader feeds import FILE.opml")
            return 0
        cache = open_configured_cache()
        try:
            with progress(len(feeds), "refreshing") as advance:
                report = feed_service.refresh(
                    store,
                    cache,
                    only=feeds,
                    timeout=args.timeout,
                    max_bytes=max_bytes(),
                    cache_dir=settings().cache_dir,
                    notify=notice,
                    on_feed=lambda outcome: advance(),
                )
        finally:
            if cache is not None:
                cache.close()
    changed = sum(1 for o in report.outcomes if o.status == "new")
    unchanged = sum(1 for o in report.outcomes if o.status == "unchanged")
    skipped = sum(1 for o in report.outcomes if o.status == "skipped")
    parts = [
        f"{len(report.outcomes)} feed{'s' if len(report.outcomes) != 1 else ''}",
        f"{report.entries} new entr{'ies' if report.entries != 1 else 'y'} ({report.parsed} parsed)",
        *([f"{report.revised} changed since the last refresh (new versions kept)"] if report.revised else []),
        f"{changed} with new entries",
        f"{unchanged} unchanged ({sum(1 for o in report.outcomes if o.not_modified)} answered 304 Not Modified)",
    ]
    if skipped:
        parts.append(f"{skipped} skipped (asked to wait)")
    if report.failed:
        parts.append(f"{len(report.failed)} failed")
    notice(f"refreshed {', '.join(parts)} in {report.seconds:.1f} s")
    return 2 if report.failed else 0
