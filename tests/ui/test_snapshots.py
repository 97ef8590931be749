"""SVG snapshots of the article, library and help screens at 80×24 and 120×40.

The sample comes from the cache (parsed once per session), so nothing depends on
timing. Regenerate with ``pytest tests/ui --snapshot-update`` and look at them.
"""

from __future__ import annotations

import pytest

SIZES = [(80, 24), (120, 40)]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_screen(snap_compare, make_app, sample_article, size):
    assert snap_compare(make_app(sample_article), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_screen_reviewed_and_searching(snap_compare, make_app, sample_article, size):
    async def review(pilot) -> None:
        await settle(pilot)
        await pilot.press("s", "x", "f", "slash", *"Kursk", "enter", "n")
        await pilot.pause()

    assert snap_compare(make_app(sample_article), terminal_size=size, run_before=review)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library_screen(snap_compare, make_app, size):
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


def test_empty_library_screen(snap_compare, make_app, empty_cache):
    assert snap_compare(make_app(cache=empty_cache), terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, make_app, sample_article, size):
    async def help_open(pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(sample_article), terminal_size=size, run_before=help_open)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library_screen_with_feeds(snap_compare, make_app, sample_doc, cache, size):
    """The feed column (All, then each feed with unread/total), unread rows marked and bold,
    an entry whose document is not cached, and titles that look like markup shown as text."""
    from newsreader.store.feeds import FeedStore

    from .test_library_feeds import seed

    store = FeedStore()
    try:
        seed(store, sample_doc)
        assert snap_compare(make_app(feeds=store), terminal_size=size, run_before=settle)
    finally:
        store.close()
