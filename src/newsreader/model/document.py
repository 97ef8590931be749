"""The document: frozen dataclasses with lossless JSON in schema ``newsreader.document/1``.

Every span indexes ``Document.text`` (Python ``str`` offsets) and satisfies
``text[span.start:span.end] == span.text``. ``Document.to_dict()`` emits exactly the
top-level keys of SPEC §3, lists possibly empty; ``Document.from_dict`` reads them back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA = "newsreader.document/1"
ERROR_SCHEMA = "newsreader.error/1"  # a batch's record for an input that could not be read

NUMBER_KINDS = ("count", "money", "percent", "quantity", "ordinal", "vague")
SOURCE_KINDS = ("person", "organization", "anonymous", "document", "unknown")
GRANULARITIES = ("day", "week", "month", "year")


class SchemaError(ValueError):
    """A JSON document that does not follow ``newsreader.document/1``."""


def text_id(text: str) -> str:
    """The document id: sha256 of the normalized text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entity:
    """A named entity (PERSON, ORG, GPE, …) with the canonical name its mentions share."""

    id: str
    start: int
    end: int
    text: str
    label: str
    canonical: str


@dataclass(frozen=True)
class Number:
    """A number with its kind (count, money, percent, …), value and unit when known."""

    id: str
    start: int
    end: int
    text: str
    kind: str
    value: float | None
    unit: str | None


@dataclass(frozen=True)
class Speaker:
    """The span naming who speaks a quote, and the source it resolves to."""

    text: str
    start: int
    end: int
    source_id: str | None


@dataclass(frozen=True)
class Cue:
    """The reporting verb or phrase of a quote ("said", "according to")."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Statement:
    """The reported statement a mixed quote's words belong to (``said the plan was "a
    disaster"`` -> ``the plan was "a disaster"``)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Quote:
    """A direct (quoted) or indirect (reported) statement, with speaker and cue."""

    id: str
    start: int
    end: int
    text: str
    direct: bool
    speaker: Speaker | None
    cue: Cue | None
    # A quoted fragment inside the reporter's own sentence (``said the plan was "a
    # disaster"``): the speaker's words, but not a stand-alone utterance. Always direct.
    mixed: bool = False
    # For a mixed quote, the whole reported statement it sits in, when one was found: one
    # quote of that speaker, not a quote plus a reported statement around it.
    statement: Statement | None = None


@dataclass(frozen=True)
class Mention:
    """Where in the text a source is named or referred to."""

    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """Who the article rests on: a person, organization, document or anonymous source."""

    id: str
    name: str
    kind: str
    description: str
    mentions: tuple[Mention, ...] = ()
    quote_ids: tuple[str, ...] = ()
    claim_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Claim:
    """A checkable statement of the article, attributed to a source when it has one."""

    id: str
    start: int
    end: int
    text: str
    source_id: str | None
    cue: str | None
    quote_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class DateSpan:
    """A date expression with its value resolved against the publication date."""

    id: str
    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None
    relative: bool


@dataclass(frozen=True)
class Term:
    """Quoted words that are nobody's statement: a scare quote, a term, a nickname, a title
    (``the so-called "smart" meters``, ``told "Morning Roundup."``). Never a quote or claim."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """One analysed article: its text and every span found in it (SPEC §3)."""

    id: str
    title: str
    published: str | None
    source: str
    text: str
    entities: tuple[Entity, ...] = ()
    numbers: tuple[Number, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sources: tuple[Source, ...] = ()
    claims: tuple[Claim, ...] = ()
    dates: tuple[DateSpan, ...] = ()
    terms: tuple[Term, ...] = ()
    schema: str = field(default=SCHEMA)

    # -- JSON ---------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "text": self.text,
            "entities": [_plain(e) for e in self.entities],
            "numbers": [_plain(n) for n in self.numbers],
            "quotes": [_plain(q) for q in self.quotes],
            "sources": [_plain(s) for s in self.sources],
            "claims": [_plain(c) for c in self.claims],
            "dates": [_plain(d) for d in self.dates],
            "terms": [_plain(t) for t in self.terms],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            raise SchemaError(f"not a {SCHEMA} document")
        try:
            return cls(
                schema=data["schema"],
                id=data["id"],
                title=data["title"],
                published=data["published"],
                source=data["source"],
                text=data["text"],
                entities=tuple(Entity(**e) for e in data["entities"]),
                numbers=tuple(
                    Number(**{**n, "value": None if n["value"] is None else float(n["value"])}) for n in data["numbers"]
                ),
                quotes=tuple(_quote(q) for q in data["quotes"]),
                sources=tuple(_source(s) for s in data["sources"]),
                claims=tuple(Claim(**{**c, "quote_ids": tuple(c["quote_ids"])}) for c in data["claims"]),
                dates=tuple(DateSpan(**d) for d in data["dates"]),
                terms=tuple(Term(**t) for t in data.get("terms", ())),
            )
        except (KeyError, TypeError) as exc:
            raise SchemaError(f"malformed {SCHEMA} document: {exc}") from exc

    @classmethod
    def from_json(cls, payload: str) -> Document:
        try:
            data = json.loads(payload)
        except json.JSONDecodeError as exc:
            raise SchemaError(f"invalid JSON: {exc}") from exc
        return cls.from_dict(data)

    # -- helpers ------------------------------------------------------------
    def source_by_id(self, source_id: str | None) -> Source | None:
        for source in self.sources:
            if source.id == source_id:
                return source
        return None

    def iter_spans(self) -> Iterator[tuple[str, int, int, str | None]]:
        """Every span in the document as ``(kind, start, end, text)``.

        Mentions carry no text of their own: their ``text`` is ``None``.
        """
        for e in self.entities:
            yield "entity", e.start, e.end, e.text
        for n in self.numbers:
            yield "number", n.start, n.end, n.text
        for q in self.quotes:
            yield "quote", q.start, q.end, q.text
            if q.speaker is not None:
                yield "speaker", q.speaker.start, q.speaker.end, q.speaker.text
            if q.cue is not None:
                yield "cue", q.cue.start, q.cue.end, q.cue.text
            if q.statement is not None:
                yield "statement", q.statement.start, q.statement.end, q.statement.text
        for s in self.sources:
            for m in s.mentions:
                yield "mention", m.start, m.end, None
        for c in self.claims:
            yield "claim", c.start, c.end, c.text
        for d in self.dates:
            yield "date", d.start, d.end, d.text
        for t in self.terms:
            yield "term", t.start, t.end, t.text

    def span_errors(self) -> list[str]:
        """Violations of the span invariant (empty when the document is sound)."""
        problems = []
        n = len(self.text)
        for kind, start, end, text in self.iter_spans():
            if not (0 <= start <= end <= n):
                problems.append(f"{kind} [{start}:{end}] outside text of length {n}")
            elif text is not None and self.text[start:end] != text:
                problems.append(f"{kind} [{start}:{end}] text {text!r} != {self.text[start:end]!r}")
        return problems


def _plain(obj: Any) -> Any:
    """A dataclass (nested) as JSON-ready dicts and lists, in field order."""
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (tuple, list)):
        return [_plain(x) for x in obj]
    return obj


def _quote(q: dict[str, Any]) -> Quote:
    speaker = q.get("speaker")
    cue = q.get("cue")
    statement = q.get("statement")
    return Quote(
        id=q["id"],
        start=q["start"],
        end=q["end"],
        text=q["text"],
        direct=q["direct"],
        speaker=Speaker(**speaker) if speaker is not None else None,
        cue=Cue(**cue) if cue is not None else None,
        mixed=bool(q.get("mixed", False)),
        statement=Statement(**statement) if statement is not None else None,
    )


def _source(s: dict[str, Any]) -> Source:
    return Source(
        id=s["id"],
        name=s["name"],
        kind=s["kind"],
        description=s["description"],
        mentions=tuple(Mention(**m) for m in s["mentions"]),
        quote_ids=tuple(s["quote_ids"]),
        claim_ids=tuple(s["claim_ids"]),
    )
