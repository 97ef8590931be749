"""Documents for articles: served from the cache when possible, parsed otherwise.

This is the one place that decides cache hit or parse, for the CLI and the app alike.
A hit never imports spaCy; misses go through one ``nlp.pipe`` call, in input order.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .analysis.nlp import DEFAULT_MODEL
from .analysis.version import pipeline_version
from .ingest import RawArticle
from .model import Document, text_id
from .store import DocumentCache, with_metadata

SAMPLE_NAME = "kursk-2024-12-18.txt"


def sample_path() -> Path:
    """The bundled reference article, from the installed package."""
    return Path(str(resources.files("newsreader").joinpath("data", SAMPLE_NAME)))


def cached_document(article: RawArticle, cache: DocumentCache | None, model: str = DEFAULT_MODEL) -> Document | None:
    if cache is None:
        return None
    doc = cache.get(text_id(article.text), pipeline_version(model), article.published)
    return None if doc is None else with_metadata(doc, title=article.title, source=article.source)


def documents_for(
    articles: Iterable[RawArticle],
    cache: DocumentCache | None,
    *,
    model: str = DEFAULT_MODEL,
    n_process: int = 1,
    on_parsed: Callable[[Document], None] | None = None,
) -> Iterator[Document]:
    """Documents in input order; cache hits first looked up, the misses parsed in one batch.

    Results stream: hits before the first miss are yielded at once, and parsed
    documents are written to the cache as they come (batched per 64 documents).
    """
    articles = list(articles)
    found = [cached_document(a, cache, model) for a in articles]
    misses = [a for a, d in zip(articles, found) if d is None]
    parsed: Iterator[Document] = iter(())
    if misses:
        from .analysis.pipeline import parse_texts

        parsed = parse_texts(misses, model=model, n_process=n_process)
    pending: list[Document] = []
    version = pipeline_version(model)
    try:
        for doc in found:
            if doc is None:
                doc = next(parsed)
                pending.append(doc)
                if on_parsed is not None:
                    on_parsed(doc)
                if cache is not None and len(pending) >= 64:
                    cache.put_many(pending, version)
                    pending = []
            yield doc
    finally:
        if cache is not None and pending:
            cache.put_many(pending, version)
