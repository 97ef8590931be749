"""The article screen: header, highlighted body, side panel, movement and search; the
review keys are in ``article_review.py``.

The raw text paints at once. A cached document brings its highlights with it; a new
one is parsed in a thread worker (spaCy is imported there, never on the UI thread)
and the highlights appear when it posts back.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import widgets, work
from textual.app import ComposeResult
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.style import Style
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState

from ...lazy import lazy_import
from ...model import Document, RawArticle
from ...model.vocabulary import LAYERS
from ...service.documents import open_document
from ...service.review import ReviewSession, sentence_at
from .. import render
from ..bindings import bindings
from ..widgets.article_body import ArticleBody
from ..widgets.search_bar import SearchBar
from ..widgets.side_panel import SidePanel
from .article_review import ReviewActions
from .article_versions import VersionsLine

if TYPE_CHECKING:
    from . import library as library_screen
else:
    library_screen = lazy_import("newsreader.ui.screens.library")  # only when escape leaves the article

NARROW = 100

__all__ = ["ArticleScreen", "Matches", "sentence_at"]


@dataclass(frozen=True)
class Matches:
    """Places to highlight when an article opens (a search's matched words, a source's
    quote), as the in-article search shows its hits: ``n`` and ``N`` step through them.
    ``query`` (when given) is shown in the search bar; the first place shown is the first
    at or after ``first``."""

    spans: tuple[tuple[int, int], ...]
    query: str = ""
    first: int = 0


class ArticleScreen(VersionsLine, ReviewActions):
    SCOPE = "article"
    BINDINGS = bindings(SCOPE)

    DEFAULT_CSS = """
    ArticleScreen { layout: vertical; }
    #header { height: auto; padding: 0 1 0 2; background: $panel; }
    #title { text-style: bold; color: $text; }
    #meta-row { height: 1; }
    #meta { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; color: $text-muted; }
    #legend { width: auto; padding-left: 2; }
    #busy { width: 16; height: 1; display: none; }
    #busy.-on { display: block; }
    #busy Bar { width: 16; }
    #versions { height: 1; display: none; text-wrap: nowrap; text-overflow: ellipsis; }
    #versions.-on { display: block; }
    #main { height: 1fr; layout: horizontal; }
    #main ArticleBody { width: 1fr; height: 1fr; }
    #main SidePanel { height: 1fr; border-left: tall $panel-lighten-1; }
    ArticleScreen.-narrow #main { layout: vertical; }
    ArticleScreen.-narrow #main SidePanel { width: 100%; height: 45%; border-left: none; border-top: tall $panel-lighten-1; }
    ArticleScreen.-narrow SidePanel Tabs { height: 1; }
    ArticleScreen.-narrow SidePanel #dates { layout: horizontal; }
    ArticleScreen.-narrow SidePanel #dates-list { width: 1fr; }
    ArticleScreen.-narrow SidePanel Timeline { width: 36; padding: 0 1; }
    ArticleScreen.-left #main SidePanel { dock: left; border-left: none; border-right: tall $panel-lighten-1; }
    ArticleScreen.-no-panel #main SidePanel { display: none; }
    /* Notices never cover the claim being reviewed: over the article, away from the panel. */
    ArticleScreen ToastRack { align: left bottom; }
    ArticleScreen ToastHolder { align-horizontal: left; }
    ArticleScreen.-left ToastRack { align: right bottom; }
    ArticleScreen.-left ToastHolder { align-horizontal: right; }
    ArticleScreen.-narrow ToastRack { dock: top; align: right top; }
    ArticleScreen.-narrow ToastHolder { align-horizontal: right; }
    """

    def __init__(self, article: RawArticle, doc: Document | None = None, matches: Matches | None = None) -> None:
        super().__init__()
        self.article = article
        self.doc: Document | None = doc
        self.matches = matches
        self.session: ReviewSession | None = None
        self.shown_layers: set[str] = set()
        self._search_query = ""
        self._hits: list[tuple[int, int]] = []
        self._hit = -1
        self._cursor_pending: tuple[int, int] | None = None
        self._live_stop: threading.Event | None = None  # ends the worker that listens for others' reviews
        self.listening = threading.Event()  # set once that worker listens (tests wait for it)

    # -- composition ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="header"):
            yield Static(render.title_content(self.article.title or "Untitled"), id="title")
            with Horizontal(id="meta-row"):
                yield Static(id="meta")
                yield Static(id="legend")
            yield Static(id="versions")
        with Container(id="main"):
            yield ArticleBody(id="body")
            yield SidePanel(id="panel")
        yield SearchBar(id="search")
        # The footer (one widget per key) is mounted right after the first paint.

    async def _mount_footer(self) -> None:
        if not self.is_attached or self.query(Footer):
            return  # closed before its first frame
        await self.mount(Footer(compact=True, show_command_palette=False))
        self.refresh_bindings()  # a footer fills itself on the next bindings update

    def on_mount(self) -> None:
        config = self.nr.config
        self.shown_layers = {name for name, on in config.layers.items() if on}
        self.set_class(config.panel_position == "left", "-left")
        # The terminal's size is known now: place the panel before the first layout, so the
        # first frame is not laid out (and the body wrapped) twice.
        self._place_panel(self.app.size.width)
        body = self.query_one(ArticleBody)
        body.palette = self.nr.palette()
        body.set_text(self.article.text)
        self._update_meta()
        self._update_legend()
        body.focus()
        self.nr.after_first_paint(self._mount_footer)
        if self.matches is not None:
            # Once the body has its width: the lines it scrolls to are known only then.
            self.call_after_refresh(self.show_matches, self.matches)
        if self.doc is None:
            self.doc = self.nr.cached(self.article)
        if self.doc is not None:
            self.apply_document(self.doc)
        else:
            self._update_meta(render.plain("analysing…", Style(italic=True)))
            # After the raw text is on screen: the worker's spaCy import would otherwise
            # compete with the first frame for the GIL.
            self.nr.after_first_paint(self._start_parse)

    def _start_parse(self) -> None:
        if self.is_attached and self.doc is None:
            self._set_busy(True)
            self.parse(self.article)

    def refresh_theme(self) -> None:
        """Colours come from the theme: redraw every styled piece after a theme change."""
        self._refresh_marks()
        self._update_legend()
        if self.doc is not None:
            self.query_one(SidePanel).show_document(self.doc, self.claims, self.nr.palette())
            self._refresh_reviews()

    def on_resize(self) -> None:
        self._place_panel(self.size.width)

    def _place_panel(self, width: int) -> None:
        """Beside the body (``panel_width`` columns, at most half) or below it when narrow."""
        narrow = width < NARROW or self.nr.config.panel_position == "bottom"
        self.set_class(narrow, "-narrow")
        panel = self.query_one(SidePanel)
        panel.styles.width = "100%" if narrow else min(self.nr.config.panel_width, width // 2)

    # -- analysis -----------------------------------------------------------------
    @work(thread=True, exclusive=True, group="parse", exit_on_error=False)
    def parse(self, article: RawArticle) -> Document:
        cache = self.nr.cache
        seen = len(cache.notices) if cache is not None else 0
        doc = open_document(article, cache, self.nr.config.model)  # spaCy loads in here, off the UI thread
        self.app.call_from_thread(self.apply_document, doc)
        for line in cache.notices[seen:] if cache is not None else []:  # e.g. a full disk: shown, not kept
            self.app.call_from_thread(self.notify, line, title="Cache", severity="warning", timeout=8, markup=False)
        return doc

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "parse":
            return
        if event.state == WorkerState.ERROR:
            self._set_busy(False)
            error = event.worker.error
            self.notify(f"Analysis failed: {error}", title="newsreader", severity="error", timeout=8, markup=False)
            self._update_meta(render.plain("analysis failed", Style(bold=True)))
        elif event.state == WorkerState.CANCELLED:
            self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        bars = self.query("#busy")
        if busy and not bars:  # mounted only when something is parsed: a cached open never pays for it
            self.query_one("#meta-row").mount(
                # textual.widgets imports the bar's module on first use: a cached open never does.
                widgets.ProgressBar(total=None, show_eta=False, show_percentage=False, id="busy", classes="-on"),
                before="#legend",
            )
        for bar in bars:
            bar.set_class(busy, "-on")

    def apply_document(self, doc: Document) -> None:
        self.doc = doc
        self._set_busy(False)
        self._load_reviews()
        self._refresh_marks()
        self._update_meta()
        # The body paints first; the panel lists (which can be long) fill right after.
        self.call_after_refresh(self._fill_panel)
        self.look_up_versions()  # after the analysis: it may parse another version

    def _fill_panel(self) -> None:
        if self.doc is None:
            return
        self.query_one(SidePanel).show_document(self.doc, self.claims, self.nr.palette())
        self._refresh_reviews()

    def _load_reviews(self) -> None:
        if self.doc is None:
            return
        self.session = ReviewSession(self.nr.reviews, self.doc, organisation=self.nr.config.organisation)
        if self.session.problem:
            self.notify(
                f"Reviews can't be read now ({self.session.problem}); the article stays readable.",
                title="Reviews",
                severity="warning",
                timeout=8,
                markup=False,
            )
        store = self.nr.reviews
        if store is not None and store.live and self._live_stop is None:
            self._live_stop = threading.Event()
            self.nr.live_stops.append(self._live_stop)
            self.watch_reviews(self.session, self._live_stop)

    @work(thread=True, exclusive=True, group="live", exit_on_error=False)
    def watch_reviews(self, session: ReviewSession, stop: threading.Event) -> None:
        """Other reviewers' changes, as the server announces them (LISTEN/NOTIFY), read here
        off the UI thread and shown at once: no polling."""
        store = session.store
        if store is None:
            return

        def changed(doc_id: str, reviewer: str) -> None:
            if doc_id not in (session.doc.id, "") or stop.is_set():  # "": after the server was away
                return
            try:
                state = session.fetch()
            except Exception:  # noqa: BLE001 - the server went away again: the next notice will do
                return
            self.app.call_from_thread(self._remote_change, session, state, reviewer)

        store.watch(changed, stop, self.listening)

    def _remote_change(self, session: ReviewSession, state: Any, reviewer: str) -> None:
        if session is not self.session or not self.is_attached:
            return
        session.apply(state)
        self._refresh_reviews()

    def on_unmount(self) -> None:
        if self._live_stop is not None:
            self._live_stop.set()

    # -- drawing ------------------------------------------------------------------
    def _update_meta(self, status: Content | None = None) -> None:
        words = len(self.article.text.split())
        source = render.short_source(self.article.source)
        self.query_one("#meta", Static).update(render.meta_content(self.article.published, source, words, status))

    def _update_legend(self) -> None:
        self.query_one("#legend", Static).update(render.legend_content(self.shown_layers, self.nr.palette()))

    def _refresh_marks(self) -> None:
        body = self.query_one(ArticleBody)
        body.palette = self.nr.palette()
        if self.doc is not None:
            body.set_layers(
                render.layer_marks(self.doc, [name for name in LAYERS if name in self.shown_layers], body.palette)
            )

    # -- panel <-> body -------------------------------------------------------------
    def on_side_panel_chosen(self, event: SidePanel.Chosen) -> None:
        body = self.query_one(ArticleBody)
        body.go_to(event.start, event.end, flash=True)
        if event.jump:
            body.focus()

    def on_side_panel_ready(self, _event: SidePanel.Ready) -> None:
        """The tabs exist now: show the current claim's span as the selection, as a fill does."""
        claim = self.current_claim()
        if claim is not None and self.query_one(SidePanel).active_tab == "claims":
            self.query_one(ArticleBody).set_selection((claim.start, claim.end))

    def on_article_body_cursor_moved(self, event: ArticleBody.CursorMoved) -> None:
        """The panel follows the cursor just after the next frame: the article's new lines
        reach the screen first, and a burst of moves costs one panel update."""
        first = self._cursor_pending is None
        self._cursor_pending = (event.start, event.end)
        if first:
            self.nr.after_frame(self._follow_cursor)

    def _follow_cursor(self) -> None:
        if self._cursor_pending is None or not self.is_attached:
            return
        start, end = self._cursor_pending
        self._cursor_pending = None
        panel = self.query_one(SidePanel)
        claim = self.session.overlapping(start, end) if self.session is not None else None
        if claim is not None and claim.id != panel.current_claim_id():
            panel.select_claim(claim.id)
            if panel.active_tab == "claims":
                self.query_one(ArticleBody).set_selection((claim.start, claim.end))
        tab = panel.active_tab
        if tab in ("dates", "entities", "sources") and self.doc is not None:
            lst = panel.active_list()
            if lst is None:
                return
            for key, spans in panel.spans.items():
                if (
                    key.split(":")[0]
                    in {"dates": ("date",), "entities": ("entity",), "sources": ("quote", "sclaim")}[tab]
                ):
                    if any(s < max(end, start + 1) and e > start for s, e in spans):
                        panel.highlight(tab, key)
                        break

    # -- actions: movement ------------------------------------------------------------
    def _panel_focused(self) -> bool:
        focused = self.focused
        return (
            focused is not None
            and focused is not self.query_one(ArticleBody)
            and self.query_one(SidePanel) in focused.ancestors
        )

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def _move(self, step: int) -> None:
        if self._panel_focused():
            lst = self.query_one(SidePanel).active_list()
            if lst is not None:
                lst.step(step)
        else:
            body = self.query_one(ArticleBody)
            body.move_cursor(body.cursor + step)

    def action_half_page(self, direction: int) -> None:
        body = self.query_one(ArticleBody)
        half = max(1, body.scrollable_content_region.height // 2)
        body.scroll_to(y=body.scroll_offset.y + direction * half, animate=False)
        body.move_cursor(body.cursor + direction * half)

    def action_page(self, direction: int) -> None:
        if self._panel_focused():
            lst = self.query_one(SidePanel).active_list()
            if lst is not None:
                lst.action_page_down() if direction > 0 else lst.action_page_up()
            return
        body = self.query_one(ArticleBody)
        page = max(1, body.scrollable_content_region.height - 1)
        body.scroll_to(y=body.scroll_offset.y + direction * page, animate=False)
        body.move_cursor(body.cursor + direction * page)

    def action_edge(self, end: int) -> None:
        if self._panel_focused():
            lst = self.query_one(SidePanel).active_list()
            if lst is not None:
                lst.to_edge(end)
            return
        body = self.query_one(ArticleBody)
        body.move_cursor(body.line_count - 1 if end else 0)

    def action_switch_pane(self) -> None:
        if self._panel_focused() or self.has_class("-no-panel"):
            self.query_one(ArticleBody).focus()
        else:
            lst = self.query_one(SidePanel).active_list()
            if lst is not None:
                lst.focus()

    def action_next_tab(self) -> None:
        panel = self.query_one(SidePanel)
        was_focused = self._panel_focused()
        panel.next_tab()
        lst = panel.active_list()
        if was_focused and lst is not None:
            lst.focus()

    def action_toggle_panel(self) -> None:
        self.toggle_class("-no-panel")
        if self.has_class("-no-panel"):
            self.query_one(ArticleBody).focus()

    def action_jump(self) -> None:
        body = self.query_one(ArticleBody)
        if body.selection is not None:
            body.go_to(*body.selection, flash=True)
        body.focus()

    def action_toggle_layer(self, layer: str) -> None:
        self.shown_layers ^= {layer}
        self._refresh_marks()
        self._update_legend()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A "/" typed in the search field is text, not the search key again."""
        if action == "search" and self.query_one(SearchBar).typing:
            return False
        return True

    def action_back(self) -> None:
        """Escape closes the topmost thing: the search, then the panel's focus, then the
        article (back to the library, which is opened if the article was opened directly)."""
        if self._hits or self.query_one(SearchBar).is_open:
            self._clear_search()
            return
        if self._panel_focused():
            self.query_one(ArticleBody).focus()
            return
        if len(self.app.screen_stack) > 1:  # opened from the library
            self.app.pop_screen()
        else:  # opened directly: the library comes up (escape stops there)
            self.app.push_screen(library_screen.LibraryScreen())

    # -- search -------------------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one(SearchBar).open()

    def on_search_bar_changed(self, event: SearchBar.Changed) -> None:
        self._search(event.query)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self._search(event.query)
        self.query_one(ArticleBody).focus()

    def on_search_bar_closed(self) -> None:
        self.query_one(ArticleBody).focus()
        if not self._search_query:
            self.query_one(SearchBar).close()

    def _search(self, query: str) -> None:
        self._search_query = query
        body = self.query_one(ArticleBody)
        if not query.strip():
            self._hits, self._hit = [], -1
        else:
            self._hits = [m.span() for m in re.finditer(re.escape(query), self.article.text, re.IGNORECASE)]
            here = body.cursor_offset()
            self._hit = next((i for i, (s, _e) in enumerate(self._hits) if s >= here), 0) if self._hits else -1
        self._show_hit()

    def _show_hit(self) -> None:
        body = self.query_one(ArticleBody)
        body.set_search(self._hits, self._hit)
        self.query_one(SearchBar).show_count(self._search_query, self._hit, len(self._hits))
        if self._hit >= 0:
            s, e = self._hits[self._hit]
            body.move_cursor(body.line_of(s), center=True)

    def show_matches(self, matches: Matches) -> None:
        """Highlight these places with the search's highlighting and scroll to the first
        (at or after ``matches.first``); ``n``/``N`` step, escape clears them."""
        text_len = len(self.article.text)
        hits = sorted({(s, e) for s, e in matches.spans if 0 <= s < e <= text_len})
        if not hits:
            return
        self._search_query = matches.query
        self._hits = hits
        self._hit = next((i for i, (s, _e) in enumerate(hits) if s >= matches.first), 0)
        if matches.query:
            self.query_one(SearchBar).show_query(matches.query)
        self._show_hit()
        s, e = hits[self._hit]
        self.query_one(ArticleBody).flash(s, e)

    def action_search_step(self, step: int) -> None:
        if not self._hits:
            if self._search_query:
                self.notify(f"No matches for {self._search_query!r}", severity="warning", markup=False)
            return
        self._hit = (self._hit + step) % len(self._hits)
        if not self.query_one(SearchBar).is_open:
            self.query_one(SearchBar).add_class("-open")
        self._show_hit()

    def _clear_search(self) -> None:
        self._search_query, self._hits, self._hit = "", [], -1
        bar = self.query_one(SearchBar)
        bar.close()
        self.query_one(ArticleBody).set_search([], -1)
        self.query_one(ArticleBody).focus()

    def reviews_carried(self, summary: str) -> None:
        """An earlier version's reviews were carried into this one (by the versions worker)."""
        self.notify(summary, timeout=8)
        if self.session is not None:
            self.session.reload()
            self._refresh_reviews()
