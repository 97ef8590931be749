"""The ``newsreader`` command: open, parse, cache (and the library with no argument).

Exit status: 0 success, 2 bad input or usage, 1 internal error (with a hint; the
traceback only with ``--debug``). Machine output on stdout, messages on stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import re
import sqlite3
import sys
from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from .. import __version__
from ..analysis.limits import check_length
from ..analysis.nlp import ModelMissing
from ..config import ConfigError, config_path, to_toml, user_themes_dir
from ..lazy import lazy_import
from ..model import ERROR_SCHEMA, IngestError, RawArticle
from ..service.documents import documents_for, sample_path
from ..service.inputs import read_input
from ..service.stores import describe_reviews, open_reviews
from ..store.paths import data_dir, log_dir

if TYPE_CHECKING:
    from ..service import export as exporting
    from ..ui import app as reader_app
else:
    # The reader (Textual) only for the commands that draw it; the exporters only for export;
    # rich's progress bar only for batch work on a terminal.
    reader_app = lazy_import("newsreader.ui.app")
    exporting = lazy_import("newsreader.service.export")

from . import feeds as feed_commands
from . import ledger as ledger_commands
from . import reviews as review_commands
from . import versions as version_commands
from .common import (
    PROG,
    Parser,
    UsageError,
    color_stdout,
    error,
    max_bytes,
    notice,
    open_configured_cache,
    progress,
    settings,
    url_options,
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=PROG,
        description="A keyboard-driven terminal reader for news articles. With no command, opens the library.",
        epilog="examples:\n  newsreader open --sample\n  newsreader open article.txt\n"
        "  newsreader parse a.txt b.txt > docs.jsonl\n  newsreader feeds add https://example.org/feed.xml\n"
        '  newsreader refresh\n  newsreader search "minimum wage"\n  newsreader sources\n  newsreader cache stats',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for internal errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p_open = sub.add_parser(
        "open",
        help="open an article in the reader",
        description="Open one article (a file, or - for standard input) in the reader.",
        epilog="example:\n  newsreader open kursk.txt --published 2024-12-18",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_open.add_argument("path", nargs="?", help="article file (.txt, .md, .html), http(s) URL, or - for standard input")
    p_open.add_argument("--sample", action="store_true", help="open the bundled sample article")
    p_open.add_argument("--published", metavar="YYYY-MM-DD", help="publication date (overrides the file's)")
    p_open.add_argument(
        "--offline", action="store_true", help="read a URL from the fetched-page cache, not the network"
    )
    p_open.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p_parse = sub.add_parser(
        "parse",
        help="analyse articles and print newsreader.document/1 JSON Lines",
        description="Print one newsreader.document/1 JSON object per input, one per line, in input order.",
        epilog="example:\n  newsreader parse article.txt --pretty\n  newsreader parse corpus/*.txt > docs.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_parse.add_argument(
        "paths", nargs="*", metavar="PATH", help="article files, http(s) URLs, or - for standard input"
    )
    p_parse.add_argument("--sample", action="store_true", help="parse the bundled sample article")
    p_parse.add_argument("--pretty", action="store_true", help="indent the JSON (one input only)")
    p_parse.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for every input")
    p_parse.add_argument(
        "--offline", action="store_true", help="read URLs from the fetched-page cache, not the network"
    )
    p_parse.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    p_parse.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes for parsing (default 1)")
    p_parse.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p_cache = sub.add_parser(
        "cache",
        help="show or clear the document cache",
        description="The cache of parsed documents (reviews are kept elsewhere and never cleared here).",
        epilog="example:\n  newsreader cache stats\n  newsreader cache clear",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_cache.add_argument("action", choices=("stats", "clear"))
    p_cache.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p_config = sub.add_parser(
        "config",
        help="print the effective configuration and where files live",
        description="Print the effective configuration as TOML (defaults overlaid with config.toml), "
        "preceded by the paths of the config file, cache, data and themes folders as comments.",
        epilog="example:\n  newsreader config\n  newsreader config > ~/.config/newsreader/config.toml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_config.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    p_export = sub.add_parser(
        "export",
        help="save an annotated copy (Markdown, HTML, JSON, Web Annotations) with the review",
        description="Export a document with its highlights, claims, sources, review status and notes. "
        "PATH|ID is an article file (parsed or taken from the cache) or the id, or a unique prefix of "
        "the id, of a cached document. Without -o the export is printed.",
        epilog="example:\n  newsreader export kursk.txt --format md -o kursk.md\n"
        "  newsreader export 787a3279 --format html -o kursk.html --force",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_export.add_argument(
        "doc", nargs="?", metavar="PATH|ID", help="article file, or a cached document id (or unique prefix)"
    )
    p_export.add_argument("--sample", action="store_true", help="export the bundled sample article")
    p_export.add_argument("--format", required=True, choices=("md", "html", "json", "annotations", "claimreview"))
    p_export.add_argument("-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    p_export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p_export.add_argument("--published", metavar="YYYY-MM-DD", help="publication date, for an article file")
    p_export.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    feed_commands.add_parsers(sub)
    ledger_commands.add_parsers(sub)
    review_commands.add_parsers(sub)
    version_commands.add_parsers(sub)
    return parser


class _LogFile(logging.FileHandler):
    """``newsreader.log``, opened on the first record; a log that can't be written is
    dropped quietly (logging's own error report would go to the terminal)."""

    def __init__(self, path: str) -> None:
        super().__init__(path, encoding="utf-8", delay=True)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            os.makedirs(os.path.dirname(self.baseFilename), exist_ok=True)
        except OSError:
            return
        super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def warnings_to_log() -> None:
    """Libraries' warnings (dateutil's "tzname IST identified but not understood", …) go to
    ``newsreader.log`` in the log folder, never onto the terminal or the reader's screen."""
    logging.captureWarnings(True)
    logger = logging.getLogger("py.warnings")
    logger.propagate = False
    if not logger.handlers:
        handler = _LogFile(str(log_dir() / "newsreader.log"))
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        logger.addHandler(handler)


def main(argv: Sequence[str] | None = None) -> int:
    warnings_to_log()
    parser = build_parser()
    args = parser.parse_args(argv)
    debug = getattr(args, "debug", False)
    try:
        return dispatch(args)
    except (IngestError, UsageError, ConfigError) as exc:
        error(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _quiet_stdout()
        return 0
    except Exception as exc:
        if debug:
            raise
        if isinstance(exc, ModelMissing):
            error(str(exc))
            return 1
        error(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details and please report it)")
        return 1


def dispatch(args: argparse.Namespace) -> int:
    if args.command is None:
        return _run_app(None)
    if args.command == "open":
        if args.sample == bool(args.path):
            raise UsageError("open: give one PATH (or - for standard input), or --sample")
        path = str(sample_path()) if args.sample else args.path
        article = read_input(path, published=args.published, max_bytes=max_bytes(), **url_options(args))
        if path == "-":
            keyboard_from_terminal()
        return _run_app(article)
    if args.command == "parse":
        return cmd_parse(args)
    if args.command == "cache":
        return cmd_cache(args.action)
    if args.command == "config":
        return cmd_config()
    if args.command == "export":
        return cmd_export(args)
    if args.command == "feeds":
        return feed_commands.cmd_feeds(args)
    if args.command == "refresh":
        return feed_commands.cmd_refresh(args)
    if args.command in ("sources", "source", "claims", "search", "index"):
        return ledger_commands.dispatch(args)
    if args.command == "reviews":
        return review_commands.dispatch(args)
    if args.command in ("versions", "diff", "recheck"):
        return version_commands.dispatch(args)
    raise UsageError(f"unknown command {args.command!r}")


def cmd_parse(args: argparse.Namespace) -> int:
    if args.sample:
        args.paths = [*args.paths, str(sample_path())]
    if not args.paths:
        raise UsageError("parse: give one or more PATHs (or - for standard input), or --sample")
    if args.pretty and len(args.paths) > 1:
        raise UsageError("parse: --pretty prints one document; give one PATH")
    if args.paths.count("-") > 1:
        raise UsageError("parse: standard input (-) can be read only once")
    if args.jobs < 1:
        raise UsageError("parse: --jobs must be 1 or more")
    # One input: a bad one is one line on stderr and exit 2, stdout stays empty. A batch
    # never stops at a bad input: each is an error record in its place (and a line on
    # stderr), the others are parsed, and the exit status is 2. Inputs are read lazily, in
    # order, as documents_for pulls them: memory stays bounded however many are given.
    limit = max_bytes()
    batch = len(args.paths) > 1
    slots: deque[dict[str, str] | None] = deque()  # an error record, or None for "the next document"
    failed = 0

    def articles() -> Iterator[RawArticle]:
        nonlocal failed
        for path in args.paths:
            try:
                article = check_length(read_input(path, published=args.published, max_bytes=limit, **url_options(args)))
            except IngestError as exc:
                if not batch:
                    raise
                failed += 1
                notice(f"error: {exc}")
                slots.append({"schema": ERROR_SCHEMA, "source": path, "error": exc.reason})
                continue
            slots.append(None)
            yield article

    cache = None if args.no_cache else open_configured_cache()
    out = sys.stdout
    shown = len(cache.notices) if cache is not None else 0

    def emit(record: dict[str, Any]) -> None:
        if args.pretty:
            out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")

    with progress(len(args.paths), "parsing") as advance:
        for doc in documents_for(articles(), cache, n_process=args.jobs):
            while slots and slots[0] is not None:
                emit(cast("dict[str, Any]", slots.popleft()))
                advance()
            if slots:
                slots.popleft()
            out.write(
                (json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) if args.pretty else doc.to_json()) + "\n"
            )
            advance()
            if cache is not None and len(cache.notices) > shown:  # e.g. the disk filled up
                for line in cache.notices[shown:]:
                    notice(line)
                shown = len(cache.notices)
        for record in slots:  # errors after the last document
            if record is not None:
                emit(record)
    out.flush()
    if failed:
        notice(f"{failed} of {len(args.paths)} inputs could not be read (error records in their place)")
        return 2
    return 0


def cmd_cache(action: str) -> int:
    cache = open_configured_cache()
    if cache is None:
        return 1  # the reason is already on stderr
    if action == "stats":
        stats = cache.stats()
        print(f"path:      {stats['path']}")
        print(f"documents: {stats['documents']} ({stats['entries']} cached versions)")
        print(f"size:      {stats['bytes'] / 1024:.1f} KB")
    else:
        try:
            removed = cache.clear()
        except sqlite3.OperationalError as exc:
            error(f"cache clear: {cache.path}: {exc}")
            return 1
        print(f"removed {removed} cached document versions (reviews are kept)", file=sys.stderr)
    return 0


def cmd_config() -> int:
    """The effective configuration as TOML, the paths as comments (valid TOML as a whole)."""
    config = settings()
    path = config.path or config_path()
    state = "" if path.exists() else "  (not created yet: all defaults)"
    color = color_stdout()
    dim, bold, reset = ("\x1b[2m", "\x1b[1m", "\x1b[0m") if color else ("", "", "")
    header = [
        f"# config file: {path}{state}",
        f"# cache dir:   {config.effective_cache_dir}",
        f"# data dir:    {data_dir()}",
        f"# themes dir:  {user_themes_dir()}",
        f"# log file:    {log_dir() / 'newsreader.log'}",
        *(f"# {line}" for line in describe_reviews(config)),
        "",
    ]
    out = [f"{dim}{line}{reset}" if line else line for line in header]
    for line in to_toml(config).splitlines():
        if line.startswith("["):
            line = f"{bold}{line}{reset}"
        elif line.startswith("#"):
            line = f"{dim}{line}{reset}"
        out.append(line)
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``export PATH|ID``: an article file is cache-or-parsed; otherwise a cached id (or prefix)."""
    if args.sample == bool(args.doc):
        raise UsageError("export: give one PATH|ID, or --sample")
    target = str(sample_path()) if args.sample else args.doc
    looks_like_id = re.fullmatch(r"[0-9a-f]{4,64}", target) is not None and not os.path.exists(target)
    if looks_like_id:
        cache = open_configured_cache()
        ids = cache.find_ids(target) if cache is not None else []
        if cache is None or not ids:
            raise UsageError(f"export: {target!r} is neither a file nor the id of a cached document")
        if len(ids) > 1:
            raise UsageError(
                f"export: id prefix {target!r} is ambiguous ({len(ids)} cached documents); give more digits"
            )
        found = cache.latest(ids[0])
        if found is None:
            raise UsageError(f"export: the cached document {ids[0][:12]} is unreadable; open its article again")
        doc = found[0]
    else:
        article = read_input(target, published=args.published, max_bytes=max_bytes(), **url_options(args))
        doc = next(iter(documents_for([article], open_configured_cache())))
    if args.output and os.path.exists(args.output) and not args.force:
        raise UsageError(f"export: {args.output} exists (use --force to overwrite)")
    store, notices = open_reviews(settings())
    if store is None:
        raise UsageError(f"export: cannot open the reviews database ({notices[0]})")
    for line in notices:
        notice(line)
    content = exporting.export_text(
        doc, store, args.format, theme=settings().theme, organisation=settings().organisation
    )
    if not args.output:
        sys.stdout.write(content)
        sys.stdout.flush()
        return 0
    try:
        exporting.save_export(args.output, content, force=args.force)
    except FileExistsError as exc:
        raise UsageError(f"export: {args.output} exists (use --force to overwrite)") from exc
    except OSError as exc:
        raise UsageError(f"export: cannot write {args.output}: {exc.strerror or exc}") from exc
    notice(f"wrote {args.output} ({args.format}, {len(store.claims(doc))} claims)")
    return 0


def keyboard_from_terminal() -> None:
    """After ``open -`` read the article from a pipe, take keys from the terminal, as
    ``less`` does: the app reads standard input, which is now the exhausted pipe."""
    if sys.stdin is not None and sys.stdin.isatty():
        return
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError as exc:
        raise IngestError(
            "-", f"read from a pipe, but there is no terminal to take keys from ({exc.strerror})"
        ) from None
    os.dup2(tty, 0)
    os.close(tty)


def _run_app(article: RawArticle | None) -> int:
    # Paused only once the article is read: reading a web page (trafilatura, lxml) makes
    # garbage, and what the app freezes after its first frame should be what it keeps.
    with _collector_paused():
        return reader_app.run_app(article)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Start-up of the reader only allocates what the app keeps (Textual's modules, the
    document): cyclic collections until the first frame scan it all for nothing (a full one
    took ~30 ms just before that frame). The app resumes the collector once painted; this
    turns it back on in any case when the command ends."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _quiet_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
