"""The library: cached documents, most recently opened first; ``/`` filters.

In the list every letter is a command; ``/`` moves to the filter at once (not on the next
turn of the event loop), so whatever is typed after it, however fast, is filter text.

``enter`` opens a document straight from the cache (no spaCy), ``d`` removes it
after asking, and an empty library offers the bundled sample article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Button, Footer, Input, Static

from ...config import ConfigError, save_setting
from ...lazy import lazy_import
from ...model import RawArticle
from ...model.vocabulary import LIBRARY_ORDER_LABELS, LIBRARY_ORDERS
from ...service.documents import sample_path
from ...service.inputs import read_input
from ...service.library import sort_library
from .. import render
from ..bindings import bindings
from ..widgets.library_list import LibraryList
from .confirm import ConfirmScreen

if TYPE_CHECKING:
    from ..app import NewsreaderApp
    from . import article as article_screen
else:
    article_screen = lazy_import("newsreader.ui.screens.article")  # built when a document is opened


class LibraryScreen(Screen[None]):
    SCOPE = "library"
    BINDINGS = bindings(SCOPE)

    DEFAULT_CSS = """
    LibraryScreen { layout: vertical; }
    #lib-header { height: auto; padding: 0 2; background: $panel; }
    #lib-title { text-style: bold; }
    #lib-count { color: $text-muted; }
    #filter { margin: 0 1; height: 3; }
    #columns { height: 1; padding: 0 1; background: $surface; }
    #empty { height: 1fr; align: center middle; display: none; }
    #empty-text { width: 64; max-width: 100%; text-align: center; margin-bottom: 1; }
    #empty Center { height: auto; }
    LibraryScreen.-empty #empty { display: block; }
    LibraryScreen.-empty LibraryList, LibraryScreen.-empty #columns, LibraryScreen.-empty #filter { display: none; }
    """

    @property
    def nr(self) -> NewsreaderApp:
        return cast("NewsreaderApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="lib-header"):
            yield Static(render.plain("newsreader · library", Style(bold=True)), id="lib-title")
            yield Static(id="lib-count")
        yield Input(placeholder="/ to filter by title, source or date", id="filter", select_on_focus=False)
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

    FIRST_ROWS = 120  # more than a tall terminal shows; the rest load after the first frame

    def on_mount(self) -> None:
        self.reload(limit=self.FIRST_ROWS)
        self.nr.after_first_paint(self._load_all)

    def _load_all(self) -> None:
        if self.is_attached and self._partial:
            self.reload()

    _resumed = False

    def on_screen_resume(self) -> None:
        """Back from an article (reviews or the cache may have changed): reload. The first
        resume comes with the mount, which already loaded."""
        if self._resumed:
            self.reload()
        self._resumed = True

    def on_resize(self) -> None:
        self.call_after_refresh(self._update_columns)

    def _update_columns(self) -> None:
        width = self.query_one(LibraryList).scrollable_content_region.width or self.size.width - 1
        self.query_one("#columns", Static).update(render.library_header(max(20, width - 2)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With nothing in the library, only the sample, help and quit make sense. A "/"
        typed in the filter is text, not the filter key again."""
        if self.has_class("-empty") and action in ("delete", "filter", "sort", "cursor", "cursor_page", "cursor_edge"):
            return False
        if action == "filter" and self.focused is self.query_one("#filter", Input):
            return False
        return True

    _partial = False

    def reload(self, limit: int | None = None) -> None:
        """Rows from the cache: the newest ``limit`` of them, or (by default) all."""
        docs = self.query_one(LibraryList)
        rows = self.nr.cache.list_documents(limit) if self.nr.cache is not None else []
        self._partial = limit is not None and len(rows) >= limit
        reviewed = self.nr.reviews.reviewed_counts() if self.nr.reviews is not None else {}
        docs.set_rows(sort_library(rows, self.order, reviewed), reviewed)
        self.set_class(not rows, "-empty")
        self.refresh_bindings()
        self._update_count()
        if rows:
            docs.focus()
        else:
            self.query_one("#open-sample", Button).focus()

    def _update_count(self) -> None:
        docs = self.query_one(LibraryList)
        total, shown = len(docs.rows), len(docs.shown)
        label = f"{total}{'+' if self._partial else ''} article{'s' if total != 1 else ''}"
        if docs.query_text:
            label = f"{shown} of {label} match {docs.query_text!r}"
        label += f" · sorted by {LIBRARY_ORDER_LABELS[self.order]} (s)"
        self.query_one("#lib-count", Static).update(render.plain(label))

    # -- order ------------------------------------------------------------------------
    @property
    def order(self) -> str:
        return self._order or self.nr.config.library_sort

    _order: str | None = None

    def action_sort(self) -> None:
        """Next order (newest first, title, source, claims left to review), remembered in config.toml."""
        self._order = LIBRARY_ORDERS[(LIBRARY_ORDERS.index(self.order) + 1) % len(LIBRARY_ORDERS)]
        self.reload()
        try:
            save_setting("library_sort", self._order, self.nr.config.path)
        except (ConfigError, OSError) as exc:
            self.notify(f"Sort order not saved: {exc}", severity="warning", markup=False)

    # -- filter ----------------------------------------------------------------------
    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one(LibraryList).apply_filter(event.value)
        self._update_count()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(LibraryList).focus()

    def on_library_list_activated(self, event: LibraryList.Activated) -> None:
        self.action_open()

    def action_filter(self) -> None:
        # set_focus, not focus(): focus() takes effect on the next turn of the event loop,
        # and keys typed right after "/" would still reach the list (and run commands).
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

    # -- actions --------------------------------------------------------------------------
    def action_open(self) -> None:
        if self.has_class("-empty"):
            self.action_open_sample()
            return
        summary = self.query_one(LibraryList).current
        if summary is None or self.nr.cache is None:
            return
        found = self.nr.cache.latest(summary.id)
        if found is None:
            self.notify("That document could not be read from the cache.", severity="error", markup=False)
            self.reload()
            return
        doc, _pipeline = found
        article = RawArticle(title=doc.title, published=doc.published, text=doc.text, source=doc.source)
        self.app.push_screen(article_screen.ArticleScreen(article, doc=doc))

    def action_open_sample(self) -> None:
        self.app.push_screen(article_screen.ArticleScreen(read_input(str(sample_path()))))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "open-sample":
            self.action_open_sample()

    def action_delete(self) -> None:
        summary = self.query_one(LibraryList).current
        if summary is None or self.nr.cache is None:
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
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        if not self.has_class("-empty"):
            self.set_focus(self.query_one(LibraryList))
