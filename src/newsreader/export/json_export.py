"""JSON export: the ``newsreader.document/1`` document plus the review.

The document's keys are unchanged (``Document.from_dict`` still reads the file); the
review adds ``reviews`` (one per reviewed claim, orphans included and flagged),
``reviewer_claims`` (claims the reviewer added or kept), ``dismissed_claims`` and
``review_progress``.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

from ..model import Review, Verdict
from .common import ExportView

REVIEWS_SCHEMA = "newsreader.reviews/1"


def iso_time(timestamp: float) -> str:
    """A review time as ISO 8601 UTC, to the second."""
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def review_dict(review: Review) -> dict[str, Any]:
    """A review as JSON; with named reviewers, also its ``state`` and each reviewer's verdict
    (and the ``settled`` one)."""
    data = asdict(review)
    for key in ("doc_id", "verdicts", "settled"):
        data.pop(key)
    data["updated"] = iso_time(review.updated)
    if review.verdicts or review.settled is not None:
        data["state"] = review.state
        data["verdicts"] = [_verdict(v) for v in review.verdicts if not v.empty]
        if review.settled is not None:
            data["settled"] = _verdict(review.settled)
    return data


def _verdict(verdict: Verdict) -> dict[str, Any]:
    return {
        "reviewer": verdict.reviewer,
        "status": verdict.status,
        "note": verdict.note,
        "updated": iso_time(verdict.updated),
    }


def export_data(view: ExportView) -> dict[str, Any]:
    data = view.doc.to_dict()
    reviews = [row.review for row in view.rows if row.review is not None] + list(view.orphans)
    data["review_schema"] = REVIEWS_SCHEMA
    data["reviews"] = [review_dict(r) for r in reviews]
    data["reviewer_claims"] = [_claim(row.claim) for row in view.rows if row.reviewer_added]
    data["dismissed_claims"] = [_claim(c) for c in view.dismissed]
    data["review_progress"] = {"reviewed": view.reviewed, "total": len(view.rows)}
    return data


def render(view: ExportView) -> str:
    return json.dumps(export_data(view), ensure_ascii=False, indent=2) + "\n"


def _claim(claim: Any) -> dict[str, Any]:
    data = asdict(claim)
    data["quote_ids"] = list(claim.quote_ids)
    return data
