"""What the Sources and Search screens share: reaching the library index (from a worker)
and opening a cached article at the places to highlight.

The index sits beside the document cache and opens on first use (``service/stores.py``);
it may be missing (no cache, a file that can't be opened) or empty (nothing indexed
yet): each case is one clear line for the screen to show, never an error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lazy import lazy_import
from ...model import RawArticle
from ...service.stores import indexer_of
from ...store import DocumentCache
from ...store.index import LibraryIndex

if TYPE_CHECKING:
    from textual.app import App

    from . import article as article_screen
else:
    article_screen = lazy_import("newsreader.ui.screens.article")  # built when an article is opened

NOT_INDEXED = "No articles indexed yet — open or parse some, or run `newsreader index rebuild`."
NO_CACHE = "The library index is unavailable: the document cache could not be opened."


def library_index(cache: DocumentCache | None) -> tuple[LibraryIndex | None, str]:
    """The library index and "", or None and the line that says why there is nothing to
    show. It opens the index file (on first use) and counts its articles: call it from a
    worker, not from the UI thread."""
    indexer = indexer_of(cache)
    if indexer is None:
        return None, NO_CACHE
    index = indexer.index
    if index is None:
        return None, indexer.notices[-1] if indexer.notices else NO_CACHE
    if index.count() == 0:
        return None, NOT_INDEXED
    return index, ""


def open_article(
    app: App[object], cache: DocumentCache | None, doc_id: str, matches: article_screen.Matches | None
) -> bool:
    """Push the article ``doc_id`` from the document cache (no parsing), with ``matches``
    highlighted; a notice and False when the cache no longer has it."""
    found = cache.latest(doc_id) if cache is not None else None
    if found is None:
        app.notify(
            "That article is no longer in the library; `newsreader index rebuild` brings the index up to date.",
            severity="warning",
            markup=False,
        )
        return False
    doc, _pipeline = found
    article = RawArticle(title=doc.title, published=doc.published, text=doc.text, source=doc.source)
    app.push_screen(article_screen.ArticleScreen(article, doc=doc, matches=matches))
    return True
