"""Pilot tests of the library screen: listing, filtering, opening, removing, the sample offer."""

from __future__ import annotations

import time

from textual.widgets import Input, Static

from newsreader.store import DocSummary
from newsreader.ui.bindings import specs
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.screens.library import LibraryScreen
from newsreader.ui.widgets.library_list import LibraryList

SIZE = (120, 40)


def summaries(n: int) -> list[DocSummary]:
    return [
        DocSummary(
            f"id{i:05d}",
            f"Article number {i} about {'Kursk' if i % 7 == 0 else 'weather'}",
            "2024-12-18",
            f"feed{i % 13}.example",
            500,
            10,
            float(n - i),
            "p",
        )
        for i in range(n)
    ]


async def test_library_lists_cached_documents_and_opens_one_from_the_cache(make_app, sample_doc):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        docs = app.screen.query_one(LibraryList)
        assert [r.id for r in docs.rows] == [sample_doc.id]
        assert sample_doc.title[:30] in docs.render_line(0).text
        assert f"0/{len(sample_doc.claims)}" in docs.render_line(0).text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.doc is not None and not app.workers
        await pilot.press("s")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen), "escape goes back to the library"
        assert "1/" in docs.render_line(0).text, "reviewed count refreshed on return"
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_empty_library_offers_the_sample(make_app, empty_cache):
    app = make_app(cache=empty_cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-empty")
        assert "sample" in str(screen.query_one("#empty-text", Static).render())
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.doc is not None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert not app.screen.has_class("-empty"), "the parsed sample is now in the library"


async def test_enter_on_empty_library_opens_the_sample(make_app, empty_cache):
    app = make_app(cache=empty_cache)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await app.workers.wait_for_complete()


async def test_cursor_keys_filter_and_typing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        docs = screen.query_one(LibraryList)
        docs.set_rows(summaries(300), {})
        await pilot.pause()
        await pilot.press("j")
        assert docs.cursor == 1
        await pilot.press("down", "down")
        assert docs.cursor == 3
        await pilot.press("k")
        assert docs.cursor == 2
        await pilot.press("up")
        assert docs.cursor == 1
        await pilot.press("G")
        assert docs.cursor == 299 and docs.scroll_offset.y > 0
        await pilot.press("g")
        assert docs.cursor == 0 and docs.scroll_offset.y == 0
        await pilot.press("pagedown")
        page = docs.cursor
        assert page > 10
        await pilot.press("ctrl+d")
        assert docs.cursor == 2 * page
        await pilot.press("pageup", "ctrl+u")
        assert docs.cursor == 0
        await pilot.press("end")
        assert docs.cursor == 299
        await pilot.press("home")
        assert docs.cursor == 0
        # "/" starts the filter; what follows is text
        await pilot.press("slash", *"Kursk")
        await pilot.pause()
        box = screen.query_one("#filter", Input)
        assert box.has_focus and box.value == "Kursk"
        assert len(docs.shown) == len([i for i in range(300) if i % 7 == 0])
        assert "match" in str(screen.query_one("#lib-count", Static).render())
        await pilot.press("enter")
        assert docs.has_focus
        await pilot.press("slash")
        assert box.has_focus
        await pilot.press("escape")  # clears the filter first
        await pilot.pause()
        assert box.value == "" and len(docs.shown) == 300
        assert app.is_running


async def test_delete_asks_first(make_app, cache, sample_doc):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert [d.id for d in cache.list_documents()] == [sample_doc.id]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert cache.list_documents() == []
        assert app.screen.has_class("-empty")


async def test_library_help_lists_its_bindings(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = " ".join(str(app.screen.query_one("#help-body", Static).render()).split())  # wrapped rows
        for spec in specs("library"):
            assert spec.description in text
        titles = [c.title for c in app.get_system_commands(app.screen_stack[-2])]
        for spec in specs("library"):
            assert spec.description in titles


def test_filtering_ten_thousand_rows_is_fast():
    docs = LibraryList()
    docs.set_rows(summaries(10_000), {})
    started = time.perf_counter()
    for query in ("k", "ku", "kur", "kurs", "kursk", "kursk feed1"):
        docs.shown = docs.matching(query)
    elapsed = time.perf_counter() - started
    assert len(docs.shown) > 0
    assert elapsed < 0.25, f"6 filter passes over 10,000 rows took {elapsed:.3f}s"


async def test_filter_keystrokes_with_ten_thousand_rows(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        docs = app.screen.query_one(LibraryList)
        docs.set_rows(summaries(10_000), {})
        started = time.perf_counter()
        await pilot.press("slash", *"kursk")
        await pilot.pause()
        elapsed = time.perf_counter() - started
        assert len(docs.shown) == len([i for i in range(10_000) if i % 7 == 0])
        assert elapsed < 2.0


async def test_a_big_library_paints_its_newest_rows_then_loads_the_rest(make_app, empty_cache, sample_doc):
    from dataclasses import replace

    from newsreader.model import text_id

    n = LibraryScreen.FIRST_ROWS + 30
    for i in range(n):
        text = sample_doc.text + f"\nCopy {i}."
        empty_cache.put(replace(sample_doc, id=text_id(text), text=text, title=f"Copy {i}"), "p")
    app = make_app(cache=empty_cache)
    loads: list[int | None] = []
    real = LibraryScreen.reload

    def spy(self, limit=None):
        loads.append(limit)
        real(self, limit)

    LibraryScreen.reload = spy  # type: ignore[method-assign]
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.pause()
            docs = app.screen.query_one(LibraryList)
            assert loads == [LibraryScreen.FIRST_ROWS, None]  # a screenful first, then everything once
            assert len(docs.rows) == n
            assert str(app.screen.query_one("#lib-count", Static).render()).startswith(f"{n} articles · sorted by")
    finally:
        LibraryScreen.reload = real  # type: ignore[method-assign]
