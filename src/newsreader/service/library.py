"""The library's logic, with no drawing in it: which rows it lists, in which order, and
(once there are feeds) which feed holds which entry, how many are unread, and what a
refresh says while it runs.

Everything here is pure: the screen reads the document cache and the feed list, hands
what it read to these functions and draws what they return.

- Without feeds the library lists the cached documents, as it always has.
- With feeds it lists every feed entry (whether or not its parsed document is still in
  the cache) and every cached document that is no entry; a column of *views* picks
  what is shown: ``ALL``, one feed, or ``OTHER`` (documents from no feed).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Final, Protocol, TypeAlias, TypeVar

from ..model.vocabulary import LIBRARY_ORDERS
from ..store.cache import DocSummary
from ..store.feeds import Feed

#: The views of the feed column besides the feeds themselves (a feed's view is its id).
ALL: Final = "all"
OTHER: Final = "other"
View: TypeAlias = int | str

#: Names of the views that are not feeds.
VIEW_NAMES: Final[dict[str, str]] = {ALL: "All", OTHER: "Other articles"}


class EntryLike(Protocol):
    """What a row needs of a feed entry (``store.feeds.Entry`` and ``EntryHead`` both are)."""

    @property
    def id(self) -> int: ...
    @property
    def feed_id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def published(self) -> str | None: ...
    @property
    def doc_id(self) -> str: ...
    @property
    def added(self) -> float: ...
    @property
    def read(self) -> bool: ...


@dataclass(frozen=True)
class LibraryRow:
    """One line of the library: a cached document, or a feed entry."""

    id: str  # the document id (an entry's ``doc_id``)
    title: str
    published: str | None
    source: str  # where it came from: an entry's feed, else the document's path or address
    claims: int | None  # None: the document is not in the cache (it opens by parsing the entry)
    opened: float  # recency, the tie-break of every order: last opened, or when an entry arrived
    entry_id: int | None = None
    feed_id: int | None = None
    read: bool | None = None  # None: no read state (not a feed entry)

    @property
    def key(self) -> tuple[str, int | str]:
        """What stays the same when the rows are read again (two feeds may hold one document)."""
        return ("entry", self.entry_id) if self.entry_id is not None else ("doc", self.id)

    @property
    def unread(self) -> bool:
        return self.read is False


def doc_row(doc: DocSummary) -> LibraryRow:
    return LibraryRow(doc.id, doc.title, doc.published, doc.source, doc.claims, doc.opened)


def entry_row(entry: EntryLike, feed_name: str, claims: int | None) -> LibraryRow:
    return LibraryRow(
        entry.doc_id,
        entry.title,
        entry.published,
        feed_name,
        claims,
        entry.added,
        entry_id=entry.id,
        feed_id=entry.feed_id,
        read=entry.read,
    )


def as_rows(rows: Iterable[DocSummary | LibraryRow]) -> list[LibraryRow]:
    return [r if isinstance(r, LibraryRow) else doc_row(r) for r in rows]


def library_rows(docs: Iterable[DocSummary], entries: Iterable[EntryLike], feeds: Iterable[Feed]) -> list[LibraryRow]:
    """Every row, in no particular order: each entry (its claims from its cached document,
    None when the cache lost it) and each cached document that is no entry."""
    names = {f.id: f.name for f in feeds}
    claims = {d.id: d.claims for d in docs}
    rows = [entry_row(e, names.get(e.feed_id, "?"), claims.get(e.doc_id)) for e in entries]
    entry_docs = {r.id for r in rows}
    return rows + [doc_row(d) for d in docs if d.id not in entry_docs]


def add_entry(rows: Iterable[LibraryRow], row: LibraryRow) -> list[LibraryRow]:
    """The rows with this entry, once: an entry already listed (stored, not yet parsed) takes
    the new row's claim count but keeps its read state (it may have been marked meanwhile);
    a document shown on its own until now (opened before a feed carried it) becomes the entry."""
    kept: list[LibraryRow] = []
    for r in rows:
        if r.key == row.key:
            row = replace(row, read=r.read)
        elif not (r.entry_id is None and r.id == row.id):
            kept.append(r)
    return [*kept, row]


def merge_entries(rows: Iterable[LibraryRow], entries: Iterable[EntryLike], feeds: Iterable[Feed]) -> list[LibraryRow]:
    """The rows with the entries not listed yet (a feed's, read from the feed list when its
    refresh ends, before they are parsed); a listed entry is left as it is."""
    out = list(rows)
    keys = {r.key for r in out}
    names = {f.id: f.name for f in feeds}
    claims = {r.id: r.claims for r in out if r.claims is not None}
    for e in entries:
        if ("entry", e.id) not in keys:
            out = add_entry(out, entry_row(e, names.get(e.feed_id, "?"), claims.get(e.doc_id)))
    return out


def with_feed_names(rows: Iterable[LibraryRow], feeds: Iterable[Feed]) -> list[LibraryRow]:
    """Entries show their feed's current name (a feed names itself on its first refresh)."""
    names = {f.id: f.name for f in feeds}
    return [
        replace(r, source=names[r.feed_id]) if r.feed_id in names and r.source != names[r.feed_id] else r for r in rows
    ]


def in_view(rows: Iterable[LibraryRow], view: View) -> list[LibraryRow]:
    if view == ALL:
        return list(rows)
    if view == OTHER:
        return [r for r in rows if r.entry_id is None]
    return [r for r in rows if r.feed_id == view]


class Sortable(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def published(self) -> str | None: ...
    @property
    def source(self) -> str: ...
    @property
    def claims(self) -> int | None: ...
    @property
    def opened(self) -> float: ...


R = TypeVar("R", bound=Sortable)


def sort_library(rows: Sequence[R], order: str, reviewed: Mapping[str, int]) -> list[R]:
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
    return sorted(recent, key=lambda r: -((r.claims or 0) - reviewed.get(r.id, 0)))


def with_read(rows: Iterable[LibraryRow], entry_ids: Iterable[int], read: bool) -> list[LibraryRow]:
    """The rows with these entries marked read (or unread)."""
    ids = set(entry_ids)
    return [replace(r, read=read) if r.entry_id in ids else r for r in rows]


def unread_entries(rows: Iterable[LibraryRow]) -> list[int]:
    """The ids of the unread entries among ``rows`` (what "mark all read" marks)."""
    return [r.entry_id for r in rows if r.entry_id is not None and r.read is False]


# -- the feed column ---------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnItem:
    """One line of the feed column: a view, its name, and its unread and total counts
    (``unread`` is None for the documents from no feed, which have no read state)."""

    view: View
    name: str
    unread: int | None
    total: int


def feed_column(feeds: Sequence[Feed], rows: Iterable[LibraryRow]) -> list[ColumnItem]:
    """``All`` first, then every feed in the feed list's order (by name), then the
    documents from no feed when there are any; counts from ``rows``."""
    unread: dict[int, int] = {}
    total: dict[int, int] = {}
    others = 0
    for row in rows:
        if row.feed_id is None:
            others += 1
            continue
        total[row.feed_id] = total.get(row.feed_id, 0) + 1
        if row.read is False:
            unread[row.feed_id] = unread.get(row.feed_id, 0) + 1
    items = [ColumnItem(f.id, f.name, unread.get(f.id, 0), total.get(f.id, 0)) for f in feeds]
    everything = ColumnItem(ALL, VIEW_NAMES[ALL], sum(unread.values()), sum(total.values()) + others)
    tail = [ColumnItem(OTHER, VIEW_NAMES[OTHER], None, others)] if others else []
    return [everything, *items, *tail]


def step_view(items: Sequence[ColumnItem], view: View, step: int) -> View:
    """The view ``step`` lines from ``view`` in the column, stopping at either end; ``ALL``
    when ``view`` is not there (its feed was removed)."""
    views = [item.view for item in items]
    if view not in views:
        return ALL
    return views[max(0, min(len(views) - 1, views.index(view) + step))]


def view_name(items: Sequence[ColumnItem], view: View) -> str:
    return next((item.name for item in items if item.view == view), VIEW_NAMES[ALL])


# -- a refresh, as the library tells it ------------------------------------------------


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


@dataclass
class RefreshProgress:
    """What the library says while every feed refreshes: how far it is, and its notices
    without a flood: the first ``shown`` as they come, the rest told in one summary."""

    total: int
    shown: int = 3
    done: int = 0
    new: int = 0
    failed: list[str] = field(default_factory=list)  # names of the feeds that failed
    skipped: int = 0
    told: list[str] = field(default_factory=list)  # notices shown as they came
    held: int = 0  # notices not shown

    @property
    def label(self) -> str:
        """``refreshing 12/200 feeds…``"""
        return f"refreshing {self.done:,}/{self.total:,} feed{'s' if self.total != 1 else ''}…"

    def feed_done(self, name: str, status: str) -> None:
        """One feed's outcome (``new``, ``unchanged``, ``failed``, ``skipped``)."""
        self.done += 1
        if status == "failed":
            self.failed.append(name)
        elif status == "skipped":
            self.skipped += 1

    def entry_arrived(self) -> None:
        self.new += 1

    def notice(self, line: str) -> bool:
        """Whether to show this notice now (False: it is counted for the summary)."""
        if len(self.told) < self.shown:
            self.told.append(line)
            return True
        self.held += 1
        return False

    def summary(self) -> str:
        """One line when it is over: what came in, what failed, and what was not shown."""
        parts = [plural(self.new, "new article")]
        if self.failed:
            parts.append(f"{len(self.failed):,} failed")
        if self.skipped:
            parts.append(f"{self.skipped:,} skipped (asked to wait)")
        line = f"Refreshed {plural(self.total, 'feed')}: {', '.join(parts)}."
        if self.held:
            unnamed = [name for name in self.failed if not any(t.startswith(f"{name}: ") for t in self.told)]
            line += f" {plural(self.held, 'more notice')} not shown"
            if unnamed:
                more = len(unnamed) - 3
                line += f" (failed: {', '.join(unnamed[:3])}{f' and {more:,} more' if more > 0 else ''})"
            line += "; `newsreader feeds list` shows each feed's last error."
        return line
