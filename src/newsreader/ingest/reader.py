"""Read one input into a :class:`RawArticle`, or raise :class:`IngestError`.

Dispatch by argument: ``http(s)://`` URL -> fetch + extract (cached, see
:func:`read_url`); ``-`` -> standard input; else a path. A path or stdin is then read
as HTML (``.html``/``.htm``, or content starting ``<!doctype html``/``<html``), Markdown
(``.md``/``.markdown``), or the article/plain-text format.

File checks, in order: exists, is a file, size limit, not empty, not binary, decodes.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import urlsplit

from ..lazy import lazy_import
from ..model import FetchedPage, IngestError, PageStore, RawArticle
from ..model.article import article_from_text, valid_iso_date
from .encoding import decode_bytes
from .sniff import declared_charset, is_url, sniff_html

if TYPE_CHECKING:
    from . import fetch, html, markdown
else:
    # Only for such inputs: the extractor (trafilatura, lxml) ~150 ms, the HTTP client's ssl ~45 ms.
    fetch = lazy_import("newsreader.ingest.fetch")
    html = lazy_import("newsreader.ingest.html")
    markdown = lazy_import("newsreader.ingest.markdown")

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

Notify = Callable[[str], None]
#: What extracts an article from fetched bytes: :func:`article_from_bytes` or a stand-in.
Extract = Callable[..., RawArticle]


def read_input(
    arg: str,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    offline: bool = False,
    timeout: float | None = None,
    pages: PageStore | None = None,
    notify: Notify | None = None,
) -> RawArticle:
    """Read a URL, a path or ``-`` (standard input); ``published`` overrides the input's date.

    URLs only: ``pages`` keeps fetched pages (``newsreader.service.read_input`` passes the
    fetched-page cache), ``offline`` reads from it instead of the network, ``timeout``
    bounds the connection and each read, and ``notify`` receives one-line notices (such
    as falling back to the kept copy after a network error).
    """
    if published is not None and not valid_iso_date(published):
        raise IngestError("--published", f"{published!r} is not a date in the form YYYY-MM-DD")
    if is_url(arg):  # fetch (ssl, http.client) is imported only for a URL: ~45 ms a file never pays
        return read_url(
            arg,
            published=published,
            max_bytes=max_bytes,
            offline=offline,
            timeout=timeout,
            pages=pages,
            notify=notify,
        )
    if arg == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        source, name, suffix = "-", "stdin", ""
    else:
        data = _read_file(arg, max_bytes)
        source, name, suffix = arg, Path(arg).stem, Path(arg).suffix.lower()
    if len(data) > max_bytes:
        raise IngestError(source, f"larger than the size limit of {_human(max_bytes)}")
    return article_from_bytes(data, source=source, fallback_title=name, suffix=suffix, published=published)


def article_from_bytes(
    data: bytes,
    *,
    source: str,
    fallback_title: str,
    suffix: str = "",
    published: str | None = None,
    charset: str | None = None,
    url: str | None = None,
    kind: str | None = None,
) -> RawArticle:
    """Decode and read bytes as ``kind`` (``html``, ``markdown``, ``text``; sniffed when None)."""
    if kind is None:
        if suffix in HTML_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES and sniff_html(data)):
            kind = "html"
        elif suffix in MARKDOWN_SUFFIXES:
            kind = "markdown"
        else:
            kind = "text"
    if kind == "html":
        declared = charset or declared_charset(data)
        if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")) and "16" not in (declared or ""):
            data = data.replace(b"\x00", b"")  # stray NULs in a served page are not a binary file
        text = decode_bytes(source, data, declared=declared)
        return article_from_html(text, source=source, fallback_title=fallback_title, url=url, published=published)
    text = decode_bytes(source, data, declared=charset)
    if kind == "markdown":
        return markdown.article_from_markdown(text, source=source, fallback_title=fallback_title, published=published)
    return article_from_text(text, source=source, fallback_title=fallback_title, published=published)


def article_from_html(
    page: str, *, source: str, fallback_title: str, url: str | None = None, published: str | None = None
) -> RawArticle:
    ex = html.extract_html(page, url=url, source=source)
    return RawArticle(
        title=ex.title or fallback_title,
        published=published or ex.published,
        text=ex.text,
        source=source,
        author=ex.author,
        canonical=ex.canonical,
    )


def read_url(
    url: str,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    offline: bool = False,
    timeout: float | None = None,
    pages: PageStore | None = None,
    notify: Notify | None = None,
    fetcher: fetch.Fetcher | None = None,
    extract: Extract | None = None,
) -> RawArticle:
    """Fetch and extract ``url``, keeping page and extraction in ``pages``; offline or after
    a network error (DNS, connection, timeout, HTTP 5xx), serve the kept copy with a notice.
    ``fetcher`` is a shared, pooled client (a feed refresh); by default one is made for this URL.
    ``extract`` stands in for :func:`article_from_bytes` (a refresh runs it in another process)."""
    if offline:
        cached = pages.get(url) if pages else None
        if cached is None:
            raise IngestError(url, "is not in the fetched-page cache (open it once without --offline)")
        return _from_cached(cached, url, published)
    try:
        if fetcher is not None:
            response = fetcher.get(url, max_bytes=max_bytes)
        else:
            response = fetch.fetch(url, max_bytes=max_bytes, timeout=timeout or fetch.DEFAULT_TIMEOUT)
    except fetch.FetchError as exc:
        cached = pages.get(url) if (pages and exc.network) else None
        if cached is None:
            raise
        if notify:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(cached.fetched))
            notify(f"{url}: {exc.reason}; using the copy fetched on {when}")
        return _from_cached(cached, url, published)
    return article_from_response(url, response, published=published, pages=pages, notify=notify, extract=extract)


def article_from_response(
    url: str,
    response: fetch.Response,
    *,
    published: str | None = None,
    pages: PageStore | None = None,
    notify: Notify | None = None,
    extract: Extract | None = None,
) -> RawArticle:
    """The article in a fetched page (extracted as :func:`read_url` does), kept in ``pages``."""
    kind = "text" if response.content_type == "text/plain" else "html"
    if not response.content_type and not sniff_html(response.body):
        kind = "text"
    article = (extract or article_from_bytes)(
        response.body,
        source=url,
        fallback_title=_url_name(response.final_url),
        charset=response.charset,
        url=response.final_url,
        kind=kind,
    )
    if pages is not None:
        _keep(pages, url, response, kind, article, notify)
    return replace(
        article,
        published=published or article.published,
        etag=response.etag,
        last_modified=response.last_modified,
    )


def _keep(
    pages: PageStore, url: str, response: fetch.Response, kind: str, article: RawArticle, notify: Notify | None
) -> None:
    extraction = {
        "kind": kind,
        "title": article.title,
        "published": article.published,
        "author": article.author,
        "canonical": article.canonical,
        "text": article.text,
    }
    page = FetchedPage(
        url,
        response.final_url,
        response.content_type or "",
        response.charset,
        response.body,
        html.EXTRACTOR_VERSION,
        extraction,
        time.time(),
    )
    try:
        pages.put(page)
    except OSError as exc:  # the store turns its own errors (full disk, read-only) into OSError
        if notify:
            notify(f"could not cache {url} ({exc}); it will not open offline")


def _from_cached(cached: FetchedPage, url: str, published: str | None) -> RawArticle:
    ex = cached.extraction
    if cached.extractor == html.EXTRACTOR_VERSION and ex.get("text"):
        article = RawArticle(
            title=ex.get("title") or _url_name(cached.final_url),
            published=ex.get("published"),
            text=ex["text"],
            source=url,
            author=ex.get("author"),
            canonical=ex.get("canonical"),
        )
    else:
        article = article_from_bytes(
            cached.body,
            source=url,
            fallback_title=_url_name(cached.final_url),
            charset=cached.charset,
            url=cached.final_url,
            kind=ex.get("kind") or "html",
        )
    return article if published is None else replace(article, published=published)


def _url_name(url: str) -> str:
    parts = urlsplit(url)
    stem = Path(parts.path.rstrip("/")).stem
    return stem or parts.hostname or url


def _read_file(arg: str, max_bytes: int) -> bytes:
    if not arg.strip():
        raise IngestError(repr(arg), "an empty path is not a file")
    path = Path(arg)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise IngestError(arg, "no such file") from None
    except PermissionError:
        raise IngestError(arg, "permission denied") from None
    except OSError as exc:
        raise IngestError(arg, exc.strerror or "cannot be read") from None
    if path.is_dir():
        raise IngestError(arg, "is a directory, not an article file")
    if not path.is_file():
        raise IngestError(arg, "is not a regular file")
    if st.st_size > max_bytes:
        raise IngestError(arg, f"is {_human(st.st_size)}, over the size limit of {_human(max_bytes)}")
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(arg, exc.strerror or "cannot be read") from None


def _human(n: int) -> str:
    size: float = n  # still the int for "bytes": "512 bytes", not "512.0 bytes"
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} bytes"


__all__ = [
    "read_input",
    "read_url",
    "article_from_bytes",
    "article_from_html",
    "article_from_text",
    "decode_bytes",
    "DEFAULT_MAX_BYTES",
]
