"""Wires the analysis: one spaCy pass per document, then the rule layers.

``parse_texts`` is the batch API: it streams documents in input order through one
``nlp.pipe`` call.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Generator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..model import Document, RawArticle, text_id
from ..model.article import article_from_text
from .attribution import extract_attributions
from .dates import extract_dates
from .entities import extract_entities
from .limits import CHUNK_CHARS, check_length, parse_long
from .nlp import DEFAULT_MODEL, load_nlp
from .numbers import extract_numbers
from .paragraphs import paragraphs
from .spans import doc_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def parse_text(text: str) -> str:
    """The text spaCy parses: ``text`` with each hard-wrapped line joined to the next.

    In wire copy wrapped at ~70 characters a newline falls mid-sentence (``according to
    media`` / ``reports``); the parser reads it as a token of its own and breaks the phrase
    around it. A soft wrap (paragraphs.py) becomes spaces of the same length, so every
    offset into the parse is an offset into ``text``; :func:`analyze` restores the span
    texts from ``text``."""
    soft = paragraphs(text).soft
    if not soft:
        return text
    chars = list(text)
    for end in soft:
        newline = text.find("\n", end)
        for k in range(end, newline + 1 if newline >= 0 else end):
            chars[k] = " "
    return "".join(chars)


def analyze(spacy_doc: Doc, article: RawArticle) -> Document:
    """The document for one article from its parsed spaCy Doc (of ``parse_text(article.text)``)."""
    entities = extract_entities(spacy_doc)
    quotes, sources, claims, terms = extract_attributions(spacy_doc, entities)
    document = Document(
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
    if doc_text(spacy_doc) != article.text:
        document = _retext(document, article.text)
    return document


def _retext(obj: Any, text: str) -> Any:
    """``obj`` with the ``text`` of every span (a dataclass with start, end and text) cut
    from ``text``: the parse joined wrapped lines, the document keeps them."""
    if isinstance(obj, tuple):
        return tuple(_retext(x, text) for x in obj)
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        return obj
    changes = {}
    for f in dataclasses.fields(obj):
        if f.name == "text" and hasattr(obj, "start") and hasattr(obj, "end"):
            changes["text"] = text[obj.start : obj.end]
        elif f.name != "text":
            value = getattr(obj, f.name)
            if isinstance(value, tuple) or dataclasses.is_dataclass(value):
                changes[f.name] = _retext(value, text)
    return dataclasses.replace(obj, **changes)


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
                waiting[index] = (article, parse_long(nlp, parse_text(article.text)))
                yield "", index
            else:
                waiting[index] = (article, None)
                yield parse_text(article.text), index

    for spacy_doc, index in nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        article, long_doc = waiting.pop(index)
        yield analyze(spacy_doc if long_doc is None else long_doc, article)


def parse_article(article: RawArticle, *, model: str = DEFAULT_MODEL) -> Document:
    return next(parse_texts([article], model=model))


def _as_article(item: RawArticle | str) -> RawArticle:
    if isinstance(item, RawArticle):
        return item
    return article_from_text(item, source="<text>", fallback_title="Untitled")
