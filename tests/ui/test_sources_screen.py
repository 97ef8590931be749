"""Pilot tests of the Sources screens (S in the library): the table from the library index,
the filter and the kind key, one source's quotes, and a quote opened in its article."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widgets import Input, Static

from newsreader.ui.bindings import specs
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.screens.ledger_common import NO_CACHE, NOT_INDEXED
from newsreader.ui.screens.library import LibraryScreen
from newsreader.ui.screens.sources import SourceScreen, SourcesScreen
from newsreader.ui.widgets.article_body import ArticleBody
from newsreader.ui.widgets.panel_list import PanelList

from .ledger_library import council, library_cache
from .test_keys_never_surprise import type_at_full_speed

SIZE = (120, 40)


@pytest.fixture
def library(tmp_path):
    cache = library_cache(tmp_path / "library")
    yield cache
    cache.close()


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def listed(screen) -> list[str]:
    """The text of every row of the screen's list."""
    return [row.content.plain for row in screen.query_one(PanelList).rows]


def count_line(screen) -> str:
    return str(screen.query_one("#src-count", Static).render())


async def open_sources(app, pilot) -> SourcesScreen:
    await pilot.pause()
    await pilot.press("S")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SourcesScreen)
    return screen


async def test_sources_lists_every_source_with_its_marks_and_counts(make_app, library):
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sources(app, pilot)
        rows = listed(screen)
        assert len(rows) == 4
        assert rows[0].startswith("Jane Doe"), "two articles: listed first, 'Doe' merged into her"
        assert rows[0].split()[-4:] == ["2", "2", "2", "2024-03-05"], "articles, quotes, claims, last seen"
        government = next(r for r in rows if r.startswith("the government"))
        assert "this article only" in government and "organization" in government
        assert any(r.startswith("an official") and "anonymous" in r for r in rows)
        assert count_line(screen).startswith("4 sources · every kind")
        assert screen.query_one(PanelList).has_focus


async def test_filter_choose_a_source_then_a_quote_opens_the_article_there(make_app, library):
    doc = council()
    quote = doc.quotes[0]  # Jane Doe's, far down the article
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sources(app, pilot)
        await pilot.press("slash", *"jane")
        await pilot.pause()
        assert screen.query_one("#src-filter", Input).value == "jane"
        assert [r.split("  ")[0] for r in listed(screen)] == ["Jane Doe"]
        assert "1 with 'jane' in a name" in count_line(screen)
        await pilot.press("enter")
        await settle(pilot)
        record = app.screen
        assert isinstance(record, SourceScreen)
        rows = listed(record)
        # Newest article first, each a heading with its date, then the quote and its claim.
        assert rows[0].startswith("Doe defends the spending plan  2024-03-05  as Doe")
        assert "direct" in rows[1] and "We will cut the budget deficit next year" in rows[1]
        assert rows[2].strip().startswith("·") and "Doe said." in rows[2], "the claim, not reviewed yet"
        heading = next(i for i, r in enumerate(rows) if r.startswith("Council passes the [bold]budget[/bold]"))
        assert "2024-03-01" in rows[heading]
        lst = record.query_one(PanelList)
        assert lst.highlighted == 1, "the first quote is selected"
        await pilot.press("G", "k")  # the last row is the council's claim; above it, its quote
        assert lst.highlighted == heading + 1 and "The budget is balanced at last" in rows[heading + 1]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        article = app.screen
        assert isinstance(article, ArticleScreen)
        assert article.doc is not None and article.doc.id == doc.id
        body = article.query_one(ArticleBody)
        assert body.search_hits == [(quote.start, quote.end)] and body.search_index == 0
        assert body.cursor == body.line_of(quote.start), "the cursor is on the quote"
        assert body.scroll_offset.y > 0, "scrolled down to it"
        # The quote is painted in the search highlight, over its exact offsets.
        para = next(i for i, (s, e, _h) in enumerate(body.paragraphs) if s <= quote.start < e)
        start = body.paragraphs[para][0]
        content = body.paragraph_content(para)
        search = Color.parse(body.palette["nr-search"].hex)
        lit = [s for s in content.spans if getattr(s.style, "background", None) == search]
        assert any((s.start + start, s.end + start) == (quote.start, quote.end) for s in lit)
        # Escape goes back a step at a time: the highlight, the source, the sources, the
        # filter, the library, and stops there.
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is article and body.search_hits == []
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is record
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#src-filter", Input).value == "jane"
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#src-filter", Input).value == "" and len(listed(screen)) == 4
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LibraryScreen)


async def test_a_claim_opens_the_article_at_the_claim(make_app, library):
    doc = council()
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        await open_sources(app, pilot)
        await pilot.press("enter")  # Jane Doe
        await settle(pilot)
        await pilot.press("G", "enter")  # the council's claim
        await pilot.pause()
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        claim = doc.claims[0]
        assert body.search_hits == [(claim.start, claim.end)]


async def test_letters_typed_fast_after_slash_are_filter_text(make_app, library):
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sources(app, pilot)
        type_at_full_speed(app, "/tqGjk/")  # every letter bound here, and q, and / again
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert screen.query_one("#src-filter", Input).value == "tqGjk/"
        assert screen.kind is None, "t was text, not the kind key"
        assert listed(screen) == ["No source of this kind has a name holding that."]
        await pilot.press("escape")
        assert screen.query_one("#src-filter", Input).value == ""
        assert screen.query_one(PanelList).has_focus


async def test_down_and_up_move_the_selection_while_typing_in_the_filter(make_app, library):
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sources(app, pilot)
        lst = screen.query_one(PanelList)
        await pilot.press("slash", "down")
        assert lst.highlighted == 1 and screen.query_one("#src-filter", Input).has_focus
        await pilot.press("up")
        assert lst.highlighted == 0
        await pilot.press("j", "k")
        assert screen.query_one("#src-filter", Input).value == "jk", "letters in the filter are text"


async def test_cursor_keys_in_the_list(make_app, library):
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sources(app, pilot)
        lst = screen.query_one(PanelList)
        await pilot.press("j")
        assert lst.highlighted == 1
        await pilot.press("k")
        assert lst.highlighted == 0
        await pilot.press("G")
        assert lst.highlighted == 3
        await pilot.press("g")
        assert lst.highlighted == 0


async def test_kind_key_shows_one_kind_at_a_time(make_app, library):
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sources(app, pilot)
        await pilot.press("t")
        assert screen.kind == "person"
        assert [r.split("  ")[0] for r in listed(screen)] == ["Jane Doe", "Sam Lee"]
        assert "person only" in count_line(screen)
        await pilot.press("t")
        assert screen.kind == "organization" and len(listed(screen)) == 1
        await pilot.press("t")
        assert screen.kind == "anonymous" and listed(screen)[0].startswith("an official")
        await pilot.press("t")
        assert screen.kind is None and len(listed(screen)) == 4, "kinds absent from the library are skipped"


async def test_q_quits_from_the_sources(make_app, library):
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        await open_sources(app, pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_an_empty_index_says_how_to_fill_it(make_app, tmp_path):
    cache = library_cache(tmp_path / "empty", docs=[])
    try:
        app = make_app(cache=cache)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_sources(app, pilot)
            assert listed(screen) == [NOT_INDEXED]
            assert "newsreader index rebuild" in NOT_INDEXED
            await pilot.press("enter", "j", "t", "G")  # nothing to choose: nothing happens
            await pilot.pause()
            assert app.screen is screen
    finally:
        cache.close()


async def test_no_index_at_all_is_one_line_too(make_app, empty_cache):
    app = make_app(cache=empty_cache)  # a cache opened without its index (as when it can't be)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sources(app, pilot)
        assert listed(screen) == [NO_CACHE]


async def test_help_and_palette_list_the_sources_keys(make_app, library):
    app = make_app(cache=library)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_sources(app, pilot)
        for scope, target in (("sources", screen), ("source", None)):
            if target is None:
                await pilot.press("enter")
                await settle(pilot)
                target = app.screen
            titles = [c.title for c in app.get_system_commands(target)]
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = " ".join(str(app.screen.query_one("#help-body", Static).render()).split())
            for spec in specs(scope):
                assert spec.description in text, spec.id
                assert spec.description in titles, spec.id
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is target


def test_sources_screen_snapshot(snap_compare, make_app, tmp_path):
    cache = library_cache(tmp_path / "snap")

    async def run_before(pilot) -> None:
        await pilot.pause()
        await pilot.press("S")
        await settle(pilot)

    try:
        assert snap_compare(make_app(cache=cache), terminal_size=SIZE, run_before=run_before)
    finally:
        cache.close()
