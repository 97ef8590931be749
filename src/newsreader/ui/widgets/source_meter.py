"""A bar of how much of the article's claims rest on named, anonymous or no sources."""

from __future__ import annotations

from textual.widgets import Static

from ...model import Claim, Document
from .. import render

NAMED = ("person", "organization", "document")


def source_shares(doc: Document, claims: list[Claim]) -> tuple[int, int, int]:
    """Characters of claim text resting on (named, anonymous, outlet/unknown) sources."""
    kinds = {s.id: s.kind for s in doc.sources}
    named = anonymous = outlet = 0
    for claim in claims:
        size = max(1, claim.end - claim.start)
        kind = kinds.get(claim.source_id or "", "unknown")
        if kind in NAMED:
            named += size
        elif kind == "anonymous":
            anonymous += size
        else:
            outlet += size
    return named, anonymous, outlet


class SourceMeter(Static):
    DEFAULT_CSS = """
    SourceMeter { height: auto; padding: 0 1 1 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shares = (0, 0, 0)
        self.palette = render.palette()

    def show_shares(self, shares: tuple[int, int, int], pal: render.Palette) -> None:
        self._shares, self.palette = shares, pal
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        width = max(10, self.content_region.width or 40)
        self.update(render.meter_content(*self._shares, width, self.palette))
