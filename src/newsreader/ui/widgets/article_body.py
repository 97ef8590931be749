"""The article body: a virtualised line view over the document text.

Paragraphs (one per line of ``text``; the newlines that only wrap a hard-wrapped paragraph
are shown as spaces, as the analysis reads them) are word-wrapped to offsets once per width;
only the visible lines are styled and painted, so a 50,000-word article paints as
fast as a screenful. The cursor is a visual line; the gutter shows it and a bar for
every line inside a claim, coloured by review status.

Painted lines are kept (:attr:`ArticleBody.STRIP_CACHE` of them), keyed by everything a
line's look depends on, so a selection or search change repaints only the lines it
touches; after each frame the page above and the page below are painted ahead in idle
time, so paging shows a cached page instead of styling one while the reader waits.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.color import Color
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.timer import Timer

from ...analysis.paragraphs import paragraphs as text_paragraphs
from ...model.article import set_off_start
from .. import render
from ..render import Mark, MarkIndex
from ..wrap import wrap_offsets

GUTTER = 3
MAX_MEASURE = 100


def _unwrapped(text: str) -> str:
    """Wire copy hard-wrapped at 72 columns reads as flowing paragraphs: each newline that
    only wraps a line (paragraphs.py decides, for every rule) becomes a space, one character
    for one, so every offset into the text stays valid."""
    soft = text_paragraphs(text).soft
    if not soft:
        return text
    chars = list(text)
    for at in soft:
        chars[at] = " "
    return "".join(chars)


def is_subheading(line: str) -> bool:
    """A short line without a final period (between paragraphs) is a subheading."""
    stripped = line.strip()
    return 0 < len(stripped) <= 80 and stripped[-1] not in '.!?"”’:;)' and len(stripped.split()) <= 12


@dataclass
class Layout:
    """Visual lines of the text at one width: absolute (start, end, paragraph index); -1 = spacer."""

    width: int
    starts: list[int]
    ends: list[int]
    paras: list[int]
    indents: list[int]  # blank cells before a visual line: a blockquote's lines hang under its words


class ArticleBody(ScrollView, can_focus=True, inherit_bindings=False):
    """The scrolling article text with highlight layers, selection, search and flash overlays."""

    DEFAULT_CSS = """
    ArticleBody {
        background: $surface;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
    }
    ArticleBody:focus { background-tint: $foreground 3%; }
    """

    class CursorMoved(Message):
        """The cursor moved to a line covering ``start``–``end`` of the text."""

        def __init__(self, start: int, end: int) -> None:
            super().__init__()
            self.start = start
            self.end = end

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = ""
        self.paragraphs: list[tuple[int, int, bool]] = []  # start, end, is heading
        self.layout_: Layout | None = None
        self.cursor = 0
        self._layers = MarkIndex([])
        self._overlays: list[Mark] = []
        self.selection: tuple[int, int] | None = None
        self.flash_span: tuple[int, int] | None = None
        self.search_hits: list[tuple[int, int]] = []
        self.search_index = -1
        self.claim_bars: list[tuple[int, int, Style]] = []
        self._bar_index = MarkIndex([])
        self._palette = render.palette()
        self._flash_timer: Timer | None = None
        self._strips: OrderedDict[tuple[object, ...], Strip] = OrderedDict()
        self._frame: tuple[int, RichStyle] | None = None  # (width, base style) while a frame renders
        self._ahead_scheduled = False

    STRIP_CACHE = 600

    @property
    def palette(self) -> render.Palette:
        return self._palette

    @palette.setter
    def palette(self, value: render.Palette) -> None:
        if value != self._palette:
            self._palette = value
            self._strips.clear()

    # -- content ---------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self.text = text = _unwrapped(render.safe_text(text))
        paragraphs = []
        pos = 0
        lines = text.split("\n")
        for i, line in enumerate(lines):
            heading = 0 < i < len(lines) - 1 and is_subheading(line)
            paragraphs.append((pos, pos + len(line), heading))
            pos += len(line) + 1
        self.paragraphs = paragraphs
        self.layout_ = None
        self.cursor = 0
        self._strips.clear()
        self._relayout()

    def set_layers(self, marks: list[Mark]) -> None:
        self._layers = MarkIndex(marks)
        self._strips.clear()
        self.refresh()

    def set_claim_bars(self, bars: list[tuple[int, int, Style]]) -> None:
        self.claim_bars = bars
        self._bar_index = MarkIndex([Mark(s, e, style, "claim") for s, e, style in bars])
        self._strips.clear()
        self.refresh()

    def layer_marks(self) -> list[Mark]:
        return list(self._layers.marks)

    def paragraph_content(self, index: int) -> Content:
        """The styled Content of one whole paragraph (what the lines are cut from)."""
        start, end, heading = self.paragraphs[index]
        return render.line_content(
            self.text,
            start,
            end,
            self._layers.overlapping(start, end),
            self._overlay_marks(start, end),
            render.heading_style() if heading else None,
        )

    # -- layout ----------------------------------------------------------------
    @property
    def measure(self) -> int:
        """The wrap width; 0 before the widget has a size. The scrollbar's column is always
        kept (``scrollbar-gutter: stable``), so the scrollbar showing up never re-wraps."""
        width = self.scrollable_content_region.width
        return max(10, min(MAX_MEASURE, width - GUTTER - 1)) if width > 0 else 0

    def _relayout(self) -> None:
        if not self.text and not self.paragraphs:
            return
        width = self.measure
        if not width:
            return  # no size yet: the first frame wraps the text (render_lines)
        if self.layout_ is not None and self.layout_.width == width:
            return
        keep = self.layout_.starts[self.cursor] if self.layout_ and self.layout_.starts else None
        starts: list[int] = []
        ends: list[int] = []
        paras: list[int] = []
        indents: list[int] = []
        for index, (start, end, _heading) in enumerate(self.paragraphs):
            line = self.text[start:end]
            if not line.strip():
                continue
            if starts:
                starts.append(start)
                ends.append(start)
                paras.append(-1)
                indents.append(0)
            body = set_off_start(self.text, start, end)
            hang = body - start if body is not None else 0
            for n, (s, e) in enumerate(wrap_offsets(line, width - hang)):
                starts.append(start + s)
                ends.append(start + e)
                paras.append(index)
                indents.append(hang if n else 0)
        self.layout_ = Layout(width, starts, ends, paras, indents)
        self.virtual_size = Size(width + GUTTER, len(starts))
        if keep is not None:
            self.cursor = self.line_of(keep)
        self.cursor = min(self.cursor, max(0, len(starts) - 1))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    @property
    def line_count(self) -> int:
        return len(self.layout_.starts) if self.layout_ else 0

    def line_of(self, offset: int) -> int:
        """The visual line holding text offset ``offset``."""
        if not self.layout_ or not self.layout_.starts:
            return 0
        line = bisect_right(self.layout_.starts, offset) - 1
        line = max(0, line)
        while line > 0 and self.layout_.paras[line] == -1:
            line -= 1
        return line

    def line_span(self, line: int) -> tuple[int, int]:
        if not self.layout_ or not self.layout_.starts:
            return (0, 0)
        line = max(0, min(line, self.line_count - 1))
        return self.layout_.starts[line], self.layout_.ends[line]

    # -- rendering -------------------------------------------------------------
    def _overlay_marks(self, start: int, end: int) -> list[Mark]:
        pal = self.palette
        marks: list[Mark] = []
        if self.selection is not None:
            marks.append(Mark(*self.selection, pal.bg("nr-claim"), "selection"))
        if self.search_hits:
            search = Style(background=pal["nr-search"], foreground=Color(0, 0, 0))
            current = Style(background=pal["nr-search"], foreground=Color(0, 0, 0), bold=True, underline=True)
            for i, s, e in self._hits_touching(start, end):
                marks.append(Mark(s, e, current if i == self.search_index else search, "search"))
        if self.flash_span is not None:
            marks.append(Mark(*self.flash_span, Style(reverse=True), "flash"))
        return marks

    def render_lines(self, crop: Region) -> list[Strip]:
        """One frame: width and base style are read once, not once per line.

        The wrap follows the size here, in the frame that first has it, rather than in
        ``on_resize`` (a message handled after that frame is drawn)."""
        self._relayout()
        self._frame = (self.scrollable_content_region.width, self.rich_style)
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None
            if not self._ahead_scheduled:
                self._ahead_scheduled = True
                getattr(self.app, "after_frame", self.call_after_refresh)(self._paint_ahead)

    def render_line(self, y: int) -> Strip:
        width, base = self._frame or (self.scrollable_content_region.width, self.rich_style)
        scroll_x, scroll_y = self.scroll_offset
        return self._line_strip(scroll_y + y, width, scroll_x, base)

    def _line_strip(self, index: int, width: int, scroll_x: int, base: RichStyle) -> Strip:
        if not self.layout_ or index >= self.line_count:
            return Strip.blank(width, base)
        start, end = self.layout_.starts[index], self.layout_.ends[index]
        cursor = index == self.cursor
        key = (
            index,
            start,
            end,
            width,
            scroll_x,
            base,
            cursor,
            cursor and self.has_focus,
            self._overlay_key(start, end),
        )
        strip = self._strips.get(key)
        if strip is not None:
            self._strips.move_to_end(key)
            return strip
        strip = self._paint_line(index, start, end, width, scroll_x, base)
        self._strips[key] = strip
        if len(self._strips) > self.STRIP_CACHE:
            self._strips.popitem(last=False)
        return strip

    def _paint_line(self, index: int, start: int, end: int, width: int, scroll_x: int, base: RichStyle) -> Strip:
        assert self.layout_ is not None
        para = self.layout_.paras[index]
        gutter = self._gutter(index, start, end)
        if para == -1:
            return Strip(gutter).extend_cell_length(width, base)
        heading = self.paragraphs[para][2]
        content = render.line_content(
            self.text,
            start,
            end,
            self._layers.overlapping(start, end),
            self._overlay_marks(start, end),
            render.heading_style() if heading else None,
        )
        if start == self.paragraphs[para][0]:
            body = set_off_start(self.text, start, end)
            if body is not None:  # the blockquote's mark, dimmed
                content = content.stylize(render.set_off_mark_style(), 0, body - start)
        indent = self.layout_.indents[index]
        segments = [
            *gutter,
            *([Segment(" " * indent, base)] if indent else []),
            *content.render_segments(self.visual_style),
        ]
        return Strip(segments).crop_extend(scroll_x, scroll_x + width, base)

    def _hits_touching(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """``(index, start, end)`` of the search hits overlapping ``[start, end)``."""
        hits = self.search_hits
        out = []
        for i in range(max(0, bisect_right(hits, (start, -1)) - 1), len(hits)):
            s, e = hits[i]
            if s >= end:
                break
            if e > start:
                out.append((i, s, e))
        return out

    def _overlay_key(self, start: int, end: int) -> tuple[object, ...]:
        """The overlays (selection, search hits, flash) that touch ``[start, end)``."""
        stop = max(end, start + 1)
        key: list[object] = []
        sel = self.selection
        if sel is not None and sel[0] < stop and sel[1] > start:
            key.append(("sel", *sel))
        for i, s, e in self._hits_touching(start, stop):
            key.append(("hit", s, e, i == self.search_index))
        flash = self.flash_span
        if flash is not None and flash[0] < stop and flash[1] > start:
            key.append(("flash", *flash))
        return tuple(key)

    def _paint_ahead(self) -> None:
        """Paint the page below and the page above into the cache (idle time, no refresh)."""
        self._ahead_scheduled = False
        if not self.layout_ or not self.is_attached or not self.size.height:
            return
        width, base = self.scrollable_content_region.width, self.rich_style
        scroll_x, top = self.scroll_offset
        height = self.size.height
        for index in (*range(top + height, min(top + 2 * height, self.line_count)), *range(max(0, top - height), top)):
            self._line_strip(index, width, scroll_x, base)

    def _gutter(self, line: int, start: int, end: int) -> list[Segment]:
        """Cursor marker, then a claim bar coloured by review status."""
        style = self.rich_style
        if line == self.cursor:
            accent = self.app.current_theme.accent or "yellow"
            marker = Segment("▶" if self.has_focus else "›", style + RichStyle(color=accent, bold=True))
        else:
            marker = Segment(" ", style)
        if self.layout_ and self.layout_.paras[line] != -1:
            for mark in self._bar_index.overlapping(start, max(end, start + 1)):
                return [marker, Segment("▎", style + mark.style.rich_style), Segment(" ", style)]
        return [marker, Segment("  ", style)]

    # -- cursor ------------------------------------------------------------------
    def move_cursor(self, line: int, *, center: bool = False, announce: bool = True) -> None:
        if not self.line_count:
            return
        line = max(0, min(line, self.line_count - 1))
        while 0 < line < self.line_count - 1 and self.layout_ and self.layout_.paras[line] == -1:
            line += 1 if line >= self.cursor else -1
        self.cursor = line
        top = self.scroll_offset.y
        height = max(1, self.scrollable_content_region.height)
        if center:
            self.scroll_to(y=max(0, line - height // 3), animate=False)
        elif line < top:
            self.scroll_to(y=line, animate=False)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False)
        self.refresh()
        if announce:
            self.post_message(self.CursorMoved(*self.line_span(line)))

    def cursor_offset(self) -> int:
        return self.line_span(self.cursor)[0]

    def set_selection(self, span: tuple[int, int] | None) -> None:
        if span != self.selection:
            self.selection = span
            self.refresh()

    def go_to(self, start: int, end: int, *, flash: bool = True, select: bool = True, announce: bool = False) -> None:
        """Move the cursor to a span, scroll it into view and flash it."""
        if select:
            self.selection = (start, end)
        self.move_cursor(self.line_of(start), center=True, announce=announce)
        if flash:
            self.flash(start, end)

    def flash(self, start: int, end: int, seconds: float = 0.6) -> None:
        self.flash_span = (start, end)
        if self._flash_timer is not None:
            self._flash_timer.stop()
        self._flash_timer = self.set_timer(seconds, self._end_flash)
        self.refresh()

    def _end_flash(self) -> None:
        self.flash_span = None
        self._flash_timer = None
        self.refresh()

    def set_search(self, hits: list[tuple[int, int]], index: int) -> None:
        self.search_hits = hits
        self.search_index = index
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        self.focus()
        self.move_cursor(self.scroll_offset.y + event.y)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
