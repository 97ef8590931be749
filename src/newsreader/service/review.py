"""Reviewing one document: the claims as the reviewer has shaped them and each claim's
review, kept in step with the review store after every change.

The app's article screen holds one :class:`ReviewSession`; without a review store (it
could not be opened) the session shows the analysis' claims and every change raises
:class:`ReviewsUnavailable`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..lazy import lazy_import
from ..model import Claim, Document, Review
from ..store.reviews import ReviewStore, ReviewStoreUnavailable

if TYPE_CHECKING:
    from . import export as exporting
else:
    exporting = lazy_import("newsreader.service.export")  # the exporters: only when one is asked for

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*(?=\s|$)")


class ReviewsUnavailable(RuntimeError):
    """There is no review store to save to."""


class ReviewSession:
    """One document under review."""

    def __init__(self, store: ReviewStore | None, doc: Document, *, organisation: str | None = None) -> None:
        self.store = store
        self.doc = doc
        self.organisation = organisation  # who signs a ClaimReview export
        self.claims: list[Claim] = []
        self.reviews: dict[str, Review] = {}
        self.problem: str | None = None  # why the reviews could not be read (a server away)
        self.reload()

    @property
    def can_save(self) -> bool:
        return self.store is not None

    def reload(self) -> None:
        """Read the claims and reviews again (after a change that reshapes the list).

        A review server that is away leaves the last state read (at first the analysis'
        claims) and says why in :attr:`problem`: the article stays readable."""
        if self.store is None:
            self.claims, self.reviews = list(self.doc.claims), {}
            return
        try:
            self.apply(self.fetch())
        except ReviewStoreUnavailable as exc:
            if not self.claims:
                self.claims = list(self.doc.claims)
            self.problem = str(exc)

    def fetch(self) -> tuple[list[Claim], dict[str, Review]]:
        """The claims and reviews as stored now, without taking them (a worker thread reads
        them when someone else changed a review; :meth:`apply` then shows them)."""
        store = self._store()
        claims, reviews, _dismissed = store.state(self.doc)
        return claims, reviews

    def apply(self, state: tuple[list[Claim], dict[str, Review]]) -> None:
        self.claims, self.reviews = state
        self.problem = None

    # -- reading ---------------------------------------------------------------------
    def status(self, claim_id: str) -> str | None:
        review = self.reviews.get(claim_id)
        return review.status if review is not None else None

    @property
    def reviewer(self) -> str | None:
        """Whose verdicts the keys set (None without a store)."""
        return self.store.reviewer if self.store is not None else None

    def note(self, claim_id: str) -> str:
        """This reviewer's own note on the claim (what the note editor opens with)."""
        review = self.reviews.get(claim_id)
        if review is None:
            return ""
        if review.verdicts and self.reviewer is not None:
            own = review.verdict_of(self.reviewer)
            return own.note if own is not None else ""
        return review.note

    def own_status(self, claim_id: str) -> str | None:
        """This reviewer's own verdict on the claim (the outcome may differ)."""
        review = self.reviews.get(claim_id)
        own = review.verdict_of(self.reviewer) if review is not None and self.reviewer is not None else None
        return own.status if own is not None else None

    def reviewed(self, claim_id: str) -> bool:
        review = self.reviews.get(claim_id)
        return review is not None and review.reviewed

    def contested(self, claim_id: str) -> bool:
        review = self.reviews.get(claim_id)
        return review is not None and review.contested

    def progress(self) -> tuple[int, int]:
        """(reviewed, total) over the claims under review (a contested claim is reviewed)."""
        return sum(1 for c in self.claims if self.reviewed(c.id)), len(self.claims)

    def contested_count(self) -> int:
        return sum(1 for c in self.claims if self.contested(c.id))

    def claim(self, claim_id: str | None) -> Claim | None:
        return next((c for c in self.claims if c.id == claim_id), None)

    def claim_after(self, claim: Claim) -> Claim | None:
        ids = [c.id for c in self.claims]
        i = ids.index(claim.id)
        return self.claims[i + 1] if i + 1 < len(self.claims) else None

    def next_unreviewed(self, current: Claim | None, step: int) -> Claim | None:
        """The next (``step`` 1) or previous (-1) claim nobody gave a status, wrapping around."""
        return self._next(current, step, lambda claim: not self.reviewed(claim.id))

    def next_contested(self, current: Claim | None, step: int) -> Claim | None:
        """The next (``step`` 1) or previous (-1) claim whose reviewers disagree, wrapping around."""
        return self._next(current, step, lambda claim: self.contested(claim.id))

    def _next(self, current: Claim | None, step: int, wanted: Callable[[Claim], bool]) -> Claim | None:
        if not self.claims:
            return None
        ids = [c.id for c in self.claims]
        start = ids.index(current.id) if current is not None and current.id in ids else -1
        n = len(self.claims)
        for k in range(1, n + 1):
            claim = self.claims[(start + step * k) % n]
            if wanted(claim):
                return claim
        return None

    def holding(self, start: int, end: int) -> Claim | None:
        """The shortest claim that contains all of ``start``–``end``."""
        inside = [c for c in self.claims if c.start <= start and end <= c.end]
        return min(inside, key=lambda c: c.end - c.start) if inside else None

    def overlapping(self, start: int, end: int) -> Claim | None:
        """The claim holding ``start``, else the first one starting inside ``start``–``end``."""
        holding = [c for c in self.claims if c.start <= start < c.end]
        if holding:
            return min(holding, key=lambda c: c.end - c.start)
        inside = [c for c in self.claims if start <= c.start < max(end, start + 1)]
        return inside[0] if inside else None

    # -- changing --------------------------------------------------------------------
    def _store(self) -> ReviewStore:
        if self.store is None:
            raise ReviewsUnavailable("the review store could not be opened; reviews can't be saved")
        return self.store

    def set_status(self, claim: Claim, status: str | None) -> Review:
        review = self._store().set_status(self.doc, claim, status)
        self.reviews[claim.id] = review
        return review

    def set_note(self, claim: Claim, note: str) -> Review:
        review = self._store().set_note(self.doc, claim, note)
        self.reviews[claim.id] = review
        return review

    def settle(self, claim: Claim) -> Review:
        """Make this reviewer's own verdict the claim's final one (the adjudicator's key);
        ValueError when they have given none."""
        status = self.own_status(claim.id)
        if status is None:
            raise ValueError("give your own verdict first (a status key); settling makes it final")
        review = self._store().settle(self.doc, claim, status, self.note(claim.id))
        self.reviews[claim.id] = review
        return review

    def undo(self) -> Review | None:
        """Revert the last change; the review of the claim concerned, None if nothing to undo."""
        review = self._store().undo(self.doc)
        if review is not None:
            self.reload()
        return review

    def mark(self, start: int, end: int) -> Claim:
        """A claim over ``text[start:end]`` added by the reviewer (or the one already there)."""
        claim = self._store().add_claim(self.doc, start, end)
        self.reload()
        return claim

    def dismiss(self, claim: Claim) -> None:
        self._store().dismiss(self.doc, claim)
        self.reload()

    # -- exporting -------------------------------------------------------------------
    def export(self, fmt: str, *, theme: str | None = None) -> str:
        """The annotated copy, exactly as ``newsreader export`` makes it."""
        return exporting.export_text(self.doc, self.store, fmt, theme=theme, organisation=self.organisation)


def sentence_at(text: str, offset: int) -> tuple[int, int]:
    """The sentence (within its paragraph) holding ``offset``.

    A sentence does not end at an ellipsis (``from... light wounds``) nor inside an open
    quotation (``"It rained. It poured," he said.`` is one sentence): a claim marked there
    keeps its attribution.
    """
    para_start = text.rfind("\n", 0, offset) + 1
    para_end = text.find("\n", offset)
    para_end = len(text) if para_end == -1 else para_end
    start = para_start
    for match in _SENTENCE_END.finditer(text, para_start, para_end):
        if _not_an_end(text, para_start, match):
            continue
        if match.end() > offset:
            end = match.end()
            break
        start = match.end()
    else:
        end = para_end
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _not_an_end(text: str, para_start: int, match: re.Match[str]) -> bool:
    """An ellipsis, or a full stop inside a quotation that the match does not close."""
    if match.start() > para_start and text[match.start() - 1] in ".\u2026":
        return True
    before = text[para_start : match.start()]
    closes = match.group()
    straight_open = before.count('"') % 2 == 1 and '"' not in closes
    curly_open = before.count("\u201c") > before.count("\u201d") and "\u201d" not in closes
    return straight_open or curly_open
