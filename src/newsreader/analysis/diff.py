"""The structural diff of two versions of one article (issue 23): what changed in meaning.

A news article is revised in place — a toll goes up, a quote is softened or dropped, an
anonymous official gets a name, "Tuesday" becomes "Wednesday". A line diff reports all
of that as noise mixed with paragraphs that only moved. Here the two parsed versions are
compared span by span: quotes by speaker and words, numbers and dates by the words around
them (the sentence, with every number and date in it masked), sources by name. Nothing
depends on positions, so a paragraph moved elsewhere with identical text is no change.

Pure: the model and the standard library only (``difflib``); no spaCy, no store.

Matching is linear-ish, not all-pairs: identical items pair by a hash key first (most of
a revision is unchanged), and the rest are compared only inside a bucket (same speaker,
same unit) and only when they share a word that is rare in the bucket.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, fields
from difflib import SequenceMatcher
from typing import Any

from ..model import Document, Number, Quote, Source

SCHEMA = "newsreader.diff/1"

# -- words ----------------------------------------------------------------------------------

# A word: letters/digits with inner "." "," "'" ("5.6", "1,000", "don't"), or a currency/percent sign.
_WORD = re.compile(r"[^\W_]+(?:[.,'\u2019][^\W_]+)*|[$€£¥%]")
_STOP = frozenset(
    """a an the and or but of to in on at by for with from as is are was were be been being has have
    had do does did that this these those it its he she they we i you his her their our my your him them us
    not no will would could should may might can said says say told according there which who whom what
    when where than then also about into over after before more most some such only very just so if""".split()
)
# Words of an anonymous source's description that say how it was sourced, not who it is.
_SOURCING = frozenset("condition anonymity anonymously authorized publicly speak speaking named identified".split())
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen sen rep gov lt col capt sgt prof jr sr co inc corp ltd no vs etc jan feb mar apr "
    "jun jul aug sep sept oct nov dec u.s u.k u.n a.m p.m".split()
)
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)\]]*(\s+)(?=[\"“‘(\[]?[A-Z0-9])")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_WRAP_WIDTH = 100


def _words(text: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _WORD.finditer(text))


# Titles that come and go with a name between versions ("Ms Plibersek", "Plibersek").
_HONORIFICS = frozenset("mr mrs ms miss mx dr prof sir dame lord lady rev fr".split())


def _name_words(name: str) -> tuple[str, ...]:
    words = _words(name)
    while words and (words[0] in ("a", "an", "the") or words[0] in _HONORIFICS):
        words = words[1:]
    return words


def _name_key(name: str) -> str:
    return " ".join(_name_words(name))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: one per line, or one per blank-line block when the
    blocks' inner lines look hard-wrapped (as ``analysis.paragraphs`` decides, simplified)."""
    if _BLANK_LINE.search(text):
        blocks = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text)]
        inner = [
            line
            for start, end in blocks
            for line in text[start:end].split("\n")[:-1]  # every line of a block but its last
        ]
        wrapped = sum(1 for line in inner if len(line) <= _WRAP_WIDTH and not line.rstrip().endswith((".", "!", "?")))
        if inner and wrapped * 2 > len(inner):
            return [_strip(text, s, e) for s, e in blocks]
    return [_strip(text, m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str, paras: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, never across a paragraph; a rough split is enough:
    a sentence is context for matching, not a unit of the result."""
    spans = []
    for p_start, p_end in paragraphs(text) if paras is None else paras:
        start = p_start
        for m in _SENTENCE_BREAK.finditer(text, p_start, p_end):
            before = text[start : m.start()].rsplit(None, 1)
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
            spans.append((start, m.start(1)))
            start = m.end(1)
        spans.append((start, p_end))
    return spans


# -- results ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadlineChange:
    old: str
    new: str


@dataclass(frozen=True)
class QuoteSide:
    """One version's quote: where it is, its words and who says it."""

    id: str
    start: int
    end: int
    text: str
    speaker: str | None
    direct: bool


@dataclass(frozen=True)
class QuoteChange:
    """``added``, ``removed``, ``reworded`` (same speaker, similar words) or ``reattributed``
    (the same words, now another speaker's)."""

    kind: str
    speaker: str | None
    old: QuoteSide | None
    new: QuoteSide | None
    similarity: float


@dataclass(frozen=True)
class NumberSide:
    id: str
    start: int
    end: int
    text: str
    kind: str
    value: float | None
    unit: str | None


@dataclass(frozen=True)
class NumberChange:
    """A number matched across versions (same unit, same words around it) whose value or
    vague wording changed; ``context`` is the new version's sentence."""

    old: NumberSide
    new: NumberSide
    context: str


@dataclass(frozen=True)
class SourceSide:
    id: str
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class SourceChange:
    """``added``, ``removed``, or ``named``: an anonymous source of the old version that the
    new one names; ``reason`` says why the two are taken for one ("description": the named
    source is described with the anonymous one's words; "quote": a quote moved to it)."""

    kind: str
    old: SourceSide | None
    new: SourceSide | None
    reason: str | None = None


@dataclass(frozen=True)
class DateSide:
    id: str
    start: int
    end: int
    text: str
    value: str | None
    granularity: str | None


@dataclass(frozen=True)
class DateChange:
    old: DateSide
    new: DateSide
    context: str


@dataclass(frozen=True)
class DocumentDiff:
    """What changed between two versions, in meaning; ``to_dict()`` is ``newsreader.diff/1``."""

    old_id: str
    new_id: str
    headline: HeadlineChange | None
    quotes: tuple[QuoteChange, ...]
    numbers: tuple[NumberChange, ...]
    sources: tuple[SourceChange, ...]
    dates: tuple[DateChange, ...]
    text_changed: bool  # some paragraph's words changed (moves alone do not count)
    schema: str = SCHEMA

    @property
    def changed(self) -> bool:
        return bool(self.headline or self.quotes or self.numbers or self.sources or self.dates)

    def summary(self, *, brief: bool = False) -> str:
        """One line for ``newsreader versions``: ``headline changed; 1 number revised ($5.6
        billion → $5.9 billion); 1 quote removed; 1 source named``. ``brief``: counts only,
        comma-separated, for a header line (``1 number revised, 1 quote removed``)."""
        parts = []
        if self.headline:
            parts.append("headline changed")
        if self.numbers:
            parts.append(f"{_count(len(self.numbers), 'number')} revised{_examples(self.numbers, brief)}")
        for kind in ("reworded", "reattributed", "removed", "added"):
            n = sum(1 for q in self.quotes if q.kind == kind)
            if n:
                parts.append(f"{_count(n, 'quote')} {kind}")
        for kind in ("named", "removed", "added"):
            n = sum(1 for s in self.sources if s.kind == kind)
            if n:
                parts.append(f"{_count(n, 'source')} {kind}")
        if self.dates:
            parts.append(f"{_count(len(self.dates), 'date')} moved{_examples(self.dates, brief)}")
        if not parts:
            return "text edited" if self.text_changed else "no change"
        return (", " if brief else "; ").join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "old": self.old_id,
            "new": self.new_id,
            "summary": self.summary(),
            "headline": _plain(self.headline),
            "quotes": _plain(self.quotes),
            "numbers": _plain(self.numbers),
            "sources": _plain(self.sources),
            "dates": _plain(self.dates),
            "text_changed": self.text_changed,
        }


def _examples(changes: Sequence[NumberChange] | Sequence[DateChange], brief: bool) -> str:
    """`` ($5.6 billion → $5.9 billion, …)``: the first two changes; nothing when ``brief``."""
    if brief:
        return ""
    shown = ", ".join(f"{c.old.text} → {c.new.text}" for c in changes[:2])
    return f" ({shown}{', …' if len(changes) > 2 else ''})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _plain(obj: Any) -> Any:
    if hasattr(obj, "__dataclass_fields__"):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, (tuple, list)):
        return [_plain(x) for x in obj]
    return obj


# -- matching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Item:
    index: int  # position in the caller's list
    exact: Hashable  # equal keys pair without scoring (unchanged, wherever it moved)
    bucket: Hashable  # only items of one bucket are compared
    words: tuple[str, ...]  # compared with difflib


_SMALL_BUCKET = 24  # compare every pair below this many candidates
_COMMON = 12  # a word in more items than this of a bucket finds no candidates


def _align(
    old: Sequence[_Item], new: Sequence[_Item], threshold: float
) -> tuple[list[tuple[int, int, float]], list[int], list[int]]:
    """One-to-one pairs ``(old index, new index, similarity)``; then the unpaired indices.

    Equal ``exact`` keys pair first, in order. The rest pair greedily, best similarity first,
    among candidates of one bucket sharing an uncommon word (every pair of a small bucket).
    """
    pairs: list[tuple[int, int, float]] = []
    waiting: dict[Hashable, deque[_Item]] = defaultdict(deque)
    for item in new:
        waiting[item.exact].append(item)
    rest_old = []
    for item in old:
        queue = waiting.get(item.exact)
        if queue:
            pairs.append((item.index, queue.popleft().index, 1.0))
        else:
            rest_old.append(item)
    rest_new = [item for queue in waiting.values() for item in queue]
    rest_new.sort(key=lambda item: item.index)

    by_bucket: dict[Hashable, list[_Item]] = defaultdict(list)
    for item in rest_new:
        by_bucket[item.bucket].append(item)
    postings: dict[Hashable, dict[str, list[_Item]]] = {}
    scored: list[tuple[float, int, int]] = []
    for a in rest_old:
        bucket = by_bucket.get(a.bucket)
        if not bucket:
            continue
        if len(bucket) <= _SMALL_BUCKET:
            candidates: Iterable[_Item] = bucket
        else:
            index = postings.get(a.bucket)
            if index is None:
                index = postings[a.bucket] = defaultdict(list)
                for b in bucket:
                    for word in set(b.words) - _STOP:
                        index[word].append(b)
            found: dict[int, _Item] = {}
            for word in set(a.words) - _STOP:
                posting = index.get(word, ())
                if len(posting) <= _COMMON:
                    found.update((b.index, b) for b in posting)
            candidates = found.values()
        for b in candidates:
            score = _similarity(a.words, b.words, threshold)
            if score >= threshold:
                scored.append((score, a.index, b.index))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in scored:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((i, j, score))
    pairs.sort()
    return (
        pairs,
        [a.index for a in rest_old if a.index not in used_old],
        [b.index for b in rest_new if b.index not in used_new],
    )


def _similarity(a: Sequence[str], b: Sequence[str], floor: float = 0.0) -> float:
    """difflib's ratio of two word lists (0 when a cheap upper bound is already below ``floor``)."""
    if not a and not b:
        return 1.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
        return 0.0
    return matcher.ratio()


# -- one version, prepared ----------------------------------------------------------------------


class _Version:
    """A document's words with every number and date masked, split into paragraphs and
    sentences; which of its paragraphs the other version lacks (``edited``)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        text = doc.text
        spans = sorted(
            [(n.start, n.end, "#n", n.id) for n in doc.numbers] + [(d.start, d.end, "#d", d.id) for d in doc.dates]
        )
        tokens: list[str] = []
        starts: list[int] = []
        self.token_of: dict[str, int] = {}  # number/date id -> its token index
        pos = 0
        for start, end, tag, span_id in spans:
            if start < pos:  # overlaps a span already masked
                continue
            for m in _WORD.finditer(text, pos, start):
                tokens.append(m.group().lower())
                starts.append(m.start())
            self.token_of[span_id] = len(tokens)
            tokens.append(tag)
            starts.append(start)
            pos = end
        for m in _WORD.finditer(text, pos):
            tokens.append(m.group().lower())
            starts.append(m.start())
        self.tokens = tokens
        self.starts = starts
        self.paragraphs = paragraphs(text)
        self._paragraph_starts = [s for s, _ in self.paragraphs]
        self.paragraph_texts = [" ".join(text[s:e].split()) for s, e in self.paragraphs]
        self.other_texts: frozenset[str] = frozenset()  # the other version's paragraphs
        self.sentences = sentences(text, self.paragraphs)
        self._sentence_starts = [s for s, _ in self.sentences]
        self.source_names = {s.id: s.name for s in doc.sources}

    def edited(self, pos: int) -> bool:
        """True when the paragraph around ``pos`` is not, word for word, in the other version.

        A quote or source change in a paragraph both versions have is the parser reading
        the same words in another context (a paragraph moved next to another speaker), not
        an edit: it is not reported.
        """
        k = bisect.bisect_right(self._paragraph_starts, pos) - 1
        return k < 0 or self.paragraph_texts[k] not in self.other_texts

    def masked(self, start: int, end: int) -> tuple[str, ...]:
        """The masked words inside ``[start, end)``."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return tuple(self.tokens[lo:hi])

    def sentence(self, pos: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._sentence_starts, pos) - 1
        return self.sentences[k] if k >= 0 else (0, len(self.doc.text))

    def context(self, span_id: str, start: int) -> tuple[str, ...]:
        """The masked words of the sentence around a number or date, itself marked ``#self``."""
        s, e = self.sentence(start)
        lo = bisect.bisect_left(self.starts, s)
        hi = bisect.bisect_left(self.starts, e)
        words = self.tokens[lo:hi]
        own = self.token_of.get(span_id)
        if own is not None and lo <= own < hi:
            words = [*words[: own - lo], "#self", *words[own - lo + 1 :]]
        return tuple(words)

    def speaker_name(self, quote: Quote) -> str | None:
        if quote.speaker is None:
            return None
        if quote.speaker.source_id in self.source_names:
            return self.source_names[quote.speaker.source_id]
        return quote.speaker.text


# -- the diff -------------------------------------------------------------------------------------


def diff_documents(old: Document, new: Document) -> DocumentDiff:
    """The structural diff of two parsed versions of one article."""
    a, b = _Version(old), _Version(new)
    a.other_texts, b.other_texts = frozenset(b.paragraph_texts), frozenset(a.paragraph_texts)
    headline = HeadlineChange(old.title, new.title) if old.title.strip() != new.title.strip() else None
    numbers = _numbers(a, b)
    dates = _dates(a, b)
    source_map, source_changes = _sources(a, b)
    quotes = _quotes(a, b, source_map)
    return DocumentDiff(
        old_id=old.id,
        new_id=new.id,
        headline=headline,
        quotes=tuple(quotes),
        numbers=tuple(numbers),
        sources=tuple(source_changes),
        dates=tuple(dates),
        text_changed=Counter(a.paragraph_texts) != Counter(b.paragraph_texts),
    )


# numbers


def _number_side(n: Number) -> NumberSide:
    return NumberSide(n.id, n.start, n.end, n.text, n.kind, n.value, n.unit)


def _numbers(a: _Version, b: _Version) -> list[NumberChange]:
    def items(v: _Version) -> list[_Item]:
        out = []
        for k, n in enumerate(v.doc.numbers):
            context = v.context(n.id, n.start)
            out.append(_Item(k, (_norm(n.text), n.unit, context), n.unit, context))
        return out

    pairs, _, _ = _align(items(a), items(b), threshold=0.6)
    changes = []
    for i, j, _score in pairs:
        old, new = a.doc.numbers[i], b.doc.numbers[j]
        if _value_changed(old, new):
            s, e = b.sentence(new.start)
            changes.append(NumberChange(_number_side(old), _number_side(new), b.doc.text[s:e]))
    changes.sort(key=lambda c: c.new.start)
    return changes


def _value_changed(old: Number, new: Number) -> bool:
    if old.value is None and new.value is None:  # vague to vague: "several hundred" -> "hundreds"
        return _norm(old.text) != _norm(new.text)
    if old.value is None or new.value is None:  # vague to a count, or back
        return True
    return abs(old.value - new.value) > 1e-9 * max(abs(old.value), abs(new.value))


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


# dates


def _dates(a: _Version, b: _Version) -> list[DateChange]:
    def items(v: _Version) -> list[_Item]:
        out = []
        for k, d in enumerate(v.doc.dates):
            context = v.context(d.id, d.start)
            out.append(_Item(k, (_norm(d.text), context), None, context))
        return out

    pairs, _, _ = _align(items(a), items(b), threshold=0.6)
    changes = []
    for i, j, _score in pairs:
        old, new = a.doc.dates[i], b.doc.dates[j]
        if old.value != new.value and (old.value or new.value):
            s, e = b.sentence(new.start)
            changes.append(
                DateChange(
                    DateSide(old.id, old.start, old.end, old.text, old.value, old.granularity),
                    DateSide(new.id, new.start, new.end, new.text, new.value, new.granularity),
                    b.doc.text[s:e],
                )
            )
    changes.sort(key=lambda c: c.new.start)
    return changes


# sources


def _source_side(s: Source) -> SourceSide:
    return SourceSide(s.id, s.name, s.kind, s.description)


_NAMED_KINDS = ("person", "organization")


def _sources(a: _Version, b: _Version) -> tuple[dict[str, str], list[SourceChange]]:
    """Old source id -> new source id for the sources both versions have (by name, then by
    family name, then an anonymous source named); and the changes."""
    old_sources, new_sources = a.doc.sources, b.doc.sources

    def items(sources: Sequence[Source]) -> list[_Item]:
        return [_Item(k, _name_key(s.name), None, ()) for k, s in enumerate(sources)]

    pairs, rest_old, rest_new = _align(items(old_sources), items(new_sources), threshold=2.0)  # names only
    mapping = {old_sources[i].id: new_sources[j].id for i, j, _ in pairs}

    # "Doe" and "Jane Doe": one person, whichever version names them in full.
    for i in list(rest_old):
        s = old_sources[i]
        if s.kind != "person":
            continue
        names = set(_name_words(s.name))
        fits = [
            j
            for j in rest_new
            if new_sources[j].kind == "person"
            and _name_words(new_sources[j].name)[-1:] == _name_words(s.name)[-1:]
            and (names <= set(_name_words(new_sources[j].name)) or set(_name_words(new_sources[j].name)) <= names)
        ]
        if len(fits) == 1:
            mapping[s.id] = new_sources[fits[0]].id
            rest_old.remove(i)
            rest_new.remove(fits[0])

    changes = []
    for i, j, reason in _named(a, b, rest_old, rest_new):
        mapping[old_sources[i].id] = new_sources[j].id
        rest_old.remove(i)
        rest_new.remove(j)
        if _edited_at(a, old_sources[i]) or _edited_at(b, new_sources[j]):
            changes.append(SourceChange("named", _source_side(old_sources[i]), _source_side(new_sources[j]), reason))
    changes += [
        SourceChange("removed", _source_side(old_sources[i]), None) for i in rest_old if _edited_at(a, old_sources[i])
    ]
    changes += [
        SourceChange("added", None, _source_side(new_sources[j])) for j in rest_new if _edited_at(b, new_sources[j])
    ]
    return mapping, changes


def _edited_at(v: _Version, source: Source) -> bool:
    """True when a paragraph that mentions or quotes ``source`` was edited (or it is nowhere)."""
    quotes = set(source.quote_ids)
    places = [m.start for m in source.mentions] + [q.start for q in v.doc.quotes if q.id in quotes]
    return not places or any(v.edited(pos) for pos in places)


def _named(a: _Version, b: _Version, rest_old: list[int], rest_new: list[int]) -> list[tuple[int, int, str]]:
    """Anonymous sources of the old version that the new one names: ``(old, new, reason)``.

    Either the named source is described with the anonymous one's words (its head noun and
    most of its modifiers: "a senior official" -> "Jane Doe, a senior official at the
    ministry"), or one of the anonymous source's quotes is now the named source's.
    """
    anonymous = [i for i in rest_old if a.doc.sources[i].kind == "anonymous"]
    named = [j for j in rest_new if b.doc.sources[j].kind in _NAMED_KINDS]
    if not anonymous or not named:
        return []
    moved = _moved_quotes(a, b, anonymous, named)
    described = {j: _described_as(b, b.doc.sources[j]) for j in named}
    scored = []
    for i in anonymous:
        head, modifiers = _head_words(a.doc.sources[i])
        for j in named:
            quotes = moved.get((i, j), 0)
            shared = len(modifiers & described[j])
            by_words = head is not None and head in described[j] and shared * 2 >= len(modifiers)
            if by_words or quotes:
                reason = "description" if by_words else "quote"
                scored.append((2 * quotes + (1 + shared if by_words else 0), i, j, reason))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    out, used_old, used_new = [], set(), set()
    for _score, i, j, reason in scored:
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            out.append((i, j, reason))
    return out


def _head_words(source: Source) -> tuple[str | None, set[str]]:
    """The head noun of an anonymous source ("official") and its other content words."""
    words = [w for w in _words(source.name) if w not in _STOP and w not in _SOURCING]
    if not words:
        words = [w for w in _words(source.description.split(",")[0]) if w not in _STOP and w not in _SOURCING]
    if not words:
        return None, set()
    return words[-1], set(words[:-1])


def _described_as(v: _Version, source: Source) -> set[str]:
    """The words describing a source: its description, the speaker spans of its quotes, and
    the appositive after each mention ("Jane Doe, a senior official at the ministry, said")
    or the title before it ("Senior official Jane Doe")."""
    text = v.doc.text
    words = set(_words(source.description))
    for q in v.doc.quotes:
        if q.speaker is not None and q.speaker.source_id == source.id:
            words.update(_words(q.speaker.text))
    for m in source.mentions:
        after = text[m.end : m.end + 160]
        if after.startswith(","):
            words.update(_words(re.split(r"[,;.!?\n]", after[1:], maxsplit=1)[0]))
        before = re.split(r"[,;.!?\"“”\n]", text[max(0, m.start - 80) : m.start])[-1]
        words.update(_words(before)[-6:])
    return words - _STOP


def _moved_quotes(a: _Version, b: _Version, anonymous: list[int], named: list[int]) -> dict[tuple[int, int], int]:
    """How many quotes of each old anonymous source are now (in similar words) a named one's."""
    old_owner = {q: i for i in anonymous for q in a.doc.sources[i].quote_ids}
    new_owner = {q: j for j in named for q in b.doc.sources[j].quote_ids}
    old_quotes = [q for q in a.doc.quotes if q.id in old_owner]
    new_quotes = [q for q in b.doc.quotes if q.id in new_owner]
    olds = [_Item(k, a.masked(q.start, q.end), None, a.masked(q.start, q.end)) for k, q in enumerate(old_quotes)]
    news = [_Item(k, b.masked(q.start, q.end), None, b.masked(q.start, q.end)) for k, q in enumerate(new_quotes)]
    pairs, _, _ = _align(olds, news, threshold=0.6)
    counts: Counter[tuple[int, int]] = Counter()
    for i, j, _ in pairs:
        counts[(old_owner[old_quotes[i].id], new_owner[new_quotes[j].id])] += 1
    return counts


# quotes


def _standalone(quotes: Sequence[Quote]) -> list[Quote]:
    """Quotes but the fragments inside another quote (``said the plan was "a disaster"``):
    the enclosing quote carries their change."""
    ordered = sorted(quotes, key=lambda q: (q.start, -q.end))
    out: list[Quote] = []
    reach = -1
    for q in ordered:
        if q.end <= reach:
            continue
        out.append(q)
        reach = max(reach, q.end)
    return out


def _quotes(a: _Version, b: _Version, source_map: dict[str, str]) -> list[QuoteChange]:
    old_quotes, new_quotes = _standalone(a.doc.quotes), _standalone(b.doc.quotes)

    def speaker_key(quote: Quote, mapping: Callable[[str], str]) -> Hashable:
        if quote.speaker is None:
            return None
        if quote.speaker.source_id is not None:
            return ("source", mapping(quote.speaker.source_id))
        return ("text", _name_key(quote.speaker.text))

    def items(v: _Version, quotes: Sequence[Quote], mapping: Callable[[str], str]) -> list[_Item]:
        out = []
        for k, q in enumerate(quotes):
            speaker = speaker_key(q, mapping)
            words = v.masked(q.start, q.end)  # numbers and dates masked: their changes are reported as such
            out.append(_Item(k, (speaker, words), speaker, words))
        return out

    olds = items(a, old_quotes, lambda sid: source_map.get(sid, "old:" + sid))
    news = items(b, new_quotes, lambda sid: sid)
    pairs, rest_old, rest_new = _align(olds, news, threshold=0.45)
    changes = []
    for i, j, score in pairs:
        if score < 1.0 and olds[i].words != news[j].words:
            changes.append(_quote_change("reworded", a, b, old_quotes[i], new_quotes[j], score))
    # The same words, now someone else's.
    unbucket = [_Item(it.index, it.words, None, it.words) for it in (olds[i] for i in rest_old)]
    unbucket_new = [_Item(it.index, it.words, None, it.words) for it in (news[j] for j in rest_new)]
    moved, rest_old, rest_new = _align(unbucket, unbucket_new, threshold=0.8)
    for i, j, score in moved:
        changes.append(_quote_change("reattributed", a, b, old_quotes[i], new_quotes[j], score))
    changes += [_quote_change("removed", a, b, old_quotes[i], None, 0.0) for i in rest_old]
    changes += [_quote_change("added", a, b, None, new_quotes[j], 0.0) for j in rest_new]
    changes = [
        c
        for c in changes
        if (c.old is not None and a.edited(c.old.start)) or (c.new is not None and b.edited(c.new.start))
    ]
    changes.sort(key=lambda c: (c.new.start if c.new else -1, c.old.start if c.old else -1))
    return changes


def _quote_change(
    kind: str, a: _Version, b: _Version, old: Quote | None, new: Quote | None, score: float
) -> QuoteChange:
    def side(v: _Version, q: Quote | None) -> QuoteSide | None:
        if q is None:
            return None
        return QuoteSide(q.id, q.start, q.end, q.text, v.speaker_name(q), q.direct)

    old_side, new_side = side(a, old), side(b, new)
    speaker = new_side.speaker if new_side is not None else old_side.speaker if old_side is not None else None
    return QuoteChange(kind, speaker, old_side, new_side, round(score, 3))


# -- the text diff, for display -------------------------------------------------------------------


@dataclass(frozen=True)
class WordEdit:
    """One run of words: ``equal``, ``insert``, ``delete`` or ``replace``; offsets index the
    old and the new text (an empty run where a side has no words)."""

    op: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str


@dataclass(frozen=True)
class ParagraphEdit:
    """A paragraph ``changed`` (with its word runs), ``added`` or ``removed``; offsets of a
    missing side are -1."""

    op: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str
    words: tuple[WordEdit, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = _plain(self)
        return out


def text_diff(old_text: str, new_text: str) -> tuple[ParagraphEdit, ...]:
    """The paragraphs whose words changed, in the new text's order (a removed paragraph after
    the new place of the paragraph before it). A paragraph moved unchanged is not listed."""
    old_paras, new_paras = paragraphs(old_text), paragraphs(new_text)
    old_words = [_words(old_text[s:e]) for s, e in old_paras]
    new_words = [_words(new_text[s:e]) for s, e in new_paras]
    olds = [_Item(k, " ".join(old_text[s:e].split()), None, old_words[k]) for k, (s, e) in enumerate(old_paras)]
    news = [_Item(k, " ".join(new_text[s:e].split()), None, new_words[k]) for k, (s, e) in enumerate(new_paras)]
    pairs, rest_old, rest_new = _align(olds, news, threshold=0.5)
    partner = {i: j for i, j, _ in pairs}
    edits: list[tuple[tuple[int, int], ParagraphEdit]] = []
    for i, j, _score in pairs:
        if olds[i].exact != news[j].exact:  # punctuation or case alone is an edit too
            (os_, oe), (ns, ne) = old_paras[i], new_paras[j]
            words = _word_edits(old_text, os_, oe, new_text, ns, ne)
            edit = ParagraphEdit("changed", os_, oe, ns, ne, old_text[os_:oe], new_text[ns:ne], words)
            edits.append(((j, 1), edit))
    for j in rest_new:
        ns, ne = new_paras[j]
        edits.append(((j, 1), ParagraphEdit("added", -1, -1, ns, ne, "", new_text[ns:ne])))
    for i in rest_old:
        os_, oe = old_paras[i]
        before = next((partner[k] for k in range(i - 1, -1, -1) if k in partner), -1)
        edits.append(((before, 2), ParagraphEdit("removed", os_, oe, -1, -1, old_text[os_:oe], "")))
    edits.sort(key=lambda t: (t[0], t[1].old_start))
    return tuple(edit for _, edit in edits)


def _word_edits(old_text: str, os_: int, oe: int, new_text: str, ns: int, ne: int) -> tuple[WordEdit, ...]:
    old_tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", old_text[os_:oe])]
    new_tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", new_text[ns:ne])]
    a = [old_text[os_ + s : os_ + e] for s, e in old_tokens]
    b = [new_text[ns + s : ns + e] for s, e in new_tokens]
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        o_start = os_ + (old_tokens[i1][0] if i1 < i2 else (old_tokens[i1 - 1][1] if i1 else 0))
        o_end = os_ + (old_tokens[i2 - 1][1] if i1 < i2 else o_start - os_)
        n_start = ns + (new_tokens[j1][0] if j1 < j2 else (new_tokens[j1 - 1][1] if j1 else 0))
        n_end = ns + (new_tokens[j2 - 1][1] if j1 < j2 else n_start - ns)
        out.append(WordEdit(op, o_start, o_end, n_start, n_end, old_text[o_start:o_end], new_text[n_start:n_end]))
    return tuple(out)
