"""URLs: fetch + extract against a local HTTP server (127.0.0.1, port 0), errors, offline cache."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsreader.ingest import IngestError
from newsreader.ingest.fetch import USER_AGENT, FetchError, fetch
from newsreader.service import read_input
from newsreader.store.fetched import FILENAME, FetchedCache

HTML = Path(__file__).parents[1] / "data" / "html"
ARTICLE = (HTML / "ledger-transit.html").read_bytes()
GOLD = json.loads((HTML / "ledger-transit.gold.json").read_text(encoding="utf-8"))


class Handler(BaseHTTPRequestHandler):
    seen_agents: list[str] = []
    hits: dict[str, int] = {}
    flip_status = 200  # what /flip.html answers; tests change it

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        Handler.hits[self.path] = Handler.hits.get(self.path, 0) + 1
        path = self.path
        if path == "/article.html":
            self._send(200, ARTICLE)
        elif path == "/flip.html":
            self._send(Handler.flip_status, ARTICLE if Handler.flip_status == 200 else b"<html>error</html>")
        elif path == "/legacy.html":
            self._send(200, (HTML / "journal-greve-cp1252.html").read_bytes(), "text/html")
        elif path == "/notext.html":
            self._send(200, (HTML / "no-text.html").read_bytes())
        elif path == "/plain.txt":
            self._send(200, b"Heat wave ends\nTemperatures fell on Sunday.\n", "text/plain; charset=utf-8")
        elif path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/article.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/to-ftp":
            self.send_response(302)
            self.send_header("Location", "ftp://127.0.0.1/file.html")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path in ("/loop-a", "/loop-b"):
            self.send_response(302)
            self.send_header("Location", "/loop-b" if path == "/loop-a" else "/loop-a")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif path == "/missing":
            self._send(404, b"<html><body>Not found</body></html>")
        elif path == "/broken":
            self._send(500, b"<html><body>Internal error</body></html>")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE)
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        elif path == "/big-announced":
            self._send(200, b"<html>" + b"x" * 300_000, "text/html")
        elif path == "/big-streamed":
            # No Content-Length: the limit must be enforced while reading.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>" + b"y" * 10_000 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self._send(404, b"")


@pytest.fixture()
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    Handler.seen_agents.clear()
    Handler.hits.clear()
    Handler.flip_status = 200
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield base, httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_url_is_fetched_and_only_the_article_is_kept(server):
    base, _ = server
    article = read_input(f"{base}/article.html")
    assert article.source == f"{base}/article.html"
    assert (article.title, article.published) == (GOLD["title"], GOLD["published"])
    assert article.text == GOLD["text"]
    assert Handler.seen_agents[0] == USER_AGENT and USER_AGENT.startswith("newsreader/")


def test_redirect_is_followed_and_legacy_charset_decoded(server):
    base, _ = server
    assert read_input(f"{base}/moved").title == GOLD["title"]
    legacy = read_input(f"{base}/legacy.html")
    assert "Grève des contrôleurs aériens" in legacy.title
    assert "« Nous n’avons pas d’autre choix »" in legacy.text


def test_text_plain_is_read_as_plain_text(server):
    base, _ = server
    article = read_input(f"{base}/plain.txt")
    assert (article.title, article.text) == ("Heat wave ends", "Temperatures fell on Sunday.")


@pytest.mark.parametrize(
    "path,reason",
    [
        ("/missing", "HTTP 404"),
        ("/broken", "HTTP 500"),
        ("/loop-a", "redirect loop"),
        ("/to-ftp", "not http\\(s\\)"),
        ("/image.png", "image/png, not an HTML page"),
        ("/notext.html", "no article text found"),
    ],
)
def test_fetch_errors_are_one_clear_line(server, path, reason):
    base, _ = server
    with pytest.raises(IngestError, match=reason) as info:
        read_input(base + path)
    assert "\n" not in str(info.value) and str(info.value).startswith(base + path)


def test_timeout(server):
    base, _ = server
    with pytest.raises(FetchError, match="timed out") as info:
        read_input(f"{base}/slow", timeout=0.3)
    assert info.value.network


@pytest.mark.parametrize("path", ["/big-announced", "/big-streamed"])
def test_size_limit(server, path):
    base, _ = server
    with pytest.raises(FetchError, match="size limit"):
        fetch(base + path, max_bytes=100_000, timeout=5)


def test_connection_refused_is_a_network_error():
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(FetchError, match="refused|network error") as info:
        read_input(f"http://127.0.0.1:{port}/x.html", timeout=2)
    assert info.value.network


def test_offline_reopen_from_cache_and_fallback_after_network_error(server, isolated_home):
    base, httpd = server
    url = f"{base}/article.html"
    with pytest.raises(IngestError, match="not in the fetched-page cache"):
        read_input(url, offline=True)
    online = read_input(url)
    httpd.shutdown()
    httpd.server_close()
    hits = Handler.hits.get("/article.html")
    offline = read_input(url, offline=True)
    assert offline == online and Handler.hits.get("/article.html") == hits
    notices: list[str] = []
    fallback = read_input(url, notify=notices.append, timeout=2)
    assert fallback == online
    assert len(notices) == 1 and "using the copy fetched on" in notices[0]


def test_failures_leave_no_cache_entry(server, isolated_home):
    base, _ = server
    for path in ("/missing", "/notext.html", "/image.png"):
        with pytest.raises(IngestError):
            read_input(base + path)
    cache = FetchedCache(isolated_home / "cache" / FILENAME)
    assert cache.count() == 0
    read_input(f"{base}/article.html")
    assert cache.count() == 1 and cache.get(f"{base}/article.html").body == ARTICLE


def test_5xx_falls_back_to_the_cache_but_4xx_does_not(server):
    base, _ = server
    url = f"{base}/flip.html"
    first = read_input(url)
    Handler.flip_status = 503
    notices: list[str] = []
    assert read_input(url, notify=notices.append) == first
    assert "HTTP 503" in notices[0]
    # A 404 means the page is gone: no silent fallback, even with a cached copy.
    Handler.flip_status = 404
    with pytest.raises(IngestError, match="HTTP 404"):
        read_input(url, notify=notices.append)


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, NEWSREADER_HOME=str(home))
    return subprocess.run([sys.executable, "-m", "newsreader.cli", *args], capture_output=True, env=env, timeout=300)


def test_cli_parse_url_and_errors(server, isolated_home):
    base, _ = server
    out = _cli("parse", f"{base}/article.html", home=isolated_home)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert (doc["title"], doc["published"], doc["source"]) == (GOLD["title"], GOLD["published"], f"{base}/article.html")
    assert doc["text"] == GOLD["text"]
    for path in ("/missing", "/image.png"):
        bad = _cli("parse", base + path, home=isolated_home)
        err = bad.stderr.decode()
        assert bad.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err
        assert bad.stdout == b""
