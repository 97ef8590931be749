"""Claims: sentence-sized checkable statements.

* Every quote and reported statement makes the sentence(s) holding it a claim; a
  quote spanning several sentences joins them, but a claim never crosses a paragraph
  (a multi-paragraph quote yields one claim per paragraph). Each sentence belongs to
  at most one claim, so claims never overlap; all quotes of a claim are in its
  ``quote_ids`` and the claim takes the source and cue of its first attributed quote.
* Sentences in the outlet's own voice are claims when they assert a number
  ("Pyongyang has sent thousands of troops …"), a comparison ("more than", "-er than")
  or a past event with a named actor ("A defense pact … came into force …");
  source and cue are null. Subheadings (lines without a final period) and questions
  are never claims.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .paragraphs import paragraphs

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

_NUMBER_ENTS = frozenset({"CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT"})
_VAGUE_NUMBERS = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "scores"})
_MIN_TOKENS = 5


@dataclass
class ClaimDraft:
    start: int
    end: int
    quote_keys: list[int] = field(default_factory=list)  # indexes into the attribution list


def sentence_table(doc: Doc) -> tuple[list[Span], list[int]]:
    """Trimmed, non-empty sentences of ``doc`` and their start characters."""
    cached = doc.user_data.get("newsreader_claim_sentences")
    if cached is None:
        sents = [s for s in doc.sents if s.text.strip()]
        cached = (sents, [s.start_char for s in sents])
        doc.user_data["newsreader_claim_sentences"] = cached
    return cached


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def group_claims(doc: Doc, text: str, spans: list[tuple[int, int]]) -> list[ClaimDraft]:
    """One claim per group of sentences covered by the spans (quotes), in text order."""
    sents, _ = sentence_table(doc)
    bounds = [_trimmed(text, s.start_char, s.end_char) for s in sents]
    parent = list(range(len(bounds)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    members: dict[int, list[int]] = {}
    starts = [b[0] for b in bounds]
    paras = paragraphs(text)
    for key, (lo, hi) in enumerate(spans):
        k = max(bisect.bisect_right(starts, lo) - 1, 0)
        touched = []
        while k < len(bounds) and bounds[k][0] < hi:
            if bounds[k][1] > lo:
                touched.append(k)
            k += 1
        for a, b in zip(touched, touched[1:]):
            if paras.same(bounds[a][0], bounds[b][1] - 1):
                parent[find(b)] = find(a)
        for k in touched[:1] + [t for t in touched[1:]]:
            members.setdefault(k, []).append(key)
    groups: dict[int, ClaimDraft] = {}
    for k, keys in members.items():
        root = find(k)
        draft = groups.get(root)
        lo, hi = bounds[k]
        if draft is None:
            groups[root] = ClaimDraft(lo, hi, list(keys))
        else:
            draft.start, draft.end = min(draft.start, lo), max(draft.end, hi)
            draft.quote_keys.extend(q for q in keys if q not in draft.quote_keys)
    # sentences joined into a group between two touched ones are covered by start/end
    return sorted(groups.values(), key=lambda d: d.start)


def outlet_claims(doc: Doc, text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentences in the outlet's voice that assert a number, comparison or event."""
    sents, _ = sentence_table(doc)
    found = []
    taken_sorted = sorted(taken)
    for sent in sents:
        lo, hi = _trimmed(text, sent.start_char, sent.end_char)
        if any(a < hi and lo < b for a, b in taken_sorted):
            continue
        if _is_claim(sent, text, lo, hi):
            found.append((lo, hi))
    return found


def _is_claim(sent: Span, text: str, lo: int, hi: int) -> bool:
    if len(sent) < _MIN_TOKENS or text[hi - 1] == "?":
        return False
    para_start, para_end = paragraphs(text).bounds(lo)
    line = text[para_start:para_end].rstrip()
    if line and line[-1] not in ".!?\"'\u201d\u2019)":
        return False  # subheading
    has_actor = False
    for token in sent:
        if token.ent_type_ in _NUMBER_ENTS or token.lower_ in _VAGUE_NUMBERS:
            return True
        if token.tag_ in ("JJR", "RBR") and any(c.lower_ == "than" for c in token.subtree):
            return True
        if token.ent_type_ in _ACTOR_ENTS:
            has_actor = True
    root = sent.root
    past = root.tag_ == "VBD" or (
        root.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in root.children)
    )
    return has_actor and root.pos_ == "VERB" and past
