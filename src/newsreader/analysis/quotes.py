"""Direct quotes: spans between double quote marks, found per paragraph in one scan.

Rules (each has a unit test with the sentence that motivated it):

* Straight ``"`` and curly ``\u201c \u201d`` marks (also guillemets); a straight mark
  opens when it follows a space/start/bracket and is followed by a non-space, and
  closes when it follows a non-space and is followed by a space, punctuation or the end.
* A quote interrupted by its attribution ("…," the official said, "…") is two spans.
* Paragraphs are paragraphs.py's: blank lines separate, wrapped lines join.
* A quote still open at the end of a paragraph continues when the next paragraph opens
  with a quote mark (news convention for multi-paragraph quotes); the span then runs
  across the newline.
* Otherwise an unpaired mark is bounded by its paragraph: it yields a span to the
  paragraph end when at least three words follow it, else nothing. It never swallows
  the rest of the article.
* Single quotes inside a double-quoted span are content (nested quotes); two apostrophes
  after a word (``Juncture,’’``) close an open quote like one double mark.

The span excludes the marks themselves: ``"Several hundred casualties ...," the
official said`` gives ``Several hundred casualties ...,``. ``QuoteSpan.opened`` and
``QuoteSpan.closed`` keep the positions of the marks for the speaker search.
"""

from __future__ import annotations

from dataclasses import dataclass

from .paragraphs import paragraphs as paragraph_spans

OPENERS = frozenset("\u201c\u201e\u00ab")
CLOSERS = frozenset("\u201d\u00bb")
STRAIGHT = '"'
MARKS = OPENERS | CLOSERS | {STRAIGHT}
_OPEN_BEFORE = frozenset("([{\u2014\u2013-/:;,")
_CLOSE_AFTER = frozenset(".,;:!?)]}\u2014\u2013-'\u2019")
_MIN_UNPAIRED_WORDS = 3
_EDGE = " \t"


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # first character inside the opening mark
    end: int  # character index of the closing mark (or the paragraph end)
    opened: int  # index of the opening mark
    closed: int  # index just after the closing mark (== end when unpaired)
    title: bool = False  # short Title Case words: a name or title, not a statement

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def _can_open(text: str, i: int, lo: int, hi: int) -> bool:
    c = text[i]
    if c in OPENERS:
        return True
    if c in CLOSERS and c != "\u00bb":
        # a misused closing curly mark still opens in opening context
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        return (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()
    if c != STRAIGHT:
        return False
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return (prev.isspace() or prev in _OPEN_BEFORE) and not nxt.isspace()


def _can_close(text: str, i: int, lo: int, hi: int) -> bool:
    c = text[i]
    if c in CLOSERS:
        return True
    if c in OPENERS:
        return False
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    return not prev.isspace() and (nxt.isspace() or nxt in _CLOSE_AFTER or nxt in MARKS)


def _opens_with_mark(text: str, lo: int, hi: int) -> int | None:
    """Index of the quote mark that starts paragraph ``[lo, hi)``, if any."""
    i = lo
    while i < hi and text[i] in _EDGE:
        i += 1
    if i < hi and text[i] in MARKS and _can_open(text, i, lo, hi):
        return i
    return None


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All direct-quote spans of ``text`` in text order."""
    result: list[QuoteSpan] = []
    paragraphs = paragraph_spans(text).spans
    carry: int | None = None  # opening mark of a quote continued from the previous paragraph
    for n, (lo, hi) in enumerate(paragraphs):
        marks = [i for i in range(lo, hi) if text[i] in MARKS] if _has_mark(text, lo, hi) else []
        doubled = _doubled_closers(text, lo, hi) if marks else set()
        marks = sorted(set(marks) | doubled)
        open_at = carry
        skip = None
        if carry is not None:
            skip = _opens_with_mark(text, lo, hi)  # the continuation mark is not a new quote
        carry = None
        for i in marks:
            if i == skip:
                continue
            if i in doubled:
                if open_at is not None and i > open_at + 1:  # ‘’Juncture,’’ closes with two apostrophes
                    result.append(QuoteSpan(open_at + 1, i, open_at, i + 2, _title_like(text[open_at + 1 : i])))
                    open_at = None
                continue
            if open_at is None:
                if _can_open(text, i, lo, hi):
                    open_at = i
            elif i > open_at + 1 and (_can_close(text, i, lo, hi) or _glued(text, i, lo)):
                result.append(QuoteSpan(open_at + 1, i, open_at, i + 1, _title_like(text[open_at + 1 : i])))
                open_at = None
        if open_at is None:
            continue
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        if nxt is not None and (_opens_with_mark(text, *nxt) is not None or closes_first(text, *nxt)):
            carry = open_at
            continue
        start = open_at + 1
        end = hi
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        if len(text[start:end].split()) >= _MIN_UNPAIRED_WORDS:
            result.append(QuoteSpan(start, end, open_at, end))
    return result


def _doubled_closers(text: str, lo: int, hi: int) -> set[int]:
    """Two apostrophes typed for a closing double mark, right after a word: ``titled
    "Cambodia Civil Society at a Critical Juncture,’’ found that …``. Without this the quote
    ran on to the next mark and swallowed the report's finding."""
    return {
        i
        for i in range(max(lo, 1), hi - 1)
        if text[i] in "'\u2019" and text[i + 1] == text[i] and not text[i - 1].isspace()
    }


def _glued(text: str, i: int, lo: int) -> bool:
    """A straight mark right after a word closes an open quote: ``"foreign terrorist organization"s``."""
    return text[i] == STRAIGHT and i > lo and not text[i - 1].isspace()


def closes_first(text: str, lo: int, hi: int) -> bool:
    """The paragraph's first mark can only close: the previous paragraph's quote runs on.

    ``"What I saw was horrendous. … They didn't know where to go.`` / ``Three women gave
    birth while they were fleeing," she said.``
    """
    for i in range(lo, hi):
        if text[i] in MARKS:
            return _can_close(text, i, lo, hi) and not _can_open(text, i, lo, hi)
    return False


_SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "on", "for", "to", "without", "with", "at", "by", "de"})


def _title_like(body: str) -> bool:
    """A short Title Case span is a name or title, not a quote: ``"The World without Zionism"``,
    ``told "Morning Roundup."`` (US style puts the full stop inside the marks)."""
    return len(body.split()) <= 6 and title_cased(body)


def title_cased(body: str) -> bool:
    """Every word capitalised but the small ones, and no question or exclamation at the end:
    a title or a slogan (``"A CPP Win Means the Whole of Cambodia Wins"``)."""
    words = [w.strip(".,;:!?'\u2019()") for w in body.split()]
    words = [w for w in words if w]
    if not words or body.rstrip()[-1:] in "!?":
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words) and words[0][0].isupper()


def _has_mark(text: str, lo: int, hi: int) -> bool:
    segment = text[lo:hi]
    return any(mark in segment for mark in MARKS)
