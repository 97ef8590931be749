"""The use cases the command line and the app share: open an article (cache hit or
parse), parse a batch, read an input, open the stores, review, export. The UI and the
CLI call these and never re-implement one; this layer ties ingest, analysis, store and
export together.

``from newsreader.service import X`` imports only the submodule that defines ``X``
(module ``__getattr__``): opening a cached article must not pay for the exporters.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .documents import SAMPLE_NAME, cached_document, documents_for, open_document, sample_path
    from .export import export_text, save_export
    from .inputs import is_url, read_input
    from .library import sort_library
    from .review import ReviewSession, ReviewsUnavailable, sentence_at
    from .stores import Stores, open_cache, open_feed_list, open_pages, open_reviews, open_stores

_WHERE = {
    "documents": ("SAMPLE_NAME", "cached_document", "documents_for", "open_document", "sample_path"),
    "export": ("export_text", "save_export"),
    "inputs": ("is_url", "read_input"),
    "library": ("sort_library",),
    "review": ("ReviewSession", "ReviewsUnavailable", "sentence_at"),
    "stores": ("Stores", "open_cache", "open_feed_list", "open_pages", "open_reviews", "open_stores"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [
    "SAMPLE_NAME",
    "ReviewSession",
    "ReviewsUnavailable",
    "Stores",
    "cached_document",
    "documents_for",
    "export_text",
    "is_url",
    "open_cache",
    "open_document",
    "open_feed_list",
    "open_pages",
    "open_reviews",
    "open_stores",
    "read_input",
    "sample_path",
    "save_export",
    "sentence_at",
    "sort_library",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
