"""Named entities from spaCy, with possessives trimmed and a canonical name per mention.

"Joe Biden's administration" -> span "Joe Biden"; a later "Biden" gets canonical
"Joe Biden" when that fuller name is in the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Entity
from .spans import first_line, trim, trim_possessive

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Numeric and temporal labels are handled by numbers.py and dates.py.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"}
)
_DETERMINERS = ("the ", "The ")


def extract_entities(doc: Doc) -> list[Entity]:
    text = doc.text
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = first_line(text, ent.start_char, ent.end_char)
        start, end = trim(text, start, end)
        start, end = trim_possessive(text, start, end)
        start, end = trim(text, start, end)
        for det in _DETERMINERS:
            if text.startswith(det, start) and end - start > len(det):
                start += len(det)
        if end > start:
            found.append((start, end, ent.label_))
    names = canonical_names([(text[s:e], label) for s, e, label in found])
    found.sort()
    return [
        Entity(id=f"e{i}", start=s, end=e, text=text[s:e], label=label, canonical=names[(text[s:e], label)])
        for i, (s, e, label) in enumerate(found, 1)
    ]


def canonical_names(mentions: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Map each ``(text, label)`` to its canonical name.

    A PERSON or ORG mention whose words are the tail (or head, for ORGs) of a longer
    mention of the same label takes the longest such name: "Biden" -> "Joe Biden"; a
    one-word PERSON that is no one's tail but heads one longer name takes it ("Sok" ->
    "Sok Eysan": family name first).
    Ambiguous short names ("Smith" with both "John Smith" and "Jane Smith") stay as they are.
    """
    result: dict[tuple[str, str], str] = {}
    distinct = sorted(set(mentions), key=lambda m: -len(m[0]))
    for name, label in distinct:
        result[(name, label)] = name
        if label not in ("PERSON", "ORG"):
            continue
        words = name.split()
        fuller = set()
        for other, other_label in distinct:
            if other_label != label or len(other) <= len(name):
                continue
            other_words = other.split()
            if other_words[-len(words) :] == words or (label == "ORG" and other_words[: len(words)] == words):
                fuller.add(result.get((other, other_label), other))
        if not fuller and label == "PERSON" and len(words) == 1:
            # Family name first ("Sok Eysan" ... "Sok said"): a one-word name that heads
            # exactly one longer name is that person.
            for other, other_label in distinct:
                if other_label == label and len(other) > len(name) and other.split()[0] == name:
                    fuller.add(result.get((other, other_label), other))
        if len(fuller) == 1:
            result[(name, label)] = fuller.pop()
    return result
