"""A small library for the Sources and Search screens, built by hand (no spaCy): three
articles whose sources, quotes and claims sit at known offsets, in a document cache with
the library index attached as ``open_cache`` attaches it.

- "Council passes the [bold]budget[/bold]…" (2024-03-01): Jane Doe's direct quote about
  the budget far down the text (the article must scroll to it), with a claim; an
  anonymous official's reported words holding a markup-looking ``[@click=app.quit]``.
- "Doe defends the spending plan" (2024-03-05): "Doe" (the same Jane Doe) on the budget
  deficit; "the government" (a generic source: this article only) on budgets.
- "Rain expected all week" (2024-03-07): Sam Lee, about umbrellas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsreader.model import Claim, Document, Quote, Source, Speaker, text_id
from newsreader.service.ledger import Indexer
from newsreader.store import DocumentCache

FILLER = 40  # paragraphs before the council's quote: it is well below the first screen


@dataclass
class Builder:
    """Text written piece by piece, with quotes, claims and sources at their offsets."""

    parts: list[str] = field(default_factory=list)
    pos: int = 0
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    said: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # source id -> quotes, claims

    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def quote(
        self, source_id: str, speaker: str, words: str, *, before: str = "", after: str = "", direct: bool = True
    ) -> Quote:
        """A paragraph ``before“words,” after`` (or, reported, ``before words after``),
        the quote over ``words``, its speaker the first ``speaker`` in it, the claim over
        the whole paragraph."""
        para_start = self.pos
        self.add(before)
        if direct:
            self.add("“")
        start, end = self.add(words)
        if direct:
            self.add(",”")
        self.add(after)
        para_end = self.pos
        name_start = "".join(self.parts).index(speaker, para_start)
        self.add("\n")
        quote = Quote(
            f"q{len(self.quotes) + 1}",
            start,
            end,
            words,
            direct,
            Speaker(speaker, name_start, name_start + len(speaker), source_id),
            None,
        )
        claim_text = "".join(self.parts)[para_start:para_end]
        claim = Claim(f"c{len(self.claims) + 1}", para_start, para_end, claim_text, source_id, "said", (quote.id,))
        self.quotes.append(quote)
        self.claims.append(claim)
        quotes, claims = self.said.setdefault(source_id, ([], []))
        quotes.append(quote.id)
        claims.append(claim.id)
        return quote

    def document(self, title: str, published: str, source: str, sources: list[tuple[str, str, str, str]]) -> Document:
        text = "".join(self.parts).rstrip("\n")
        made = tuple(
            Source(sid, name, kind, description, (), tuple(self.said[sid][0]), tuple(self.said[sid][1]))
            for sid, name, kind, description in sources
        )
        return Document(
            text_id(text),
            title,
            published,
            source,
            text,
            quotes=tuple(self.quotes),
            sources=made,
            claims=tuple(self.claims),
        )


def council() -> Document:
    b = Builder()
    b.add("The council voted at midnight after a long night of talks.\n")
    for i in range(FILLER):
        b.add(f"Paragraph {i + 1} is about the weather in the valley and nothing else at all.\n")
    b.quote("s1", "Jane Doe", "The budget is balanced at last", after=" said Jane Doe.")
    b.quote(
        "s2", "An official", "the [@click=app.quit] vote was close", before="An official said ", after=".", direct=False
    )
    b.add("The meeting ended at dawn.\n")
    return b.document(
        "Council passes the [bold]budget[/bold] after a long night",
        "2024-03-01",
        "https://news.example.org/council",
        [("s1", "Jane Doe", "person", ""), ("s2", "an official", "anonymous", "an official")],
    )


def defends() -> Document:
    b = Builder()
    b.add("Jane Doe spoke to reporters on Tuesday.\n")
    b.quote("s1", "Doe", "We will cut the budget deficit next year", after=" Doe said.")
    b.quote(
        "s2", "The government", "budgets are tight everywhere", before="The government said ", after=".", direct=False
    )
    return b.document(
        "Doe defends the spending plan",
        "2024-03-05",
        "https://news.example.org/doe",
        [("s1", "Doe", "person", ""), ("s2", "the government", "organization", "")],
    )


def rain() -> Document:
    b = Builder()
    b.add("Forecasters expect rain for the whole week.\n")
    b.quote("s1", "Sam Lee", "Bring an umbrella", after=" said Sam Lee.")
    return b.document(
        "Rain expected all week",
        "2024-03-07",
        "https://weather.example.com/rain",
        [("s1", "Sam Lee", "person", "")],
    )


def documents() -> list[Document]:
    return [council(), defends(), rain()]


def library_cache(folder: Path, docs: list[Document] | None = None) -> DocumentCache:
    """A document cache in ``folder`` with the library index beside it, holding ``docs``
    (by default the three articles), indexed as they are put."""
    folder.mkdir(parents=True, exist_ok=True)
    cache = DocumentCache(folder / "cache.sqlite3")
    cache.listeners.append(Indexer(folder / "index.sqlite3"))
    if docs is None:
        docs = documents()
    if docs:
        cache.put_many(docs, "test")
    return cache
