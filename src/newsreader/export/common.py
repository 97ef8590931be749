"""What every export format shows, computed once: the claims with their review and
source, orphaned reviews, dismissed claims, source counts, the dates timeline, and the
article cut into segments by overlapping highlight spans.

Formats only escape and lay out what this module hands them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Claim, DateSpan, Document, Review, Source
from ..model.vocabulary import STATUSES, status_label


@dataclass(frozen=True)
class ClaimRow:
    number: int  # 1-based position in text order, for footnotes and references
    claim: Claim
    review: Review | None
    source: Source | None

    @property
    def status(self) -> str | None:
        return self.review.status if self.review else None

    @property
    def note(self) -> str:
        return self.review.note if self.review else ""

    @property
    def reviewer_added(self) -> bool:
        """Added by the reviewer (``u<n>``) or kept because it was reviewed (``r<n>``)."""
        return bool(self.claim.id) and self.claim.id[0] in "ur" and self.claim.id[1:].isdigit()


@dataclass(frozen=True)
class SourceRow:
    source: Source
    mentions: int
    quotes: int
    claims: int

    @property
    def anonymous(self) -> bool:
        return self.source.kind == "anonymous"


@dataclass(frozen=True)
class ExportView:
    doc: Document
    rows: tuple[ClaimRow, ...]
    orphans: tuple[Review, ...]
    dismissed: tuple[Claim, ...]
    sources: tuple[SourceRow, ...]
    dates: tuple[DateSpan, ...]

    @property
    def reviewed(self) -> int:
        return sum(1 for r in self.rows if r.status is not None)

    def row_for(self, claim_id: str) -> ClaimRow | None:
        for row in self.rows:
            if row.claim.id == claim_id:
                return row
        return None


def build_view(
    doc: Document,
    reviews: Mapping[str, Review],
    claims: Sequence[Claim],
    dismissed: Sequence[Claim] = (),
) -> ExportView:
    """Gather what an export shows: ``claims`` is the list under review, ``dismissed`` the
    claims the reviewer took out (``ReviewStore.claims(doc)`` and ``.dismissed(doc)``)."""
    ordered = sorted(claims, key=lambda c: (c.start, c.end, c.id))
    rows = tuple(
        ClaimRow(number=n, claim=c, review=reviews.get(c.id), source=doc.source_by_id(c.source_id))
        for n, c in enumerate(ordered, 1)
    )
    orphans = tuple(sorted((r for r in reviews.values() if r.orphaned), key=lambda r: (r.start, r.claim_id)))
    return ExportView(
        doc=doc,
        rows=rows,
        orphans=orphans,
        dismissed=tuple(sorted(dismissed, key=lambda c: (c.start, c.end, c.id))),
        sources=tuple(_source_rows(doc, ordered)),
        dates=tuple(timeline(doc.dates)),
    )


def _source_rows(doc: Document, claims: Sequence[Claim]) -> Iterable[SourceRow]:
    for source in doc.sources:
        claimed = sum(1 for c in claims if c.source_id == source.id)
        yield SourceRow(source, len(source.mentions), len(source.quote_ids), claimed)


def timeline(dates: Iterable[DateSpan]) -> list[DateSpan]:
    """Dates sorted by resolved value (unresolved last), then by position in the text."""
    return sorted(dates, key=lambda d: (d.value is None, d.value or "", d.start))


def source_label(source: Source | None) -> str:
    """How a claim's source reads in a table: the name, anonymous ones flagged."""
    if source is None:
        return "the outlet (no attribution)"
    if source.kind == "anonymous":
        return f"{source.name} (anonymous)"
    return source.name


@dataclass(frozen=True)
class Layer:
    """One highlight over the text: a kind (``quote``, ``claim``...) and its detail (label, status, id)."""

    kind: str
    start: int
    end: int
    detail: str = ""
    ref: str = ""  # the id of the span's object (claim id, quote id, source id)


def layers(view: ExportView) -> list[Layer]:
    """Every highlight of the article: entities, quotes, numbers, dates, claims, anonymous mentions."""
    doc = view.doc
    out: list[Layer] = []
    out += [Layer("entity", e.start, e.end, e.label) for e in doc.entities]
    out += [Layer("quote", q.start, q.end, "direct" if q.direct else "reported", q.id) for q in doc.quotes]
    out += [Layer("number", n.start, n.end, n.kind) for n in doc.numbers]
    out += [Layer("date", d.start, d.end, d.value or "") for d in doc.dates]
    out += [Layer("claim", r.claim.start, r.claim.end, r.status or "unreviewed", r.claim.id) for r in view.rows]
    for source in doc.sources:
        if source.kind == "anonymous":
            out += [Layer("anonymous", m.start, m.end, source.name, source.id) for m in source.mentions]
    n = len(doc.text)
    return [layer for layer in out if 0 <= layer.start < layer.end <= n]


def segments(text: str, spans: Sequence[Layer], *, breaks: str = "\n") -> list[tuple[int, int, tuple[Layer, ...]]]:
    """Cut ``text`` at every span boundary (and around line breaks) into ``(start, end, active)``.

    Overlapping spans become a run of segments, each carrying the spans covering it, so a
    renderer can emit flat, correctly nested markup however the spans overlap.
    """
    cuts = {0, len(text)}
    for span in spans:
        cuts.add(span.start)
        cuts.add(span.end)
    for i, ch in enumerate(text):
        if ch in breaks:
            cuts.add(i)
            cuts.add(i + 1)
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    starting: dict[int, list[Layer]] = {}
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        starting.setdefault(span.start, []).append(span)
    out = []
    active: list[Layer] = []
    for start, end in zip(points, points[1:]):
        active = [s for s in active if s.end > start] + starting.get(start, [])
        out.append((start, end, tuple(active)))
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each non-empty line (newsreader texts hold one paragraph per line)."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def claim_ends(view: ExportView) -> dict[int, list[ClaimRow]]:
    """Claim rows by the offset where each claim ends (where a reference marker goes)."""
    ends: dict[int, list[ClaimRow]] = {}
    for row in view.rows:
        ends.setdefault(row.claim.end, []).append(row)
    return ends


__all__ = [
    "STATUSES",
    "ClaimRow",
    "ExportView",
    "Layer",
    "SourceRow",
    "build_view",
    "claim_ends",
    "layers",
    "paragraphs",
    "segments",
    "source_label",
    "status_label",
    "timeline",
]
