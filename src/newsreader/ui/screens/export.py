"""The export dialog (``ctrl+s``): pick a format and a path; never overwrites without asking."""

from __future__ import annotations

import re
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from ...export import FORMATS
from ...model import Document
from ...service.export import save_export
from ...service.review import ReviewSession
from .. import render
from .confirm import ConfirmScreen

LABELS = {
    "md": "Markdown",
    "html": "HTML",
    "json": "JSON",
    "annotations": "Annotations",
    "claimreview": "ClaimReview (schema.org)",
}
SUFFIX = {
    "md": ".md",
    "html": ".html",
    "json": ".json",
    "annotations": ".annotations.jsonld",
    "claimreview": ".claimreview.jsonld",
}


def slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:60].strip("-") or "article"


def default_path(doc: Document, fmt: str, folder: Path | None = None) -> Path:
    return (folder or Path.cwd()) / (slug(doc.title) + SUFFIX[fmt])


class ExportScreen(ModalScreen[Path | None]):
    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 72; max-width: 100%; height: auto; border: round $accent;
        background: $surface; padding: 0 1;
    }
    ExportScreen .label { margin-top: 1; color: $text-muted; }
    ExportScreen RadioSet { width: 100%; layout: horizontal; border: none; padding: 0; }
    ExportScreen RadioSet > RadioButton { width: auto; margin-right: 2; }
    ExportScreen Input { margin-top: 0; }
    ExportScreen Horizontal { height: auto; align-horizontal: right; margin: 1 0 0 0; }
    ExportScreen Button { margin-left: 2; min-width: 10; }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", show=True),
        # Enter saves from anywhere in the dialog (on a format button: with that format),
        # except on Cancel, which it presses.
        Binding("enter", "save", "Save", show=False, priority=True),
        Binding("ctrl+s", "save", "Save", show=True, priority=True),
    ]

    def __init__(self, session: ReviewSession, theme: str | None = None) -> None:
        super().__init__()
        self.session, self.theme_name = session, theme
        self.doc = session.doc
        self.fmt = "md"
        self._auto_path = str(default_path(self.doc, self.fmt))

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Save an annotated copy"
            box.border_subtitle = "enter save · esc cancel"
            yield Static(render.plain("Format"), classes="label")
            with RadioSet(id="format"):
                for fmt in FORMATS:
                    yield RadioButton(render.plain(LABELS[fmt]), value=fmt == self.fmt, id=f"fmt-{fmt}")
            yield Static(render.plain("Path"), classes="label")
            yield Input(self._auto_path, id="path")
            with Horizontal():
                yield Button(render.plain("Cancel"), id="cancel")
                yield Button(render.plain("Save"), id="save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(RadioSet.Changed)
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self._use_format((event.pressed.id or "fmt-md").removeprefix("fmt-"))

    def _use_format(self, fmt: str) -> None:
        self.fmt = fmt
        path_input = self.query_one("#path", Input)
        if path_input.value == self._auto_path:  # the user has not typed a path of their own
            self._auto_path = str(default_path(self.doc, self.fmt, Path(self._auto_path).parent))
            path_input.value = self._auto_path

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save" and isinstance(self.focused, Button) and self.focused.id == "cancel":
            return False  # Enter on Cancel cancels
        return True

    def action_save(self) -> None:
        radio_set = self.query_one(RadioSet)
        if radio_set.has_focus:
            # Enter on a format button: that format, then save.
            highlighted = next(iter(radio_set.query("RadioButton.-selected").results(RadioButton)), None)
            if highlighted is not None and highlighted.id:
                highlighted.value = True
                self._use_format(highlighted.id.removeprefix("fmt-"))
        self.save()

    def save(self, force: bool = False) -> None:
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.notify("Give a path to save to.", severity="warning", markup=False)
            return
        path = Path(raw).expanduser()
        try:
            content = self.session.export(self.fmt, theme=self.theme_name)
            save_export(path, content, force=force)
        except FileExistsError:

            def answer(yes: bool | None) -> None:
                if yes:
                    self.save(force=True)

            self.app.push_screen(ConfirmScreen(f"{path} exists. Replace it?", yes="Replace"), answer)
            return
        except OSError as exc:
            self.notify(f"Could not save {path}: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.dismiss(path)
