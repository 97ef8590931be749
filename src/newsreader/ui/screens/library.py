"""The library: the articles you opened and, once there are feeds, their entries; ``/`` filters.

In the list every letter is a command; ``/`` moves to the filter at once (not on the next
turn of the event loop), so whatever is typed after it, however fast, is filter text.

``enter`` opens a document straight from the cache (no spaCy), ``d`` removes it
after asking, and an empty library offers the bundled sample article.

With feeds (``newsreader feeds add``) a column on the left picks what is listed: All,
one feed, or the articles from no feed (``[`` and ``]``, or a click). Unread entries
are marked; ``m`` toggles one, ``A`` marks a feed read, opening one marks it read (kept
in the feed list). ``r`` refreshes every feed in a thread worker: the header counts the
feeds done, entries appear as they arrive, and a failing feed is a notice (the first
few, then one summary). Which rows, in which order, and every count come from
:mod:`newsreader.service.library`; this screen reads the stores and draws.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Button, Footer, Input, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...config import ConfigError, save_setting
from ...lazy import lazy_import
from ...model import RawArticle
from ...model.vocabulary import LIBRARY_ORDER_LABELS, LIBRARY_ORDERS
from ...service import library as lib
from ...service.documents import sample_path
from ...service.inputs import read_input
from ...store import with_metadata
from .. import render
from ..bindings import bindings
from ..widgets.feed_column import FeedColumn
from ..widgets.library_list import LibraryList
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from ...ingest import fetch as fetching
    from ...service import feeds as feed_service
    from ...store.feeds import Entry, Feed, FeedStore
    from ..app import NewsreaderApp
    from . import article as article_screen
    from . import search as search_screen
    from . import sources as sources_screen
else:
    article_screen = lazy_import("newsreader.ui.screens.article")  # built when a document is opened
    sources_screen = lazy_import("newsreader.ui.screens.sources")  # S: who said what, across the library
    search_screen = lazy_import("newsreader.ui.screens.search")  # F: search the library
    # The HTTP client and the feed parser: only when `r` refreshes or a lost entry is re-parsed.
    feed_service = lazy_import("newsreader.service.feeds")
    fetching = lazy_import("newsreader.ingest.fetch")

FEED_ACTIONS = ("refresh", "toggle_read", "all_read", "feed")


class RefreshStopped(Exception):
    """The app is closing: the refresh stops at its next step instead of running on."""


class LibraryScreen(Screen[None]):
    SCOPE = "library"
    BINDINGS = bindings(SCOPE)

    DEFAULT_CSS = """
    LibraryScreen { layout: vertical; }
    #lib-header { height: auto; padding: 0 2; background: $panel; }
    #lib-title { text-style: bold; }
    #lib-count { color: $text-muted; }
    #filter { margin: 0 1; height: 3; }
    #lib-main { width: 100%; height: 1fr; }
    #lib-list { width: 1fr; height: 1fr; }
    #columns { height: 1; padding: 0 1; background: $surface; }
    #feeds { display: none; }
    LibraryScreen.-feeds #feeds { display: block; }
    #empty { height: 1fr; align: center middle; display: none; }
    #empty-text { width: 64; max-width: 100%; text-align: center; margin-bottom: 1; }
    #empty Center { height: auto; }
    LibraryScreen.-empty #empty { display: block; }
    LibraryScreen.-empty #lib-main, LibraryScreen.-empty #filter { display: none; }
    """

    FIRST_ROWS = 120  # more than a tall terminal shows; the rest load after the first frame
    SHOW_EVERY = 0.25  # seconds: arrivals during a refresh are drawn together, at most this often
    refresh_timeout: float | None = None  # seconds per request for `r` (None: the refresh's default)

    def __init__(self) -> None:
        super().__init__()
        self.view: lib.View = lib.ALL
        self.progress: lib.RefreshProgress | None = None  # while `r` runs
        self._rows: list[lib.LibraryRow] = []  # every row; the list shows the view's, sorted
        self._feeds: list[Feed] = []
        self._items: list[lib.ColumnItem] = []
        self._reviewed: dict[str, int] = {}
        self._feeds_stale = False  # a feed finished refreshing: its name and counts may have changed
        self._arrived_feeds: set[int] = set()  # feeds done with new entries, not listed yet
        self._show_pending = False

    @property
    def nr(self) -> NewsreaderApp:
        return cast("NewsreaderApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="lib-header"):
            yield Static(render.plain("newsreader · library", Style(bold=True)), id="lib-title")
            yield Static(id="lib-count")
        yield Input(placeholder="/ to filter by title, source or date", id="filter", select_on_focus=False)
        with Horizontal(id="lib-main"):
            yield FeedColumn(id="feeds")
            with Vertical(id="lib-list"):
                yield Static(id="columns")
                yield LibraryList(id="docs")
        with Vertical(id="empty"):
            with Center():
                yield Static(
                    render.plain(
                        "Your library is empty. Articles you open are kept here, parsed, "
                        "so they open instantly next time.\n\nStart with the bundled sample article "
                        "(press o), or quit and run: newsreader open ARTICLE.txt"
                    ),
                    id="empty-text",
                )
            with Center():
                yield Button(render.plain("Open the sample article"), id="open-sample", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.reload(limit=self.FIRST_ROWS)
        self.nr.after_first_paint(self._load_all)

    def _load_all(self) -> None:
        if self.is_attached and self._partial:
            self.reload()

    _resumed = False

    def on_screen_resume(self) -> None:
        """Back from an article (reviews, the cache or read states may have changed): reload.
        The first resume comes with the mount, which already loaded."""
        if self._resumed:
            self.reload()
        self._resumed = True

    def on_resize(self) -> None:
        self.call_after_refresh(self._update_columns)

    def _update_columns(self) -> None:
        width = self.query_one(LibraryList).scrollable_content_region.width or self.size.width - 1
        self.query_one("#columns", Static).update(render.library_header(max(20, width - 2), marks=bool(self._feeds)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With nothing in the library, only the sample, help and quit make sense; the feed
        keys only once there are feeds. A "/" typed in the filter is text, not the filter key."""
        if self.has_class("-empty") and action in ("delete", "filter", "sort", "cursor", "cursor_page", "cursor_edge"):
            return False
        if action in FEED_ACTIONS and not self._feeds:
            return False
        if action == "filter" and self.focused is self.query_one("#filter", Input):
            return False
        return True

    _partial = False

    def reload(self, limit: int | None = None) -> None:
        """Rows from the cache (the newest ``limit`` documents, or by default all) and, when
        there are feeds, every entry of the feed list."""
        docs = self.nr.cache.list_documents(limit) if self.nr.cache is not None else []
        self._partial = limit is not None and len(docs) >= limit
        self._reviewed = self.nr.reviews.reviewed_counts() if self.nr.reviews is not None else {}
        store = self.nr.feed_store()
        self._feeds = store.feeds() if store is not None else []
        entries = store.entry_heads() if store is not None and self._feeds else []
        self._rows = lib.library_rows(docs, entries, self._feeds)
        self._feeds_stale = False
        self._arrived_feeds.clear()
        had_marks = self.has_class("-feeds")
        self.set_class(bool(self._feeds), "-feeds")
        self._show()
        if had_marks != bool(self._feeds):
            self.call_after_refresh(self._update_columns)
        empty = not self._rows and not self._feeds
        self.set_class(empty, "-empty")
        self.refresh_bindings()
        if empty:
            self.query_one("#open-sample", Button).focus()
        elif not (self._filtering and self.query_one("#filter", Input).has_focus):
            self.query_one(LibraryList).focus()  # (not while "/" is being typed into the filter)

    def _show(self, *, top: bool = False) -> None:
        """Draw the current view from the rows in memory: the column, the list, the counts."""
        self._items = lib.feed_column(self._feeds, self._rows) if self._feeds else []
        if self.view != lib.ALL and self.view not in [item.view for item in self._items]:
            self.view, top = lib.ALL, True  # its feed was removed
        docs = self.query_one(LibraryList)
        rows = lib.sort_library(lib.in_view(self._rows, self.view), self.order, self._reviewed)
        docs.placeholder = self._placeholder()
        docs.set_rows(rows, self._reviewed, marks=bool(self._feeds))
        if top:
            docs.to_top()
        if self._feeds:
            self.query_one(FeedColumn).set_items(self._items, self.view)
        self._update_count()

    def _placeholder(self) -> str:
        if not self._feeds:
            return ""
        if self.progress is not None:
            return "Nothing here yet: the feeds are refreshing…"
        if isinstance(self.view, int):
            feed = next((f for f in self._feeds if f.id == self.view), None)
            if feed is not None and feed.error:
                return f"Nothing here: the last refresh failed ({feed.error}). Press r to try again."
        if self.view == lib.ALL or isinstance(self.view, int):
            return "Nothing here yet: press r to fetch the feeds' articles."
        return ""

    def _update_count(self) -> None:
        docs = self.query_one(LibraryList)
        total, shown = len(docs.rows), len(docs.shown)
        label = f"{total:,}{'+' if self._partial else ''} article{'s' if total != 1 else ''}"
        if docs.query_text:
            label = f"{shown:,} of {label} match {docs.query_text!r}"
        if self._feeds:
            if self.view != lib.OTHER:
                label += f", {sum(1 for r in docs.rows if r.read is False):,} unread"
            label = f"{lib.view_name(self._items, self.view)} · {label}"
        label += f" · sorted by {LIBRARY_ORDER_LABELS[self.order]} (s)"
        if self.progress is not None:
            label += f" · {self.progress.label}"
        self.query_one("#lib-count", Static).update(render.plain(label))

    # -- order ------------------------------------------------------------------------
    @property
    def order(self) -> str:
        return self._order or self.nr.config.library_sort

    _order: str | None = None

    def action_sort(self) -> None:
        """Next order (newest first, title, source, claims left to review), remembered in config.toml."""
        self._order = LIBRARY_ORDERS[(LIBRARY_ORDERS.index(self.order) + 1) % len(LIBRARY_ORDERS)]
        self._show()
        try:
            save_setting("library_sort", self._order, self.nr.config.path)
        except (ConfigError, OSError) as exc:
            self.notify(f"Sort order not saved: {exc}", severity="warning", markup=False)

    # -- filter ----------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(LibraryList).apply_filter(event.value)
        self._update_count()

    _filtering = False  # "/" was pressed: the filter has the keys until enter or escape

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._filtering = False
        self.query_one(LibraryList).focus()

    def on_library_list_activated(self, event: LibraryList.Activated) -> None:
        self.action_open()

    def action_filter(self) -> None:
        # set_focus, not focus(): focus() takes effect on the next turn of the event loop,
        # and keys typed right after "/" would still reach the list (and run commands).
        self._filtering = True
        self.set_focus(self.query_one("#filter", Input))

    # -- movement ---------------------------------------------------------------------
    def _list(self) -> LibraryList:
        docs = self.query_one(LibraryList)
        if not docs.has_focus:
            docs.focus()
        return docs

    def action_cursor(self, step: int) -> None:
        docs = self._list()
        docs.move(docs.cursor + step)

    def action_cursor_page(self, step: int) -> None:
        docs = self._list()
        docs.move(docs.cursor + step * max(1, docs.scrollable_content_region.height - 1))

    def action_cursor_edge(self, end: int) -> None:
        docs = self._list()
        docs.move(len(docs.shown) - 1 if end else 0)

    # -- feeds: views and read state --------------------------------------------------------
    def action_feed(self, step: int) -> None:
        """The next (or previous) view in the feed column: All, each feed, other articles."""
        self._choose(lib.step_view(self._items, self.view, step))

    def on_feed_column_chosen(self, event: FeedColumn.Chosen) -> None:
        self._choose(event.view)
        self._list()

    def _choose(self, view: lib.View) -> None:
        if view != self.view:
            self.view = view
            self._show(top=True)

    def action_toggle_read(self) -> None:
        row = self.query_one(LibraryList).current
        if row is None:
            return
        if row.entry_id is None:
            self.notify("Only a feed's articles are read or unread.", markup=False)
            return
        self._set_read([row.entry_id], not row.read)

    def action_all_read(self) -> None:
        """Every unread article shown (the feed's, or in All every feed's, as filtered) read;
        All asks first."""
        docs = self.query_one(LibraryList)
        ids = lib.unread_entries(docs.shown_rows)
        if not ids:
            self.notify("Nothing unread here.", markup=False)
            return

        def mark() -> None:
            if self._set_read(ids, True):
                self.notify(f"Marked {lib.plural(len(ids), 'article')} read.", markup=False)

        if self.view != lib.ALL:
            mark()
            return

        def answer(yes: bool | None) -> None:
            if yes:
                mark()

        where = "shown" if docs.query_text else "of every feed"
        self.app.push_screen(
            ConfirmScreen(f"Mark all {lib.plural(len(ids), 'unread article')} {where} read?", yes="Mark read"), answer
        )

    def _set_read(self, entry_ids: list[int], read: bool) -> bool:
        """Store the read state (it survives a restart), then show it; False when it can't be saved."""
        store = self.nr.feed_store()
        if store is None:
            return False
        try:
            store.set_read(entry_ids, read)
        except sqlite3.Error as exc:
            self.notify(f"Read state not saved: {exc}", title="Feeds", severity="error", markup=False)
            return False
        self._rows = lib.with_read(self._rows, entry_ids, read)
        self._show()
        return True

    # -- feeds: refresh -------------------------------------------------------------------
    def action_refresh(self) -> None:
        """Every feed, in a thread worker; a second `r` meanwhile only says how far it is."""
        if self.progress is not None:
            self.notify(
                f"Already refreshing: {self.progress.done:,} of {lib.plural(self.progress.total, 'feed')} done.",
                title="Refresh",
                markup=False,
            )
            return
        store = self.nr.feed_store()
        feeds = store.feeds() if store is not None else []
        if store is None or not feeds:
            self.notify("No feeds to refresh: newsreader feeds add URL", title="Refresh", markup=False)
            return
        self.progress = lib.RefreshProgress(len(feeds))
        self._show()
        self._refresh_feeds(store, feeds)

    @work(thread=True, exclusive=True, group="refresh", exit_on_error=False)
    def _refresh_feeds(self, store: FeedStore, feeds: list[Feed]) -> feed_service.RefreshReport | None:
        """The refresh runs in a daemon thread this worker waits on: when the app closes, the
        worker ends at once, the refresh stops at its next step, and a request still waiting on
        a silent server does not hold the app (see ``NewsreaderApp.finish_background``)."""
        worker = get_current_worker()
        app, config = self.app, self.nr.config
        ended: list[feed_service.RefreshReport | BaseException | None] = []

        def deliver(callback: Callable[..., None], *args: object) -> None:
            """Hand to the UI thread and wait for it; stop the refresh when the app is closing."""
            if worker.is_cancelled or not app.is_running:
                raise RefreshStopped
            app.call_from_thread(callback, *args)

        def run() -> None:
            try:
                ended.append(
                    feed_service.refresh(
                        store,
                        self.nr.cache,
                        only=feeds,
                        timeout=self.refresh_timeout or fetching.DEFAULT_TIMEOUT,
                        max_bytes=config.max_bytes,
                        model=config.model,
                        cache_dir=config.cache_dir,
                        notify=lambda line: deliver(self._refresh_notice, line),
                        on_feed=lambda o: deliver(self._feed_refreshed, o.feed.id, o.feed.name, o.status, o.new),
                        on_entry=lambda entry, doc: deliver(self._entry_arrived, entry, len(doc.claims)),
                    )
                )
            except RefreshStopped:
                ended.append(None)
            except BaseException as exc:  # noqa: BLE001 - handed to the worker, which reports it
                ended.append(exc)

        thread = threading.Thread(target=run, name="newsreader-refresh", daemon=True)
        self.nr.background[:] = [*(t for t in self.nr.background if t.is_alive()), thread]
        thread.start()
        while thread.is_alive() and not worker.is_cancelled:
            thread.join(0.1)
        if worker.is_cancelled or not ended:
            return None
        if isinstance(ended[0], BaseException):
            raise ended[0]
        return ended[0]

    def _refresh_notice(self, line: str) -> None:
        if self.progress is not None and self.progress.notice(line):
            self.notify(render.safe_text(line), title="Refresh", severity="warning", timeout=8, markup=False)

    def _feed_refreshed(self, feed_id: int, name: str, status: str, new: int) -> None:
        """A feed is done: its new entries are stored (they are listed now, their claim counts
        come when they are parsed) and its name may be its own now."""
        if self.progress is not None:
            self.progress.feed_done(name, status)
        if new:
            self._arrived_feeds.add(feed_id)
        self._feeds_stale = True
        self._schedule_show()

    def _entry_arrived(self, entry: Entry, claims: int) -> None:
        if self.progress is not None:
            self.progress.entry_arrived()
        name = next((f.name for f in self._feeds if f.id == entry.feed_id), entry.link or "?")
        self._rows = lib.add_entry(self._rows, lib.entry_row(entry, name, claims))
        self._schedule_show()

    def _schedule_show(self) -> None:
        """Arrivals are drawn together, a moment later: a burst of them costs one redraw."""
        if not self._show_pending:
            self._show_pending = True
            self.set_timer(self.SHOW_EVERY, self._flush)

    def _flush(self) -> None:
        self._show_pending = False
        if not self.is_attached:
            return
        store = self.nr.feed_store()
        if self._feeds_stale and store is not None:
            self._feeds = store.feeds()
            for feed_id in sorted(self._arrived_feeds):
                self._rows = lib.merge_entries(self._rows, store.entry_heads(feed_id), self._feeds)
            self._rows = lib.with_feed_names(self._rows, self._feeds)
            self._arrived_feeds.clear()
            self._feeds_stale = False
        self._show()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "refresh" or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
            WorkerState.CANCELLED,
        ):
            return
        progress, self.progress = self.progress, None
        self._flush()
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(f"Refresh failed: {error}", title="Refresh", severity="error", timeout=10, markup=False)
        elif event.state == WorkerState.SUCCESS and event.worker.result is not None and progress is not None:
            self.notify(
                progress.summary(),
                title="Refresh",
                severity="warning" if progress.failed else "information",
                timeout=10,
                markup=False,
            )

    # -- actions --------------------------------------------------------------------------
    def action_open(self) -> None:
        if self.has_class("-empty"):
            self.action_open_sample()
            return
        summary = self.query_one(LibraryList).current
        if summary is None:
            return
        if summary.entry_id is not None:
            self._open_entry(summary.entry_id)
            return
        if self.nr.cache is None:
            return
        found = self.nr.cache.latest(summary.id)
        if found is None:
            self.notify("That document could not be read from the cache.", severity="error", markup=False)
            self.reload()
            return
        doc, _pipeline = found
        article = RawArticle(title=doc.title, published=doc.published, text=doc.text, source=doc.source)
        self.app.push_screen(article_screen.ArticleScreen(article, doc=doc))

    def _open_entry(self, entry_id: int) -> None:
        """An entry opens with its highlights from the cache; when the cache lost its document,
        its text is parsed again (in the article's worker, as any new article). It is read now."""
        store = self.nr.feed_store()
        entry = store.entry(entry_id) if store is not None else None
        if entry is None:
            self.notify("That article is no longer in the feed list.", severity="warning", markup=False)
            self.reload()
            return
        if not entry.read:
            self._set_read([entry.id], True)
        found = self.nr.cache.latest(entry.doc_id) if self.nr.cache is not None else None
        if found is None:
            self.app.push_screen(article_screen.ArticleScreen(feed_service.entry_article(entry)))
            return
        doc = with_metadata(found[0], title=entry.title, source=entry.link or found[0].source)
        article = RawArticle(
            title=doc.title, published=doc.published, text=doc.text, source=doc.source, author=entry.author
        )
        self.app.push_screen(article_screen.ArticleScreen(article, doc=doc))

    def action_sources(self) -> None:
        """Every source across the library (read from the library index in a worker)."""
        self.app.push_screen(sources_screen.SourcesScreen())

    def action_search(self) -> None:
        """Search every article; results as you type."""
        self.app.push_screen(search_screen.SearchScreen())

    def action_open_sample(self) -> None:
        self.app.push_screen(article_screen.ArticleScreen(read_input(str(sample_path()))))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "open-sample":
            self.action_open_sample()

    def action_delete(self) -> None:
        summary = self.query_one(LibraryList).current
        if summary is None or self.nr.cache is None:
            return
        if summary.entry_id is not None:
            self.notify(
                "A feed's articles stay while you follow the feed: m marks this one read "
                "(newsreader feeds remove FEED unsubscribes).",
                markup=False,
            )
            return

        def answer(yes: bool | None) -> None:
            if yes and self.nr.cache is not None:
                self.nr.cache.delete(summary.id)
                self.reload()
                self.notify(f"Removed {render.clip(summary.title, 50)} (its reviews are kept)", markup=False)

        self.app.push_screen(
            ConfirmScreen(f"Remove “{render.clip(summary.title, 80)}” from the library?", yes="Remove"), answer
        )

    def action_clear_filter(self) -> None:
        """Escape: clear the filter (if any) and return to the list; never quits."""
        self._filtering = False
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        if not self.has_class("-empty"):
            self.set_focus(self.query_one(LibraryList))
