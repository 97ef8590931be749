"""The library's document list: a virtualised one-line-per-row view with an in-memory filter.

Filtering 10,000 rows is a list comprehension over pre-folded strings; nothing is
mounted per row, only the visible lines are drawn.
"""

from __future__ import annotations

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...store import DocSummary
from .. import render


class LibraryList(ScrollView, can_focus=True, inherit_bindings=False):
    DEFAULT_CSS = """
    LibraryList { height: 1fr; background: $surface; scrollbar-size-vertical: 1; }
    LibraryList > .library--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    LibraryList:blur > .library--cursor { background: $block-cursor-blurred-background; }
    """
    COMPONENT_CLASSES = {"library--cursor"}

    class Activated(Message):
        def __init__(self, summary: DocSummary) -> None:
            super().__init__()
            self.summary = summary

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[DocSummary] = []
        self.reviewed: dict[str, int] = {}
        self._folded: list[str] = []
        self.shown: list[int] = []
        self.cursor = 0
        self.query_text = ""

    def set_rows(self, rows: list[DocSummary], reviewed: dict[str, int]) -> None:
        self.rows, self.reviewed = rows, reviewed
        self._folded = [f"{r.title}\n{r.source}\n{r.published or ''}".casefold() for r in rows]
        if self.is_mounted:
            self.apply_filter(self.query_text)
        else:
            self.shown = self.matching(self.query_text)

    def apply_filter(self, text: str) -> None:
        self.query_text = text
        self.shown = self.matching(text)
        self.cursor = min(self.cursor, max(0, len(self.shown) - 1))
        self.virtual_size = Size(self.size.width, len(self.shown))
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def matching(self, text: str) -> list[int]:
        """Indices of the rows whose title, source or date hold every word of ``text``."""
        words = text.casefold().split()
        if not words:
            return list(range(len(self.rows)))
        return [i for i, hay in enumerate(self._folded) if all(w in hay for w in words)]

    @property
    def current(self) -> DocSummary | None:
        if not self.shown:
            return None
        return self.rows[self.shown[self.cursor]]

    def move(self, line: int) -> None:
        if not self.shown:
            return
        self.cursor = max(0, min(line, len(self.shown) - 1))
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.shown):
            return Strip.blank(width, base)
        row = self.rows[self.shown[index]]
        selected = index == self.cursor
        content = render.library_row(
            row.title, row.published, row.source, self.reviewed.get(row.id, 0), row.claims, width - 2, selected
        )
        if selected:
            style = self.get_component_rich_style("library--cursor")
            segments = [Segment(" "), *content.render_segments()]
            return Strip(segments).crop_extend(0, width, None).apply_style(style)
        return Strip([Segment(" ", base), *content.render_segments(self.visual_style)]).crop_extend(0, width, base)

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if line < len(self.shown):
            if line == self.cursor and event.chain >= 2 and self.current is not None:
                self.post_message(self.Activated(self.current))
            self.move(line)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.shown))
