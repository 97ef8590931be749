"""Indirect (reported) speech from the dependency parse: direct=false attributions.

Rules:

* ``X said (that) …``, ``X claimed …``, ``X told Reuters …``: a speech verb (cues.py)
  with a clausal complement (``ccomp``); the content is the complement's subtree,
  without a leading ``that`` and trailing punctuation.
* ``X posted footage … claiming to show …``: ``claim``-type verbs also take an
  ``xcomp``; the speaker is found by climbing to the governing verb (speakers.py).
* ``…, the official said.`` without quote marks: a speech verb attached as
  ``parataxis`` to the clause it reports.
* ``according to X, …``: the rest of the sentence, speaker X.

A complement with fewer than three words outside quote marks is the attribution of
a direct quote, not an indirect one, and is skipped; a mixed quote ("Syria is an
"outlaw regime"") is kept. Cues inside quotes and negated cues ("did not say") are
skipped; the content stops before another speaker's clause ("…, while local
witnesses said …").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import ACCORDING, REPORT_LEMMAS
from .speakers import Attribution, according_source, cue_span, phrase, plausible_speaker, sentence_of, speaker_token

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_XCOMP_CUES = frozenset({"claim", "promise", "pledge", "vow", "threaten"})
_MIN_TOKENS = 3
_DASHES = frozenset({"-", "\u2014", "\u2013", "--"})
_LEAD = frozenset({"that", ",", ":", "-", "\u2014", "\u2013"})


def find_reported(doc: Doc, inside_quote: list[bool]) -> list[Attribution]:
    """Indirect attributions of ``doc``; ``inside_quote[i]`` marks tokens within quote marks."""
    found: list[Attribution] = []
    for token in doc:
        if inside_quote[token.i]:
            continue
        lemma = token.lemma_.lower()
        if token.lower_ in ACCORDING:
            record = _according(token, inside_quote)
        elif lemma in REPORT_LEMMAS and (token.pos_ == "VERB" or _verb_as_noun(token)):
            record = _complement(token, lemma, inside_quote)
        else:
            continue
        if record is not None:
            found.append(record)
    return found


def _verb_as_noun(token: Token) -> bool:
    """The tagger's "Foreign diplomats … confirm that …" with "confirm" as a NOUN root."""
    deps = {c.dep_ for c in token.children}
    return token.dep_ == "ROOT" and "nsubj" in deps and "ccomp" in deps


def _complement(cue: Token, lemma: str, inside_quote: list[bool]) -> Attribution | None:
    if any(child.dep_ == "neg" for child in cue.children):
        return None  # "he did not say how long a pause would be"
    comp = None
    for child in cue.children:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and lemma in _XCOMP_CUES):
            comp = child
            break
    if comp is not None:
        lo, hi = comp.left_edge.i, comp.right_edge.i
        if lo <= cue.i <= hi:  # the complement wraps the cue: keep the side before it
            hi = cue.left_edge.i - 1
    elif cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX") and cue.i > cue.head.i:
        lo, hi = sentence_of(cue).start, cue.left_edge.i - 1
    else:
        return None
    return _make(cue, speaker_token(cue, inside_quote), lo, hi, inside_quote)


def _according(token: Token, inside_quote: list[bool]) -> Attribution | None:
    source = according_source(token)
    if source is None:
        return None
    sent = sentence_of(token)
    phrase_lo = token.i
    phrase_hi = max(token.subtree, key=lambda t: t.i).i if list(token.children) else source.right_edge.i
    if phrase_lo - sent.start <= 1:  # "According to X, ..."
        lo, hi = phrase_hi + 1, sent.end - 1
    elif sent.end - phrase_hi > 4:  # "The larger problem, according to Suleyman, is …": the sentence
        lo, hi = sent.start, sent.end - 1
    else:  # "..., according to X."
        lo, hi = sent.start, phrase_lo - 1
    return _make(token, source, lo, hi, inside_quote, according=True)


def _after_dateline(doc: Doc, lo: int, hi: int) -> int:
    """Skip a dateline: "Kursk, Russia - North Korean forces have …" -> "North Korean …"."""
    for j in range(lo + 1, min(lo + 8, hi)):
        if doc[j].text in _DASHES:
            if all(doc[m].pos_ == "PROPN" or doc[m].text == "," for m in range(lo, j)):
                return j + 1
            break
    return lo


def _before_comment(doc: Doc, lo: int, hi: int) -> int:
    """Cut the outlet's ", which …" comment: "… within hours, which has triggered fears"."""
    for j in range(lo + 1, hi):
        if doc[j].text == "," and doc[j + 1].lower_ == "which":
            return j - 1
    return hi


def _before_next_attribution(cue: Token, lo: int, hi: int) -> int:
    """Stop before a second speaker's clause: "… were killed, while local witnesses said …"."""
    doc = cue.doc
    for k in range(lo + 1, hi + 1):
        token = doc[k]
        if token.i == cue.i or token.pos_ != "VERB" or token.lemma_.lower() not in REPORT_LEMMAS:
            continue
        if token.dep_ not in ("advcl", "conj") or token.head.i == cue.i:
            continue
        if any(c.dep_ == "nsubj" for c in token.children):
            cut = min(t.i for t in token.subtree) - 1
            while cut > lo and (doc[cut].is_punct or doc[cut].dep_ in ("cc", "mark") or doc[cut].is_space):
                cut -= 1
            return max(cut, lo)
    return hi


def _make(
    cue: Token, speaker: Token | None, lo: int, hi: int, inside_quote: list[bool], according: bool = False
) -> Attribution | None:
    if speaker is None:
        return None
    doc = cue.doc
    sent: Span = sentence_of(cue)
    lo, hi = max(lo, sent.start), min(hi, sent.end - 1)
    while lo <= hi and (doc[lo].lower_ in _LEAD or doc[lo].is_space or doc[lo].is_punct):
        lo += 1
    lo = _after_dateline(doc, lo, hi)
    hi = _before_comment(doc, lo, hi)
    while hi >= lo and (doc[hi].is_punct or doc[hi].is_space) and doc[hi].text not in ')"\u201d':
        hi -= 1
    if hi - lo + 1 < _MIN_TOKENS:
        return None
    hi = _before_next_attribution(cue, lo, hi)
    outside = sum(1 for i in range(lo, hi + 1) if not inside_quote[i] and not doc[i].is_punct)
    if outside < _MIN_TOKENS:
        return None  # the content is the direct quote itself: "…," the official said
    if not according and (lo <= speaker.i <= hi or not plausible_speaker(speaker)):
        return None
    start = doc[lo].idx
    end = doc[hi].idx + len(doc[hi].text)
    return Attribution(
        start=start,
        end=end,
        direct=False,
        cue=cue_span(cue),
        speaker=speaker,
        speaker_span=phrase(speaker),
    )
