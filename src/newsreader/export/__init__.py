"""Annotated copies of a document: Markdown, HTML, JSON, W3C Web Annotations and
schema.org ClaimReview.

Pure rendering over the model: ``render_export(doc, reviews, fmt, claims=…, dismissed=…)``
builds the text. Which claims, reviews and theme colours go in, and writing the file, is
the use case :func:`newsreader.service.export_document`, the one path the command line
and the app both take.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import Claim, Document, Review
from .annotations import render as _render_annotations
from .claimreview import render as _render_claimreview
from .common import build_view
from .html import render as _render_html
from .json_export import render as _render_json
from .markdown import render as _render_markdown

FORMATS = ("md", "html", "json", "annotations", "claimreview")
EXTENSIONS = {
    "md": ".md",
    "html": ".html",
    "json": ".json",
    "annotations": ".jsonld",
    "claimreview": ".claimreview.jsonld",
}


def render_export(
    doc: Document,
    reviews: Mapping[str, Review],
    fmt: str,
    *,
    theme: Mapping[str, str] | None = None,
    claims: Sequence[Claim] | None = None,
    dismissed: Sequence[Claim] = (),
    organisation: str | None = None,
) -> str:
    """The export of ``doc`` with its ``reviews`` (by claim id) in ``fmt``.

    ``claims`` is the list under review (the analysis' claims less dismissed ones, plus
    reviewer-added ones; default: the document's claims) and ``dismissed`` the claims the
    reviewer took out; ``theme`` colours the HTML; ``organisation`` signs ClaimReviews.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}")
    view = build_view(doc, reviews, doc.claims if claims is None else claims, dismissed)
    if fmt == "md":
        return _render_markdown(view)
    if fmt == "html":
        return _render_html(view, theme)
    if fmt == "json":
        return _render_json(view)
    if fmt == "claimreview":
        return _render_claimreview(view, organisation)
    return _render_annotations(view)


__all__ = ["EXTENSIONS", "FORMATS", "render_export"]
