"""The library's list: a virtualised one-line-per-row view with an in-memory filter.

Filtering 10,000 rows is a list comprehension over pre-folded strings; nothing is
mounted per row, only the visible lines are drawn. Rows come from
:mod:`newsreader.service.library`; when they are read again (an entry arrived, a
refresh, back from an article) the selected row stays selected.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from ...service.library import LibraryRow, as_rows
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
        def __init__(self, summary: LibraryRow) -> None:
            super().__init__()
            self.summary = summary

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[LibraryRow] = []
        self.reviewed: dict[str, int] = {}
        self.marks = False  # draw the read/unread column (there are feeds)
        self.placeholder = ""  # said on the first line when the view is empty (not when a filter is)
        self._folded: list[str] = []
        self.shown: list[int] = []
        self.cursor = 0
        self.query_text = ""

    def set_rows(
        self, rows: Sequence[DocSummary | LibraryRow], reviewed: dict[str, int], *, marks: bool = False
    ) -> None:
        """New rows; the selected row stays selected when it is still there."""
        before = self.current
        self.rows, self.reviewed, self.marks = as_rows(rows), reviewed, marks
        self._folded = [f"{r.title}\n{r.source}\n{r.published or ''}".casefold() for r in self.rows]
        self.shown = self.matching(self.query_text)
        if before is not None:
            keys = [self.rows[i].key for i in self.shown]
            if before.key in keys:
                self.cursor = keys.index(before.key)
        self.cursor = min(self.cursor, max(0, len(self.shown) - 1))
        if self.is_mounted:
            self.virtual_size = Size(self.size.width, len(self.shown))
            self.move(self.cursor)
            self.refresh()

    def apply_filter(self, text: str) -> None:
        self.query_text = text
        self.shown = self.matching(text)
        self.cursor = min(self.cursor, max(0, len(self.shown) - 1))
        self.virtual_size = Size(self.size.width, len(self.shown))
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def to_top(self) -> None:
        """The first row, scrolled to (another view was chosen)."""
        self.cursor = 0
        self.scroll_to(y=0, animate=False)
        self.refresh()

    def matching(self, text: str) -> list[int]:
        """Indices of the rows whose title, source or date hold every word of ``text``."""
        words = text.casefold().split()
        if not words:
            return list(range(len(self.rows)))
        return [i for i, hay in enumerate(self._folded) if all(w in hay for w in words)]

    @property
    def current(self) -> LibraryRow | None:
        if not self.shown:
            return None
        return self.rows[self.shown[self.cursor]]

    @property
    def shown_rows(self) -> list[LibraryRow]:
        return [self.rows[i] for i in self.shown]

    def replace_rows(self, rows: dict[tuple[str, int | str], LibraryRow]) -> None:
        """Swap rows in place by key (a read state changed): nothing moves."""
        self.rows = [rows.get(r.key, r) for r in self.rows]
        self.refresh()

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
            if index == 0 and self.placeholder and not self.query_text:
                hint = render.plain(self.placeholder, Style(dim=True, italic=True))
                return Strip([Segment(" ", base), *hint.render_segments(self.visual_style)]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        row = self.rows[self.shown[index]]
        selected = index == self.cursor
        content = self._line(row, width - 2, selected)
        if selected:
            style = self.get_component_rich_style("library--cursor")
            segments = [Segment(" "), *content.render_segments()]
            return Strip(segments).crop_extend(0, width, None).apply_style(style)
        return Strip([Segment(" ", base), *content.render_segments(self.visual_style)]).crop_extend(0, width, base)

    def _line(self, row: LibraryRow, width: int, selected: bool) -> Content:
        # An entry's source is its feed's name, shown whole; a path or an address is shortened.
        source = row.source if row.entry_id is not None and "://" not in row.source else render.short_source(row.source)
        unread = (row.read is False) if self.marks else None
        return render.library_row(
            row.title, row.published, source, self.reviewed.get(row.id, 0), row.claims, width, selected, unread
        )

    def on_click(self, event: events.Click) -> None:
        line = self.scroll_offset.y + event.y
        if line < len(self.shown):
            if line == self.cursor and event.chain >= 2 and self.current is not None:
                self.post_message(self.Activated(self.current))
            self.move(line)

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.shown))
