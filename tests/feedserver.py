"""A real HTTP server on 127.0.0.1 for feed and page tests (and the refresh benchmark).

Routes map a path to a :class:`Route`; a route with an ``etag`` answers a matching
``If-None-Match`` with 304, as a well-behaved feed server does. Hostile routes (a server
that never answers, a gzip bomb, a redirect loop, 429 with Retry-After …) are plain
routes with a ``kind``. Every request is counted per path, with its status.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "application/rss+xml; charset=utf-8"
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    kind: str = "plain"  # plain | hang | stream | loop
    gzip: bool = False


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self.statuses: Counter[int] = Counter()
        self.agents: list[str] = []
        self.stop_hanging = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server._handle(self)

        class Quiet(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that hangs up mid-body (a size limit at work) is expected

        self.httpd = Quiet(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop_hanging.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        path = h.path
        self.hits[path] += 1
        self.agents.append(h.headers.get("User-Agent", ""))
        route = self.routes.get(path)
        if route is None:
            return self._send(h, 404, b"not found", "text/plain")
        if route.kind == "hang":  # accept the connection, never answer
            self.stop_hanging.wait(60)
            return None
        if route.kind == "loop":
            h.send_response(302)
            h.send_header("Location", path)
            h.send_header("Content-Length", "0")
            h.end_headers()
            self.statuses[302] += 1
            return None
        if route.etag and h.headers.get("If-None-Match") == route.etag:
            return self._send(h, 304, b"", None, {"ETag": route.etag})
        if route.last_modified and h.headers.get("If-Modified-Since") == route.last_modified:
            return self._send(h, 304, b"", None, {"Last-Modified": route.last_modified})
        extra = dict(route.headers)
        if route.etag:
            extra["ETag"] = route.etag
        if route.last_modified:
            extra["Last-Modified"] = route.last_modified
        if route.kind == "stream":  # no Content-Length, more than any limit
            h.send_response(route.status)
            h.send_header("Content-Type", route.content_type)
            h.send_header("Connection", "close")
            h.end_headers()
            self.statuses[route.status] += 1
            try:
                for _ in range(2000):
                    h.wfile.write(route.body)
            except OSError:
                pass
            h.close_connection = True
            return None
        body = route.body
        if route.gzip:
            extra["Content-Encoding"] = "gzip"
        return self._send(h, route.status, body, route.content_type, extra)

    def _send(
        self, h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str | None, extra: dict | None = None
    ) -> None:
        self.statuses[status] += 1
        h.send_response(status)
        if ctype:
            h.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            h.wfile.write(body)
        except OSError:
            pass


# --------------------------------------------------------------------------- builders


def rss(title: str, items: list[dict], *, link: str = "http://127.0.0.1/") -> bytes:
    """RSS 2.0; each item: guid, link, title, date (RFC 822), description, content (HTML)."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>',
        f"<title>{escape(title)}</title><link>{escape(link)}</link><description>test</description>",
    ]
    for item in items:
        parts.append("<item>")
        for tag in ("title", "link", "guid"):
            if item.get(tag):
                parts.append(f"<{tag}>{escape(item[tag])}</{tag}>")
        if item.get("date"):
            parts.append(f"<pubDate>{item['date']}</pubDate>")
        if item.get("description"):
            parts.append(f"<description>{escape(item['description'])}</description>")
        if item.get("content"):
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def atom(title: str, entries: list[dict]) -> bytes:
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(title)}</title><id>urn:test:{escape(title)}</id><updated>2024-05-01T00:00:00Z</updated>",
    ]
    for e in entries:
        parts.append(
            f"<entry><id>{escape(e['id'])}</id><title>{escape(e['title'])}</title>"
            f'<link rel="alternate" href="{escape(e["link"])}"/><updated>{e["updated"]}</updated>'
            f'<content type="html">{escape(e["content"])}</content></entry>'
        )
    parts.append("</feed>")
    return "\n".join(parts).encode("utf-8")


def gzip_bomb(inflated: int) -> bytes:
    """A small gzip body that inflates to ``inflated`` bytes of zeros."""
    out = bytearray()
    compressor = gzip.compress(b"\0" * inflated, compresslevel=9)
    out += compressor
    return bytes(out)


def article_html(title: str, paragraphs: list[str], *, date: str = "2024-05-01") -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title>"
        f'<meta property="article:published_time" content="{date}T08:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{escape(title)}</h1>"
        f"{body}</article><footer>Copyright</footer></body></html>"
    ).encode()


def wait_until(predicate, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
