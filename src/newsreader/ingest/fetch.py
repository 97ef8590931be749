"""Fetch one ``http(s)://`` URL with the standard library: bounded, honest, one-line errors.

- User-Agent ``newsreader/<version> (+terminal news reader)``.
- ``timeout`` seconds for the connection and for each read, and an overall deadline of
  four times that for the whole body.
- Redirects followed, at most :data:`MAX_REDIRECTS`; loops are reported.
- The body is read in chunks and the read stops at ``max_bytes`` (an announced
  ``Content-Length`` over the limit fails before reading).
- Only HTML (``text/html``, ``application/xhtml+xml``) and ``text/plain`` are accepted.
- No JavaScript is run: what the server sends is what is read.

Failures raise :class:`FetchError` (an :class:`IngestError`); ``network`` is true for
failures where a cached copy is a sensible fallback (DNS, connection, timeout, 5xx).
"""

from __future__ import annotations

import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import IO, TYPE_CHECKING

from .. import __version__
from ..model.article import IngestError

if TYPE_CHECKING:
    from http.client import HTTPMessage

USER_AGENT = f"newsreader/{__version__} (+terminal news reader)"
DEFAULT_TIMEOUT = 15.0
MAX_REDIRECTS = 5
CHUNK = 64 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


class FetchError(IngestError):
    """A URL that could not be fetched; ``network`` marks failures worth an offline fallback."""

    def __init__(self, source: str, reason: str, *, network: bool = False) -> None:
        super().__init__(source, reason)
        self.network = network


@dataclass(frozen=True)
class Response:
    url: str
    final_url: str
    status: int
    content_type: str  # lower case, without parameters; "" when the server sent none
    charset: str | None
    body: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    """At most MAX_REDIRECTS hops, each to http(s) only (urllib would also follow ftp)."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "redirection to a non-http(s) URL is not allowed", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, max_bytes: int, timeout: float = DEFAULT_TIMEOUT) -> Response:
    """GET ``url`` and return its body, or raise :class:`FetchError`."""
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8",
            "Accept-Encoding": "identity",
        },
    )
    opener = urllib.request.build_opener(_Redirects())
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if 300 <= exc.code < 400:
            if "not allowed" in str(exc.msg):
                raise FetchError(url, "redirects to a location that is not http(s)") from None
            raise FetchError(url, f"too many redirects or a redirect loop (more than {MAX_REDIRECTS})") from None
        reason = f"HTTP {exc.code} {exc.reason}".strip()
        raise FetchError(url, f"server answered {reason}", network=exc.code >= 500) from None
    except urllib.error.URLError as exc:
        raise FetchError(url, _describe(exc.reason, timeout), network=True) from None
    except TimeoutError:
        raise FetchError(url, f"timed out after {timeout:g} s", network=True) from None
    except (OSError, ValueError) as exc:  # http.client errors, bad URLs
        raise FetchError(url, _describe(exc, timeout), network=isinstance(exc, OSError)) from None
    with response:
        headers: Message = response.headers
        content_type = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
        charset = headers.get_content_charset()
        if content_type and content_type not in HTML_TYPES + TEXT_TYPES:
            raise FetchError(url, f"is {content_type}, not an HTML page or plain text")
        length = headers.get("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise FetchError(url, f"is {_human(int(length))}, over the size limit of {_human(max_bytes)}")
        body = _read_limited(response, url, max_bytes, timeout)
        return Response(url, response.geturl(), response.status, content_type, charset, body)


def _read_limited(response: IO[bytes], url: str, max_bytes: int, timeout: float) -> bytes:
    deadline = time.monotonic() + 4 * timeout
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            chunk = response.read(min(CHUNK, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(url, f"response is larger than the size limit of {_human(max_bytes)}")
            if time.monotonic() > deadline:
                raise FetchError(url, f"took longer than {4 * timeout:g} s to download", network=True)
    except TimeoutError:
        raise FetchError(url, f"timed out after {timeout:g} s while reading", network=True) from None
    except OSError as exc:
        raise FetchError(url, _describe(exc, timeout), network=True) from None
    return b"".join(chunks)


def _describe(reason: object, timeout: float) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return "cannot resolve the host name (DNS lookup failed; offline?)"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, OSError) and reason.strerror:
        return f"network error: {reason.strerror}"
    return f"cannot fetch: {reason}"


def _human(n: int) -> str:
    value = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{n} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} bytes"
