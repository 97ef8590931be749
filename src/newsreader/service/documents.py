"""Opening and parsing: documents for articles, served from the cache when possible,
parsed otherwise.

This is the one place that decides cache hit or parse, for the CLI and the app alike.
A hit never imports spaCy; misses go through one ``nlp.pipe`` call, in input order,
and a batch streams in chunks (see :func:`documents_for`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from ..analysis.nlp import DEFAULT_MODEL
from ..analysis.version import pipeline_version
from ..lazy import lazy_import
from ..model import Document, RawArticle, text_id
from ..store import DocumentCache, with_metadata

if TYPE_CHECKING:
    from importlib import resources

    from ..analysis import pipeline
else:
    pipeline = lazy_import("newsreader.analysis.pipeline")  # spaCy: only when something is parsed
    resources = lazy_import("importlib.resources")  # only for a zipped install

SAMPLE_NAME = "kursk-2024-12-18.txt"


def sample_path() -> Path:
    """The bundled reference article, from the installed package (straight from disk when
    the package is a folder, as in any normal install)."""
    here = Path(__file__).parent.parent / "data" / SAMPLE_NAME
    if here.is_file():
        return here
    return Path(str(resources.files("newsreader") / "data" / SAMPLE_NAME))


def cached_document(article: RawArticle, cache: DocumentCache | None, model: str = DEFAULT_MODEL) -> Document | None:
    """The cached document for this article (its text, publication date and the current
    pipeline), shown with this article's title and source; None on a miss."""
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
    chunk_size: int = 64,
) -> Iterator[Document]:
    """Documents in input order: cache hits as they are found, misses parsed by one ``nlp.pipe``.

    Everything streams: ``articles`` is read ``chunk_size`` at a time, each chunk's cache
    lookups are done together, and only the chunk in flight (plus what spaCy reads ahead
    for its batches) is held in memory, so a batch of any size runs in bounded memory.
    Parsed documents are written to the cache as they come (per ``chunk_size``). spaCy
    is loaded only when the first miss is reached; an all-hits run never imports it.
    """
    version = pipeline_version(model)
    source = iter(articles)
    order: deque[Document | None] = deque()  # a hit, or None for "the next parsed document"
    to_parse: deque[RawArticle] = deque()

    def advance() -> bool:
        """Read the next chunk of articles and look them up; False when the input is done."""
        chunk = list(islice(source, chunk_size))
        for article in chunk:
            doc = cached_document(article, cache, model)
            order.append(doc)
            if doc is None:
                to_parse.append(article)
        return bool(chunk)

    def misses() -> Iterator[RawArticle]:
        # spaCy pulls from here as it fills its batches; that may read further chunks.
        while True:
            while to_parse:
                yield to_parse.popleft()
            if not advance():
                return

    parsed: Generator[Document, None, None] | None = None
    pending: list[Document] = []
    try:
        while order or advance():
            doc = order.popleft()
            if doc is None:
                if parsed is None:
                    parsed = pipeline.parse_texts(misses(), model=model, n_process=n_process)
                doc = next(parsed)
                pending.append(doc)
                if on_parsed is not None:
                    on_parsed(doc)
                if cache is not None and len(pending) >= chunk_size:
                    cache.put_many(pending, version)
                    pending = []
            yield doc
    finally:
        if parsed is not None:
            parsed.close()  # stops spaCy's worker processes if the consumer stopped early
        if cache is not None and pending:
            cache.put_many(pending, version)


def open_document(article: RawArticle, cache: DocumentCache | None, model: str = DEFAULT_MODEL) -> Document:
    """The document for one article: the cached one, else parsed now (and cached)."""
    return next(iter(documents_for([article], cache, model=model)))
