"""Small helpers for character spans over the normalized text."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from spacy.tokens import Doc

POSSESSIVES = ("'s", "\u2019s", "'", "\u2019")
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019()[],;:"

_Item = TypeVar("_Item", bound="tuple[int, int, *tuple[object, ...]]")  # starts with (start, end)
_Numbered = TypeVar("_Numbered")


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy rebuilds the string from every token on each
    read, and the analysis steps each need it (seven reads an article cost more than the
    sentence table)."""
    text = doc.user_data.get("newsreader_text")
    if text is None:
        text = doc.user_data["newsreader_text"] = doc.text
    return text


def trim(text: str, start: int, end: int, chars: str = _EDGE) -> tuple[int, int]:
    """Shrink ``[start, end)`` past surrounding whitespace and punctuation."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def trim_possessive(text: str, start: int, end: int) -> tuple[int, int]:
    """``Joe Biden's`` -> ``Joe Biden``; ``the Ukrainians'`` -> ``the Ukrainians``."""
    for suffix in POSSESSIVES:
        if end - start > len(suffix) and text[start:end].endswith(suffix):
            # A bare apostrophe counts only after an s ("Ukrainians'").
            if len(suffix) == 1 and text[end - 2] not in "sS":
                continue
            return start, end - len(suffix)
    return start, end


def first_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a span at its first newline: spans never cross paragraphs."""
    newline = text.find("\n", start, end)
    return (start, newline) if newline != -1 else (start, end)


def number_ids(prefix: str, items: Iterable[_Item], make: Callable[[_Item, str], _Numbered]) -> list[_Numbered]:
    """Give sorted items ids ``prefix1..N`` through ``make(item, id)``."""
    ordered = sorted(items, key=lambda it: (it[0], it[1]))
    return [make(item, f"{prefix}{i}") for i, item in enumerate(ordered, 1)]
