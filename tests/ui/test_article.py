"""Pilot tests of the article screen: every binding, the worker, markup safety, review keys."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static, TextArea

from newsreader.config import Config
from newsreader.ingest import RawArticle
from newsreader.ui import render
from newsreader.ui.bindings import specs
from newsreader.ui.screens.article import ArticleScreen, sentence_at
from newsreader.ui.screens.help import HelpScreen
from newsreader.ui.widgets.article_body import ArticleBody
from newsreader.ui.widgets.panel_list import PanelList
from newsreader.ui.widgets.search_bar import SearchBar
from newsreader.ui.widgets.side_panel import SidePanel

SIZE = (120, 40)


async def opened(app, pilot) -> ArticleScreen:
    """The article screen once its document is there (a parse starts after the first frame)."""
    for _ in range(600):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        if screen.doc is not None:
            return screen
        await pilot.pause(0.05)
    raise AssertionError("the article was never analysed")


def body_of(screen) -> ArticleBody:
    return screen.query_one(ArticleBody)


def panel_of(screen) -> SidePanel:
    return screen.query_one(SidePanel)


def span_styles(content) -> list:
    return [span.style for span in content.spans]


# -- opening ---------------------------------------------------------------------------


async def test_cached_article_opens_with_highlights_at_once(make_app, sample_article, sample_doc):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert screen.doc is not None and screen.doc.id == sample_doc.id
        assert not app.workers  # nothing parsed: the cache answered
        assert not screen.query("#busy"), "no progress bar is mounted for a cached article"
        body = body_of(screen)
        assert body.layer_marks()
        first = body.paragraph_content(0)
        assert first.spans, "the first paragraph has highlight spans"
        title = screen.query_one("#title", Static).render()
        assert str(title) == sample_article.title


async def test_uncached_article_paints_text_then_worker_adds_highlights(make_app, empty_cache, sample_article):
    app = make_app(sample_article, cache=empty_cache)
    async with app.run_test(size=SIZE) as pilot:
        body = app.screen.query_one(ArticleBody)
        assert body.text == sample_article.text  # the raw text is there before analysis
        screen = await opened(app, pilot)
        assert any(m.layer == "entities" for m in body.layer_marks())
        assert body.paragraph_content(0).spans
        assert not screen.query_one("#busy").has_class("-on")
        assert empty_cache.list_documents(), "the parsed document went into the cache"


async def test_markup_and_escapes_in_article_print_literally(make_app, empty_cache):
    text = "[bold]x[/] is not bold.\n[@click=app.quit]click[/] does nothing.\nAn escape \x1b[31mred\x1b[0m stays plain."
    article = RawArticle(title="[b]Markup[/b] title", published="2024-12-18", text=text, source="inject.txt")
    app = make_app(article, cache=empty_cache)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        lines = [body.render_line(y).text for y in range(6)]
        joined = "\n".join(lines)
        assert "[bold]x[/] is not bold." in joined
        assert "[@click=app.quit]click[/] does nothing." in joined
        assert "[31mred" in joined and "\x1b" not in joined
        assert str(screen.query_one("#title", Static).render()) == "[b]Markup[/b] title"
        for y in range(6):
            for segment in body.render_line(y):
                style = segment.style
                assert style is None or not style.meta, "no click actions in article text"
                assert style is None or not style.link
        click_line = next(y for y, line in enumerate(lines) if "[@click" in line)
        await pilot.click(ArticleBody, offset=(8, click_line))
        await pilot.pause()
        assert app.is_running
        assert app.return_code is None
        # marking that line as a claim puts article text into a notification and a panel row
        await pilot.press("m")
        await pilot.pause()
        assert app.is_running
        assert any("[@click=app.quit]click[/]" in n.message and not n.markup for n in app._notifications)
        lst = screen.query_one("#claims-list", PanelList)
        assert "[@click=app.quit]click[/]" in str(lst.rows[lst.highlighted].content)


async def test_a_hard_wrapped_article_reads_as_flowing_paragraphs(make_app, empty_cache):
    """Wire copy wrapped at 72 columns, blank lines between paragraphs: the reader shows two
    paragraphs re-wrapped to the pane, not ten short lines and their breaks."""
    first = (
        "The minister said on Monday that the new port fees would take effect next year and\n"
        "that shipping companies had been told to expect higher costs for vessels built in\n"
        "China, a change he described as long overdue."
    )
    second = "Analysts said the plan could raise prices for consumers.\nThey expect a response from Beijing."
    article = RawArticle(title="Fees", published="2024-12-18", text=f"{first}\n\n{second}", source="wire.txt")
    app = make_app(article, cache=empty_cache)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        assert [(s, e) for s, e, _ in body.paragraphs if e > s] == [(0, len(first)), (len(first) + 2, len(body.text))]
        assert "\n" not in body.text[: len(first)]
        assert len(body.text) == len(article.text) and body.text.split() == article.text.split()


async def test_a_blockquotes_wrapped_lines_hang_under_its_words(make_app, empty_cache):
    """A paragraph ingest marked as a blockquote (``> ``) wraps with its later lines
    indented under the words, as mail readers show a quotation."""
    quoted = "> " + " ".join(["The attackers used a botnet popular in the cybercrime market."] * 3)
    text = f"Zambian Watchdog reported the attack on its website:\n{quoted}\nReaders reacted quickly."
    article = RawArticle(title="Hacked", published="2024-12-18", text=text, source="hack.txt")
    app = make_app(article, cache=empty_cache)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        lines = [body.render_line(y).text for y in range(body.line_count)]
        first = next(y for y, line in enumerate(lines) if "> The attackers" in line)
        column = lines[first].index("> ") + len("> ")
        assert lines[first + 1][:column].strip(" ▎▶›") == "", "the second line hangs"
        assert lines[first + 1][column] != " " and body.line_span(first + 1)[0] > body.line_span(first)[0]
        narration = next(y for y, line in enumerate(lines) if "Readers reacted" in line)
        assert lines[narration].index("Readers") < column
        # the mark is shown quietly, the words as any other
        segments = [s for s in body.render_line(first) if s.text.strip()]
        mark = next(s for s in segments if s.text.lstrip().startswith(">"))
        words = next(s for s in segments if "attackers" in s.text)
        assert mark.style is not None and mark.style.dim
        assert not (words.style and words.style.dim)


def test_date_inside_quote_shows_both_layers():
    from newsreader.model import DateSpan, Document, Quote

    text = 'She said "we met on Tuesday at noon" and left.'
    q0 = text.index('"')
    q1 = text.index('"', q0 + 1) + 1
    d0 = text.index("Tuesday")
    doc = Document(
        id="x",
        title="t",
        published="2024-12-18",
        source="s",
        text=text,
        quotes=(Quote("q1", q0, q1, text[q0:q1], True, None, None),),
        dates=(DateSpan("d1", d0, d0 + 7, "Tuesday", "2024-12-17", "day", True),),
    )
    pal = render.palette()
    marks = render.layer_marks(doc, render.LAYERS, pal)
    content = render.line_content(text, 0, len(text), marks)
    styles = {piece: style for piece, style in content.render(render.Style())}
    tuesday = styles["Tuesday"]
    assert tuesday.background == pal["nr-quote"]
    assert tuesday.foreground == pal["nr-date"] and tuesday.underline
    only_date = render.line_content(text, 0, len(text), render.layer_marks(doc, ["dates"], pal))
    assert {p: s for p, s in only_date.render(render.Style())}["Tuesday"].background is None


def test_theme_variables_override_defaults():
    pal = render.palette({"nr-quote": "#123456"})
    assert pal["nr-quote"].hex == "#123456"
    assert pal["nr-date"] == render.palette()["nr-date"]
    assert render.palette({"nr-date": "not a colour"})["nr-date"] == render.palette()["nr-date"]


def test_sentence_at_finds_the_sentence_around_an_offset():
    text = 'First one. Second "quoted." Third!\nNext paragraph here.'
    s, e = sentence_at(text, text.index("Second") + 2)
    assert text[s:e] == 'Second "quoted."'
    s, e = sentence_at(text, text.index("Next"))
    assert text[s:e] == "Next paragraph here."


# -- layers --------------------------------------------------------------------------------


@pytest.mark.parametrize("key,layer", [("1", "entities"), ("2", "quotes"), ("3", "numbers"), ("4", "dates")])
async def test_layer_keys_toggle_each_layer(make_app, sample_article, key, layer):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        assert any(m.layer == layer for m in body.layer_marks())
        await pilot.press(key)
        assert layer not in screen.shown_layers
        assert not any(m.layer == layer for m in body.layer_marks())
        assert any(m.layer != layer for m in body.layer_marks())
        legend = screen.query_one("#legend", Static).render()
        assert any(getattr(s, "strike", False) for s in span_styles(legend))
        await pilot.press(key)
        assert any(m.layer == layer for m in body.layer_marks())


# -- movement ---------------------------------------------------------------------------------


async def test_line_and_page_movement_keys(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        assert body.cursor == 0
        await pilot.press("j")
        assert body.cursor == 1
        await pilot.press("down")
        assert body.cursor == 2
        await pilot.press("k")
        assert body.cursor == 1
        await pilot.press("up")
        assert body.cursor == 0
        await pilot.press("ctrl+d")
        half = body.cursor
        assert half >= 5
        await pilot.press("ctrl+u")
        assert body.cursor == 0
        await pilot.press("pagedown")
        page = body.cursor
        assert page > half
        await pilot.press("pageup")
        assert body.cursor == 0
        await pilot.press("space")
        assert body.cursor == page
        await pilot.press("G")
        assert body.cursor == body.line_count - 1
        assert body.scroll_offset.y > 0
        await pilot.press("g")
        assert body.cursor == 0 and body.scroll_offset.y == 0
        await pilot.press("end")
        assert body.cursor == body.line_count - 1
        await pilot.press("home")
        assert body.cursor == 0


async def test_tab_switches_panes_and_panel_rows_move_the_article(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body, panel = body_of(screen), panel_of(screen)
        assert body.has_focus
        await pilot.press("tab")
        claims_list = screen.query_one("#claims-list", PanelList)
        assert claims_list.has_focus
        await pilot.press("j")
        await pilot.pause()
        claim = screen.current_claim()
        assert claim is not None and claim.id == screen.claims[1].id
        assert body.selection == (claim.start, claim.end)
        assert body.cursor == body.line_of(claim.start)
        assert body.flash_span == (claim.start, claim.end)
        await pilot.press("k")
        await pilot.pause()
        assert screen.current_claim().id == screen.claims[0].id
        await pilot.press("down", "down")
        await pilot.press("enter")
        await pilot.pause()
        assert body.has_focus, "enter jumps into the article"
        assert body.cursor == body.line_of(screen.claims[2].start)
        await pilot.press("tab")
        assert claims_list.has_focus
        await pilot.press("tab")
        assert body.has_focus
        assert panel.active_tab == "claims"


async def test_article_cursor_selects_the_claim_under_it(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        target = screen.claims[3]
        body.move_cursor(body.line_of(target.start))
        await pilot.pause()
        assert screen.current_claim().id == target.id
        assert body.selection == (target.start, target.end)


async def test_enter_in_article_jumps_to_the_selection(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        await pilot.press("G")
        await pilot.press("enter")
        assert body.cursor == body.line_of(body.selection[0])
        assert body.flash_span == body.selection


async def test_t_cycles_tabs_and_p_toggles_the_panel(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        panel = panel_of(screen)
        seen = [panel.active_tab]
        for _ in range(4):
            await pilot.press("t")
            await pilot.pause()
            seen.append(panel.active_tab)
        assert seen == ["claims", "sources", "dates", "entities", "claims"]
        await pilot.press("p")
        assert screen.has_class("-no-panel") and not panel.display
        await pilot.press("p")
        assert panel.display


async def test_other_tabs_rows_move_the_article(make_app, sample_article, sample_doc):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body, panel = body_of(screen), panel_of(screen)
        for tab in ("sources", "dates", "entities"):
            panel.set_tab(tab)
            await pilot.pause()
            lst = panel.active_list()
            lst.focus()
            await pilot.pause()
            await pilot.press("end")
            await pilot.pause()
            key = lst.highlighted_key
            start, _end = panel.spans[key][0]
            assert body.cursor == body.line_of(start), tab
        # dates are listed in time order, and the timeline shows the publication mark
        values = [d.value for d in sample_doc.dates if d.value]
        listed = [panel.spans and key for key in screen.query_one("#dates-list", PanelList).keys]
        assert len(listed) == len(sample_doc.dates)
        assert values and "▲" in str(screen.query_one("#timeline", Static).render())


# -- search -------------------------------------------------------------------------------


async def test_search_counts_and_steps_through_matches(make_app, sample_article):
    app = make_app(sample_article)
    total = sample_article.text.lower().count("kursk")
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        await pilot.press("slash")
        bar = screen.query_one(SearchBar)
        assert bar.is_open and screen.query_one(Input).has_focus
        await pilot.press(*"Kursk")
        await pilot.press("enter")
        count = str(screen.query_one("#search-count", Static).render())
        assert count == f"1/{total}"
        assert body.has_focus and len(body.search_hits) == total
        await pilot.press("n")
        assert str(screen.query_one("#search-count", Static).render()) == f"2/{total}"
        assert body.cursor == body.line_of(body.search_hits[1][0])
        await pilot.press("N")
        assert str(screen.query_one("#search-count", Static).render()) == f"1/{total}"
        await pilot.press("N")
        assert str(screen.query_one("#search-count", Static).render()) == f"{total}/{total}"
        search_color = body.palette["nr-search"]
        assert any(getattr(s, "background", None) == search_color for s in span_styles(body.paragraph_content(0)))
        await pilot.press("escape")
        assert not bar.is_open and body.search_hits == []
        assert app.is_running, "the first escape only clears the search"


# -- review -------------------------------------------------------------------------------


@pytest.mark.parametrize("key,status", [("s", "supported"), ("x", "disputed"), ("f", "false"), ("v", "unverifiable")])
async def test_status_keys_save_and_advance(make_app, sample_article, reviews, key, status):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        first = screen.claims[0]
        await pilot.press(key)
        await pilot.pause()
        saved = reviews.reviews(screen.doc)
        assert saved[first.id].status == status
        assert screen.current_claim().id == screen.claims[1].id, "the next claim comes up"
        progress = str(screen.query_one("#claims-progress", Static).render())
        assert progress.startswith(f"1/{len(screen.claims)} reviewed")
        lst = screen.query_one("#claims-list", PanelList)
        assert status in str(lst.rows[lst.index_of(f"claim:{first.id}")].content)


async def test_clear_undo_and_unreviewed_navigation(make_app, sample_article, reviews):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        c0, c1, c2 = screen.claims[:3]
        await pilot.press("s")  # c0 supported, now on c1
        await pilot.press("x")  # c1 disputed, now on c2
        assert reviews.progress(screen.doc)[0] == 2
        await pilot.press("z")
        assert reviews.reviews(screen.doc).get(c1.id) is None or reviews.reviews(screen.doc)[c1.id].status is None
        await pilot.press("z")
        assert reviews.progress(screen.doc)[0] == 0
        await pilot.press("s")
        panel_of(screen).select_claim(c0.id)
        await pilot.pause()
        await pilot.press("right_square_bracket")
        assert screen.current_claim().id == c1.id
        await pilot.press("left_square_bracket")
        assert screen.current_claim().id == screen.claims[-1].id, "wraps around to the last unreviewed"
        panel_of(screen).select_claim(c0.id)
        await pilot.pause()
        await pilot.press("c")
        assert reviews.progress(screen.doc)[0] == 0


async def test_note_editor_saves_a_multiline_note(make_app, sample_article, reviews):
    from newsreader.ui.screens.note import NoteScreen

    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        claim = screen.current_claim()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one(TextArea).has_focus
        await pilot.press(*"Checked", "enter", *"twice")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert reviews.reviews(screen.doc)[claim.id].note == "Checked\ntwice"
        await pilot.press("a")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_mark_sentence_and_dismiss_claim(make_app, sample_article, reviews):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        before = len(screen.claims)
        text = sample_article.text
        heading = text.index("Biden administration racing")
        body = body_of(screen)
        body.move_cursor(body.line_of(text.index("Meanwhile, outgoing")))
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        added = screen.current_claim()
        assert added is not None and added.text.startswith("Meanwhile, outgoing")
        assert added.start > heading
        assert len(screen.claims) in (before, before + 1)  # unless the analysis already had it
        count = len(screen.claims)
        await pilot.press("D")
        await pilot.pause()
        assert len(screen.claims) == count - 1
        assert all(c.id != added.id for c in reviews.claims(screen.doc))


async def test_mark_uses_the_search_match(make_app, sample_article, reviews):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("slash", *"billions of dollars", "enter")
        await pilot.press("m")
        await pilot.pause()
        assert screen.current_claim().text == "billions of dollars"


async def test_export_dialog_writes_and_never_overwrites_silently(make_app, sample_article, tmp_path):
    from newsreader.ui.screens.confirm import ConfirmScreen
    from newsreader.ui.screens.export import ExportScreen

    target = tmp_path / "out.md"
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert target.read_text(encoding="utf-8").strip()
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")  # ask again, and say yes this time
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") != "keep me"
        assert app.screen is screen


async def test_export_format_choice_changes_the_suffix(make_app, sample_article):
    from textual.widgets import RadioButton

    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        await pilot.click(RadioButton, offset=(2, 0))
        dialog.query_one("#fmt-html", RadioButton).value = True
        await pilot.pause()
        assert dialog.query_one("#path", Input).value.endswith(".html")
        await pilot.press("escape")
        await pilot.pause()
        assert not hasattr(app.screen, "fmt")


# -- help, palette, keymap, quitting ------------------------------------------------------


async def test_help_lists_every_binding(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(app.screen.query_one("#help-body", Static).render()).split())  # wrapped rows
        for spec in specs("article") + specs("app"):
            assert spec.description in text, spec.id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)


async def test_palette_offers_every_action(make_app, sample_article):
    from textual.command import CommandPalette

    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        titles = [c.title for c in app.get_system_commands(screen)]
        for spec in specs("article"):
            assert spec.description in titles, spec.id
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"toggle date", "enter")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is screen
        assert "dates" not in screen.shown_layers


async def test_user_keymap_overrides_a_binding(make_app, sample_article):
    app = make_app(sample_article, config=Config(keys={"article.cursor_down": "ctrl+n"}))
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        await pilot.press("ctrl+n")
        assert body.cursor == 1
        await pilot.press("j")
        assert body.cursor == 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert "ctrl+n" in str(app.screen.query_one("#help-body", Static).render())


async def test_q_quits_when_opened_directly(make_app, sample_article):
    """(Escape goes to the library instead: tests/ui/test_keys_never_surprise.py.)"""
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_narrow_terminal_puts_the_panel_below(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(app, pilot)
        panel = panel_of(screen)
        assert screen.has_class("-narrow")
        assert panel.region.width == 80
        assert panel.region.y > body_of(screen).region.y
        assert body_of(screen).region.height >= 8


# -- painting: cached lines, paint-ahead, deferred panel ----------------------------------


def strip_text(strip) -> str:
    return "".join(segment.text for segment in strip)


def strip_has_style(strip, predicate) -> bool:
    return any(segment.style is not None and predicate(segment.style) for segment in strip)


async def test_line_cache_never_serves_a_stale_line(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        body.set_selection(None)
        await pilot.pause()
        width, base = body.scrollable_content_region.width, body.rich_style
        before = body._line_strip(0, width, 0, base)
        start, end = body.line_span(0)
        body.set_search([(start, start + 5)], 0)  # a search hit on line 0: a new look
        await pilot.pause()
        hit = body._line_strip(0, width, 0, base)
        assert hit is not before and strip_text(hit) == strip_text(before)
        assert strip_has_style(hit, lambda s: s.bold and s.underline)
        await pilot.press("2")  # a layer toggle repaints every line
        await pilot.pause()
        assert body._line_strip(0, width, 0, base) is not hit


async def test_pages_around_the_screen_are_painted_ahead(make_app, sample_article, monkeypatch):
    app = make_app(sample_article)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await opened(app, pilot)
        body = body_of(screen)
        await pilot.pause()
        body._strips.clear()
        body._paint_ahead()
        painted: list[int] = []
        real = body._paint_line
        monkeypatch.setattr(body, "_paint_line", lambda index, *args: painted.append(index) or real(index, *args))
        width, base = body.scrollable_content_region.width, body.rich_style
        top, height = body.scroll_offset.y, body.size.height
        below = range(top + height, min(top + 2 * height, body.line_count))
        assert len(below) > 0
        for index in below:
            body._line_strip(index, width, 0, base)
        assert painted == []  # the next page was already painted
        body._line_strip(top, width, 0, base)
        assert painted == [top]  # the visible page was not (the cache had been cleared)


async def test_panel_tabs_and_footer_arrive_after_the_first_frame(make_app, sample_article):
    from textual.widgets import Footer, TabbedContent

    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        panel = panel_of(screen)
        assert panel.ready and panel.query(TabbedContent)
        assert screen.query(Footer)
        assert panel.current_claim_id() == screen.claims[0].id
        assert body_of(screen).selection == (screen.claims[0].start, screen.claims[0].end)


# -- long lists ----------------------------------------------------------------------------


async def test_a_long_claims_list_fills_in_slices_with_the_wanted_row_highlighted(make_app, empty_cache):
    """Motivated by a 50,000-word article (1,561 claims): building and measuring every row
    at once held page-down up for 0.3 s after the article was on screen, and a review took
    0.5-0.8 s to rebuild the list."""
    from dataclasses import replace
    from types import SimpleNamespace

    from newsreader.analysis.version import pipeline_version
    from newsreader.model import text_id
    from newsreader.ui.widgets.side_panel import FIRST_ROWS
    from tests.synthetic import claims_document

    doc = claims_document("x", 400)
    doc = replace(doc, id=text_id(doc.text))
    empty_cache.put(doc, pipeline_version(Config().model))
    article = RawArticle(title="Long", published=None, text=doc.text, source="long.txt")
    app = make_app(article, cache=empty_cache)
    async with app.run_test(size=SIZE) as pilot:
        screen = await opened(app, pilot)
        panel = panel_of(screen)
        lst = panel.query_one("#claims-list", PanelList)
        assert lst.row_count == 400  # each row once
        claims, reviews, pal = screen.claims, screen.reviews, app.palette()
        panel.show_claims(doc, claims[::-1], reviews, pal, keep="c400")  # another order: a new list
        assert 0 < lst.row_count <= FIRST_ROWS < 400  # the first screenful at once
        panel.show_claims(doc, claims, reviews, pal, keep="c1")  # a newer fill replaces the running one
        panel.select_claim("c350")  # not in the list yet
        assert panel.current_claim_id() == "c350"
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert lst.row_count == 400 and lst.keys[0] == "claim:c1"
        assert lst.highlighted_key == "claim:c350"
        # a review redraws its own row, deep in the list, and the list stays as it is
        rebuilt = []
        lst.set_rows = lambda rows: rebuilt.append(rows)
        review = SimpleNamespace(status="supported", note="")
        panel.show_claims(doc, claims, {"c390": review}, pal, keep="c390")
        assert not rebuilt
        assert "supported" in str(lst.rows[lst.index_of("claim:c390")].content)
        assert "supported" not in str(lst.rows[lst.index_of("claim:c389")].content)
        assert lst.highlighted_key == "claim:c390"
