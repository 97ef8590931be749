"""Paragraphs as real text has them — the one definition every rule uses.

Articles arrive in three layouts, and a rule that measures "the previous paragraph" by
the previous newline gets two of them wrong:

* one paragraph per line (Wikinews, most extracted text): every newline ends a paragraph;
* blank lines between paragraphs (web pages, e-mail, most plain-text news): the empty
  line is a separator, not a paragraph — ``…," the mayor said.`` / (blank) / ``"Next."``
  are two neighbouring paragraphs, and the second quote continues the mayor;
* hard-wrapped lines (plain-text wire copy, mailing lists): lines of at most ~80
  characters inside blank-line-separated blocks; a single newline is a soft wrap in the
  middle of a sentence, and only the blank line ends the paragraph.

Rule: a text with no blank line is one paragraph per line. A text with blank lines is
one paragraph per block when its blocks' inner lines look wrapped (at most
:data:`WRAP_WIDTH` characters and not ending a sentence, for most of them); otherwise
(blank lines used only for spacing between long one-line paragraphs) every line is a
paragraph. Whitespace-only lines never are paragraphs.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

WRAP_WIDTH = 100
_BLANK = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = ".!?:\"'\u201d\u2019)"


@dataclass(frozen=True)
class Paragraphs:
    spans: tuple[tuple[int, int], ...]  # (start, end) of each paragraph, without edge whitespace
    soft: frozenset[int] = field(default_factory=frozenset)  # offsets of newlines that are wraps
    _starts: tuple[int, ...] = ()

    def index(self, pos: int) -> int:
        """The paragraph holding offset ``pos`` (or the last one starting before it); -1 before the first."""
        return bisect.bisect_right(self._starts, pos) - 1

    def bounds(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the paragraph around ``pos``; a position between paragraphs
        belongs to the one before it."""
        k = self.index(pos)
        return self.spans[k] if k >= 0 else (0, 0)

    def previous(self, pos: int) -> tuple[int, int] | None:
        """The paragraph before the one around ``pos``."""
        k = self.index(pos)
        return self.spans[k - 1] if k >= 1 else None

    def following(self, pos: int) -> tuple[int, int] | None:
        k = self.index(pos)
        return self.spans[k + 1] if 0 <= k + 1 < len(self.spans) else None

    def same(self, a: int, b: int) -> bool:
        """True when offsets ``a`` and ``b`` lie in one paragraph."""
        return self.index(a) == self.index(b)


def paragraphs(text: str) -> Paragraphs:
    """The paragraphs of ``text`` (see the module docstring); cached for the last few texts."""
    return _paragraphs(text)


@lru_cache(maxsize=8)
def _paragraphs(text: str) -> Paragraphs:
    lines = _lines(text)
    blocks = _blocks(lines)
    wrapped = _looks_wrapped(text, blocks)
    spans: list[tuple[int, int]] = []
    soft: set[int] = set()
    if wrapped:
        for block in blocks:
            spans.append((block[0][0], block[-1][1]))
            soft.update(end for _, end in block[:-1])  # the newline right after each inner line
    else:
        spans = [line for block in blocks for line in block]
    starts = tuple(s for s, _ in spans)
    return Paragraphs(tuple(spans), frozenset(soft), starts)


def _lines(text: str) -> list[tuple[int, int] | None]:
    """Each line's (start, end) without edge whitespace, None for a blank line."""
    out: list[tuple[int, int] | None] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + lead + len(stripped)))
        else:
            out.append(None)
        pos += len(line) + 1
    return out


def _blocks(lines: list[tuple[int, int] | None]) -> list[list[tuple[int, int]]]:
    blocks: list[list[tuple[int, int]]] = [[]]
    for line in lines:
        if line is None:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    return [b for b in blocks if b]


def _looks_wrapped(text: str, blocks: list[list[tuple[int, int]]]) -> bool:
    """Blocks separated by blank lines whose inner lines are soft wraps."""
    if len(blocks) < 2 and not _BLANK.search(text):
        return False
    inner = [line for block in blocks for line in block[:-1]]  # lines followed by a line of the same block
    if not inner:
        return False
    short = sum(1 for s, e in inner if e - s <= WRAP_WIDTH)
    open_ended = sum(1 for s, e in inner if text[e - 1] not in _SENTENCE_END)
    return short >= 0.8 * len(inner) and open_ended >= 0.5 * len(inner)
