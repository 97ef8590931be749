"""The library as a feed reader (issue 25, item 5): a feed column with unread counts,
``[``/``]`` (and ``K``/``J``) between feeds, ``m`` and ``A`` for the read state, opening
marks read, ``r`` refreshes in a worker against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest
from textual.widgets import Static

from newsreader.model import text_id
from newsreader.service import library as lib
from newsreader.store.feeds import FeedStore, NewEntry
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.screens.library import LibraryScreen
from newsreader.ui.widgets.feed_column import FeedColumn
from newsreader.ui.widgets.library_list import LibraryList
from tests.feedserver import FeedServer, Route, rss

SIZE = (120, 40)

TRAM = (
    "The city council voted on Tuesday to expand the tram line to the northern districts, a project that "
    'officials said would cost $240 million. "This is the most important transport decision in a generation," '
    "Mayor Ana Ruiz told reporters after the vote."
)


def entry(key: str, title: str, published: str | None, text: str, *, doc_id: str | None = None) -> NewEntry:
    return NewEntry(
        key=key,
        link=f"https://news.example/{key}",
        title=title,
        published=published,
        author=None,
        text=text,
        full_page=False,
        doc_id=doc_id or text_id(text),
    )


def seed(store: FeedStore, sample_doc) -> dict[str, int]:
    """Three feeds: City Desk (the sample, whose document is cached; a tram story whose
    document is not; a story already read), a feed whose title and entries look like
    Textual markup, and a feed with no entries yet. Returns the feed ids by short name."""
    city, _ = store.add_feed("https://news.example/city.xml", "City Desk")
    wire, _ = store.add_feed("https://news.example/wire.xml", "[b]Markup[/b] Wire")
    quiet, _ = store.add_feed("https://news.example/quiet.xml", "Quiet Feed")
    store.add_entry(city.id, entry("kursk", sample_doc.title, "2024-12-18", sample_doc.text, doc_id=sample_doc.id))
    store.add_entry(city.id, entry("tram", "Council votes to extend the tram line", "2024-05-03", TRAM))
    read = store.add_entry(city.id, entry("old", "An older council story", "2024-05-01", TRAM + " More."))
    assert read is not None
    store.set_read([read.id])
    store.add_entry(wire.id, entry("click", "[@click=app.quit]Click me[/] for news", "2024-06-01", TRAM + " Wire."))
    store.add_entry(wire.id, entry("second", "A second wire story", None, TRAM + " Second."))
    return {"city": city.id, "wire": wire.id, "quiet": quiet.id}


@pytest.fixture
def feeds(isolated_home):
    store = FeedStore()
    yield store
    store.close()


@pytest.fixture
def seeded(feeds, sample_doc, cache):
    return seed(feeds, sample_doc)


def shown_titles(screen) -> list[str]:
    return [r.title for r in screen.query_one(LibraryList).shown_rows]


def last_notice(app) -> str:
    return list(app._notifications)[-1].message


def record_notices(app) -> list[str]:
    """Every notification's message as it is posted: a notification expires after its
    timeout, and on a loaded machine a slow refresh can outlast one before the test reads
    ``app._notifications``."""
    seen: list[str] = []
    post = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return post(message, *args, **kwargs)

    app.notify = notify
    return seen


def count_line(screen) -> str:
    return str(screen.query_one("#lib-count", Static).render())


def line(widget, y: int) -> str:
    return widget.render_line(y).text


async def test_the_feed_column_lists_all_then_each_feed_with_unread_counts(make_app, feeds, seeded, sample_doc):
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen) and screen.has_class("-feeds")
        column = screen.query_one(FeedColumn)
        assert column.display and column.region.width > 0
        lines = [line(column, y).strip() for y in range(5)]
        assert lines[0].startswith("All") and lines[0].endswith("4/5")
        assert lines[1].startswith("[b]Markup[/b] Wire") and lines[1].endswith("2/2"), "a title is text, never markup"
        assert lines[2].startswith("City Desk") and lines[2].endswith("2/3")
        assert lines[3].startswith("Quiet Feed") and lines[3].endswith("0/0")
        assert lines[4] == "", "feeds by name, no 'Other articles' when every document is an entry"
        # All: every entry, newest first (undated last); unread rows carry the mark and a bold title.
        assert shown_titles(screen) == [
            sample_doc.title,
            "[@click=app.quit]Click me[/] for news",
            "Council votes to extend the tram line",
            "An older council story",
            "A second wire story",
        ]
        docs = screen.query_one(LibraryList)
        assert line(docs, 1).startswith(" ● [@click=app.quit]Click me[/] for news")
        assert line(docs, 3).startswith("   An older council story"), "a read entry has no mark"
        assert "—" in line(docs, 2), "an entry whose document is not in the cache is listed all the same"
        assert f"0/{len(sample_doc.claims)}" in line(docs, 0)
        assert count_line(screen).startswith("All · 5 articles, 4 unread · sorted by newest first")
        assert app.is_running


async def test_brackets_and_J_K_move_between_feeds(make_app, feeds, seeded):
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.view == seeded["wire"]
        assert shown_titles(screen) == ["[@click=app.quit]Click me[/] for news", "A second wire story"]
        assert count_line(screen).startswith("[b]Markup[/b] Wire · 2 articles, 2 unread")
        await pilot.press("J")
        await pilot.pause()
        assert screen.view == seeded["city"]
        assert shown_titles(screen)[1:] == ["Council votes to extend the tram line", "An older council story"]
        await pilot.press("J")
        await pilot.pause()
        assert screen.view == seeded["quiet"] and shown_titles(screen) == []
        assert "press r" in line(screen.query_one(LibraryList), 0), "an empty feed says what to do"
        await pilot.press("slash", *"zzz", "enter")
        await pilot.pause()
        assert line(screen.query_one(LibraryList), 0).strip() == "", "a filter matching nothing is not an empty feed"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("J", "right_square_bracket")  # stops at the last feed
        await pilot.pause()
        assert screen.view == seeded["quiet"]
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.view == seeded["city"]
        await pilot.press("K", "K", "K")  # stops at All
        await pilot.pause()
        assert screen.view == lib.ALL and len(shown_titles(screen)) == 5
        # A click on a feed chooses it too.
        column = screen.query_one(FeedColumn)
        await pilot.click(FeedColumn, offset=(3, 2))
        await pilot.pause()
        assert screen.view == seeded["city"] and column.current == seeded["city"]
        assert screen.query_one(LibraryList).has_focus, "the list keeps the keys"


async def test_m_toggles_read_and_the_state_survives_a_restart(make_app, feeds, seeded, sample_doc):
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        docs = screen.query_one(LibraryList)
        column = screen.query_one(FeedColumn)
        await pilot.press("m")  # the sample: unread -> read
        await pilot.pause()
        assert docs.current is not None and docs.current.read is True
        assert not line(docs, 0).startswith(" ●")
        assert line(column, 0).strip().endswith("3/5") and line(column, 2).strip().endswith("1/3")
        assert "3 unread" in count_line(screen)
        await pilot.press("j", "j", "j", "m")  # the older story: read -> unread
        await pilot.pause()
        assert docs.current.title == "An older council story" and docs.current.read is False
        assert line(column, 0).strip().endswith("4/5")
    unread = {e.title: not e.read for e in feeds.entries()}
    assert unread[sample_doc.title] is False and unread["An older council story"] is True
    reopened = FeedStore()  # another process, later
    try:
        assert {e.title: e.read for e in reopened.entries()}[sample_doc.title] is True
    finally:
        reopened.close()


async def test_A_marks_a_feed_read_and_in_All_asks_first(make_app, feeds, seeded):
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("J")  # the markup wire
        await pilot.pause()
        assert screen.view == seeded["wire"]
        await pilot.press("A")
        await pilot.pause()
        assert app.screen is screen, "a feed is marked read at once"
        assert all(e.read for e in feeds.entries(seeded["wire"]))
        assert any("Marked 2 articles read" in n.message for n in app._notifications)
        assert not any(e.read for e in feeds.entries(seeded["city"]) if "older" not in e.title)
        await pilot.press("K")  # All
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "every feed at once asks first"
        await pilot.press("enter")  # the dialog opens on Cancel
        await pilot.pause()
        assert app.screen is screen and not all(e.read for e in feeds.entries())
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert all(e.read for e in feeds.entries())
        assert "0 unread" in count_line(screen)
        await pilot.press("A")
        await pilot.pause()
        assert app.screen is screen and "Nothing unread" in last_notice(app)


async def test_opening_an_entry_shows_its_highlights_at_once_and_marks_it_read(make_app, feeds, seeded, sample_doc):
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("enter")  # the sample entry: its document is in the cache
        await pilot.pause()
        article = app.screen
        assert isinstance(article, ArticleScreen)
        assert article.doc is not None and article.doc.id == sample_doc.id and not app.workers, "no parse"
        assert article.article.source == "https://news.example/kursk"
        assert {e.title: e.read for e in feeds.entries()}[sample_doc.title] is True
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.view == lib.ALL
        docs = screen.query_one(LibraryList)
        assert docs.current is not None and docs.current.title == sample_doc.title and docs.current.read is True


async def test_an_entry_the_cache_lost_is_parsed_from_its_text(make_app, feeds, seeded):
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")  # the tram story, not in the cache
        await pilot.pause()
        assert app.screen.query_one(LibraryList).current.claims is None
        await pilot.press("enter")
        await pilot.pause()
        article = app.screen
        assert isinstance(article, ArticleScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert article.doc is not None and article.doc.text == TRAM
        assert article.doc.title == "Council votes to extend the tram line"
        assert any(q.speaker and "Ruiz" in q.speaker.text for q in article.doc.quotes)
        await pilot.press("escape")
        await pilot.pause()
        row = app.screen.query_one(LibraryList).current
        assert row.title == "Council votes to extend the tram line" and row.read and row.claims is not None


async def test_d_on_an_entry_explains_instead_of_removing(make_app, feeds, seeded, cache, sample_doc):
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert "stay while you follow the feed" in last_notice(app)
        assert cache.latest(sample_doc.id) is not None


async def test_escape_never_quits_in_a_feed(make_app, feeds, seeded):
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "escape", "escape", "slash", *"tram", "escape", "escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        assert app.screen.view == seeded["wire"]
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_document_from_no_feed_is_in_All_and_in_Other_articles(make_app, feeds, sample_doc, cache):
    city, _ = feeds.add_feed("https://news.example/city.xml", "City Desk")
    feeds.add_entry(city.id, entry("tram", "Council votes to extend the tram line", "2024-05-03", TRAM))
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert shown_titles(screen) == [sample_doc.title, "Council votes to extend the tram line"]
        column = screen.query_one(FeedColumn)
        assert line(column, 2).strip().startswith("Other articles") and line(column, 2).strip().endswith("1")
        await pilot.press("J", "J")
        await pilot.pause()
        assert screen.view == lib.OTHER and shown_titles(screen) == [sample_doc.title]
        await pilot.press("m")
        await pilot.pause()
        assert "Only a feed's articles" in last_notice(app)


async def test_without_feeds_the_feed_keys_do_nothing_and_no_column_shows(make_app, sample_doc):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert not screen.has_class("-feeds") and not screen.query_one(FeedColumn).display
        await pilot.press("r", "m", "A", "right_square_bracket", "J")
        await pilot.pause()
        assert app.screen is screen and not app.workers and not app._notifications
        assert not [b for b in screen.active_bindings.values() if b.binding.action in ("refresh", "toggle_read")]
    assert app.feed_store() is None, "no feed list was created"


# --------------------------------------------------------------------------- refresh


def tram_feed(server: FeedServer, name: str, n: int, day: int = 1) -> bytes:
    items = [
        {
            "guid": f"{name}-{i}",
            "link": server.url(f"/{name}/{i}.html"),
            "title": f"{name.title()} story {i}",
            "date": f"{i + day - 1:02d} May 2024 08:00:00 GMT",
            "content": f"<p>{TRAM}</p>" * 8 + f"<p>{name} item {i}.</p>",  # whole articles: no page fetches
        }
        for i in range(1, n + 1)
    ]
    return rss(f"{name.title()} Desk", items)


async def wait_for(pilot, predicate, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        await pilot.pause(0.05)
    return predicate()


@pytest.fixture
def server():
    with FeedServer() as srv:
        yield srv


async def test_r_refreshes_in_a_worker_and_entries_arrive_while_it_runs(
    make_app, feeds, server, monkeypatch, empty_cache
):
    monkeypatch.setattr(LibraryScreen, "refresh_timeout", 1.0)  # the hanging feed gives up within 4 s
    server.routes["/city.xml"] = Route(tram_feed(server, "city", 2))
    server.routes["/harbour.xml"] = Route(tram_feed(server, "harbour", 1, day=3))
    server.routes["/hang.xml"] = Route(kind="hang")
    for path in ("/city.xml", "/harbour.xml", "/hang.xml"):
        feeds.add_feed(server.url(path))  # untitled: each names itself on its first refresh
    app = make_app(feeds=feeds, cache=empty_cache)
    notices = record_notices(app)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert shown_titles(screen) == []
        await pilot.press("r")
        await pilot.pause()
        assert screen.progress is not None and "refreshing 0/3 feeds…" in count_line(screen)
        await pilot.press("r")  # a second r only says so
        await pilot.pause()
        assert any("Already refreshing" in n.message for n in app._notifications)
        assert len(app.workers) == 1
        # The good feeds' entries show while the hanging one still holds the refresh open.
        assert await wait_for(pilot, lambda: len(shown_titles(screen)) == 3)
        assert screen.progress is not None, "the entries came in before the refresh ended"
        assert "refreshing 2/3 feeds…" in count_line(screen)
        assert shown_titles(screen) == ["Harbour story 1", "City story 2", "City story 1"]
        column = screen.query_one(FeedColumn)
        assert line(column, 0).strip().endswith("3/3")
        assert line(column, 1).strip().startswith("City Desk"), "the feed's own title, once it is known"
        assert line(column, 2).strip().startswith("Harbour Desk")
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        assert screen.progress is None and "refreshing" not in count_line(screen)
        messages = notices
        assert any(m.startswith(server.url("/hang.xml")) and "timed out" in m for m in messages), messages
        assert any(m.startswith("Refreshed 3 feeds: 3 new articles, 1 failed.") for m in messages), messages
        docs = screen.query_one(LibraryList)
        assert all(r.claims is not None for r in docs.rows), "each arrived parsed, with its document cached"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.screen.doc is not None and not app.workers


async def test_failing_feeds_are_a_few_notices_and_one_summary(make_app, feeds, server):
    server.routes["/ok.xml"] = Route(tram_feed(server, "ok", 1))
    feeds.add_feed(server.url("/ok.xml"))
    for i in range(8):
        server.routes[f"/gone{i}.xml"] = Route(b"no", status=404, content_type="text/plain")
        feeds.add_feed(server.url(f"/gone{i}.xml"), f"Gone feed {i}")
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        messages = [n.message for n in app._notifications]
        failures = [m for m in messages if m.startswith("Gone feed")]
        assert len(failures) == 3 and all("404" in m for m in failures), messages
        summary = [m for m in messages if m.startswith("Refreshed 9 feeds")]
        assert (
            summary == [next(m for m in messages if m.startswith("Refreshed"))]
            and "1 new article, 8 failed" in summary[0]
        )
        assert "5 more notices not shown" in summary[0] and "newsreader feeds list" in summary[0]
        assert len(messages) == 4
        listed = {f.name: f for f in feeds.feeds()}
        assert "404" in (listed["Gone feed 7"].error or ""), "every failure is kept for `feeds list`"


async def test_quitting_during_a_refresh_stops_it(make_app, feeds, server, monkeypatch, empty_cache):
    def refreshing() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name.startswith(("feed", "page"))]

    monkeypatch.setattr(LibraryScreen, "refresh_timeout", 0.5)
    server.routes["/hang.xml"] = Route(kind="hang")
    server.routes["/ok.xml"] = Route(tram_feed(server, "ok", 1))
    feeds.add_feed(server.url("/hang.xml"))
    feeds.add_feed(server.url("/ok.xml"))
    app = make_app(feeds=feeds, cache=empty_cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("r")
        assert await wait_for(pilot, lambda: bool(refreshing()), timeout=5)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    end = time.monotonic() + 10
    while refreshing() and time.monotonic() < end:
        await asyncio.sleep(0.05)
    assert not refreshing(), "the refresh stopped with the app"
    # It stopped, not finished: the entry that came in was never parsed (it waited for the hanging feed).
    assert len(feeds.entries()) == 1 and empty_cache.list_documents() == []


async def test_an_empty_feed_whose_refresh_failed_says_why(make_app, feeds, seeded):
    feeds.record_error(seeded["quiet"], "server answered HTTP 404 Not Found")
    app = make_app(feeds=feeds)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("J", "J", "J")
        await pilot.pause()
        assert screen.view == seeded["quiet"]
        first = line(screen.query_one(LibraryList), 0)
        assert "last refresh failed (server answered HTTP 404 Not Found)" in first
