"""Wires the analysis: one spaCy pass per document, then the rule layers.

``parse_texts`` is the batch API: it streams documents in input order through one
``nlp.pipe`` call.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING

from ..model import Document, RawArticle, text_id
from ..model.article import article_from_text
from .attribution import extract_attributions
from .dates import extract_dates
from .entities import extract_entities
from .limits import CHUNK_CHARS, check_length, parse_long
from .nlp import DEFAULT_MODEL, load_nlp
from .numbers import extract_numbers

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def analyze(spacy_doc: Doc, article: RawArticle) -> Document:
    """The document for one article from its parsed spaCy Doc."""
    entities = extract_entities(spacy_doc)
    quotes, sources, claims, terms = extract_attributions(spacy_doc, entities)
    return Document(
        id=text_id(article.text),
        title=article.title,
        published=article.published,
        source=article.source,
        text=article.text,
        entities=tuple(entities),
        numbers=tuple(extract_numbers(spacy_doc)),
        quotes=tuple(quotes),
        sources=tuple(sources),
        claims=tuple(claims),
        dates=tuple(extract_dates(spacy_doc, article.published)),
        terms=tuple(terms),
    )


def parse_texts(
    articles: Iterable[RawArticle | str],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 16,
    n_process: int = 1,
) -> Generator[Document, None, None]:
    """Documents for ``articles`` (RawArticle or plain str), streamed in input order; close
    the generator to stop spaCy's worker processes early."""
    nlp = load_nlp(model)
    waiting: dict[int, tuple[RawArticle, Doc | None]] = {}

    def texts() -> Iterator[tuple[str, int]]:
        # A text over CHUNK_CHARS is parsed here, chunk by chunk (limits.py), and the batch
        # gets an empty placeholder: no batch ever holds more than one chunk of a long text.
        # The context is the index only, so worker processes never receive a text twice.
        for index, article in enumerate(map(_as_article, articles)):
            check_length(article)
            if len(article.text) > CHUNK_CHARS:
                waiting[index] = (article, parse_long(nlp, article.text))
                yield "", index
            else:
                waiting[index] = (article, None)
                yield article.text, index

    for spacy_doc, index in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        article, long_doc = waiting.pop(index)
        yield analyze(spacy_doc if long_doc is None else long_doc, article)


def parse_article(article: RawArticle, *, model: str = DEFAULT_MODEL) -> Document:
    return next(parse_texts([article], model=model))


def _as_article(item: RawArticle | str) -> RawArticle:
    if isinstance(item, RawArticle):
        return item
    return article_from_text(item, source="<text>", fallback_title="Untitled")
