"""The vocabulary and arithmetic the date rules share: month, weekday and number words,
holidays, the regex building blocks, the types a rule works with (:class:`Context`,
:class:`Resolution`, :class:`Match`, :class:`Rule`) and calendar helpers (ISO weeks,
month shifts, which weekday or month a tense points to). Pure Python.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

PAST, FUTURE, PRESENT, UNKNOWN = "past", "future", "present", "unknown"

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
WEEKDAYS = {
    name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
SMALL_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a couple of": 2,
    "a couple": 2,
}
HOLIDAYS = {
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "christmas eve": (12, 24),
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "australia day": (1, 26),
    "halloween": (10, 31),
    "valentine's day": (2, 14),
    "boxing day": (12, 26),
    "independence day": (7, 4),
}

# -- building blocks (case-insensitive; open-text scanning also requires capitals) ----
_MONTH_NAMES = r"january|february|march|april|may|june|july|august|september|october|november|december"
_MONTH_ABBR = r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
MONTH = rf"(?P<month>(?:{_MONTH_NAMES})\b|(?:{_MONTH_ABBR})(?:\.|\b))"
WEEKDAY = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
_WD_PREFIX = r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:the\s+)?)?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b"
YEAR = r"(?P<year>(?:1[0-9]|20)\d\d)(?![\d,]|\s*(?:%|percent))\b"
NUMBER = r"(?P<n>\d+|a couple of|a couple|" + "|".join(k for k in SMALL_NUMBERS if " " not in k) + r")"
_PART = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?"
_NOT_THE = r"(?<!the\s)(?<!The\s)"
_AFTER_PREP = (
    r"\b(?:(?:in|since|until|by|from|during|before|after|early|late|as|to|through)\s+"
    r"(?:(?:at\s+least|as\s+(?:early|late)\s+as|no\s+later\s+than)\s+)?|mid-)"
)  # "until at least 2008"


@dataclass(frozen=True)
class Context:
    """What resolution needs: the publication date and the tense of the governing verb."""

    pub: dt.date | None
    tense: str = UNKNOWN


@dataclass(frozen=True)
class Resolution:
    value: str | None
    granularity: str
    relative: bool


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    rule: str
    pattern: re.Match[str]


Resolver = Callable[["re.Match[str]", Context], "Resolution | None"]


class Groups(Protocol):
    """What a resolver reads of a match: its named groups (a ``re.Match`` or a :class:`_Swap`)."""

    def group(self, name: str, /) -> str | None: ...


def _required(m: Groups, name: str) -> str:
    """A group the rule's pattern always sets (one of its alternatives must match)."""
    value = m.group(name)
    assert value is not None, name
    return value


@dataclass(frozen=True)
class Rule:
    """One date shape. ``open_text``: precise enough to scan running text (with capitals).

    A named group ``d`` narrows the reported span to it ("in June" -> "June").
    """

    name: str
    pattern: re.Pattern[str]
    resolver: Resolver
    open_text: bool = True
    anchor: str | None = None  # a lowercase literal the text must hold, to skip a slow scan


# -- calendar helpers -----------------------------------------------------------


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def shift_month(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def weekday_date(pub: dt.date, weekday: int, direction: int, *, strict: bool = False) -> dt.date:
    """The ``weekday`` on or before ``pub`` (direction -1) or on or after it (+1)."""
    delta = (pub.weekday() - weekday) % 7 if direction < 0 else (weekday - pub.weekday()) % 7
    if strict and delta == 0:
        delta = 7
    return pub + dt.timedelta(days=delta * direction)


def month_year(pub: dt.date, month: int, tense: str, *, strict: bool = False) -> int:
    """The year of a bare month: past -> on/before publication, future -> on/after, else nearer."""
    past = pub.year if month < pub.month or (month == pub.month and not strict) else pub.year - 1
    future = pub.year if month > pub.month or (month == pub.month and not strict) else pub.year + 1
    if tense == PAST:
        return past
    if tense == FUTURE:
        return future
    return past if (pub.month - month) % 12 <= (month - pub.month) % 12 else future


def day_month_year(pub: dt.date, month: int, day: int, tense: str, *, override: bool = True) -> int:
    """The year of a day-month without a year ("Dec. 18"), by tense like :func:`month_year`,
    unless the tense picks a day more than 180 days away while the other reading is
    within 60 days."""

    def valid(year: int) -> dt.date | None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None

    before = max((d for y in range(pub.year - 4, pub.year + 1) if (d := valid(y)) and d <= pub), default=None)
    after = min((d for y in range(pub.year, pub.year + 5) if (d := valid(y)) and d >= pub), default=None)
    chosen = {PAST: before, FUTURE: after}.get(tense)
    other = after if chosen is before else before
    if override and chosen and other and abs((chosen - pub).days) > 180 and abs((other - pub).days) <= 60:
        # "the January 8th deadline was set" in a Dec. 24 article: the tense of "set" is
        # not the tense of the date; a date two weeks away beats one a year back.
        chosen = other
    if chosen:
        return chosen.year
    if before and after:
        return before.year if (pub - before) <= (after - pub) else after.year
    return (before or after or pub).year


def _month(m: Groups) -> int:
    return MONTHS[_required(m, "month").lower().rstrip(".")]


def _day(year: int, month: int, day: int, relative: bool) -> Resolution | None:
    try:
        return Resolution(dt.date(year, month, day).isoformat(), "day", relative)
    except ValueError:
        return None


def _relative(ctx: Context, granularity: str, fn: Callable[[dt.date], str]) -> Resolution:
    return Resolution(fn(ctx.pub) if ctx.pub is not None else None, granularity, True)


def _count(word: str) -> int | None:
    word = re.sub(r"\s+", " ", word.lower())
    return int(word) if word.isdigit() else SMALL_NUMBERS.get(word)


def _shift(pub: dt.date, unit: str, n: int) -> str:
    if unit == "day":
        return (pub + dt.timedelta(days=n)).isoformat()
    if unit == "week":
        return iso_week(pub + dt.timedelta(weeks=n))
    if unit == "month":
        year, month = shift_month(pub.year, pub.month, n)
        return f"{year:04d}-{month:02d}"
    return f"{pub.year + n:04d}"
