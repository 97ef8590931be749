"""Reviewers' verdicts on a claim (statuses: :data:`newsreader.model.vocabulary.STATUSES`).

Every reviewer's verdict is kept (:class:`Verdict`); a claim's :class:`Review` sums them
up: unreviewed, agreed (every verdict the same), contested (verdicts differ) or settled
(an adjudicator gave the final verdict). :func:`summarize` is that rule, the same for
every store and export.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .document import Claim


@dataclass(frozen=True)
class Verdict:
    """One reviewer's status and note on a claim (or an adjudicator's final verdict)."""

    reviewer: str
    status: str | None
    note: str
    updated: float

    @property
    def empty(self) -> bool:
        return self.status is None and not self.note


@dataclass(frozen=True)
class Review:
    """The verdicts on one claim, with the claim text they were given on.

    ``status`` is the claim's outcome: the settled verdict, else the verdict every reviewer
    agrees on, else None (unreviewed, or contested). ``note`` is the settled note, else
    the one reviewer's note, else each reviewer's note after their name. With one reviewer
    this is exactly that reviewer's status and note.
    """

    doc_id: str
    claim_id: str
    claim_text: str
    start: int
    end: int
    status: str | None
    note: str
    updated: float
    orphaned: bool = False
    verdicts: tuple[Verdict, ...] = ()
    settled: Verdict | None = None

    @property
    def state(self) -> str:
        """``unreviewed``, ``agreed``, ``contested`` or ``settled`` (:data:`CLAIM_STATES`)."""
        return claim_state(self.verdicts, self.settled)

    @property
    def contested(self) -> bool:
        return self.state == "contested"

    @property
    def reviewed(self) -> bool:
        """Someone gave it a status (a contested claim is reviewed, not yet agreed)."""
        return self.status is not None or self.contested

    @property
    def settled_by(self) -> str | None:
        return self.settled.reviewer if self.settled is not None else None

    def verdict_of(self, reviewer: str) -> Verdict | None:
        return next((v for v in self.verdicts if v.reviewer == reviewer), None)


def claim_state(verdicts: Iterable[Verdict], settled: Verdict | None = None) -> str:
    if settled is not None and settled.status is not None:
        return "settled"
    statuses = {v.status for v in verdicts if v.status is not None}
    if len(statuses) > 1:
        return "contested"
    return "agreed" if statuses else "unreviewed"


def summarize(verdicts: Iterable[Verdict], settled: Verdict | None = None) -> tuple[str | None, str, float]:
    """(status, note, updated) of a claim from its verdicts, by the rule in :class:`Review`."""
    given = sorted((v for v in verdicts if not v.empty), key=lambda v: (v.updated, v.reviewer))
    updated = max([v.updated for v in given] + ([settled.updated] if settled is not None else []), default=0.0)
    if settled is not None and settled.status is not None:
        return settled.status, settled.note, updated
    statuses = {v.status for v in given if v.status is not None}
    status = next(iter(statuses)) if len(statuses) == 1 else None
    noted = [v for v in given if v.note]
    if len({v.reviewer for v in given}) <= 1:
        note = noted[-1].note if noted else ""
    else:
        note = "\n".join(f"{v.reviewer}: {v.note}" for v in noted)
    return status, note, updated


def claim_for(review: Review) -> Claim:
    """A claim standing for a review, e.g. to clear or annotate an orphan with ``set_status``."""
    return Claim(
        id=review.claim_id,
        start=review.start,
        end=review.end,
        text=review.claim_text,
        source_id=None,
        cue=None,
    )
