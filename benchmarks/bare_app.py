"""The baseline: a bare Textual app that shows an article file as plain text.

Title line, then the body in one scrollable Static (``markup=False``), focused so
``pagedown`` scrolls; ``q`` quits. No newsreader import: this is what any Textual
reader pays to put the same text on the same screen.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static


def read_plain(path: str) -> tuple[str, str]:
    """``(title line, body)`` of an article file, without newsreader's ingest."""
    with open(path, encoding="utf-8") as fh:
        first, _, body = fh.read().partition("\n")
    return first.strip(), body.strip("\n")


class Body(VerticalScroll):
    """Page keys jump, as newsreader's article body does (no scroll animation to wait for)."""

    BINDINGS = [("pagedown", "jump(1)"), ("pageup", "jump(-1)")]

    def action_jump(self, direction: int) -> None:
        self.scroll_to(y=self.scroll_y + direction * max(1, self.scrollable_content_region.height - 1), animate=False)


class BareApp(App):
    BINDINGS = [("q", "quit", "Quit")]
    CSS = "#body { height: 1fr; } #body > Static { padding: 0 1; }"

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.heading, self.body = title, body

    def compose(self) -> ComposeResult:
        yield Static(self.heading, markup=False, id="title")
        with Body(id="body"):
            yield Static(self.body, markup=False)

    def on_mount(self) -> None:
        self.query_one("#body").focus()


def main(argv: list[str]) -> int:
    title, body = read_plain(argv[0])
    BareApp(title, body).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
