"""Named entities from spaCy, with possessives trimmed and a canonical name per mention.

"Joe Biden's administration" -> span "Joe Biden"; a later "Biden" gets canonical
"Joe Biden" when that fuller name is in the article.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Entity
from .cues import AGENT_SUFFIXES, ORGANIZATION_NOUNS, ROLE_NOUNS
from .identity import HONORIFICS
from .spans import doc_text, first_line, trim, trim_possessive

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

# Numeric and temporal labels are handled by numbers.py and dates.py.
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART", "LANGUAGE"}
)
# Words the tagger takes into a name at a sentence's start: "Neither Cubios nor any of its officers"
_DETERMINERS = ("the ", "The ", "Neither ", "Either ", "Nor ")


def extract_entities(doc: Doc) -> list[Entity]:
    text = doc_text(doc)
    found: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        start, end = first_line(text, ent.start_char, _whole_name(ent) if ent.label_ == "PERSON" else ent.end_char)
        start, end = trim(text, start, end)
        start, end = trim_possessive(text, start, end)
        start, end = trim(text, start, end)
        for det in _DETERMINERS:
            if text.startswith(det, start) and end - start > len(det):
                start += len(det)
        colon = max(text.rfind(":", start, end), text.rfind("\uff1a", start, end))
        if text.startswith("@", start) and colon > start:
            # "@nurundini：Al Jazeera is more objective …": a handle and its colon are no part of the name
            start, end = trim(text, colon + 1, end)
        if ent.label_ == "PERSON":
            start = _after_role(text, start, end)
            if any(ch.isdigit() for ch in text[start:end]):
                continue  # "the H5N1 viruses": a code, not a person (who a later "she" could be)
        if end > start:
            found.append((start, end, _acronym_org(text[start:end], ent.label_)))
    found = _untagged_people(doc, found)
    found = _surnames_are_people(text, found)
    found += _named_before_acronym(text, found)
    aliases = _acronyms(text, found)
    found = _spelt_out(text, found, aliases)
    names = canonical_names([(text[s:e], label) for s, e, label in found])
    for acronym, (name, label) in aliases.items():
        names[(acronym, label)] = names[(name, label)]
    found.sort()
    return [
        Entity(id=f"e{i}", start=s, end=e, text=text[s:e], label=label, canonical=names[(text[s:e], label)])
        for i, (s, e, label) in enumerate(found, 1)
    ]


#: An acronym in brackets, "(CISA)"; right after a name (past spaces) it may define it.
_BRACKETED_ACRONYM = re.compile(r"\((?P<acronym>[A-Z][A-Z&]{1,9})\)")
_ACRONYM = re.compile(r"[ \t]*" + _BRACKETED_ACRONYM.pattern)


def _acronyms(text: str, found: list[tuple[int, int, str]]) -> dict[str, tuple[str, str]]:
    """Acronyms the article defines: ``The Cybersecurity and Infrastructure Security Agency
    (CISA) issued …`` and later ``the other advice CISA offered``. An acronym in brackets
    right after an organisation's (or place's) name whose capitalised words it spells is that
    name; the map gives each acronym its name and label. An acronym defined twice, for two
    names, is neither."""
    aliases: dict[str, tuple[str, str]] = {}
    clashes: set[str] = set()
    for start, end, label in found:
        if label not in _SPELT_LABELS:
            continue
        m = _ACRONYM.match(text, end)
        if m is None:
            continue
        acronym, name = m.group("acronym"), text[start:end]
        if not _spells(acronym, name):
            continue
        if aliases.get(acronym, (name, label)) != (name, label):
            clashes.add(acronym)
        aliases[acronym] = (name, label)
    return {a: v for a, v in aliases.items() if a not in clashes}


def _named_before_acronym(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation the tagger missed that the article names with its acronym: in ``The
    Cybersecurity and Infrastructure Security Agency (CISA) issued guidance`` the small model
    tags nothing; the capitalised words right before the bracket that spell the acronym
    (with the small words between them) are an organisation's name."""
    extra: list[tuple[int, int, str]] = []
    for m in _BRACKETED_ACRONYM.finditer(text):
        letters = m.group("acronym").replace("&", "")
        end = m.start()
        while end > 0 and text[end - 1] in " \t":
            end -= 1
        if any(e == end for _, e, _ in found):
            continue
        words = list(re.finditer(r"\S+", text[max(0, end - 200) : end]))
        start, capitals = None, 0
        for w in reversed(words):
            word = w.group()
            if word[:1].isupper() and word.replace("-", "").isalpha():
                capitals += 1
                if capitals == len(letters):
                    start = max(0, end - 200) + w.start()
                    break
            elif word not in _NAME_JOINERS:
                break
        if start is None or "\n\n" in text[start:end] or not _spells(letters, text[start:end]):
            continue
        if not any(s < end and start < e for s, e, _ in found):
            extra.append((start, end, "ORG"))
    return extra


_NAME_JOINERS = frozenset({"and", "of", "for", "the", "to", "on", "in", "&"})
_SPELT_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LAW", "EVENT"})


def _spells(acronym: str, name: str) -> bool:
    """ "CISA" spells "Cybersecurity and Infrastructure Security Agency", "CPJ" "Committee to
    Protect Journalists": the initials of the name's capitalised words, in order."""
    initials = "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isupper())
    return acronym.replace("&", "") == initials


def _spelt_out(
    text: str, found: list[tuple[int, int, str]], aliases: dict[str, tuple[str, str]]
) -> list[tuple[int, int, str]]:
    """Every mention of a defined acronym takes its name's label, and the ones the tagger
    missed become mentions too (the small model tags "CISA" in one sentence, not the next)."""
    if not aliases:
        return found
    out = [(s, e, aliases[text[s:e]][1] if text[s:e] in aliases else label) for s, e, label in found]
    taken = [(s, e) for s, e, _ in found]
    for acronym, (_, label) in aliases.items():
        for m in re.finditer(r"(?<![\w&])" + re.escape(acronym) + r"(?![\w&])", text):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                out.append((m.start(), m.end(), label))
    return out


def _whole_name(ent: Span) -> int:
    """Where a person's name ends when the tagger stopped short: in ``managing director
    Penelope Winterhager agreed`` it tags "Penelope" alone, a compound of the untagged proper
    noun after it; the name runs on through that noun."""
    doc = ent.doc
    end = ent.end
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and not doc[end].ent_type_
        and doc[end].is_title
        and doc[end].is_alpha
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i >= end
    ):
        end += 1
    if any(t.lower_ in HONORIFICS or t.lower_ in ROLE_NOUNS for t in doc[ent.end : end]):
        return ent.end_char  # "Moldovan President": a title after a word the tagger misread
    return doc[end - 1].idx + len(doc[end - 1].text)


def _after_role(text: str, start: int, end: int) -> int:
    """A person's name without the role word the tagger took into it: "Lawyer Peter Okoth"
    at the head of a sentence is Peter Okoth, a lawyer (the role is the source's description)."""
    first, _, rest = text[start:end].partition(" ")
    if first.lower() in ROLE_NOUNS and len(rest.split()) >= 2 and all(w[:1].isupper() for w in rest.split()):
        return start + len(first) + 1
    return start


def _acronym_org(name: str, label: str) -> str:
    """An acronym the tagger called a person is an organisation: in ``officials from … the
    royalist FUNCENPEC party`` the small model tags "FUNCENPEC" PERSON, and a later "he"
    then resolved to it. A person's name is never one word in capitals of three or more."""
    if label == "PERSON" and len(name) >= 3 and name.isalpha() and name.isupper():
        return "ORG"
    return label


def _untagged_people(doc: Doc, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names the tagger missed but the article introduces as a person: a capitalised name
    with a person's role in apposition (``Um Dina, general secretary of the Coalition Free
    Trade Union …`` — the tagger reads "Um" as an interjection). Its other mentions in the
    article are that person too, and so are the untagged mentions of any full name the
    tagger did call a person elsewhere (``Khut Samphors saw the demonstration``, untagged in
    an article that tags her five times). A name the tagger called an organisation or a
    work is relabelled the same way: in ``Dalibor Rohac, a senior fellow at the American
    Enterprise Institute, was less complimentary.`` the small model tags "Dalibor Rohac"
    ORG, and the "he" of the quote after it went to the man quoted before him."""
    text = doc_text(doc)
    names = {text[s:e] for s, e, label in found if label == "PERSON" and len(text[s:e].split()) >= 2}
    introduced: set[str] = set()
    labels = {(s, e): label for s, e, label in found}
    for token in doc:
        if token.dep_ != "appos" or not _person_role(token):
            continue
        head = token.head
        if head.pos_ != "PROPN" or head.i > token.i:
            continue
        first = head
        while first.i > 0 and doc[first.i - 1].dep_ == "compound" and doc[first.i - 1].head == head:
            first = doc[first.i - 1]
        words = doc[first.i : head.i + 1]
        if not 2 <= len(words) <= 4 or not all(w.is_title and w.is_alpha for w in words):
            continue
        if any(w.lower_ in ROLE_NOUNS or w.lower_ in ORGANIZATION_NOUNS for w in words):
            continue  # "Senior Political Executive, …" is a title, "Press Council, …" a body
        tagged = labels.get((words.start_char, words.end_char))
        if head.ent_type_ and tagged not in _SURNAME_MISTAKES:
            continue
        introduced.add(words.text)
    names |= introduced
    kept = [
        (s, e, "PERSON" if label in _SURNAME_MISTAKES and text[s:e] in introduced else label) for s, e, label in found
    ]
    taken = [(s, e) for s, e, _ in kept]
    for name in names:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            alone = (end == len(text) or not text[end].isalnum()) and (at == 0 or not text[at - 1].isalnum())
            if alone and not any(s < end and at < e for s, e in taken):
                kept.append((at, end, "PERSON"))
            at = text.find(name, end)
    return kept


def _surnames_are_people(text: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A lone surname the tagger labelled otherwise is the person the article named in full:
    after "Justin Hughes, a Loyola Law School professor, said …" the small model tags a later
    "…, Hughes said." ORG, and a "he" after it then went to another man."""
    surnames = {text[s:e].split()[-1] for s, e, label in found if label == "PERSON" and len(text[s:e].split()) >= 2}
    return [
        (s, e, "PERSON" if label in _SURNAME_MISTAKES and text[s:e] in surnames else label) for s, e, label in found
    ]


# what the small model calls a surname it does not know (never a place: "Washington")
_SURNAME_MISTAKES = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "NORP"})


def _person_role(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and (lemma in ROLE_NOUNS or lemma.endswith(AGENT_SUFFIXES))


def canonical_names(mentions: list[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Map each ``(text, label)`` to its canonical name.

    A PERSON or ORG mention whose words are the tail (or head, for ORGs) of a longer
    mention of the same label takes the longest such name: "Biden" -> "Joe Biden"; a
    one-word PERSON that is no one's tail but heads one longer name takes it ("Sok" ->
    "Sok Eysan": family name first).
    Ambiguous short names ("Smith" with both "John Smith" and "Jane Smith") stay as they are.
    A PERSON name misspelt once is the name the article uses more (:func:`_misspelt`).
    """
    respelt = _misspelt(mentions)
    result: dict[tuple[str, str], str] = {}
    distinct = sorted(set(respelt), key=lambda m: -len(m[0]))
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
    for original, spelt in zip(mentions, respelt):
        result[original] = result[spelt]
    return result


def _misspelt(mentions: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``Hieng Hoeun, 48, owns one of those enterprises`` … ``Hieng Hoeum said``: two
    PERSON names of two or more words that differ by one letter inside one word of five or
    more letters (not its first) are one person, spelt as the article spells it more often
    (the earlier spelling on a tie). Two letters swapped are one slip too, and a one-word
    name is weighed against the surnames the article gives: ``Alan Makovsky`` …
    ``Makovsky said`` … ``Makovksy added`` -> one person. Returns the mentions, each
    variant respelt."""
    counts: dict[tuple[str, str], int] = {}
    for m in mentions:
        counts[m] = counts.get(m, 0) + 1
    people = [m for m in counts if m[1] == "PERSON" and len(m[0].split()) >= 2]
    first = {m: i for i, m in reversed(list(enumerate(mentions)))}
    respell: dict[tuple[str, str], tuple[str, str]] = {}
    for a in people:
        for b in people:
            if a == b or not _one_letter_apart(a[0], b[0]):
                continue
            if (counts[b], -first[b]) > (counts[a], -first[a]):
                respell[a] = b
    # a one-word name that is no full name's surname: the surname as the article spells it
    # elsewhere, in full names and alone ("Jansen" beside "Maria Jansen" and "Peter Janssen"
    # is hers)
    surnames: dict[str, int] = {}
    full = {m[0].split()[-1] for m in people}
    named = {word for m in people for word in m[0].split()}
    for m, n in counts.items():
        if m[1] == "PERSON":
            surnames[m[0].split()[-1]] = surnames.get(m[0].split()[-1], 0) + n
    for a in counts:
        if a[1] != "PERSON" or len(a[0].split()) != 1 or a[0] in named or len(a[0]) < 6:
            continue
        # only two letters swapped: "William" beside "Sarah Williams", "Khalid" beside
        # "Ibrahim Khalil" and "Trung" beside "Nguyen Phu Trong" are other people
        near = [s for s in full if s[0] == a[0][0] and _swapped(a[0], s) and surnames[s] >= surnames[a[0]]]
        if len(near) == 1:
            respell[a] = (near[0], "PERSON")
    return [respell.get(m, m) for m in mentions]


def _one_letter_apart(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    diff = [(k, x, y) for k, (x, y) in enumerate(zip(wa, wb)) if x != y]
    if len(diff) != 1:
        return False
    k, x, y = diff[0]
    if min(len(x), len(y)) < 5 or x[0] != y[0]:
        return False
    if len(x) == len(y):
        # two letters swapped is a slip in a surname ("Makovksy"), not in a given name
        # ("Jaime" and "Jamie" Lopez may be two people)
        return sum(1 for p, q in zip(x, y) if p != q) == 1 or (k == len(wa) - 1 and _swapped(x, y))
    short, long = sorted((x, y), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:k] + long[k + 1 :] == short for k in range(1, len(long)))


def _swapped(x: str, y: str) -> bool:
    """``x`` is ``y`` with two neighbouring letters swapped ("Makovksy", "Makovsky")."""
    apart = [k for k, (p, q) in enumerate(zip(x, y)) if p != q]
    return (
        len(x) == len(y)
        and len(apart) == 2
        and apart[1] == apart[0] + 1
        and x[apart[0]] == y[apart[1]]
        and x[apart[1]] == y[apart[0]]
    )
