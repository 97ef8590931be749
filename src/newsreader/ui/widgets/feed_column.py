"""The library's feed column: ``All``, then each feed with ``unread/total``, one line each.

It never takes the focus (the list keeps it, so every library key works the same with
feeds or without); ``[`` and ``]`` in the library choose a view, and so does a click.
The lines come from :func:`newsreader.service.library.feed_column`.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...service.library import ALL, ColumnItem, View
from .. import render


class FeedColumn(ScrollView, can_focus=False):
    DEFAULT_CSS = """
    FeedColumn {
        width: 25%; min-width: 18; max-width: 36; height: 1fr; background: $surface;
        scrollbar-size-vertical: 1; border-right: tall $panel-lighten-1;
    }
    /* The list has the focus (and the strong cursor); the current feed is marked as a blurred cursor is. */
    FeedColumn > .feeds--current { background: $block-cursor-blurred-background; text-style: bold; }
    """
    COMPONENT_CLASSES = {"feeds--current"}

    class Chosen(Message):
        """A view was clicked."""

        def __init__(self, view: View) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[ColumnItem] = []
        self.current: View = ALL

    @property
    def line(self) -> int:
        """The current view's line."""
        return next((i for i, item in enumerate(self.items) if item.view == self.current), 0)

    def set_items(self, items: Sequence[ColumnItem], current: View) -> None:
        self.items, self.current = list(items), current
        self.virtual_size = Size(self.size.width, len(self.items))
        line, height = self.line, max(1, self.scrollable_content_region.height)
        if line < self.scroll_offset.y:
            self.scroll_to(y=line, animate=False)
        elif line >= self.scroll_offset.y + height:
            self.scroll_to(y=line - height + 1, animate=False)
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.items):
            return Strip.blank(width, base)
        item = self.items[index]
        content = render.feed_item(item.name, item.unread, item.total, width - 2)
        if item.view == self.current:
            style = self.get_component_rich_style("feeds--current")
            return Strip([Segment(" "), *content.render_segments()]).crop_extend(0, width, None).apply_style(style)
        return Strip([Segment(" ", base), *content.render_segments(self.visual_style)]).crop_extend(0, width, base)

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if 0 <= line < len(self.items):
            self.post_message(self.Chosen(self.items[line].view))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.items))
