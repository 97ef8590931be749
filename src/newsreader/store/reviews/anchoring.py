"""Anchoring reviews to the current text: pure code, no database.

A review stores the claim's text and offsets, not only its id: a newer analysis pipeline
may renumber or reshape claims, so on load every review is re-anchored (exact text at the
old offsets, else the nearest occurrence of the text, else a normalized or fuzzy match
against the current claims). A review that cannot be anchored is kept and reported as
orphaned, never dropped. :func:`resolve` does it for one document from its stored rows;
``database.py`` reads the rows and writes back what moved.
"""

from __future__ import annotations

import difflib
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ...model import Claim, Document, Review

FUZZY_RATIO = 0.85  # how alike a changed claim must be to inherit a review

Row = dict[str, Any]
#: A review row's anchored state: (state, claim id, start, end); state is ok, orphaned or hidden.
Anchor = tuple[str, str, int, int]


@dataclass
class Resolved:
    """The reviewing state of one document: visible claims and where each review sits."""

    claims: list[Claim]
    dismissed: list[Claim]
    by_claim: dict[str, Row]  # claim id -> review row
    orphans: list[Row]
    row_claim: dict[int, str]  # review row id -> claim id (or orphan:<n>)
    anchors: dict[int, Anchor] = field(default_factory=dict)  # review row id -> where it is now


def resolve(doc: Document, edits: list[Row], reviews: list[Row]) -> Resolved:
    """Anchor the stored claim edits and reviews of ``doc`` to its current text and claims."""
    added = [
        added_claim(doc, e["claim_id"], e["start"], e["end"])
        for e in edits
        if e["kind"] == "added" and text_at(doc, e["start"], e["end"]) == e["claim_text"]
    ]
    candidates = list(doc.claims) + added
    hidden: set[str] = set()
    dismissed_spans: set[tuple[int, int]] = set()
    for e in edits:
        if e["kind"] != "dismissed":
            continue
        target, span = match_claim(doc, candidates, e["claim_text"], e["start"], e["end"])
        if target is not None:
            hidden.add(target.id)
            dismissed_spans.add((target.start, target.end))
        elif span is not None:
            dismissed_spans.add(span)  # a dismissed kept claim (r<n>): no claim of the analysis there
    dismissed = [c for c in doc.claims if c.id in hidden]
    visible = [c for c in candidates if c.id not in hidden]
    by_span = {(c.start, c.end): c for c in visible}

    located: list[tuple[int, int, Row, tuple[int, int] | None]] = []
    for row in reviews:
        tier, span = locate(doc.text, row["claim_text"], row["start"], row["end"])
        located.append((tier, row["id"], row, span))
    located.sort(key=lambda item: (item[0], item[1]))

    by_claim: dict[str, Row] = {}
    row_claim: dict[int, str] = {}
    orphans: list[Row] = []
    states: dict[int, Anchor] = {}
    pending: list[Row] = []
    kept: list[Claim] = []
    for _tier, row_id, row, span in located:
        claim = by_span.get(span) if span is not None else None
        if claim is None and span is not None and span in dismissed_spans:
            states[row_id] = ("hidden", row["claim_id"], row["start"], row["end"])
            continue
        if claim is not None and claim.id not in by_claim:
            by_claim[claim.id] = row
            row_claim[row_id] = claim.id
            states[row_id] = ("ok", claim.id, claim.start, claim.end)
        else:
            pending.append({**row, "_span": span})
    for row in pending:
        span = row.pop("_span")
        claim = fuzzy_claim(row["claim_text"], row["start"], [c for c in visible if c.id not in by_claim])
        if claim is None and span is not None and span not in by_span and has_content(row):
            # The analysis no longer calls this a claim, but the text is there: keep it reviewable.
            claim = Claim(
                id=f"r{row['id']}",
                start=span[0],
                end=span[1],
                text=doc.text[span[0] : span[1]],
                source_id=None,
                cue=None,
            )
            kept.append(claim)
            by_span[span] = claim
        if claim is not None:
            by_claim[claim.id] = row
            row_claim[row["id"]] = claim.id
            states[row["id"]] = ("ok", claim.id, claim.start, claim.end)
        else:
            orphans.append(row)
            row_claim[row["id"]] = f"orphan:{row['id']}"
            states[row["id"]] = ("orphaned", row["claim_id"], row["start"], row["end"])

    claims = sorted(visible + kept, key=_claim_order)
    return Resolved(
        claims=claims,
        dismissed=sorted(dismissed, key=_claim_order),
        by_claim=by_claim,
        orphans=orphans,
        row_claim=row_claim,
        anchors=states,
    )


_FOLD = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032"}
_FOLD.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"})
_FOLD.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_FOLD.update({ord("\u2026"): "..."})


@lru_cache(maxsize=8)
def normalize_for_match(text: str) -> tuple[str, tuple[int, ...]]:
    """Text folded for matching (case, quotes, dashes, runs of whitespace) and, for each
    folded character, the index of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                index.append(i)
            continue
        folded = ch.translate(_FOLD).lower()
        for piece in folded:
            out.append(piece)
            index.append(i)
    while out and out[-1] == " ":
        out.pop()
        index.pop()
    return "".join(out), tuple(index)


def locate(text: str, needle: str, start: int, end: int) -> tuple[int, tuple[int, int] | None]:
    """Where a stored claim text is now: (tier, span); tier 0 exact, 1 moved, 2 normalized, 3 not found."""
    if not needle:
        return 3, None
    if text[start:end] == needle:
        return 0, (start, end)
    hits = _occurrences(text, needle)
    if hits:
        best = min(hits, key=lambda p: (abs(p - start), p))
        return 1, (best, best + len(needle))
    folded, index = normalize_for_match(text)
    folded_needle, _ = normalize_for_match(needle)
    if folded_needle:
        hits = _occurrences(folded, folded_needle)
        if hits:
            best = min(hits, key=lambda p: (abs(index[p] - start), p))
            return 2, (index[best], index[best + len(folded_needle) - 1] + 1)
    return 3, None


def _occurrences(haystack: str, needle: str) -> list[int]:
    found = []
    pos = haystack.find(needle)
    while pos != -1:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def fuzzy_claim(needle: str, start: int, claims: list[Claim]) -> Claim | None:
    """The current claim most like a stored claim text (reshaped by a newer pipeline), if alike enough."""
    folded_needle, _ = normalize_for_match(needle)
    best: tuple[float, int, Claim] | None = None
    for claim in claims:
        folded, _ = normalize_for_match(claim.text)
        matcher = difflib.SequenceMatcher(None, folded_needle, folded, autojunk=False)
        if matcher.real_quick_ratio() < FUZZY_RATIO or matcher.quick_ratio() < FUZZY_RATIO:
            continue
        ratio = matcher.ratio()
        if ratio >= FUZZY_RATIO:
            key = (ratio, -abs(claim.start - start), claim)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def match_claim(
    doc: Document, claims: list[Claim], text: str, start: int, end: int
) -> tuple[Claim | None, tuple[int, int] | None]:
    """The claim a stored dismissal refers to (same span, else same text nearby, else fuzzy),
    and where its text is now."""
    _tier, span = locate(doc.text, text, start, end)
    if span is not None:
        for claim in claims:
            if (claim.start, claim.end) == span:
                return claim, span
    return fuzzy_claim(text, start, claims), span


def has_content(row: Row) -> bool:
    """Someone gave the claim a status or a note (verdicts that differ count)."""
    return (
        row["status"] is not None
        or bool(row["note"])
        or any(not v.empty for v in row.get("verdicts", ()))
        or row.get("settled") is not None
    )


def text_at(doc: Document, start: int, end: int) -> str | None:
    return doc.text[start:end] if 0 <= start <= end <= len(doc.text) else None


def added_claim(doc: Document, claim_id: str, start: int, end: int) -> Claim:
    return Claim(id=claim_id, start=start, end=end, text=doc.text[start:end], source_id=None, cue=None)


def _claim_order(claim: Claim) -> tuple[int, int, str]:
    return claim.start, claim.end, claim.id


def check_claim(doc: Document, claim: Claim) -> None:
    if text_at(doc, claim.start, claim.end) != claim.text:
        raise ValueError(f"claim {claim.id!r} does not match the text of document {doc.id[:12]}")


def row_for_claim(resolved: Resolved, claim: Claim) -> Row | None:
    if claim.id.startswith("orphan:"):
        for row in resolved.orphans:
            if f"orphan:{row['id']}" == claim.id:
                return row
        raise ValueError(f"no orphaned review {claim.id!r}")
    for current in resolved.claims:
        if current.id == claim.id:
            if (current.start, current.end, current.text) != (claim.start, claim.end, claim.text):
                raise ValueError(f"claim {claim.id!r} has another span or text in this document")
            return resolved.by_claim.get(claim.id)
    raise ValueError(f"claim {claim.id!r} is not among the claims under review (dismissed or unknown)")


def review_from_row(doc: Document, row: Row, claim_id: str) -> Review:
    return Review(
        doc_id=doc.id,
        claim_id=claim_id,
        claim_text=row["claim_text"],
        start=row["start"],
        end=row["end"],
        status=row["status"],
        note=row["note"],
        updated=row["updated"],
        orphaned=claim_id.startswith("orphan:"),
        verdicts=tuple(row.get("verdicts", ())),
        settled=row.get("settled"),
    )


def reviews_of(doc: Document, resolved: Resolved) -> dict[str, Review]:
    claims = {c.id: c for c in resolved.claims}
    result: dict[str, Review] = {}
    for claim_id, row in resolved.by_claim.items():
        if not has_content(row) or claim_id not in claims:
            continue
        claim = claims[claim_id]
        result[claim_id] = Review(
            doc.id,
            claim_id,
            claim.text,
            claim.start,
            claim.end,
            row["status"],
            row["note"],
            row["updated"],
            verdicts=tuple(row.get("verdicts", ())),
            settled=row.get("settled"),
        )
    for row in resolved.orphans:
        if has_content(row):
            key = f"orphan:{row['id']}"
            result[key] = review_from_row(doc, row, key)
    return result


def review_at(doc: Document, resolved: Resolved, tbl: str, snapshot: Row) -> Review:
    """After an undo: the review of the claim the undone change was about."""
    reviews = reviews_of(doc, resolved)
    if tbl == "reviews":
        claim_id = resolved.row_claim.get(snapshot["id"])
        if claim_id in reviews:
            return reviews[claim_id]
    span = (snapshot["start"], snapshot["end"])
    for claim in resolved.claims + resolved.dismissed:
        if (claim.start, claim.end) == span:
            if claim.id in reviews:
                return reviews[claim.id]
            return Review(doc.id, claim.id, claim.text, claim.start, claim.end, None, "", time.time())
    return Review(
        doc.id, snapshot["claim_id"], snapshot["claim_text"], snapshot["start"], snapshot["end"], None, "", time.time()
    )
