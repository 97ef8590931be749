"""Date expressions of a parsed article, resolved against its publication date.

Where the expressions come from (measured on the Wikinews corpus, see
``benchmarks/eval_dates_numbers.py``):

* spaCy's DATE and TIME entities: inside them every rule of :mod:`.date_rules` may
  fire, and the span is narrowed to the rule's match ("an interview last week" ->
  "last week"); entities no rule matches are durations, ages or frequencies and are
  dropped on purpose (see the policy in :mod:`.date_rules`);
* the precise rules also scan the running text, because the small model misses
  dates ("plans to begin code-sharing ... as early as November" has no DATE entity).
  Overlaps keep the longest match. spaCy's DATE entities that no rule reads
  ("between 10 and 20" people, "1119 Elmwood") are not dates.

Each match is resolved in a :class:`~.date_rules.Context` of the publication date
and the **tense of the verb that governs the date in the dependency parse**, not a
regex over the sentence: the date's head chain is climbed to its verb; a ``will`` /
``shall`` / modal auxiliary, or an infinitive under "plan/expect/schedule/…" is
future; a past-tense verb or auxiliary, or a present perfect, is past; a finite
present is present; participles and infinitives inherit the tense of their head.
"since" before a date forces the past, "until" the future.

dateparser is not used at run time: it is slow to import and call per entity and it
is less accurate on these expressions (the benchmark prints both).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..model import DateSpan
from .date_calendar import FUTURE, PAST, PRESENT, UNKNOWN, Context, Match
from .date_rules import find_in_label, find_in_text, resolve_match
from .spans import doc_text

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

ENTITY_LABELS = ("DATE", "TIME")
_FUTURE_AUX = frozenset(
    {"will", "'ll", "\u2019ll", "shall", "wo", "would", "'d", "may", "might", "could", "should", "must", "can", "ca"}
)
_INTENT = frozenset(
    {
        "plan",
        "expect",
        "schedule",
        "set",
        "due",
        "hope",
        "intend",
        "aim",
        "want",
        "seek",
        "prepare",
        "promise",
        "vow",
        "pledge",
        "agree",
        "decide",
        "propose",
        "threaten",
        "go",
        "likely",
        "able",
    }
)


def extract_dates(doc: Doc, published: str | None) -> list[DateSpan]:
    """The article's calendar dates, sorted by offset, with ids ``d1..dN``."""
    text = doc_text(doc)
    pub = _parse_published(published)
    candidates: list[tuple[int, int, Match]] = []
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS:
            segment = text[ent.start_char : ent.end_char]
            for match in find_in_label(segment):
                candidates.append((ent.start_char + match.start, ent.start_char + match.end, match))
    for match in find_in_text(text):
        candidates.append((match.start, match.end, match))
    found: list[tuple[int, int, str | None, str, bool]] = []
    taken: list[tuple[int, int]] = []
    for start, end, match in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        if "\n" in text[start:end] or any(start < e and end > s for s, e in taken):
            continue
        resolution = resolve_match(match, Context(pub, tense_at(doc, start, end)))
        if resolution is None:
            continue
        taken.append((start, end))
        found.append((start, end, resolution.value, resolution.granularity, resolution.relative))
    found.sort()
    return [
        DateSpan(id=f"d{i}", start=s, end=e, text=text[s:e], value=v, granularity=g, relative=r)
        for i, (s, e, v, g, r) in enumerate(found, 1)
    ]


def _parse_published(published: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(published) if published else None
    except ValueError:
        return None


def tense_at(doc: Doc, start: int, end: int) -> str:
    """Tense (past|future|present|unknown) of the verb governing the characters ``[start, end)``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return UNKNOWN
    first = span[0]
    if first.i > 0:
        before = doc[first.i - 1].lower_
        if before == "since":
            return PAST
        if before in ("until", "till"):
            return FUTURE
    token = span.root
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.tag_ == "MD":
            return verb_tense(token)
        if token.head.i == token.i:
            return UNKNOWN
        token = token.head
    return UNKNOWN


def verb_tense(verb: Token, depth: int = 0) -> str:
    """Tense of one verb from its auxiliaries and tag; non-finite verbs ask their head."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
        return FUTURE
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return PAST
    if any(a.lemma_ == "have" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PAST
    finite_present = [a for a in auxes if a.tag_ in ("VBZ", "VBP")]
    if finite_present or verb.tag_ in ("VBZ", "VBP"):
        if "going" in {c.lower_ for c in verb.head.children} or verb.lemma_ in _INTENT:
            return FUTURE
        return PRESENT
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not auxes:
        # "a pact signed in June", "growth predicted in May"; but "scheduled for January 3rd"
        return FUTURE if verb.lemma_ in _INTENT else PAST
    head = verb.head
    if head.i == verb.i or depth >= 4:
        return UNKNOWN
    if "to" in lowers and head.lemma_ in _INTENT:
        return FUTURE
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        if head.lemma_ in _INTENT:
            return FUTURE
        head = head.head
    if head.pos_ not in ("VERB", "AUX"):
        return UNKNOWN
    return verb_tense(head, depth + 1)


__all__ = ["extract_dates", "tense_at", "verb_tense", "PAST", "FUTURE", "PRESENT", "UNKNOWN"]
