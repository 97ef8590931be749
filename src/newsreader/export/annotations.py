"""W3C Web Annotation export (JSON-LD): one Annotation per claim in an AnnotationCollection.

Each annotation targets the claim with a TextQuoteSelector (exact, prefix, suffix) and a
TextPositionSelector (start, end) over the document's normalized text; ``exact`` is
always ``text[start:end]``. Bodies: the claim tag (purpose ``tagging``), its source
(``describing``), the review status (``assessing``) and the note (``commenting``).

The target ``source`` is the article URL when it came from the web, otherwise
``urn:sha256:<document id>``: the id is the hash of exactly the text the positions index.
Orphaned reviews have no place in the text and are left out.
"""

from __future__ import annotations

import json
from typing import Any

from .common import ClaimRow, ExportView, source_label
from .json_export import iso_time

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTEXT_CHARS = 32  # prefix/suffix length


def target_source(view: ExportView) -> str:
    source = view.doc.source
    if source.startswith(("http://", "https://")):
        return source
    return f"urn:sha256:{view.doc.id}"


def annotation(view: ExportView, row: ClaimRow) -> dict[str, Any]:
    text = view.doc.text
    claim = row.claim
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": text[claim.start : claim.end]}
    prefix = text[max(0, claim.start - CONTEXT_CHARS) : claim.start]
    suffix = text[claim.end : claim.end + CONTEXT_CHARS]
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    bodies: list[dict[str, Any]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": "claim"},
        {
            "type": "TextualBody",
            "purpose": "describing",
            "format": "text/plain",
            "value": f"Source: {source_label(row.source)}",
        },
    ]
    if row.reviewer_added:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": "added-by-reviewer"})
    if row.status is not None:
        bodies.append({"type": "TextualBody", "purpose": "assessing", "value": row.status})
    if row.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "format": "text/plain", "value": row.note})
    motivation = "assessing" if row.status else "commenting" if row.note else "highlighting"
    item: dict[str, Any] = {
        "id": f"urn:newsreader:{view.doc.id}:claim:{claim.id}",
        "type": "Annotation",
        "motivation": motivation,
        "body": bodies,
        "target": {
            "source": target_source(view),
            "selector": [quote, {"type": "TextPositionSelector", "start": claim.start, "end": claim.end}],
        },
    }
    if row.review is not None:
        item["modified"] = iso_time(row.review.updated)
    return item


def collection(view: ExportView) -> dict[str, Any]:
    items = [annotation(view, row) for row in view.rows]
    base = f"urn:newsreader:{view.doc.id}:annotations"
    return {
        "@context": CONTEXT,
        "id": base,
        "type": "AnnotationCollection",
        "label": view.doc.title,
        "total": len(items),
        "first": {"id": f"{base}:page1", "type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def render(view: ExportView) -> str:
    return json.dumps(collection(view), ensure_ascii=False, indent=2) + "\n"
