"""Bounds that keep analysis finite on any input: long texts go to spaCy in chunks.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters) and its
parser's memory grows with the length of one text. A text longer than
:data:`CHUNK_CHARS` is therefore cut at paragraph boundaries (at a space when one
line is longer than a chunk, and only as a last resort mid-word) into chunks that
together are exactly the text; :func:`parse_long` has spaCy parse them one at a time and
:func:`merge_chunks` joins their Docs back into one Doc whose ``text`` is the original
text, so every character offset the rule layers produce indexes the whole article.
Texts up to :data:`CHUNK_CHARS` (every real article) take the unchanged one-Doc path.

Analysis time is bounded by :data:`MAX_ANALYSIS_CHARS`: a longer text is refused
before spaCy runs with a one-line :class:`~newsreader.ingest.IngestError` (exit 2 in
the CLI) by :func:`check_length`, which costs one ``len()`` per article. The limit
exists because source resolution compares each speaker with the earlier sources and
entities, so its cost grows faster than the text: measured on 2 shared cores, 300,000
characters of quote-dense text take 23 s and 990,000 take 205 s (575 MB peak either
way, thanks to the chunks); 500,000 keeps the worst case near a minute and is far
above any news article. The chunk tensors are dropped
before merging so memory stays proportional to the token count.

>>> split_chunks("a\\nb\\nc", 4)
[(0, 4), (4, 5)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_import
from ..model import IngestError, RawArticle

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    from spacy import tokens
    from spacy.language import Language
    from spacy.tokens import Doc
else:
    # check_length() runs before anything is parsed: spaCy and numpy only for a long text.
    numpy = lazy_import("numpy")
    tokens = lazy_import("spacy.tokens")

CHUNK_CHARS = 100_000
MAX_ANALYSIS_CHARS = 500_000


def check_length(article: RawArticle, limit: int = MAX_ANALYSIS_CHARS) -> RawArticle:
    """The article, or an :class:`IngestError` when its text is too long to analyse."""
    if len(article.text) > limit:
        raise IngestError(
            article.source,
            f"has {len(article.text):,} characters of text, over the analysis limit of {limit:,}"
            " (split it into smaller files)",
        )
    return article


def split_chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` covering ``text`` exactly, each at most ``size`` characters.

    A chunk ends just after a newline when there is one in its second half, else
    just after a space or tab, else at ``size`` characters.
    """
    if size < 2:
        raise ValueError("chunk size must be at least 2")
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        half = start + size // 2
        cut = text.rfind("\n", half, limit)
        if cut == -1:
            cut = max(text.rfind(" ", half, limit), text.rfind("\t", half, limit))
        end = cut + 1 if cut != -1 else limit
        bounds.append((start, end))
        start = end
    bounds.append((start, n))
    return bounds


def merge_chunks(docs: list[Doc]) -> Doc:
    """One Doc from the Docs of consecutive chunks; its text is the chunks' texts joined."""
    if len(docs) == 1:
        return docs[0]
    # spaCy's doc.pyi omits from_docs' keyword-only ``exclude`` that doc.pyx accepts.
    merged = tokens.Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])  # type: ignore[call-arg]
    expected = sum(len(d.text) for d in docs)
    if len(merged.text) != expected:  # pragma: no cover - guards the offset contract
        raise RuntimeError("merging analysis chunks changed the text length")
    return merged


def parse_long(nlp: Language, text: str, size: int = CHUNK_CHARS) -> Doc:
    """The Doc of a long ``text``, parsed one chunk at a time (peak memory of one chunk)."""
    bounds = split_chunks(text, size)
    docs = [drop_tensor(d) for d in nlp.pipe((text[a:b] for a, b in bounds), batch_size=1)]
    doc = merge_chunks(docs)
    if doc.text != text:  # pragma: no cover - guards the offset contract
        raise RuntimeError("the chunked parse does not reproduce the text")
    return doc


def drop_tensor(doc: Doc) -> Doc:
    """Free a chunk's token vectors (no rule layer reads them) before the chunks are joined."""
    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc
