"""Numbers with a kind, a value and a unit.

Starts from spaCy's MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL entities and
normalizes them: "$5.6 billion" -> money 5.6e9 USD; "12%" -> percent 12 %;
"several hundred" casualties -> vague, unit casualties; "thousands of troops" ->
vague, unit troops; "billions of dollars" -> vague, USD.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Number
from .spans import first_line, trim

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

KIND_BY_LABEL = {"MONEY": "money", "PERCENT": "percent", "QUANTITY": "quantity", "CARDINAL": "count", "ORDINAL": "ordinal"}

SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12,
}
SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20, "hundredth": 100,
}
CURRENCY_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "A$": "AUD", "C$": "CAD"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "won": "KRW", "peso": "MXN",
    "pesos": "MXN", "franc": "CHF", "francs": "CHF", "usd": "USD", "eur": "EUR", "gbp": "GBP", "cents": "USD",
}
VAGUE_WORDS = {"several", "some", "few", "many", "dozens", "hundreds", "thousands", "millions", "billions",
               "trillions", "tens", "scores", "numerous", "countless", "multiple", "dozen"}
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
_PLURAL_SCALE = {"dozens", "hundreds", "thousands", "millions", "billions", "trillions", "tens", "scores"}


def extract_numbers(doc: "Doc") -> list[Number]:
    text = doc.text
    found: list[tuple[int, int, str, float | None, str | None]] = []
    for ent in doc.ents:
        kind = KIND_BY_LABEL.get(ent.label_)
        if kind is None:
            continue
        start, end = first_line(text, ent.start_char, ent.end_char)
        start, end = trim(text, start, end, " \t\n\"'\u201c\u201d\u2018\u2019(),;:")
        if end <= start:
            continue
        kind, value, unit = interpret(text[start:end], kind, unit_after(doc, ent))
        found.append((start, end, kind, value, unit))
    found.sort()
    return [
        Number(id=f"n{i}", start=s, end=e, text=text[s:e], kind=k, value=v, unit=u)
        for i, (s, e, k, v, u) in enumerate(found, 1)
    ]


def interpret(span_text: str, kind: str, following: str | None) -> tuple[str, float | None, str | None]:
    """``(kind, value, unit)`` of a number's text; ``following`` is the noun after it."""
    lower = span_text.lower()
    words = re.findall(r"[a-z]+|[$€£¥₹%]", lower)
    if kind == "money":
        unit = currency_of(span_text, words)
        if _is_vague(words):
            return "vague", None, unit
        return "money", parse_value(span_text), unit
    if kind == "percent":
        return "percent", parse_value(span_text), "%"
    if kind == "ordinal":
        return "ordinal", parse_ordinal(lower), None
    if _is_vague(words):
        unit = next((w for w in reversed(words) if w not in VAGUE_WORDS and w not in SCALES and w != "of"), None)
        return "vague", None, unit or following
    value = parse_value(span_text)
    if kind == "quantity":
        unit = next((w for w in reversed(words) if w not in SMALL and w not in SCALES), None)
        return "quantity", value, unit
    return "count", value, following


def _is_vague(words: list[str]) -> bool:
    return any(w in VAGUE_WORDS for w in words) and not any(w.isdigit() for w in words)


def currency_of(span_text: str, words: list[str]) -> str | None:
    for symbol in sorted(CURRENCY_SYMBOLS, key=len, reverse=True):
        if symbol in span_text:
            return CURRENCY_SYMBOLS[symbol]
    for word in words:
        if word in CURRENCY_WORDS:
            return CURRENCY_WORDS[word]
    return None


def parse_value(span_text: str) -> float | None:
    """Digits with scale words ("5.6 billion", "€300m") or spelled-out numbers ("forty-two")."""
    lower = span_text.lower().replace("-", " ")
    match = _NUMBER.search(lower)
    if match:
        value = float(match.group().replace(",", ""))
        rest = lower[match.end():]
        scale = re.match(r"\s*([a-z]+)", rest)
        if scale and scale.group(1) in SCALES:
            value *= SCALES[scale.group(1)]
        return value
    return parse_words(lower.split())


def parse_words(words: list[str]) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word in SMALL:
            current += SMALL[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
            seen = True
        elif word in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[word]
            current = 0.0
            seen = True
        elif word == "and":
            continue
        elif seen:
            break
    return total + current if seen else None


def parse_ordinal(lower: str) -> float | None:
    match = re.match(r"(\d+)(?:st|nd|rd|th)\b", lower)
    if match:
        return float(match.group(1))
    for word, value in ORDINALS.items():
        if lower.endswith(word):
            return float(value)
    return None


def unit_after(doc: "Doc", ent: "Span") -> str | None:
    """The noun a count applies to: "3 troops", "thousands of troops", '"several hundred" casualties'."""
    i = ent.end
    n = len(doc)
    while i < n and (doc[i].is_quote or doc[i].is_punct and doc[i].text in "\"\u201d\u2019"):
        i += 1
    if i < n and doc[i].lower_ == "of" and ent[-1].lower_ in _PLURAL_SCALE | VAGUE_WORDS:
        i += 1
        while i < n and doc[i].pos_ in ("ADJ", "DET", "NUM"):
            i += 1
    while i < n and doc[i].pos_ == "ADJ":
        i += 1
    if i < n and doc[i].pos_ in ("NOUN", "PROPN") and doc[i].is_alpha:
        return doc[i].lower_
    return None
