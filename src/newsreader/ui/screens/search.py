"""Search the whole library (``F`` or ctrl+f in the library): results as you type.

What is typed is the query (FTS5 syntax through ``service/ledger.search``, the last word
a prefix). Each change restarts a short timer (:attr:`SearchScreen.DEBOUNCE`); when it
runs out the query goes to an exclusive thread worker, and its results come back as a
message carrying the number of the query they answer: results of an older query never
replace those of a newer one. A query the index can't read (a stray ``"``) is one quiet
line instead of results. ctrl+t searches only what sources said. Enter opens the
selected article from the cache with every matched word highlighted, at the first one;
``n`` and ``N`` step through them there, as after ``/`` in the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.timer import Timer
from textual.widgets import Footer, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

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

HINT = 'Type to search titles, text, quotes and source names: words, "a phrase", OR, NOT, prefix*.'


class SearchScreen(Screen[None]):
    SCOPE = "search"
    BINDINGS = bindings(SCOPE)
    DEBOUNCE = 0.2  # seconds without typing before the query runs
    LIMIT = 50

    DEFAULT_CSS = """
    SearchScreen { layout: vertical; }
    SearchScreen #find-header { height: auto; padding: 0 2; background: $panel; }
    SearchScreen #find-title { text-style: bold; }
    SearchScreen #find-query { margin: 0 1; height: 3; }
    SearchScreen #find-status { height: 1; padding: 0 2; color: $text-muted; }
    SearchScreen #find-results { height: 1fr; margin-left: 1; }
    """

    class Results(Message):
        """What query number ``generation`` found (or why it found nothing)."""

        def __init__(
            self,
            generation: int,
            query: str,
            quotes: bool,
            hits: list[ledger.Hit],
            *,
            error: str = "",
            notice: str = "",
        ) -> None:
            super().__init__()
            self.generation, self.query, self.quotes, self.hits = generation, query, quotes, hits
            self.error, self.notice = error, notice

    def __init__(self) -> None:
        super().__init__()
        self.quotes = False  # only what sources said
        self.generation = 0  # the number of the latest query sent; results of older ones are dropped
        self.hits: list[ledger.Hit] = []
        self.results_query = ""  # the query the shown results answer
        self._timer: Timer | None = None
        self._status: Content = render.plain("")

    @property
    def nr(self) -> NewsreaderApp:
        return cast("NewsreaderApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="find-header"):
            yield Static(render.plain("newsreader · search the library", Style(bold=True)), id="find-title")
        yield Input(placeholder="search every article", id="find-query", select_on_focus=False)
        yield Static(id="find-status")
        yield ChoiceList(id="find-results")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#find-query", Input))
        self._run()  # an empty query: only says whether there is an index to search

    # -- querying --------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        """Each change restarts the timer: the query runs once typing pauses."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(self.DEBOUNCE, self._run)

    def _run(self) -> None:
        self._timer = None
        self.generation += 1
        self._search(self.generation, self.query_one("#find-query", Input).value, self.quotes)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, generation: int, query: str, quotes: bool) -> None:
        index, notice = library_index(self.nr.cache)
        hits: list[ledger.Hit] = []
        error = ""
        if index is not None and query.strip():
            try:
                hits = ledger.search(index, query, prefix=True, quotes=quotes, limit=self.LIMIT)
            except ledger.QueryError as exc:
                error = str(exc)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Results(generation, query, quotes, hits, error=error, notice=notice))

    def on_search_screen_results(self, event: Results) -> None:
        if event.generation != self.generation:
            return  # a newer query was sent since: its results are the ones to show
        lst = self.query_one(PanelList)
        if event.notice or event.error or not event.query.strip():
            # A bad query keeps nothing of the last results: they answered another query.
            self.hits, self.results_query = [], event.query
            lst.set_rows([])
            if event.notice:
                self._set_status(render.plain(event.notice, Style(italic=True)))
            elif event.error:
                self._set_status(render.plain(f"Can't search for that: {event.error}", Style(italic=True)))
            else:
                self._set_status(render.plain(HINT, Style(dim=True)))
            return
        self.hits, self.results_query = event.hits, event.query
        self._show()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        if event.worker.group == "search":
            self._set_status(render.plain(f"The search failed: {event.worker.error}", Style(italic=True)))
        elif event.worker.group == "open":
            self.notify(f"The article could not be opened: {event.worker.error}", severity="error", markup=False)

    def _show(self) -> None:
        pal = self.nr.palette()
        rows: list[Row | None] = []
        for i, hit in enumerate(self.hits):
            text, spans = ledger.plain_snippet(hit.snippet)
            speaker = hit.speaker if hit.quote_id is not None else None
            rows += [Row(str(i), render.search_hit(hit.title, hit.published, text, spans, pal, speaker=speaker)), None]
        lst = self.query_one(PanelList)
        lst.set_rows(rows)
        lst.action_first()
        what = "quote" if self.quotes else "article"
        n = len(self.hits)
        if n:
            more = " (the best)" if n >= self.LIMIT else ""
            label = f"{n}{more} {what}{'s' if n != 1 else ''} match {self.results_query.strip()!r} · enter opens"
        else:
            label = f"No {what} matches {self.results_query.strip()!r}"
        self._set_status(render.plain(label))

    def _set_status(self, line: Content) -> None:
        self._status = line
        scope = "quotes only" if self.quotes else "everything"
        mode = render.plain(f"  · searching {scope} (ctrl+t)", Style(dim=True))
        self.query_one("#find-status", Static).update(line + mode)

    def refresh_theme(self) -> None:
        if self.hits:
            self._show()

    # -- keys ------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A "/" typed in the query is text, not the key that goes back to it."""
        if action == "edit" and self.focused is self.query_one("#find-query", Input):
            return False
        return True

    def action_edit(self) -> None:
        self.set_focus(self.query_one("#find-query", Input))

    def action_quotes(self) -> None:
        """Only what sources said, or everything again: the query runs again at once."""
        self.quotes = not self.quotes
        if self._timer is not None:
            self._timer.stop()
        self._set_status(self._status)
        self._run()

    def action_cursor(self, step: int) -> None:
        self.query_one(PanelList).step(step)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_open()

    def on_panel_list_selected(self, event: PanelList.Selected) -> None:
        self.action_open()

    def action_open(self) -> None:
        key = self.query_one(PanelList).highlighted_key
        if key is None or int(key) >= len(self.hits):
            return
        self._open(self.hits[int(key)], self.results_query)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False)
    def _open(self, hit: ledger.Hit, query: str) -> None:
        """Where the query matches in the article (the index's words, stems and prefixes
        included), then the article from the cache, on the UI thread."""
        index, _notice = library_index(self.nr.cache)
        spans = ledger.match_spans(index, hit.doc_id, query, prefix=True) if index is not None else []
        if not spans and hit.start is not None and hit.end is not None:
            spans = [(hit.start, hit.end)]  # a quote found by its speaker's name: the quote itself
        first = hit.start if hit.start is not None else 0
        matches = article_screen.Matches(tuple(spans), query=query.strip(), first=first)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(open_article, self.app, self.nr.cache, hit.doc_id, matches)

    def action_back(self) -> None:
        self.app.pop_screen()
