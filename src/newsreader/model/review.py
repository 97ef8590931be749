"""A reviewer's verdict on a claim (statuses: :data:`newsreader.model.vocabulary.STATUSES`)."""

from __future__ import annotations

from dataclasses import dataclass

from .document import Claim


@dataclass(frozen=True)
class Review:
    """A reader's verdict on one claim, with the claim text it was given on."""

    doc_id: str
    claim_id: str
    claim_text: str
    start: int
    end: int
    status: str | None
    note: str
    updated: float
    orphaned: bool = False

    @property
    def reviewed(self) -> bool:
        return self.status is not None


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
