"""Wires the analysis: one spaCy pass per document, then the rule layers.

``parse_texts`` is the batch API: it streams documents in input order through one
``nlp.pipe`` call.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Iterator

from ..ingest import RawArticle
from ..model import Document, text_id
from .attribution import extract_attributions
from .dates import extract_dates
from .entities import extract_entities
from .nlp import DEFAULT_MODEL, load_nlp
from .numbers import extract_numbers

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def analyze(spacy_doc: "Doc", article: RawArticle) -> Document:
    """The document for one article from its parsed spaCy Doc."""
    entities = extract_entities(spacy_doc)
    quotes, sources, claims = extract_attributions(spacy_doc, entities)
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
    )


def parse_texts(
    articles: Iterable[RawArticle | str],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 16,
    n_process: int = 1,
) -> Iterator[Document]:
    """Documents for ``articles`` (RawArticle or plain str), streamed in input order."""
    nlp = load_nlp(model)
    pairs = ((a.text, a) for a in map(_as_article, articles))
    for spacy_doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        yield analyze(spacy_doc, article)


def parse_article(article: RawArticle, *, model: str = DEFAULT_MODEL) -> Document:
    return next(parse_texts([article], model=model))


def _as_article(item: RawArticle | str) -> RawArticle:
    if isinstance(item, RawArticle):
        return item
    from ..ingest import article_from_text

    return article_from_text(item, source="<text>", fallback_title="Untitled")
