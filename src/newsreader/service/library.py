"""The library's orders: pure sorting of the cache's document summaries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model.vocabulary import LIBRARY_ORDERS
from ..store.cache import DocSummary


def sort_library(rows: Sequence[DocSummary], order: str, reviewed: Mapping[str, int]) -> list[DocSummary]:
    """``rows`` in one of :data:`LIBRARY_ORDERS`: ``published`` newest first (undated last),
    ``title`` or ``source`` A–Z, ``to_review`` most claims left first; ties by recency."""
    if order not in LIBRARY_ORDERS:
        raise ValueError(f"unknown library order {order!r}; expected one of {', '.join(LIBRARY_ORDERS)}")
    recent = sorted(rows, key=lambda r: -r.opened)  # the tie-break, applied first (sorts are stable)
    if order == "published":
        dated = sorted((r for r in recent if r.published), key=lambda r: r.published or "", reverse=True)
        return dated + [r for r in recent if not r.published]
    if order == "title":
        return sorted(recent, key=lambda r: r.title.casefold())
    if order == "source":
        return sorted(recent, key=lambda r: r.source.casefold())
    return sorted(recent, key=lambda r: -(r.claims - reviewed.get(r.id, 0)))
