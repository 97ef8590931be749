"""What changed between two versions of an article (``V`` in the article).

:class:`VersionDiffScreen` compares two kept versions (``service/versions.compare``) in a
thread worker, the line "comparing versions…" showing meanwhile: parsing a version that
is not in the cache takes a moment. The text pane shows one version's whole text, the
paragraphs that changed bright and the rest dimmed: in the new version the words it added
are green, in the old one the words it lost are red and struck through (spans from the
text diff's word runs, never markup). The list beside it is the structural diff: the
headline, numbers revised, quotes added, removed or reworded, sources named, dates moved.
Moving through the list moves the text to the change; ``o`` shows the other version's
text; enter opens the version shown at the change, highlighted, as search and sources
open an article; escape goes back to the article.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.style import Style
from textual.widgets import Footer, Static
from textual.worker import Worker, WorkerState, get_current_worker

from ...lazy import lazy_import
from ...model import Document, RawArticle
from ...service import versions as version_service
from .. import render
from ..bindings import bindings
from ..widgets.article_body import ArticleBody
from ..widgets.panel_list import ChoiceList, PanelList, Row
from .ledger_common import open_article

if TYPE_CHECKING:
    from ..app import NewsreaderApp
    from . import article as article_screen
else:
    article_screen = lazy_import("newsreader.ui.screens.article")  # built when a version is opened

LOADING = "comparing versions…"
NARROW = 100


class VersionDiffScreen(Screen[None]):
    SCOPE = "diff"
    BINDINGS = bindings(SCOPE)

    DEFAULT_CSS = """
    VersionDiffScreen { layout: vertical; }
    VersionDiffScreen #diff-header { height: auto; padding: 0 1 0 2; background: $panel; }
    VersionDiffScreen #diff-status { color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis; }
    VersionDiffScreen #diff-main { height: 1fr; layout: horizontal; }
    VersionDiffScreen #diff-text { width: 1fr; height: 1fr; }
    VersionDiffScreen #diff-changes { width: 46; height: 1fr; border-left: tall $panel-lighten-1; }
    VersionDiffScreen.-narrow #diff-main { layout: vertical; }
    VersionDiffScreen.-narrow #diff-changes {
        width: 100%; height: 40%; border-left: none; border-top: tall $panel-lighten-1;
    }
    """

    class Loaded(Message):
        """The worker compared the versions (or says why it could not)."""

        def __init__(self, compared: version_service.VersionDiff | None, notice: str = "") -> None:
            super().__init__()
            self.compared, self.notice = compared, notice

    def __init__(self, identity: str, old_n: int, new_n: int, title: str = "") -> None:
        super().__init__()
        self.identity, self.old_n, self.new_n, self.title_text = identity, old_n, new_n, title
        self.compared: version_service.VersionDiff | None = None
        self.places: list[version_service.ChangePlace] = []
        self.side = "new"  # whose text the pane shows
        self._notice = LOADING

    @property
    def nr(self) -> NewsreaderApp:
        return cast("NewsreaderApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-header"):
            heading = f"What changed · version {self.old_n} → {self.new_n}"
            yield Static(
                render.plain(f"{heading} · {self.title_text}" if self.title_text else heading, Style(bold=True))
            )
            yield Static(id="diff-status")
        with Container(id="diff-main"):
            yield ArticleBody(id="diff-text")
            yield ChoiceList(id="diff-changes")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < NARROW, "-narrow")
        self._show_status()
        self.query_one(ChoiceList).set_rows([Row(None, render.plain(LOADING, Style(italic=True)))])
        self.query_one(ChoiceList).focus()
        self._load()

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    # -- loading ------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="diff", exit_on_error=False)
    def _load(self) -> None:
        store, notices = version_service.open_versions()
        if store is None:
            self.post_message(self.Loaded(None, notices[0] if notices else "The article versions are unavailable."))
            return
        with store:
            try:
                compared = version_service.compare(store, self.nr.cache, self.identity, self.old_n, self.new_n)
            except (LookupError, KeyError) as exc:
                self.post_message(self.Loaded(None, f"These versions can't be compared: {exc}"))
                return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(compared))

    def on_version_diff_screen_loaded(self, event: Loaded) -> None:
        self.compared = event.compared
        self._notice = event.notice
        if event.compared is not None:
            self.places = version_service.change_places(event.compared)
            if not self.places:
                self._notice = (
                    "Only words changed (no quote, number, source or date): the changed paragraphs are bright."
                )
        self._show_text()
        self._show_changes()
        self._show_status()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "diff" and event.state == WorkerState.ERROR:
            self._notice = f"The versions could not be compared: {event.worker.error}"
            self._show_changes()
            self._show_status()

    def refresh_theme(self) -> None:
        if self.compared is not None:
            self._show_text(keep=True)
            self._show_changes()

    # -- drawing --------------------------------------------------------------------------
    def doc_of(self, side: str) -> Document | None:
        if self.compared is None:
            return None
        return self.compared.new_doc if side == "new" else self.compared.old_doc

    def _show_text(self, *, keep: bool = False) -> None:
        """The shown version's text with its changes marked; the selected change in view."""
        doc = self.doc_of(self.side)
        if doc is None or self.compared is None:
            return
        body = self.query_one(ArticleBody)
        body.palette = self.nr.palette()
        if not keep:
            body.set_text(doc.text)
        new = self.side == "new"
        changed, words = [], []
        for edit in self.compared.text:
            start, end = (edit.new_start, edit.new_end) if new else (edit.old_start, edit.old_end)
            if start < 0:
                continue  # a paragraph the other version alone has
            changed.append((start, end))
            if edit.op != "changed":
                words.append((start, end))  # a whole paragraph added (or removed)
            for w in edit.words:
                if w.op != "equal":
                    words.append((w.new_start, w.new_end) if new else (w.old_start, w.old_end))
        body.set_layers(render.version_marks(len(doc.text), changed, words, self.side, body.palette))
        if not keep:
            self.call_after_refresh(self._go_to_change)

    def _show_changes(self) -> None:
        lst = self.query_one(PanelList)
        pal = self.nr.palette()
        if self._notice and not self.places:
            lst.set_rows([Row(None, render.plain(self._notice, Style(italic=True)))])
            return
        before = lst.highlighted
        rows: list[Row | None] = []
        for i, p in enumerate(self.places):
            rows += [Row(str(i), render.change_row(p.kind, p.what, p.old_text, p.new_text, p.detail, pal)), None]
        lst.set_rows(rows)
        lst.highlight(before) if before is not None else lst.action_first()

    def _show_status(self) -> None:
        line = self.query_one("#diff-status", Static)
        c = self.compared
        if c is None:
            line.update(render.plain(self._notice or LOADING, Style(italic=True)))
            return
        shown, other = (c.new, c.old) if self.side == "new" else (c.old, c.new)
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(shown.fetched))
        text = f"showing version {shown.n}, fetched {when} · "
        place = self.current()
        if place is not None and self._span(place, self.side) is None:
            text += f"this change is only in version {other.n}: o shows it"
        else:
            text += f"o shows version {other.n}"
        line.update(render.plain(f"{text} · {version_service.brief(c.changes)}"))

    # -- the selected change -----------------------------------------------------------------
    def current(self) -> version_service.ChangePlace | None:
        key = self.query_one(PanelList).highlighted_key
        return self.places[int(key)] if key is not None and int(key) < len(self.places) else None

    @staticmethod
    def _span(place: version_service.ChangePlace, side: str) -> tuple[int, int] | None:
        return place.new_span if side == "new" else place.old_span

    def _go_to_change(self) -> None:
        place = self.current()
        span = self._span(place, self.side) if place is not None else None
        body = self.query_one(ArticleBody)
        if span is not None:
            body.go_to(*span, flash=True)
        else:
            body.set_selection(None)

    def on_panel_list_highlighted(self, event: PanelList.Highlighted) -> None:
        self._go_to_change()
        self._show_status()

    def on_panel_list_selected(self, event: PanelList.Selected) -> None:
        self.action_open()

    # -- keys -------------------------------------------------------------------------------
    def action_cursor(self, step: int) -> None:
        self.query_one(PanelList).step(step)

    def action_edge(self, end: int) -> None:
        self.query_one(PanelList).to_edge(end)

    def action_page(self, direction: int) -> None:
        body = self.query_one(ArticleBody)
        page = max(1, body.scrollable_content_region.height - 1)
        body.scroll_to(y=body.scroll_offset.y + direction * page, animate=False)
        body.move_cursor(body.cursor + direction * page, announce=False)

    def action_toggle_version(self) -> None:
        if self.compared is None:
            return
        self.side = "old" if self.side == "new" else "new"
        self._show_text()
        self._show_status()

    def action_open(self) -> None:
        """The version shown, opened at the selected change (in the other version when the
        change is only there; at the top for the headline)."""
        if self.compared is None:
            return
        place = self.current()
        side = self.side
        if place is not None and self._span(place, side) is None and self._span(place, self._other(side)):
            side = self._other(side)
        doc = self.doc_of(side)
        assert doc is not None
        span = self._span(place, side) if place is not None else None
        matches = article_screen.Matches((span,), first=span[0]) if span is not None else None
        cache = self.nr.cache
        if cache is not None:
            open_article(self.app, cache, doc.id, matches)
        else:  # no document cache: the version compared is at hand all the same
            article = RawArticle(title=doc.title, published=doc.published, text=doc.text, source=doc.source)
            self.app.push_screen(article_screen.ArticleScreen(article, doc=doc, matches=matches))

    @staticmethod
    def _other(side: str) -> str:
        return "old" if side == "new" else "new"

    def action_back(self) -> None:
        self.app.pop_screen()
