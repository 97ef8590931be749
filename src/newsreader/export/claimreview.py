"""schema.org ClaimReview export (JSON-LD), the shape fact-check publishers and search
engines read: one ClaimReview per reviewed claim and verdict.

* ``claimReviewed``: the claim's text; ``itemReviewed``: a ``Claim`` whose ``author`` is the
  source the article attributes it to (a Person or Organization; the outlet itself when
  the article says it in its own voice) and whose ``appearance`` is the article.
* ``reviewRating``: a ``Rating`` whose ``alternateName`` is the verdict in words and whose
  ``ratingValue`` places it on a 1 (false) to 5 (supported) scale.
* ``author``: the configured ``organisation`` for a claim's agreed or settled verdict,
  else the reviewers; a contested claim gets one ClaimReview per reviewer, each by its
  reviewer, since they do not agree.
* ``datePublished``: when the verdict was last changed (UTC).

Unreviewed claims and orphaned reviews (no longer in the text) are left out.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Review, Source
from .annotations import target_source
from .common import ClaimRow, ExportView
from .json_export import iso_time

CONTEXT = "https://schema.org"

#: A verdict on schema.org's usual 1–5 scale (1 false … 5 true); the words are in alternateName.
RATING_VALUES = {"false": 1, "disputed": 2, "unverifiable": 3, "supported": 5}
RATING_NAMES = {"supported": "Supported", "disputed": "Disputed", "false": "False", "unverifiable": "Unverifiable"}


def _person_or_org(name: str, kind: str = "person") -> dict[str, Any]:
    return {"@type": "Organization" if kind in ("organization", "org", "document") else "Person", "name": name}


def _claim_author(view: ExportView, source: Source | None) -> dict[str, Any]:
    if source is None:
        return {"@type": "Organization", "name": outlet_name(view)}
    if source.kind == "anonymous":
        return {"@type": "Person", "name": source.name, "description": "anonymous source"}
    return _person_or_org(source.name, source.kind)


def outlet_name(view: ExportView) -> str:
    """Who speaks where the article speaks for itself: the web site, else the article."""
    source = view.doc.source
    if source.startswith(("http://", "https://")):
        return source.split("/")[2]
    return view.doc.title or "the article"


def _appearance(view: ExportView) -> dict[str, Any]:
    doc = view.doc
    work: dict[str, Any] = {"@type": "NewsArticle", "headline": doc.title or "Untitled"}
    if target_source(view).startswith(("http://", "https://")):
        work["url"] = target_source(view)
    if doc.published:
        work["datePublished"] = doc.published
    return work


def _rating(status: str) -> dict[str, Any]:
    return {
        "@type": "Rating",
        "ratingValue": RATING_VALUES[status],
        "bestRating": 5,
        "worstRating": 1,
        "alternateName": RATING_NAMES[status],
    }


def _claim_review(
    view: ExportView, row: ClaimRow, status: str, note: str, updated: float, author: Any
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "@type": "ClaimReview",
        "claimReviewed": row.claim.text,
        "itemReviewed": {
            "@type": "Claim",
            "author": _claim_author(view, row.source),
            "appearance": _appearance(view),
        },
        "reviewRating": _rating(status),
        "author": author,
        "datePublished": iso_time(updated),
    }
    if note:
        item["reviewBody"] = note
    return item


def claim_reviews(view: ExportView, organisation: str | None = None) -> list[dict[str, Any]]:
    """The ClaimReview objects of every reviewed claim, in text order."""
    out: list[dict[str, Any]] = []
    for row in view.rows:
        review = row.review
        if review is None or not review.reviewed:
            continue
        out += _reviews_of(view, row, review, organisation)
    return out


def _reviews_of(view: ExportView, row: ClaimRow, review: Review, organisation: str | None) -> list[dict[str, Any]]:
    given = [v for v in review.verdicts if v.status is not None]
    if review.state == "contested":
        return [_claim_review(view, row, v.status or "", v.note, v.updated, _person_or_org(v.reviewer)) for v in given]
    assert review.status is not None
    author: Any
    if organisation:
        author = {"@type": "Organization", "name": organisation}
    elif review.settled is not None:
        author = _person_or_org(review.settled.reviewer)
    else:
        names = sorted({v.reviewer for v in given}) or ["reviewer"]
        author = _person_or_org(names[0]) if len(names) == 1 else [_person_or_org(n) for n in names]
    return [_claim_review(view, row, review.status, review.note, review.updated, author)]


def render(view: ExportView, organisation: str | None = None) -> str:
    data = {"@context": CONTEXT, "@graph": claim_reviews(view, organisation)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


__all__ = ["CONTEXT", "RATING_VALUES", "claim_reviews", "outlet_name", "render"]
