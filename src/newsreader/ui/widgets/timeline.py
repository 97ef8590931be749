"""A small timeline: where each resolved date falls relative to the publication date."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from ...model import DateSpan
from .. import render


def date_position(value: str | None) -> float | None:
    """A date value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www``) as a day number, mid-period."""
    if not value:
        return None
    try:
        if "-W" in value:
            year, week = value.split("-W")
            return float(date.fromisocalendar(int(year), int(week), 1).toordinal() + 3)
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return float(date(parts[0], 7, 1).toordinal())
        if len(parts) == 2:
            return float(date(parts[0], parts[1], 15).toordinal())
        return float(date(parts[0], parts[1], parts[2]).toordinal())
    except (ValueError, TypeError):
        return None


def sorted_dates(dates: tuple[DateSpan, ...] | list[DateSpan]) -> list[DateSpan]:
    """Dates in time order; unresolved ones last, in text order."""
    return sorted(dates, key=lambda d: (date_position(d.value) is None, date_position(d.value) or 0.0, d.start))


class Timeline(Static):
    """Dots on an axis for the document's dates, ▲ under the publication date."""

    DEFAULT_CSS = """
    Timeline { height: auto; padding: 1 1 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._dates: list[DateSpan] = []
        self._published: str | None = None
        self.palette = render.palette()

    def show_dates(self, dates: list[DateSpan], published: str | None, pal: render.Palette) -> None:
        self._dates, self._published, self.palette = dates, published, pal
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        points = [(p, d.value or "") for d in self._dates if (p := date_position(d.value)) is not None]
        width = max(20, self.content_region.width or 40)
        self.update(render.timeline_content(points, date_position(self._published), width, self.palette))
