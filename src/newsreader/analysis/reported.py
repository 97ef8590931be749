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
* Beyond "said" (issue 21), each family in cues.py: cognition and evidential verbs with a
  clause and a source as subject (``officials believe …``, ``the poll shows …``); an
  infinitive with its addressee (``X urged voters to boycott the vote``); a noun phrase
  (``X denied the allegations``, ``X called for an inquiry``, ``accused the party of
  conspiring …`` -> the "of" part); passive reports, the speaker null unless a "by"
  phrase names one (``Hun Sen is believed to have …``, ``it is expected that …``); noun
  cues with "that", "of" or "to" (``allegations that it was fomenting a plot``, the
  speaker a possessor or the subject of "raise/express/voice"); an interposed cue
  (``The plan, officials said, will cost more.``) reports the whole sentence.

A complement with fewer than three words outside quote marks is the attribution of
a direct quote, not an indirect one, and is skipped; a mixed quote ("Syria is an
"outlaw regime"") is kept. Cues inside quotes and negated cues ("did not say") are
skipped; the content stops before another speaker's clause ("…, while local
witnesses said …").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import (
    ACCORDING,
    CLAUSE_LEMMAS,
    DOCUMENT_NOUNS,
    HEARSAY_ADVERBS,
    NOUN_CUES,
    OBJECT_LEMMAS,
    OWNED_NOUN_CUES,
    PASSIVE_LEMMAS,
    PHRASAL_CUES,
    PLATFORMS,
    REPORT_LEMMAS,
    ROLE_NOUNS,
    SPEECH_LEMMAS,
    XCOMP_LEMMAS,
)
from .spans import doc_text
from .speakers import (
    SHARES,
    Attribution,
    according_source,
    agent,
    cited_as,
    cue_span,
    phrase,
    plausible_speaker,
    sentence_of,
    speaker_token,
    speech_gerund,
    view_holder,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_CLAUSE_CUES = REPORT_LEMMAS | CLAUSE_LEMMAS | XCOMP_LEMMAS
# "as" too: "described the city as \"effectively in a state of exception\"" says what it called it
_OBJECT_PREPS = frozenset({"to", "on", "of", "for", "against", "into", "over", "about", "from", "as"})
# Noun cues whose content may follow "for": "the U.S. demand for half of its minerals".
_ASKING = frozenset({"demand", "call", "request", "plea", "appeal"})
_CONCESSIVE = frozenset({"though", "although", "while", "whereas", "but"})
# Verbs whose object is whom they address: "told reporters the plan was dead".
_ADDRESSED = frozenset({"tell", "inform", "remind", "assure", "warn", "ask", "advise", "instruct", "urge", "promise"})
_QUESTIONS = frozenset({"ask", "wonder", "question", "inquire", "enquire"})
# Cues whose content may be a wh-clause: a question asked, or what was explained or shown
# ("Misheck Makora explains why Zimbabwean pastors are against his visit"); after other
# verbs a wh-clause is an open question nobody answered ("to determine how often …").
_WH_CONTENT = _QUESTIONS | frozenset({"explain", "reveal", "describe", "detail", "disclose", "outline", "show"})
_MIN_TOKENS = 3
_MIN_OBJECT_TOKENS = 2
# Verbs through which a noun cue's owner speaks: "X raised concerns over …".
_VOICING = frozenset(
    {"raise", "express", "voice", "make", "issue", "repeat", "reiterate", "renew", "air", "share", "have"}
)
# Verbs whose object is a feeling voiced, one word or more: "experts expressed confusion",
# and what the feeling is about, which the parser may hang on the verb: "expressed their
# outrage | at the way criminals are permitted to escape punishment".
_FEELING = frozenset({"express", "voice"})
_FELT_PREPS = frozenset({"at", "with", "regarding", "toward", "towards"})
# Participles that give the writer's reason, which the parser hangs on the object's last noun.
_REASONING = frozenset({"considering", "given"})
# Verbs that name something as something: "X calls this a redundant activity".
_NAMING = frozenset({"call", "brand", "label", "dub", "term", "deem"})
# Verbs of taking something for something ("analysts see the deal as a win", "the report
# lists Cuba as one of the most censored countries").
_SEEING = frozenset(
    {"see", "view", "regard", "perceive", "characterize", "characterise", "portray", "list", "assess", "rate"}
)
# Verbs whose object is accused of something: "accused the government of torture".
_CHARGING = frozenset({"accuse", "suspect"})
# What "deny" refuses rather than disputes: "denied him bail", "denied the request".
_REFUSED = frozenset("bail access entry visa permission request application appeal licence license passage".split())
_DASHES = frozenset({"-", "\u2014", "\u2013", "--"})
# What may stand before an interposed cue and say nothing: "But, he said, …", "And yet, she added, …".
_LINKING = frozenset({"CCONJ", "ADV", "SCONJ", "PUNCT", "SPACE"})
_LEAD = frozenset({"that", ",", ":", "-", "\u2014", "\u2013"})


def find_reported(doc: Doc, inside_quote: list[bool]) -> list[Attribution]:
    """Indirect attributions of ``doc``; ``inside_quote[i]`` marks tokens within quote marks."""
    found: list[Attribution] = []
    for token in doc:
        if inside_quote[token.i]:
            continue
        lemma = token.lemma_.lower()
        record = None
        if token.lower_ in ACCORDING:
            record = _according(token, inside_quote)
        elif token.lower_ in HEARSAY_ADVERBS and token.dep_ == "advmod":
            record = _hearsay(token, inside_quote)
        elif token.lower_ in _STANCES and token.dep_ in ("acomp", "ROOT", "conj"):
            record = _stance(token, inside_quote)
        elif token.pos_ == "VERB" or _verb_as_noun(token):
            if _is_passive(token):
                if lemma in PASSIVE_LEMMAS or (
                    lemma in _PASSIVE_ADDRESSED and any(c.dep_ in ("ccomp", "xcomp") for c in token.children)
                ):
                    record = _passive(token, inside_quote)
            else:
                if lemma in _CLAUSE_CUES or lemma in _QUESTIONS:
                    record = _complement(token, lemma, inside_quote)
                if record is None and lemma == "say":
                    record = _clause_taken_for_object(token, inside_quote)
                if record is None and (
                    lemma in OBJECT_LEMMAS or _phrasal_prep(token, lemma) is not None or _pointed_out(token)
                ):
                    record = _object(token, lemma, inside_quote)
                if record is None and lemma in _NAMING:
                    record = _naming(token, inside_quote)
                if record is None and lemma in _SEEING:
                    record = _seen_as(token, inside_quote)
                if record is None and (lemma, "for") in PHRASAL_CUES:
                    record = _for_clause(token, inside_quote)
        elif token.pos_ == "AUX" and lemma in _SAYING and token.dep_ in ("aux", "auxpass"):
            record = _say_taken_for_aux(token, inside_quote)
        elif token.pos_ == "NOUN" and (holder := view_holder(token)) is not None:
            record = _in_view(token, holder, inside_quote)
        elif token.pos_ == "NOUN" and lemma in NOUN_CUES:
            record = _noun_cue(token, inside_quote)
        if record is not None:
            found.append(record)
    return found


# Adjectives of a stance someone takes on something, with the preposition they take it with:
# "Democrats have been critical of the changes", "users remain skeptical about how …".
_STANCES = {
    "critical": ("of",),
    "skeptical": ("of", "about"),
    "sceptical": ("of", "about"),
    "supportive": ("of",),
    "dismissive": ("of",),
    "doubtful": ("of", "about"),
    "unconvinced": ("of", "by"),
}


_BEING = frozenset({"be", "remain", "seem", "appear", "become", "stay", "grow"})


def _stance(adjective: Token, inside_quote: list[bool]) -> Attribution | None:
    """``Democrats in Congress have been critical of the changes regarding USAID``, ``former
    U.S. officials are skeptical about the extent to which …``: a stance is reported opinion;
    the content is its object, the speaker the one who holds it (the subject of "be",
    "remain", "seem")."""
    prep = next((c for c in adjective.children if c.dep_ == "prep" and c.lower_ in _STANCES[adjective.lower_]), None)
    target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
    if target is None or target.pos_ == "PRON":
        return None
    verb = adjective if adjective.dep_ in ("ROOT", "conj") else adjective.head
    if _unasserted(verb) or (verb is not adjective and verb.lemma_.lower() not in _BEING):
        return None  # ("The scandal left voters skeptical of …": the scandal holds no view)
    speaker = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if speaker is None and verb.dep_ == "conj":
        speaker = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if speaker is None:
        return None
    return _make(
        adjective, speaker, target.left_edge.i, target.right_edge.i, inside_quote, min_tokens=_MIN_OBJECT_TOKENS
    )


def _pointed_out(verb: Token) -> bool:
    """``The blogger points out the irony of the situation``: "point out" with an object."""
    return verb.lemma_.lower() == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)


def _is_passive(verb: Token) -> bool:
    if verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acomp", "oprd", "xcomp") and verb.head.lemma_ == "stand":
        return True  # "Assad stands accused of war crimes": nobody named accuses him
    return any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children)


def _unasserted(verb: Token) -> bool:
    """The cue reports nothing: negated ("did not say that …"), prescribed, supposed or still
    to come ("officials should be condemning the attack" is the blogger's demand, not the
    officials' words; "the data may also reveal how often …" is a hope; "Tunisian courts will
    announce the verdict" have announced nothing yet), or a question the reporter put
    ("Asked why these websites were selected, Sovann said …": the asking is unattributed)."""
    if verb.lemma_.lower() == "ask" and verb.tag_ == "VBN" and verb.dep_ == "advcl":
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    if any(child.dep_ == "neg" for child in verb.children):
        return True
    # "Wang Lijun may have denounced Bo's implication …" is a hedged report of a past act
    auxes = {child.lower_ for child in verb.children if child.dep_ == "aux"}
    return bool(auxes & _UNASSERTING) and "have" not in auxes


_UNASSERTING = frozenset({"should", "ought", "may", "might", "could", "will"})


def _purpose(verb: Token) -> bool:
    """An infinitive of purpose or of a right, not an act that happened: ``using the
    information it did get to defend the previous administration's policies``, ``Christie
    has every right to defend his perception …``. (An infinitive a verb or an adjective
    takes, ``was quick to deny the allegations``, is the act itself.)"""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.dep_ in ("advcl", "acl") or (verb.dep_ == "relcl" and verb.head.pos_ == "NOUN")


def _clause_for(cue: Token, start: int) -> Token | None:
    """What a cue calls for when the parser hangs it on the cue as a clause that starts
    after the preposition: ``Trump called for | that network's broadcasting license to be
    revoked`` (with "for" as the clause's mark, :func:`_for_clause`)."""
    return next((c for c in cue.children if c.dep_ in ("ccomp", "advcl") and c.left_edge.i == start), None)


def _phrasal_prep(verb: Token, lemma: str) -> Token | None:
    """The preposition of a phrasal cue ("reported on", "writes about"). Not a fronted one
    (``On his blog Room 404, Ido Kenan reported on the comments``: the first "on" says where),
    nor one whose object is the medium (``Kanyanja writes on his Facebook wall:``)."""
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and (lemma, child.lower_) in PHRASAL_CUES:
            target = next((g for g in child.children if g.dep_ == "pobj"), None)
            if target is not None and _medium(target):
                # "wrote on the 7th Eye blog about the role of the media": the topic hangs on the medium
                topic = next(
                    (g for g in target.children if g.dep_ == "prep" and (lemma, g.lower_) in PHRASAL_CUES), None
                )
                if topic is not None:
                    return topic
                continue
            if lemma == "report" and _topic(child):
                continue  # "The association also reports on the practices of a mining company": a topic
            return child
    return None


def _topic(prep: Token) -> bool:
    """What "reported on" introduces is a topic (``The association also reports on the
    practices of a mining company``), not an event: a clause (``reported on Goldman Sachs
    being hired by the Spanish government``), a noun with a participle (``reported on the
    racist comments posted by some Israelis``), or a when (``reported record sales on
    Tuesday``, where the object is the content)."""
    if any(g.dep_ == "pcomp" for g in prep.children):
        return False
    target = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if target is None or target.ent_type_ in ("DATE", "TIME"):
        return False
    return not any(g.dep_ == "acl" and g.tag_ in ("VBN", "VBG") for g in target.children)


# Where something is written, not what: "writes on his Facebook wall", "posted on her blog".
_MEDIA = frozenset("wall blog page website site account timeline feed profile channel forum facebook twitter".split())


def _medium(noun: Token) -> bool:
    """A place to write: "his Facebook wall", "the popular microblogging site Weibo"."""
    if noun.lemma_.lower() in _MEDIA or noun.lower_ in PLATFORMS:
        return True
    return any(c.dep_ == "compound" and c.lemma_.lower() in _MEDIA for c in noun.children)


def _clause_after_medium(cue: Token) -> Token | None:
    """``Oxfam said in a statement that millions face hunger``, ``He told reporters at a
    briefing that the talks had failed``, ``Zulu also told a press briefing that the court's
    decision was illegal``: the parser hangs the that-clause on the medium or the audience
    (as a relative clause); it is what was said."""
    media = [
        medium
        for prep in cue.children
        if prep.dep_ == "prep" and prep.lower_ in ("in", "on", "during", "at")
        for medium in prep.children
        if medium.dep_ == "pobj"
    ]
    media += [c for c in cue.children if c.dep_ == "dobj" and c.lemma_.lower() in _AUDIENCES]
    for medium in media:
        for clause in medium.children:
            if clause.dep_ in ("relcl", "acl", "ccomp") and _that_clause(clause):
                return clause
    return None


def _that_clause(clause: Token) -> bool:
    """A clause opened by the complementizer "that", also when the parser took "that" for a
    relative pronoun: then the clause has a subject of its own (``that the talks had
    failed``), where a relative clause has "that" for one (``a story that was false``)."""
    if any(g.dep_ == "mark" and g.lower_ == "that" for g in clause.children):
        return True
    if clause.left_edge.lower_ != "that" or clause.left_edge.pos_ != "PRON":
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in _RELATIVES for c in clause.children)


_RELATIVES = frozenset({"that", "which", "who", "whom", "whose"})
# Whom one tells something at an event: "told a press briefing that …", "told reporters …".
_AUDIENCES = frozenset(
    "briefing conference meeting session rally hearing interview audience crowd gathering summit forum "
    "reporter journalist lawmaker legislator parliament congress senate committee supporter delegate".split()
)


def _clause_of_aspect(cue: Token) -> Token | None:
    """``Cambodian netizens began complaining on social media … that they had lost access``:
    the parser hangs the clause on "began"; a verb of aspect says nothing, so it is the
    cue's."""
    head = cue.head
    if cue.dep_ != "xcomp" or head.lemma_.lower() not in _ASPECT:
        return None
    return next((c for c in head.children if c.dep_ == "ccomp" and c.i > cue.i), None)


def _infinitive_taken_for_adverb(cue: Token) -> Token | None:
    """``The letter instructs local CPP members in Kandal to help these civil servants``: after
    an addressee the parser may make the infinitive an adverbial clause; for a verb that
    takes an addressee and an infinitive it is the content."""
    addressee = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if addressee is None:
        return None
    for child in cue.children:
        if (
            child.dep_ == "advcl"
            and child.i > addressee.i
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
        ):
            return child
    return None


_ASPECT = frozenset({"begin", "start", "continue", "keep", "stop", "resume"})


def _anonymity_request(comp: Token) -> bool:
    """``said one resident, who asked not to be named``, ``who asked VOA Khmer not to use her
    full name``: a source's condition, no statement."""
    if not any(c.dep_ == "neg" for c in comp.children):
        return False
    lemma = comp.lemma_.lower()
    if lemma in ("name", "identify"):
        return True
    return lemma in ("use", "publish", "reveal", "give", "disclose", "print") and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "name" for c in comp.children
    )


def _question_taken_for_condition(cue: Token) -> Token | None:
    """``The author asks if the US is creating more enemies than it can capture``: the
    parser reads the question after "asks if" as a condition; it is what was asked. Not
    after something asked for (``will ask for a refund if the flight is late``)."""
    for child in cue.children:
        if child.dep_ in ("prep", "prt") and child.i > cue.i:
            return None
        if child.dep_ == "advcl" and child.i > cue.i:
            mark = next((g for g in child.children if g.dep_ == "mark"), None)
            if mark is not None and mark.lower_ in ("if", "whether") and mark.i == child.left_edge.i:
                return child
    return None


def _asks(lemma: str, comp: Token) -> bool:
    """An indirect question is what the asker said: ``Bangkok Pundit asks why a senior
    citizen with cancer was viewed by the state as a threat``."""
    return lemma in _QUESTIONS and _open_question(comp)


def _open_question(comp: Token) -> bool:
    first = comp.left_edge
    if first.lower_ == "that":
        return False  # the complementizer the parser tagged a relative pronoun
    return first.tag_ in ("WRB", "WP", "WDT") or first.lower_ in ("whether", "if")


def _object(cue: Token, lemma: str, inside_quote: list[bool]) -> Attribution | None:
    """``X denied the allegations``, ``X called for an inquiry``, ``accused the party of …``."""
    if _unasserted(cue) or _purpose(cue):
        return None
    prep = _phrasal_prep(cue, lemma)
    target = None
    charge = False  # the content is what someone is accused of: one word will do ("of torture")
    if prep is not None:
        target = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
        if target is None:
            target = _clause_for(cue, prep.i + 1)  # (the object is a clause)
    else:
        target = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if lemma == "deny" and (
            any(c.dep_ == "dative" for c in cue.children) or (target is not None and target.lemma_.lower() in _REFUSED)
        ):
            return None  # "the court denied Ampon bail": refused him something, said nothing
        if lemma == "confirm" and target is not None and _appointed(target):
            return None  # "the Senate voted to confirm the nominee": an appointment, not a statement
        of = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
        if of is None and target is not None and lemma in _CHARGING:
            # "accused the government of torture": the parser hangs "of" on the accused
            of = next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None and lemma in ("accuse", "blame", "suspect", "criticize", "criticise", "praise"):
            target = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), target)
            charge = lemma in _CHARGING
    if target is None or target.pos_ == "PRON":
        return None
    if _asks_for_comment(lemma, target):
        return None  # "VOA asked the embassy for comment about Bach's case": nobody said anything
    if any(
        cited_as(g) is not None and g.lemma_.lower() in SPEECH_LEMMAS
        for c in cue.children
        if c.dep_ == "prep" and c.lower_ == "as"
        for g in c.children
    ):
        return None  # "cited unnamed officials as saying three Americans were exchanged": "saying" reports it
    if lemma == "threaten" and prep is None and plausible_speaker(target):
        return None  # "threatened the organizers of the conference": whom, not what
    if lemma in _VOICING and target.lemma_.lower() in NOUN_CUES and _noun_cue(target, inside_quote) is not None:
        return None  # "expressed concern about the change": the noun says what (:func:`_noun_cue`)
    if lemma == "compare" and not _compared_to(cue, target):
        return None  # "compared with previous elections": a measure, not a likeness someone drew
    if lemma in _FEELING and (_shown_by_deed(cue) or _introduces_quotation(cue)):
        # "voters are expressing support for their candidate by wearing merchandise"; "Juan
        # Pérez expressed his anger on Twitter:" — the quotation after the colon is what he said
        return None
    lo, hi = target.left_edge.i, target.right_edge.i
    said = next((t.i for t in cue.doc[target.i + 1 : hi + 1] if speech_gerund(t)), None)
    if said is not None and target.lemma_.lower() not in DOCUMENT_NOUNS:
        # "pushed back against the move | saying, "…"": what they said next is its own; but
        # "condemned the President's declarations claiming that …" condemns what those say
        hi = said - 1
    reason = next((t.i for t in cue.doc[target.i + 1 : hi + 1] if t.lower_ in _REASONING and t.dep_ == "acl"), None)
    if reason is not None:
        hi = reason - 1  # "express pessimism with the draft constitution | considering that …": why, not what
    if lemma in _ASKING:
        whom = next((t.i for t in cue.doc[target.i + 1 : hi + 1] if _asked_of(t)), None)
        if whom is not None:
            hi = whom - 1  # "demanded a retraction, an apology and K500 million | from a … lecturer"
    where = next((c for c in target.children if c.dep_ == "prep" and c.i > target.i and _published_at(c)), None)
    if where is not None and where.right_edge.i == hi:
        hi = where.i - 1  # "his resignation | on the … Facebook group page"
    when: int | None = None  # the end of a "when" phrase the object may go on after
    for sibling in sorted(cue.children, key=lambda c: c.i):  # "ordered a temporary halt | to plans to
        # pull …": the parser's split object, also across a time word ("a second pause Wednesday on …")
        if sibling.dep_ == "npadvmod" and sibling.i == hi + 1 and sibling.ent_type_ in ("DATE", "TIME"):
            hi = sibling.right_edge.i
        elif (
            sibling.dep_ == "prep"
            and sibling.i == (hi if when is None else when) + 1
            and (sibling.lower_ in _OBJECT_PREPS or (lemma in _FEELING and sibling.lower_ in _FELT_PREPS))
        ):
            if _published_at(sibling):
                break  # "called for his resignation | on the … Facebook group page": where, not what
            if _when(sibling):
                if when is not None:
                    break
                # "expressed confusion | on Wednesday" ends there; "compared police brutality |
                # on May 6 | to the French invasion" goes on
                when = sibling.right_edge.i
                continue
            hi, when = sibling.right_edge.i, None
    hi = _split_object_end(cue, hi, asked_for=prep is not None and prep.lower_ == "for")
    # what is accused or felt may be one word: "of torture", "expressed confusion"
    minimum = 1 if charge or lemma in _FEELING else _MIN_OBJECT_TOKENS
    speaker = speaker_token(cue, inside_quote)
    if lemma == "echo" and speaker is not None and speaker.lemma_.lower() in DOCUMENT_NOUNS:
        return None  # "The comments, echoing similar statements by …": words like others', no one's stance
    if speaker is not None and lo <= speaker.i <= hi:
        return None  # "Commented another reader, Jackson:": the object is who speaks
    return _make(cue, speaker, lo, hi, inside_quote, min_tokens=minimum)


def _split_object_end(cue: Token, hi: int, asked_for: bool) -> int:
    """Where an object the parser split goes on to: ``advocating for the summit | to continue
    under the next administration`` (after "for", an infinitive hung on the cue right after
    the object; elsewhere it is why: "praised the teachers | to win votes") and ``advocating
    for the country's | move away from coal-based energy`` (a possessive whose noun the
    parser hung elsewhere)."""
    doc = cue.doc
    if hi + 1 >= len(doc):
        return hi
    after = doc[hi + 1]
    if doc[hi].tag_ == "POS" and after.pos_ == "NOUN":
        return after.right_edge.i
    clause = after.head
    if (
        asked_for
        and after.lower_ == "to"
        and after.dep_ == "aux"
        and clause.head.i == cue.i
        and clause.dep_ in ("advcl", "xcomp")
        and clause.left_edge.i == hi + 1
        and not any(c.dep_ in ("dobj", "dative") for c in clause.children)
    ):
        # (an infinitive with an object of its own is why: "campaigned for higher wages | to
        # win support among younger workers"; "for the summit to continue", "for the law to be
        # repealed" say what was called for)
        return clause.right_edge.i
    return hi


def _introduces_quotation(cue: Token) -> bool:
    """The cue's sentence ends in a colon: it introduces a quotation."""
    words = [t for t in sentence_of(cue) if not t.is_space]
    return bool(words) and words[-1].text == ":"


def _shown_by_deed(cue: Token) -> bool:
    """A feeling shown by doing something, not said: ``expressed their political dissent
    through boycotting the elections``."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("by", "through") and any(g.dep_ == "pcomp" for g in c.children)
        for c in cue.children
    )


def _when(prep: Token) -> bool:
    """``on Wednesday``: a preposition whose object is a date or a time."""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _compared_to(cue: Token, target: Token) -> bool:
    """``Liang compared the situation to Kennedy's call to Khrushchev``: a likeness a speaker
    draws, object and "to" together; not a statistic ("compared with previous elections")."""
    return any(
        c.dep_ == "prep" and c.lower_ == "to" and c.i > target.i for c in list(cue.children) + list(target.children)
    )


def _asked_of(prep: Token) -> bool:
    """ "from a … lecturer", "from the government": whom a demand is made of (the object of
    "from" can speak), not where something comes from ("the release of prisoners from jail")."""
    if prep.lower_ != "from" or prep.dep_ != "prep":
        return False
    who = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return who is not None and plausible_speaker(who)


def no_content(doc: Doc, lo: int, hi: int) -> bool:
    """Tokens ``lo..hi`` are a when, a where, a whom or a link's language, not what was said:
    ``wrote on X Monday``, ``wrote [ru] on April 24``, ``argued [ko]:``, ``questioned
    President Calderón``."""
    words = [t for t in doc[lo : hi + 1] if not (t.is_punct or t.is_space)]  # (a link's language tag)
    if not words or all(t.ent_type_ in ("DATE", "TIME") for t in words):
        return True
    if words[0].lower_ in PLATFORMS or words[0].text == "X":
        return all(t.ent_type_ in ("DATE", "TIME") for t in words[1:])
    people = [t.ent_type_ == "PERSON" for t in words]
    return any(people) and all(p or t.lower_ in ROLE_NOUNS for p, t in zip(people, words))


def _published_at(prep: Token) -> bool:
    """``on the Armenian Environmental Network Facebook group page``, ``on his Facebook
    wall``: where the words appeared. Not what a restriction is on ("the ban on TikTok",
    "the crackdown on Facebook pages"), nor "the attack on his website"."""
    if prep.lower_ not in ("on", "via") or prep.head.lemma_.lower() in _ACTS_ON:
        return False
    place = next((g for g in prep.children if g.dep_ == "pobj"), None)
    if place is None or place.lemma_.lower() not in _PAGES:
        return False
    return any(t.lower_ in PLATFORMS for t in place.subtree)


# where a post sits on a platform, and what a ban or an attack is on
_PAGES = frozenset("page wall timeline feed profile".split())
_ACTS_ON = frozenset(
    "ban crackdown restriction limit block censorship attack assault clampdown curb post comment".split()
)


def _appointed(target: Token) -> bool:
    """A person confirmed in an office: ``confirmed Kash Patel as the director``."""
    return (
        target.ent_type_ == "PERSON"
        or target.lemma_.lower() in ("nominee", "appointee", "candidate", "pick", "choice")
        or any(c.dep_ == "prep" and c.lower_ == "as" for c in target.children)
    )


def _for_clause(cue: Token, inside_quote: list[bool]) -> Attribution | None:
    """``UNICEF has called for children to be kept at the centre of the talks``: the parser
    makes "for" the mark of an infinitive clause, not a preposition; the clause is what was
    called for."""
    if _unasserted(cue):
        return None
    for clause in cue.children:
        if clause.dep_ == "advcl" and clause.i > cue.i:
            mark = next((g for g in clause.children if g.dep_ == "mark" and g.lower_ == "for"), None)
            if mark is not None and mark.i == cue.i + 1:
                return _make(cue, speaker_token(cue, inside_quote), mark.i + 1, clause.right_edge.i, inside_quote)
    return None


def _naming(cue: Token, inside_quote: list[bool]) -> Attribution | None:
    """``Imran calls this a redundant activity``, ``Some people call this decision a triumph
    of justice``: what the speaker calls something, object and name together. Only with
    both (``called a meeting`` names nothing), and not the name a group goes by (``A group
    of Ethiopians calling themselves Ethiopian National Transition Council``)."""
    if _unasserted(cue):
        return None
    target = next((c for c in cue.children if c.dep_ == "dobj"), None)
    name = next((c for c in cue.children if c.dep_ == "oprd"), None)
    if target is None or name is None or name.i < target.i or target.lower_ in _REFLEXIVE:
        return None
    lo, hi = target.left_edge.i, name.right_edge.i
    return _make(cue, speaker_token(cue, inside_quote), lo, hi, inside_quote, min_tokens=_MIN_OBJECT_TOKENS)


def _generic_one(speaker: Token) -> bool:
    """``One would think that it is no different in Hougang``, ``one can conclude that …``:
    the generic "one" is the writer's voice; "one of the officials" is somebody."""
    return speaker.lower_ == "one" and next(speaker.children, None) is None


_REFLEXIVE = frozenset("myself yourself himself herself itself ourselves yourselves themselves".split())


def _seen_as(cue: Token, inside_quote: list[bool]) -> Attribution | None:
    """``Many analysts in South Asia see Trump's return to office as an opportunity for
    expanded cooperation`` / ``residents view the arrival of the company as …``: what the
    speaker takes something for, object and "as" phrase together. Only with both ("saw
    smoke" takes nothing for anything)."""
    if _unasserted(cue):
        return None
    target = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if target is None or (target.pos_ == "PRON" and target.lower_ not in _TAKEN_PRONOUNS):
        return None
    as_ = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > target.i), None)
    as_ = as_ or next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    # "as a crucial move"; "as inflationary", "as very good": the parser hangs an adjective on "as"
    if as_ is None or not any(
        c.dep_ in ("pobj", "pcomp") or (c.dep_ in ("amod", "acomp") and c.pos_ == "ADJ") for c in as_.children
    ):
        return None
    if any(c.dep_ == "pobj" and _life_stage(c) for c in as_.children):
        return None  # "He first saw it as a teenager in Ohio": when, not what he took it for
    lo, hi = target.left_edge.i, max(as_.right_edge.i, target.right_edge.i)
    return _make(cue, speaker_token(cue, inside_quote), lo, hi, inside_quote, min_tokens=_MIN_OBJECT_TOKENS)


def _life_stage(noun: Token) -> bool:
    """ "as a teenager", "as a child", "as a young prosecutor": a time of someone's life."""
    if noun.lemma_.lower() in _LIFE_STAGES:
        return True
    return any(c.dep_ == "amod" and c.lower_ in ("young", "younger") for c in noun.children)


_LIFE_STAGES = frozenset("teenager teen child kid boy girl youngster adolescent toddler baby student".split())
# what someone may take for something: "characterized it as very good", "sees them as a threat"
_TAKEN_PRONOUNS = frozenset({"it", "them", "him", "her", "this", "that"})


def _passive(cue: Token, inside_quote: list[bool]) -> Attribution | None:
    """``Hun Sen is believed to have …``, ``it is expected that …``, ``he was accused of …``:
    the speaker is the "by" phrase's, or nobody (an impersonal report)."""
    if _unasserted(cue):
        return None
    subject = next((c for c in cue.children if c.dep_ in ("nsubjpass", "csubjpass")), None)
    comp = next((c for c in cue.children if c.dep_ in ("ccomp", "xcomp")), None)
    lemma = cue.lemma_.lower()
    # "he was accused of …", "she was charged with conspiring to …"
    of = next(
        (c for c in cue.children if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_, lemma) == ("with", "charge"))),
        None,
    )
    charged = lemma in _CHARGING or lemma == "charge"
    as_ = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    taken = _taken_as(cue, as_) if as_ is not None else None
    shortest = _MIN_TOKENS
    if comp is not None and lemma in _PASSIVE_ADDRESSED:
        # "Those who asked about him were told that he would be whipped": the subject is
        # whom it was said to; what was said is the clause alone
        lo, hi = comp.left_edge.i, comp.right_edge.i
    elif comp is not None and (subject is None or subject.lower_ == "it"):
        lo, hi = comp.left_edge.i, comp.right_edge.i  # "it is believed that …"
    elif comp is not None and subject is not None:
        lo, hi = subject.left_edge.i, comp.right_edge.i  # "X is expected to …": the whole report
    elif of is not None:
        target = next((c for c in of.children if c.dep_ in ("pobj", "pcomp")), None)
        if target is None:
            return None
        lo, hi = target.left_edge.i, target.right_edge.i  # "he was accused of …"
        if lo == hi and target.pos_ == "PRON":
            return None  # "the crimes of which he was accused"
        if charged:
            # a charge may be one or two words ("charged with terrorism", "accused of war
            # crimes"); knowing is no charge ("Little is known of the victims")
            shortest = 1
    elif taken is not None:
        lo, hi = taken
    elif (
        subject is not None
        and lemma in ("report", "allege", "rumor", "rumour")
        and subject.pos_ == "NOUN"
        and cue.dep_ == "ROOT"
        and subject.right_edge.i - subject.left_edge.i >= 2
        and not inside_quote[subject.i]
    ):
        lo, hi = subject.left_edge.i, cue.i  # "Threats and intimidation … have been reported"
    else:
        return None
    source = agent(cue) or _reported_in(cue)
    if source is not None and not plausible_speaker(source):
        source = None
    return _make(
        cue, source, lo, hi, inside_quote, min_tokens=shortest, impersonal=source is None, span_cue=True, inside_ok=True
    )


def _taken_as(cue: Token, as_: Token) -> tuple[int, int] | None:
    """What a passive "seen as", "hailed as", "interpreted as" reports. ``That consensus was
    seen as a positive step …``: the whole view; ``it was hailed as a breakthrough, a sign
    that …`` and ``… is interpreted by some people as betrayal``: what it is taken for. Not
    a name (``what is known as the scarf case``), the reporter's own framing (``in what has
    been regarded as …``) or a forecast (``the resignation will likely be seen as …``)."""
    subject = max((c for c in cue.children if c.dep_ == "nsubjpass" and c.i < cue.i), key=lambda c: c.i, default=None)
    if (
        subject is None
        or cue.lemma_.lower() == "know"
        or subject.lower_ == "what"
        or any(c.dep_ == "aux" and c.lower_ in _MODALS for c in cue.children)
        or not any(c.dep_ in ("pobj", "pcomp") for c in as_.children)
    ):
        return None
    whole = subject.pos_ != "PRON" and agent(cue) is None
    lo, hi = (subject.left_edge.i if whole else as_.i + 1), as_.right_edge.i
    # "… as a breakthrough, a sign that …": the parser's loose apposition belongs to it
    more = next((c for c in cue.children if c.dep_ == "npadvmod" and c.left_edge.i in (hi + 1, hi + 2)), None)
    if more is not None and all(t.text == "," for t in cue.doc[hi + 1 : more.left_edge.i]):
        hi = more.right_edge.i
    return lo, hi


# ("Let us then recognise that …": the writer and the reader)
_WRITER = frozenset({"i", "we", "you", "us"})


def _in_question(cue: Token, inside_quote: list[bool]) -> bool:
    """The cue's sentence, outside quote marks, ends in a question mark: the writer asks
    whether something was said or thought, and reports nothing."""
    sent = sentence_of(cue)
    last = next((t for t in reversed(sent) if not (t.is_space or t.text in "\"'\u201d\u2019)")), None)
    return last is not None and last.text == "?" and not inside_quote[last.i]


#: What voters do with a ballot: the result of a vote is nobody's statement.
_BALLOTS = frozenset({"reject", "approve", "vote", "elect", "choose", "back", "endorse"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "can", "should", "'ll", "'d"})


# Verbs whose passive subject is the addressee: "were told that …", "was urged to …".
# (Not "ordered", "asked" or "instructed to …": in news those are orders, seldom reported.)
_PASSIVE_ADDRESSED = frozenset("tell inform assure remind warn".split())


def _idiom(noun: Token) -> bool:
    """A noun cue inside a set phrase that reports nothing: "in charge of each commune",
    "for fear of repercussions", "out of fear that …", "enough promise to participate"."""
    doc = noun.doc
    before = [t.lower_ for t in doc[max(noun.i - 2, 0) : noun.i]]
    lemma = noun.lemma_.lower()
    if lemma == "charge" and before[-1:] == ["in"]:
        return True
    if lemma == "fear" and (before[-1:] == ["for"] or before == ["out", "of"]):
        return True
    return lemma == "promise" and bool(before) and before[-1] in ("enough", "great", "much", "little", "real", "some")


def _reported_in(cue: Token) -> Token | None:
    """``two cases … have been reported in the Israeli media``: the medium reported it."""
    for prep in cue.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            medium = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if medium is not None and medium.lemma_.lower() in ("media", "medium", "press", "newspaper", "news"):
                return medium
    return None


def _hearsay(adverb: Token, inside_quote: list[bool]) -> Attribution | None:
    """``Two of his bodyguards … were reportedly killed, though official reports claim …``,
    ``other Egyptians allegedly arrested and detained for years``: the clause the adverb
    hedges is an impersonal report (speaker null); a concessive clause after it is not."""
    verb = adverb.head
    if verb.pos_ not in ("VERB", "AUX") or _unasserted(verb):
        return None
    if verb.lemma_.lower() in SPEECH_LEMMAS:
        return None  # '"Officials eat the state's salary …," he reportedly told a gathering': the quote's cue
    lo, hi = verb.left_edge.i, verb.right_edge.i
    for child in verb.rights:
        first = child.left_edge
        if child.dep_ in ("advcl", "conj") and first.dep_ == "mark" and first.lower_ in _CONCESSIVE:
            hi = min(hi, first.i - 1)
    return _make(adverb, None, lo, hi, inside_quote, impersonal=True, span_cue=True)


def _clause_taken_for_relative(clause: Token) -> bool:
    """``voiced concerns they were being sidelined``, ``claims he stole the money``,
    ``allegations it was fomenting a plot`` (an acl to the parser): a clause
    without "that" after a noun cue, which the parser reads as a relative clause, is the
    content when it is complete: a subject of its own, and no gap for the noun to fill (it is
    passive, or already has an object). ``the concerns they raised`` is a relative clause, and
    so is ``a news report in which a Ukrainian woman expresses gratitude``."""
    if clause.dep_ not in ("relcl", "acl"):
        return False
    if any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in clause.doc[clause.left_edge.i : clause.i]):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i > clause.i:
        return False
    return subject.dep_ == "nsubjpass" or any(
        c.dep_ in ("dobj", "ccomp", "attr", "acomp", "xcomp") for c in clause.children
    )


def _noun_cue(noun: Token, inside_quote: list[bool]) -> Attribution | None:
    """``allegations that it was fomenting a plot``, ``fears of an earthquake``, ``his promise
    to …``; the speaker a possessor (``his``, ``the party's``), a "by" phrase, or the subject
    of the verb that voices it (``X raised concerns over …``), else nobody."""
    if _idiom(noun):
        return None
    content = None
    via = None  # the preposition that introduced the content, when one did
    lemma = noun.lemma_.lower()
    for child in noun.children:
        if (
            child.dep_ in ("acl", "ccomp")
            and (
                any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)
                or any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
            )
        ) or _clause_taken_for_relative(child):
            content = child
            break
        if child.dep_ == "prep" and (
            child.lower_ in ("of", "about", "over", "on") or (child.lower_ == "for" and lemma in _ASKING)
        ):
            target = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if target is not None and child.lower_ == "of" and target.pos_ != "VERB" and plausible_speaker(target):
                continue  # "allegations of a passenger": whose, not what
            if target is not None:
                content, via = target, child
                break
    if content is None and noun.dep_ == "nsubj" and noun.head.lemma_ == "be":
        # "Hun Sen's message to voters is that a vote for the CPP is a vote for peace"
        content = next(
            (
                c
                for c in noun.head.children
                if c.dep_ in ("ccomp", "attr") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
            ),
            None,
        )
    if content is None:
        return None
    if _asks_for_comment(lemma, content):
        return None  # "a VOA request for comment regarding his trade plans": asked, not said
    lo, hi = content.left_edge.i, content.right_edge.i
    speaker = next((c for c in noun.children if c.dep_ == "poss"), None)
    if speaker is None:
        speaker = next(
            (g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for g in c.children if g.dep_ == "pobj"),
            None,
        )
    if speaker is None:  # "the U.S. demand for …", "police requests for help"
        speaker = next(
            (c for c in noun.children if c.dep_ == "compound" and c.i < noun.i and plausible_speaker(c)), None
        )
    head = noun.head
    if speaker is None and noun.dep_ == "dobj" and head.lemma_.lower() in _VOICING:
        speaker = speaker_token(head, inside_quote)
    if speaker is None and content.dep_ in ("acl", "ccomp"):
        speaker = _subject_of_verb_taken_for_noun(noun)
    if speaker is not None and (not plausible_speaker(speaker) or inside_quote[speaker.i]):
        speaker = None
    if via is not None:
        # "Trump's allegations of nefarious activity | by his opponent in the 2016 election":
        # what follows the content belongs to it, unless it names the speaker
        for sibling in sorted(noun.children, key=lambda c: c.i):
            if sibling.dep_ == "prep" and sibling.i == hi + 1 and sibling.lower_ in _CONTENT_TAIL:
                if speaker is not None and sibling.i < speaker.i <= sibling.right_edge.i:
                    break
                hi = sibling.right_edge.i
    if via is not None and via.lower_ in _TOPIC and content.dep_ == "pobj" and (lemma == "report" or speaker is None):
        # "an investigative report on the election fraud", "news reports about the visit":
        # what a report is about, not what it says; "there are concerns about the Islamic
        # State terror group", "national security concerns over its ties to Beijing": the
        # writer's framing, nobody's statement (a clause is content: "suggestions on how to
        # revive the local film industry")
        return None
    if speaker is None and lemma == "report":
        speaker = noun  # "Reports of new attacks on the bar …": a document speaks for itself
    if speaker is None and (lemma in OWNED_NOUN_CUES or (via is not None and via.lower_ == "for")):
        return None  # "threats of violence", "demand for the new phone": nobody's statement
    # an owned object may be two words ("raised concerns over voter intimidation"); an
    # ownerless one needs more ("which has triggered fears of a blackout" is nobody's report)
    shortest = _MIN_OBJECT_TOKENS if via is not None and speaker is not None else _MIN_TOKENS
    return _make(noun, speaker, lo, hi, inside_quote, impersonal=speaker is None, min_tokens=shortest)


def _asks_for_comment(lemma: str, wanted: Token) -> bool:
    """What a reporter asks a source for is no statement until the source gives one: "a
    request for comment", "asked the embassy for a response". (A call for a response is one:
    "called for a coordinated international response to the famine".)"""
    what = wanted.lemma_.lower()
    if what == "comment":
        return lemma in _ASKING or lemma in _REQUESTING
    return what in ("response", "reaction", "reply") and lemma in _REQUESTING


_REQUESTING = frozenset({"request", "ask", "seek"})


def _subject_of_verb_taken_for_noun(noun: Token) -> Token | None:
    """``Supporters of a basic income claim that it must …``: the parser reads "a basic
    income claim" as one noun phrase, so the sentence has no verb and its root is
    "Supporters". A cue word that can be a verb, ending the "of" phrase of a plural root
    noun after a noun the parser made its compound, and followed by its "that" clause, is
    that verb, and the root noun its subject."""
    if noun.lemma_.lower() not in SPEECH_LEMMAS | CLAUSE_LEMMAS or noun.dep_ != "pobj" or noun.head.lower_ != "of":
        return None
    if not any(c.dep_ == "compound" and c.i < noun.i for c in noun.children):
        return None  # "Critics of the claim that vaccines cause autism …" criticise it
    root = noun.head.head
    if root.dep_ != "ROOT" or root.pos_ != "NOUN" or root.tag_ != "NNS" or not plausible_speaker(root):
        return None
    return root


_CONTENT_TAIL = frozenset({"by", "in", "against", "during", "at", "from"})
# prepositions that give a noun cue's topic rather than its content
_TOPIC = frozenset({"about", "on", "over"})


def _verb_as_noun(token: Token) -> bool:
    """The tagger's "Foreign diplomats … confirm that …" with "confirm" as a NOUN root."""
    if token.dep_ != "ROOT":
        return False  # (checked first: every token of the article comes through here)
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and "ccomp" in deps


def _complement(cue: Token, lemma: str, inside_quote: list[bool]) -> Attribution | None:
    if _unasserted(cue):
        return None  # "he did not say how long a pause would be"
    comp = None
    # a clause before an infinitive: in 'told NBC's "Meet the Press" that …' the parser calls
    # the programme's title an xcomp
    for child in sorted(cue.children, key=lambda c: c.dep_ != "ccomp"):
        if (child.dep_ == "ccomp" and (lemma in REPORT_LEMMAS | CLAUSE_LEMMAS or _asks(lemma, child))) or (
            child.dep_ == "xcomp" and lemma in XCOMP_LEMMAS
        ):
            if _semicolon_between(child, cue) or misparsed_clause(cue, child):
                continue
            comp = child
            break
    if comp is None and lemma in REPORT_LEMMAS:
        comp = _clause_after_medium(cue) or _clause_of_aspect(cue)
    if comp is None and lemma in XCOMP_LEMMAS:
        comp = _infinitive_taken_for_adverb(cue)
    if comp is None and lemma in _QUESTIONS:
        comp = _question_taken_for_condition(cue)
    interposed = False
    speaker: Token | None = None
    if comp is not None and _anonymity_request(comp):
        return None
    if comp is not None:
        lo, hi = comp.left_edge.i, comp.right_edge.i
        lo = _subject_taken_for_object(cue, lemma, comp, lo)
        relative = lo < cue.i < hi and _relative_subject(cue, comp)
        if relative:
            lo = cue.i + 1  # "leaks which villagers say have killed …": what the relative clause says
        if lo <= cue.i <= hi:  # the complement wraps the cue: keep the side before it
            hi = cue.left_edge.i - 1
        if comp.dep_ in ("xcomp", "advcl"):  # "urged voters to boycott …": the addressee belongs to the content
            addressee = next((c for c in cue.children if c.dep_ == "dobj" and c.i < comp.i), None)
            on = next(  # "called on Cambodians to boycott …" ("on" a prep, or a particle)
                (c for c in cue.children if c.dep_ in ("prep", "prt") and c.lower_ == "on" and cue.i < c.i < comp.i),
                None,
            )
            if addressee is None and on is not None:  # "called on Cambodians to boycott …"
                addressee = next((g for g in on.children if g.dep_ == "pobj"), None)
            if addressee is not None:
                lo = min(lo, addressee.left_edge.i)
        elif lemma not in _WH_CONTENT and not relative and comp.i > cue.i and _open_question(comp):
            # "to determine how often …": an open question, nobody's statement (before the cue
            # the clause is what was said: "If DeepSeek has succeeded …, that may be bad for
            # those with investment …, Hughes said.")
            return None
        else:
            hi = _before_speakers_next_act(cue, comp, hi, inside_quote)
    elif lemma in REPORT_LEMMAS and cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
        sent = sentence_of(cue)
        lo, hi = sent.start, cue.left_edge.i - 1
        subjects = [c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i]
        if len(subjects) > 1:
            # "However, the adviser, McKean said, has the ear of the president": the parser
            # hangs the clause's own subject on "said" too; the one next to the cue speaks
            speaker, hi = subjects[-1], subjects[-1].left_edge.i - 1
        after = [t for t in cue.doc[cue.right_edge.i + 1 : sent.end] if not (t.is_punct or t.is_space)]
        # "The plan, officials said, will cost more." / "This, he said, makes my job easier.": both
        # sides (one word before is enough when it is the subject, not "Moreover, he said, …")
        if len(after) >= 2 and all(t.pos_ in _LINKING for t in cue.doc[lo : hi + 1]):
            # "But, he said, talking about the problem is a start.": a conjunction before the
            # cue says nothing; what was said is all after it
            lo, hi, interposed = cue.right_edge.i + 1, sent.end - 1, True
        elif len(after) >= 2 and (hi > lo or (hi == lo and cue.doc[lo].pos_ in ("PRON", "NOUN", "PROPN"))):
            hi, interposed = sent.end - 1, True
        elif cue.i < cue.head.i:
            return None
    else:
        return None
    if speaker is None:
        speaker = speaker_token(cue, inside_quote)
    return _make(cue, speaker, lo, hi, inside_quote, interposed=interposed)


def _clause_taken_for_object(cue: Token, inside_quote: list[bool]) -> Attribution | None:
    """``Ho said China's COVID-19 prevention measures during the pandemic curbed the spread of
    diseases …``: the parser made "measures" the object of "said" and hung the clause's verb
    inside it as a noun ("during the pandemic curbed": a verb as object of a preposition).
    A finite verb in a noun's place inside what "said" governs means a clause: from the
    object to the sentence's end is what was said (not 'said a prayer that moved everyone',
    whose verb heads a relative clause)."""
    if _unasserted(cue) or any(c.dep_ in ("ccomp", "xcomp") for c in cue.children):
        return None
    target = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
    if target is None or target.pos_ == "PRON":
        return None
    verbs = [
        t
        for t in target.subtree
        if t.tag_ in ("VBD", "VBZ", "VBP") and t.dep_ in ("pobj", "dobj", "compound", "amod", "npadvmod", "appos")
    ]
    if not verbs:
        return None
    # to the end of the object and of the verbs in it ("…, Xinhua reported" and "…, but critics
    # say …" are not in it)
    hi = max([target.right_edge.i] + [v.right_edge.i for v in verbs])
    while hi > target.i and (cue.doc[hi].is_punct or cue.doc[hi].is_space):
        hi -= 1
    return _make(cue, speaker_token(cue, inside_quote), target.left_edge.i, hi, inside_quote)


def _say_taken_for_aux(cue: Token, inside_quote: list[bool]) -> Attribution | None:
    """``the population that historians say thrived on the continent``: in a relative clause
    the parser can take "say" for an auxiliary of the verb after it; the subject it gives
    "say" is the speaker and the verb's clause, from the verb on, is what they say."""
    verb = cue.head
    subject = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if subject is None or verb.i != cue.i + 1 or verb.pos_ != "VERB":
        return None
    return _make(cue, speaker_token(cue, inside_quote) or subject, verb.i, verb.right_edge.i, inside_quote)


_SAYING = frozenset({"say", "claim", "believe", "allege", "insist", "argue"})


def _relative_subject(cue: Token, comp: Token) -> bool:
    """``the space for civil society, which the CSIS believes will further narrow …`` /
    ``two firms that it said were involved in the scheme``: the cue sits in a relative clause
    and the reported clause's subject is the relative pronoun before it. A free relative
    does the same wherever the parser hangs the cue (``to break up what U.S. authorities
    say was an international scheme``)."""
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and c.i < cue.i
        and (c.lower_ == "what" or (cue.dep_ == "relcl" and c.lower_ in _RELATIVES))
        for c in comp.children
    )


def misparsed_clause(cue: Token, comp: Token) -> bool:
    """A clause the parser gave the cue that cannot be what was said: a relative clause on
    the addressee (``told Mr Malila who had once held the same position:``), or words before
    the speaker's name that run into it (``Addis Ababa based blogger Abel Wabellaa wrote:``;
    fronted content reads ``The plan will fail, he said``)."""
    if comp.dep_ != "ccomp":
        return False
    doc = comp.doc
    first = doc[comp.left_edge.i]
    if first.lower_ in _WH_RELATIVES and any(c.i == first.i and c.dep_.startswith("nsubj") for c in comp.children):
        # after the addressee, not right after the verb ("question who will be hurt")
        addressee = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i < first.i), None)
        if addressee is not None and addressee.right_edge.i + 1 == first.i:
            return True
    if comp.i < cue.i:
        last = comp.right_edge.i
        while last > comp.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        # the clause runs straight into a modifier of the speaker's name ("… based | blogger
        # Abel Wabellaa"); fronted content without its comma runs into the speaker itself
        # ("The economy will recover next year | officials said")
        if last + 1 >= cue.i:
            return False
        return doc[last + 1].dep_ == "compound" and not any(t.is_punct for t in doc[last + 1 : cue.i])
    return False


_WH_RELATIVES = frozenset({"who", "which", "whom", "whose"})


def _subject_taken_for_object(cue: Token, lemma: str, comp: Token, lo: int) -> int:
    """``CPP figures show voters' second most popular choice was to spoil their ballots``:
    the parser makes "voters" the object of "show" and starts the clause after it. Right
    before a clause, the object of a verb that has no addressee is the clause's subject."""
    if comp.dep_ != "ccomp" or lemma in _ADDRESSED or comp.i < cue.i:
        return lo
    for child in cue.children:
        if child.dep_ == "dobj" and child.right_edge.i + 1 == lo and child.i > cue.i:
            return child.left_edge.i
    return lo


def _before_speakers_next_act(cue: Token, comp: Token, hi: int, inside_quote: list[bool]) -> int:
    """``The commission agrees the case was circumstantial at best and warns phone users to
    be mindful``: the parser hangs "warns" on the reported clause, but it is the speaker's
    next act. A conjunct of the clause's verb with no subject of its own ends the content
    when it is a cue itself, or when it takes the cue's tense and the clause's verb does
    not (agrees … was … warns). Never a conjunct inside quote marks: ``said that civil
    society had "applauded and welcomed" the law`` is all one statement."""
    for conj in comp.children:
        if conj.dep_ != "conj" or conj.i <= comp.i or conj.pos_ != "VERB" or conj.i > hi or inside_quote[conj.i]:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in conj.children):
            continue
        lemma = conj.lemma_.lower()
        cue_like = lemma in _CLAUSE_CUES or lemma in OBJECT_LEMMAS
        if cue_like or (conj.tag_ == cue.tag_ and comp.tag_ != cue.tag_):
            cut = conj.left_edge.i - 1
            doc = cue.doc
            while cut > comp.i and (doc[cut].dep_ == "cc" or doc[cut].is_punct or doc[cut].is_space):
                cut -= 1
            return min(hi, cut)
    return hi


def _semicolon_between(clause: Token, cue: Token) -> bool:
    """``Egyptians don't buy this claim; they wondered how …``: a clause before the cue and
    across a semicolon is a sentence of its own that the parser hung on the cue, not what
    the cue reports; so across a colon (``This may not be the only attempted cover-up in the
    case: Russian company records indicate that …``)."""
    if clause.i > cue.i:
        return False
    return any(t.text in (";", ":") for t in cue.doc[clause.right_edge.i + 1 : cue.i])


def _according(token: Token, inside_quote: list[bool]) -> Attribution | None:
    source = according_source(token)
    if source is None:
        return None
    sent = sentence_of(token)
    phrase_lo = token.i
    phrase_hi = max(token.subtree, key=lambda t: t.i).i if list(token.children) else source.right_edge.i
    anchor = _parenthesised(token, sent)
    if anchor is not None:  # "around 20,000 protesters (according to the police, or more than 25,000 …)"
        return _make(token, source, anchor.left_edge.i, anchor.i, inside_quote, according=True)
    if phrase_lo - sent.start <= 1:  # "According to X, ..."
        lo, hi = phrase_hi + 1, sent.end - 1
    elif sent.end - phrase_hi > 4:  # "The larger problem, according to Suleyman, is …": the sentence,
        lo, hi = sent.start, sent.end - 1  # the cue inside it
        return _make(token, source, lo, hi, inside_quote, according=True, span_cue=True)
    else:  # "..., according to X."
        lo, hi = sent.start, phrase_lo - 1
    return _make(token, source, lo, hi, inside_quote, according=True)


def _in_view(noun: Token, holder: Token, inside_quote: list[bool]) -> Attribution | None:
    """``In Gunter's view, Trump may use the tariffs to force China …`` / ``…, in his
    opinion.``: like "according to", the rest of the sentence is the holder's view
    (:func:`view_holder`; never the writer's own, "In my opinion, this is a lousy excuse")."""
    prep = noun.head
    sent = sentence_of(noun)
    if prep.i - sent.start <= 1:  # "In Gunter's view, …"
        lo, hi = noun.right_edge.i + 1, sent.end - 1
    elif sent.end - noun.right_edge.i <= 2:  # "…, in his opinion."
        lo, hi = sent.start, prep.i - 1
    else:
        return None
    return _make(noun, holder, lo, hi, inside_quote, according=True)


def _parenthesised(token: Token, sent: Span) -> Token | None:
    """``around 20,000 protesters (according to the police, or more than 25,000 according to
    the organization)``: inside parentheses, "according to" vouches for the figure or phrase
    just before it, not for the sentence; that phrase's head, or None outside parentheses."""
    doc = token.doc
    opened = None
    for k in range(token.i - 1, sent.start - 1, -1):
        if doc[k].text == ")":
            return None
        if doc[k].text == "(":
            opened = k
            break
    if opened is None:
        return None
    k = token.i - 1
    while k > sent.start and (doc[k].text in ",(" or doc[k].dep_ == "cc"):
        k -= 1
    anchor = doc[k]
    if anchor.is_punct or (k > opened and anchor.left_edge.i <= opened):
        return None
    return anchor


def _after_dateline(doc: Doc, lo: int, hi: int) -> int:
    """Skip a dateline: "Kursk, Russia - North Korean forces have …" -> "North Korean …";
    "KYIV — Russian drones struck …" (a dateline in capitals, which the tagger may not call
    a proper noun)."""
    for j in range(lo + 1, min(lo + 8, hi)):
        if doc[j].text in _DASHES:
            if all(doc[m].pos_ == "PROPN" or doc[m].text == "," or doc[m].text.isupper() for m in range(lo, j)):
                return j + 1
            break
    return lo


def _before_comment(doc: Doc, lo: int, hi: int) -> int:
    """Cut the outlet's ", which …" comment: "… within hours, which has triggered fears".
    Not a relative clause that ends before the content does: "The military aircraft, which
    landed amid tight security, brought 104 deportees, according to media reports"."""
    for j in range(lo + 1, hi):
        if doc[j].text == "," and doc[j + 1].lower_ == "which":
            clause = doc[j + 1].head
            if clause.dep_ == "relcl" and clause.right_edge.i + 2 < hi:
                continue
            return j - 1
    return hi


def _before_next_attribution(cue: Token, lo: int, hi: int) -> int:
    """Stop before a second speaker's clause: "… were killed, while local witnesses said …",
    or before the speaker's next statement: "…, saying …"."""
    doc = cue.doc
    for k in range(lo + 1, hi + 1):
        token = doc[k]
        if token.i == cue.i or token.pos_ != "VERB" or token.lemma_.lower() not in REPORT_LEMMAS:
            continue
        if token.tag_ == "VBG" and doc[k - 1].text == "," and k - 2 >= lo:
            # "… necessitates resource exploitation, saying, "The mountains will be gone"": the
            # speaker's next statement, with its own content
            return k - 2
        if token.dep_ not in ("advcl", "conj") or token.head.i == cue.i:
            continue
        if any(c.dep_ == "nsubj" for c in token.children):
            cut = min(t.i for t in token.subtree) - 1
            while cut > lo and (doc[cut].is_punct or doc[cut].dep_ in ("cc", "mark") or doc[cut].is_space):
                cut -= 1
            return max(cut, lo)
    return hi


def _make(
    cue: Token,
    speaker: Token | None,
    lo: int,
    hi: int,
    inside_quote: list[bool],
    according: bool = False,
    *,
    min_tokens: int = _MIN_TOKENS,
    impersonal: bool = False,
    interposed: bool = False,
    span_cue: bool = False,
    inside_ok: bool = False,
) -> Attribution | None:
    if speaker is None and not impersonal:
        return None
    if _in_question(cue, inside_quote):
        return None  # "Did the Chinese government really want to hide Bo Xilai's story?": asked, not said
    if speaker is not None and (speaker.lower_ in _WRITER or _generic_one(speaker)):
        # "I think Athol Fugard addressed this …", "We want to tell our government …": outside
        # quote marks the first person is the writer (of the article, or of a passage quoted
        # without marks), whose own views report nobody; "You think that …" is the writer's
        # reader
        return None
    doc = cue.doc
    sent: Span = sentence_of(cue)
    lo, hi = max(lo, sent.start), min(hi, sent.end - 1)
    while lo <= hi and (doc[lo].lower_ in _LEAD or doc[lo].is_space or doc[lo].is_punct):
        lo += 1
    lo = _after_dateline(doc, lo, hi)
    hi = _before_comment(doc, lo, hi)
    while hi >= lo and (
        ((doc[hi].is_punct or doc[hi].is_space) and doc[hi].text not in ')"\u201d')
        or (doc[hi].dep_ == "cc" and doc[hi].head.i < hi)
    ):
        hi -= 1  # (and a conjunction left over: "… generated misinformation and explains:")
    if hi - lo + 1 < min_tokens or no_content(doc, lo, hi):
        return None
    if not interposed:
        hi = _before_next_attribution(cue, lo, hi)
    hi = _before_finite_conjunct(doc, lo, hi, inside_quote)
    outside = sum(1 for i in range(lo, hi + 1) if not inside_quote[i] and not doc[i].is_punct)
    if outside < min_tokens:
        return None  # the content is the direct quote itself: "…," the official said
    if speaker is not None and not according and not interposed:
        if (lo <= speaker.i <= hi and not inside_ok) or not plausible_speaker(speaker):
            return None
        if speaker.i + 1 < cue.i and doc[speaker.i + 1].text == ":":
            return None  # "Miko Lucena: Call it desperate …": a name labelling a comment, no subject
        if speaker.lower_ in SHARES and cue.lemma_.lower() in _BALLOTS:
            return None  # "97 percent of voters … rejected the constitution": a vote, not a statement
    if not span_cue and not interposed and lo <= cue.i <= hi:
        return None
    start = doc[lo].idx
    end = doc[hi].idx + len(doc[hi].text)
    return Attribution(
        start=start,
        end=end,
        direct=False,
        cue=cue_span(cue),
        speaker=speaker,
        speaker_span=_before_cue(phrase(speaker), cue) if speaker is not None else None,
    )


def _before_finite_conjunct(doc: Doc, lo: int, hi: int, inside_quote: list[bool]) -> int:
    """``he has called for negotiations to end the conflict and voted in April against a
    $95 billion aid package``: the parser joins "voted" to "end", but a verb in the past or
    present tense never coordinates with an infinitive or a gerund; it is the speaker's next
    act, and the content ends before it (and its "and"). So does a verb of saying with a
    clause of its own in another tense: ``Trump has pushed back against the argument that
    tariffs drive inflation higher and said instead that tariffs would make America rich``."""
    for i in range(lo + 1, hi + 1):
        token = doc[i]
        head = token.head
        if (
            token.dep_ == "conj"
            and lo <= head.i < i
            and not inside_quote[i]
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children)
            and (
                (
                    token.tag_ in ("VBD", "VBZ")
                    and token.lower_ != token.lemma_.lower()  # ("will address financing and set the amount")
                    and _non_finite(head)
                )
                or (
                    token.lemma_.lower() in SPEECH_LEMMAS
                    and token.tag_ != head.tag_
                    and any(c.dep_ == "ccomp" for c in token.children)
                )
            )
        ):
            cut = token.left_edge.i - 1
            while cut > head.i and (doc[cut].dep_ == "cc" or doc[cut].is_punct or doc[cut].is_space):
                cut -= 1
            return cut
    return hi


def _non_finite(verb: Token) -> bool:
    """An infinitive with "to" or a gerund; not a verb after a modal ("said the government
    would continue to invest and remains committed …": "remains" goes with "would continue")."""
    if verb.tag_ == "VBG":
        return True
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _before_cue(span: tuple[int, int], cue: Token) -> tuple[int, int]:
    """The speaker's phrase ends before its cue: where the parser makes the cue a participle
    of the speaker (``Activists advocated for …`` read as "activists [who were] advocated
    for …"), the noun phrase would run on through what they said."""
    start, end = span
    if start <= cue.idx < end:
        words = doc_text(cue.doc)[start : cue.idx].rstrip(" ,\t\n")
        end = start + len(words) if words else end
    return start, end
