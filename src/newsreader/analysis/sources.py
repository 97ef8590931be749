"""Sources: group speaker mentions into who speaks, with anonymous sources first-class.

Resolution of one speaker mention, in text order:

* a named person/organization (the head token lies in a PERSON/ORG/GPE/NORP entity,
  or a name stands in apposition: "Key's lawyer, Jeffry House", "Police Sgt. Nick
  Muyo") -> the source keyed by the entity's canonical name ("Syrsky" -> "Oleksandr
  Syrsky"); an ORG-tagged surname joins the article's PERSON ("Voronin" -> "Vladimir
  Voronin"), and "Mr Gaudin" is a person whatever the tagger said;
* a pronoun (he/she/they/it, and his/their/its) -> the nearest preceding compatible
  source or PERSON entity ("he said" after "Joe Biden said" -> Joe Biden); never a source
  a pronoun of the other gender has meant; a possessive goes back to the person named
  earlier in its own sentence ("TB Joshua's popularity … after his prediction");
* a definite role noun ("the official said") -> the latest source whose mentions have
  the same head noun ("a senior defense official" -> same source), or the person the
  title introduced ("The President said" -> "President George W. Bush"), or the
  organisation named with that head noun ("the embassy" -> "the Chinese Embassy");
* an indefinite or bare role noun -> a new source: anonymous for the nouns of unnamed
  sourcing ("a senior US military official", "a spokesman", "witnesses") and for
  plural groups ("officials", "sources", "aides"); document for "the report", "a
  statement"; organization for "police", "the ministry"; otherwise unknown ("a man in
  the ad"). A role noun with a name in apposition is that person, not anonymous.

A source is marked anonymous, with the phrase in its description, when a sentence it
speaks in says "on condition of anonymity", "asked not to be named", "familiar with" ….
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import Entity
from .cues import (
    AGENT_SUFFIXES,
    ANONYMITY_PHRASES,
    ANONYMOUS_NOUNS,
    DOCUMENT_NOUNS,
    ORGANIZATION_NOUNS,
    PLATFORMS,
    PRONOUNS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_THING,
    ROLE_NOUNS,
    SPEECH_LEMMAS,
)
from .paragraphs import paragraphs
from .quotes import CLOSERS, OPENERS, STRAIGHT
from .spans import doc_text
from .speakers import Attribution, capitalised, coined, partitive_group, phrase, sentence_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Plural nouns of people that "they" may stand for, beyond agent nouns ("residents").
_PEOPLE = frozenset(
    "citizen people netizen local villager youth student farmer family worker voter protester activist critic".split()
)
# Role nouns that stand for a name just given ("the blog", "the charity"); not "the
# government", "the police" or "the court", which stay generic sources of their own.
_NAMED_BY_ROLE = frozenset(
    "blog charity company firm group organisation organization agency newspaper website site network station "
    "foundation institute association union watchdog broadcaster channel outlet".split()
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_INDEFINITE = frozenset({"a", "an", "one"})
# Words that make a title another one: "Prime Minister", "Vice President", "former Mayor"
_OTHER_TITLE = frozenset({"prime", "vice", "deputy", "assistant", "associate"})
# Bare people nouns that refer back to whoever of that kind spoke last ("the person added").
_GENERIC_PEOPLE = {"person": "", "man": "he", "woman": "she"}
# ", co-founder of …", ", a journalist at …": up to two words before the role noun
_ROLE_AFTER = re.compile(r",\s+(?:(?:a|an|the)\s+)?(?:[\w'.]+\s+){0,2}?([\w-]+)\b")
_FOUNDERS = frozenset({"founder", "cofounder"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady"})
# Up to four capitalised words (or numbers, "Agenda 507") ending where a bracketed handle starts.
_NAME_BEFORE = re.compile(r"[A-Z][\w'.\-]*(?:[ \t]+(?:[A-Z][\w'.\-]*|\d+)){0,3}$")
_ANON_NOTE = {
    "on condition of anonymity": "on condition of anonymity",
    "on the condition of anonymity": "on condition of anonymity",
    "asked not to be named": "asked not to be named",
    "asked not to be identified": "asked not to be named",
    "declined to be named": "declined to be named",
    "declined to be identified": "declined to be named",
    "refused to be named": "declined to be named",
    "would not give his name": "declined to be named",
    "would not give her name": "declined to be named",
    "declined to give his name": "declined to be named",
    "declined to give her name": "declined to be named",
    "did not want to be named": "declined to be named",
    "speaking anonymously": "speaking anonymously",
    "familiar with": "familiar with the matter",
}


@dataclass
class SourceDraft:
    key: str
    name: str
    kind: str
    description: str
    head_lemmas: set[str] = field(default_factory=set)
    mentions: set[tuple[int, int]] = field(default_factory=set)
    last: int = -1  # end of the latest mention seen so far
    plural: bool = False
    gender: str | None = None  # "he" or "she", once a pronoun of that gender has meant this source

    def mentioned(self, start: int, end: int) -> SourceDraft:
        """Record a mention at ``[start, end)``, the latest one seen so far when it ends later."""
        self.mentions.add((start, end))
        self.last = max(self.last, end)
        return self


def _surname(name: str) -> str:
    """The last word of a person's name that is not a generational suffix: "Surangel Whipps
    Jr." -> "Whipps"."""
    words = [w for w in name.split() if w.rstrip(".").lower() not in _SUFFIXES]
    return words[-1] if words else name


_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _names(name: str, words: tuple[str, ...]) -> bool:
    """The subject's name words end with the person's surname and are all of the person's
    name: "Manifold" and "Zach Manifold" name Zach Manifold; "Kennedy Center" (the subject
    "Center") and "Eric Trump" for Donald Trump do not."""
    return bool(words) and words[-1] == _surname(name) and all(w in name.split() for w in words)


class SourceBook:
    """Sources in order of first mention, with the lookups the rules need."""

    def __init__(
        self,
        doc: Doc,
        entities: list[Entity],
        inside: list[bool] | None = None,
        reported: list[tuple[int, int]] | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.inside = inside
        self.entities = sorted(entities, key=lambda e: e.start)
        # where each name is first given (a lede's role takes only a name given for the first time)
        self.first_named: dict[str, int] = {}
        for e in self.entities:
            self.first_named.setdefault(e.canonical, e.start)
        self.drafts: list[SourceDraft] = []
        self.by_key: dict[str, SourceDraft] = {}
        self.by_mention: dict[tuple[int, int], SourceDraft] = {}
        # handles whose post a lead gave to a named source: "Mai Saleh in Yemen tweeted:" /
        # "@A4Mai: Take a moment …" makes every later "@A4Mai: …" hers (:meth:`_sign`)
        self.signed: dict[str, SourceDraft] = {}
        # what the article's records report: a person named there is reported on, not
        # speaking (:meth:`_pronoun`)
        self.reported = reported or []

    # -- public ----------------------------------------------------------------
    def resolve(self, record: Attribution, nested: bool = False) -> SourceDraft | None:
        """The record's source; a ``nested`` record (its speaker inside what another source
        says) is a mention, not the latest speaker a later "he" goes back to."""
        head = record.speaker
        if head is None or record.speaker_span is None:
            return None
        start, end = record.speaker_span
        if (start, end) in self.by_mention:  # a second quote of the same mention
            return self.by_mention[(start, end)]
        handle_owner = None
        if head.text.startswith("@"):
            handle_owner = self._handle_owner(head.text) or self.signed.get(head.text.lower())
        elif initials_defined(self.text, head.text):
            handle_owner = self._handle_owner(head.text)  # "MK: …" after "Mark Kaigwa (MK): …"
        elif (defined := _INITIALS_AFTER.match(self.text, end)) is not None:
            handle_owner = self._handle_owner(defined.group(1))  # "Mark Kaigwa (MK): …" itself
        draft = handle_owner or self._lookup(head, start, end)
        if draft is None:
            return None
        if record.direct and handle_owner is None:
            self._sign(record, draft)
        draft.mentions.add((start, end))
        if not nested:
            draft.last = max(draft.last, end)
        gender = _GENDER.get(head.lower_) if head.pos_ == "PRON" else None
        if gender is not None and draft.kind == "person" and draft.gender is None:
            draft.gender = gender
        self.by_mention[(start, end)] = draft
        self._anonymity(draft, head)
        return draft

    def _reported_in(self, start: int, end: int) -> bool:
        return any(lo <= start and end <= hi for lo, hi in self.reported)

    def _sign(self, record: Attribution, draft: SourceDraft) -> None:
        """A post that opens with its handle and that the lead before it gives to a named
        person or organisation ("Mai Saleh in Yemen tweeted:" / "@A4Mai: Take a moment …")
        tells whose the handle is: the same handle's later posts ("Mai Saleh addressed some
        tweets to Brennan:" / "@A4Mai: Urgent message …") are hers too, not a new source's."""
        if draft.kind not in ("person", "organization") or record.speaker_span is None:
            return
        lo = paragraphs(self.text).bounds(record.start)[0]
        if record.speaker_span[0] >= lo:
            return  # the post names someone itself ("@iyad_elbaghdadi: Mousa: I call for …")
        signed = _SIGNED.match(self.text, lo, record.start)
        if signed is not None and signed.end() == record.start:
            self.signed.setdefault(signed.group(1).lower(), draft)

    def _lookup(self, head: Token, start: int, end: int) -> SourceDraft | None:
        lower = head.lower_
        if lower in PRONOUNS and head.pos_ == "PRON":
            return self._pronoun(lower, start)
        entity = self._entity_at(head.idx, start, end)
        if entity is not None and entity.label not in _ORG_LABELS and entity.label != "PERSON":
            entity = None  # "Spokespeople for eBay" tagged WORK_OF_ART
        if (entity is None or entity.label != "PERSON") and not head.text.startswith("@"):
            # (a handle is a name of its own: "@nurundini：Al Jazeera is more objective …")
            entity = self._apposition(head, end, people_only=entity is not None) or entity
        if entity is not None:
            return self._named(entity, start, end)
        if head.pos_ == "PROPN" and self._determiner(head) not in _DEFINITE and not self._common(head):
            return self._proper(start, end)
        return self._role(head, start, end)

    def finish(self) -> list[SourceDraft]:
        """Named sources get every mention of their entity, not only the speaking ones."""
        for draft in self.drafts:
            if draft.key.startswith("entity:"):
                canonical = draft.key.split(":", 2)[2]
                for e in self.entities:
                    if e.canonical == canonical:
                        draft.mentions.add((e.start, e.end))
        return self.drafts

    # -- rules ----------------------------------------------------------------
    def _entity_at(self, idx: int, start: int, end: int) -> Entity | None:
        best = None
        for e in self.entities:
            if e.start >= end:
                break
            if e.end <= start:
                continue
            if e.start <= idx < e.end:
                return e
        return best

    def _apposition(self, head: Token, end: int, people_only: bool = False) -> Entity | None:
        """The name next to a role noun: "Key's lawyer, Jeffry House" / "Police Sgt. Nick Muyo"."""
        text = self.text
        # appositions and names after the role noun; a name before it is someone else's
        # ("Obama spokesman" is not Obama)
        spans = [
            (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
            for c in head.children
            if c.dep_ == "appos" or (c.dep_ in ("compound", "flat") and c.i > head.i)
        ]
        ends = {end, head.right_edge.idx + len(head.right_edge.text)}
        after = set()
        for e_end in ends:
            gap = e_end
            while gap < len(text) and gap - e_end <= 2 and text[gap] in " ,.":
                gap += 1
            after.add(gap)
        for label in ("PERSON",) if people_only else ("PERSON", "ORG"):
            for e in self.entities:
                if e.label != label:
                    continue
                if e.start in after or any(lo <= e.start and e.end <= hi for lo, hi in spans):
                    return e
        return None

    def _named(self, entity: Entity, start: int, end: int) -> SourceDraft:
        if entity.label != "PERSON":
            entity = self._person_named(entity) or entity
        kind = "person" if entity.label == "PERSON" else "organization"
        if entity.label not in _ORG_LABELS and entity.label != "PERSON":
            kind = "unknown"
        if (
            kind != "person"
            and self.text[max(0, entity.start - 5) : entity.start].split()[-1:]
            and (self.text[max(0, entity.start - 5) : entity.start].split()[-1].rstrip(".") in _HONORIFICS)
        ):
            kind = "person"  # "Mr Gaudin said" with Gaudin tagged ORG
        key = f"entity:{kind}:{entity.canonical}"
        draft = self.by_key.get(key)
        if draft is None and kind != "person":
            draft = self._spelled_out(entity.canonical)
        if draft is None:
            role = self._role_words(start, end, entity)
            description = f"{entity.canonical}, {role}" if role else entity.canonical
            draft = self._new(key, entity.canonical, kind, description)
            # "Republicans", "Democrats": a group, never the "he" of a quote after them
            draft.plural = entity.label == "NORP" and entity.text.endswith("s")
        return draft

    def _handle_owner(self, handle: str) -> SourceDraft | None:
        """A handle the article gives in brackets after a name is that name's: after
        ``Agenda 507 (@agenda507) wants to call attention …:`` the tweet ``@agenda507: …`` is
        Agenda 507's, and after ``journalist Damian Mac Con Uladh (@damomac)`` so is every
        ``@damomac: …``."""
        for match in re.finditer(r"\(\s*" + re.escape(handle) + r"\s*\)", self.text):
            before = match.start()
            while before > 0 and self.text[before - 1] in " \t":
                before -= 1
            for entity in self.entities:
                if entity.end == before and (entity.label == "PERSON" or entity.label in _ORG_LABELS):
                    if entity.text.lower() not in PLATFORMS:
                        return self._named(entity, entity.start, entity.end)
            name = _NAME_BEFORE.search(self.text, max(0, before - 80), before)
            if name is not None and name.group().split()[-1].lower() not in PLATFORMS:
                return self._proper(name.start(), name.end())
        return self._spelt_by(handle)

    def _spelt_by(self, handle: str) -> SourceDraft | None:
        """A handle that spells a person's full name is that person's: after "Iyad El-Baghdadi
        and Dalia Ezzat summarized the candidates' strengths:" the posts "@iyad_elbaghdadi: …"
        and "@DaliaEzzat_: …" are theirs. Only a name of two words or more, all of it — or as
        much of it as fits: Twitter caps a handle at 15 characters, so "@FizaBatoolGilan" is
        Fiza Batool Gilani's."""
        letters = "".join(ch for ch in handle.lower() if ch.isalnum())
        capped = len(handle.lstrip("@")) == _HANDLE_CAP
        for entity in self.entities:
            if entity.label != "PERSON" or len(entity.text.split()) < 2:
                continue
            name = "".join(ch for ch in entity.canonical.lower() if ch.isalnum())
            if len(name) >= 6 and (name in letters or (capped and name.startswith(letters))):
                return self._named(entity, entity.start, entity.end)
        return None

    def _person_named(self, entity: Entity) -> Entity | None:
        """The tagger's ORG "Voronin" is the PERSON "Vladimir Voronin" of the same article."""
        for other in self.entities:
            if other.label == "PERSON" and (
                other.canonical == entity.text or other.canonical.endswith(" " + entity.text)
            ):
                return other
        return None

    def _proper(self, start: int, end: int) -> SourceDraft:
        text = self.text[start:end]
        last = text.split()[-1] if text.split() else text
        for draft in reversed(self.drafts):
            if draft.kind == "person" and draft.name.split()[-1:] == [last]:
                return draft
        if len(text.split()) == 1:
            # "Muhanad also voiced his hope …" after "Muhanad Rabie (@Neo0rabie) called on …"
            firsts = [d for d in self.drafts if d.name.split()[:1] == [text] and " " in d.name]
            others = {e.canonical for e in self.entities if e.canonical.startswith(text + " ")}
            if len({d.key for d in firsts}) == 1 and firsts[0].kind == "person" and others <= {firsts[0].name}:
                return firsts[0]
        key = f"proper:{text}"
        return self.by_key.get(key) or self._spelled_out(text) or self._new(key, text, "person", text)

    def _spelled_out(self, name: str) -> SourceDraft | None:
        """An acronym speaks for the organisation the article named in full before it:
        after "the National Association of Broadcasters said in a statement", '"…," said
        NAB.' is the association (its capitalised words' initials, small words skipped)."""
        if not (2 <= len(name) <= 6 and name.isalpha() and name.isupper()):
            return None
        for draft in reversed(self.drafts):
            if draft.kind == "organization" and _initials(draft.name) == name:
                return draft
        return None

    def _pronoun(self, lower: str, start: int) -> SourceDraft | None:
        """The nearest preceding compatible source or person; a person named in an earlier
        sentence of the pronoun's own paragraph beats anyone from an earlier paragraph, even when the
        tagger missed the name ("South African president Thabo Mbeki" as GPE) or the name
        is no subject ("Republicans such as House Minority Leader John Boehner are ...")."""
        candidates: list[tuple[int, SourceDraft | Entity]] = []
        subjects: dict[tuple[str, ...], int] = self._named_subjects(start) if lower in PRONOUNS_PERSON else {}
        pronoun = self.doc.char_span(start, start + len(lower), alignment_mode="expand")
        first = pronoun[0] if pronoun is not None and len(pronoun) else None
        sentence = sentence_of(first).start_char if first is not None else start
        # a person named in what someone reported is reported on, not the one who now speaks:
        # after "Elms says it's not clear how much of what Trump has said … he will follow
        # through on", in "… the plans they shelved after Trump left office …, she said" she is
        # Elms, not Trump (so records nested in others, :func:`_nested`)
        reporting = first is not None and first.dep_ == "nsubj" and first.head.lemma_.lower() in SPEECH_LEMMAS
        if reporting:
            subjects = {words: end for words, end in subjects.items() if not self._reported_in(end - 1, end)}
        surnames = [_surname(d.name) for d in self.drafts if d.kind == "person"]
        for draft in self.drafts:
            if draft.last <= start and self._fits(lower, draft):
                again = -1
                if draft.kind == "person" and surnames.count(_surname(draft.name)) == 1:
                    # (one source of that name: "Biden announced" after Hunter Biden and Joe Biden spoke is either)
                    again = max((end for words, end in subjects.items() if _names(draft.name, words)), default=-1)
                candidates.append((max(draft.last, again), draft))
        local: list[tuple[int, SourceDraft | Entity]] = []
        if lower in PRONOUNS_PERSON:
            paragraph = paragraphs(self.text).bounds(start)[0]
            if first is not None and (first.tag_ == "PRP$" or (first.dep_ == "nsubj" and first.head.dep_ == "relcl")):
                # "TB Joshua's popularity seemed to rise … after his prediction that …": a
                # possessive goes back to the person named earlier in its own sentence; so does
                # the subject of a relative clause ("posted a comment from Soledad Jarquin, in
                # which she suggests that …")
                same = [
                    e
                    for e in self.entities
                    if sentence <= e.start
                    and e.end <= start
                    and e.label == "PERSON"
                    and e.text.lower() not in PLATFORMS
                    and self._outside_quotes(e)
                    and self._gender_fits(lower, e)
                ]
                if same:
                    return self._named(same[-1], same[-1].start, same[-1].end)
            for e in self.entities:
                if e.end > start:
                    break
                if reporting and self._reported_in(e.start, e.end):
                    continue
                # "… to post on his blog and on Twitter. He writes …": the tagger's PERSON
                # "Twitter" is the platform, never "he"
                person = (e.label == "PERSON" or self._titled_name(e)) and e.text.lower() not in PLATFORMS
                if person and not self._gender_fits(lower, e):
                    continue  # "she" after "Biden … he stressed" is not Biden
                if person and (self._subject_outside_quotes(e) or self._asked(e)):
                    if self._embedded_subject(e) and self._main_subject_before(e, start):
                        continue  # "Babbitt ... confirmed Krakowski had submitted ...": Babbitt
                    candidates.append((e.end, e))
                elif person and paragraph <= e.start and e.end <= sentence and self._outside_quotes(e):
                    local.append((e.end, e))
            if local and (not candidates or max(c[0] for c in candidates) < paragraph):
                candidates = local
            role = self._role_subject(lower, paragraph, sentence)
            if role is not None and (not candidates or max(c[0] for c in candidates) < paragraph):
                lo, hi = phrase(role)
                return self._role(role, lo, hi).mentioned(lo, hi)
        if lower in PRONOUNS_GROUP:
            group = self._group_before(start)
            lo, hi = phrase(group) if group is not None else (0, 0)
            if group is not None and (not candidates or hi > max(c[0] for c in candidates)):
                return self._role(group, lo, hi).mentioned(lo, hi)
        if lower in PRONOUNS_THING:
            paragraph = paragraphs(self.text).bounds(start)[0]
            if not candidates or max(c[0] for c in candidates) < paragraph:
                found = self._thing_subject(start, paragraph)
                if found is not None:
                    return found
        if not candidates:
            return self._untagged_subject(start) if lower in PRONOUNS_PERSON else None
        _, best = max(candidates, key=lambda c: c[0])
        if isinstance(best, Entity):
            return self._named(best, best.start, best.end)
        return best

    def _role_subject(self, lower: str, paragraph: int, sentence: int) -> Token | None:
        """The person a role names as the subject of an earlier sentence of the pronoun's
        paragraph, the one nearest it: ``The former president has been courting the group.
        At a rally last week, he said …`` (he is the former president, whoever the role
        leads to, not the last one quoted); ``The minister arrived late. He said …``. A
        definite, singular role noun for one person ("the minister", "the country's
        president", not "his father"), outside quote marks, subject of its sentence's main
        verb (not of a clause inside it: "a case for having the president issue
        statements"), whose gender, when the noun has one, fits. Only when no named person
        came before it in the paragraph: in ``John Smith, 34, was sentenced on Monday. The
        judge called the attack cowardly. He said he would appeal.`` "he" is still Smith."""
        for token in self._back_from(sentence, paragraph):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "NOUN" or token.tag_ != "NN":
                continue
            if token.head.dep_ != "ROOT" and not (token.head.dep_ == "conj" and token.head.head.dep_ == "ROOT"):
                continue  # "a case for having the president routinely issue statements": no main subject
            lemma = token.lemma_.lower()
            if lemma not in ROLE_NOUNS or lemma in _NOT_ONE_PERSON:
                return None  # the nearest subject is someone else, or a group
            if (
                self._determiner(token) not in _DEFINITE_OR_OWNED
                or _ROLE_GENDER.get(lemma, _GENDER[lower]) != _GENDER[lower]
            ):
                return None
            if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
                return None  # "His father died when he was ten. He said …": the son, not the father
            return token
        return None

    def _thing_subject(self, start: int, paragraph: int) -> SourceDraft | None:
        """ "it" with no organisation or document that spoke before it in its paragraph is the
        organisation, publication or document that is the main subject of an earlier sentence
        there: ``Alegcom blog published a detailed report about the execution …. In addition,
        it demanded an investigation be opened``."""
        for token in self._back_from(start, paragraph):
            if token.dep_ != "nsubj" or token.head.dep_ != "ROOT" or token.pos_ == "PRON":
                continue
            lemma = token.lemma_.lower()
            if not (token.ent_type_ == "ORG" or lemma in ORGANIZATION_NOUNS or lemma in DOCUMENT_NOUNS):
                continue
            lo, hi = phrase(token)
            draft = self._lookup(token, lo, hi)
            if draft is None or draft.kind not in ("organization", "document", "unknown"):
                return None
            return draft.mentioned(lo, hi)
        return None

    def _named_subjects(self, start: int) -> dict[tuple[str, ...], int]:
        """Where a word last stood as a subject, outside quote marks, in the paragraph before
        ``start`` or in its own: a source quoted earlier and named again as a subject is the
        nearest "he" even where the tagger missed the name that time. After ``Ho said China's
        prevention measures curbed the spread of diseases.`` / ``Auwaerter agrees.`` the quote
        ``"They stayed home," he says.`` is Auwaerter's; after ``Manifold knows he will be
        drinking a lot of coffee`` (tagged a place) so is ``"It's a 24-hour day," he said.``"""
        paras = paragraphs(self.text)
        found: dict[tuple[str, ...], int] = {}
        for token in self._back_from(start, (paras.previous(start) or paras.bounds(start))[0]):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ != "PROPN" or token.ent_type_ == "PERSON":
                continue  # (a name the tagger saw is the entity rule's: "Biden announced …")
            if token.head.dep_ != "ROOT" and not (token.head.dep_ == "conj" and token.head.head.dep_ == "ROOT"):
                continue  # "… said it's easy to understand why China doesn't like patrols": no main subject
            words = tuple(t.text for t in token.subtree if t.pos_ == "PROPN" and t.i <= token.i)
            found.setdefault(words, token.idx + len(token.text))
        return found

    def _untagged_subject(self, start: int) -> SourceDraft | None:
        """With nobody else to go back to, "he" or "she" is the name the tagger missed that is
        the subject just before, in this paragraph or the one before it: ``Darashiko blogs on
        cinema regularly. Here he shares the latest state of the Bangladeshi film industry:``."""
        paras = paragraphs(self.text)
        for token in self._back_from(start, (paras.previous(start) or paras.bounds(start))[0]):
            if token.dep_ != "nsubj" or token.pos_ != "PROPN" or token.ent_type_ or not capitalised(token):
                continue
            if token.lower_ in PLATFORMS or self._common(token):
                continue
            lo, hi = phrase(token)
            return self._proper(lo, hi).mentioned(lo, hi)
        return None

    def _group_before(self, start: int) -> Token | None:
        """``For many citizens, the case was about injustice. They feel …`` / ``Egyptians
        don't buy this claim; they wondered …``: "they" is the group of people named last
        before it in its paragraph (a plural noun that can speak, outside quotes)."""
        for token in self._back_from(start, paragraphs(self.text).bounds(start)[0]):
            if token.tag_ not in ("NNS", "NNPS") or token.dep_ not in ("nsubj", "nsubjpass", "pobj", "dobj"):
                continue
            lemma = token.lemma_.lower()
            if token.ent_type_ == "NORP" or lemma in _PEOPLE or lemma in ANONYMOUS_NOUNS or lemma in ROLE_NOUNS:
                return token
        return None

    def _back_from(self, start: int, lo: int) -> list[Token]:
        """The tokens between offsets ``lo`` and ``start``, nearest first, outside quotes."""
        span = self.doc.char_span(lo, start, alignment_mode="contract")
        if span is None:
            return []
        return [t for t in reversed(span) if self.inside is None or not self.inside[t.i]]

    def _titled_name(self, entity: Entity) -> bool:
        """A name the tagger called a place or group, right after a person's title:
        "president Thabo Mbeki" (GPE), "Minority Leader John Boehner" (ORG)."""
        if (
            entity.label not in ("GPE", "ORG", "NORP", "FAC")
            or not _maybe_person(entity.text)
            or len(entity.text.split()) < 2
        ):
            return False
        before = self.text[max(0, entity.start - 30) : entity.start].split()
        if before and before[-1].lower().strip(",") in ROLE_NOUNS:
            return True
        # "Paco Ragageles, co-founder of Campus Party" (ORG): a person's role after the name
        after = _ROLE_AFTER.match(self.text, entity.end)
        return after is not None and after.group(1).lower().split("-")[-1] in ROLE_NOUNS | _FOUNDERS

    def _root(self, entity: Entity) -> Token | None:
        """The entity's head token (None when its span doesn't map onto tokens)."""
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        return None if span is None else span.root

    @staticmethod
    def _phrase_head(token: Token) -> Token:
        """Up from a name to the noun phrase it belongs to ("Randy Babbitt, the administrator")."""
        while token.dep_ in ("appos", "compound", "flat", "conj") and token.head.i != token.i:
            token = token.head
        return token

    def _asked(self, entity: Entity) -> bool:
        """The person a question was put to answers it: ``VOA asked former Colombian President
        Juan Manuel Santos what he viewed as the biggest hurdle …`` / ``"The biggest challenge
        …," he said.`` — "he" is Santos, not the speaker quoted before the question."""
        root = self._root(entity)
        if root is None or not self._outside_quotes(entity):
            return False
        head = self._phrase_head(root)
        return head.dep_ in ("dobj", "dative") and head.head.lemma_.lower() in _ASKING

    def _embedded_subject(self, entity: Entity) -> bool:
        """The subject of a reported or relative clause ("confirmed [Krakowski had submitted
        ...]", "Taylor noted that this is the third NIE [that the Roamer will be in]"), or of
        a noun's clause ("He expressed confidence [that Putin would keep his word]") or an
        adverbial one ("Tom Reed, the governor, spoke [after Ana Silva left]")."""
        root = self._root(entity)
        return root is not None and self._phrase_head(root).head.dep_ in ("ccomp", "xcomp", "relcl", "acl", "advcl")

    def _main_subject_before(self, entity: Entity, limit: int) -> bool:
        """Another person is the main-clause subject of the entity's sentence: a name, or "he"
        or "she" (``He said Biden administration officials focused on enforcement guidelines``:
        the next "he" is still the man who said it, not Biden)."""
        root = self._root(entity)
        if root is None:
            return False
        sent = sentence_of(root)
        for other in self.entities:
            if other is entity or other.start < sent.start_char or other.end > min(sent.end_char, limit):
                continue
            if other.label == "PERSON" and self._subject_outside_quotes(other) and not self._embedded_subject(other):
                return True
        return any(
            t.lower_ in ("he", "she") and t.dep_ == "nsubj" and t.head.dep_ == "ROOT" and t.i < root.i
            for t in sent
            if self.inside is None or not self.inside[t.i]
        )

    def _outside_quotes(self, entity: Entity) -> bool:
        root = self._root(entity)
        return root is not None and (self.inside is None or not self.inside[root.i])

    @staticmethod
    def _common(head: Token) -> bool:
        """A capitalised common noun ("Authorities", "Spokespeople") is no name."""
        lemma = head.lemma_.lower()
        return lemma in ANONYMOUS_NOUNS or lemma in ORGANIZATION_NOUNS or head.lower_ in ANONYMOUS_NOUNS

    def _subject_outside_quotes(self, entity: Entity) -> bool:
        if not self._outside_quotes(entity):
            return False
        root = self._root(entity)
        assert root is not None  # _outside_quotes() is False without a root
        head = self._phrase_head(root)
        if head.dep_ == "pobj" and head.head.lower_ in ("like", "as") and head.head.head.dep_ in ("nsubj", "nsubjpass"):
            return True  # "Activists like Elveda Martinez … say …": Martinez is one of them
        return head.dep_ in ("nsubj", "nsubjpass", "ROOT")

    def _gender_fits(self, lower: str, entity: Entity) -> bool:
        draft = self.by_key.get(f"entity:person:{entity.canonical}")
        if draft is not None:
            return self._fits(lower, draft)
        said = _GENDERED.search(self.text, max(0, entity.start - 24), entity.start)
        return said is None or lower not in _GENDER or _GENDER[lower] == _GENDER_WORDS[said.group(1).lower()]

    @staticmethod
    def _fits(lower: str, draft: SourceDraft) -> bool:
        if lower in PRONOUNS_PERSON:
            if draft.gender is not None and _GENDER[lower] != draft.gender:
                return False  # "she" is not the source an earlier "he" meant
            if draft.name.lower() in PLATFORMS:
                return False  # "according to the government's Twitter account …. He also affirmed"
            if draft.kind == "organization":
                return _maybe_person(draft.name) and not draft.plural  # the tagger's ORG "Dalai Lama"
            return draft.kind == "person" or (draft.kind in ("anonymous", "unknown") and not draft.plural)
        if lower in PRONOUNS_GROUP:
            return draft.kind in ("organization", "anonymous") or draft.plural
        if lower in PRONOUNS_THING:
            return draft.kind in ("organization", "document")
        return True

    def _role(self, head: Token, start: int, end: int) -> SourceDraft:
        lemma = head.lemma_.lower()
        det = self._determiner(head)
        text = self.text[start:end]
        age = _AGE.search(text)
        if age is not None and det in _DEFINITE:
            person = self._aged(age.group(1), start)
            if person is not None:
                return self._named(person, person.start, person.end)
            latest = self._pronoun("he", start)  # not introduced by age: the person just mentioned
            if latest is not None:
                return latest
        if det in _DEFINITE:
            earlier = (
                self._same_role(
                    lemma,
                    start,
                    _held_before(head),
                    plural=head.tag_ in ("NNS", "NNPS"),
                    qualifier=head.nbor(-1).lower_ if head.i > 0 else "",
                )
                or self._name_before(lemma, head, start)
                or self._organization_headed(head, start)
                or self._the_person(lemma, head, start)
            )
            if earlier is not None:
                return earlier
        if det in _DEFINITE or det in _INDEFINITE:
            later = self._named_later(lemma, head, start, end)
            if later is not None:
                return later
        group = partitive_group(head)
        if group is not None:
            # "one of the officials" is as anonymous as "officials"; "one of them", unknown
            lemma, head = group.lemma_.lower(), group
        if lemma in DOCUMENT_NOUNS or head.lower_ in DOCUMENT_NOUNS or _titled_work(self.text, start, end):
            kind = "document"
        elif lemma in ORGANIZATION_NOUNS:
            kind = "organization"
        elif (
            lemma in ANONYMOUS_NOUNS
            or (head.tag_ == "NNS" and _common_plural(head) and not _coined_name(head))
            or any(t.lower_ in ("unnamed", "anonymous") for t in head.lefts)
        ):
            kind = "anonymous"
        else:
            kind = "unknown"
        # "The agency" -> "the agency", but "Ukraine's air force" keeps its capital
        span = self.doc.char_span(start, end, alignment_mode="expand")
        proper = span is not None and len(span) > 0 and span[0].pos_ == "PROPN"
        name = text[0].lower() + text[1:] if text[:1].isupper() and det and not proper else text
        key = f"role:{name.lower()}"
        draft = self.by_key.get(key)
        if draft is None:
            bare = name.split(" ", 1)[1] if det and det != "poss" and " " in name else name
            draft = self._new(key, name, kind, bare)
            draft.plural = head.tag_ in ("NNS", "NNPS") and (group is None or name.split()[0].lower() != "one")
        draft.head_lemmas.add(lemma)
        return draft

    def _named_later(self, lemma: str, head: Token, start: int, end: int) -> SourceDraft | None:
        """A lede's role is the person the next lines name with it as a title: ``A top U.S.
        lawmaker has pledged … and called on Hanoi to immediately release Bach`` /
        ``Representative Jamie Raskin, the top Democrat on the House Oversight … Committee,
        announced …``; ``A U.S. federal judge ordered a second temporary pause`` / ``U.S.
        District Judge Deborah Boardman said …``; ``The principal chief of the … Cherokee
        nation … issued a … statement`` / ``Chief Chuck Hoskin Jr. posted on Facebook``. Only a
        person named for the first time there, in the role's paragraph or the next, with the
        title right before the name; an anonymous role only when named outright ("the
        spokesperson, Shafqat Ali Khan, said"; "a senior official" stays one); never a group."""
        if (
            head.tag_ in ("NNS", "NNPS")
            or lemma in DOCUMENT_NOUNS
            or lemma in ORGANIZATION_NOUNS
            or partitive_group(head) is not None
        ):
            return None
        # an anonymous role only when the article names it outright: "a Pakistani foreign office
        # spokesperson cautioned …" / "…," the spokesperson, Shafqat Ali Khan, said (VOA, s05)
        outright = re.compile(rf"\bthe {re.escape(head.lower_)},\s*$") if lemma in ANONYMOUS_NOUNS else None
        if _held_before(head):
            return None  # "A former Colombian president accused …" / "President Gustavo Petro rejected it"
        paras = paragraphs(self.text)
        following = paras.following(end)
        limit = following[1] if following is not None else paras.bounds(end)[1]
        after = sentence_of(head).end_char  # not the role's own sentence: "accused Senator Ted Cruz of …"
        titles = _TITLED_AS.get(lemma, frozenset({lemma}))
        for e in self.entities:
            if e.start < after or e.label != "PERSON" or self.first_named[e.canonical] < e.start:
                continue  # (only a name given for the first time: not "accused Senator Ted Cruz …")
            if e.start > limit:
                break
            if not self._names_subject(e):
                continue  # "… reversing a policy of former Mayor Eric Adams"
            window = self.text[max(0, e.start - 40) : e.start]
            if outright is not None:
                if outright.search(window.lower()):
                    return self._named(e, e.start, e.end)
                continue
            # the title touches the name, and is that title, not the end of another one
            # ("Prime Minister Keir Starmer" is no "minister"; after 'the lawmaker said. Mike
            # Johnson', "lawmaker" is no title of his)
            words = window.split()
            if not words or not window[-1:].isspace() or window.rstrip()[-1:] in ",;:\"”'’":
                continue
            title = words[-1].lower()
            qualified = len(words) > 1 and words[-2].lower().strip(".") in _QUALIFIED_TITLES
            if (title in titles or title.rstrip(".") in titles) and not qualified:
                return self._named(e, e.start, e.end)
        return None

    def _names_subject(self, entity: Entity) -> bool:
        """The name is who the clause is about: its subject, or in apposition to it, and
        outside quotation marks."""
        span = self.doc.char_span(entity.start, entity.end, alignment_mode="expand")
        if span is None or not len(span):
            return False
        root = span.root
        if self.inside is not None and self.inside[root.i]:
            return False  # '"I spoke this morning with Senator Chuck Schumer," the lawmaker said'
        subject = ("nsubj", "nsubjpass")
        return root.dep_ in subject or (root.dep_ == "appos" and root.head.dep_ in subject)

    def _name_before(self, lemma: str, head: Token, start: int) -> SourceDraft | None:
        """``Global Chaos also posts an extensive account … the blog notes the presence of
        Armenian priests``: "the blog" (or "the charity", "the company" …) is the name that was
        the subject of a sentence just before, in this paragraph or the one before it. Not
        people, places or nationalities, and never "the government" or "the police", which
        stay generic."""
        if lemma not in _NAMED_BY_ROLE:
            return None
        paras = paragraphs(self.text)
        near = (paras.previous(start) or paras.bounds(start))[0]
        floor = (paras.previous(near) or (near, near))[0]
        for token in self._back_from(start, floor):
            if token.i < head.i and token.pos_ == "NOUN" and token.lemma_.lower() == lemma:
                # "The Malagasy association Terres Malgaches has been at the forefront …" / "The
                # association also reports …:": the name in apposition to the same noun, two
                # paragraphs up when a quotation it introduced is between; the nearest mention
                # of the noun decides ("the GMB union" after "The union Unite")
                named = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
                if named is None:
                    if token.dep_ == "nsubj" and any(
                        c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children
                    ):
                        return None  # another one named with that noun is nearer: "the GMB union is balloting"
                    continue  # ("its website was a target", "news websites such as …")
                if token.dep_ != "nsubj":
                    continue
                token = named
            elif token.idx < near:
                continue  # (any other name only from the paragraph before)
            named_here = token.dep_ == "nsubj" or (token.dep_ == "appos" and token.head.lemma_.lower() == lemma)
            if not named_here or token.pos_ != "PROPN" or token.i >= head.i:
                continue
            lo_char, hi_char = phrase(token)
            name = self.text[lo_char:hi_char]
            if token.ent_type_ in ("GPE", "NORP", "DATE", "LOC") or (
                token.ent_type_ == "PERSON" and not self._tagged_org_elsewhere(name)
            ):
                continue
            entity = self._entity_at(token.idx, lo_char, hi_char)
            if entity is not None:
                return self._named(entity, lo_char, hi_char)
            kind = "document" if lemma in DOCUMENT_NOUNS else "organization"
            key = f"proper:{name}"
            draft = self.by_key.get(key) or self._new(key, name, kind, f"{name}, {head.lower_}")
            draft.mentions.add((lo_char, hi_char))
            return draft
        return None

    def _organization_headed(self, head: Token, start: int) -> SourceDraft | None:
        """ "the embassy" / "the department" -> the organisation named before with that head
        noun: ``the Chinese Embassy in Washington criticized …; the embassy said`` is the
        Chinese Embassy."""
        words = {head.lower_, head.lemma_.lower()}
        best = None
        for e in self.entities:
            if e.end > start:
                break
            if e.label == "ORG" and e.text.split()[-1].lower() in words:
                best = e
        return None if best is None else self._named(best, best.start, best.end)

    def _tagged_org_elsewhere(self, name: str) -> bool:
        """The tagger called this name an organisation somewhere in the article: its PERSON
        here is a slip ("Zambian Watchdog reported …", later "the Zambian Watchdog website")."""
        return any(e.label == "ORG" and e.text == name for e in self.entities)

    def _aged(self, years: str, start: int) -> Entity | None:
        """ "the 29-year-old said" -> the latest person introduced with that age before it:
        "Korng Kungkea, 29, works at the plant" / "Hieng Hoeun (48)"; without one, the person
        just mentioned, as for "he"."""
        best = None
        for e in self.entities:
            if e.end > start:
                break
            if e.label == "PERSON" and re.match(rf",?\s*\(?{years}\b", self.text[e.end : e.end + 8]):
                best = e
        return best

    def _the_person(self, lemma: str, head: Token, start: int) -> SourceDraft | None:
        """ "the person", "the man", "the woman" with nothing more to it is whoever of that
        kind spoke last, in this paragraph or the one before: ``"…," a Chinese netizen in the
        capital, Beijing, wrote on … Weibo`` / ``"How will the lives of normal citizens
        change? …," the person added.``; so "a person familiar with the talks … the person
        said". Not "the man who …" (a new person, described)."""
        gender = _GENERIC_PEOPLE.get(lemma)
        if gender is None or any(c.dep_ in ("relcl", "acl", "prep", "amod") for c in head.children):
            return None
        paras = paragraphs(self.text)
        floor = (paras.previous(start) or paras.bounds(start))[0]
        best = None
        for draft in self.drafts:
            if draft.last > start or draft.last < floor or draft.plural:
                continue
            if not draft.key.startswith("role:") or draft.kind not in ("anonymous", "unknown"):
                continue  # (a named person is named again: "Officer John Smith said the man fled")
            if gender and draft.gender is not None and draft.gender != gender:
                continue
            if best is None or draft.last > best.last:
                best = draft
        return best

    def _same_role(
        self, lemma: str, start: int, former: bool = False, plural: bool = False, qualifier: str = ""
    ) -> SourceDraft | None:
        """ "the official" -> the latest "… official"; "The President" -> "President George W. Bush";
        "the company" -> the latest organisation introduced as one (``a rapid response from
        Cubios, another company previously associated with Postovoy``, ``the Russian company
        Streloi Ekommerts``). One who held the role before is not "the president" now: after
        ``funds given by former President Joe Biden's administration``, ``the president told
        reporters at the Oval Office`` is the President named before him (``former``: the
        role mention says "the former president" itself). One is never many: after ``U.S.
        officials express confidence that …``, "the CISA official" is the senior official
        named before them, not the officials (``plural``: the role mention is plural)."""
        labels = ("PERSON", "ORG") if lemma in _NAMED_BY_ROLE else ("PERSON",)
        titles = _TITLED_AS.get(lemma, frozenset({lemma}))  # "the lawmaker" after "Representative X"
        best: tuple[int, SourceDraft | Entity] | None = None
        for draft in self.drafts:
            words = {w.lower() for w in draft.description.replace("-", " ").split()}
            if not former and lemma in words and _held(draft.description.lower(), lemma):
                continue
            if draft.plural != plural:
                continue
            if draft.last <= start and (
                lemma in draft.head_lemmas or lemma in words or self._titled(draft, lemma, start)
            ):
                if best is None or draft.last > best[0]:
                    best = (draft.last, draft)
        text = self.text
        held: tuple[int, SourceDraft | Entity] | None = None
        for e in self.entities:
            if e.end > start:
                break
            if e.label not in labels or not self._outside_quotes(e):
                continue  # ('"I spoke with Senator Chuck Schumer," the lawmaker said' is not Schumer's)
            # "the ministry spokesman, Tom Reed," / "Tom Reed, 45, a farmer from Iowa"
            window = text[max(0, e.start - 40) : e.start].lower()
            before = [w.strip(",") for w in window.replace("-", " ").split()[-3:]]
            after = text[e.end : e.end + 50].replace("-", " ").lower()
            titled_after = re.match(
                rf",\s+(?:\(?\d{{1,3}}\)?,\s+)?(?:(?:a|an|the)\s+)?(?:[\w.']+\s+){{0,3}}{re.escape(lemma)}\b", after
            )
            if not former and (
                _held(window, lemma)
                or (titled_after and _held(text[e.end : e.end + titled_after.end()].lower(), lemma))
            ):
                continue
            titled = [k for k, w in enumerate(before) if w in titles]
            if titled and titled[-1] > 0 and before[titled[-1] - 1] in _OTHER_TITLE - {qualifier}:
                continue  # "Vice President Mike Pence" is no "president" ("the Prime Minister" is Gilani)
            if not (titled or titled_after):
                continue
            if best is None or e.end > best[0]:
                best = (e.end, e)  # "President Bush" / "Abdourahim Said Bakar, a government spokesman"
            said_former = ({"former", "ex"} & set(before)) or (
                titled_after is not None and "former" in after[: titled_after.end()]
            )
            if former and said_former:
                # "The former president" is the one the article calls former ("Former President
                # Donald Trump", "Trump, the former president"), whoever spoke since
                held = (e.end, e)
        if former and held is not None:
            best = held
        if best is None:
            return None
        found = best[1]
        if isinstance(found, Entity):
            return self._named(found, found.start, found.end)
        return found

    def _titled(self, draft: SourceDraft, lemma: str, start: int) -> bool:
        """A person the article introduced with one of the titles ``lemma`` stands for, even
        where the tagger missed the name: "Representative Raja Krishnamoorthi, the top
        Democrat on the House China committee, …" makes him "the lawmaker"."""
        titles = _TITLED_AS.get(lemma)
        if titles is None or draft.kind != "person" or not draft.name.split():
            return False
        surname = re.escape(draft.name.split()[-1])
        pattern = rf"(?i:\b(?:{'|'.join(re.escape(t) for t in titles)}))\s+(?:[A-Z][\w.'-]*\s+){{0,2}}{surname}\b"
        return re.search(pattern, self.text[:start]) is not None

    @staticmethod
    def _determiner(head: Token) -> str | None:
        for child in head.lefts:
            if child.dep_ == "det":
                return child.lower_
            if child.dep_ == "poss":
                return "poss"
        return None

    def _role_words(self, start: int, end: int, entity: Entity) -> str:
        text = self.text
        before = text[start : entity.start].strip(" ,")
        after = text[entity.end : end].strip(" ,")
        return " ".join(part for part in (before, after) if part)

    def _anonymity(self, draft: SourceDraft, head: Token) -> None:
        if draft.kind in ("person", "document"):
            return
        sentence = sentence_of(head).text.lower()
        for words in ANONYMITY_PHRASES:
            if words in sentence:
                if draft.kind != "anonymous" and draft.key.startswith("entity:"):
                    return  # a named organization stays named
                draft.kind = "anonymous"
                note = _ANON_NOTE.get(words)
                if note and note not in draft.description:
                    draft.description = f"{draft.description}, {note}"
                return

    def _new(self, key: str, name: str, kind: str, description: str) -> SourceDraft:
        draft = SourceDraft(key=key, name=name, kind=kind, description=description)
        self.drafts.append(draft)
        self.by_key[key] = draft
        return draft


# Words that make a role one held before: "former President Joe Biden", "ex-minister".
_FORMERLY = frozenset({"former", "ex", "late", "erstwhile"})


# (as words of their own, up to two words before the role; "ex" only as the prefix "ex-")
_HELD = "|".join(sorted(_FORMERLY - {"ex"}))
# Words before a title that make it another one or someone's who held it: "Prime Minister",
# "former Mayor"
_QUALIFIED_TITLES = _OTHER_TITLE | _FORMERLY


# Initials in brackets right after a speaker's name, before the colon of an interview's turn
_INITIALS_AFTER = re.compile(r"[ \t]*\(([A-Z]{2,5})\)[ \t]*:")


def initials_defined(text: str, label: str) -> bool:
    """``label`` is initials the article gives in brackets after a name: "Mark Kaigwa (MK)",
    "Global Voices Online (GV)" (an interview's speaker labels)."""
    return (
        2 <= len(label) <= 5
        and label.isalpha()
        and label.isupper()
        and re.search(rf"\(\s*{re.escape(label)}\s*\)", text) is not None
    )


def _initials(name: str) -> str:
    """ "National Association of Broadcasters" -> "NAB"; "Committee to Protect Journalists" -> "CPJ"."""
    return "".join(word[0] for word in name.split() if word[:1].isupper() and word.isalpha())


def _held(words: str, lemma: str) -> bool:
    """``words`` say the role ``lemma`` was held before: "former President", "the late
    senator", "ex-minister" (never "a late-shift nurse", "a late-night comedian")."""
    pattern = rf"(?:\b(?:{_HELD})\s+(?:[\w.]+\s+){{0,2}}|\bex-){re.escape(lemma)}"
    return re.search(pattern, words) is not None


def _coined_name(head: Token) -> bool:
    """A coined word tagged a plural that names one source ("Wikileaks claims …"), not a new
    word for people ("Gamers complained", "some commenters argued", "podcasters")."""
    return coined(head) and not head.lemma_.lower().endswith(AGENT_SUFFIXES)


def _held_before(head: Token) -> bool:
    """The role mention itself is of one who held it before ("the former president")."""
    return any(c.lower_.rstrip("-") in _FORMERLY for c in head.lefts)


# The titles a role noun stands for before a name: after "Representative Raja
# Krishnamoorthi", "the lawmaker said" is Krishnamoorthi.
_LAWMAKERS = frozenset(
    "lawmaker legislator representative rep. congressman congresswoman senator sen. mp assemblyman assemblywoman".split()
)
_TITLED_AS = {"lawmaker": _LAWMAKERS, "legislator": _LAWMAKERS}
# A post's opening handle, before the words the quotation holds: "@A4Mai: ", "> @A4Mai: ".
_SIGNED = re.compile(r"\s*(?:>\s*)?(@\w+)\s*[:\uff1a]\s*")
# The longest handle Twitter allows (a longer name is cut to fit).
_HANDLE_CAP = 15
_AGE = re.compile(r"\b(\d{1,3})-year-old\b")
_GENDER = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she"}
# A word right before a name that says whether it is a man's or a woman's: "Khan and her
# husband, Arif, moved to Teaneck …" (the next "she" is not Arif), "Mrs. Banda".
_GENDER_WORDS = {
    **dict.fromkeys("husband son father brother uncle nephew grandfather boyfriend mr sir king".split(), "he"),
    **dict.fromkeys("wife daughter mother sister aunt niece grandmother girlfriend mrs ms miss queen".split(), "she"),
}
_GENDERED = re.compile(r"\b(" + "|".join(_GENDER_WORDS) + r")\.?,?\s+$", re.IGNORECASE)


# Role nouns for more than one person, none in particular, or also a thing: "The crowd
# cheered. He said …", "The coach crashed on the motorway. He said …"
_NOT_ONE_PERSON = frozenset(
    "person people authority staff family crowd host source official member relative youth fellow"
    " coach head general guard pilot chief elder deputy".split()
)
# Role nouns that say whether it is a man or a woman (the nearest role subject of another
# gender is not who "he" or "she" is): the words of :data:`_GENDER_WORDS` and these
_ROLE_GENDER = {
    **_GENDER_WORDS,
    **dict.fromkeys("spokesman chairman man prince monk boy".split(), "he"),
    **dict.fromkeys("spokeswoman woman nun girl widow".split(), "she"),
}
_DEFINITE_OR_OWNED = _DEFINITE | {"poss"}  # "the minister", "the country's president"


# verbs that put a question to someone
_ASKING = frozenset({"ask", "question", "interview"})


def _common_plural(head: Token) -> bool:
    """A plural common noun ("residents", "officials"); not an acronym the tagger made
    plural ("TfL said")."""
    word = head.text
    return word[1:] == word[1:].lower()


def _maybe_person(name: str) -> bool:
    words = name.split()
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() and not w.isupper() for w in words)
        and not any(w.lower() in ORGANIZATION_NOUNS for w in words)
    )


def resolve_sources(
    doc: Doc, entities: list[Entity], records: list[Attribution], inside: list[bool] | None = None
) -> tuple[list[SourceDraft], list[SourceDraft | None]]:
    """Drafts in order of first mention, and the draft of each record (same order)."""
    reported = [r.statement or (r.start, r.end) for r in records if r.speaker is not None]
    book = SourceBook(doc, entities, inside, reported)
    order = sorted(range(len(records)), key=lambda k: records[k].speaker_span or (records[k].start, records[k].end))
    assigned: list[SourceDraft | None] = [None] * len(records)
    for k in order:
        assigned[k] = book.resolve(records[k], nested=_nested(records, k))
    return book.finish(), assigned


def _nested(records: list[Attribution], k: int) -> bool:
    """Record ``k``'s speaker stands inside what another record reports: ``McCaul … told VOA
    that Trump wants to have a "very strong military presence in Europe"`` / ``However, he
    cautioned …`` — "he" goes back to McCaul, who spoke, not to Trump, whom he reported."""
    span = records[k].speaker_span
    if span is None:
        return False
    for j, r in enumerate(records):
        lo, hi = r.statement or (r.start, r.end)  # a mixed quote's whole reported clause
        if j != k and r.speaker is not None and lo <= span[0] and span[1] <= hi:
            return True
    return False


def _titled_work(text: str, start: int, end: int) -> bool:
    """A source named by a title in quote marks is a work, never "he": in ``Hegseth … authored
    the book “The War on Warriors,” which blames the military's DEI programs …`` the book
    speaks, and the "he" of the next quotation is still Hegseth."""
    if start == 0 or not (text[start - 1] in OPENERS or text[start - 1] == STRAIGHT):
        return False
    # the mention is all inside the marks ("“The War on Warriors,” which …"), not a title
    # that modifies a person ("“The Apprentice” host said …")
    marks = CLOSERS | {STRAIGHT}
    return not any(ch in marks for ch in text[start:end]) and any(ch in marks for ch in text[end : end + 2])
