"""Named date rules: each finds one shape of date expression and resolves it.

Pure Python (no spaCy, no dateparser): :func:`find` scans a string and returns
:class:`Match` objects with offsets into that string, the rule's name and its
resolution against a :class:`Context` (publication date + tense of the governing
verb, which :mod:`.dates` computes from the parse).

Why hand-written (measured on the 153 dates of ``tests/data/dates_numbers``, value
accuracy at the gold granularity): dateparser's ``search_dates`` with RELATIVE_BASE =
publication date and PREFER_DATES_FROM = past scores 0.73 (``benchmarks/eval_dates_numbers.py``),
``datefinder`` 0.43, ``ctparse`` over spaCy's DATE entities 0.41. They resolve every bare
weekday and month one way by a global setting, have no week/month/year periods
("last week" -> a day 7 days back, "this year" -> a day), lose "earlier this month",
turn durations ("two years") into dates, and search_dates returns no offsets. These
rules keep the period's granularity and let the tense of the parse pick a direction.
spaCy's DATE entities are still used (in :mod:`.dates`) to find expressions.

Policy (what is a calendar date here): a point or a named period on the calendar
("Tuesday", "last week" = the ISO week before the publication week, "February 2022",
"this year"). **Durations** ("several days", "three years", "the past year"),
**frequencies** ("annual", "every day"), **ages** ("24-year-old"), **decades**,
**seasons without a year** and vague stretches ("recent years", "these days") are not
calendar dates: no rule matches them, so they are not reported. Vague or anaphoric
points ("a few years ago", "the next day") are reported with ``value = None``.

Known failure classes and the choices made:

* same-day weekday: a weekday equal to the publication weekday resolves to the
  publication date itself (past and future alike), "last/next Friday" never does;
* a bare weekday: past tense = the latest on or before publication, future = the next
  on or after it, present = the nearer of the two (ties: the past), unknown = the past;
* "next Friday" = the first Friday strictly after publication (not "Friday of next
  week"); "last Friday" = the most recent Friday strictly before it;
* "last week" / "next week" / "this week" = ISO weeks (``YYYY-Www``); "the weekend" =
  the ISO week of the Saturday meant by the tense;
* a bare month or day-month ("in June", "Dec. 18") with past tense = the latest such
  on or before publication, with future tense = the next on or after it, in present
  or unknown tense = the nearer of the two (ties: the past); a day-month whose tense
  reading is over 180 days away while the other is within 60 days takes the other
  (the governing verb's tense is not always the date's: "the January 8th deadline
  was set" in a December article);
* "this weekend" on a Saturday or Sunday is the publication week;
* date ranges ("Monday 17th to Friday 21st October") are reported by their parts.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .date_calendar import (
    _AFTER_PREP,
    _MONTH_ABBR,
    _MONTH_NAMES,
    _NOT_THE,
    _PART,
    _WD_PREFIX,
    DAY,
    FUTURE,
    HOLIDAYS,
    MONTH,
    NUMBER,
    PAST,
    PRESENT,
    UNKNOWN,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    Context,
    Groups,
    Match,
    Resolution,
    Rule,
    _count,
    _day,
    _month,
    _relative,
    _required,
    _shift,
    day_month_year,
    iso_week,
    month_year,
    weekday_date,
)

# -- resolvers ------------------------------------------------------------------


def full_date(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "18 December 2024", "December 18, 2024", "Tuesday February 21, 2006"."""
    return _day(int(m.group("year")), _month(m), int(m.group("day")), relative=False)


def iso_date(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "2024-12-18"."""
    return _day(int(m.group("year")), int(m.group("mm")), int(m.group("dd")), relative=False)


def month_with_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "February 2022", "late September 2005", "the end of October 2006"."""
    return Resolution(f"{int(m.group('year')):04d}-{_month(m):02d}", "month", False)


def month_this_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "January of this year", "December last year", "March next year"."""
    offset = {"this": 0, "last": -1, "next": 1}[m.group("which").lower()]
    return _relative(ctx, "month", lambda p: f"{p.year + offset:04d}-{_month(m):02d}")


def day_month_this_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "November 28 this year"."""
    offset = {"this": 0, "last": -1, "next": 1}[m.group("which").lower()]
    if ctx.pub is None:
        return Resolution(None, "day", True)
    return _day(ctx.pub.year + offset, _month(m), int(m.group("day")), relative=True)


def day_month(m: Groups, ctx: Context) -> Resolution | None:
    """ "Dec. 18", "18 December", "Sunday 19th March": year from tense and publication."""
    month, day = _month(m), int(_required(m, "day"))
    if not 1 <= day <= 31:
        return None
    if ctx.pub is None:
        return Resolution(None, "day", True)
    return _day(day_month_year(ctx.pub, month, day, ctx.tense), month, day, relative=True)


def year_only(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "2022", "late 2006", "summer of 2005"; not a house number ("at 1119 Elmwood", before 1500)."""
    if int(m.group("year")) < 1500:
        return None
    return Resolution(m.group("year"), "year", False)


def short_year(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "'82" -> 1982 (the latest such year not after publication)."""
    yy = int(m.group("yy"))
    ref = ctx.pub.year if ctx.pub else dt.date.today().year
    year = (ref // 100) * 100 + yy
    if year > ref:
        year -= 100
    return Resolution(f"{year:04d}", "year", False)


def bare_month(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "in June" (past tense, Dec. article) -> this June; "in March" (future) -> next March."""
    month = _month(m)
    return _relative(ctx, "month", lambda p: f"{month_year(p, month, ctx.tense):04d}-{month:02d}")


def named_month(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "last December" (strictly before publication month), "next March", "this August"."""
    which, month = m.group("which").lower(), _month(m)
    tense = {"last": PAST, "next": FUTURE}.get(which, ctx.tense)
    return _relative(ctx, "month", lambda p: f"{month_year(p, month, tense, strict=which != 'this'):04d}-{month:02d}")


def weekday(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "Tuesday", "on Monday night", "last Thursday", "next Friday", "this Thursday"."""
    wd = WEEKDAYS[m.group("wd").lower()]
    which = (m.group("which") or "").lower()
    if which == "last":
        return _relative(ctx, "day", lambda p: weekday_date(p, wd, -1, strict=True).isoformat())
    if which == "next":
        return _relative(ctx, "day", lambda p: weekday_date(p, wd, +1, strict=True).isoformat())
    if ctx.tense == PRESENT:
        return _relative(ctx, "day", lambda p: _nearer_weekday(p, wd).isoformat())
    direction = +1 if ctx.tense == FUTURE else -1
    return _relative(ctx, "day", lambda p: weekday_date(p, wd, direction).isoformat())


def _nearer_weekday(pub: dt.date, wd: int) -> dt.date:
    """Present tense points either way ("the summit begins Monday", "this follows a drop
    on Thursday"): the nearer of the two such days, the past one on a tie."""
    before, after = weekday_date(pub, wd, -1), weekday_date(pub, wd, +1)
    return after if (after - pub) < (pub - before) else before


_DEICTIC = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


def deictic(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "today", "yesterday", "last night", "tomorrow morning"."""
    key = re.sub(r"\s+", " ", m.group("deixis").lower())
    return _relative(ctx, "day", lambda p: (p + dt.timedelta(days=_DEICTIC[key])).isoformat())


def this_unit(m: Groups, ctx: Context) -> Resolution | None:
    """ "this year", "earlier this month", "last week" (ISO week), "next month"."""
    which = (m.group("which") or "this").lower()
    unit = _required(m, "unit").lower()
    offset = {"last": -1, "next": 1}.get(which, 0)
    return _relative(ctx, unit, lambda p: _shift(p, unit, offset))


def weekend(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "this weekend", "last weekend", "the weekend" -> the ISO week of that Saturday."""
    which = (m.group("which") or "").lower()
    if ctx.pub is not None and ctx.pub.weekday() >= 5 and which == "this":
        return _relative(ctx, "week", iso_week)  # "this weekend" said on a Saturday or Sunday
    if which == "last" or (which != "next" and ctx.tense not in (FUTURE, PRESENT)):
        return _relative(ctx, "week", lambda p: iso_week(weekday_date(p + dt.timedelta(days=1), 5, -1, strict=True)))
    return _relative(ctx, "week", lambda p: iso_week(weekday_date(p, 5, +1, strict=which == "next")))


def ago(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "two days ago", "a year ago", "nearly two years ago"; "a few years ago" -> value None."""
    unit = m.group("unit").lower().rstrip("s")
    n = _count(m.group("n")) if m.group("n") else None
    if n is None:
        return Resolution(None, unit, True)
    return _relative(ctx, unit, lambda p: _shift(p, unit, -n))


def holiday(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "Christmas", "last Christmas", "Australia Day": the day, year by tense."""
    month, day = HOLIDAYS[
        re.sub(r"[\s\u2019]+", lambda s: " " if s.group().isspace() else "'", m.group("holiday").lower())
    ]
    which = (m.group("hwhich") or "").lower()
    if ctx.pub is None:
        return Resolution(None, "day", True)
    tense = {"last": PAST, "next": FUTURE}.get(which, ctx.tense)
    year = day_month_year(ctx.pub, month, day, tense, override=not which)
    if which == "last" and dt.date(year, month, day) == ctx.pub:
        year -= 1
    return _day(year, month, day, relative=True)


def nine_eleven(m: re.Match[str], ctx: Context) -> Resolution | None:
    """ "9/11" names the 2001 attacks."""
    return Resolution("2001-09-11", "day", False)


def anaphoric(m: Groups, ctx: Context) -> Resolution | None:
    """ "the next day", "a day earlier", "the previous year": anchored to another event, value None."""
    unit = _required(m, "aunit").lower().rstrip("s")
    return Resolution(None, unit, True)


def _r(pattern: str, lead: str | None = None) -> re.Pattern[str]:
    """Compile case-insensitively; ``lead`` = the characters a match can start with, a
    lookahead that lets the engine skip most positions of a long text quickly."""
    if lead is not None:
        pattern = rf"(?=[{lead}])(?:{pattern})"
    return re.compile(pattern, re.IGNORECASE)


_MONTH_LINK = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|to|through|until|till)\s+|\s*[-\u2013]\s*)"
_MONTH_LEAD = "adfjlmnost"  # months, "early/late/mid/the end of"
_DAY_LEAD = _MONTH_LEAD + "wt0-9"  # also weekdays and digits


RULES: tuple[Rule, ...] = (
    Rule("iso_date", _r(r"\b(?P<year>\d{4})-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b"), iso_date),
    Rule("full_dmy", _r(rf"\b{_WD_PREFIX}{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}", _DAY_LEAD), full_date),
    Rule("full_mdy", _r(rf"\b{_WD_PREFIX}{MONTH}\s*{DAY},?\s+{YEAR}", _DAY_LEAD), full_date),
    Rule(
        "day_month_this_year",
        _r(rf"\b{MONTH}\s*{DAY}\s+(?P<which>this|last|next)\s+year\b", _MONTH_LEAD),
        day_month_this_year,
    ),
    Rule("month_year", _r(rf"\b{_PART}{MONTH}\s*(?:of\s+)?,?\s*{YEAR}", _MONTH_LEAD), month_with_year),
    Rule(
        "month_this_year",
        _r(rf"\b{_PART}{MONTH}\s+(?:of\s+)?(?P<which>this|last|next)\s+year\b", _MONTH_LEAD),
        month_this_year,
    ),
    Rule(
        "day_month",
        _r(
            rf"\b{_WD_PREFIX}(?:{MONTH}\s*{DAY}(?!\s*(?:,\s*)?\d)|(?:the\s+)?{DAY.replace('day>', 'd2>')}"
            rf"\s+(?:of\s+)?(?P<month2>(?:{_MONTH_NAMES})\b|(?:{_MONTH_ABBR})(?:\.|\b)))",
            _DAY_LEAD,
        ),
        lambda m, c: day_month(_Swap(m), c),
    ),
    Rule(
        "year",
        _r(
            rf"(?:\b(?:early|late|mid|(?:the\s+)?(?:end|beginning|start|middle)\s+of|(?:spring|summer|autumn|fall|winter)"
            rf"(?:\s+of)?)[\s-]+)?(?<![\d$£€.,/]){YEAR}(?!\s*-?\s*year)"
        ),
        year_only,
        open_text=False,
    ),
    Rule("year_after_preposition", _r(rf"{_AFTER_PREP}(?P<d>{YEAR})(?!\s*-?\s*year)"), year_only),
    Rule("short_year", _r(r"(?<![\w])['\u2019](?P<yy>\d\d)\b(?!\s*s\b)"), short_year, open_text=False),
    Rule("named_month", _r(rf"\b(?P<which>last|next|this)\s+{MONTH}(?!\s*\d)"), named_month),
    Rule("bare_month", _r(rf"^{_PART}{MONTH}$"), bare_month, open_text=False),
    Rule(
        "month_after_preposition",
        _r(rf"{_AFTER_PREP}(?P<d>{_PART}{MONTH})(?!\s*(?:\d|of\s+\d|\w+\s+year))"),
        bare_month,
    ),
    # "between March and September", "April, May, July and August": a month coordinated
    # with another month is a month too, with or without a preposition of its own.
    Rule(
        "month_before_month",
        _r(rf"\b(?P<d>{MONTH})(?={_MONTH_LINK}(?=(?-i:[A-Z]))(?:{_MONTH_NAMES})\b)", _MONTH_LEAD),
        bare_month,
    ),
    Rule(
        "month_after_month",
        _r(rf"\b(?=(?-i:[A-Z]))(?:{_MONTH_NAMES}){_MONTH_LINK}(?P<d>{MONTH})(?!\s*\d)", _MONTH_LEAD),
        bare_month,
    ),
    Rule(
        "weekday",
        _r(
            rf"\b(?:(?P<which>last|next|this)\s+)?{WEEKDAY}"
            r"(?:\s+(?:morning|afternoon|evening|night))?"
        ),
        weekday,
    ),
    Rule(
        "deictic",
        _r(
            r"\b(?P<deixis>today|tonight|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)"
            r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)\b"
            r"(?:\s+(?:morning|afternoon|evening|night))?"
        ),
        deictic,
    ),
    Rule(
        "weekend",
        _r(r"\b(?:(?P<which>this|last|next|the)\s+)(?:holiday\s+|long\s+)?weekend\b"),
        weekend,
        anchor="weekend",
    ),
    Rule(
        "this_unit",
        _r(
            rf"(?:\b(?:earlier|later|early|late)\s+(?:in\s+)?)?{_NOT_THE}\b(?P<which>this|last|next)\s+"
            r"(?P<unit>week|month|year)\b|\b(?:earlier|later)\s+in\s+the\s+(?P<unit2>week|month|year)\b",
            "eltn",
        ),
        lambda m, c: this_unit(_Swap(m), c),
    ),
    Rule(
        "ago",
        _r(
            rf"\b(?:(?:just|only|nearly|almost|about|some|around|more\s+than|over|less\s+than)\s+)?"
            rf"(?:{NUMBER}|(?:a\s+few|several|many|some))\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b"
        ),
        ago,
        anchor="ago",
    ),
    Rule(
        "holiday",
        _r(
            r"\b(?:(?P<hwhich>last|next|this)\s+)?(?P<holiday>christmas(?:\s+(?:day|eve))?|new\s+year['\u2019]s\s+(?:day|eve)"
            r"|australia\s+day|halloween|valentine['\u2019]s\s+day|boxing\s+day|independence\s+day)\b"
            r"(?!(?-i:\s+[A-Z]))"
        ),
        holiday,
    ),  # not "Christmas Island"
    Rule("nine_eleven", _r(r"(?<![\d/])9/11(?![\d/])"), nine_eleven, anchor="9/11"),
    Rule(
        "anaphoric",
        _r(
            r"\b(?:the\s+(?:next|following|previous|same)\s+(?P<aunit>day|week|month|year)"
            r"|(?:a|one)\s+(?P<aunit2>day|week|month|year)\s+(?:earlier|later|before))\b"
        ),
        lambda m, c: anaphoric(_Swap(m), c),
    ),
)


class _Swap:
    """A match view that reads alternative groups (``d2``, ``month2``, ``unit2``, ``aunit2``) as the main ones."""

    def __init__(self, m: re.Match[str]) -> None:
        self._m = m

    def group(self, name: str) -> str | None:
        value = self._m.group(name)
        alt = f"{name}2" if name != "day" else "d2"
        if value is None and alt in self._m.re.groupindex:
            value = self._m.group(alt)
        return value


_CAPITALIZED_GROUPS = ("month", "month2", "wd")


def _capitalized(m: re.Match[str]) -> bool:
    """In running text, month and weekday names must be capitalized ("may" is a verb)."""
    for name in _CAPITALIZED_GROUPS:
        if name in m.re.groupindex and m.group(name) and not m.group(name)[0].isupper():
            return False
    return True


def find(text: str, *, open_text: bool) -> list[Match]:
    """Non-overlapping rule matches in ``text``: longest first, then rule order.

    ``open_text=True`` scans running prose with the precise rules only (capitalized
    names); ``False`` is for text spaCy already labelled DATE/TIME and uses all rules.
    """
    candidates: list[tuple[int, int, int, Match]] = []
    lower = text.lower() if any(rule.anchor for rule in RULES) else text
    for order, rule in enumerate(RULES):
        if (open_text and not rule.open_text) or (rule.anchor is not None and rule.anchor not in lower):
            continue
        for m in rule.pattern.finditer(text):
            if m.end() <= m.start() or (open_text and not _capitalized(m)):
                continue
            start, end = m.span("d") if "d" in m.re.groupindex else m.span()
            candidates.append((-(end - start), order, start, Match(start, end, rule.name, m)))
    candidates.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[Match] = []
    for _, _, _, match in candidates:
        if all(match.end <= t.start or match.start >= t.end for t in taken):
            taken.append(match)
    return sorted(taken, key=lambda t: t.start)


@lru_cache(maxsize=16)
def find_in_text(text: str) -> tuple[Match, ...]:
    """``find(text, open_text=True)``, memoized: dates and numbers both scan the same article."""
    return tuple(find(text, open_text=True))


@lru_cache(maxsize=4096)
def find_in_label(text: str) -> tuple[Match, ...]:
    """``find(text, open_text=False)`` for the text of a DATE or TIME entity, memoized: dates
    and numbers both read each one, and "Monday" or "last week" recur across articles."""
    return tuple(find(text, open_text=False))


_BY_NAME = {rule.name: rule for rule in RULES}


def resolve_match(match: Match, ctx: Context) -> Resolution | None:
    """The resolution of one :func:`find` result in ``ctx``."""
    return _BY_NAME[match.rule].resolver(match.pattern, ctx)


def resolve(expr: str, pub: dt.date | None, tense: str = UNKNOWN) -> Resolution | None:
    """Resolve the first date expression in ``expr`` (all rules), or None: handy for tests and tools."""
    for match in find(expr, open_text=False):
        resolution = resolve_match(match, Context(pub, tense))
        if resolution is not None:
            return resolution
    return None
