"""Reading an input for the CLI and the app: files and standard input straight through
ingest; URLs with the fetched-page cache, so a page opens again offline, and each fetch
kept as a version of its article when it changed (``service/versions.py``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from ..ingest import DEFAULT_MAX_BYTES
from ..ingest import reader as ingest_reader
from ..ingest.sniff import is_url as is_url  # the CLI asks the use-case layer
from ..model import RawArticle
from .stores import open_pages
from .versions import record_fetch


def read_input(
    arg: str,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    offline: bool = False,
    timeout: float | None = None,
    cache_dir: str | Path | None = None,
    notify: Callable[[str], None] | None = None,
) -> RawArticle:
    """A URL, a path or ``-``, as :func:`newsreader.ingest.read_input` reads it; a URL's page
    is kept in the fetched-page cache (in ``cache_dir`` when given), and ``offline`` reads
    it from there. ``notify`` receives one-line notices."""
    if not is_url(arg):
        return ingest_reader.read_input(arg, published=published, max_bytes=max_bytes, stdin=stdin)
    pages, notices = open_pages(cache_dir)
    for line in notices:
        if notify:
            notify(line)
    try:
        article = ingest_reader.read_input(
            arg,
            published=published,
            max_bytes=max_bytes,
            offline=offline,
            timeout=timeout,
            pages=pages,
            notify=notify,
        )
    finally:
        if pages is not None:
            pages.close()
    if not offline:  # a fetch: kept as a version of the article when it changed anything
        record_fetch(article, arg, notify)
    return article
