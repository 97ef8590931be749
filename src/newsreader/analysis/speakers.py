"""Speakers: the cue verb of a quote and the noun phrase that speaks, from the parse.

``speaker_token(cue)`` walks the dependency tree: the cue's ``nsubj``; when the cue has
none, its head verb's (``"…," the official said, which explains "…"`` -> official;
``Zelensky posted footage on X claiming …`` -> Zelensky; ``Trump criticized … and
claimed …`` -> Trump). ``"…," said Smith`` keeps its post-verbal subject.
``phrase(token)`` is the mention span: determiners, adjectives, possessors and
compounds to the left, ``for/of`` prepositions to the right, never past a comma.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cues import (
    AGENT_SUFFIXES,
    DICTIONARY_TABLE,
    DOCUMENT_NOUNS,
    ORGANIZATION_NOUNS,
    PLATFORMS,
    PUBLISHING_PLACES,
    ROLE_NOUNS,
    SPEECH_LEMMAS,
    WRITINGS,
)
from .quotes import CLOSERS, OPENERS, STRAIGHT

if TYPE_CHECKING:  # pragma: no cover
    from spacy.lookups import Table
    from spacy.tokens import Doc, Span, Token

_SUBJECTS = ("nsubj", "nsubjpass")
_CLIMB = frozenset({"conj", "xcomp", "advcl", "acl", "relcl", "ccomp", "dobj", "pcomp", "prep", "pobj"})
_RIGHT_KEEP = frozenset({"prep", "compound", "flat", "nmod", "pobj", "amod", "nummod"})
_PASSIVE_REPORT = SPEECH_LEMMAS | {"quote", "believe", "expect", "understand"}
# What the tagger may call an organisation's name ("the charity Oxfam International": LOC).
_ORG_NAMES = ("ORG", "LOC", "GPE", "NORP", "FAC")
_NOT_SPEAKERS = frozenset({"this", "that", "these", "those", "what", "which", "something", "anything", "nothing"})
_RELATIVE = frozenset({"which", "that", "who", "whom"})


@dataclass
class Attribution:
    """One quote or reported statement before ids and sources are assigned."""

    start: int
    end: int
    direct: bool
    cue: tuple[int, int] | None = None
    speaker: Token | None = None  # head token of the speaker phrase
    speaker_span: tuple[int, int] | None = None
    inherited: bool = False  # speaker taken from the previous paragraph's quote
    mixed: bool = False  # a quoted fragment inside the reporter's sentence
    statement: tuple[int, int] | None = None  # a mixed quote's reported clause (attribution._absorb)


def is_cue(token: Token) -> bool:
    if token.pos_ == "NOUN" and token.dep_ == "advcl":
        return token.lower_ in _GERUND_CUES  # "registered its opposition, writing, "…"": tagged a noun
    return token.pos_ == "VERB" and (token.lemma_.lower() in SPEECH_LEMMAS or _goes_on(token) or _reads(token))


def _reads(verb: Token) -> bool:
    """``"Trump's reelection heralds a tectonic shift …," read a recent opinion piece in the
    Hankyoreh newspaper`` / ``The statement read: "…"``: what a text reads is what it says,
    when the subject is a text (never "he read a book")."""
    if verb.lemma_.lower() != "read":
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None and verb.i > 0 and verb.doc[verb.i - 1].text in _CLOSERS:
        subject = next((c for c in verb.children if c.dep_ == "dobj"), None)  # '"…," read the statement'
    if subject is None:
        return False
    lemma = subject.lemma_.lower()
    return lemma in DOCUMENT_NOUNS or lemma in WRITINGS or lemma in _INSCRIPTIONS


# What a text on a thing reads: "read a sign on the door", "the banner read".
_INSCRIPTIONS = frozenset(
    "sign banner placard poster headline caption inscription slogan message text card plaque notice".split()
)


def _goes_on(verb: Token) -> bool:
    """``It continued, "This activity enabled the theft of customer call records …"`` /
    ``"…," he went on.``: going on with nothing to go on with is going on speaking (never
    "continued to rise", "continued the talks", "went on to win")."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if lemma == "go" and not any(c.dep_ == "prt" and c.lower_ == "on" for c in children):
        return False
    if lemma not in ("continue", "go"):
        return False
    if any(c.dep_ in ("xcomp", "dobj", "prep", "attr", "acomp", "advcl") for c in children):
        return False
    # only beside the quote it goes on with: never an intro's "the protesters will continue:"
    doc = verb.doc
    end = max([verb.i] + [c.i for c in children if c.dep_ == "prt"])
    opens = end + 2 < len(doc) and doc[end + 1].text in ",:" and doc[end + 2].text in OPENERS | {STRAIGHT, "``"}
    closed = any(t.text in _CLOSERS for t in doc[max(0, verb.i - 4) : verb.i])
    return opens or closed


_GERUND_CUES = frozenset("writing saying adding noting telling arguing warning explaining insisting stating".split())


def speaker_token(cue: Token, inside: list[bool] | None = None) -> Token | None:
    """The head token of whoever utters ``cue`` (None when the parse has no subject); a role
    noun followed by the person's name is that person (:func:`_named`)."""
    token = _speaker_token(cue, inside)
    return _named(token, cue) if token is not None else None


def _named(token: Token, cue: Token) -> Token:
    """``said observer and UK Independence Party member Richard Wood``, ``asked observer
    Emmanuel Dupuy, president of …``: the role noun the parser made the subject is followed
    by the name of the person it describes; the name is the speaker. So with an
    organisation noun and the organisation's name: ``the charity Oxfam International gave
    a dire warning``."""
    example = _exemplar(token, cue)
    if example is not None:
        return example
    if token.lemma_.lower() in ROLE_NOUNS and token.tag_ in ("NN", "NNP") and token.i < cue.i:
        # "Blogger and journalist Joseph Dana wrote …": the roles are one person's, named last
        name = next((c for c in token.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"), None)
        if name is not None and not any(c.dep_ == "conj" and c.i > name.i for c in token.children):
            return name
    user = _user_named(token, cue)
    if user is not None:
        return user
    owner = _page_owner(token)
    if owner is not None:
        return owner
    named = token.head
    titled = token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.lemma_.lower() in ROLE_NOUNS)
    if token.dep_ == "appos" and titled and named.i < token.i and named.pos_ == "PROPN":
        if named.ent_type_ not in _NO_NAMES:
            # 'Khinshtein also cited "The Moscow Front," a nationalist group based [ru] on
            # VKontakte that advocated attacks …': the group is the name just given; so
            # "tweets by Rehman Malik, Interior Minister claiming responsibility …"
            return named
    if token.pos_ != "NOUN" or token.ent_type_:
        return token
    appos = next((c for c in token.children if c.dep_ == "appos" and c.i > token.i and c.pos_ == "PROPN"), None)
    if appos is not None and _names_it(appos):
        return appos  # "Another Armenian blog, Le Retour in 3 Parts, comments …": its name
    author = _author(token, cue)
    if author is not None:
        return author
    doc = token.doc
    organisation = token.lemma_.lower() in ORGANIZATION_NOUNS
    labels = _ORG_NAMES if organisation else ("PERSON",)
    for j in range(token.i + 1, min(token.i + 8, len(doc))):
        other = doc[j]
        if organisation and j > token.i + 1:
            break  # the organisation's name follows its noun at once: "the charity Oxfam"
        if token.i < cue.i <= j:
            break  # "The indictment describes Bazghandi as …": a name after the cue is its object
        if other.is_punct and other.text != "," or other.is_space:
            break
        if other.ent_type_ in labels and other.pos_ == "PROPN":
            end = j
            while end + 1 < len(doc) and doc[end + 1].ent_type_ in labels and doc[end + 1].ent_iob_ == "I":
                end += 1
            name = doc[end]
            if name.head.i in (token.i, cue.i) or token.head.i == name.i or name.dep_ in ("conj", "appos"):
                return name
            break
    return token


_NO_NAMES = frozenset({"LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


def _user_named(token: Token, cue: Token) -> Token | None:
    """``Twitter user a.l.g. wrote [tr]:``: the parser makes the platform a subject of its
    own; the user's name after "user" is the writer."""
    doc = token.doc
    k = token.i + 2
    if token.lower_ not in PLATFORMS or k >= cue.i or doc[token.i + 1].lower_ not in ("user", "users"):
        return None
    name = doc[k]
    return None if name.is_punct or name.is_space or name.pos_ in ("ADP", "DET") else name


def _names_it(appos: Token) -> bool:
    """An apposition that names its noun: not a place, not a list of members ("The
    opposition parties, PML-N and PTI,"), not the noun's own abbreviation ("officers, NCOs,")."""
    if appos.ent_type_ in ("GPE", "LOC", "DATE") or any(c.dep_ == "conj" for c in appos.children):
        return False
    if any(c.dep_ == "conj" for c in appos.head.children if c.i > appos.i):
        return False
    name = appos.doc[appos.left_edge.i : appos.i + 1].text.rstrip("s")
    return not name.replace("-", "").replace(" ", "").isupper()


def _exemplar(token: Token, cue: Token) -> Token | None:
    """``Some, like Anahit Markosian, called for his resignation``: an unnamed group given
    by a named example between it and the cue speaks through the example."""
    group = token.lower_ in _SOME or (token.tag_ == "NNS" and any(c.lower_ in _SOME for c in token.lefts))
    if not group or token.i + 2 >= cue.i:
        return None
    comma, prep = token.nbor(1), token.nbor(2)  # wherever the parser hung the aside
    if comma.text != "," or prep.dep_ != "prep" or prep.lower_ != "like":
        return None
    name = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if name is not None and name.pos_ == "PROPN" and name.ent_type_ in ("PERSON", "ORG"):
        return name  # (and "Many people, like Alexander Da Silva (@Adasilva507) [es], refuse …")
    return None


_SOME = frozenset("some many others several few".split())


def _author(token: Token, cue: Token) -> Token | None:
    """``The blog, in a post by Edward Hutcheson, also suggested …``: writing on the web
    speaks for the person who wrote it, named in a "by" phrase of the subject or of an "in a
    post" phrase on the cue."""
    if token.lemma_.lower() not in _WEB_WRITING:
        return None
    places = [token] + [
        g for c in cue.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children if g.dep_ == "pobj"
    ]
    for place in places:
        if place.lemma_.lower() not in _WEB_WRITING:
            continue
        for by in place.subtree:
            if by.lower_ == "by" and by.dep_ in ("prep", "agent"):
                name = next((c for c in by.children if c.dep_ == "pobj"), None)
                if name is not None and name.pos_ == "PROPN" and name.ent_type_ == "PERSON":
                    return name
    return None


_WEB_WRITING = frozenset({"blog", "post", "column", "website", "site", "entry"})


def _speaker_token(cue: Token, inside: list[bool] | None = None) -> Token | None:
    """The head token of whoever utters ``cue`` (None when the parse has no subject).

    Subjects inside quote marks (``inside[i]``) are skipped: in ``"…light wounds…,"
    the official claimed`` the parser may also attach "wounds" as a subject.
    """
    named = _as_attributed(cue) or _inverted(cue) or _quoted_one(cue)
    if named is not None:
        return named
    if cue.dep_ == "acl" and cue.tag_ == "VBN" and (by := agent(cue)) is not None:
        if cue.head.lemma_.lower() in WRITINGS or cue.lemma_.lower() in _NAMED_BY | _POSTED_BY:
            # "an article written by Al Mariam Zelalem": the writer, not who shared it;
            # 'migrants — described by U.S. officials as "the worst of the worst"': the officials
            return by
    quoted = cited_as(cue)
    if quoted is not None:
        return quoted  # "NBC News cited unnamed U.S. officials as saying …": the officials say it
    doer = _faulted_for(cue)
    if doer is not None:
        return doer  # 'accusing him of describing the rioters as "political prisoners"': he describes
    if cue.tag_ == "VBG" and cue.dep_ == "acl" and (holder := _holder_of_gerund(cue.head, cue)) is not None:
        return holder  # "officials from both administrations saying they are working together"
    token = _reporter_of_content(cue) or cue
    below: Token | None = None  # the token the climb came from
    for step in range(4):
        named = _roles_then_name(token)
        if named is not None:
            return named
        for child in token.children:
            if child.dep_ in _SUBJECTS and not (inside is not None and inside[child.i]):
                if child.lower_ in _RELATIVE and child.pos_ != "PROPN":  # (not "The WHO said")
                    return _relative_antecedent(token)
                if child.dep_ == "nsubjpass" and not _active_conjunct(below):
                    if step == 0 or token.lemma_.lower() not in _PASSIVE_REPORT:
                        return agent(token)
                return child  # "The train manager is reported to have … said"
        if step == 0 and (name := _name_taken_for_modifier(token)) is not None:
            return name
        if step == 0 and cue.dep_ not in ("acl", "advcl", "xcomp", "relcl", "pcomp"):
            adjacent = _adjacent(cue, inside)
            if adjacent is not None:
                return adjacent
            titled = _titled_subject(cue)
            if titled is not None:
                return titled  # "Without Evasion notes that …": a blog's name the parser took for a phrase
        if token.dep_ in ("ROOT",) or token.dep_ not in _CLIMB or token.head is token:
            break
        if token.dep_ == "acl" and _names_someone(token.head):
            return token.head  # "Joshua Key, a 27-year-old deserter, alleged … that …"
        if token is cue and (controller := _object_control(cue)) is not None:
            return controller
        below, token = token, token.head
    return agent(cue)


def _page_owner(token: Token) -> Token | None:
    """Who writes on a page of their own: ``Mofaz's official Facebook page posted:`` -> Mofaz.
    Only a page the owner keeps (a platform's, or "official"), not "Taylor Swift's biggest fan
    page", "Elon Musk's Wikipedia page" or "Russia's most popular military Telegram channel"."""
    if token.lemma_.lower() not in PUBLISHING_PLACES:
        return None
    owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None:
        return None
    modifiers = [c for c in token.children if c.dep_ in ("amod", "compound") and c.i < token.i]
    if all(c.lower_ in PLATFORMS or c.lower_ in ("official", "own", "personal", "verified") for c in modifiers):
        return owner
    return None


def _object_control(cue: Token) -> Token | None:
    """Who is moved to speak: the object of the verb whose infinitive the cue is, ``This
    prompted Cuban blogger Yasmín Silvia Portales, who was not invited, to ask:`` -> Portales
    (so "led her to write", "forced prosecutors to admit"), not the subject ("This")."""
    if cue.dep_ != "xcomp" or cue.tag_ != "VB" or cue.head.lemma_.lower() not in _MOVING:
        return None
    moved = next((c for c in cue.head.children if c.dep_ == "dobj" and c.i < cue.i), None)
    return moved if moved is not None and plausible_speaker(moved) else None


# verbs whose object the infinitive after it is about: "prompted X to ask", "led X to write"
# (not "invited", "encouraged" or "urged X to report": asked to speak, X may not have)
_MOVING = frozenset("prompt lead cause force drive inspire move spur provoke".split())


def cited_as(gerund: Token) -> Token | None:
    """Whom a report cites or quotes "as saying": the object of "cited"/"quoted" in "NBC News
    cited unnamed U.S. officials as saying …" (``gerund`` is "saying")."""
    if gerund.tag_ != "VBG" or gerund.dep_ != "pcomp" or gerund.head.lower_ != "as":
        return None
    verb = gerund.head.head
    if verb.lemma_.lower() not in ("cite", "quote"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _name_taken_for_modifier(verb: Token) -> Token | None:
    """A coined name that opens the sentence, which the parser hung on a subjectless verb as
    a modifier: in ``Odessablogger also noted Yulia Tymoshenko's stance on the boycott:``
    "Odessablogger" is an adverb of "noted"."""
    first = verb.sent[0]
    if (
        first.head.i == verb.i
        and first.i < verb.i
        and first.dep_ in ("advmod", "npadvmod", "dep")
        and first.pos_ in ("ADV", "ADJ", "NOUN", "PROPN", "X")
        and coined(first)
    ):
        return first
    return None


def _active_conjunct(verb: Token | None) -> bool:
    """An active verb joined to a passive one shares its subject, not its agent: in "The
    CNRP … was dissolved by the Supreme Court in November … and has called on voters to
    boycott the election" the party calls, not the court. Active: a finite verb or one with
    its own auxiliary; a bare participle may share the passive's ("were killed and issued")."""
    if verb is None or verb.dep_ != "conj" or any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in verb.children)


def _holder_of_gerund(head: Token, cue: Token) -> Token | None:
    """Who a gerund after a noun says it: the noun (``reports saying the talks failed``), or
    the noun whose "from"/"of" phrase the parser hung it on (``officials from both the Biden
    and Trump administrations saying …``). Not where a clause around the noun has its own
    subject: in ``Ricky responds to Ma-K's argument saying that …`` or ``Zulu issued a
    statement saying …`` the parser's noun is the object of what the subject did, and the
    subject says it. The noun itself may be the subject when the gerund says something
    (``A Wikipedia entry claiming that President Sata had been assassinated did not help
    matters``), not when it advocates ("videos advocating freedom of expression are all part
    of this initiative")."""
    said = cue.lemma_.lower() in SPEECH_LEMMAS
    up = head
    while up.head.i != up.i:
        below, up = up, up.head
        if up.pos_ in ("VERB", "AUX") and any(
            c.dep_ in _SUBJECTS and (c.i != below.i or not said) for c in up.children
        ):
            return None
    if head.dep_ == "pobj" and head.head.lower_ in ("from", "of", "at", "in"):
        owner = head.head.head
        if owner.pos_ in ("NOUN", "PROPN") and plausible_speaker(owner):
            return owner
    if head.pos_ in ("NOUN", "PROPN") and plausible_speaker(head):
        return head
    return None


def _roles_then_name(verb: Token) -> Token | None:
    """``St. Petersburg city assemblyman and Yabloko member Boris Vishnevskii weighed in``: the
    parser gives the verb two subjects, a role and, after "and", a name; both are one person,
    and the name speaks. Titles without an article: "The senator and her husband Tom Reed"
    are two."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(subjects) != 2:
        return None
    role, name = subjects
    if role.pos_ != "NOUN" or name.pos_ != "PROPN" or name.ent_type_ != "PERSON":
        return None
    if any(
        t.dep_ == "poss" or (t.dep_ == "det" and t.lower_ in _ARTICLES) for t in list(role.subtree) + list(name.subtree)
    ):
        return None
    between = verb.doc[role.i + 1 : name.left_edge.i]
    return name if [t.lower_ for t in between if t.dep_ == "cc"] == ["and"] else None


_ARTICLES = frozenset({"the", "a", "an"})


def _faulted_for(cue: Token) -> Token | None:
    """Who is blamed or praised for saying something says it, not who blames them:
    ``Democrats criticized Trump for calling the journalists "enemies of the people"`` is
    Trump's phrase; so ``accused the minister of saying …`` and ``Trump was criticized for
    calling …``."""
    if cue.tag_ != "VBG" or cue.dep_ != "pcomp" or cue.head.lower_ not in ("of", "for"):
        return None
    prep = cue.head
    while prep.dep_ == "conj" and prep.head.pos_ == "ADP":
        prep = prep.head  # "accusing him of describing … and of calling for …"
    above = prep.head
    if above.dep_ == "dobj" and above.head.lemma_.lower() in _FAULTING:
        return above if plausible_speaker(above) else None  # ("of" hung on the object)
    if above.lemma_.lower() not in _FAULTING:
        return None
    faulted = next((c for c in above.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return faulted if faulted is not None and plausible_speaker(faulted) else None


# Verbs that blame or praise someone for something they did: "criticized Trump for calling …".
_FAULTING = frozenset(
    """
    accuse blame criticize criticise praise condemn slam fault thank attack chide rebuke mock
    commend applaud denounce deride ridicule scold berate castigate lambaste assail
    """.split()
)


def _reporter_of_content(cue: Token) -> Token | None:
    """``Ratcliffe told senators that substantial changes would be in store, saying the spy
    agency would be more aggressive``: the parser hangs the participle on the reported
    clause; who says it is who told, not the clause's subject ("changes")."""
    head = cue.head
    if cue.tag_ != "VBG" or cue.dep_ != "advcl" or head.dep_ != "ccomp" or head.i > cue.i:
        return None
    if head.head.lemma_.lower() not in SPEECH_LEMMAS or not any(t.text == "," for t in cue.doc[head.i : cue.i]):
        return None
    subject = next((c for c in head.children if c.dep_ in _SUBJECTS), None)
    if subject is not None and plausible_speaker(subject):
        return None  # "said the NEC sent a letter …, asking them to take action": the NEC asks
    return head.head


def _as_attributed(cue: Token) -> Token | None:
    """The source named inside an "as" clause, not the main clause's subject:
    ``…, as explained on the In2EastAfrica website:`` -> website; ``activists raised it, as
    reported by the Phnom Penh Post`` -> Post; ``The Times story quotes the letter as
    saying:`` -> letter. An "as" clause the parser gave the main clause's content keeps the
    main subject (``The US confirmed (as reported on the BBC) that it believed …``)."""
    deps = {c.dep_ for c in cue.children}
    if cue.tag_ == "VBN" and "ccomp" not in deps and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children):
        for prep in cue.children:
            if prep.dep_ in ("agent", "prep") and prep.lower_ in ("by", "on", "in"):
                found = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if found is not None:
                    return found
    head = cue.head
    if cue.dep_ == "pcomp" and head.lower_ == "as" and head.head.lemma_.lower() == "quote":
        return next((c for c in head.head.children if c.dep_ == "dobj"), None)
    if cue.tag_ == "VBG" and cue.dep_ in ("advcl", "xcomp", "acl") and head.lemma_.lower() in ("quote", "cite"):
        # "Dawn.com quotes Chairman PTA Mohammed Yaseen saying that they tried …": without
        # "as", the one quoted still says it
        return next((c for c in head.children if c.dep_ == "dobj" and c.i < cue.i), None)
    return None


def _quoted_one(cue: Token) -> Token | None:
    """Whom the subject of "quote" quotes: ``Afrah Nasser … quoted her words:`` -> her
    (Medea Benjamin), ``The minister quoted Gandhi:`` -> Gandhi. The words are theirs."""
    if cue.lemma_.lower() != "quote":
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None:
        return None
    if obj.lemma_.lower() in _WORDS_OF:
        obj = next((c for c in obj.children if c.dep_ == "poss"), None)
        if obj is None:
            return None
    elif obj.ent_type_ not in ("PERSON", "ORG") and obj.lower_ not in ("him", "her", "them"):
        return None
    subject = next((c for c in cue.children if c.dep_ in _SUBJECTS), None) or next(
        (c for c in cue.head.children if c.dep_ in _SUBJECTS and cue.dep_ == "conj"), None
    )
    if obj.pos_ == "PRON" and subject is not None and subject.pos_ == "PROPN":
        # nobody quotes themselves: after a named subject the pronoun is the other person
        # the sentence names (after a pronoun subject it is left to the resolver)
        heads = [
            t
            for t in cue.doc[sentence_of(cue).start : cue.i]
            if t.ent_type_ == "PERSON" and t.pos_ == "PROPN" and t.dep_ != "compound" and t.i != subject.i
        ]
        if heads:
            return heads[-1]
    return obj


# verbs that name or characterise someone, said by their "by" phrase
_NAMED_BY = frozenset("describe call label brand dub term characterize characterise".split())
# "a more powerful reply, tweeted by Egyptian blogger Bassem Sabry:": whoever posted it
_POSTED_BY = frozenset("tweet retweet post write share publish".split())
# what a speaker's quoted words are called: "quoted her words", "quoted the minister's remarks"
_WORDS_OF = frozenset("word words statement remark remarks comment comments tweet post line lines speech".split())


def _inverted(cue: Token) -> Token | None:
    """``Said the sharp-tongued Amsterdam (…):``, ``"Why now?" asked the mayor.``: a cue
    that opens its sentence, or follows the closing mark of a quote, with no subject, puts
    the speaker after it, where the parser sees an object. A common noun there is a speaker
    only after a closing mark or before an introducing colon (``Said one resident:``)."""
    after_quote = cue.i > 0 and cue.doc[cue.i - 1].text in _CLOSERS
    # "Residents view this as a betrayal, states a resolution by the Perm Coalition …:": the
    # content before the cue and its comma, the speaker after it
    after_content = (
        cue.i > 0 and cue.doc[cue.i - 1].text == "," and any(c.dep_ == "ccomp" and c.i < cue.i for c in cue.children)
    )
    after_quote = after_quote or after_content
    if (cue.i != sentence_of(cue).start and not after_quote) or any(c.dep_ in _SUBJECTS for c in cue.children):
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG")):
        return obj
    if obj is None and after_quote:
        # "… can do to prepare, said Monten.": the parser made the name a verb of its own
        name = next((c for c in cue.children if c.i == cue.i + 1 and c.dep_ in _MISREAD_NAME and c.is_title), None)
        if name is not None and name.i + 1 < len(cue.doc) and cue.doc[name.i + 1].text in (".", ","):
            return name
    opening = _before_colon(cue) and cue.tag_ != "VB"  # "Said …:", "Reported …:", not "Tell the children:"
    if obj is not None and (after_quote or opening) and obj.pos_ != "PRON" and plausible_speaker(obj):
        return obj  # '"Why now?" asked the mayor.', 'Said one resident: "It is a disaster."'
    return None


_MISREAD_NAME = frozenset({"xcomp", "npadvmod", "advmod", "attr", "oprd", "ccomp", "dep"})


def _before_colon(cue: Token) -> bool:
    """The cue's own words run up to a colon that introduces a quotation: ``Said one
    resident: "…"``, ``Wrote the mayor on her blog:``."""
    for token in cue.doc[cue.i + 1 : cue.i + _INTRO_REACH]:
        if token.text == ":":
            return True
        if token.is_space or token.text in OPENERS or token.text in (STRAIGHT, ".", "!", "?", ";"):
            return False
    return False


# the words between an inverted cue and its colon: "Wrote the mayor of the town on her blog:"
_INTRO_REACH = 16


# a closing quote mark as the tokenizer gives it ('' is two apostrophes closing a quote)
_CLOSERS = CLOSERS | {STRAIGHT, "''"}


def _names_someone(token: Token) -> bool:
    return token.ent_type_ in ("PERSON", "ORG") or token.lemma_.lower() in ROLE_NOUNS


def _adjacent(cue: Token, inside: list[bool] | None) -> Token | None:
    """A name right before or after a cue the parser left without subject.

    ``… and McClellan replied, "No, …"`` / ``"…," said Dr. Dhiya Fahdawi``.
    """
    doc = cue.doc
    after = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    # '…, and said critics were ignoring the numbers': the word after is what was said
    said = after is not None and _subject_of_content(after, cue)
    for k in (cue.i - 1, cue.i + 1):
        if k == cue.i + 1 and said:
            continue
        if 0 <= k < len(doc) and _handle(doc[k]) and not (inside is not None and inside[k]):
            return doc[k]  # '"The website isn't working," tweeted @tvrain on May 6.'
        named = 0 <= k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].ent_type_ in ("PERSON", "ORG")
        if k == cue.i - 1 and k >= 0 and capitalised(doc[k]) and doc[k].text in _entity_words(doc):
            # 'McKean calls this the "president's own foreign policy team."': the parser took the
            # name, a person's elsewhere in the article, for an adjective of the verb
            named = doc[k].pos_ in ("ADJ", "NOUN", "PROPN") and doc[k].ent_type_ not in ("GPE", "NORP", "LOC")
        if named:
            if inside is not None and inside[k]:
                continue
            head = doc[k]
            while head.head.i != head.i and head.head.pos_ == "PROPN" and head.dep_ in ("compound", "flat"):
                head = head.head
            if head.dep_ == "poss":
                continue  # "Odessablogger also noted Yulia Tymoshenko's stance …": whose stance, not who notes
            return head
    if said:
        return None
    if after is not None and after.pos_ == "NOUN" and after.lemma_.lower() in ROLE_NOUNS:
        if not (inside is not None and inside[after.i]):
            return _named(after, cue)  # '"…," asked observer Emmanuel Dupuy, president of …'
    return _right_after_quote(cue, inside)


def _right_after_quote(cue: Token, inside: list[bool] | None) -> Token | None:
    """``"… and our economy will suffer further," a Chinese netizen in the capital, Beijing,
    wrote on …``: the parser hung the noun phrase after the closing mark inside the quote
    (the object of "suffer"); the person named between the mark and the cue speaks. Only a
    role noun, with no verb between the mark and the cue."""
    doc = cue.doc
    k = cue.i - 1
    while k >= 0 and doc[k].text not in _CLOSERS:
        if doc[k].pos_ in ("VERB", "AUX") or (inside is not None and inside[k]) or cue.i - k > 12:
            return None
        k -= 1
    if k < 0:
        return None
    for token in doc[k + 1 : cue.i]:
        if token.pos_ == "NOUN":
            return token if token.lemma_.lower() in ROLE_NOUNS else None
    return None


def _subject_of_content(token: Token, cue: Token) -> bool:
    """``said critics were ignoring the numbers``: the word after the cue heads the subject
    of what was said (the cue's clausal complement), not the speaker."""
    while token.dep_ in ("compound", "flat") and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass") and token.head.dep_ == "ccomp" and token.head.head.i == cue.i


def _handle(token: Token) -> bool:
    """A social-media handle: ``@tvrain``."""
    return token.text.startswith("@") and len(token.text) > 1 and token.text[1:].replace("_", "").isalnum()


def plausible_speaker(token: Token) -> bool:
    """Names, pronouns, people, institutions and documents speak; "the bombing" does not,
    nor a demonstrative ("this extended to anyone calling for a boycott")."""
    if token.pos_ == "PRON" and token.lower_ in _NOT_SPEAKERS:
        # "those on the left said it was too harsh": people ("those who want to …" is left
        # alone: its relative clause's own verb would make "those" the speaker of "want")
        return token.lower_ == "those" and any(c.dep_ == "prep" for c in token.children)
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return _partitive_speaks(token) if token.ent_type_ == "CARDINAL" else True
    if token.pos_ in ("NUM", "DET", "ADJ", "NOUN") and token.lower_ in _PARTS:
        return _partitive_speaks(token)  # "one of the officials", "11% of Democrats", "a majority of voters"
    lemma = token.lemma_.lower()
    lower = token.lower_
    if lower == "old" and any(c.lower_ in ("year", "years") for c in token.children):
        return True  # '"...," said a 19-year-old who lives in Villiers-le-Bel' (the parser's ADJ "old")
    if lemma in ROLE_NOUNS or lemma in DOCUMENT_NOUNS or lemma in ORGANIZATION_NOUNS or lower in DOCUMENT_NOUNS:
        return True
    if lower in ORGANIZATION_NOUNS:  # "the media" (lemma "medium")
        return True
    if (
        token.pos_ in ("NOUN", "ADJ")
        and capitalised(token)
        and token.ent_type_ not in ("NORP", "GPE", "LOC")
        and token.text in _entity_words(token.doc)
    ):
        # "Zelenskyy said …" tagged a noun here, a PERSON elsewhere in the article; "McKean
        # calls this the "president's own foreign policy team."" tagged an adjective
        return True
    if (
        token.pos_ in ("NOUN", "ADJ", "ADV", "X")
        and coined(token)
        and (token.dep_ == "nsubj" or token.i == token.sent.start)
        and (
            _named_by_role(token)
            or not any(c.dep_ in _MODIFIED and c.i < token.i and c.lower_ not in _SOME for c in token.children)
        )
    ):
        # a pen name the parser took for a word, as the subject or the sentence's first word:
        # "Maxibeats compiled statements from former playing colleagues:", "nkhosi believes
        # that …", "Odessablogger also noted …" (elsewhere a new word is more often a thing:
        # "rejecting the radicalization of …"); a name takes no article or adjective, a new
        # thing does ("The smartphone shows that …", "new ransomware demanded …"), as a new
        # word for people may ("many netzines")
        return True
    if token.pos_ != "NOUN":
        return False
    if lemma.endswith("ing"):
        return False
    return any(lemma.endswith(suffix) for suffix in AGENT_SUFFIXES)


def coined(token: Token) -> bool:
    """A word no English dictionary has, as a blogger's pen name or a handle without its "@"
    ("Maxibeats", "Odessablogger", "nkhosi", "ProPakistani"), where the model knows its
    dictionary (:data:`~.cues.DICTIONARY_TABLE`); the parser takes such words for nouns,
    adjectives or adverbs (so function words count as known only as stop words). Not a word
    built with an English suffix ("radicalization", "crowdfunding"), nor one of three letters."""
    if _HANDLE_WORD.fullmatch(token.text):
        return True
    lookups = token.vocab.lookups
    if not lookups.has_table(DICTIONARY_TABLE) or not token.is_alpha or token.is_stop or len(token.text) < 4:
        return False
    words = _words(lookups.get_table(DICTIONARY_TABLE))
    lower = token.lower_
    return lower not in words and token.lemma_.lower() not in words and not lower.endswith(_DERIVED)


# a handle written without its "@": "User herfou70 would prioritise his family:", "i_l_d
# responded", "BIEN_Switzerland" (lower-case letters then digits, or words joined by "_")
_HANDLE_WORD = re.compile(r"[a-z]{3,}\d{1,4}|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+")


# a headline's or an editor's label before a colon, never part of a name: "Update: Police
# Chief Michel Moore said …", "Watch: Zelensky …"
_LABELS = frozenset(
    "update updated breaking watch read related note correction live video photos analysis opinion exclusive".split()
)


# what stands before a common noun and not before a name (but "Blogger happydsf", "LJ user
# drugoi", and "many netzines", a new word for people)
_MODIFIED = frozenset({"det", "poss", "amod", "nummod"})
_WORDS: dict[int, tuple[Table, frozenset[str]]] = {}


def _words(index: Table) -> frozenset[str]:
    """The words of the lemmatizer's index (lists of words per part of speech), as one set,
    built once per index (the entry keeps the index alive, so its id stays its own)."""
    entry = _WORDS.get(id(index))
    if entry is None:
        entry = _WORDS[id(index)] = (index, frozenset(word for words in index.values() for word in words))
    return entry[1]


# English suffixes that make new words of known ones: "radicalization", "crowdfunding", "unfriended"
_DERIVED = tuple(
    "ion ions ment ments ness ity ities ism isms ize izes ized ise ises ised ing ed ly able ible ful less ous ship hood".split()
)


def _named_by_role(token: Token) -> bool:
    """A role noun stands before the word as a title: "Russian LJ user gyperbol", "the
    blogger happydsf"."""
    return any(c.dep_ == "compound" and c.i < token.i and c.lemma_.lower() in ROLE_NOUNS for c in token.children)


def _partitive_speaks(token: Token) -> bool:
    """``One of the officials said …``, ``two of the protesters told VOA``: a number or
    quantifier speaks for the group named in its "of" phrase, when that group can speak."""
    group = partitive_group(token)
    return group is not None and plausible_speaker(group)


def partitive_group(token: Token) -> Token | None:
    """The group a number or quantifier picks from: "officials" in ``one of the officials``."""
    if token.lower_ not in _PARTS:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return next((g for g in prep.children if g.dep_ == "pobj"), None)
    return None


# numbers and quantifiers that head a partitive: "one of the officials", "some of them"
#: Shares of a group, which a poll reports as speaking: "11% of Democrats said …".
SHARES = frozenset("% percent majority minority plurality share proportion third thirds quarter quarters".split())
_PARTS = (
    frozenset(
        "one two three four five six seven eight nine ten dozens hundreds thousands some many several most few "
        "both each either neither none all half".split()
    )
    | SHARES
)


def _entity_words(doc: Doc) -> frozenset[str]:
    """Words of the article's PERSON and ORG entities (computed once per document)."""
    words = doc.user_data.get("newsreader_entity_words")
    if words is None:
        words = frozenset(t.text for ent in doc.ents if ent.label_ in ("PERSON", "ORG") for t in ent if capitalised(t))
        doc.user_data["newsreader_entity_words"] = words
    return words


def capitalised(token: Token) -> bool:
    """A capitalised word, "McKean" and "DeSantis" too (``str.istitle`` says no to them)."""
    return token.text[:1].isupper() and token.is_alpha


def _relative_antecedent(verb: Token) -> Token | None:
    """The noun a relative clause's "who" or "which" stands for; a noun that only says what
    someone named is stands for the name: in ``Venezuela's Hugo Chavez is another head of
    state who has previously labeled George W. Bush a "terrorist"``, Chavez."""
    head = verb.head
    if verb.dep_ != "relcl" or head.i == verb.i:
        return None
    if head.pos_ == "NOUN" and head.dep_ == "attr" and head.head.lemma_ == "be":
        named = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        if named is not None and named.pos_ == "PROPN" and named.ent_type_ in ("PERSON", "ORG"):
            return named
    if head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    return speaker_token(head) if head.pos_ == "VERB" else None


def agent(verb: Token) -> Token | None:
    """The noun of a passive verb's "by" phrase."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def phrase(token: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``token`` (single line, no comma)."""
    doc = token.doc
    left = token.i
    for child in token.lefts:
        if child.dep_ in ("punct", "cc", "conj", "appos"):
            continue
        left = min(left, child.left_edge.i)
    while left < token.i and (doc[left].is_punct or doc[left].is_space or doc[left].text == ">"):
        left += 1  # (">" is a blockquote's mark, never a word of the phrase)
    # a comma between the modifiers and the head splits an apposition: keep the head side (so
    # a colon: "Q: Minister Smith said …"; but see :func:`_name_before_colon`)
    for k in range(token.i - 1, left - 1, -1):
        if doc[k].text in (",", ":") or _line_break(doc[k]):
            left = k + 1
            break
    right = token.i
    for child in token.rights:
        keep = child.dep_ in _RIGHT_KEEP or (child.dep_ == "acl" and child.tag_ == "VBN")  # "a statement issued by …"
        if not keep or any(t.text in ",(" or _line_break(t) for t in doc[right + 1 : child.i + 1]):
            break
        right = child.right_edge.i
        # "One nurse at a clinic in the capital, who spoke on condition of anonymity …": the
        # parser hangs the relative clause on "capital"; the phrase ends at the comma
        # ("officials from both administrations saying …": nor at a gerund that says something)
        cut = next(
            (t.i for t in doc[child.i : right + 1] if t.text == "," or _line_break(t) or speech_gerund(t)),
            None,
        )
        if cut is not None:
            right = cut - 1
            break
    while right > token.i and (doc[right].is_punct or doc[right].is_space or doc[right].dep_ == "cc"):
        right -= 1
    if token.i > 0 and doc[token.i - 1].lower_ == "user" and left >= token.i - 1:
        # "Twitter user a.l.g. wrote": a user name runs over the marks glued to it
        while right + 1 < len(doc) and not doc[right].whitespace_ and doc[right + 1].text not in ',:;)"\u201d':
            right += 1
    words = [t.text for t in doc[left : right + 1]]
    if words.count("(") > words.count(")") and right + 1 < len(doc) and doc[right + 1].text == ")":
        right += 1  # "Otieno (@otieno_k)", not "Otieno (@otieno_k"
    after = doc[right + 1] if right + 1 < len(doc) else None
    if after is not None and token.pos_ in ("NOUN", "PROPN") and after.text.startswith("@") and len(after.text) > 1:
        right += 1  # "A net user @555773 tweeted": the handle names the user (the parser may call it a verb)
    if doc[right].text.startswith("@"):  # "@__hope_": the tokenizer splits a handle's last "_" off
        while right + 1 < len(doc) and not doc[right].whitespace_ and doc[right + 1].text.strip("_") == "":
            right += 1
    left, right = _title_run(token, left, right)
    left = _name_before_colon(token, left)
    start = doc[left].idx
    end = doc[right].idx + len(doc[right].text)
    return start, end


def _name_before_colon(token: Token, left: int) -> int:
    """A blog's name with a colon in it: ``Unzipped: Gay Armenia was shocked:``, ``Even so, in
    its latest post, Unzipped: Gay Armenia comments …`` — one capitalised word and a colon
    right before a proper name, at the sentence's start or after a comma, are the name's first
    part (not "UPDATE: Police said", nor a transcript's "Q:")."""
    doc = token.doc
    if token.pos_ != "PROPN" or left < 2 or not _colon_in_name(doc, left - 1):
        return left
    before = doc[left - 3] if left >= 3 else None
    if before is None or doc[left - 2].is_sent_start or before.text == ",":
        return left - 2
    return left


def _colon_in_name(doc: Doc, k: int) -> bool:
    """``doc[k]`` is a colon inside a blog's name, "Unzipped: Gay Armenia": glued to one
    capitalised word of three letters or more before it, a space after it."""
    word = doc[k - 1] if k > 0 else None
    return (
        doc[k].text == ":"
        and (word is None or word.lower_ not in _LABELS)
        and doc[k].whitespace_ != ""
        and word is not None
        and not word.whitespace_
        and word.is_alpha
        and word.is_title
        and len(word) >= 3
    )


def joint_speakers(token: Token, span: tuple[int, int]) -> tuple[int, int]:
    """The speaker span widened over the names joined to it: ``Senators Tom Cotton and Mark
    Warner said in a statement`` is said by both, not by Cotton alone; so ``Wendy Iriepa and
    Ignacio Estrada confessed …``, ``China and Russia said …``, ``officials and experts
    warn …``. Each conjunct must be a name or a noun of the same kind as the first (not
    "Biden and his wife's dog", nor the role nouns of one person, "Blogger and journalist
    Joseph Dana"), joined by "and" or "&", and the whole must stay on one line without quote
    marks. The source stays the first name's: the span is what the reader sees.

    Not only subjects: ``according to experts and former officials``, ``according to South
    Korea, the United States and Ukraine`` (never back from a later name to an earlier one:
    the parser joins "ascribed to President Bush and McClellan replied" too)."""
    if token.dep_ not in _JOINABLE:
        return span
    chain: list[Token] = []
    link = token
    while (nxt := next((c for c in link.children if c.dep_ == "conj" and c.i > link.i), None)) is not None:
        chain.append(nxt)
        link = nxt
    joiners = [t for t in token.doc[token.i : chain[-1].i] if t.dep_ == "cc"] if chain else []
    if not chain or not joiners or any(t.lower_ not in ("and", "&") for t in joiners):
        return span  # ("Biden or Trump" is either of them)
    if not all(_same_kind(token, c) for c in chain):
        return span
    words = token.doc[token.i : chain[-1].i + 1]
    if len(words) > 20 or any(t.text in _MARK_TEXTS or "\n" in t.text_with_ws for t in words):
        return span
    end = phrase(chain[-1])[1]
    return (span[0], end) if end > span[1] else span


_MARK_TEXTS = OPENERS | _CLOSERS
# where joined names speak together: subjects, "according to …", "by …"
_JOINABLE = frozenset({"nsubj", "nsubjpass", "pobj"})


def _same_kind(first: Token, other: Token) -> bool:
    """Two coordinated subjects that speak together: names (people, organisations, places,
    groups) with names, plural nouns with plural nouns ("officials and experts"); singular
    nouns are one person's roles ("Blogger and journalist Joseph Dana")."""
    named = ("PERSON", "ORG", "GPE", "NORP")
    if first.pos_ == "PROPN" or first.ent_type_ in named:
        return other.pos_ == "PROPN" or other.ent_type_ in named
    return first.tag_ == "NNS" and other.tag_ == "NNS"


# Small words a title may hold between its capitalised ones ("Evidence and Reason",
# "Le Retour in 3 Parts"), never at either end.
_TITLE_JOINERS = frozenset({"and", "&", "of", "in", "the", "for", "on", "de", "la", "el"})
_NOT_IN_TITLES = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME"})


def _title_run(token: Token, left: int, right: int) -> tuple[int, int]:
    """A subject that is a title of capitalised words right before its verb is all of the
    title, whatever the parser made of its words: a blog called "Evidence and Reason" ("Evidence
    and Reason says:" — the parse makes "Reason" a conjunct), "Gist Only" ("Gist Only wrote a
    rather controversial headline:" — "Only" an adverb), "Unzipped: Gay Armenia" ("Unzipped: Gay
    Armenia likens the 21 May disruption to fascism."). The title runs from the start of the
    sentence or a comma; places and dates never join it ("In Washington Biden said").

    A title may open with a preposition the parser took for one, leaving the verb without a
    subject: "Finally, Through the Eye of the Needle calls this year's anniversary …",
    "Without Evasion notes that …"."""
    doc = token.doc
    subject = token
    while subject.dep_ == "conj" and subject.head.i != subject.i:
        subject = subject.head
    opener = _title_preposition(subject)
    if opener is not None:
        subject = opener
    verb = subject.head
    if (subject.dep_ not in _SUBJECTS and opener is None) or verb.pos_ not in ("VERB", "AUX") or verb.i <= right:
        return left, right
    last = verb.i - 1
    if last < right:
        return left, right
    first = last + 1
    sentence_start = sentence_of(token).start
    own = {t.i for t in doc[left : right + 1]}
    for k in range(last, sentence_start - 1, -1):
        word = doc[k]
        colon = k == sentence_start + 1 and _colon_in_name(doc, k)
        hyphen = word.text == "-" and not word.whitespace_ and k > 0 and not doc[k - 1].whitespace_  # "Ng E-Jay"
        titled = word.is_title or word.like_num or word.lower_ in _TITLE_JOINERS or colon or hyphen
        if not titled or (word.ent_type_ in _NOT_IN_TITLES and k not in own):
            break
        first = k
    while first <= last and (doc[first].lower_ in _TITLE_JOINERS or doc[first].pos_ in _NO_TITLE_START):
        if (opener is not None and first == opener.i) or _bare_opening_preposition(doc[first]):
            break  # "Through the Eye of the Needle", "Without Evasion": the preposition is the title's first word
        first += 1
    while last >= first and doc[last].lower_ in _TITLE_JOINERS:
        last -= 1
    if (
        first > left
        or last < right
        or last - first < 1
        or any(doc[k].is_punct and doc[k].text not in ":-" for k in range(first, last + 1))
    ):
        return left, right
    if opener is not None and any(doc[k].ent_type_ in _NOT_IN_TITLES | {"PERSON"} for k in range(first, last + 1)):
        return left, right  # "On Monday Smith said", "At Harvard Smith said": a when or a where, then a name
    return first, last


_NO_TITLE_START = frozenset({"DET", "ADP", "CCONJ", "SCONJ", "ADV", "PRON", "AUX", "PART"})


def _bare_opening_preposition(token: Token) -> bool:
    """A capitalised preposition with no object of its own that opens its sentence: the first
    word of a title ("Without Evasion notes …", where the parser made "Evasion" the subject)."""
    return (
        token.pos_ == "ADP"
        and token.is_title
        and token.i == sentence_of(token).start
        and not any(c.dep_ in ("pobj", "pcomp") for c in token.children)
    )


def _titled_subject(verb: Token) -> Token | None:
    """The head of a title that opens with a preposition, before a verb without a subject."""
    for child in verb.lefts:
        if child.dep_ == "prep":
            head = next((g for g in child.children if g.dep_ == "pobj"), None)
            if head is not None and head.pos_ == "PROPN" and _title_preposition(head) is not None:
                return head
    return None


def _title_preposition(token: Token) -> Token | None:
    """The capitalised preposition that opens a title the parser took for a prepositional
    phrase of a subjectless verb ("Without Evasion notes …"): the preposition opens its
    sentence, or follows an opening adverb and a comma ("Finally, Through the Eye of …")."""
    prep = None
    while token.dep_ == "pobj" and token.head.dep_ == "prep":
        prep, token = token.head, token.head.head
        if token.pos_ in ("VERB", "AUX"):
            break
    if prep is None or not prep.is_title or token.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ in _SUBJECTS for c in token.children):
        return None
    before = [t for t in token.doc[sentence_of(prep).start : prep.i] if not t.is_space]
    if before and not (len(before) == 2 and before[0].pos_ == "ADV" and before[1].text == ","):
        return None
    return prep


def _line_break(token: Token) -> bool:
    """A newline the parse still has (soft wraps are spaces by then: pipeline.parse_text)
    ends a phrase; a language tag (nlp.py makes "[ru]" a space) does not: "a nationalist group
    based [ru] on VKontakte" is one phrase."""
    return token.is_space and "\n" in token.text


def speech_gerund(token: Token) -> bool:
    """A gerund of saying after a noun: "officials … saying", "the move saying, "…""."""
    return token.tag_ == "VBG" and token.dep_ == "acl" and token.lemma_.lower() in SPEECH_LEMMAS


def cue_span(token: Token) -> tuple[int, int]:
    """The cue's characters; ``according to`` keeps both words."""
    if token.lower_ == "according":
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            return token.idx, nxt.idx + len(nxt.text)
    return token.idx, token.idx + len(token.text)


def according_source(token: Token) -> Token | None:
    """``according to X`` -> X."""
    for child in token.children:
        if child.lower_ == "to":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    if token.i + 2 < len(token.doc) and token.nbor(1).lower_ == "to":
        sent_end = sentence_of(token).end
        for t in token.doc[token.i + 2 : sent_end]:
            if t.pos_ in ("PROPN", "NOUN", "PRON"):
                head = t
                while head.head.i < sent_end and head.head.i > head.i and head.head.pos_ in ("PROPN", "NOUN"):
                    head = head.head
                return head
    return None


#: Nouns of a held view: "in Gunter's view", "in the opinion of the journalist Rodrigo Vianna".
VIEWS = frozenset({"view", "opinion", "estimation", "assessment", "judgment", "judgement", "mind"})


def view_holder(noun: Token) -> Token | None:
    """Whose view "in … view" gives: the possessive (``In Gunter's view``) or the "of"
    phrase of the noun, or right after it past a link's language tag (``in the opinion [pt]
    of the journalist Rodrigo Vianna``, where the parser may hang "of" elsewhere); never the
    writer's own (``In my opinion``)."""
    if noun.lemma_.lower() not in VIEWS or noun.head.lower_ != "in":
        return None
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    if holder is not None:
        return None if holder.lower_ in ("my", "our") else holder
    doc = noun.doc
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        j = noun.right_edge.i + 1
        while j < len(doc) and doc[j].is_space:
            j += 1
        if j < len(doc) and doc[j].lower_ == "of":
            of = doc[j]
    return None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)


def sentence_of(token: Token) -> Span:
    """The sentence holding ``token``, from a per-Doc table (``Token.sent`` rescans the Doc)."""
    doc = token.doc
    table = doc.user_data.get("newsreader_sentences")
    if table is None:
        sents = list(doc.sents)
        table = (sents, [s.start for s in sents])
        doc.user_data["newsreader_sentences"] = table
    sents, starts = table
    return sents[bisect.bisect_right(starts, token.i) - 1]


def sentences_between(sents: list[Span], starts: list[int], lo: int, hi: int) -> list[Span]:
    """Sentences overlapping characters ``[lo, hi)`` (``starts`` = their start chars)."""
    k = max(bisect.bisect_right(starts, lo) - 1, 0)
    found = []
    while k < len(sents) and sents[k].start_char < hi:
        if sents[k].end_char > lo:
            found.append(sents[k])
        k += 1
    return found
