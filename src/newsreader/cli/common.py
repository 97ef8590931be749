"""What every ``newsreader`` command shares: one-line errors and notices on stderr, the
configuration (loaded once), the document cache as configured, a progress bar for batch work."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn

from ..config import Config, load_config
from ..lazy import lazy_import
from ..service.stores import open_cache
from ..store import DocumentCache

if TYPE_CHECKING:
    from rich import console as rich_console
    from rich import progress as rich_progress
else:
    # rich's progress bar only for batch work on a terminal.
    rich_console = lazy_import("rich.console")
    rich_progress = lazy_import("rich.progress")

PROG = "newsreader"


class UsageError(Exception):
    """A mistake in the command line: exit 2 with one line."""


class Parser(argparse.ArgumentParser):
    """argparse with one-line usage errors (exit 2) instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        error(f"{message} (see '{self.prog} --help')")
        raise SystemExit(2)


@contextlib.contextmanager
def progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A rich progress bar on stderr for batch work, only when stderr is a terminal
    (quiet when piped, with TERM=dumb, or for a single input); yields ``advance()``."""
    if total < 2 or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
        yield lambda: None
        return
    rp = rich_progress
    columns = (rp.TextColumn("{task.description}"), rp.BarColumn(), rp.MofNCompleteColumn(), rp.TimeRemainingColumn())
    with rp.Progress(*columns, console=rich_console.Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def open_configured_cache() -> DocumentCache | None:
    """The document cache as configured; its notices (and a failure to open it) on stderr."""
    cache, notices = open_cache(settings())
    for line in notices:
        notice(line)
    return cache


def settings() -> Config:
    """The effective configuration, loaded once; its warnings go to stderr."""
    global _SETTINGS
    if _SETTINGS is None:
        _SETTINGS = load_config()
        for line in _SETTINGS.warnings:
            notice(line)
    return _SETTINGS


_SETTINGS: Config | None = None


def url_options(args: argparse.Namespace) -> dict[str, Any]:
    """How URLs are read: ``--offline``, the configured cache dir, notices on stderr."""
    return {"offline": getattr(args, "offline", False), "cache_dir": settings().cache_dir, "notify": notice}


def max_bytes() -> int:
    return settings().max_bytes


def color_stdout() -> bool:
    """Whether stdout takes ANSI styles: a terminal, without NO_COLOR, not TERM=dumb."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def error(message: str) -> None:
    print(f"{PROG}: error: {one_line(message)}", file=sys.stderr)


def notice(message: str) -> None:
    print(f"{PROG}: {one_line(message)}", file=sys.stderr)


def one_line(message: str) -> str:
    """One line; control and format characters (from a file name, say) are shown escaped, never sent raw."""
    return inline(message).strip()


def inline(text: str) -> str:
    """:func:`one_line` for a piece of a line: whitespace runs become one space, kept at the edges."""
    return "".join(c if c.isprintable() or c == " " else ascii(c)[1:-1] for c in re.sub(r"\s+", " ", text))
