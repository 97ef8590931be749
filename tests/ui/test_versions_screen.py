"""Pilot tests of article versions in the reader (issue 23, item 5): the header line when
other versions are kept, ``V`` and the diff view (the list of changes, the text moving to
the chosen one, ``o`` for the other version, enter opening it there, escape going back),
with two versions kept and parsed without the network (``tests/versions_pair.py``)."""

from __future__ import annotations

import time

import pytest
from textual.widgets import Static

from newsreader.store import DocumentCache
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.versions import LOADING, VersionDiffScreen
from newsreader.ui.widgets.article_body import ArticleBody
from newsreader.ui.widgets.panel_list import PanelList
from tests.versions_pair import article, keep_two_versions

from .test_article import opened

SIZE = (120, 40)


@pytest.fixture
def kept(tmp_path):
    """A document cache holding both versions, and the two documents."""
    cache = DocumentCache(tmp_path / "versions-cache.sqlite3")
    old, new = keep_two_versions(cache)
    yield cache, old, new
    cache.close()


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def header_line(screen) -> str:
    line = screen.query_one("#versions", Static)
    return str(line.render()) if line.display else ""


def status(screen) -> str:
    return str(screen.query_one("#diff-status", Static).render())


def listed(screen) -> list[str]:
    return [row.content.plain for row in screen.query_one(PanelList).rows]


def open_version(make_app, cache, doc):
    """The app opened on one version's text (its document comes from the cache)."""
    return make_app(article(doc.text.split("\n")), cache=cache)


async def diff_view(app, pilot) -> VersionDiffScreen:
    await pilot.press("V")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, VersionDiffScreen)
    return screen


async def test_the_old_version_says_a_newer_one_is_kept_and_V_shows_what_changed(make_app, kept):
    cache, old, new = kept
    app = open_version(make_app, cache, old)
    async with app.run_test(size=SIZE) as pilot:
        reading = await opened(app, pilot)
        await settle(pilot)
        assert reading.doc is not None and reading.doc.id == old.id
        assert header_line(reading) == (
            "version 1 of 2 ·  V  what changed in version 2: 1 number revised, 1 quote removed, 1 source named"
        )
        diff = await diff_view(app, pilot)
        assert (diff.old_n, diff.new_n) == (1, 2)
        rows = listed(diff)
        assert len(rows) == 3
        assert rows[0].startswith("number revised") and "$5.6 billion → $5.9 billion" in rows[0]
        assert rows[1].startswith("quote removed") and "The schedule is tight, but we will meet it" in rows[1]
        assert rows[2].startswith("source named") and "a senior official → Jane Doe" in rows[2]
        assert status(diff).startswith("showing version 2, fetched ")
        assert status(diff).endswith("o shows version 1 · 1 number revised, 1 quote removed, 1 source named")

        # The new version's text, the number selected in it, its new words green.
        body = diff.query_one(ArticleBody)
        assert body.text == new.text
        number = new.text.index("$5.9 billion")
        assert body.selection == (number, number + len("$5.9 billion"))
        changed = [(m.start, m.end) for m in body.layer_marks() if m.layer == "changed"]
        assert any(new.text[s:e] == "$5.9" for s, e in changed)
        assert all(m.style.strike is not True for m in body.layer_marks()), "nothing struck in the new version"

        # Down to the source named: the text moves to Jane Doe.
        await pilot.press("j", "j")
        await pilot.pause()
        jane = new.text.index("Jane Doe")
        assert body.selection == (jane, jane + len("Jane Doe"))
        assert body.cursor == body.line_of(jane) > 0
        # The removed quote is only in the old version: the line says so, o shows it there.
        await pilot.press("k")
        await pilot.pause()
        assert "this change is only in version 1: o shows it" in status(diff)
        await pilot.press("o")
        await pilot.pause()
        await pilot.pause()
        assert diff.side == "old" and body.text == old.text
        quote = old.text.index("The schedule is tight")
        assert body.selection is not None and body.selection[0] == quote
        assert body.cursor == body.line_of(quote)
        struck = [old.text[m.start : m.end] for m in body.layer_marks() if m.style.strike]
        assert "$5.6" in struck and any("The schedule is tight" in s for s in struck)
        assert status(diff).startswith("showing version 1")

        # Enter on the number opens version 1 at $5.6 billion, highlighted.
        await pilot.press("g", "enter")
        await pilot.pause()
        await pilot.pause()
        opened_version = app.screen
        assert isinstance(opened_version, ArticleScreen) and opened_version is not reading
        assert opened_version.doc is not None and opened_version.doc.id == old.id
        figure = old.text.index("$5.6 billion")
        assert opened_version.query_one(ArticleBody).search_hits == [(figure, figure + len("$5.6 billion"))]

        # Escape steps back: the highlight, the version opened, the diff view, and stops at the article.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is opened_version and opened_version.query_one(ArticleBody).search_hits == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is diff
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is reading and app.is_running


async def test_the_latest_version_says_what_changed_since_the_one_before(make_app, kept):
    cache, old, new = kept
    app = open_version(make_app, cache, new)
    async with app.run_test(size=SIZE) as pilot:
        reading = await opened(app, pilot)
        await settle(pilot)
        assert header_line(reading).startswith("version 2 of 2 ·  V  what changed since version 1: 1 number revised")
        diff = await diff_view(app, pilot)
        assert (diff.old_n, diff.new_n) == (1, 2) and diff.query_one(ArticleBody).text == new.text
        # Enter on the removed quote (only in version 1) opens version 1 there.
        await pilot.press("j", "enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.screen.doc is not None
        assert app.screen.doc.id == old.id


async def test_the_diff_view_says_comparing_until_the_worker_is_done(make_app, kept):
    cache, old, _new = kept
    app = open_version(make_app, cache, old)
    async with app.run_test(size=SIZE) as pilot:
        reading = await opened(app, pilot)
        await settle(pilot)
        assert reading.version_place is not None
        app.push_screen(VersionDiffScreen(reading.version_place.identity, 1, 2))
        await pilot.pause()
        diff = app.screen
        assert isinstance(diff, VersionDiffScreen)
        assert diff.compared is None or status(diff) != LOADING  # either still loading, or done
        if diff.compared is None:
            assert status(diff) == LOADING and listed(diff) == [LOADING]
        await settle(pilot)
        assert diff.compared is not None and len(listed(diff)) == 3


async def test_without_other_versions_there_is_no_line_and_V_only_says_so(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        reading = await opened(app, pilot)
        await settle(pilot)
        assert header_line(reading) == ""
        await pilot.press("V")
        await pilot.pause()
        assert app.screen is reading
        assert any("No other version" in n.message for n in app._notifications)
        reading._versions_pending = True  # as while the other version is parsed
        await pilot.press("V")
        await pilot.pause()
        assert app.screen is reading
        assert any("Still looking for other versions" in n.message for n in app._notifications)


def test_the_diff_view(snap_compare, make_app, kept, monkeypatch):
    """The new version's text with its changes, the list of changes, the number selected."""
    monkeypatch.setenv("TZ", "UTC")  # the status line shows the fetch time
    time.tzset()
    cache, old, _new = kept

    async def compare(pilot) -> None:
        await opened(pilot.app, pilot)
        await settle(pilot)
        await pilot.press("V")
        await settle(pilot)
        await pilot.pause(0.7)  # the flash on the selected change is over

    try:
        assert snap_compare(open_version(make_app, cache, old), terminal_size=SIZE, run_before=compare)
    finally:
        monkeypatch.undo()
        time.tzset()
