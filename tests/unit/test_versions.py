"""Article versions (store/versions.py, service/versions.py, `versions` and `recheck`),
with pages served from a real HTTP server on 127.0.0.1 that change between fetches."""

from __future__ import annotations

import json

import pytest

from newsreader.cli import main
from newsreader.config import load_config
from newsreader.service import versions as version_service
from newsreader.service.inputs import read_input
from newsreader.service.stores import open_cache, open_reviews
from newsreader.store.versions import Fetch, VersionStore, apply_delta, delta
from tests.feedserver import FeedServer, Route, article_html
from tests.versions_pair import V1, V2  # issue 23's acceptance pair, shared with the UI tests

FIRST = [
    "The ministry said repairs would cost $5.6 billion over three years.",
    '"We will not cut corners," a senior official said.',
    "Work is due to start in March.",
]
REVISED = [
    "The ministry said repairs would cost $5.9 billion over three years.",
    '"We will not cut corners," Jane Doe, a senior official at the ministry, said.',
    "Work is due to start in March.",
]


@pytest.fixture
def server():
    with FeedServer() as s:
        yield s


def page(paragraphs, etag):
    return Route(
        article_html("Repairs to cost billions", paragraphs), content_type="text/html; charset=utf-8", etag=etag
    )


@pytest.mark.parametrize(
    ("url", "identity"),
    [
        ("https://www.Example.org/a/story/?utm_source=rss&id=3#top", "https://example.org/a/story?id=3"),
        ("http://example.org:8080/x", "http://example.org:8080/x"),
    ],
)
def test_an_articles_identity_leaves_out_what_does_not_name_the_page(url, identity):
    assert version_service.article_identity(url) == identity
    assert version_service.article_identity(None, feed_url="http://f/feed", entry_key="e1") == "entry:http://f/feed#e1"


def test_a_delta_rebuilds_the_new_text_and_moves_cost_nothing_new():
    old = "one\ntwo\nthree\nfour\n"
    new = "three\nfour\none\ntwo\nfive\n"
    ops = delta(old, new)
    assert apply_delta(old, ops) == new
    assert sum(len(op) for op in ops if isinstance(op, str)) < len(new)


def test_twenty_versions_cost_less_than_twenty_copies(tmp_path):
    text = "\n".join(f"Paragraph {i} says something about the budget, at some length." * 3 for i in range(60))
    with VersionStore(tmp_path / "v.sqlite3") as store:
        for n in range(20):
            changed = text.replace("Paragraph 7 ", f"Paragraph 7 (revision {n}) ")
            store.record(Fetch("a", "http://x/a", "T", None, changed, f"{n}"))
        assert [v.n for v in store.versions("a")] == list(range(1, 21))
        assert store.text("a", 13) == text.replace("Paragraph 7 ", "Paragraph 7 (revision 12) ")
        one_copy = len(text.encode())
        assert store.size() < 3 * one_copy  # 20 versions, stored as deltas and compressed


def test_an_identical_refetch_adds_no_version(tmp_path):
    with VersionStore(tmp_path / "v.sqlite3") as store:
        f = Fetch("a", "http://x/a", "T", None, "text", "d1")
        assert store.record(f)[1] is True
        assert store.record(f)[1] is False
        assert store.record(Fetch("a", "http://x/a", "New title", None, "text", "d1"))[1] is True
        assert len(store.versions("a")) == 2


def test_open_recheck_versions_against_a_changing_page(server, capsys):
    server.routes["/story"] = page(FIRST, '"v1"')
    url = server.url("/story")
    read_input(url)
    read_input(url)  # the same page again: nothing new
    assert main(["recheck"]) == 0  # a conditional GET with the ETag the first fetch kept: 304
    assert "1 unchanged" in capsys.readouterr().err
    assert server.statuses[304] == 1
    server.routes["/story"] = page(REVISED, '"v2"')
    assert main(["recheck", "--days", "1"]) == 0
    assert "changed (version 2)" in capsys.readouterr().err
    assert main(["versions", url, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [v["n"] for v in data["versions"]] == [1, 2]
    assert data["versions"][1]["etag"] == '"v2"'
    assert main(["versions", data["versions"][0]["doc_id"][:10]]) == 0
    assert "Repairs to cost billions" in capsys.readouterr().out


def test_recheck_counts_a_failure_and_exits_2(server, capsys):
    server.routes["/story"] = page(FIRST, None)
    read_input(server.url("/story"))
    server.routes["/story"] = Route(b"gone", status=404, content_type="text/plain")
    assert main(["recheck"]) == 2
    assert "1 failed" in capsys.readouterr().err


def test_versions_of_an_unknown_article_is_one_line_and_exit_2(capsys):
    assert main(["versions", "https://example.org/never"]) == 2
    assert "no versions kept" in capsys.readouterr().err


def test_a_refreshed_entry_is_the_first_version_of_its_article(server, capsys):
    from tests.feedserver import rss

    server.routes["/story"] = page(FIRST, '"v1"')
    link = server.url("/story")
    server.routes["/feed.xml"] = Route(
        rss("News", [{"guid": "e1", "link": link, "title": "Repairs to cost billions", "description": "Short."}])
    )
    assert main(["feeds", "add", server.url("/feed.xml")]) == 0
    assert main(["refresh"]) == 0
    assert main(["versions", link, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["versions"]) == 1 and "$5.6 billion" not in data["versions"][0]["title"]
    server.routes["/story"] = page(REVISED, '"v2"')
    read_input(link)  # opening it later sees the change
    assert main(["versions", link, "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["versions"]) == 2


def test_diff_of_two_fetched_versions_says_what_changed_in_meaning(server, capsys):
    # A figure revised, a quote removed, the anonymous official named (issue 23's acceptance).
    server.routes["/kursk"] = Route(article_html("Bridge repairs", V1), content_type="text/html", etag='"v1"')
    url = server.url("/kursk")
    assert main(["parse", url]) == 0
    # Version 1 reviewed: the figure supported, the quote that goes away disputed.
    cache, _ = open_cache(load_config())
    first = cache.latest(version_service.find_article_doc(url))[0]
    cache.close()
    reviews, _ = open_reviews()
    by_text = {c.text[:20]: c for c in first.claims}
    reviews.set_status(first, by_text["Repairs to the Kursk"], "supported")
    reviews.set_status(first, by_text['"The schedule is tig'], "disputed")
    server.routes["/kursk"] = Route(article_html("Bridge repairs", V2), content_type="text/html", etag='"v2"')
    assert main(["recheck"]) == 0
    capsys.readouterr()
    assert main(["versions", url]) == 0
    out = capsys.readouterr().out
    assert "1 number revised ($5.6 billion → $5.9 billion); 1 quote removed; 1 source named" in out
    assert main(["diff", url, "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["schema"] == "newsreader.diff/1"
    assert [(n["old"]["value"], n["new"]["value"]) for n in d["numbers"]] == [(5.6e9, 5.9e9)]
    assert [(q["kind"], q["old"]["text"]) for q in d["quotes"]] == [
        ("removed", "The schedule is tight, but we will meet it,")
    ]
    assert [(s["kind"], s["old"]["name"], s["new"]["name"]) for s in d["sources"]] == [
        ("named", "a senior official", "Jane Doe")
    ]
    assert (d["old_version"]["n"], d["new_version"]["n"]) == (1, 2)
    # Reviews follow the text: the revised figure's claim is flagged, the removed quote's listed.
    assert d["reviews"]["flagged"] == [
        "Repairs to the Kursk bridge will cost $5.9 billion, the ministry said on Tuesday."
    ]
    assert d["reviews"]["removed"] == [
        {"status": "disputed", "claim": '"The schedule is tight, but we will meet it," the official added.'}
    ]
    cache, _ = open_cache(load_config())
    second = cache.latest(d["new_version"]["doc_id"])[0]
    cache.close()
    notes = [r.note for r in reviews.reviews(second).values()]
    assert notes == [
        "claim changed in version 2: review again (version 1 was supported: “Repairs to the Kursk "
        "bridge will cost $5.6 billion, the ministry said on Tuesday.”)"
    ]
    assert all(r.status is None for r in reviews.reviews(second).values())
    reviews.close()
    assert main(["diff", url]) == 0
    text = capsys.readouterr().out
    assert "[-$5.6-] {+$5.9+}" in text and '- "The schedule is tight' in text
    assert main(["diff", url, "--from", "1", "--to", "7"]) == 2
    assert "there is no version 7" in capsys.readouterr().err


LONG = " ".join(["The council met on Monday to discuss the bridge."] * 30)  # not a teaser: no page fetch


def test_a_refresh_that_sees_an_entry_change_keeps_the_new_version(server, capsys):
    from newsreader.service import feeds as feed_service
    from newsreader.service.stores import open_feed_list
    from tests.feedserver import rss

    def serve(text, updated):
        item = {"guid": "e1", "link": server.url("/story"), "title": "Bridge", "content": f"<p>{text}</p>"}
        body = rss("News", [item]).replace(b"</item>", f"<atom:updated>{updated}</atom:updated></item>".encode())
        body = body.replace(b'<rss version="2.0"', b'<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"')
        server.routes["/feed.xml"] = Route(body)

    serve(LONG + " It will cost $5.6 billion.", "2024-05-01T10:00:00Z")
    store, _ = open_feed_list(create=True)
    store.add_feed(server.url("/feed.xml"))
    cache, _ = open_cache(load_config())
    first = feed_service.refresh(store, cache)
    assert (first.entries, first.revised) == (1, 0)
    # The same entry, its time bumped, nothing else changed: no new version.
    serve(LONG + " It will cost $5.6 billion.", "2024-05-01T11:00:00Z")
    assert feed_service.refresh(store, cache).revised == 0
    # The text revised: the entry gets the new text (read state kept), a new version is kept.
    store.set_read([store.entries()[0].id])
    serve(LONG + " It will cost $5.9 billion.", "2024-05-01T12:00:00Z")
    third = feed_service.refresh(store, cache)
    assert (third.entries, third.revised) == (0, 1)
    entry = store.entries()[0]
    assert "$5.9 billion" in entry.text and entry.read
    assert cache.latest(entry.doc_id) is not None  # parsed during the refresh
    store.close()
    cache.close()
    assert main(["versions", server.url("/story")]) == 0
    out = capsys.readouterr().out
    assert "1 number revised ($5.6 billion → $5.9 billion)" in out


def test_a_feed_list_of_schema_1_is_upgraded_in_place(tmp_path):
    import sqlite3

    from newsreader.store.feeds import FeedStore

    path = tmp_path / "feeds.sqlite3"
    with FeedStore(path) as store:
        store.add_feed("http://127.0.0.1:1/feed.xml")
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE e2 AS SELECT * FROM entries; DROP TABLE entries; "
        "UPDATE meta SET value = '1' WHERE key = 'schema';"
    )
    conn.execute("ALTER TABLE e2 RENAME TO entries")
    conn.execute("ALTER TABLE entries DROP COLUMN updated")
    conn.execute("ALTER TABLE entries DROP COLUMN seen")
    conn.commit()
    conn.close()
    with FeedStore(path) as store:
        assert store.writable and len(store.feeds()) == 1
        assert store.known(store.feeds()[0].id) == {}


def test_a_version_knows_its_place_and_what_changed_since(tmp_path):
    from newsreader.store import DocumentCache
    from newsreader.store.paths import data_dir
    from tests.versions_pair import keep_two_versions

    with DocumentCache(tmp_path / "cache.sqlite3") as cache:
        assert version_service.place_of("0" * 64, cache) is None
        assert not (data_dir() / "versions.sqlite3").exists(), "looking does not create the store"
        old, new = keep_two_versions(cache)
        place = version_service.place_of(old.id, cache)
        assert place is not None
        assert (place.n, place.count, place.old, place.new, place.latest) == (1, 2, 1, 2, False)
        assert place.summary == "1 number revised, 1 quote removed, 1 source named"
        latest = version_service.place_of(new.id, cache)
        assert latest is not None and (latest.n, latest.old, latest.new, latest.latest) == (2, 1, 2, True)
        assert version_service.place_of("0" * 64, cache) is None

        with VersionStore() as store:
            compared = version_service.compare(store, cache, place.identity, 1, 2)
        places = version_service.change_places(compared)
        assert [(p.kind, p.what) for p in places] == [("number", "revised"), ("quote", "removed"), ("source", "named")]
        number, quote, source = places
        assert (
            old.text[slice(*number.old_span)] == "$5.6 billion" and new.text[slice(*number.new_span)] == "$5.9 billion"
        )
        assert quote.new_span is None and "The schedule is tight" in old.text[slice(*quote.old_span)]
        assert (source.old_text, source.new_text) == ("a senior official", "Jane Doe")
        assert old.text[slice(*source.old_span)] == "a senior official"
        assert new.text[slice(*source.new_span)] == "Jane Doe"


def test_a_moved_paragraph_is_no_change_and_a_new_headline_is(server, capsys):
    server.routes["/kursk"] = Route(article_html("Bridge repairs", V1), content_type="text/html")
    url = server.url("/kursk")
    read_input(url)
    moved = [V1[3], V1[0], V1[1], V1[2]]  # the last paragraph moved to the top, nothing else
    server.routes["/kursk"] = Route(article_html("Bridge repairs", moved), content_type="text/html")
    assert main(["recheck"]) == 0  # the text differs: a new version is kept...
    server.routes["/kursk"] = Route(article_html("Bridge repairs delayed", moved), content_type="text/html")
    assert main(["recheck"]) == 0
    capsys.readouterr()
    assert main(["versions", url, "--json"]) == 0
    summaries = [v["summary"] for v in json.loads(capsys.readouterr().out)["versions"]]
    assert summaries == ["first version", "no change", "headline changed"]  # ...but the move is no change


def test_two_addresses_of_one_page_with_one_canonical_address_are_one_article(server, capsys):
    def with_canonical(paragraphs, canonical):
        html = article_html("Bridge repairs", paragraphs)
        return html.replace(b"</head>", f'<link rel="canonical" href="{canonical}"></head>'.encode())

    # The same story reached from the front page (?ref=home) and as its AMP copy.
    server.routes["/story/123?ref=home"] = Route(with_canonical(V1, "/story/123"), content_type="text/html")
    server.routes["/amp/story/123"] = Route(with_canonical(V2, "/story/123"), content_type="text/html")
    read_input(server.url("/story/123") + "?ref=home")
    read_input(server.url("/amp/story/123"))
    assert main(["versions", server.url("/story/123"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"] == server.url("/story/123") and len(data["versions"]) == 2


def test_a_canonical_address_names_an_article_only_on_its_own_site_and_not_the_front_page():
    from newsreader.ingest.html import canonical_address

    assert canonical_address("/a/story", "https://www.example.org/a/story?x=1") == "https://www.example.org/a/story"
    assert canonical_address("https://example.org/", "https://example.org/a/story") is None  # every page's canonical
    assert canonical_address("https://other.net/a/story", "https://example.org/a/story") is None  # syndicated
    assert canonical_address(None, "https://example.org/a") is None
