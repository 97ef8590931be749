"""Fetching ``http(s)://`` URLs with httpx: pooled, bounded, honest, one-line errors.

One :class:`Fetcher` holds one pooled ``httpx.Client`` (keep-alive, HTTP/2 over TLS when
the server offers it) and is shared by every thread of a refresh; :func:`fetch` is the
one-URL shortcut the reader uses. Why httpx: a maintained client with a thread-safe
connection pool, HTTP/2, per-phase timeouts and streaming bodies, so every limit below is
enforced while reading and never after.

- User-Agent ``newsreader/<version> (+terminal news reader)``.
- ``timeout`` seconds to connect and for each read, and a deadline of four times that for
  the whole exchange (a server that trickles bytes can't hold a refresh forever).
- Redirects followed, at most :data:`MAX_REDIRECTS`, and only to http(s); loops are reported.
- ``max_bytes`` bounds the body *as decoded*: gzip, deflate and brotli are accepted and
  inflated here, in bounded steps, so a compression bomb (a small body that inflates to
  gigabytes) is refused after ``max_bytes`` of output with memory bounded by the limit.
  An announced ``Content-Length`` over the limit fails before reading.
- ``accept`` limits the content types taken (HTML and plain text for a page).
- Conditional GET: pass the stored ETag / Last-Modified; a 304 comes back as a
  :class:`Response` with ``status == 304`` and an empty body.
- 429 and 503 with ``Retry-After`` raise :class:`FetchError` with ``retry_after`` (seconds).
- At most ``per_host`` requests to one host at a time, whatever the pool size.

Failures raise :class:`FetchError` (an :class:`IngestError`); ``network`` is true for
failures where a cached copy is a sensible fallback (DNS, connection, timeout, 5xx).
"""

from __future__ import annotations

import email.utils
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .. import __version__
from ..lazy import lazy_import
from ..model.article import IngestError

if TYPE_CHECKING:
    import brotli
    import httpx
else:
    httpx = lazy_import("httpx")
    brotli = lazy_import("brotli")

USER_AGENT = f"newsreader/{__version__} (+terminal news reader)"
DEFAULT_TIMEOUT = 15.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
PAGE_TYPES = HTML_TYPES + TEXT_TYPES
PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8"
ENCODINGS = "gzip, deflate, br"


class FetchError(IngestError):
    """A URL that could not be fetched; ``network`` marks failures worth an offline fallback,
    ``retry_after`` (seconds) how long the server asked us to stay away (429, 503)."""

    def __init__(self, source: str, reason: str, *, network: bool = False, retry_after: float | None = None) -> None:
        super().__init__(source, reason)
        self.network = network
        self.retry_after = retry_after


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int
    content_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None
    body: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    """A pooled HTTP client for many fetches from many threads (close it when done)."""

    timeout: float = DEFAULT_TIMEOUT
    per_host: int = 4
    pool: int = 32
    _client: httpx.Client | None = field(default=None, init=False, repr=False)
    _hosts: dict[str, threading.BoundedSemaphore] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def _http(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                self._client = httpx.Client(
                    http2=True,
                    follow_redirects=True,
                    max_redirects=MAX_REDIRECTS,
                    timeout=httpx.Timeout(self.timeout),
                    limits=httpx.Limits(max_connections=self.pool, max_keepalive_connections=self.pool),
                    headers={"User-Agent": USER_AGENT, "Accept-Encoding": ENCODINGS},
                )
            return self._client

    @contextmanager
    def _slot(self, url: str) -> Iterator[None]:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            gate = self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with gate:
            yield

    def close(self) -> None:
        with self._lock:
            if self._client is not None:
                self._client.close()
                self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        max_bytes: int,
        accept: str = PAGE_ACCEPT,
        types: Sequence[str] | None = PAGE_TYPES,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Response:
        """GET ``url`` (see the module docstring for every limit); :class:`FetchError` on failure."""
        if not url.lower().startswith(("http://", "https://")):
            raise FetchError(url, "is not an http(s) URL")
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + 4 * self.timeout
        with self._slot(url):
            try:
                with self._http().stream("GET", url, headers=headers) as response:
                    return _read(
                        url, response, max_bytes=max_bytes, types=types, deadline=deadline, timeout=self.timeout
                    )
            except FetchError:
                raise
            except httpx.TooManyRedirects:
                raise FetchError(url, f"too many redirects or a redirect loop (more than {MAX_REDIRECTS})") from None
            except httpx.UnsupportedProtocol:
                raise FetchError(url, "redirects to a location that is not http(s)") from None
            except httpx.TimeoutException:
                raise FetchError(url, f"timed out after {self.timeout:g} s", network=True) from None
            except httpx.DecodingError as exc:
                raise FetchError(url, f"cannot decode the response: {exc}") from None
            except (httpx.HTTPError, httpx.InvalidURL, OSError) as exc:
                raise FetchError(url, _describe(exc), network=True) from None


def fetch(url: str, *, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> Response:
    """GET one page (HTML or plain text) and return it, or raise :class:`FetchError`."""
    with Fetcher(timeout=timeout, pool=1) as fetcher:
        return fetcher.get(url, max_bytes=max_bytes)


def _read(
    url: str, response: httpx.Response, *, max_bytes: int, types: Sequence[str] | None, deadline: float, timeout: float
) -> Response:
    status = response.status_code
    headers = response.headers
    if status == 304:
        return Response(url, str(response.url), 304, "", None, b"", headers.get("ETag"), headers.get("Last-Modified"))
    if status >= 400:
        reason = f"HTTP {status} {response.reason_phrase}".strip()
        wait = retry_after(headers.get("Retry-After")) if status in (429, 503) else None
        if wait is not None:
            raise FetchError(
                url, f"server answered {reason}; it asks to retry after {_duration(wait)}", retry_after=wait
            )
        raise FetchError(url, f"server answered {reason}", network=status >= 500)
    content_type, charset = _content_type(headers.get("Content-Type", ""))
    if types is not None and content_type and content_type not in types:
        wanted = "an HTML page or plain text" if tuple(types) == PAGE_TYPES else "a feed"
        raise FetchError(url, f"is {content_type}, not {wanted}")
    length = headers.get("Content-Length", "")
    coding = headers.get("Content-Encoding", "identity").strip().lower()
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(url, f"is {_human(int(length))}, over the size limit of {_human(max_bytes)}")
    decoder = _Decoder(coding, url, max_bytes)
    try:
        for chunk in response.iter_raw(CHUNK):
            decoder.feed(chunk)
            if time.monotonic() > deadline:
                raise FetchError(url, f"took longer than {4 * timeout:g} s to download", network=True)
        body = decoder.finish()
    except (zlib.error, brotli.error) as exc:
        raise FetchError(url, f"cannot decode its {coding} body ({exc})") from None
    return Response(
        url, str(response.url), status, content_type, charset, body, headers.get("ETag"), headers.get("Last-Modified")
    )


class _Decoder:
    """Content-Encoding undone in bounded steps: never more than ``limit`` bytes of output
    exist, however far the input would inflate."""

    def __init__(self, coding: str, url: str, limit: int) -> None:
        self.url, self.limit, self.size = url, limit, 0
        self.out: list[bytes] = []
        self.coding = coding
        if coding in ("gzip", "x-gzip"):
            self._z: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._z = zlib.decompressobj()  # zlib-wrapped; raw deflate is retried below
        elif coding in ("identity", ""):
            self._z = None
        elif coding == "br":
            self._z = None
            self._br = brotli.Decompressor()
        else:
            raise FetchError(url, f"uses an unsupported content encoding ({coding})")
        self._raw_deflate_tried = False

    def _keep(self, data: bytes) -> None:
        if not data:
            return
        self.size += len(data)
        if self.size > self.limit:
            what = "response" if self.coding in ("identity", "") else "decompressed response"
            raise FetchError(self.url, f"{what} is larger than the size limit of {_human(self.limit)}")
        self.out.append(data)

    def feed(self, data: bytes) -> None:
        if self.coding in ("identity", ""):
            self._keep(data)
        elif self.coding == "br":
            self._keep(self._br.process(data, output_buffer_limit=CHUNK))
            while not self._br.can_accept_more_data():
                self._keep(self._br.process(b"", output_buffer_limit=CHUNK))
        else:
            self._inflate(data)

    def _inflate(self, data: bytes) -> None:
        assert self._z is not None
        try:
            self._keep(self._z.decompress(data, CHUNK))
        except zlib.error:
            if self.coding != "deflate" or self._raw_deflate_tried or self.size:
                raise
            self._raw_deflate_tried = True  # some servers send raw deflate for "deflate"
            self._z = zlib.decompressobj(-zlib.MAX_WBITS)
            self._keep(self._z.decompress(data, CHUNK))
        while self._z.unconsumed_tail:
            self._keep(self._z.decompress(self._z.unconsumed_tail, CHUNK))

    def finish(self) -> bytes:
        if self._z is not None:
            while True:
                tail = self._z.flush(CHUNK)
                if not tail:
                    break
                self._keep(tail)
        return b"".join(self.out)


def _content_type(value: str) -> tuple[str, str | None]:
    kind, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, val = param.partition("=")
        if name.strip().lower() == "charset" and val.strip():
            charset = val.strip().strip("\"'")
    return kind.strip().lower(), charset


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    low = text.lower()
    if "name or service not known" in low or "nodename nor servname" in low or "temporary failure in name" in low:
        return "cannot resolve the host name (DNS lookup failed; offline?)"
    if "connection refused" in low:
        return "connection refused"
    if "ssl" in low or "certificate" in low:
        return f"TLS error: {text}"
    return f"network error: {' '.join(text.split())}"


def _human(n: int) -> str:
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{n} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} bytes"
