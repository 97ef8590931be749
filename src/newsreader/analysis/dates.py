"""Date expressions resolved against the publication date.

spaCy's DATE entities find the expressions; :func:`resolve` turns each into an ISO
value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYY-Www``) with a granularity, and
``relative`` = True when the publication date was needed. Without a publication date
relative expressions keep ``value = None``; durations ("several days") are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..model import DateSpan
from .spans import first_line, trim

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

MONTHS = {
    m: i
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        1,
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_FUTURE = re.compile(r"\b(will|would|shall|going to|plans? to|scheduled|expected to|next|upcoming|due to)\b", re.I)


def extract_dates(doc: "Doc", published: str | None) -> list[DateSpan]:
    text = doc.text
    pub = dt.date.fromisoformat(published) if published else None
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start, end = first_line(text, ent.start_char, ent.end_char)
        start, end = trim(text, start, end)
        if end <= start:
            continue
        future = bool(_FUTURE.search(ent.sent.text))
        resolved = resolve(text[start:end], pub, future=future)
        if resolved is None:
            continue
        value, granularity, relative = resolved
        found.append((start, end, value, granularity, relative))
    found.sort()
    return [
        DateSpan(id=f"d{i}", start=s, end=e, text=text[s:e], value=v, granularity=g, relative=r)
        for i, (s, e, v, g, r) in enumerate(found, 1)
    ]


def resolve(expr: str, pub: dt.date | None, *, future: bool = False) -> tuple[str | None, str, bool] | None:
    """``(value, granularity, relative)`` for a date expression, or None for a non-date."""
    e = re.sub(r"\s+", " ", expr.lower().strip(" .,"))
    e = re.sub(r"^(on|in|by|since|from|until|during|the)\s+", "", e)
    # Absolute: 18 December 2024 / December 18, 2024 / 2024-12-18
    m = re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({_MONTH_RE})\.?,? (\d{{4}})\b", e) or None
    if m:
        return _day(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)), relative=False)
    m = re.search(rf"\b({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?,? (\d{{4}})\b", e)
    if m:
        return _day(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)), relative=False)
    m = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", e)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), relative=False)
    m = re.search(rf"\b({_MONTH_RE})\.?,? (\d{{4}})\b", e)
    if m:
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1)]:02d}", "month", False
    # Day and month without a year: Dec. 18 / 18 December
    m = re.search(rf"\b({_MONTH_RE})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b", e) or re.search(
        rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({_MONTH_RE})\b", e
    )
    if m:
        a, b = m.group(1), m.group(2)
        month, day = (MONTHS[a], int(b)) if a in MONTHS else (MONTHS[b], int(a))
        if pub is None:
            return None, "day", True
        year = _year_for_month(pub, month, future)
        return _day(year, month, day, relative=True)
    m = re.fullmatch(r"(?:the )?(?:year )?(\d{4})s?", e)
    if m and not e.endswith("s"):
        return m.group(1), "year", False
    # Relative expressions: need the publication date.
    if e in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return _rel(pub, lambda p: p.isoformat(), "day")
    if e in ("yesterday", "last night"):
        return _rel(pub, lambda p: (p - dt.timedelta(days=1)).isoformat(), "day")
    if e == "tomorrow":
        return _rel(pub, lambda p: (p + dt.timedelta(days=1)).isoformat(), "day")
    m = re.fullmatch(r"(\w+) (days?|weeks?|months?|years?) ago", e)
    if m:
        n = _small_number(m.group(1))
        if n is None:
            return None
        unit = m.group(2).rstrip("s")
        return _rel(pub, lambda p: _shift(p, unit, -n), unit)
    m = re.fullmatch(r"(?:earlier |later )?(this|last|next|past) (week|month|year)", e) or re.fullmatch(
        r"(earlier|later) this (week|month|year)", e
    )
    if m:
        which, unit = m.group(1), m.group(2)
        offset = {"last": -1, "past": -1, "next": 1}.get(which, 0)
        return _rel(pub, lambda p: _shift(p, unit, offset), unit)
    words = e.split()
    if words and words[0] in ("last", "next", "this") and len(words) >= 2 and words[1] in WEEKDAYS:
        direction = {"last": -1, "next": 1, "this": 1 if future else -1}[words[0]]
        return _rel(pub, lambda p: _weekday(p, WEEKDAYS[words[1]], direction, strict=True).isoformat(), "day")
    if words and words[0] in WEEKDAYS:
        return _rel(pub, lambda p: _weekday(p, WEEKDAYS[words[0]], 1 if future else -1).isoformat(), "day")
    if e in MONTHS and len(e) > 3:
        return _rel(pub, lambda p: f"{_year_for_month(p, MONTHS[e], future):04d}-{MONTHS[e]:02d}", "month")
    return None


def _rel(pub: dt.date | None, fn, granularity: str) -> tuple[str | None, str, bool]:  # type: ignore[no-untyped-def]
    return (fn(pub) if pub is not None else None), granularity, True


def _day(year: int, month: int, day: int, *, relative: bool) -> tuple[str | None, str, bool] | None:
    try:
        return dt.date(year, month, day).isoformat(), "day", relative
    except ValueError:
        return None


def _year_for_month(pub: dt.date, month: int, future: bool) -> int:
    """Past tense: the latest such month on or before publication; future: the next one on or after."""
    if future:
        return pub.year if month >= pub.month else pub.year + 1
    return pub.year if month <= pub.month else pub.year - 1


def _weekday(pub: dt.date, weekday: int, direction: int, strict: bool = False) -> dt.date:
    """Most recent ``weekday`` on or before ``pub`` (direction -1), or next on or after (+1)."""
    delta = (pub.weekday() - weekday) % 7 if direction < 0 else (weekday - pub.weekday()) % 7
    if strict and delta == 0:
        delta = 7
    return pub - dt.timedelta(days=delta) if direction < 0 else pub + dt.timedelta(days=delta)


def _shift(pub: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return (pub + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        year, week, _ = (pub + dt.timedelta(weeks=n)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        index = pub.year * 12 + pub.month - 1 + n
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    return f"{pub.year + n:04d}"


def _small_number(word: str) -> int | None:
    from .numbers import SMALL

    if word.isdigit():
        return int(word)
    return SMALL.get(word)
