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
from pathlib import Path
from typing import BinaryIO, Callable

from .article import RawArticle, split_article, valid_iso_date
from .encoding import decode_bytes
from .errors import IngestError
from .normalize import normalize_text

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")

Notify = Callable[[str], None]


def read_input(
    arg: str,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    offline: bool = False,
    timeout: float | None = None,
    cache_dir: str | Path | None = None,
    notify: Notify | None = None,
) -> RawArticle:
    """Read a URL, a path or ``-`` (standard input); ``published`` overrides the input's date.

    URLs only: ``offline`` reads the fetched-page cache instead of the network,
    ``timeout`` bounds the connection and each read, ``cache_dir`` overrides where the
    fetched-page cache lives, and ``notify`` receives one-line notices (such as falling
    back to the cached copy after a network error).
    """
    if published is not None and not valid_iso_date(published):
        raise IngestError("--published", f"{published!r} is not a date in the form YYYY-MM-DD")
    # The same test as fetch.is_url, inline: importing fetch (ssl, http.client, email)
    # costs ~45 ms, and a local file - every cached open - must not pay it.
    if arg[:8].lower().startswith(("http://", "https://")):
        return read_url(
            arg, published=published, max_bytes=max_bytes, offline=offline, timeout=timeout,
            cache_dir=cache_dir, notify=notify,
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
    from .sniff import declared_charset, sniff_html

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
        from .markdown import article_from_markdown

        return article_from_markdown(text, source=source, fallback_title=fallback_title, published=published)
    return article_from_text(text, source=source, fallback_title=fallback_title, published=published)


def article_from_html(
    html: str, *, source: str, fallback_title: str, url: str | None = None, published: str | None = None
) -> RawArticle:
    from .html import extract_html

    ex = extract_html(html, url=url, source=source)
    return RawArticle(
        title=ex.title or fallback_title,
        published=published or ex.published,
        text=ex.text,
        source=source,
        author=ex.author,
    )


def read_url(
    url: str,
    *,
    published: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    offline: bool = False,
    timeout: float | None = None,
    cache_dir: str | Path | None = None,
    notify: Notify | None = None,
) -> RawArticle:
    """Fetch and extract ``url``, caching page and extraction; offline or after a network
    error (DNS, connection, timeout, HTTP 5xx), serve the cached copy with a notice."""
    from .fetch import DEFAULT_TIMEOUT, FetchError, fetch

    cache = _fetched_cache(cache_dir, notify)
    if offline:
        cached = cache.get(url) if cache else None
        if cached is None:
            raise IngestError(url, "is not in the fetched-page cache (open it once without --offline)")
        return _from_cached(cached, url, published)
    try:
        response = fetch(url, max_bytes=max_bytes, timeout=timeout or DEFAULT_TIMEOUT)
    except FetchError as exc:
        cached = cache.get(url) if (cache and exc.network) else None
        if cached is None:
            raise
        if notify:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(cached.fetched))
            notify(f"{url}: {exc.reason}; using the copy fetched on {when}")
        return _from_cached(cached, url, published)
    kind = "text" if response.content_type == "text/plain" else "html"
    if not response.content_type and not _sniffs_html(response.body):
        kind = "text"
    article = article_from_bytes(
        response.body, source=url, fallback_title=_url_name(response.final_url),
        charset=response.charset, url=response.final_url, kind=kind,
    )
    if cache is not None:
        _store(cache, url, response, kind, article, notify)
    return article if published is None else _with_published(article, published)


def _fetched_cache(cache_dir: str | Path | None, notify: Notify | None):  # type: ignore[no-untyped-def]
    import sqlite3

    from ..store.fetched import FILENAME, FetchedCache

    try:
        cache = FetchedCache(Path(cache_dir).expanduser() / FILENAME if cache_dir else None)
    except (OSError, sqlite3.Error) as exc:
        if notify:
            notify(f"fetched-page cache unavailable ({exc}); continuing without it")
        return None
    for line in cache.notices:
        if notify:
            notify(line)
    return cache


def _store(cache, url: str, response, kind: str, article: RawArticle, notify: Notify | None) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from ..store.fetched import FetchedPage
    from .html import EXTRACTOR_VERSION

    extraction = {
        "kind": kind,
        "title": article.title,
        "published": article.published,
        "author": article.author,
        "text": article.text,
    }
    page = FetchedPage(
        url, response.final_url, response.content_type or "", response.charset, response.body,
        EXTRACTOR_VERSION, extraction, time.time(),
    )
    try:
        cache.put(page)
    except (OSError, sqlite3.Error) as exc:
        if notify:
            notify(f"could not cache {url} ({exc}); it will not open offline")


def _from_cached(cached, url: str, published: str | None) -> RawArticle:  # type: ignore[no-untyped-def]
    from .html import EXTRACTOR_VERSION

    ex = cached.extraction
    if cached.extractor == EXTRACTOR_VERSION and ex.get("text"):
        article = RawArticle(
            title=ex.get("title") or _url_name(cached.final_url),
            published=ex.get("published"),
            text=ex["text"],
            source=url,
            author=ex.get("author"),
        )
    else:
        article = article_from_bytes(
            cached.body, source=url, fallback_title=_url_name(cached.final_url), charset=cached.charset,
            url=cached.final_url, kind=ex.get("kind") or "html",
        )
    return article if published is None else _with_published(article, published)


def _with_published(article: RawArticle, published: str) -> RawArticle:
    from dataclasses import replace

    return replace(article, published=published)


def _sniffs_html(data: bytes) -> bool:
    from .sniff import sniff_html

    return sniff_html(data)


def _url_name(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    stem = Path(parts.path.rstrip("/")).stem
    return stem or parts.hostname or url


def article_from_text(text: str, *, source: str, fallback_title: str, published: str | None = None) -> RawArticle:
    """Normalize decoded text and split off the header; raise if no body is left."""
    text = normalize_text(text)
    if not text.strip():
        raise IngestError(source, "is empty")
    title, file_published, body = split_article(text, fallback_title)
    if not body.strip():
        raise IngestError(source, "has a header but no article text")
    return RawArticle(title=title, published=published or file_published, text=body, source=source)


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
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


__all__ = ["read_input", "read_url", "article_from_bytes", "article_from_html", "article_from_text", "decode_bytes", "DEFAULT_MAX_BYTES"]
