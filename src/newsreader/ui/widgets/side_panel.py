"""The side panel: Claims, Sources, Dates and Entities tabs over one document.

Every row knows the text span it stands for; highlighting a row posts
:class:`SidePanel.Chosen` so the screen can scroll the article to it.

The tabs are built right after the screen's first paint (:meth:`SidePanel._build`): the
panel's space is there at once, so the article never reflows, while the article itself
reaches the screen without waiting for four lists, a meter and a timeline to lay out.
Until then the panel keeps what it is told (document, claims, progress, selection, tab)
and applies it when the tabs exist.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING, Any, Mapping

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from .. import render
from ...model import Claim, Document

if TYPE_CHECKING:  # the list, tab and option classes load when the tabs are built
    from textual.widgets import OptionList, TabbedContent

    from .panel_list import Option, PanelList

TABS = ("claims", "sources", "dates", "entities")


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

    def compose(self) -> ComposeResult:
        return []

    def on_mount(self) -> None:
        after_first_paint = getattr(self.app, "after_first_paint", self.call_after_refresh)
        after_first_paint(self._build)

    async def _build(self) -> None:
        """Mount the tabs, then apply what the screen said before they existed."""
        if not self.is_attached or self.ready:
            return  # the app quit (or the screen closed) before its first frame
        from textual.widgets import TabbedContent, TabPane

        from .panel_list import PanelList
        from .source_meter import SourceMeter
        from .timeline import Timeline

        tabs = TabbedContent(id="tabs", initial=self._tab)
        progress = self._pending.pop("progress", render.plain("Analysing…"))
        for pane in (
            TabPane("Claims", Static(progress, id="claims-progress"), PanelList(id="claims-list"), id="claims"),
            TabPane("Sources", SourceMeter(id="source-meter"), PanelList(id="sources-list"), id="sources"),
            TabPane("Dates", PanelList(id="dates-list"), Timeline(id="timeline"), id="dates"),
            TabPane("Entities", PanelList(id="entities-list"), id="entities"),
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
            fill = {"sources": self._fill_sources, "dates": self._fill_dates, "entities": self._fill_entities}[tab]
            fill(self._doc, self._pal) if tab != "sources" else self._fill_sources(self._doc, self._claims, self._pal)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._fill_if_shown()

    def show_claims(
        self, doc: Document, claims: list[Claim], reviews: Mapping[str, Any], pal: render.Palette, *, keep: str | None = None
    ) -> None:
        if not self.ready:
            self._pending["claims"] = ((doc, claims, reviews, pal), {"keep": keep or self._pending.get("select")})
            return
        from .panel_list import Option

        lst = self.query_one("#claims-list")
        current = keep or self.current_claim_id()
        options: list[Option | None] = []
        self.claim_ids = []
        seen: set[str] = set()
        for claim in claims:
            if claim.id in seen:  # a malformed document must not take the panel down
                continue
            seen.add(claim.id)
            review = reviews.get(claim.id)
            status = getattr(review, "status", None)
            note = getattr(review, "note", "") or ""
            prompt = render.claim_row(claim, doc.source_by_id(claim.source_id), status, note, pal)
            if options:
                options.append(None)
            options.append(Option(prompt, id=f"claim:{claim.id}"))
            self.spans[f"claim:{claim.id}"] = [(claim.start, claim.end)]
            self.claim_ids.append(claim.id)
        if not options:
            options.append(Option(render.plain("No claims found in this article.", render.Style(dim=True)), disabled=True))
        lst.set_options(options)
        if current and f"claim:{current}" in self.spans:
            self._highlight(lst, "claims", f"claim:{current}")
        elif self.claim_ids:
            self._highlight(lst, "claims", f"claim:{self.claim_ids[0]}")

    def show_progress(self, content: render.Content) -> None:
        if not self.ready:
            self._pending["progress"] = content
            return
        self.query_one("#claims-progress", Static).update(content)

    def _fill_sources(self, doc: Document, claims: list[Claim], pal: render.Palette) -> None:
        from .panel_list import Option
        from .source_meter import source_shares

        self.query_one("#source-meter").show_shares(source_shares(doc, claims), pal)  # type: ignore[attr-defined]
        quotes = {q.id: q for q in doc.quotes}
        groups: OrderedDict[str | None, list[Claim]] = OrderedDict((s.id, []) for s in doc.sources)
        for claim in claims:
            groups.setdefault(claim.source_id if claim.source_id in groups else None, []).append(claim)
        options: list[Option | None] = []
        for source_id, group_claims in groups.items():
            source = doc.source_by_id(source_id)
            source_quotes = [quotes[q] for q in source.quote_ids if q in quotes] if source else []
            if source is None and not group_claims:
                continue
            key = f"source:{source_id or 'outlet'}"
            spans = [(m.start, m.end) for m in source.mentions] if source else [(c.start, c.end) for c in group_claims]
            self.spans[key] = spans or [(0, 0)]
            if options:
                options.append(None)
            options.append(Option(render.source_header(source, len(source_quotes), len(group_claims), pal), id=key))
            for quote in source_quotes:
                qkey = f"quote:{len(self.spans)}"
                self.spans[qkey] = [(quote.start, quote.end)]
                options.append(Option(render.source_item("quote", quote.text), id=qkey))
            for claim in group_claims:
                ckey = f"sclaim:{len(self.spans)}"
                self.spans[ckey] = [(claim.start, claim.end)]
                options.append(Option(render.source_item("claim", claim.text), id=ckey))
        if not options:
            options.append(Option(render.plain("No sources found in this article.", render.Style(dim=True)), disabled=True))
        self.query_one("#sources-list").set_options(options)

    def _fill_dates(self, doc: Document, pal: render.Palette) -> None:
        from .panel_list import Option
        from .timeline import sorted_dates

        dates = sorted_dates(doc.dates)
        options = []
        for n, d in enumerate(dates):
            key = f"date:{n}"
            self.spans[key] = [(d.start, d.end)]
            options.append(Option(render.date_row(d.text, d.value, d.granularity, d.relative, pal), id=key))
        if not options:
            options.append(Option(render.plain("No dates found in this article.", render.Style(dim=True)), disabled=True))
        self.query_one("#dates-list").set_options(options)
        self.query_one("#timeline").show_dates(dates, doc.published, pal)  # type: ignore[attr-defined]

    def _fill_entities(self, doc: Document, pal: render.Palette) -> None:
        from .panel_list import Option

        groups: dict[str, list] = {}
        for e in doc.entities:
            groups.setdefault(e.canonical, []).append(e)
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0].casefold()))
        options = []
        for n, (canonical, ents) in enumerate(ordered):
            key = f"entity:{n}"
            self.spans[key] = [(e.start, e.end) for e in ents]
            options.append(Option(render.entity_row(canonical, ents[0].label, len(ents), pal), id=key))
        if not options:
            options.append(Option(render.plain("No entities found in this article.", render.Style(dim=True)), disabled=True))
        self.query_one("#entities-list").set_options(options)

    # -- selection ------------------------------------------------------------------
    @property
    def active_tab(self) -> str:
        if not self.ready:
            return self._tab
        return self.query_one("#tabs").active or "claims"

    def set_tab(self, tab: str) -> None:
        self._tab = tab
        if not self.ready:
            return
        self.query_one("#tabs").active = tab
        self._fill_if_shown()

    def next_tab(self) -> str:
        tab = TABS[(TABS.index(self.active_tab) + 1) % len(TABS)]
        self.set_tab(tab)
        return tab

    def active_list(self) -> PanelList | None:
        """The list of the shown tab; None in the moment before the tabs are built."""
        if not self.ready:
            return None
        return self.query_one(f"#{self.active_tab}-list")  # type: ignore[return-value]

    def current_claim_id(self) -> str | None:
        if not self.ready:
            return self._pending.get("select")
        lst = self.query_one("#claims-list")
        option = lst.highlighted_option
        if option is None or not option.id:
            return None
        return option.id.split(":", 1)[1]

    def select_claim(self, claim_id: str) -> None:
        """Highlight a claim's row (the article is moved by the caller)."""
        key = f"claim:{claim_id}"
        if not self.ready:
            self._pending["select"] = claim_id
            return
        if key in self.spans:
            self._highlight(self.query_one("#claims-list"), "claims", key)

    def _highlight(self, lst: PanelList, tab: str, key: str) -> None:
        lst.highlighted = lst.get_option_index(key)

    def span_for(self, key: str, *, advance: bool = False) -> tuple[int, int] | None:
        spans = self.spans.get(key)
        if not spans:
            return None
        n = self._cycle.get(key, -1) + 1 if advance else self._cycle.get(key, 0)
        n %= len(spans)
        self._cycle[key] = n
        return spans[n]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        tab = (event.option_list.id or "").removesuffix("-list")
        key = event.option.id
        if key is None:
            return
        if not event.option_list.has_focus:  # moved by the program (cursor sync, review), not the reader
            return
        self._cycle[key] = 0
        span = self.span_for(key)
        if span is not None:
            self.post_message(self.Chosen(tab, key, span[0], span[1], jump=False))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        tab = (event.option_list.id or "").removesuffix("-list")
        key = event.option.id
        if key is None:
            return
        if tab == "entities":  # enter walks through the entity's mentions, staying in the panel
            span = self.span_for(key, advance=True)
            jump = False
        else:
            span = self.span_for(key)
            jump = True
        if span is not None:
            self.post_message(self.Chosen(tab, key, span[0], span[1], jump=jump))
