"""The search bar under the article: an input and a "3/12" match count."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from .. import render


class SearchBar(Horizontal):
    DEFAULT_CSS = """
    SearchBar { height: 1; display: none; background: $panel; }
    SearchBar.-open { display: block; }
    SearchBar > #search-label { width: auto; padding: 0 1; color: $text-accent; text-style: bold; }
    SearchBar > Input { width: 1fr; height: 1; border: none; padding: 0; background: $panel; }
    SearchBar > Input:focus { border: none; background-tint: $foreground 5%; }
    SearchBar > #search-count { width: auto; min-width: 12; padding: 0 1; text-align: right; }
    """

    BINDINGS = [Binding("escape", "close", "Close search", show=False)]

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Closed(Message):
        pass

    def compose(self) -> ComposeResult:
        return []  # built after the first frame (an Input is costly to mount): see _build

    def on_mount(self) -> None:
        getattr(self.app, "after_first_paint", self.call_after_refresh)(self._build)

    def _build(self) -> None:
        if self.is_attached and not self.children:
            self.mount(
                Static(render.plain("/"), id="search-label"),
                Input(placeholder="search the article", id="search-input", select_on_focus=False),
                Static(id="search-count"),
            )

    def open(self) -> None:
        self._build()
        self.add_class("-open")
        box = self.query_one(Input)
        # At once, not on the next turn of the event loop: keys typed right after "/" are text.
        self.screen.set_focus(box)
        if self.screen.focused is not box:  # not focusable yet (just mounted): next frame
            self.call_after_refresh(box.focus)

    @property
    def typing(self) -> bool:
        """Whether the search field has the keys."""
        return bool(self.children) and self.screen.focused is self.query_one(Input)

    def close(self) -> None:
        self.remove_class("-open")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def show_query(self, query: str) -> None:
        """Open showing ``query`` (matches found elsewhere: the library's search) without
        searching for it again, and without taking the keys."""
        self._build()
        self.add_class("-open")
        box = self.query_one(Input)
        with box.prevent(Input.Changed):
            box.value = query

    def show_count(self, query: str, index: int, total: int) -> None:
        self._build()
        self.query_one("#search-count", Static).update(render.search_status(query, index, total))

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_close(self) -> None:
        self.post_message(self.Closed())
