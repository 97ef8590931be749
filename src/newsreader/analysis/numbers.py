"""Numbers with a kind, a value and a unit.

Sources of spans: spaCy's MONEY, PERCENT, QUANTITY, CARDINAL and ORDINAL entities,
plus DATE entities with a number that no date rule reads as a date: durations ("two
days": a count of days) and mislabels ("between 10 and 20" people) - a DATE entity a
date rule resolves is a date and never a number, plus numeric tokens the small model
left untagged ("there were 104 houses"). Four-digit 1xxx/20xx tokens outside entities
are taken for years and skipped.

Each span is then normalized (values by :mod:`.number_words`):

* qualifiers are trimmed off the span ("as many as 300" -> "300");
* "from 9.1% to 9.2%" and "US$63 or £29" are two numbers, not one;
* a range ("between 10 and 20", "$10–$15 billion") is one number whose value is the
  **low bound** (the scale of the high bound applies when the low has none);
* money: value with scale and ISO currency ("$5.6 billion" -> 5.6e9 USD, "€300m" ->
  3e8 EUR, "1.2 trillion yen" -> 1.2e12 JPY, "£5.05" -> 5.05 GBP); a currency symbol
  just outside the entity is pulled in;
* percent: unit "%";
* vague quantities without digits ("several hundred", "thousands", "dozens",
  "billions of dollars") -> kind ``vague``, value None, unit = counted noun or currency;
* counts: unit = the counted noun from the dependency parse (the head of ``nummod``,
  or the object of "of"), lowercased as written ("1,000 outstanding maintenance jobs"
  -> jobs).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Number
from .date_rules import find_in_label, find_in_text
from .number_words import SCALE_WORDS, amounts, currency_of, ordinal_value, parse_words
from .spans import doc_text, first_line, trim

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

KIND_BY_LABEL = {
    "MONEY": "money",
    "PERCENT": "percent",
    "QUANTITY": "quantity",
    "CARDINAL": "count",
    "ORDINAL": "ordinal",
}
VAGUE_WORDS = frozenset(
    {
        "several",
        "some",
        "few",
        "many",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "billions",
        "trillions",
        "tens",
        "scores",
        "numerous",
        "countless",
        "multiple",
    }
)
_QUALIFIER = re.compile(
    r"(?:(?:as\s+(?:many|much|few|little)\s+as|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|up\s+to|"
    r"over|under|about|around|approximately|nearly|almost|roughly|some|just|only|an\s+estimated|estimated|"
    r"a\s+total\s+of|a\s+further|another|the|other|all|well\s+over|close\s+to)\s+)+",
    re.IGNORECASE,
)
_SPLIT = re.compile(r"\s*(?:,\s*)?\b(?:or|and)\b\s*|\s+to\s+", re.IGNORECASE)
_RANGE_SEP = re.compile(r"^\s*(?:[-\u2013\u2014]|to|and)\s*$", re.IGNORECASE)
_SYMBOLS_IN_GAP = re.compile(
    r"[%$\u20ac\u00a3\u00a5]|\bper\s*cent\b|\bpercent\b|\b[A-Z]{1,3}\$|\b(?:dollars?|euros?|pounds?|yen|yuan|[A-Z]{3})\b"
)
_PREFIXED_AMOUNT = re.compile(r"(?:[A-Z]{1,3}\$|[$\u20ac\u00a3\u00a5\u20b9])\d[\d,]*(?:\.\d+)?")
_CLOCK_UNITS = re.compile(r"\b(?:hours?|minutes?|seconds?)\b", re.IGNORECASE)  # "six hours", not "2300 GMT"
_CLOCK_WORDS = frozenset(
    {"gmt", "utc", "est", "edt", "pst", "pdt", "bst", "cet", "a.m.", "p.m.", "am", "pm", "hrs", "o'clock"}
)
_SPELLED_SCALE = re.compile(
    r"\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a\s+few)\s+"
    r"(?:hundred|thousand|million|billion|trillion)\b(?!\s+(?:hundred|thousand|million|billion))",
    re.IGNORECASE,
)
_GLUED_SCALE = re.compile(r"(?:bn|mn|m|k|tn)\b")
_EDGE = " \t\n\"'\u201c\u201d\u2018\u2019(),;:"


def extract_numbers(doc: Doc) -> list[Number]:
    """The article's numbers, sorted by offset, with ids ``n1..nN``."""
    text = doc_text(doc)
    found: list[tuple[int, int, str, float | None, str | None]] = []
    covered: list[tuple[int, int]] = []
    for ent in doc.ents:
        kind = KIND_BY_LABEL.get(ent.label_)
        if (
            kind is None
            and (ent.label_ == "DATE" or (ent.label_ == "TIME" and _CLOCK_UNITS.search(ent.text)))
            and _is_duration(ent, text)
        ):
            kind = "count"
        if kind is None:
            if ent.label_ in ("DATE", "TIME"):
                covered.append((ent.start_char, ent.end_char))
            continue
        covered.append((ent.start_char, ent.end_char))
        start, end = first_line(text, ent.start_char, ent.end_char)
        start = _pull_currency(text, start)
        for s, e, k, v, u in interpret_span(doc, text, start, end, kind):
            found.append((s, e, k, v, u))
    for token in doc:
        if _PREFIXED_AMOUNT.fullmatch(token.text) and not any(s <= token.idx < e for s, e in covered):
            # "worth around NZ$10,000": one token, no entity (the small model misses prefixed dollars)
            found.extend(interpret_span(doc, text, token.idx, token.idx + len(token.text), "money"))
            continue
        if token.like_num and token.text[0].isdigit() and not any(s <= token.idx < e for s, e in covered):
            if re.fullmatch(r"(?:1[0-9]|20)\d\d", token.text):
                continue  # a year
            if token.i + 1 < len(doc) and doc[token.i + 1].lower_ in _CLOCK_WORDS:
                continue  # "2300 GMT", "9 p.m."
            if token.ent_type_ and not (
                token.ent_iob_ == "B" and (token.i + 1 == len(doc) or doc[token.i + 1].ent_iob_ != "I")
            ):
                continue  # part of a name ("Boeing 747"); a lone mislabelled number ("104" as PRODUCT) passes
            found.extend(interpret_span(doc, text, token.idx, token.idx + len(token.text), "count"))
    for m in _SPELLED_SCALE.finditer(text):  # "more than a million workers" the model left untagged
        if not any(s < m.end() and m.start() < e for s, e in covered) and not any(
            f[0] < m.end() and m.start() < f[1] for f in found
        ):
            found.extend(interpret_span(doc, text, m.start(), m.end(), "count"))
    dates = [(m.start, m.end) for m in find_in_text(text)]
    found = [f for f in found if not any(s < f[1] and f[0] < e for s, e in dates)]  # "January 22" is a date
    found.sort()
    return [
        Number(id=f"n{i}", start=s, end=e, text=text[s:e], kind=k, value=v, unit=u)
        for i, (s, e, k, v, u) in enumerate(found, 1)
    ]


def _is_duration(ent: Span, text: str) -> bool:
    """A DATE entity that is a count: "two days", "three years", or a mislabel ("between 10 and 20" people).

    Not when a date rule reads it as a date, nor for ages ("25 years old", "24-year-old").
    """
    if not any(t.like_num for t in ent) or find_in_label(ent.text) or ":" in ent.text:
        return False
    return not re.search(r"\byears?[\s-]+old\b|-year-old\b|\bof\s+age\b", text[ent.start_char : ent.end_char + 5])


def _pull_currency(text: str, start: int) -> int:
    """Extend a span left over a currency symbol or code spaCy left out ("£" + "5.05", "AUD $120 million")."""
    code = re.search(r"\b(?:AUD|NZD|CAD|USD|EUR|GBP|HKD|SGD)\s?\$?$", text[max(0, start - 5) : start])
    if code:
        return start - (len(text[max(0, start - 5) : start]) - code.start())
    for symbol in ("US$", "AU$", "NZ$", "HK$", "C$", "A$", "$", "€", "£", "¥", "₹"):
        if text[max(0, start - len(symbol)) : start] == symbol:
            return start - len(symbol)
    return start


def interpret_span(
    doc: Doc, text: str, start: int, end: int, kind: str
) -> list[tuple[int, int, str, float | None, str | None]]:
    """Numbers in ``text[start:end]`` (``text`` is ``doc.text``): one, or two for "from X to Y" / "X or Y"."""
    start, end = trim(text, start, end, _EDGE)
    lead = _QUALIFIER.match(text, start, end)
    if lead and lead.end() < end:
        start = lead.end()
    if end <= start:
        return []
    span_text = text[start:end]
    is_money = kind == "money" or currency_of(span_text) is not None
    parts = amounts(span_text, money=is_money)
    preceded_by_from = bool(re.search(r"\bfrom\s+$", text[max(0, start - 6) : start], re.IGNORECASE))
    if len(parts) >= 2 and kind != "ordinal":
        raw_gap = span_text[parts[0][1] : parts[1][0]]
        gap = _SYMBOLS_IN_GAP.sub("", raw_gap)
        sep = _SPLIT.search(raw_gap)
        word = gap.strip(" ,").lower()
        between = bool(re.search(r"\bbetween\s+\W?$", text[max(0, start - 9) : start + parts[0][0]], re.IGNORECASE))
        separate = word == "or" or (word == "and" and not between) or (word == "to" and preceded_by_from)
        if sep and _SPLIT.fullmatch(gap) and separate:
            # "from 54,000 to 25,000", "US$63 or £29": separate numbers
            cut, resume = start + parts[0][1] + sep.start(), start + parts[0][1] + sep.end()
            return _one(doc, text, start, cut, kind) + _one(doc, text, resume, end, kind)
    return _one(doc, text, start, end, kind)


def _one(doc: Doc, text: str, start: int, end: int, kind: str) -> list[tuple[int, int, str, float | None, str | None]]:
    start, end = trim(text, start, end, _EDGE)
    glued = _GLUED_SCALE.match(text, end)
    if glued and end > start and text[end - 1].isdigit():
        end = glued.end()  # "€300" + "m"
    span_text = text[start:end]
    if end <= start:
        return []
    currency = currency_of(span_text) or (
        currency_of(text[end : end + 12].split(" and ")[0]) if kind == "money" else None
    )
    words = {w.lower() for w in re.findall(r"[A-Za-z]+", span_text)}
    has_digits = any(c.isdigit() for c in span_text)
    parts = amounts(span_text, money=currency is not None)
    value = _range_value(span_text, parts)
    if kind == "ordinal":
        return [(start, end, "ordinal", ordinal_value(span_text), None)]
    if (
        words & VAGUE_WORDS
        and not has_digits
        and not (words & {"a", "an"} and value is not None and not words & {"few"})
    ):
        if "some" in words and value is not None:
            pass
        else:
            return [(start, end, "vague", None, currency or _counted_noun(doc, start, end))]
    if kind == "percent" or "%" in span_text or re.search(r"\bper\s*cent\b", span_text, re.IGNORECASE):
        return [(start, end, "percent", value, "%")]  # before money: "Ninety per cent" is no cent
    if currency is not None or kind == "money":
        return [(start, end, "money", value, currency)]
    if value is None:
        return []
    if kind == "quantity":
        unit_words = [w for w in re.findall(r"[A-Za-z]+", span_text) if w.lower() not in SCALE_WORDS]
        return [(start, end, "quantity", value, unit_words[-1].lower() if unit_words else None)]
    inside = re.search(r"[\s-]([A-Za-z]+)$", span_text)
    if inside and inside.group(1).lower() not in SCALE_WORDS and parse_words([inside.group(1).lower()])[0] is None:
        return [(start, end, "count", value, inside.group(1).lower())]  # "two days", "four-years"
    return [(start, end, "count", value, _counted_noun(doc, start, end))]


def _range_value(span_text: str, parts: list[tuple[int, int, float, bool]]) -> float | None:
    """Value of a span: the first amount; for a range the low bound, scaled like the high one."""
    if not parts:
        return None
    value = parts[0][2]
    if (
        len(parts) >= 2
        and not parts[0][3]
        and parts[1][3]
        and _RANGE_SEP.match(span_text[parts[0][1] : parts[1][0]].replace("$", "").replace("€", "").replace("£", ""))
    ):
        scale = parts[1][2] / float(re.sub(r"[^\d.]", "", span_text[parts[1][0] : parts[1][1]].split()[0]) or 1)
        value *= scale if scale > 1 else 1
    return value


def _counted_noun(doc: Doc, start: int, end: int) -> str | None:
    """The noun a number counts: "3 troops", "thousands of troops", '"several hundred" casualties'."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    for child in root.children:  # "thousands of troops", "dozens of tax investigators"
        if child.lower_ == "of" and child.i >= span.end:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _noun_text(objects[0])
    head = root.head
    if (
        root.dep_ in ("nummod", "quantmod", "amod", "compound")
        and head.i >= span.end
        and head.pos_ in ("NOUN", "PROPN")
    ):
        return _noun_text(head)
    return _noun_after(doc, span)


def _noun_text(token: Token) -> str | None:
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        return None if token.lower_ in ("us", "u.s.") else token.lower_
    cur = currency_of(token.text)
    if cur is not None and token.lower_ in ("dollars", "euros", "pounds", "yen", "yuan"):
        return cur
    return token.lower_ if token.is_alpha else None


def _noun_after(doc: Doc, span: Span) -> str | None:
    """Fallback: the first noun after the number, past quotes and adjectives."""
    i, n = span.end, len(doc)
    while i < n and (doc[i].is_quote or doc[i].text in '"\u201d\u2019'):
        i += 1
    if i < n and doc[i].lower_ == "of" and span[-1].lower_ in VAGUE_WORDS | set(SCALE_WORDS):
        i += 1
        while i < n and doc[i].pos_ in ("ADJ", "DET", "NUM"):
            i += 1
    while i < n and doc[i].pos_ in ("ADJ", "NOUN") and i + 1 < n and doc[i + 1].pos_ == "NOUN":
        i += 1
    if i < n and doc[i].pos_ == "NOUN" and doc[i].is_alpha:
        return _noun_text(doc[i])
    return None
