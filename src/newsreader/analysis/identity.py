"""Who is who across articles: a source's name or description -> a library-wide key.

Pure functions over plain strings, used by the library index (``service/ledger.py``).
Three rules, each with the names that motivated it:

* **People** are one source across articles when their names agree once titles,
  possessives, accents, dots and case are set aside: "President Obama", "Mr Obama's"
  and "obama" are one key (:func:`person_name`). A name given in part ("Obama", "George
  Bush": a family name, or a first and a family name) is the fuller name it is part of
  when exactly one such name is known in the library; with "George W. Bush" and "George
  H. W. Bush" both known, "Bush" and "George Bush" stay as they are, since the text
  does not say which (:func:`merge_people`).
* **Generic descriptions are never merged across articles**: "the government",
  "police", "the company", "a spokesperson", "the report", "you", "someone" name nothing
  outside their article, so their key carries the article (:func:`is_generic`). A name
  with a proper word in it ("the Iranian government", "Reuters", "the SBS report") is
  specific and merges by its words; a few well-known aliases ("U.S.", "US", "United
  States") are one key.
* **Anonymous sources** keep their description and article. They are grouped only where
  the text gives a reason: the same outlet and the same description within a few days
  ("a senior State Department official" in two stories of one paper on consecutive
  days), and that grouping is a guess, shown as one (:func:`group_anonymous`).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

#: Days within which one outlet's identical anonymous descriptions are guessed to be one source.
ANONYMOUS_WINDOW_DAYS = 3

#: Words before a name that say what the person is, not who ("President Obama", "Sen. McCain").
HONORIFICS = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother
    president vice prime minister premier chancellor secretary senator sen rep representative congressman
    congresswoman gov governor mayor judge justice chief gen general col colonel lt lieutenant maj major
    capt captain sgt sergeant adm admiral cmdr commander gov. king queen prince princess sheikh
    ambassador deputy chairman chairwoman chair ceo director spokesman spokeswoman spokesperson
    former acting late then new mp mep""".split()
)
#: Words after a family name that are not the family name ("Martin Luther King Jr.").
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "qc", "kc"})
#: Determiners and possessives before a description ("the government", "its spokesman").
DETERMINERS = frozenset(
    "the a an this that these those its their his her our your my one some another any each both".split()
)
#: Words that name a kind of source, not one source: a description made only of these
#: (and lower-case words) is generic.
GENERIC_WORDS = frozenset(
    """government governments police company companies group groups court courts ministry ministries
    army military campaign authorities authority official officials party parties team agency agencies
    department departments prosecutor prosecutors prosecution council committee board union administration
    spokesman spokeswoman spokesperson spokespeople representative representatives source sources
    report reports statement statements study studies poll polls survey surveys document documents
    filing filings letter letters analysis data figures website video comments comment interview
    newspaper newspapers media press news agency office commission state regime cabinet parliament
    congress senate house lawmakers legislators officers police force forces troops soldiers
    people residents witnesses experts analysts observers critics supporters opponents activists
    organizers organisers others some many most all everyone someone somebody anyone nobody you
    we they he she it i me us them this those these who judge lawyer lawyers attorney attorneys
    doctor doctors scientists researchers teachers students workers leaders leader official firm
    firms bank banks hospital school university city town village county region country nation
    federal national local regional international foreign state-run public private senior top
    unnamed anonymous unidentified several two three four five many various""".split()
)
#: Well-known names written several ways; each maps to one key.
ALIASES = {
    "us": "united states",
    "usa": "united states",
    "united states of america": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "britain": "united kingdom",
    "great britain": "united kingdom",
    "un": "united nations",
    "eu": "european union",
    "nyt": "new york times",
}

_POSSESSIVE = re.compile(r"['’]s?$")
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?\.?", re.UNICODE)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without accents, dots or possessives, words single-spaced: "Mr. Müller's" -> "mr muller"."""
    if text.isascii():  # nothing to decompose (most names): the per-character pass is most of the time
        plain = text
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = []
    for word in _WORD.findall(plain):
        word = _POSSESSIVE.sub("", word.replace(".", "")).casefold()
        if word:
            words.append(word)
    return " ".join(words)


@lru_cache(maxsize=65536)
def person_name(name: str) -> str:
    """A person's name without titles or suffixes, folded: "President Barack Obama's" ->
    "barack obama", "Sen. John McCain" -> "john mccain", "Martin Luther King Jr." ->
    "martin luther king". Empty when nothing but titles is left ("the President")."""
    words = fold(name).split()
    while words and (words[0] in HONORIFICS or words[0] in DETERMINERS):
        words.pop(0)
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def is_generic(description: str) -> bool:
    """True when a description names a kind of source, not one source: every word after the
    determiners is a generic word ("the government", "Police", "a spokesperson", "the
    report", "U.S. officials" is not: "U.S." is a proper word). Pronouns and empty names
    are generic."""
    words = [(fold(w), w) for w in _WORD.findall(description)]
    words = [(folded, w) for folded, w in words if folded and folded not in DETERMINERS]
    for folded, original in words:
        if "." in original.rstrip(".") or (len(original) > 1 and original.isupper()):
            return False  # an abbreviation: "U.S.", "BBC"
        if folded in GENERIC_WORDS:
            continue
        if original[:1].isupper() or any(c.isdigit() for c in original):
            return False  # a proper word: "Reuters", "SBS", "Iranian"
    return True


def organization_name(name: str) -> str:
    """An organisation's or document's name, folded, without determiners, aliases applied:
    "the U.S." -> "united states", "The New York Times" -> "new york times"."""
    words = [w for w in fold(name).split() if w not in DETERMINERS]
    folded = " ".join(words)
    return ALIASES.get(folded, folded)


@dataclass(frozen=True)
class Identity:
    """A source's key in the library. ``scoped`` keys carry the article: they never meet a
    source of another article (generic descriptions, anonymous sources)."""

    key: str
    scoped: bool


def source_identity(kind: str, name: str, description: str, *, doc_id: str, source_id: str) -> Identity:
    """The library key of one source of one article (see the module's rules)."""
    if kind == "person":
        person = person_name(name)
        if person and not is_generic(name):
            return Identity(f"person:{person}", False)
    elif kind in ("organization", "document"):
        if not is_generic(name):
            return Identity(f"{kind}:{organization_name(name)}", False)
    return Identity(f"{kind}:{doc_id[:16]}:{source_id}", True)


def merge_people(names: Iterable[str]) -> dict[str, str]:
    """For folded person names (see :func:`person_name`), the fuller name each partial one
    stands for, when exactly one is known: {"obama": "barack obama"} given "obama" and
    "barack obama"; "bush" maps to nothing given "george w bush" and "george h w bush".
    A partial name is a family name alone, or a first and a family name ("george bush"),
    and it is part of a longer name with that family name (and that first name)."""
    known = set(names)
    by_family: dict[str, list[str]] = defaultdict(list)
    for name in known:
        if name:
            by_family[name.split()[-1]].append(name)
    merged: dict[str, str] = {}
    for candidates in by_family.values():
        for name in candidates:
            fuller = [c for c in candidates if _part_of(name, c)]
            widest = [c for c in fuller if not any(_part_of(c, o) for o in fuller)]
            if len(widest) == 1:
                merged[name] = widest[0]
    return merged


def _part_of(part: str, whole: str) -> bool:
    """ "obama" and "barack obama" are part of "barack hussein obama"; "george w bush" is
    part of nothing (a middle name or initial says which George Bush)."""
    p, w = part.split(), whole.split()
    if len(p) > 2 or len(w) <= len(p) or p[-1] != w[-1]:
        return False
    return len(p) == 1 or p[0] == w[0]


@dataclass(frozen=True)
class AnonymousMention:
    """One anonymous source as the ledger groups it: its key, the outlet that published the
    article (a host name; None when unknown, as for a local file), its description and the
    article's date."""

    key: str
    outlet: str | None
    description: str
    published: str | None


def group_anonymous(mentions: Iterable[AnonymousMention], window_days: int = ANONYMOUS_WINDOW_DAYS) -> dict[str, str]:
    """Guessed groups of anonymous sources: the same outlet, the same description (folded,
    without determiners) and dates no more than ``window_days`` apart, chained ("a senior
    official" on the 1st, 2nd and 4th of one outlet are one guess). Returns each grouped
    key's group key (the earliest member); sources without an outlet, a date, or a partner
    are not in the result. Generic crowd words ("officials", "residents") are never grouped:
    many different people stand behind them."""
    buckets: dict[tuple[str, str], list[tuple[date, str]]] = defaultdict(list)
    for m in mentions:
        if m.outlet is None:
            continue
        description = _one_person(m.description)
        day = _day(m.published) if description else None
        if day is None:
            continue
        buckets[(m.outlet.casefold(), description)].append((day, m.key))
    groups: dict[str, str] = {}
    window = timedelta(days=window_days)
    for members in buckets.values():
        members.sort()
        run: list[tuple[date, str]] = []
        for day, key in members:
            if run and day - run[-1][0] > window:
                _close(run, groups)
                run = []
            run.append((day, key))
        _close(run, groups)
    return groups


def _close(run: list[tuple[date, str]], groups: dict[str, str]) -> None:
    if len(run) > 1:
        head = run[0][1]
        for _, key in run:
            groups[key] = head


@lru_cache(maxsize=65536)
def _one_person(description: str) -> str:
    """The description folded without determiners, or "" when it describes a crowd."""
    folded = " ".join(w for w in fold(description).split() if w not in DETERMINERS)
    return "" if not folded or _plural_crowd(folded) else folded


def _plural_crowd(description: str) -> bool:
    """ "officials", "senior officials", "U.S. officials", "residents": a crowd, not a person."""
    last = description.split()[-1]
    return last.endswith("s") and not last.endswith("ss") and last not in ("spokesperson's",)


@lru_cache(maxsize=8192)
def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def display_name(names: Mapping[str, int]) -> str:
    """The name to show for a merged source: the fullest name, without a title if it was
    ever written so, then the most used ("Barack Obama" over "Obama" and over "President
    Barack Obama")."""
    return max(names, key=lambda n: (len(person_name(n).split()), fold(n) == person_name(n), names[n], n))
