"""The ``?`` help screen, generated from the bindings table and the user's keymap."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .. import render
from ..bindings import help_rows


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 76; max-width: 100%; height: 90%; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
        border-title-style: bold; scrollbar-size-vertical: 1; border-subtitle-color: $text-muted;
    }
    HelpScreen Static { width: 100%; }
    """

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
        Binding("j,down", "scroll(1)", show=False),
        Binding("k,up", "scroll(-1)", show=False),
    ]

    def __init__(self, scopes: tuple[str, ...], keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.scopes = scopes
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-scroll") as scroll:
            scroll.border_title = "Keys"
            scroll.border_subtitle = "esc to close · ctrl+p for every action by name"
            scroll.can_focus = True
            yield Static(render.help_content(help_rows(("app", *self.scopes), self.keymap)), id="help-body")

    def action_scroll(self, step: int) -> None:
        self.query_one(VerticalScroll).scroll_relative(y=step, animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
