"""PanelList on its own: wrapped rows, every key, clicks, one-row updates, resizing."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.content import Content

from newsreader.ui.widgets.panel_list import PanelList, Row

WORDS = "one two three four five six seven eight nine ten eleven twelve"


class ListApp(App):
    def __init__(self, rows) -> None:
        super().__init__()
        self.rows = rows
        self.messages: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield PanelList(id="list")

    def on_mount(self) -> None:
        lst = self.query_one(PanelList)
        lst.set_rows(self.rows)
        lst.focus()

    def on_panel_list_highlighted(self, event: PanelList.Highlighted) -> None:
        self.messages.append(("highlighted", event.key))

    def on_panel_list_selected(self, event: PanelList.Selected) -> None:
        self.messages.append(("selected", event.key))


def rows(n: int = 30) -> list[Row | None]:
    out: list[Row | None] = [Row(None, Content("a notice, not selectable"))]
    for i in range(n):
        out.append(Row(f"r{i}", Content(f"row {i}\n{WORDS}")))
        out.append(None)  # a rule under each row
    return out


async def test_rows_wrap_to_the_width_and_rules_take_a_line():
    app = ListApp(rows(3))
    async with app.run_test(size=(24, 20)) as pilot:
        await pilot.pause()
        lst = app.query_one(PanelList)
        text_width = lst.scrollable_content_region.width - 1
        assert text_width < len(WORDS)
        lines = [lst.render_line(y).text.rstrip() for y in range(lst.virtual_size.height)]
        assert lines[0] == "a notice, not"
        assert "row 0" in lines and "─" * 5 in "".join(lines)
        assert all(len(line) <= lst.scrollable_content_region.width for line in lines)
        words = [line for line in lines if line and not line.startswith(("─", "a notice", "selectable", "row"))]
        joined = " ".join(words)
        assert joined.split()[: len(WORDS.split())] == WORDS.split()


async def test_keys_move_the_highlight_over_selectable_rows_and_enter_selects():
    app = ListApp(rows())
    async with app.run_test(size=(30, 12)) as pilot:
        await pilot.pause()
        lst = app.query_one(PanelList)
        await pilot.press("down")
        assert lst.highlighted_key == "r0"  # the notice is skipped
        await pilot.press("down", "down")
        assert lst.highlighted_key == "r2"
        await pilot.press("up")
        assert lst.highlighted_key == "r1"
        await pilot.press("end")
        assert lst.highlighted_key == "r29"
        assert lst.scroll_offset.y > 0, "the highlighted row is scrolled into view"
        await pilot.press("home")
        assert lst.highlighted_key == "r0" and lst.scroll_offset.y <= lst._starts[1]
        await pilot.press("pagedown")
        paged = lst.highlighted
        assert paged is not None and paged > 1
        await pilot.press("pageup")
        assert lst.highlighted < paged
        await pilot.press("enter")
        await pilot.pause()
        assert ("selected", lst.highlighted_key) in app.messages
        assert ("highlighted", "r29") in app.messages


async def test_a_click_highlights_and_selects_the_row_under_it():
    app = ListApp(rows(5))
    async with app.run_test(size=(30, 30)) as pilot:
        await pilot.pause()
        lst = app.query_one(PanelList)
        line = lst._starts[lst.index_of("r2")] + 1
        await pilot.click(PanelList, offset=(3, line))
        await pilot.pause()
        assert lst.highlighted_key == "r2"
        assert ("selected", "r2") in app.messages
        await pilot.click(PanelList, offset=(3, 0))  # the notice: nothing happens
        await pilot.pause()
        assert lst.highlighted_key == "r2"


async def test_replacing_one_row_moves_the_rows_below_by_its_new_height():
    app = ListApp(rows(5))
    async with app.run_test(size=(30, 30)) as pilot:
        await pilot.pause()
        lst = app.query_one(PanelList)
        before = list(lst._starts)
        total = lst.virtual_size.height
        lst.replace_row("r1", Content("row 1\nnow\nsix\nlines\nof\ntext"))
        await pilot.pause()
        grown = (lst._starts[3] - lst._starts[2]) - (before[3] - before[2])
        assert grown > 0
        assert lst._starts[:3] == before[:3]
        assert [s - grown for s in lst._starts[3:]] == before[3:]
        assert lst.virtual_size.height == total + grown
        drawn = [lst.render_line(lst._starts[2] + i).text.rstrip() for i in range(6)]
        assert drawn == ["row 1", "now", "six", "lines", "of", "text"]


async def test_added_rows_continue_the_list_and_a_resize_rewraps_it():
    app = ListApp(rows(2))
    async with app.run_test(size=(30, 30)) as pilot:
        await pilot.pause()
        lst = app.query_one(PanelList)
        lst.add_rows([Row("late", Content("added later"))])
        assert lst.index_of("late") == lst.row_count - 1
        assert lst._starts[-1] == lst.virtual_size.height - 1
        narrow = lst.virtual_size.height
        await pilot.resize_terminal(80, 30)
        await pilot.pause()
        assert lst.virtual_size.height < narrow, "wider rows wrap into fewer lines"


def test_the_focused_cursor_row_drops_text_colours_but_keeps_badges():
    """Motivated by the anonymous source's orange name on the bright cursor background."""
    from textual.style import Style

    from newsreader.ui.widgets.panel_list import on_cursor

    content = Content.assemble(
        Content(" ANON ").stylize(Style(background="orange", foreground="black", bold=True)),
        " ",
        Content("a senior official").stylize(Style(foreground="orange", italic=True)),
    )
    styles = [span.style for span in on_cursor(content).spans]
    assert styles[0] == Style(background="orange", foreground="black", bold=True)
    assert styles[1].foreground is None and styles[1].italic
    assert on_cursor(content).plain == content.plain


async def test_a_theme_change_redraws_the_rows():
    app = ListApp(rows(3))
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        lst = app.query_one(PanelList)
        await pilot.press("down")
        line = lst._starts[lst.highlighted]
        before = lst.render_line(line)
        app.theme = "textual-light"
        await pilot.pause()
        after = lst.render_line(line)
        assert before.text == after.text
        assert [s.style for s in before] != [s.style for s in after]


async def test_the_row_under_the_mouse_is_shaded_until_it_leaves():
    app = ListApp(rows(3))
    async with app.run_test(size=(30, 20)) as pilot:
        await pilot.pause()
        lst = app.query_one(PanelList)
        line = lst._starts[lst.index_of("r1")]
        plain = [s.style for s in lst.render_line(line)]
        await pilot.hover(PanelList, offset=(2, line))
        await pilot.pause()
        assert [s.style for s in lst.render_line(line)] != plain
        await pilot.hover(PanelList, offset=(2, 0))  # the notice row: no shading anywhere
        await pilot.pause()
        assert [s.style for s in lst.render_line(line)] == plain
