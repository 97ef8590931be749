"""Feeds end to end against a real HTTP server on 127.0.0.1: subscribe, import/export,
refresh (conditional GET, full pages for teasers, parsed into the cache), hostile feeds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsreader.ingest import IngestError
from newsreader.ingest import feeds as feed_format
from newsreader.ingest.fetch import USER_AGENT, Fetcher, FetchError
from newsreader.service import feeds as feed_service
from newsreader.store import DocumentCache
from newsreader.store.feeds import FeedStore
from tests.feedserver import FeedServer, Route, article_html, atom, gzip_bomb, rss

CITY = [
    "The city council voted on Tuesday to expand the tram line to the northern districts, a project "
    "that officials said would cost $240 million over five years.",
    '"This is the most important transport decision in a generation," Mayor Ana Ruiz told reporters '
    "after the vote, adding that construction would begin next spring.",
    "Opponents argued that the money would be better spent on buses. Councillor Tom Hale said the plan "
    "ignored the southern neighbourhoods and warned that fares would rise.",
    "A survey published in March found that 62 percent of residents supported the extension, while 21 "
    "percent opposed it and the rest were undecided.",
    "The transport authority expects the first trams to run in 2027. Its director, Mei Chen, said the "
    "agency had already begun talks with two manufacturers about new vehicles for the line.",
    "Local businesses along the planned route welcomed the decision. The chamber of commerce said in a "
    "statement that the line would bring thousands of customers to the area every day.",
]
LONG = " ".join(CITY)  # about 200 words: a feed that carries whole articles


def page_paragraphs(n: int) -> list[str]:
    return [*CITY, f"This is report number {n} on the tram line."]


@pytest.fixture()
def server():
    with FeedServer() as srv:
        yield srv


@pytest.fixture()
def stores(isolated_home):
    store = FeedStore()
    cache = DocumentCache()
    yield store, cache
    store.close()
    cache.close()


def build_site(srv: FeedServer) -> None:
    """Three good feeds: RSS with full content, RSS with teasers (pages fetched), Atom; and JSON Feed."""
    full_items = [
        {
            "guid": f"full-{i}",
            "link": srv.url(f"/full/{i}.html"),
            "title": f"Tram vote {i}",
            "date": f"Wed, 0{i} May 2024 08:00:00 GMT",
            "content": "".join(f"<p>{p}</p>" for p in CITY) + f"<p>Item {i}.</p>",
        }
        for i in range(1, 4)
    ]
    srv.routes["/full.xml"] = Route(rss("City Desk", full_items), etag='"full-v1"')
    teaser_items = [
        {
            "guid": f"teaser-{i}",
            "link": srv.url(f"/story/{i}.html"),
            "title": f"Council story {i}",
            "date": f"Thu, 0{i} May 2024 09:00:00 GMT",
            "description": "The council voted on the tram line. Read more…",
        }
        for i in range(1, 3)
    ]
    srv.routes["/teasers.xml"] = Route(rss("Teaser Times", teaser_items), last_modified="Wed, 01 May 2024 10:00:00 GMT")
    for i in range(1, 3):
        srv.routes[f"/story/{i}.html"] = Route(
            article_html(f"Council story {i}", page_paragraphs(i)), content_type="text/html; charset=utf-8"
        )
    srv.routes["/atom.xml"] = Route(
        atom(
            "Atom Wire",
            [
                {
                    "id": "urn:a:1",
                    "title": "Atom tram story",
                    "link": srv.url("/atom/1.html"),
                    "updated": "2024-05-03T12:00:00Z",
                    "content": "".join(f"<p>{p}</p>" for p in CITY),
                }
            ],
        ),
        content_type="application/atom+xml",
        etag='"atom-1"',
    )
    srv.routes["/feed.json"] = Route(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "JSON Desk",
                "items": [
                    {
                        "id": "j1",
                        "url": srv.url("/json/1.html"),
                        "title": "JSON tram story",
                        "content_text": "\n\n".join(CITY),
                        "date_published": "2024-05-04T07:00:00Z",
                    }
                ],
            }
        ).encode(),
        content_type="application/feed+json",
        etag='"json-1"',
    )


def opml(srv: FeedServer, paths: list[str]) -> str:
    outlines = "".join(f'<outline type="rss" xmlUrl="{srv.url(p)}"/>' for p in paths)  # untitled: the feed names itself
    return (
        f'<?xml version="1.0"?><opml version="2.0"><head/><body><outline text="news">{outlines}</outline></body></opml>'
    )


# --------------------------------------------------------------------------- parsing


def test_rss_atom_and_json_feed_entries():
    items = [
        {"guid": "g1", "link": "http://x/1", "title": "One &amp; two", "description": "<p>Short <b>teaser</b></p>"}
    ]
    parsed = feed_format.parse_feed(rss("R", items), url="http://x/feed")
    entry = parsed.entries[0]
    assert (parsed.title, entry.link, entry.text) == ("R", "http://x/1", "Short teaser")
    assert entry.key.endswith("g1")  # the guid (a permalink by default, so made absolute)
    assert entry.teaser  # a summary of two words: the page will be fetched
    a = feed_format.parse_feed(
        atom(
            "A", [{"id": "i", "title": "T", "link": "http://x/a", "updated": "2024-05-03T12:00:00Z", "content": LONG}]
        ),
        url="http://x/atom",
    )
    assert a.format == "atom10" and a.entries[0].published == "2024-05-03" and not a.entries[0].teaser
    j = feed_format.parse_feed(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1",
                "title": "J",
                "items": [{"id": 7, "url": "/p", "summary": "s"}],
            }
        ).encode(),
        url="http://x/feed.json",
    )
    assert j.entries[0].key == "7" and j.entries[0].link == "http://x/p"


def test_entry_html_is_text_never_markup():
    text = feed_format.html_to_text("<p>[bold]Hi[/bold] <script>alert(1)</script>\x1b[31mred</p><p>Two &amp; three</p>")
    assert text == "[bold]Hi[/bold] [31mred\nTwo & three"  # kept as text; the escape character is gone


@pytest.mark.parametrize(
    "body,reason",
    [
        (b"<html><body>Hello</body></html>", "not a feed"),
        (b"just some text", "not a feed"),
        (b'{"a": 1}', "not a JSON Feed"),
    ],
)
def test_not_a_feed_is_one_line(body, reason):
    with pytest.raises(feed_format.FeedError, match=reason) as info:
        feed_format.parse_feed(body, url="http://x/f")
    assert "\n" not in str(info.value)


def test_opml_and_urls_file_round_trip():
    data = b'<?xml version="1.0"?><opml version="1.0"><body><outline text="Tech"><outline text="A" xmlUrl="http://a/f"/></outline><outline title="B" xmlUrl="http://b/f"/></body></opml>'
    subs = feed_format.read_opml(data, "f.opml")
    assert [(s.url, s.title) for s in subs] == [("http://a/f", "A"), ("http://b/f", "B")]
    out = feed_format.write_opml([("http://a/f", "A", "http://a/"), ("http://b/f", None, None)])
    assert [s.url for s in feed_format.read_opml(out.encode(), "x")] == ["http://a/f", "http://b/f"]
    urls = feed_format.read_urls_file(
        '# mine\nhttp://a/f tech "~Alpha"\n"query:unread:unread = \\"yes\\""\nhttps://b/f\n'
    )
    assert [(s.url, s.title) for s in urls] == [("http://a/f", "Alpha"), ("https://b/f", None)]


def test_opml_never_loads_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    data = f'<?xml version="1.0"?><!DOCTYPE o [<!ENTITY x SYSTEM "file://{secret}">]><opml><body><outline text="&x;" xmlUrl="http://a/f"/></body></opml>'
    with pytest.raises(IngestError, match="external entity") as info:  # refused, never read
        feed_format.read_opml(data.encode(), "evil.opml")
    assert "TOPSECRET" not in str(info.value)


# --------------------------------------------------------------------------- the HTTP client


def test_compression_bomb_is_refused_with_bounded_memory(server):
    server.routes["/bomb.xml"] = Route(gzip_bomb(200 * 1024 * 1024), gzip=True)
    assert len(server.routes["/bomb.xml"].body) < 400_000
    with Fetcher(timeout=5) as f, pytest.raises(FetchError, match="decompressed response is larger than"):
        f.get(server.url("/bomb.xml"), max_bytes=5 * 1024 * 1024, types=None)


def test_gzip_body_is_decoded(server):
    import gzip

    server.routes["/z.xml"] = Route(gzip.compress(rss("Z", [])), gzip=True)
    with Fetcher(timeout=5) as f:
        r = f.get(server.url("/z.xml"), max_bytes=1_000_000, types=None)
    assert b"<title>Z</title>" in r.body and server.agents[-1] == USER_AGENT


def test_retry_after_is_read(server):
    server.routes["/busy.xml"] = Route(b"slow down", status=429, headers={"Retry-After": "120"})
    with Fetcher(timeout=5) as f, pytest.raises(FetchError, match="429") as info:
        f.get(server.url("/busy.xml"), max_bytes=1000, types=None)
    assert info.value.retry_after == 120


# --------------------------------------------------------------------------- refresh


def test_refresh_stores_and_parses_every_entry_and_fetches_teasers_in_full(server, stores):
    store, cache = stores
    build_site(server)
    for path in ("/full.xml", "/teasers.xml", "/atom.xml", "/feed.json"):
        store.add_feed(server.url(path))
    seen = []
    report = feed_service.refresh(store, cache, on_entry=lambda e, d: seen.append((e, d)))
    assert report.failed == [] and report.entries == 7
    assert len(seen) == 7 and report.parsed == 7
    by_title = {e.title: (e, d) for e, d in seen}
    story, doc = by_title["Council story 1"]
    assert story.full_page and "report number 1" in story.text and "Read more" not in story.text
    assert doc.quotes and any("Ruiz" in q.speaker.text for q in doc.quotes if q.speaker)
    assert cache.latest(doc.id) is not None  # in the document cache: it opens without a parse
    full, _ = by_title["Tram vote 1"]
    assert not full.full_page and server.hits["/full/1.html"] == 0  # whole article in the feed: no page fetch
    assert by_title["JSON tram story"][0].published == "2024-05-04"
    feeds = {f.url: f for f in store.feeds()}
    assert feeds[server.url("/teasers.xml")].title == "Teaser Times"
    assert feeds[server.url("/full.xml")].unread == 3 and feeds[server.url("/full.xml")].etag == '"full-v1"'


def test_second_refresh_is_all_304_and_adds_nothing(server, stores):
    store, cache = stores
    build_site(server)
    for path in ("/full.xml", "/teasers.xml", "/atom.xml", "/feed.json"):
        store.add_feed(server.url(path))
    feed_service.refresh(store, cache)
    server.hits.clear()
    server.statuses.clear()
    report = feed_service.refresh(store, cache)
    assert report.entries == 0 and all(o.status == "unchanged" for o in report.outcomes)
    assert server.statuses == {304: 4} and sum(server.hits.values()) == 4


def test_entries_are_deduplicated_across_refreshes_and_new_ones_added(server, stores):
    store, cache = stores
    items = [{"guid": "a", "link": server.url("/a"), "title": "A", "content": LONG}]
    server.routes["/f.xml"] = Route(rss("F", items))  # no validators: a full fetch each time
    store.add_feed(server.url("/f.xml"))
    assert feed_service.refresh(store, cache).entries == 1
    assert feed_service.refresh(store, cache).entries == 0
    items.append({"guid": "b", "link": server.url("/b"), "title": "B", "content": LONG + " More."})
    server.routes["/f.xml"] = Route(rss("F", items))
    assert feed_service.refresh(store, cache).entries == 1
    assert [e.title for e in store.entries()] == ["B", "A"] or len(store.entries()) == 2


def test_hostile_feeds_never_stop_a_refresh(server, stores):
    store, cache = stores
    build_site(server)
    server.routes["/gone.xml"] = Route(b"no", status=404, content_type="text/plain")
    server.routes["/error.xml"] = Route(b"oops", status=500, content_type="text/plain")
    server.routes["/loop.xml"] = Route(kind="loop")
    server.routes["/huge.xml"] = Route(b"<item>" + b"x" * 64_000 + b"</item>", kind="stream")
    server.routes["/bomb.xml"] = Route(gzip_bomb(100 * 1024 * 1024), gzip=True)
    server.routes["/hang.xml"] = Route(kind="hang")
    server.routes["/page.xml"] = Route(b"<html><body><p>Hello</p></body></html>", content_type="text/html")
    server.routes["/latin1.xml"] = Route(
        rss("Caf\u00e9", [{"guid": "l1", "link": server.url("/l1"), "title": "Caf\u00e9 opens", "content": LONG}])
        .decode("utf-8")
        .encode("latin-1"),
        content_type="application/rss+xml; charset=utf-8",
    )
    server.routes["/busy.xml"] = Route(b"wait", status=429, headers={"Retry-After": "3600"}, content_type="text/plain")
    server.routes["/badpage.xml"] = Route(
        rss(
            "Bad pages",
            [{"guid": "bp", "link": server.url("/missing-page"), "title": "Teaser", "description": "Short."}],
        )
    )
    hostile = ["/gone.xml", "/error.xml", "/loop.xml", "/huge.xml", "/bomb.xml", "/hang.xml", "/page.xml"]
    for path in ["/full.xml", *hostile, "/latin1.xml", "/busy.xml", "/badpage.xml", "/teasers.xml"]:
        store.add_feed(server.url(path))
    notices: list[str] = []
    started = time.monotonic()
    report = feed_service.refresh(store, cache, timeout=1.0, max_bytes=5 * 1024 * 1024, notify=notices.append)
    assert time.monotonic() - started < 10
    status = {o.feed.url.rsplit("/", 1)[1]: o for o in report.outcomes}
    assert {k for k, o in status.items() if o.status == "failed"} == {p[1:] for p in hostile}
    reasons = {k: status[k].error for k in status}
    assert "404" in reasons["gone.xml"] and "500" in reasons["error.xml"]
    assert "redirect" in reasons["loop.xml"] and "size limit" in reasons["huge.xml"]
    assert "decompressed" in reasons["bomb.xml"] and "timed out" in reasons["hang.xml"]
    assert "not a feed" in reasons["page.xml"]
    assert status["busy.xml"].status == "skipped" and "429" in reasons["busy.xml"]
    assert status["full.xml"].new == 3 and status["teasers.xml"].new == 2 and status["latin1.xml"].new == 1
    assert status["badpage.xml"].new == 1  # the page failed: the summary is kept
    assert any("missing-page" in n and "404" in n and "kept the feed's summary" in n for n in notices)
    for path in hostile:
        assert sum(1 for n in notices if server.url(path) in n or path[1:] in n) >= 1
    assert all("\n" not in n for n in notices)
    listed = {f.url.rsplit("/", 1)[1]: f for f in store.feeds()}
    assert listed["gone.xml"].error and listed["full.xml"].error is None
    # The feed that asked us to wait is skipped (and says so) until then, not fetched.
    server.hits.clear()
    again = feed_service.refresh(store, cache, only=[listed["busy.xml"]], timeout=1.0)
    assert again.outcomes[0].status == "skipped" and server.hits["/busy.xml"] == 0


def test_a_failed_feed_keeps_its_entries(server, stores):
    store, cache = stores
    build_site(server)
    feed, _ = store.add_feed(server.url("/full.xml"))
    feed_service.refresh(store, cache)
    server.routes["/full.xml"] = Route(b"down", status=503, content_type="text/plain")
    report = feed_service.refresh(store, cache)
    assert report.failed and len(store.entries(feed.id)) == 3


def test_subscribe_finds_the_feed_a_page_names(server, stores):
    store, _ = stores
    build_site(server)
    server.routes["/home.html"] = Route(
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/full.xml"></head><body>Hi</body></html>',
        content_type="text/html",
    )
    feed, added = feed_service.subscribe(store, server.url("/home.html"))
    assert added and feed.url == server.url("/full.xml") and feed.title == "City Desk"
    server.routes["/nofeed.html"] = Route(b"<html><body>Hi</body></html>", content_type="text/html")
    with pytest.raises(Exception, match="names no feed"):
        feed_service.subscribe(store, server.url("/nofeed.html"))


def test_read_state(server, stores):
    store, cache = stores
    build_site(server)
    feed, _ = store.add_feed(server.url("/full.xml"))
    feed_service.refresh(store, cache)
    entries = store.entries(feed.id)
    assert store.set_read([entries[0].id]) == 1 and store.set_read([entries[0].id]) == 0
    assert store.feeds()[0].unread == 2
    store.set_doc_read(entries[1].doc_id, True)
    assert store.feeds()[0].unread == 1
    assert store.set_read([e.id for e in entries], False) == 2


# --------------------------------------------------------------------------- the command line


def _cli(*args: str, home: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, NEWSREADER_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "newsreader.cli", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def test_cli_import_refresh_list_export_remove(server, tmp_path):
    build_site(server)
    server.routes["/gone.xml"] = Route(b"no", status=404, content_type="text/plain")
    home = tmp_path / "home"
    subs = tmp_path / "subs.opml"
    subs.write_text(opml(server, ["/full.xml", "/teasers.xml", "/atom.xml"]))
    out = _cli("feeds", "import", str(subs), home=home)
    assert out.returncode == 0 and "imported 3 feeds" in out.stderr
    out = _cli("refresh", home=home)
    assert out.returncode == 0, out.stderr
    assert "6 new entries (6 parsed)" in out.stderr
    out = _cli("refresh", home=home)
    assert (
        out.returncode == 0
        and "0 new entries" in out.stderr
        and "3 unchanged (3 answered 304 Not Modified)" in out.stderr
    )
    listing = _cli("feeds", "list", home=home).stdout
    assert "City Desk" in listing and "3 entries, 3 unread" in listing and "last refresh 20" in listing
    exported = _cli("feeds", "export", home=home).stdout
    assert [s.url for s in feed_format.read_opml(exported.encode(), "x")] == [
        server.url(p) for p in ("/atom.xml", "/full.xml", "/teasers.xml")
    ]
    bad = tmp_path / "bad.opml"
    bad.write_text(opml(server, ["/gone.xml"]))
    assert _cli("feeds", "import", str(bad), home=home).returncode == 0
    out = _cli("refresh", home=home)
    assert out.returncode == 2 and "gone.xml" in out.stderr and "HTTP 404" in out.stderr
    assert "last error: server answered HTTP 404" in _cli("feeds", "list", home=home).stdout
    out = _cli("feeds", "remove", server.url("/gone.xml"), home=home)
    assert out.returncode == 0 and "unsubscribed" in out.stderr
    assert _cli("refresh", home=home).returncode == 0
    missing = _cli("feeds", "import", str(tmp_path / "nope.opml"), home=home)
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1
