"""Sources across the library (``S`` in the library), and what one of them said.

:class:`SourcesScreen` lists every source of the library index (``service/ledger.py``
merges a person's names and marks per-article and guessed sources), read in a thread
worker; ``/`` filters by name as you type (what follows ``/`` is text, however fast), ``t``
shows one kind at a time. Enter on a source opens :class:`SourceScreen`: its quotes,
article by article (newest first), each with the claims made in it and their review
status; enter on a quote or claim opens the article there, highlighted. Escape goes back
one step at a time: the filter, the sources, the library.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState

from ...lazy import lazy_import
from ...service import ledger
from .. import render
from ..bindings import bindings
from ..widgets.panel_list import ChoiceList, PanelList, Row
from .ledger_common import library_index, open_article

if TYPE_CHECKING:
    from ..app import NewsreaderApp
    from . import article as article_screen
else:
    article_screen = lazy_import("newsreader.ui.screens.article")  # built when an article is opened

LOADING = "Reading the library index…"


def fold(text: str) -> str:
    """Case and accents set aside, for matching names as typed ("zurich" finds "Zürich")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def notice_row(text: str) -> Row:
    return Row(None, render.plain(text, Style(italic=True)))


class SourcesScreen(Screen[None]):
    SCOPE = "sources"
    BINDINGS = bindings(SCOPE)

    DEFAULT_CSS = """
    SourcesScreen { layout: vertical; }
    SourcesScreen #src-header { height: auto; padding: 0 2; background: $panel; }
    SourcesScreen #src-title { text-style: bold; }
    SourcesScreen #src-count { color: $text-muted; }
    SourcesScreen #src-filter { margin: 0 1; height: 3; }
    SourcesScreen #src-columns { height: 1; padding: 0 1; background: $surface; }
    SourcesScreen #src-list { height: 1fr; margin-left: 1; }
    """

    class Loaded(Message):
        """The worker read the sources (or found no index: ``notice`` says why)."""

        def __init__(self, found: list[ledger.LedgerSource], notice: str) -> None:
            super().__init__()
            self.found, self.notice = found, notice

    def __init__(self) -> None:
        super().__init__()
        self.kind: str | None = None
        self._all: list[ledger.LedgerSource] = []
        self._folded: list[str] = []
        self._shown: list[int] = []  # indices into _all
        self._notice = LOADING
        self._width = 0

    @property
    def nr(self) -> NewsreaderApp:
        return cast("NewsreaderApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="src-header"):
            yield Static(render.plain("newsreader · sources across the library", Style(bold=True)), id="src-title")
            yield Static(id="src-count")
        yield Input(placeholder="/ to filter by name", id="src-filter", select_on_focus=False)
        yield Static(id="src-columns")
        yield ChoiceList(id="src-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show()
        self.query_one(PanelList).focus()
        self._load()

    @work(thread=True, exclusive=True, group="sources", exit_on_error=False)
    def _load(self) -> None:
        index, notice = library_index(self.nr.cache)
        found = ledger.sources(index) if index is not None else []
        self.post_message(self.Loaded(found, notice))

    def on_sources_screen_loaded(self, event: Loaded) -> None:
        self._all = event.found
        self._folded = [fold("\n".join((s.name, *s.names, s.description))) for s in event.found]
        self._notice = event.notice or ("No sources yet: the indexed articles quote nobody." if not event.found else "")
        self._show()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "sources" and event.state == WorkerState.ERROR:
            self._notice = f"The sources could not be read: {event.worker.error}"
            self._show()

    def refresh_theme(self) -> None:
        self._show()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_if_resized)

    def _show_if_resized(self) -> None:
        if self._row_width() != self._width:
            self._show()

    def _row_width(self) -> int:
        return max(40, (self.query_one(PanelList).scrollable_content_region.width or self.size.width - 2) - 2)

    # -- drawing ---------------------------------------------------------------------
    def _show(self) -> None:
        """The sources of the chosen kind whose names hold every word of the filter; the
        selected source stays selected when it is still listed."""
        lst = self.query_one(PanelList)
        before = lst.highlighted_key
        words = fold(self.query_one("#src-filter", Input).value).split()
        self._shown = [
            i
            for i, s in enumerate(self._all)
            if (self.kind is None or s.kind == self.kind) and all(w in self._folded[i] for w in words)
        ]
        self._width = width = self._row_width()
        self.query_one("#src-columns", Static).update(render.ledger_sources_header(width))
        pal = self.nr.palette()
        rows: list[Row | None] = [
            Row(
                str(i),
                render.ledger_source_row(
                    s.name,
                    s.kind,
                    s.articles,
                    s.quotes,
                    s.claims,
                    s.last_seen,
                    width,
                    pal,
                    scoped=s.scoped and not s.guess,
                    guess=s.guess,
                ),
            )
            for i in self._shown
            for s in (self._all[i],)
        ]
        if self._notice:
            rows = [notice_row(self._notice)]
        elif not rows:
            rows = [
                notice_row("No source of this kind has a name holding that." if words else "No source of this kind.")
            ]
        lst.set_rows(rows)
        index = lst.index_of(before) if before is not None else None
        lst.highlight(index if index is not None else 0)
        self._update_count(words)

    def _update_count(self, words: list[str]) -> None:
        total = len(self._all)
        label = f"{total:,} source{'s' if total != 1 else ''}"
        if self.kind is not None:
            label += f" · {self.kind} only (t)"
        else:
            label += " · every kind (t)"
        if words:
            label += f" · {len(self._shown):,} with {' '.join(words)!r} in a name"
        self.query_one("#src-count", Static).update(render.plain(label))

    # -- keys ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A "/" typed in the filter is text, not the filter key again."""
        if action == "filter" and self.focused is self.query_one("#src-filter", Input):
            return False
        return True

    def action_filter(self) -> None:
        # set_focus, not focus(): keys typed right after "/" must already reach the filter.
        self.set_focus(self.query_one("#src-filter", Input))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter chooses the selected source (back to the list when none is)."""
        if self.query_one(PanelList).highlighted_key is None:
            self.set_focus(self.query_one(PanelList))
        else:
            self.action_open()

    def action_kind(self) -> None:
        """The next kind present in the library, then every kind again."""
        kinds = [k for k in ledger.SOURCE_KINDS if any(s.kind == k for s in self._all)]
        cycle: list[str | None] = [None, *kinds]
        self.kind = cycle[(cycle.index(self.kind) + 1) % len(cycle)] if self.kind in cycle else None
        self._show()

    def action_cursor(self, step: int) -> None:
        self.query_one(PanelList).step(step)

    def action_edge(self, end: int) -> None:
        self.query_one(PanelList).to_edge(end)

    def action_open(self) -> None:
        key = self.query_one(PanelList).highlighted_key
        if key is not None:
            self.app.push_screen(SourceScreen(self._all[int(key)]))

    def on_panel_list_selected(self, event: PanelList.Selected) -> None:
        self.action_open()

    def action_back(self) -> None:
        """Escape: the filter first (cleared, closed), then back to the library."""
        box = self.query_one("#src-filter", Input)
        if box.value or self.focused is box:
            box.value = ""
            self.set_focus(self.query_one(PanelList))
            return
        self.app.pop_screen()


class SourceScreen(Screen[None]):
    """What one source said: its quotes, article by article, with the claims made in each."""

    SCOPE = "source"
    BINDINGS = bindings(SCOPE)

    DEFAULT_CSS = """
    SourceScreen { layout: vertical; }
    SourceScreen #one-header { height: auto; padding: 0 2; background: $panel; }
    SourceScreen #one-meta { color: $text-muted; }
    SourceScreen #one-list { height: 1fr; margin-left: 1; }
    /* The article headings are not selectable, but they are no less readable. */
    SourceScreen PanelList > .panel-list--inert { color: $foreground; }
    """

    class Loaded(Message):
        def __init__(self, record: list[ledger.Appearance], notice: str) -> None:
            super().__init__()
            self.record, self.notice = record, notice

    def __init__(self, source: ledger.LedgerSource) -> None:
        super().__init__()
        self.source = source
        self.record: list[ledger.Appearance] = []
        self._places: dict[str, tuple[str, int, int]] = {}  # row key -> (doc id, start, end)
        self._notice = LOADING

    @property
    def nr(self) -> NewsreaderApp:
        return cast("NewsreaderApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="one-header"):
            yield Static(id="one-title")
            yield Static(id="one-meta")
        yield ChoiceList(id="one-list")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_header()
        self._show()
        self.query_one(PanelList).focus()
        self._load()

    @work(thread=True, exclusive=True, group="source", exit_on_error=False)
    def _load(self) -> None:
        index, notice = library_index(self.nr.cache)
        record = ledger.source_record(index, self.nr.reviews, [self.source]) if index is not None else []
        self.post_message(self.Loaded(record, notice))

    def on_source_screen_loaded(self, event: Loaded) -> None:
        self.record = event.record
        self._notice = event.notice or ("Nothing this source said is in the index now." if not event.record else "")
        self._show()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "source" and event.state == WorkerState.ERROR:
            self._notice = f"What this source said could not be read: {event.worker.error}"
            self._show()

    def refresh_theme(self) -> None:
        self._show_header()
        self._show()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show)  # claims are cut to the width

    def _show_header(self) -> None:
        s = self.source
        pal = self.nr.palette()
        style = pal.fg("nr-anonymous", bold=True) if s.kind == "anonymous" else pal.fg("nr-named", bold=True)
        mark = " · guess" if s.guess else " · this article only" if s.scoped else ""
        title = render.plain(s.name, style)
        if mark:
            title = title + render.plain(mark, Style(dim=True, italic=True))
        self.query_one("#one-title", Static).update(title)
        parts = [s.kind, render_count(s.articles, "article"), render_count(s.quotes, "quote")]
        parts.append(render_count(s.claims, "claim"))
        parts.append(f"{s.first_seen} – {s.last_seen}" if s.first_seen != s.last_seen else s.last_seen)
        others = [n for n in s.names if n != s.name]
        if others:
            parts.append("also: " + ", ".join(others[:6]) + (" …" if len(others) > 6 else ""))
        self.query_one("#one-meta", Static).update(render.plain(" · ".join(parts)))

    def _show(self) -> None:
        """A heading per article (title, date), its quotes, each followed by the claims made
        in it; the claims outside every quote after them."""
        pal = self.nr.palette()
        rows: list[Row | None] = []
        self._places = {}
        for a_index, a in enumerate(self.record):
            if rows:
                rows.append(None)
            as_name = a.name if a.name != self.source.name else ""
            rows.append(Row(None, render.ledger_article_header(a.title, a.published, as_name)))
            placed: set[int] = set()
            for q_index, q in enumerate(a.quotes):
                key = f"{a_index}:q{q_index}"
                self._places[key] = (a.doc_id, q.start, q.end)
                rows.append(Row(key, render.ledger_quote(q.text, q.direct, q.mixed, pal)))
                for c_index, c in enumerate(a.claims):
                    if c_index not in placed and c.start < q.end and c.end > q.start:
                        placed.add(c_index)
                        rows.append(self._claim_row(a, a_index, c_index, pal))
            rows += [self._claim_row(a, a_index, i, pal) for i in range(len(a.claims)) if i not in placed]
        if self._notice:
            rows = [notice_row(self._notice)]
        lst = self.query_one(PanelList)
        before = lst.highlighted_key
        lst.set_rows(rows)
        index = lst.index_of(before) if before is not None else None
        lst.highlight(index) if index is not None else lst.action_first()

    def _claim_row(self, a: ledger.Appearance, a_index: int, c_index: int, pal: render.Palette) -> Row:
        """A claim on one line: it mostly repeats the quote above it, whose words are whole."""
        c = a.claims[c_index]
        key = f"{a_index}:c{c_index}"
        self._places[key] = (a.doc_id, c.start, c.end)
        room = max(30, (self.query_one(PanelList).scrollable_content_region.width or self.size.width) - 8)
        return Row(key, render.ledger_claim(c.text, c.status, pal, limit=room))

    # -- keys ------------------------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        self.query_one(PanelList).step(step)

    def action_edge(self, end: int) -> None:
        self.query_one(PanelList).to_edge(end)

    def action_open(self) -> None:
        key = self.query_one(PanelList).highlighted_key
        place = self._places.get(key) if key is not None else None
        if place is None:
            return
        doc_id, start, end = place
        open_article(self.app, self.nr.cache, doc_id, article_screen.Matches(((start, end),), first=start))

    def on_panel_list_selected(self, event: PanelList.Selected) -> None:
        self.action_open()

    def action_back(self) -> None:
        self.app.pop_screen()


def render_count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'s' if n != 1 else ''}"
