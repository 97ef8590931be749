"""Exporting: the one path from a document and its reviews to an annotated copy on disk
or on stdout. ``newsreader export`` and the app's ``ctrl+s`` both call
:func:`export_text` and :func:`save_export`, so for the same document, reviews and theme
they write the same bytes.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config.themes import theme_colours
from ..export import render_export
from ..model import Document
from ..store.files import write_atomic
from ..store.reviews import ReviewStore


def export_text(
    doc: Document,
    reviews: ReviewStore | None,
    fmt: str,
    *,
    theme: str | None = None,
    organisation: str | None = None,
) -> str:
    """``doc`` in ``fmt`` with everything the review store holds for it: the claims under
    review (reviewer-added ones in, dismissed ones out and listed as such), each claim's
    status and note, and orphaned reviews. ``theme`` names the theme whose colours an HTML
    export takes (none, or one without a theme file: the default colours); ``organisation``
    (config ``organisation``) signs the agreed verdicts of a ClaimReview export."""
    colours = theme_colours(theme) if fmt == "html" and theme else None
    if reviews is None:
        return render_export(doc, {}, fmt, theme=colours, organisation=organisation)
    claims, found, dismissed = reviews.state(doc)
    return render_export(doc, found, fmt, theme=colours, claims=claims, dismissed=dismissed, organisation=organisation)


def save_export(path: str | os.PathLike[str], content: str, *, force: bool = False) -> Path:
    """Write an export atomically; FileExistsError if ``path`` exists and not ``force``."""
    return write_atomic(path, content, overwrite=force)
