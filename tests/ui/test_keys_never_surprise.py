"""Keys that never surprise a newcomer (issue 20, items 1–3 and 6).

- ``/`` starts filtering the library; in the list, letters are commands; once ``/`` is
  pressed every letter is text, however fast it is typed.
- A destructive dialog opens on the safe choice: Enter there cancels.
- Escape closes the topmost thing, then goes back to the library, and stops there;
  quitting is ``q`` (or ctrl+q).
- Enter saves from anywhere in the export dialog.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.widgets import Button, Input, RadioSet

from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.screens.confirm import ConfirmScreen
from newsreader.ui.screens.export import ExportScreen
from newsreader.ui.screens.library import LibraryScreen
from newsreader.ui.widgets.library_list import LibraryList

from .test_article import SIZE, opened


def type_at_full_speed(app, text: str) -> None:
    """Every key queued at once, as a terminal delivers a fast typist's keys: nothing
    between them gives a focus change (or anything else) a turn of the event loop."""
    names = {"/": "slash", " ": "space"}
    for ch in text:
        app.post_message(events.Key(names.get(ch, ch), ch))


async def test_slash_then_any_word_at_full_speed_is_filter_text(make_app, sample_doc):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        # Every letter bound in the library, and q, in one burst right after "/".
        word = "/iraq doGkjg"
        type_at_full_speed(app, word)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running, "q typed into the filter must not quit"
        assert app.screen is screen, "d must not open Remove, o must not open the sample"
        box = screen.query_one("#filter", Input)
        assert box.value == word[1:]
        assert screen.query_one(LibraryList).shown == [], "the filter is applied"


async def test_letters_in_the_list_are_commands_not_filter_text(make_app, sample_doc):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        type_at_full_speed(app, "xyz")  # unbound letters: nothing happens, nothing is typed
        await pilot.pause()
        assert screen.query_one("#filter", Input).value == ""
        assert screen.query_one(LibraryList).has_focus


async def test_remove_opens_on_cancel_and_enter_keeps_the_article(make_app, cache, sample_doc):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmScreen)
        assert dialog.focused is not None and dialog.focused.id == "no", "the safe choice is focused"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert [d.id for d in cache.list_documents()] == [sample_doc.id], "Enter cancelled"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen) and cache.list_documents()


async def test_escape_in_the_library_never_quits(make_app, sample_doc):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_escape_on_a_directly_opened_article_goes_to_the_library_and_stops(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("slash", *"Kursk", "enter")
        await pilot.press("escape")  # the search first
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen) and app.is_running
        await pilot.press("tab")  # into the panel
        await pilot.press("escape")  # panel focus next
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("escape")  # then the library
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, LibraryScreen), "and it stops there"


async def test_enter_saves_the_export_from_the_format_buttons(make_app, sample_article, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the dialog proposes a file in the current folder
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one(RadioSet).focus()
        await pilot.pause()
        await pilot.press("right")  # highlight HTML
        await pilot.press("enter")  # on a format button: that format, and save
        await pilot.pause()
        assert app.screen is screen, "saved and closed"
    saved = list(tmp_path.glob("*.html"))
    assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob("*.md"))


async def test_enter_on_cancel_in_the_export_dialog_cancels(make_app, sample_article, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#cancel", Button).focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == [], "nothing saved"


async def test_slash_then_any_word_at_full_speed_is_search_text(make_app, sample_article, reviews):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.pause(0.2)  # the search field is built after the first frame
        word = "/quiz snaq fvxcaz"  # review keys, quit, next match, notes, undo: all text now
        type_at_full_speed(app, word)
        await pilot.pause()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert screen.query_one("#search-input", Input).value == word[1:]
        assert reviews.progress(screen.doc)[0] == 0, "no key reviewed a claim"


async def test_the_palettes_screenshot_saves_in_the_current_folder_and_says_where(
    make_app, sample_article, tmp_path, monkeypatch
):
    """Textual's own command saved to ~/Downloads and said "Failed to save screenshot" without one."""
    monkeypatch.chdir(tmp_path)
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        commands = [c for c in app.get_system_commands(app.screen) if c.title == "Screenshot"]
        assert len(commands) == 1
        commands[0].callback()
        await pilot.pause(0.3)
        saved = list(tmp_path.glob("newsreader-*.svg"))
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")
        assert any(str(saved[0]) in n.message for n in app._notifications)


async def test_marking_inside_a_claim_selects_it_instead_of_copying_it(make_app, sample_article, reviews):
    """The quoted official's claim with an ellipsis used to come back cut at "from..." and
    credited to the outlet."""
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        text = sample_article.text
        inside = text.index("light wounds")
        claim = next(c for c in screen.claims if c.start <= inside < c.end)
        before = [c.id for c in screen.claims]
        body = screen.query_one("#body")
        body.move_cursor(body.line_of(inside))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert [c.id for c in screen.claims] == before, "no copy was added"
        assert [c.id for c in reviews.claims(screen.doc)] == before
        assert screen.current_claim() == claim and claim.source_id is not None


async def test_a_status_moves_to_the_next_claim_and_says_so_once(make_app, sample_article, reviews):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        first, second, third = screen.claims[:3]
        await pilot.press("s")
        await pilot.pause()
        assert screen.current_claim() == second
        told = [n for n in app._notifications if "next claim is selected" in n.message]
        assert len(told) == 1
        await pilot.press("x")  # acts on what is highlighted now: the second claim
        await pilot.pause()
        assert reviews.reviews(screen.doc)[second.id].status == "disputed"
        assert screen.current_claim() == third
        assert len([n for n in app._notifications if "next claim is selected" in n.message]) == 1, "said once"


async def test_advance_after_review_false_keeps_the_claim(make_app, sample_article, reviews):
    from newsreader.config import Config

    app = make_app(sample_article, config=Config(advance_after_review=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        first = screen.claims[0]
        await pilot.press("s")
        await pilot.pause()
        assert screen.current_claim() == first
        await pilot.press("x")
        await pilot.pause()
        assert reviews.reviews(screen.doc)[first.id].status == "disputed"


async def test_the_layer_strip_reads_as_toggles_and_the_word_count_survives_80_columns(make_app, sample_article):
    """It read "1 entities 2 quotes …" like counts, and "331 wo…" was cut at 80 columns."""
    from textual.widgets import Static

    app = make_app(sample_article)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        legend = screen.query_one("#legend", Static).render()
        keycaps = [legend.plain[s.start : s.end] for s in legend.spans if getattr(s.style, "reverse", False)]
        assert keycaps == [" 1 ", " 2 ", " 3 ", " 4 "]
        await pilot.press("2")  # quotes off
        await pilot.pause()
        legend = screen.query_one("#legend", Static).render()
        off = [legend.plain[s.start : s.end] for s in legend.spans if getattr(s.style, "strike", False)]
        assert off == ["quotes"]
        meta = screen.query_one("#meta", Static)
        shown = "".join(seg.text for seg in meta.render_line(0))
        assert f"{len(sample_article.text.split())} words" in shown


async def test_s_cycles_the_library_order_and_config_remembers_it(make_app, cache, sample_doc, isolated_home):
    from textual.widgets import Static

    from newsreader.config import load_config

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        count = app.screen.query_one("#lib-count", Static)
        assert "sorted by newest first" in str(count.render())
        await pilot.press("s")
        await pilot.pause()
        assert "sorted by title" in str(count.render())
    assert load_config().library_sort == "title"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_the_export_dialog_shows_every_format_name_whole(make_app, sample_article, size):
    """ "Annotation…" was cut at 120 columns: the buttons shared the row in equal parts."""
    from textual.widgets import RadioButton

    app = make_app(sample_article)
    async with app.run_test(size=size) as pilot:
        await opened(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        for button in app.screen.query(RadioButton):
            drawn = "".join(seg.text for seg in button.render_line(0))
            assert str(button.label) in drawn, (str(button.label), drawn)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_a_notice_never_covers_the_side_panel(make_app, sample_article, size):
    """The "next claim" notice sat on the claim just reviewed."""
    from textual.widgets._toast import Toast

    app = make_app(sample_article)
    async with app.run_test(size=size, notifications=True) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("s")
        await pilot.pause(0.3)
        toasts = list(screen.query(Toast))
        panel = screen.query_one("#panel").region
        assert toasts and all(not t.region.overlaps(panel) for t in toasts)
