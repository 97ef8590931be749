"""The note editor: a multi-line TextArea for a claim's note; ``ctrl+s`` saves, ``escape`` cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from .. import render


class NoteScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    NoteScreen #claim { color: $text-muted; margin: 1 0; max-height: 4; }
    NoteScreen TextArea { height: 8; }
    NoteScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    NoteScreen Button { margin-left: 2; min-width: 10; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", show=True, priority=True),
        Binding("escape", "cancel", "Cancel", show=True),
    ]

    def __init__(self, claim_text: str, note: str) -> None:
        super().__init__()
        self.claim_text, self.note = claim_text, note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Note"
            box.border_subtitle = "ctrl+s save · esc cancel"
            yield Static(render.plain(render.clip(self.claim_text, 240)), id="claim")
            yield TextArea(self.note, id="note", soft_wrap=True, show_line_numbers=False)
            with Horizontal():
                yield Button(render.plain("Cancel"), id="cancel")
                yield Button(render.plain("Save"), id="save", variant="primary")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
