"""The side panel's list: rows of styled text, each standing for spans of the article.

A virtualised view, like the article body and the library list: a row's height comes
from word-wrapping its plain text (:func:`newsreader.ui.wrap.wrap_offsets`), and only the
rows on screen are cut into styled lines and drawn. Textual's OptionList measured every
row through its own wrapping whenever one changed: for the 1,561 claims of a
50,000-word article that was ~0.3 s after the article opened and again after each review.

Keys: up/down, page up/down, home/end move the highlight (posting :class:`Highlighted`),
enter or a click selects (:class:`Selected`). Passing ``None`` among the rows draws a
rule under the row before it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.content import Content, Span
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style

from ..wrap import wrap_offsets


@dataclass
class Row:
    """One entry: ``key`` names what it stands for (None: not selectable, e.g. a notice)."""

    key: str | None
    content: Content
    divider: bool = False  # a rule under the row


def on_cursor(content: Content) -> Content:
    """``content`` for the focused cursor row: coloured text (a source's name in the
    anonymous orange) was hard to read on the cursor's bright background, so only spans
    with a background of their own (the ANON badge) keep their colours."""
    spans = []
    for span in content.spans:
        style = span.style
        if isinstance(style, Style) and style.background is None and style.foreground is not None:
            style = replace(style, foreground=None)
        spans.append(Span(span.start, span.end, style))
    return Content(content.plain, spans)


class PanelList(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    PanelList { height: 1fr; background: $surface; scrollbar-size-vertical: 1; }
    PanelList:focus { background-tint: $foreground 3%; }
    PanelList > .panel-list--highlight {
        color: $foreground; background: $block-cursor-blurred-background;
    }
    PanelList:focus > .panel-list--highlight {
        color: $block-cursor-foreground; background: $block-cursor-background; text-style: $block-cursor-text-style;
    }
    PanelList > .panel-list--hover { background: $block-hover-background; }
    PanelList > .panel-list--divider { color: $foreground 15%; }
    PanelList > .panel-list--inert { color: $text-disabled; }
    """
    COMPONENT_CLASSES = {"panel-list--highlight", "panel-list--hover", "panel-list--divider", "panel-list--inert"}
    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "select", "Select", show=False),
    ]
    STRIP_CACHE = 200  # rows kept cut into lines

    class Highlighted(Message):
        """The highlight moved to the row ``key`` (by the reader or the program)."""

        def __init__(self, panel_list: PanelList, key: str) -> None:
            super().__init__()
            self.panel_list, self.key = panel_list, key

    class Selected(Message):
        """Enter or a click on the row ``key``."""

        def __init__(self, panel_list: PanelList, key: str) -> None:
            super().__init__()
            self.panel_list, self.key = panel_list, key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Row] = []
        self._index: dict[str, int] = {}
        self._starts: list[int] = []  # first line of each row at ``_width``
        self._lines = 0
        self._width = 0
        self.highlighted: int | None = None
        self._hover: int | None = None  # the row under the mouse
        self._strips: OrderedDict[tuple[object, ...], list[Strip]] = OrderedDict()

    # -- rows ------------------------------------------------------------------
    def set_rows(self, rows: Iterable[Row | None]) -> None:
        self.rows, self._index, self.highlighted, self._hover = [], {}, None, None
        self._strips.clear()
        self._starts, self._lines = [], 0
        self.add_rows(rows)
        self.scroll_to(y=0, animate=False)

    def add_rows(self, rows: Iterable[Row | None]) -> None:
        first = len(self.rows)
        for row in rows:
            if row is None:
                if self.rows:
                    self.rows[-1].divider = True
                    self._drop_strips(len(self.rows) - 1)
                continue
            if row.key is not None:
                self._index[row.key] = len(self.rows)
            self.rows.append(row)
        if first and self._width:  # the row before the new ones may have gained its rule
            self._lines = self._starts[first - 1]
            del self._starts[first - 1 :]
            self._measure(first - 1)
        else:
            self._relayout()
        self.refresh()

    def replace_row(self, key: str, content: Content) -> None:
        """New content for one row; only its height is measured again."""
        index = self._index.get(key)
        if index is None:
            return
        row = self.rows[index]
        old = self._height(row)
        row.content = content
        self._drop_strips(index)
        change = self._height(row) - old
        if change and self._width:
            for i in range(index + 1, len(self._starts)):
                self._starts[i] += change
            self._lines += change
            self._update_size()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def keys(self) -> list[str | None]:
        return [row.key for row in self.rows]

    def index_of(self, key: str) -> int | None:
        return self._index.get(key)

    @property
    def highlighted_key(self) -> str | None:
        return None if self.highlighted is None else self.rows[self.highlighted].key

    def highlight(self, index: int | None) -> None:
        """Move the highlight to row ``index`` (a selectable one), show it, post Highlighted."""
        if index is None or not 0 <= index < len(self.rows) or self.rows[index].key is None:
            return
        previous, self.highlighted = self.highlighted, index
        for i in (previous, index):
            if i is not None:
                self._drop_strips(i)
        self._show_row(index)
        self.refresh()
        if previous != index:
            self.post_message(self.Highlighted(self, self.rows[index].key or ""))

    # -- layout ----------------------------------------------------------------
    @property
    def _text_width(self) -> int:
        return max(4, self.scrollable_content_region.width - 1)  # one column of right padding

    def _height(self, row: Row) -> int:
        width = self._text_width
        return sum(len(wrap_offsets(line, width)) for line in row.content.plain.split("\n")) + row.divider

    def _relayout(self) -> None:
        self._starts, self._lines = [], 0
        self._strips.clear()
        self._measure(0)

    def _measure(self, first: int) -> None:
        """Line offsets of rows ``first``… (those before it are measured already)."""
        width = self.scrollable_content_region.width
        self._width = width
        if not width:
            return
        lines = self._lines
        starts = self._starts
        for row in self.rows[first:]:
            starts.append(lines)
            lines += self._height(row)
        self._lines = lines
        self._update_size()

    def _update_size(self) -> None:
        self.virtual_size = Size(self._width, self._lines)

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self._relayout()
            if self.highlighted is not None:
                self._show_row(self.highlighted)

    def row_at(self, line: int) -> int | None:
        if not self._starts or line < 0 or line >= self._lines:
            return None
        return bisect_right(self._starts, line) - 1

    def _show_row(self, index: int) -> None:
        if not self._width or index >= len(self._starts):
            return
        top, height = self.scroll_offset.y, max(1, self.scrollable_content_region.height)
        start = self._starts[index]
        end = self._starts[index + 1] if index + 1 < len(self._starts) else self._lines
        if start < top:
            self.scroll_to(y=start, animate=False)
        elif end > top + height:
            self.scroll_to(y=min(start, end - height), animate=False)

    # -- drawing ---------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if width != self._width:
            self._relayout()
        line = self.scroll_offset.y + y
        index = self.row_at(line)
        if index is None:
            return Strip.blank(width, self.rich_style)
        strips = self._row_strips(index, width)
        offset = line - self._starts[index]
        return strips[offset] if offset < len(strips) else Strip.blank(width, self.rich_style)

    def _row_strips(self, index: int, width: int) -> list[Strip]:
        highlighted = index == self.highlighted
        hover = index == self._hover and not highlighted
        key = (index, width, highlighted, highlighted and self.has_focus, hover)
        strips = self._strips.get(key)
        if strips is not None:
            self._strips.move_to_end(key)
            return strips
        row = self.rows[index]
        content = row.content
        if highlighted:
            style = self.get_visual_style("panel-list--highlight")
            if self.has_focus:
                content = on_cursor(content)
        elif row.key is None:
            style = self.get_visual_style("panel-list--inert")
        elif hover:
            style = self.get_visual_style("panel-list--hover")
        else:
            style = self.visual_style
        fill = style.rich_style
        text_width = self._text_width
        strips = []
        for part in content.split("\n"):
            cuts = [start for start, _ in wrap_offsets(part.plain, text_width)[1:]]
            for piece in part.divide(cuts) if cuts else [part]:
                strip = Strip(list(piece.rstrip().render_segments(style)))
                strips.append(strip.crop_extend(0, width, fill))
        if row.divider:
            rule = self.get_visual_style("panel-list--divider").rich_style
            strips.append(Strip([Segment("─" * width, rule)], width))
        self._strips[key] = strips
        if len(self._strips) > self.STRIP_CACHE:
            self._strips.popitem(last=False)
        return strips

    def _drop_strips(self, index: int) -> None:
        for key in [k for k in self._strips if k[0] == index]:
            del self._strips[key]

    def notify_style_update(self) -> None:
        """Colours changed (a theme, focus within): drawn rows are stale."""
        self._strips.clear()
        super().notify_style_update()

    def _on_focus(self, event: events.Focus) -> None:
        if self.highlighted is not None:
            self._drop_strips(self.highlighted)

    def _on_blur(self, event: events.Blur) -> None:
        if self.highlighted is not None:
            self._drop_strips(self.highlighted)

    # -- keys and mouse ----------------------------------------------------------
    def _step(self, start: int, direction: int) -> int | None:
        i = start
        while 0 <= i < len(self.rows):
            if self.rows[i].key is not None:
                return i
            i += direction
        return None

    def action_cursor_down(self) -> None:
        current = self.highlighted
        self.highlight(self._step(0 if current is None else current + 1, 1))

    def action_cursor_up(self) -> None:
        current = self.highlighted
        self.highlight(self._step(0 if current is None else current - 1, -1))

    def action_first(self) -> None:
        self.highlight(self._step(0, 1))

    def action_last(self) -> None:
        self.highlight(self._step(len(self.rows) - 1, -1))

    def step(self, direction: int) -> None:
        """One row down (``direction`` > 0) or up: what a screen's j/k bindings call."""
        self.action_cursor_down() if direction > 0 else self.action_cursor_up()

    def to_edge(self, end: int) -> None:
        """The last row (``end`` true) or the first: what a screen's g/G bindings call."""
        self.action_last() if end else self.action_first()

    def _page(self, direction: int) -> None:
        if not self.rows:
            return
        current = self.highlighted if self.highlighted is not None else 0
        if current >= len(self._starts):
            return
        target_line = self._starts[current] + direction * max(1, self.scrollable_content_region.height - 1)
        target = self.row_at(max(0, min(target_line, self._lines - 1)))
        if target is None:
            return
        found = self._step(target, direction) if self.rows[target].key is None else target
        self.highlight(found if found is not None else self._step(target, -direction))

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_select(self) -> None:
        key = self.highlighted_key
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = self.row_at(self.scroll_offset.y + event.y)
        self._set_hover(index if index is not None and self.rows[index].key is not None else None)

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            for i in (self._hover, index):
                if i is not None:
                    self._drop_strips(i)
            self._hover = index
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(self.scroll_offset.y + event.y)
        if index is not None and self.rows[index].key is not None:
            self.highlight(index)
            self.post_message(self.Selected(self, self.rows[index].key or ""))


class ChoiceList(PanelList, inherit_bindings=False):
    """A PanelList whose enter is the screen's: a key binding with an id and a description
    (in the footer and the help), run in the order the keys came (a priority binding would
    act before a ``j`` typed just ahead of it was handled). A click still selects."""

    BINDINGS = [b for b in PanelList.BINDINGS if isinstance(b, Binding) and b.key != "enter"]
