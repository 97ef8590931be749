"""The side panel: Claims, Sources, Dates and Entities tabs over one document.

Every row knows the text span it stands for; highlighting a row posts
:class:`SidePanel.Chosen` so the screen can scroll the article to it.

The tabs are built right after the screen's first paint (:meth:`SidePanel._build`): the
panel's space is there at once, so the article never reflows, while the article itself
reaches the screen without waiting for four lists, a meter and a timeline to lay out.
Until then the panel keeps what it is told (document, claims, progress, selection, tab)
and applies it when the tabs exist.

A list gets its first screenful of rows at once and the rest in slices between events
(:meth:`SidePanel._fill_list`): a 50,000-word article has ~1,500 claims and ~4,000 entity
mentions, and building all those rows at once held keys up. A review changes one row of
the Claims list, not the list.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any

from textual import widgets
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import Static

from ...lazy import lazy_import
from ...model import Claim, Document, Entity
from .. import render

if TYPE_CHECKING:
    from textual.widgets import TabbedContent

    from . import panel_list, source_meter, timeline
    from .panel_list import PanelList, Row
else:
    # The list, tab, meter and timeline classes load when the tabs are built, after the
    # first frame (textual.widgets imports a widget's module on first attribute access too).
    panel_list = lazy_import("newsreader.ui.widgets.panel_list")
    source_meter = lazy_import("newsreader.ui.widgets.source_meter")
    timeline = lazy_import("newsreader.ui.widgets.timeline")

TABS = ("claims", "sources", "dates", "entities")
FIRST_ROWS = 80  # rows a list gets at once: more than a tall panel shows
SLICE_ROWS = 60  # then this many per turn of the event loop (~10 ms), so keys are not held up


class SidePanel(Vertical):
    DEFAULT_CSS = """
    SidePanel { background: $surface; }
    SidePanel TabbedContent { height: 1fr; }
    SidePanel TabPane { padding: 0; height: 1fr; }
    SidePanel ContentSwitcher { height: 1fr; }
    SidePanel .panel-note { height: auto; padding: 0 1; color: $text-muted; }
    SidePanel #claims-progress { height: 1; padding: 0 1; background: $boost; }
    """

    class Ready(Message):
        """The tabs are mounted: lists can be focused and queried."""

    class Chosen(Message):
        """A row was highlighted (``jump`` False) or selected with enter (``jump`` True)."""

        def __init__(self, tab: str, key: str, start: int, end: int, jump: bool) -> None:
            super().__init__()
            self.tab, self.key, self.start, self.end, self.jump = tab, key, start, end, jump

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.spans: dict[str, list[tuple[int, int]]] = {}
        self._cycle: dict[str, int] = {}
        self.claim_ids: list[str] = []
        self._doc: Document | None = None
        self._claims: list[Claim] = []
        self._pal = render.palette()
        self._stale: set[str] = set()
        self.ready = False
        self._tab = "claims"
        self._pending: dict[str, Any] = {}
        self._wanted: dict[str, str] = {}  # tab -> row key to highlight once its row is in
        self._fills: dict[str, Iterator[Any]] = {}  # tab -> the rows its list is being filled from
        self._claims_listed: tuple[object, ...] | None = None  # (document, palette, claim ids) of the Claims list
        self._claims_states: dict[str, tuple[str | None, str]] = {}  # claim id -> (status, note) drawn

    def compose(self) -> ComposeResult:
        return []

    def on_mount(self) -> None:
        after_first_paint = getattr(self.app, "after_first_paint", self.call_after_refresh)
        after_first_paint(self._build)

    async def _build(self) -> None:
        """Mount the tabs, then apply what the screen said before they existed."""
        if not self.is_attached or self.ready:
            return  # the app quit (or the screen closed) before its first frame
        tabs = widgets.TabbedContent(id="tabs", initial=self._tab)
        progress = self._pending.pop("progress", render.plain("Analysing…"))
        for pane in (
            widgets.TabPane(
                "Claims", Static(progress, id="claims-progress"), panel_list.PanelList(id="claims-list"), id="claims"
            ),
            widgets.TabPane(
                "Sources",
                source_meter.SourceMeter(id="source-meter"),
                panel_list.PanelList(id="sources-list"),
                id="sources",
            ),
            widgets.TabPane(
                "Dates", panel_list.PanelList(id="dates-list"), timeline.Timeline(id="timeline"), id="dates"
            ),
            widgets.TabPane("Entities", panel_list.PanelList(id="entities-list"), id="entities"),
        ):
            tabs.compose_add_child(pane)
        await self.mount(tabs)
        self.ready = True
        pending, self._pending = self._pending, {}
        if "claims" in pending:
            args, kwargs = pending["claims"]
            self.show_claims(*args, **kwargs)
        if "select" in pending:
            self.select_claim(pending["select"])
        self._fill_if_shown()
        self.post_message(self.Ready())

    # -- filling -----------------------------------------------------------------
    def show_document(self, doc: Document, claims: list[Claim], pal: render.Palette) -> None:
        """Take a document for the Sources, Dates and Entities tabs, filled when first shown.

        The Claims tab is filled by :meth:`show_claims` (the screen knows the reviews).
        """
        self._doc, self._claims, self._pal = doc, claims, pal
        self._cycle = {}
        self._stale = {"sources", "dates", "entities"}
        self._fill_if_shown()

    def refresh_sources(self, claims: list[Claim]) -> None:
        self._claims = claims
        self._stale.add("sources")
        self._fill_if_shown()

    def _fill_if_shown(self) -> None:
        if not self.ready:
            return
        tab = self.active_tab
        if tab in self._stale and self._doc is not None:
            self._stale.discard(tab)
            if tab == "sources":
                self._fill_sources(self._doc, self._claims, self._pal)
            elif tab == "dates":
                self._fill_dates(self._doc, self._pal)
            else:
                self._fill_entities(self._doc, self._pal)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._fill_if_shown()

    def show_claims(
        self,
        doc: Document,
        claims: list[Claim],
        reviews: Mapping[str, Any],
        pal: render.Palette,
        *,
        keep: str | None = None,
    ) -> None:
        if not self.ready:
            self._pending["claims"] = ((doc, claims, reviews, pal), {"keep": keep or self._pending.get("select")})
            return
        current = keep or self.current_claim_id()
        unique: dict[str, Claim] = {}
        for claim in claims:
            unique.setdefault(claim.id, claim)  # a malformed document must not take the panel down

        def state(claim_id: str) -> tuple[Any, ...]:
            """What a row shows of a review: its outcome, note, and who said what."""
            review = reviews.get(claim_id)
            verdicts = tuple((v.reviewer, v.status) for v in getattr(review, "verdicts", ()) if not v.empty)
            return (
                getattr(review, "status", None),
                getattr(review, "note", "") or "",
                getattr(review, "state", "") if review is not None else "",
                verdicts,
                getattr(review, "settled_by", None),
            )

        def row(claim: Claim) -> Row:
            status, note, claim_state, verdicts, settled_by = state(claim.id)
            prompt = render.claim_row(
                claim,
                doc.source_by_id(claim.source_id),
                status,
                note,
                pal,
                state=claim_state,
                verdicts=verdicts,
                settled_by=settled_by,
            )
            return panel_list.Row(f"claim:{claim.id}", prompt)

        lst = self._list("claims")
        shown = {cid: state(cid) for cid in unique}
        listed = (doc.id, pal, list(unique))
        if listed == self._claims_listed and lst.row_count == len(unique):
            # The same claims, all listed: a review changed, so redraw the rows that changed.
            for cid, now in shown.items():
                if self._claims_states.get(cid) != now:
                    lst.replace_row(f"claim:{cid}", row(unique[cid]).content)
            self._claims_states = shown
            if current in unique:
                self.highlight("claims", f"claim:{current}")
            return
        self._claims_listed, self._claims_states = listed, shown
        self.claim_ids = list(unique)
        for claim in unique.values():
            self.spans[f"claim:{claim.id}"] = [(claim.start, claim.end)]

        def rows() -> Iterator[Row | None]:
            for n, claim in enumerate(unique.values()):
                if n:
                    yield None
                yield row(claim)

        target = current if current in unique else (self.claim_ids[0] if self.claim_ids else None)
        # The highlighted row comes with the first rows, so the list never shows its top first.
        first = 2 * self.claim_ids.index(target) + FIRST_ROWS if target else FIRST_ROWS
        self._fill_list(
            "claims", rows(), "No claims found in this article.", f"claim:{target}" if target else None, first=first
        )

    def show_progress(self, content: Content) -> None:
        if not self.ready:
            self._pending["progress"] = content
            return
        self.query_one("#claims-progress", Static).update(content)

    def _fill_sources(self, doc: Document, claims: list[Claim], pal: render.Palette) -> None:

        self.query_one("#source-meter", source_meter.SourceMeter).show_shares(
            source_meter.source_shares(doc, claims), pal
        )
        quotes = {q.id: q for q in doc.quotes}
        groups: OrderedDict[str | None, list[Claim]] = OrderedDict((s.id, []) for s in doc.sources)
        for claim in claims:
            groups.setdefault(claim.source_id if claim.source_id in groups else None, []).append(claim)

        def rows() -> Iterator[Row | None]:
            first = True
            for source_id, group_claims in groups.items():
                source = doc.source_by_id(source_id)
                source_quotes = [quotes[q] for q in source.quote_ids if q in quotes] if source else []
                if source is None and not group_claims:
                    continue
                key = f"source:{source_id or 'outlet'}"
                mentions = source.mentions if source else group_claims
                spans = [(m.start, m.end) for m in mentions]
                self.spans[key] = spans or [(0, 0)]
                if not first:
                    yield None
                first = False
                yield panel_list.Row(key, render.source_header(source, len(source_quotes), len(group_claims), pal))
                for quote in source_quotes:
                    qkey = f"quote:{len(self.spans)}"
                    self.spans[qkey] = [(quote.start, quote.end)]
                    yield panel_list.Row(qkey, render.source_item("quote", quote.text))
                for claim in group_claims:
                    ckey = f"sclaim:{len(self.spans)}"
                    self.spans[ckey] = [(claim.start, claim.end)]
                    yield panel_list.Row(ckey, render.source_item("claim", claim.text))

        self._fill_list("sources", rows(), "No sources found in this article.")

    def _fill_dates(self, doc: Document, pal: render.Palette) -> None:

        dates = timeline.sorted_dates(doc.dates)
        for n, d in enumerate(dates):
            self.spans[f"date:{n}"] = [(d.start, d.end)]
        rows = (
            panel_list.Row(f"date:{n}", render.date_row(d.text, d.value, d.granularity, d.relative, pal))
            for n, d in enumerate(dates)
        )
        self._fill_list("dates", rows, "No dates found in this article.")
        self.query_one("#timeline", timeline.Timeline).show_dates(dates, doc.published, pal)

    def _fill_entities(self, doc: Document, pal: render.Palette) -> None:
        groups: dict[str, list[Entity]] = {}
        for e in doc.entities:
            groups.setdefault(e.canonical, []).append(e)
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))
        for n, (_canonical, ents) in enumerate(ordered):
            self.spans[f"entity:{n}"] = [(e.start, e.end) for e in ents]
        rows = (
            panel_list.Row(f"entity:{n}", render.entity_row(canonical, ents[0].label, len(ents), pal))
            for n, (canonical, ents) in enumerate(ordered)
        )
        self._fill_list("entities", rows, "No entities found in this article.")

    def _fill_list(
        self, tab: str, rows: Iterable[Row | None], empty: str, keep: str | None = None, *, first: int = FIRST_ROWS
    ) -> None:
        """Put ``rows`` (built lazily) into the tab's list, and highlight ``keep``: ``first``
        rows now, the others by a worker that yields to the event loop between slices. A
        newer fill of the same tab makes an older one still running stop."""
        lst = self._list(tab)
        rows = iter(rows)
        self._fills[tab] = rows  # an older fill of this tab still running sees it is stale and stops
        head = list(islice(rows, first))
        lst.set_rows(head or [panel_list.Row(None, render.plain(empty, Style(dim=True)))])
        if keep is not None:
            self._wanted[tab] = keep
        self._place(tab)
        if len(head) == first:
            self.run_worker(self._fill_rest(tab, lst, rows), group=f"fill-{tab}", exit_on_error=False)

    async def _fill_rest(self, tab: str, lst: PanelList, rows: Iterator[Row | None]) -> None:
        while True:
            await asyncio.sleep(0)  # keys and frames first
            if self._fills.get(tab) is not rows or not lst.is_attached:
                return
            chunk = list(islice(rows, SLICE_ROWS))
            if not chunk:
                return
            lst.add_rows(chunk)
            self._place(tab)

    def _place(self, tab: str) -> None:
        """Highlight the row wanted in ``tab`` if it is in the list yet."""
        key = self._wanted.get(tab)
        if key is None or not self.ready:
            return
        lst = self._list(tab)
        index = lst.index_of(key)
        if index is None:
            return  # still to come: _fill_rest places it
        del self._wanted[tab]
        lst.highlight(index)

    # -- selection ------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        if not self.ready:
            return self._tab
        return self.query_one("#tabs", widgets.TabbedContent).active or "claims"

    def set_tab(self, tab: str) -> None:
        self._tab = tab
        if not self.ready:
            return
        self.query_one("#tabs", widgets.TabbedContent).active = tab
        self._fill_if_shown()

    def next_tab(self) -> str:
        tab = TABS[(TABS.index(self.active_tab) + 1) % len(TABS)]
        self.set_tab(tab)
        return tab

    def active_list(self) -> PanelList | None:
        """The list of the shown tab; None in the moment before the tabs are built."""
        if not self.ready:
            return None
        return self._list(self.active_tab)

    def _list(self, tab: str) -> PanelList:
        return self.query_one(f"#{tab}-list", panel_list.PanelList)

    def current_claim_id(self) -> str | None:
        if not self.ready:
            return self._pending.get("select")
        if "claims" in self._wanted:
            return self._wanted["claims"].split(":", 1)[1]
        key = self._list("claims").highlighted_key
        return key.split(":", 1)[1] if key else None

    def select_claim(self, claim_id: str) -> None:
        """Highlight a claim's row (the article is moved by the caller)."""
        key = f"claim:{claim_id}"
        if not self.ready:
            self._pending["select"] = claim_id
            return
        if key in self.spans:
            self.highlight("claims", key)

    def highlight(self, tab: str, key: str) -> None:
        """Highlight the row ``key`` of ``tab`` (as soon as it is in the list)."""
        self._wanted[tab] = key
        self._place(tab)

    def span_for(self, key: str, *, advance: bool = False) -> tuple[int, int] | None:
        spans = self.spans.get(key)
        if not spans:
            return None
        n = self._cycle.get(key, -1) + 1 if advance else self._cycle.get(key, 0)
        n %= len(spans)
        self._cycle[key] = n
        return spans[n]

    def on_panel_list_highlighted(self, event: PanelList.Highlighted) -> None:
        event.stop()
        tab = (event.panel_list.id or "").removesuffix("-list")
        if not event.panel_list.has_focus:  # moved by the program (cursor sync, review), not the reader
            return
        self._cycle[event.key] = 0
        span = self.span_for(event.key)
        if span is not None:
            self.post_message(self.Chosen(tab, event.key, span[0], span[1], jump=False))

    def on_panel_list_selected(self, event: PanelList.Selected) -> None:
        event.stop()
        tab = (event.panel_list.id or "").removesuffix("-list")
        key = event.key
        if tab == "entities":  # enter walks through the entity's mentions, staying in the panel
            span = self.span_for(key, advance=True)
            jump = False
        else:
            span = self.span_for(key)
            jump = True
        if span is not None:
            self.post_message(self.Chosen(tab, key, span[0], span[1], jump=jump))
