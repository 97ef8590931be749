"""Who said what: quotes, their speakers resolved to sources, and claims.

Entry point :func:`extract_attributions`. The rules live in small modules:
quotes.py (direct-quote spans), speakers.py (cue verb and speaker phrase),
reported.py (indirect speech), sources.py (speakers -> sources, anonymous ones
first-class) and claims.py (sentence-sized claims).

Scare quotes: a short quoted phrase (at most four words, no closing punctuation inside
the marks, e.g. ``an "intensive offensive"``) is still a direct quote span, but it only
gets a speaker from an attribution that governs it in the parse: it lies inside the
content of a reported statement ("Syrsky said Russia has used … an "intensive
offensive"" -> Syrsky) or in the subtree of a speech verb ("the official claimed, with
soldiers of "all ranks"" -> the official). Otherwise (a term, a title, a nickname) its
speaker is null; it never borrows the previous paragraph's speaker.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from ..model import Claim, Cue, Entity, Mention, Quote, Source, Speaker, Statement, Term
from ..model.article import set_off_start
from .claims import group_claims, outlet_claims, sentence_table
from .cues import (
    ACCORDING,
    CLAUSE_LEMMAS,
    DOCUMENT_NOUNS,
    OBJECT_LEMMAS,
    PLATFORMS,
    PUBLISHING_PLACES,
    ROLE_NOUNS,
    SPEECH_LEMMAS,
    WRITINGS,
    XCOMP_LEMMAS,
)
from .paragraphs import paragraphs
from .quotes import MARKS, QuoteSpan, closes_first, find_quote_spans, title_cased
from .reported import find_reported, misparsed_clause, no_content
from .sources import SourceDraft, initials_defined, resolve_sources
from .spans import doc_text
from .speakers import (
    Attribution,
    according_source,
    coined,
    cue_span,
    is_cue,
    joint_speakers,
    phrase,
    plausible_speaker,
    sentence_of,
    sentences_between,
    speaker_token,
    view_holder,
)

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span, Token

_SHORT_WORDS = 4
_END_PUNCT = frozenset(".,!?;:\u2026")


def extract_attributions(doc: Doc, entities: list[Entity]) -> tuple[list[Quote], list[Source], list[Claim], list[Term]]:
    """Quotes (direct, mixed and reported), sources, claims and terms of a parsed article."""
    text = doc_text(doc)
    spans = find_quote_spans(text)
    token_starts = _token_starts(doc)
    sents, sent_starts = sentence_table(doc)
    blocks, lent, unvoiced = _block_quotes(doc, text, spans, sents, sent_starts)
    # A set-off quotation that itself quotes someone with marks stays open to the rules
    # inside it: '… al-Asaadi spoke to al-Jazeera and said, "Around 1 million …"'.
    opaque = [b for b, _ in blocks if not _marked_share(spans, b.start, b.end)]
    inside = _inside_quotes(doc, sorted([s for s in spans if not s.title] + opaque, key=lambda q: q.opened))
    reported = find_reported(doc, inside)
    if opaque:
        reported += _named_within(doc, text, spans, opaque, inside)
    direct: list[Attribution] = [record for _, record in blocks]
    terms: list[Term] = []
    for span in spans:
        embedded = _embedded(text, span, sents, sent_starts)
        if (span.title and (embedded or _after_word(text, span, sents, sent_starts))) or _named_as(text, span, _TITLED):
            terms.append(_term(text, span))  # a title, whoever wrote it: 'In a post titled "Why we march", …'
            continue
        if embedded and _few_words(text, span) and _named_as(text, span, _AS_A_WORD):
            # a word as a word, whoever uses it: 'do not want to hear the word "abortion"',
            # 'this so-called "nation building"', 'the term "Ukraine war"'
            terms.append(_term(text, span))
            continue
        if embedded and (_work_named(text, span) or _known_as(text, span)):
            # the name of a work the sentence gives, capitalised: 'the blog Unificacionistas, in
            # its post "Equality for few"', 'on Facebook the page "I am in favor of the law …"',
            # 'a new federal law known as "For an unconditional basic income"' (but 'called the
            # post "a disgrace"' are the caller's words)
            terms.append(_term(text, span))
            continue
        # a quote inside a set-off quotation never inherits that quotation's speaker: without
        # a cue of its own it is the quoted writer's term ('a rape by "foreigners," it …')
        outer = [r for r in direct if not (r.start <= span.opened and span.closed <= r.end)]
        record = _direct(doc, text, span, inside, sents, sent_starts, token_starts, reported, outer)
        if record.speaker is None:
            # a blockquote in quote marks: "Last year when we were preparing for elections, …"
            # under "President Sata told Mr Malila …:" is the lead's speaker's
            voice = next((v for v in lent if v.start <= span.opened < v.end), None)
            if voice is not None:
                record.speaker, record.speaker_span, record.inherited = voice.speaker, voice.speaker_span, True
        if record.speaker is not None and span.opened <= record.speaker.idx < span.closed:
            # '"Mujer Florestal" maintains [es] that the blog entry …': the quoted words are
            # the name of who speaks, not what was said
            terms.append(_term(text, span))
            continue
        if record.speaker is None and (
            ((embedded or _is_short(text, span)) and _few_words(text, span))
            or _headline(text, span)
            or _named_as(text, span)
        ):
            terms.append(_term(text, span))  # a scare quote, a term, a nickname, a title: nobody's statement
            continue
        record.mixed = embedded
        direct.append(record)
    _carry_on(text, direct)
    for record in unvoiced:
        _goes_on_from(text, record, direct, reported)
    kept: list[QuoteSpan] = []
    excerpts = _excerpts(doc, text, spans, [b for b, _ in blocks], inside, sents, sent_starts)
    for excerpt, voiced in excerpts:
        earlier = sorted(direct, key=lambda r: r.start) + [r for r in reported if r.end <= excerpt.opened]
        if voiced:
            # the lead names the writer; a quoted "I think …" inside an excerpt does not
            earlier = [r for r in earlier if _names_writer(r, [e for e, v in excerpts if v])]
            if any(excerpt.opened <= r.start < excerpt.end and _names_writer(r, []) for r in reported):
                # a paragraph that reports someone itself only continues a quotation; after a
                # lead it is narration ("McManigan says that Kinnane has demanded our …")
                earlier = [r for r in earlier if r.direct]
        record = _continued(text, excerpt, Attribution(start=excerpt.start, end=excerpt.end, direct=True), earlier)
        if record.speaker is None and not voiced:  # an editor's cut is always someone's
            _lead(text, sents, sent_starts, excerpt, inside, record)
        if voiced and record.speaker is None:
            continue  # a first-person paragraph nobody was just quoted before: the writer's own
        direct.append(record)
        kept.append(excerpt)
    # what a quoted writer reports is part of the quotation, as inside a blockquote
    reported = [r for r in reported if not any(e.start <= r.start and r.end <= e.end for e in kept)]
    reported += _intro_topics(doc, text, sents, sent_starts, inside, reported)
    records = sorted(direct, key=lambda r: r.start) + _absorb(doc, direct, _distinct(reported))
    drafts, assigned = resolve_sources(doc, entities, records, inside)
    quotes, sources, claims = _assemble(doc, text, records, drafts, assigned)
    return quotes, sources, claims, terms


def _named_within(
    doc: Doc, text: str, spans: list[QuoteSpan], opaque: list[QuoteSpan], inside: list[bool]
) -> list[Attribution]:
    """What a source other than a pronoun reports inside a set-off quotation: a blogger
    quoting the news (``Minister Rehman Malik said that the ban would be lifted``, ``Saudi
    authorities announced that they found …``). A pronoun's report (``He said …``, ``I
    think …``) stays part of the quotation, as the annotators read it."""
    marked = _inside_quotes(doc, sorted([s for s in spans if not s.title], key=lambda q: q.opened))
    # the second pass reads only the paragraphs of the set-off quotations (elsewhere it is
    # the first pass again); sentences never cross a paragraph, so a cue sees all of its own
    closed = [True] * len(doc)
    paras = paragraphs(text)
    for block in opaque:
        lo, hi = paras.bounds(block.start)
        for i in range(_token_at(doc, lo), _token_at(doc, hi)):
            closed[i] = marked[i]
    out = []
    for record in find_reported(doc, closed):
        head = record.speaker
        if head is None or not inside[head.i] or not any(b.start <= record.start < b.end for b in opaque):
            continue
        if head.pos_ != "PRON" and plausible_speaker(head):
            out.append(record)
    return out


def _block_quotes(
    doc: Doc, text: str, spans: list[QuoteSpan], sents: list[Span], sent_starts: list[int]
) -> tuple[list[tuple[QuoteSpan, Attribution]], list[Attribution], list[Attribution]]:
    """Quotations set off as their own paragraph, without quote marks (a blockquote, once
    extracted from its web page): the paragraph after one that ends in a colon and names a
    speaker with a cue. ``Commenting on the Zambian Watchdog, Mambwe wrote:`` / ``Close
    friends of Sata should …`` -> a direct quote of Mambwe. A paragraph that opens with a
    quote mark, or that a marked quote mostly covers, is left to the quote-mark rules;
    shorter marked quotes inside it are quotes within the quotation (:func:`_marked_share`).
    A paragraph that opens with a handle is a quoted tweet (:func:`_tweet_handle`).

    A paragraph ingest marked as a blockquote (``> ``) is a quotation whatever comes before
    it; with the run of marked paragraphs it opens or continues, it takes the speaker of the
    paragraph before the run (:func:`_set_off_by`). When quote marks cover it, the second
    list lends that speaker to the marked quote."""
    paras = paragraphs(text)
    found: list[tuple[QuoteSpan, Attribution]] = []
    lent: list[Attribution] = []
    unvoiced: list[Attribution] = []
    no_inside = [False] * len(doc)
    lead: tuple[int, int] | None = None  # the paragraph before a run of marked ones
    speaking = _speaking_parts(doc, text, paras.spans)
    for n, (lo, hi) in enumerate(paras.spans):
        prev = paras.spans[n - 1] if n else None
        body = set_off_start(text, lo, hi)
        if body is None and not (_ELISION_ONLY.fullmatch(text, lo, hi) or _HEADING.fullmatch(text, lo, hi)):
            lead = (lo, hi)  # (an editor's "[...]" or a dated heading inside a run does not end it)
        leads_in = prev is not None and _introduces(text, *prev)
        # (a paragraph that itself ends in a colon introduces the next one, unless it speaks in
        # the first person: "Let's analize and explain the demands:" is the quoted writer's own)
        introduced = leads_in and (
            not _introduces(text, lo, hi) or _voiced(doc, (lo, hi), no_inside) or bool(_LETS.match(text, lo, hi))
        )
        if leads_in and _SALUTATION.fullmatch(text, lo, hi):
            introduced = True  # "writes a public letter to President Barack Obama:" / "Dear President Obama:"
        elif introduced and n > 1 and prev is not None and _SALUTATION.fullmatch(text, *prev):
            prev = paras.spans[n - 2]  # the letter's first paragraph: its intro is before the salutation
            introduced = _introduces(text, *prev)
        words = body if body is not None else lo  # after a blockquote's "> "
        handle = _tweet_handle(doc, text, words, hi)
        if handle is None:
            handle = speaking.get(n) or (_named_line(doc, text, words, hi) if body is not None else None)
        if body is None and not introduced and handle is None:
            continue  # (a paragraph that itself ends in a colon introduces the next one)
        if (
            body is None
            and prev is not None
            and _EDITORS_LABEL.match(text, lo, hi)
            and not _says(sents, sent_starts, prev)
        ):
            # "UPDATE: Nabil Karoui has been fined …" after "The following video from Nawaat
            # features protests …:" is the editor's own (but "CrowdStrike posted on its support
            # page:" / "Update: We have identified the faulty update" quotes CrowdStrike)
            continue
        start = words
        if handle is not None:
            start = _after_handles(text, handle.idx, hi) if handle.text.startswith("@") else _after_name(text, handle)
        end = _first_closer(text, start, hi) if start < hi and body is None else hi
        span = QuoteSpan(start, end, lo, end)
        cue: Token | None = None
        speaker: Token | None = None
        by_lead = False  # a marked paragraph takes the speaker of the paragraph before its run
        if body is not None and lead is not None and start < end:
            by_lead = True
            cue, speaker = _set_off_by(sents, sent_starts, text, spans, lead, span, no_inside)
        marked = _marked_share(spans, start, end) > 0.5
        if start >= end or text[start] in MARKS or marked:
            if by_lead and speaker is not None:  # the quote-mark rules decide, with this speaker when they find none
                lent.append(Attribution(start=lo, end=hi, direct=True, speaker=speaker, speaker_span=phrase(speaker)))
            elif handle is not None and start < end and marked and not _names_after_marks(text, spans, start, end):
                # '@7our: Algerian proverb: "When the polling station …"': a post that quotes
                # is its handle's when nothing else says who is quoted (when the marks hold most
                # of the post: '@RobertAlai: "Interns" must be paid.' quotes a word, no one)
                span_of = _handle_name(text, handle) or phrase(handle)
                lent.append(Attribution(start=lo, end=hi, direct=True, speaker=handle, speaker_span=span_of))
            continue
        own_lead = False  # a first-person lead: the quoted writer's own words introduce these
        if not by_lead and introduced and prev is not None:
            cue, speaker = _colon_cue(spans, sents, sent_starts, prev, span, no_inside)
            if speaker is not None and _first_person(speaker) and n > 1 and _introduces(text, *paras.spans[n - 2]):
                # (after narration, "We fact-checked that claim and wrote:" is the outlet's own)
                cue, speaker, own_lead = None, None, True
        if handle is not None and (
            (body is not None and lead != prev)
            or speaker is None
            or not _one_named(speaker)
            or (cue is not None and _passes_on(cue, leads_in))
        ):
            # "One sceptic tweep doubted it:" / "Some Twitter reactions:" / "@sandaykc: …"
            # ("Tweeps immediately took to their keyboards:", "Some Singaporeans are
            # distrustful …:" name a crowd, each post its handle's); the
            # lead's name is the first tweet's writer, not the writer of every one in a run,
            # and only when the lead gives it words of its own ("Journalist Carolina Ruiz
            # tweets:", "Mohammed wondered how the bomber went unnoticed:", "Twitter user The
            # Ess summarized their performance:"): after "The China Media Project translated
            # some comments:" or "Lao Rong … was able to spark some discussion:" the post is
            # its handle's
            cue, speaker = None, handle
        if speaker is None:
            if body is None and (prev is None or not (own_lead or _says(sents, sent_starts, prev, words=True))):
                # a lead that neither says nor names anyone's words introduces the article's
                # own ("Key takeaways:", "Timeline:", "Here's what we know so far:"); so does a
                # diary entry's dated heading, whose writer is named before it (_excerpts)
                continue
            # a blockquote, or a paragraph whose colon lead says or names words ("Some
            # excerpts:", "Here is selected translation of the video script:"), is a quotation
            # even when its lead gives no speaker; a subjectless lead ("and added [ko]:")
            # goes on with the attribution before it (:func:`_goes_on_from`)
            record = Attribution(start=start, end=end, direct=True)
            found.append((span, record))
            intro = lead if body is not None else prev
            if own_lead or (intro is not None and _names_nobody(sents, sent_starts, intro)):
                unvoiced.append(record)
            continue
        record = Attribution(start=start, end=end, direct=True)
        record.cue = cue_span(cue) if cue is not None else None
        record.speaker, record.speaker_span = speaker, _handle_name(text, speaker) or phrase(speaker)
        found.append((span, record))
    return found, lent, unvoiced


def _names_nobody(sents: list[Span], sent_starts: list[int], lead: tuple[int, int]) -> bool:
    """The lead's last sentence is a verb of speech with no subject and no name: ``and added
    [ko]:``, ``adding:``, ``continued:`` (not a heading, "Key takeaways:", "Timeline:")."""
    last = sentences_between(sents, sent_starts, *lead)[-1:]
    return (
        bool(last)
        and _says(sents, sent_starts, lead)
        and not any(
            t.dep_ in ("nsubj", "nsubjpass", "csubj") or t.pos_ == "PROPN" or t.text.startswith("@") for t in last[0]
        )
    )


def _says(sents: list[Span], sent_starts: list[int], lead: tuple[int, int], words: bool = False) -> bool:
    """The lead's last sentence has a verb of speech or posting ("added", "posted", "reads";
    not an imperative, "Read more:"), or with ``words`` a noun for someone's words
    ("Some excerpts:", "a selected translation of the video script:")."""
    last = sentences_between(sents, sent_starts, *lead)[-1:]
    if last and any(t.lower_ in _NOT_WRITERS and t.dep_ in ("nsubj", "poss") for t in last[0]):
        return False  # "But our reporting shows:", "We wrote:": the outlet's own words
    for token in last[0] if last else ():
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and (lemma in SPEECH_LEMMAS or lemma in _NOUN_VERBS):
            if not (token.tag_ == "VB" and token.i == last[0].start):
                return True
        if words and token.pos_ in ("NOUN", "PROPN") and (lemma in _WORDS_NOUNS or lemma in DOCUMENT_NOUNS):
            return True
    return False


# nouns for the words a colon lead hands on: "Some excerpts:", "a translation of the script:"
_WORDS_NOUNS = WRITINGS | frozenset(
    "excerpt extract translation script text words quote quotation passage transcript lyrics caption".split()
)
_LETS = re.compile(r"[ \t]*Let['\u2019]s\b")


def _goes_on_from(text: str, record: Attribution, direct: list[Attribution], reported: list[Attribution]) -> None:
    """A set-off quotation whose lead names nobody at all goes on with the attribution just
    before it, in the lead or the paragraph before: after the monk's tweet ``So Buddhism has
    decided to share the hardship …`` the lead ``and added [ko]:`` introduces more of
    @tinypencil's words. (A lead that names someone the rules could not take for a speaker,
    ``The website Legislarweb [es] reports on the case:``, is no one else's: that quotation
    keeps no speaker.)"""
    paras = paragraphs(text)
    floor = paras.spans[max(paras.index(record.start) - 2, 0)][0]
    _follow(record, direct + reported, record.start, floor)


def _one_named(speaker: Token) -> bool:
    """A lead's subject that names one writer: a proper noun, not a platform, a crowd
    ("Some Singaporeans", tagged a plural name) or a word for people ("Tweeps")."""
    return (
        speaker.pos_ == "PROPN"
        and speaker.lower_ not in PLATFORMS
        and speaker.lower_ not in ROLE_NOUNS
        and speaker.ent_type_ != "NORP"
        and "Plur" not in speaker.morph.get("Number", [])
    )


def _passes_on(cue: Token, colon: bool) -> bool:
    """The lead does not say its writer wrote the post: its verb passes other people's posts
    on (translates, shares, sparks or collects them), or tells what happened to the one it
    names ("Netanyahu came under fire on social media after the speech:", "Elon Musk faced a
    fierce backlash online:") rather than what they said, thought or asked for. A lead
    without a colon says it only with a verb of speech: after "… staged by the ruling
    Republic Party which hopes to keep its seats." the blockquoted "@Ripsii: Panic @
    pre-election concert …" is the handle's."""
    if cue.lemma_.lower() in SPEECH_LEMMAS:
        return False
    if not colon:
        return True
    verbs = [cue, *(c for c in cue.children if c.dep_ == "conj")]  # "gives an update … and was able to spark"
    verbs += [c for v in verbs for c in v.children if c.dep_ in ("xcomp", "acomp")]  # "was able to spark"
    verbs += [c for v in verbs for c in v.children if c.dep_ == "xcomp"]
    if any(v.lemma_.lower() in _PASSING_ON for v in verbs):
        return True
    return not any(v.lemma_.lower() in _OWN_WORDS for v in verbs)


# verbs of a lead that hands on posts others wrote: "translated some comments:", "was able to
# spark some discussion:", "collected reactions:", "shares a few tweets:"
_PASSING_ON = frozenset(
    "translate share spark collect gather compile round retweet repost cite select pick curate capture "
    "spot notice see read receive get draw attract prompt provoke trigger generate stir cause".split()
)
# verbs of a lead that gives its writer words of their own beyond the verbs of speech: "Mohammed
# wondered how the suicide bomber went unnoticed:", "Twitter user The Ess summarized their
# performance:", "Atiaf Alwazir encouraged people to look deeper …:"
_OWN_WORDS = (
    OBJECT_LEMMAS
    | CLAUSE_LEMMAS
    | XCOMP_LEMMAS
    | frozenset(
        "summarize summarise sum encourage envision preach promote reflect muse congratulate thank mock "
        "ridicule welcome address".split()
    )
)


def _set_off_by(
    sents: list[Span],
    sent_starts: list[int],
    text: str,
    marked: list[QuoteSpan],
    lead: tuple[int, int],
    span: QuoteSpan,
    no_inside: list[bool],
) -> tuple[Token | None, Token | None]:
    """Cue and speaker of a blockquote (a paragraph ingest marked ``> ``, and each one after
    it in the run) from the paragraph before the run: its introducing colon (``Reacted a
    reader calling himself Say What?:``) or its lead sentence (``Another Armenian blog, Le
    Retour in 3 Parts, comments on the policing of the event.``)."""
    if _introduces(text, *lead):
        return _colon_cue(marked, sents, sent_starts, lead, span, no_inside)
    found = _lead_writer(sents, sent_starts, lead, no_inside)
    if found is not None:
        return found
    # the markup says the next paragraph is a quotation: whoever the lead is about gives it
    # ("Unzipped: Gay Armenia, for example, re-posts a comment left under one such piece.")
    within = sentences_between(sents, sent_starts, *lead)
    root = within[-1].root if within else None
    if root is not None and root.pos_ == "VERB":
        subject = speaker_token(root, no_inside)
        if subject is not None and plausible_speaker(subject) and subject.lower_ not in _NOT_WRITERS:
            return root, subject
    for n in range(len(within) - 1, 0, -1):
        # "In early April, he wrote two blog posts about the film. Below are excerpts from
        # these posts.": the writer of an earlier sentence of the lead
        found = _lead_writer(sents, sent_starts, (within[0].start_char, within[n - 1].end_char), no_inside)
        if found is not None:
            return found
    return None, None


def _carry_on(text: str, direct: list[Attribution]) -> None:
    """``The post continued:`` (or "the statement continues", "the letter continued") introduces
    more of the text quoted last: the quotation is that text's writer's, not "the post"'s."""
    ordered = sorted(direct, key=lambda r: r.start)
    for n, record in enumerate(ordered):
        if record.cue is None or record.speaker is None:
            continue
        cue = text[record.cue[0] : record.cue[1]].lower()
        head = record.speaker
        if not cue.startswith("continu") or head.lemma_.lower() not in DOCUMENT_NOUNS:
            continue
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            continue
        prior = next((r for r in reversed(ordered[:n]) if r.speaker is not None and r.speaker is not head), None)
        if prior is not None:
            record.speaker, record.speaker_span = prior.speaker, prior.speaker_span


def _asked(token: Token) -> bool:
    """The token's sentence is a question ("Did Mr. Ingraham feel they could not trust …?")."""
    sent = sentence_of(token)
    return any(t.text == "?" for t in sent[-3:])


def _lead(
    text: str, sents: list[Span], sent_starts: list[int], excerpt: QuoteSpan, inside: list[bool], record: Attribution
) -> None:
    """An excerpt nobody was quoted just before takes the writer its lead names: ``Another
    Armenian blog, Le Retour in 3 Parts, comments on the policing of the event.`` / ``[...] we
    were no longer in control …``. The lead is the last sentence of the paragraph before,
    whose verb is one of speaking or of writing about something."""
    previous = _before_headings(text, excerpt.opened)
    found = _lead_writer(sents, sent_starts, previous, inside) if previous is not None else None
    if found is None:
        return
    verb, speaker = found
    record.cue, record.speaker, record.speaker_span = cue_span(verb), speaker, phrase(speaker)
    if verb.pos_ == "NOUN":  # the whole name before the verb the tagger took for a noun
        before = verb.doc[verb.left_edge.i : verb.i]
        cut = max((t.i + 1 for t in before if t.is_punct or t.is_space), default=verb.left_edge.i)
        words = [t for t in verb.doc[cut : verb.i] if t.dep_ != "det"]  # not "In a long post, …"
        if words and words[-1].i == verb.i - 1:
            record.speaker_span = (words[0].idx, words[-1].idx + len(words[-1].text))


def _lead_writer(
    sents: list[Span], sent_starts: list[int], para: tuple[int, int], inside: list[bool]
) -> tuple[Token, Token] | None:
    """The verb and the writer of a paragraph's last sentence when it is a lead: a verb of
    speaking or of writing about something, with a plausible writer as its subject."""
    lead = sentences_between(sents, sent_starts, *para)[-1:]
    if not lead:
        return None
    verb = lead[0].root
    # "Le Retour in 3 Parts, comments on …": the parser's plural noun "comments"
    verbal = verb.pos_ == "VERB" or (verb.pos_ == "NOUN" and verb.tag_ == "NNS" and verb.lemma_.lower() in _NOUN_VERBS)
    speaker = _writer_of(verb, inside) if verbal else None
    if speaker is None and verbal and verb.pos_ == "NOUN":
        speaker = _noun_verb_writer(verb)  # "The Armenian Observer blog comments."
    return (verb, speaker) if speaker is not None else None


def _noun_verb_writer(root: Token) -> Token | None:
    """The name in a sentence the parser made one noun phrase headed by its verb:
    ``Journalist Carolina Ruiz tweets:`` -> Ruiz, ``The Armenian Observer blog comments.``
    -> blog (a name's own noun)."""
    before = [c for c in root.children if c.dep_ in ("compound", "nsubj") and c.i < root.i]
    names = [c for c in before if any(t.pos_ == "PROPN" or coined(t) for t in c.subtree)]
    if not names and (root.lemma_.lower() in _NOUN_VERBS or root.lemma_.lower() in SPEECH_LEMMAS):
        # "The online poster [zh] states:", "The statement adds:", "A publichouse.sg editorial
        # predicts that …:": a document speaks for itself
        names = [c for c in before if c.lemma_.lower() in DOCUMENT_NOUNS | WRITINGS]
    return names[-1] if names else None


def _before_headings(text: str, pos: int) -> tuple[int, int] | None:
    """The paragraph before the one at ``pos``, stepping over a lone "[...]" between two cuts
    of one text and a diary entry's dated heading ("April 5, 2012 :")."""
    paras = paragraphs(text)
    previous = paras.previous(pos)
    while previous is not None and (_ELISION_ONLY.fullmatch(text, *previous) or _HEADING.fullmatch(text, *previous)):
        previous = paras.previous(previous[0])
    return previous


def _intro_topics(
    doc: Doc, text: str, sents: list[Span], sent_starts: list[int], inside: list[bool], reported: list[Attribution]
) -> list[Attribution]:
    """What a sentence introducing a set-off quotation says the writer spoke about:
    ``Ibrahim Mothana, a Yemeni writer and activist, commented on the drone policy:`` ->
    "the drone policy" is Mothana's topic, reported like "X criticised the policy"; so with
    ``Zeinobia referred to another Egyptian detainee:`` and ``Sthaisy Smith considers it
    madness to have to work on a day that commemorates labour:``. The colon and the quotation
    after it make any verb of the sentence a cue; the content is its clause, its object, or
    the object of its preposition, never a bare pronoun or the quotation's container ("posted
    this comment:", "shared his views:")."""
    found: list[Attribution] = []
    paras = paragraphs(text).spans
    for lo, hi in paras[:-1]:
        if not _introduces(text, lo, hi):
            continue
        intro = [s for s in sentences_between(sents, sent_starts, lo, hi) if s.end_char > hi - 2]
        if not intro or intro[-1].root.pos_ != "VERB" or inside[intro[-1].root.i]:
            continue
        verb = intro[-1].root
        if any(r.cue is not None and intro[-1].start_char <= r.cue[0] < intro[-1].end_char for r in reported):
            continue  # the sentence reports something already ("X expressed that …" / "X said")
        speaker = _writer_of(verb, inside)  # not "riot police evicted the square, as … illustrated:"
        if speaker is None:
            continue
        topic = _topic(verb)
        if topic is None:
            continue
        first, last = topic
        if first <= speaker.i <= last:
            continue  # "Commented another reader, Jackson:": the object is the writer
        while last > first and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        if last - first >= 2 and doc[last - 1].lower_ == "as" and doc[last].lower_ == "follows":
            last -= 2  # "referred to the grim finding as follows:"
        if (first == last and doc[first].pos_ in ("DET", "PRON", "SCONJ")) or no_content(doc, first, last):
            continue  # "He stressed that:" / "argued [ko]:"
        record = Attribution(start=doc[first].idx, end=doc[last].idx + len(doc[last].text), direct=False)
        record.cue, record.speaker, record.speaker_span = cue_span(verb), speaker, phrase(speaker)
        found.append(record)
    return found


def _writer_of(verb: Token, inside: list[bool]) -> Token | None:
    """Who a lead or an intro names as the writer: the subject of a speech or topic verb,
    a plausible speaker, not the quoted writer's own "I", "we" or "you"."""
    if verb.lemma_.lower() not in _TOPIC_VERBS:
        return None
    speaker = speaker_token(verb, inside)
    if speaker is None or not plausible_speaker(speaker) or speaker.lower_ in _NOT_WRITERS:
        return None
    return speaker


def _topic(verb: Token) -> tuple[int, int] | None:
    """Token range of what ``verb`` is about: its clause, its object (with a predicate: "it
    madness to have to work …"), or the object of its first preposition."""
    children = list(verb.children)
    for dep in ("ccomp", "dobj"):
        for child in children:
            if child.dep_ != dep or child.i < verb.i:
                continue
            if misparsed_clause(verb, child):
                return None  # "told Mr Malila who had once held the same position:"
            if dep == "dobj" and (
                (child.pos_ == "PRON" and not _predicated(child))
                or child.lemma_.lower() in _CONTAINERS
                or verb.lemma_.lower() in _UTTER  # "Said the sharp-tongued Amsterdam:"
            ):
                return None
            last = max(
                [child.right_edge.i]
                + [c.right_edge.i for c in children if c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > child.i]
            )
            for c in sorted(children, key=lambda c: c.i):  # "links the attack | to other events in the day"
                if dep == "dobj" and c.dep_ == "prep" and c.i == last + 1 and c.lower_ in ("to", "with"):
                    last = c.right_edge.i
            return child.left_edge.i, last
    for child in children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in _TOPIC_PREPS:
            obj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if obj is None or obj.pos_ in ("PRON", "PROPN") or obj.lemma_.lower() in _CONTAINERS | PUBLISHING_PLACES:
                return None  # "on Twitter", "on his Facebook wall": where, not what
            return obj.left_edge.i, obj.right_edge.i
    return None


def _predicated(pronoun: Token) -> bool:
    """ "considers it madness to …": the object pronoun has a predicate after it."""
    return any(c.dep_ in ("oprd", "xcomp", "ccomp") and c.i > pronoun.i for c in pronoun.head.children)


_TOPIC_PREPS = frozenset({"on", "about", "to", "of", "over", "against"})
_CONTAINERS = frozenset(
    "following comment comments word words view views thought thoughts reaction reactions opinion opinions "
    "post posts tweet tweets message video photo picture statement note letter story article account "
    "sentiment sentiments excerpt excerpts passage response answer warning poem sadness declaration "
    "explanation musing musings overview figure figures displeasure perspective point question reason "
    "summary analysis list example anger frustration concern hope fear joy regret".split()
)
# Verbs that say what someone spoke about, before a colon and a quotation.
_TOPIC_VERBS = (
    SPEECH_LEMMAS
    | OBJECT_LEMMAS
    | CLAUSE_LEMMAS
    | frozenset(
        "comment refer reflect discuss address commend qualify consider see link clarify detail question "
        "blog talk speak muse emphasize emphasise highlight criticize criticise mock ridicule "
        "lament welcome".split()
    )
)
# Verbs that only utter: their object is the quotation itself, never its topic.
_UTTER = frozenset("say write add tweet post reply answer quote".split())


def _absorb(doc: Doc, direct: list[Attribution], reported: list[Attribution]) -> list[Attribution]:
    """A reported statement with quoted words inside is one mixed quote of its speaker, not
    two quotes: ``Zelenskyy told a news conference that Ukraine and the U.S. are "making
    progress" in reaching a deal`` -> the mixed quote "making progress", whose ``statement``
    is the whole reported clause. So with words that open the statement: ``"For our barracks
    … will welcome" a spending review, he said`` is one mixed quote, not a direct quote and a
    statement (a quote the reported content merely repeats never gets this far: content of
    fewer than three words outside quote marks is no statement). The words take the
    statement's speaker when they have none of their own; words another speaker is named for
    leave the statement as it is. A statement of two clauses each with its own "that", the
    quoted words in one of them, is two statements (:func:`_other_clause`)."""
    text = doc_text(doc)
    kept = []
    for record in reported:
        words = [
            m
            for m in direct
            if record.start <= m.start
            and m.end <= record.end + 1
            and (m.speaker is None or record.speaker is None or _same_speaker(m, record))
        ]
        if not words:
            kept.append(record)
            continue
        if any(
            not m.mixed and record.cue is not None and m.end <= record.cue[0] and record.end <= m.end + 2 for m in words
        ):
            # '… the demonstration, but "I didn't participate," she told VOA': the quote is
            # what "told" says; the words before it are the reporter's, not a statement
            continue
        if record.cue is not None and any(
            not m.mixed
            and m.start > record.cue[1]
            and not text[record.cue[1] : m.start].strip(' ,:\u201c"')
            and not text[m.end : record.end].strip(' .!?,;\u201d"')
            for m in words
        ):
            # 'When asked how …, he said, "I have an idea what it is …"': the quote is what
            # "said" says, right after it; the clause before the cue is the reporter's
            continue
        other = _other_clause(doc, record, words)
        if other is not None:
            kept.append(other)
        for m in words:
            m.statement, m.mixed = (record.start, record.end), True
            if m.speaker is None and record.speaker is not None:
                m.speaker, m.speaker_span, m.cue, m.inherited = record.speaker, record.speaker_span, record.cue, False
    return kept


def _other_clause(doc: Doc, record: Attribution, words: list[Attribution]) -> Attribution | None:
    """``Two officials told VOA that the plane landed at the base on Tuesday, and that all nine
    are considered "high threat illegal aliens."``: the quoted words sit in the second
    that-clause only, so the first is a statement of its own ("the plane landed …") and the
    mixed quote's statement is the second. ``record`` becomes the clause with the words (it
    is changed in place); the returned record is the other clause, or None when the content
    is one clause, its second clause shares the subject and "that" (``the plan was "a
    disaster" and would cost jobs``), or the words span both."""
    content = doc.char_span(record.start, record.end, alignment_mode="expand")
    if content is None:
        return None
    root = content.root
    # the second clause's own "that": "… on Tuesday, and [that] all nine are considered …"
    mark = next(
        (
            m
            for c in root.children
            if c.dep_ == "conj" and c.i < content.end
            for m in c.children
            if m.dep_ == "mark" and m.lower_ == "that"
        ),
        None,
    )
    if mark is None:
        return None
    second = mark.head
    joint = next((c for c in root.children if c.dep_ == "cc" and c.i < second.left_edge.i), None)
    cut = (joint if joint is not None else second.left_edge).i
    first_end = _trimmed_end(doc, content.start, cut)
    second_start = doc[mark.i + 1].idx
    if first_end is None or second_start >= record.end:
        return None
    if all(second_start <= m.start for m in words):
        other = Attribution(start=record.start, end=first_end, direct=False, cue=record.cue)
        record.start = second_start
    elif all(m.end <= first_end + 1 for m in words):
        second_end = _trimmed_end(doc, mark.i + 1, content.end) or record.end
        other = Attribution(start=second_start, end=second_end, direct=False, cue=record.cue)
        record.end = first_end
    else:
        return None
    if len([t for t in doc.char_span(other.start, other.end, alignment_mode="expand") or [] if not t.is_punct]) < 3:
        return None
    other.speaker, other.speaker_span = record.speaker, record.speaker_span
    return other


def _trimmed_end(doc: Doc, lo: int, hi: int) -> int | None:
    """The end offset of tokens ``lo``..``hi - 1`` without trailing punctuation and spaces
    (a closing quote mark stays: ``the incident was "isolated"``)."""
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space) and doc[hi - 1].text not in _CLOSING:
        hi -= 1
    return doc[hi - 1].idx + len(doc[hi - 1].text) if hi > lo else None


_CLOSING = frozenset({'"', "\u201d", "\u00bb", "'", "\u2019", ")"})


def _same_speaker(a: Attribution, b: Attribution) -> bool:
    assert a.speaker is not None and b.speaker is not None
    return a.speaker.i == b.speaker.i or a.speaker_span == b.speaker_span


def _distinct(reported: list[Attribution]) -> list[Attribution]:
    """One reported statement per content span: ``Sokha said he was expected to join the
    CPP …`` reached through "said" and through the impersonal passive "was expected" is one
    statement, Sokha's (a record with a speaker beats one without, else the first cue's)."""
    best: dict[tuple[int, int], Attribution] = {}
    for record in reported:
        key = (record.start, record.end)
        if key not in best or (best[key].speaker is None and record.speaker is not None):
            best[key] = record
    return [r for r in reported if best[(r.start, r.end)] is r]


def _excerpts(
    doc: Doc,
    text: str,
    spans: list[QuoteSpan],
    taken: list[QuoteSpan],
    inside: list[bool],
    sents: list[Span],
    sent_starts: list[int],
) -> list[tuple[QuoteSpan, bool]]:
    """Paragraphs cut from someone's longer text, set off without marks or an intro colon
    (a blockquote whose markup the extraction lost), with ``voiced`` True for the second kind:

    * an editor's elision mark at a paragraph's edge, which only ever stands inside a
      quotation: ``[...] we were no longer in control. Because from this point on …`` or
      ``Neo-nazi elements attacked marchers … that followed firebombing of the bar. [...]``;
      the quote runs between the marks;
    * a paragraph in the first person (``I``, ``we``, ``our`` outside quote marks) in an
      article whose narration is not: after ``Meanwhile, Le Retour in 3 Parts says that
      officials should instead be condemning the attack.`` the paragraph ``If there was ever
      a time for state officials … to speak out, it is now. And again, I say, …`` is the
      blog's. News is narrated in the third person, so the writer's voice outside quote
      marks is someone else's. An article whose first paragraph speaks in the first person
      (a column, a diary), or two paragraphs in five (an interview transcript), is narrated
      so, and keeps its paragraphs.

    A third kind is ``voiced`` too: the paragraph after a dated heading that ends in a colon
    (a diary entry, ``April 5, 2012 :``), whose writer is the one named before the heading.
    And a fourth: a paragraph right after a set-off quotation that asks or addresses the
    reader (a question or "you" outside quote marks) goes on with that quotation. After
    the Public Council blogger's ``… But support for terrorists? Unbelievable.`` the paragraph
    ``What is the position of the president of Public Council re this matter?`` is still the
    blog's; so ``Bahamas, you deserve better.`` News narration asks its reader nothing.

    An editor's closing mark also brackets the paragraphs before it, up to the lead that
    names the writer or the quotation before them: after ``Unzipped: Gay Armenia
    likens the 21 May disruption to fascism.`` the paragraphs ``To mark United Nation's World
    Day of Cultural Diversity, …`` and ``But the notion of diversity was once again attacked
    …`` come before ``Neo-nazi elements attacked marchers … [...]``, and are the blog's too.

    Each takes the speaker of the attribution just before it; a voiced paragraph with none
    is left alone."""
    paras = paragraphs(text).spans
    voices = [_voiced(doc, para, inside) for para in paras]
    # narrated in the third person: not a column, a diary or an interview transcript
    narrated = bool(paras) and not voices[0] and sum(voices) <= len(paras) * _VOICED_SHARE
    found: list[tuple[QuoteSpan, bool]] = []
    closed: list[int] = []  # paragraphs cut with an elision mark at the end only
    set_off = [_marked_share(taken, lo, hi) > 0.5 for lo, hi in paras]  # (a cut ends before "[...]")
    for n, (lo, hi) in enumerate(paras):
        if any(q.start < hi and lo < q.end for q in taken):
            continue
        head = _ELISION_HEAD.match(text, lo, hi)
        tail = _ELISION_TAIL.search(text, lo, hi)
        voiced = head is None and tail is None
        headed = n > 0 and narrated and _HEADING.fullmatch(text, *paras[n - 1]) is not None
        asks = n > 0 and narrated and set_off[n - 1] and _asks_reader(doc, (lo, hi), inside)
        only_asks = voiced and not (n and narrated and voices[n]) and not headed
        if only_asks and not asks:
            continue
        if voiced and not headed and _introduces(text, lo, hi) and not (n and set_off[n - 1]):
            continue  # "Here's what we know so far:" after narration introduces the article's own
        start = head.end() if head is not None else lo
        end = _cut_end(text, spans, start, tail.start() if tail is not None and tail.start() > start else hi)
        if end is None:
            continue
        found.append((QuoteSpan(start, end, lo, end), voiced))
        set_off[n] = not only_asks  # a question goes on with a quotation, never starts a run of them
        if tail is not None and head is None:
            closed.append(n)
    for n in closed:
        found += _bracketed(doc, text, spans, paras, n, set_off, sents, sent_starts, inside)
    found += _across_elision(text, spans, taken, paras, set_off, found)
    found += _list_goes_on(text, spans, taken, paras, set_off, found)
    return sorted(found, key=lambda f: f[0].start)


def _list_goes_on(
    text: str,
    spans: list[QuoteSpan],
    taken: list[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    set_off: list[bool],
    found: list[tuple[QuoteSpan, bool]],
) -> list[tuple[QuoteSpan, bool]]:
    """A numbered or bulleted list the quotation opened goes on being quoted: after ``Russian
    LJ user gyperbol provided readers with … the following numbered explanations:`` / ``1.
    Demonstrators arrived along Bolshaya Polyanka St.`` the items ``2. …`` to ``5. …`` are the
    blogger's too; so ``b) The government is making such fake gesture …`` after a quoted
    paragraph, a list's second item (a list's first item after narration is a heading of the
    article's own: ``1. First rumors spread``)."""
    more: list[tuple[QuoteSpan, bool]] = []
    for n in range(1, len(paras)):
        item = _LIST_ITEM.match(text, *paras[n])
        if item is None or not set_off[n - 1]:
            continue
        before = _LIST_ITEM.match(text, *paras[n - 1])
        if before is None and item.group(1).lower() in _FIRST_ITEMS:
            continue
        span = _goes_on(text, spans, [*taken, *(f for f, _ in found + more)], paras[n])
        if span is not None:
            more.append((span, False))
            set_off[n] = True
    return more


def _goes_on(text: str, spans: list[QuoteSpan], claimed: list[QuoteSpan], para: tuple[int, int]) -> QuoteSpan | None:
    """Paragraph ``para`` as a quotation going on, unless a quotation already holds it, it is
    too short or mostly in quote marks (:func:`_cut_end`), or it introduces the next one."""
    lo, hi = para
    if any(q.start < hi and lo < q.end for q in claimed):
        return None
    end = _cut_end(text, spans, lo, hi)
    if end is None or _introduces(text, lo, hi):
        return None
    return QuoteSpan(lo, end, lo, end)


# a list item's marker: "1.", "2)", "b)", "- ", "• "
# (a lower-case letter only: "E. Jean Carroll", "H. R. McMaster" open with initials)
_LIST_ITEM = re.compile(r"\s*(\d{1,2}[.)]|[a-h][.)]|[-\u2022*\u2013])\s+(?=\S)")
_FIRST_ITEMS = frozenset({"1.", "1)", "a.", "a)", "-", "\u2022", "*", "\u2013"})


def _across_elision(
    text: str,
    spans: list[QuoteSpan],
    taken: list[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    set_off: list[bool],
    found: list[tuple[QuoteSpan, bool]],
) -> list[tuple[QuoteSpan, bool]]:
    """An editor's elision mark alone on its line (``[...]``, ``…``) only ever stands inside a
    quotation: when the paragraph on one side of it is a quotation, so is the one on the
    other. After the blogger's ``… This evens your chances. Don't attack them.`` / ``[…]`` the
    paragraph ``BY ITSELF, CITIZEN DEMONSTRATIONS … WILL NOT CHANGE ANYTHING`` is the
    blogger's too; so, before ``[...]`` / ``This is truly Scandal of the Day. …``, is the
    paragraph the cut ends."""
    more: list[tuple[QuoteSpan, bool]] = []
    for n in range(1, len(paras) - 1):
        if not _ELISION_ONLY.fullmatch(text, *paras[n]):
            continue
        # (a bare "..." or "…" may break sections after a quoted paragraph: only a quotation
        # set off without marks goes on across it)
        bracketed = "[" in text[paras[n][0] : paras[n][1]]
        quoted = [set_off[m] or (bracketed and _marked_share(spans, *paras[m]) > 0.5) for m in (n - 1, n + 1)]
        if quoted[0] == quoted[1]:
            continue
        m = n + 1 if quoted[0] else n - 1
        span = _goes_on(text, spans, [*taken, *(f for f, _ in found + more)], paras[m])
        if span is not None:
            more.append((span, False))
            set_off[m] = True
    return more


def _bracketed(
    doc: Doc,
    text: str,
    spans: list[QuoteSpan],
    paras: Sequence[tuple[int, int]],
    n: int,
    set_off: list[bool],
    sents: list[Span],
    sent_starts: list[int],
    inside: list[bool],
) -> list[tuple[QuoteSpan, bool]]:
    """The plain paragraphs between a cut closed by an elision mark (paragraph ``n``) and
    the lead or the set-off quotation before it; none when something else comes first."""
    run: list[tuple[QuoteSpan, bool]] = []
    for m in range(n - 1, max(n - 1 - _BRACKET_REACH, -1), -1):
        lo, hi = paras[m]
        if set_off[m]:
            return run  # "[...] due to PINK Armenia's previous campaigns …": the quotation before
        lead = _lead_writer(sents, sent_starts, paras[m], inside)
        if lead is not None and lead[1].pos_ != "PRON":
            return run  # "Unzipped: Gay Armenia likens the 21 May disruption to fascism."
        end = _cut_end(text, spans, lo, hi)
        if end is None or _introduces(text, lo, hi):
            return []
        run.append((QuoteSpan(lo, end, lo, end), False))
    return []


def _cut_end(text: str, spans: list[QuoteSpan], start: int, end: int) -> int | None:
    """Where ``[start, end)`` ends without its trailing space, when it can be a cut from
    someone's text: six words or more, not opening with a quote mark, not mostly one."""
    while end > start and text[end - 1].isspace():
        end -= 1
    if len(text[start:end].split()) < _MIN_EXCERPT_WORDS or text[start] in MARKS:
        return None
    return None if _marked_share(spans, start, end) > 0.5 else end


def _asks_reader(doc: Doc, para: tuple[int, int], inside: list[bool]) -> bool:
    """The paragraph asks a question, or says "you" to the reader as a subject, outside quote
    marks; it introduces nothing (a paragraph ending in a colon is a lead), attributes
    nothing of its own ("So what does it mean? Taxes stay flat, the city said.") and gives
    no instructions ("If you have information, call the hotline.")."""
    lo, hi = para
    if _introduces(doc_text(doc), lo, hi):
        return False
    asks = False
    for token in doc[_token_at(doc, lo) :]:
        if token.idx >= hi:
            break
        if inside[token.i]:
            continue
        if token.text == "?" or (token.lower_ == "you" and token.dep_ == "nsubj"):
            asks = True
        if token.pos_ == "VERB" and token.lemma_.lower() in _TOPIC_VERBS and not _asked(token):
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.pos_ != "PRON":
                return False  # "Economists doubt it", "the city said"
        if token.dep_ == "ROOT" and token.tag_ == "VB" and not any(c.dep_ == "nsubj" for c in token.children):
            return False  # an instruction: "call the police hotline"
    return asks


def _names_writer(record: Attribution, voiced: list[QuoteSpan]) -> bool:
    """An attribution a first-person excerpt may continue: a quote, or a statement outside
    every first-person paragraph whose speaker is not "I", "we" or "you"."""
    if record.direct:
        return True
    if record.speaker is None or record.speaker.lower_ in _NOT_WRITERS:
        return False
    return not any(v.opened <= record.start < v.end for v in voiced)


def _voiced(doc: Doc, para: tuple[int, int], inside: list[bool]) -> bool:
    """The paragraph speaks in the first person outside quote marks."""
    lo, hi = para
    for token in doc[_token_at(doc, lo) :]:
        if token.idx >= hi:
            return False
        if token.text in _FIRST_PERSON and token.pos_ == "PRON" and not inside[token.i]:
            return True
    return False


def _first_person(token: Token) -> bool:
    """``I``, ``we``, ``our`` … as printed ("US$" is not "us"), and the "'s" of "Let's"."""
    if token.pos_ != "PRON":
        return False
    if token.lower_ in ("'s", "\u2019s"):
        return token.i > 0 and token.nbor(-1).lower_ == "let"
    return token.text in _FIRST_PERSON


# as printed: "Toys R Us" and "US$" are not "us"
_FIRST_PERSON = frozenset("I me Me my My mine myself we We us our Our ours ourselves".split())
# a quoted writer's own voice, never the writer a lead names
_NOT_WRITERS = frozenset(word.lower() for word in _FIRST_PERSON) | {"you"}
_VOICED_SHARE = 0.4
# A dated heading before a set-off text (a diary or blog entry): "April 5, 2012 :".
_HEADING = re.compile(r"\s*(?=[^:\n]{0,24}\d)[\w.,'\u2019 /-]{1,24}:\s*")
# an elision mark alone on its line, bracketed or not: "[...]", "[…]", "(...)", "...", "…"
_ELISION_ONLY = re.compile(r"\s*(?:\[(?:\.\.\.|\u2026)\]|\((?:\.\.\.|\u2026)\)|\.\.\.|\u2026)\s*")
_ELISION_HEAD = re.compile(r"\[(?:\.\.\.|\u2026)\]\s*")
_ELISION_TAIL = re.compile(r"\s*\[(?:\.\.\.|\u2026)\]\W*$")
_MIN_EXCERPT_WORDS = 6
# how many paragraphs an editor's closing mark reaches back over to its lead
_BRACKET_REACH = 3


def _colon_cue(
    marked: list[QuoteSpan],
    sents: list[Span],
    sent_starts: list[int],
    intro_para: tuple[int, int],
    span: QuoteSpan,
    no_inside: list[bool],
) -> tuple[Token | None, Token | None]:
    """The cue and speaker of the sentence that ends in the introducing colon (``marked``:
    the article's quote-mark spans)."""
    lo, hi = intro_para
    within = sentences_between(sents, sent_starts, lo, hi)
    intro = [s for s in within if s.end_char > hi - 2]
    if intro and len(within) > 1 and not any(t.pos_ in ("VERB", "AUX") for t in intro[-1]):
        # "Ingrid Luden on TechCrunch wrote 'Sure, Draw Something. Just Not The Prophet':":
        # the parser ended a sentence inside the title; the verb is in the one before
        intro = within[-2:-1]
    if intro and intro[-1] is not within[0] and any(q.opened < intro[-1].start_char < q.closed for q in marked):
        # 'LEvko … explained "why Ukraine's Euro 2012 [would] not be as big a success as
        # hoped":': the parser ended a sentence inside the quoted words; the intro is
        # the sentence the quotation opened in, with them
        k = within.index(intro[-1])
        intro = [intro[-1].doc[within[k - 1].start : intro[-1].end]]
    cue, speaker = _nearest_cue(intro[-1:], span, no_inside)
    if cue is not None and (outer := _outer_cue(cue, no_inside)) is not None:
        cue, speaker = outer
    if cue is None and intro:
        cue, speaker = _last_stance(intro[-1], no_inside)
    if cue is None and intro:
        # The colon and the set-off paragraph are the cue: any verb introduces it
        # ("Jing Gao reflects:", "@JuliethBlues states :", "X gave a warning in a release:").
        root = intro[-1].root
        if root.pos_ in ("VERB", "AUX"):
            subject = speaker_token(root, no_inside)
            if subject is not None and plausible_speaker(subject):
                cue, speaker = root, subject
        elif root.pos_ == "NOUN" and (root.lemma_.lower() in _NOUN_VERBS or root.tag_ == "NNS"):
            # "Journalist Carolina Ruiz tweets:", "Dan Gamboa (@dgamboa) wonders about …:"
            # parsed as one noun phrase headed by the verb, tagged a plural noun
            speaker = _noun_verb_writer(root)
            cue = root if speaker is not None else None
    if cue is not None and (joined := _last_clause(cue, no_inside)) is not None:
        cue, speaker = joined
    if speaker is None and intro:
        # "@JuliethBlues states :": the parser made a verb of the handle
        speaker = next((t for t in intro[-1] if t.text.startswith("@") and len(t.text) > 1), None)
    if cue is not None and _prescribed(cue) and len(within) > 1 and intro and intro[-1] is not within[0]:
        # "Elaine Ee believes that the Code of Conduct will not be a solution. Instead, the
        # government should free up the mainstream media:": what someone should do is the
        # writer's demand; the writer is the one the sentence before names
        earlier = within[within.index(intro[-1]) - 1] if intro[-1] in within else None
        main = earlier.root if earlier is not None else None
        if main is not None and not (is_cue(main) or main.lemma_.lower() in _GOVERNING):
            main = None  # "The mayor visited the flooded district. Residents must now rebuild:" names no writer
        subject = speaker_token(main, no_inside) if main is not None and main.pos_ in ("VERB", "AUX") else None
        if main is not None and subject is not None and plausible_speaker(subject) and subject.pos_ != "PRON":
            cue, speaker = main, subject
    if cue is not None and (author := _written_by(cue)) is not None:
        speaker = author  # "shared an article written by Al Mariam Zelalem on his wall:"
    if speaker is None and intro and (guest := _interviewed(intro[-1].root)) is not None:
        cue, speaker = intro[-1].root, guest
    if intro and (last := _bracketed_handle_at_end(intro[-1])) is not None:
        # "citizens condemned the deed, and some questioned Calderón, like Alessia Corcuera
        # (@top_roping_ale):": the handle right before the colon names who is quoted
        speaker = last
    return cue, speaker


def _prescribed(verb: Token) -> bool:
    """ "should free up", "must resign", "ought to go": a demand, not a report."""
    return any(c.dep_ == "aux" and c.lower_ in ("should", "must", "ought") for c in verb.children)


def _outer_cue(cue: Token, no_inside: list[bool]) -> tuple[Token, Token] | None:
    """In an intro, a cue inside what another cue says, with content of its own, is part of
    the report, not who is quoted: ``Kashin argues that the "Million Man March" succeeded in
    revealing the true nature of today's Russian authorities:`` -> Kashin. A cue with no
    content of its own keeps the quotation: ``The blog reports that the minister said:``,
    ``Reuters reported that the minister told parliament:`` (an addressee is no content)."""
    own = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and not _addressee(c))]
    if not own and cue.dep_ != "acl":
        # (nor "Reuters reported that the minister told parliament:": whom, not what; but "Ido
        # Kenan reported on the racist comments posted by some Israelis …:" is Kenan's)
        return None
    for ancestor in cue.ancestors:
        if no_inside[ancestor.i]:
            return None
        if is_cue(ancestor):
            speaker = speaker_token(ancestor, no_inside)
            if speaker is not None and plausible_speaker(speaker):
                return ancestor, speaker
            return None
    return None


_NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# auxiliaries of a clause that goes on with what was said ("had beaten", "must listen", "were working")
_TENSE_AUX = frozenset({"have", "be", "will", "would", "must", "should", "can", "could", "may", "might", "shall"})


def _last_clause(cue: Token, no_inside: list[bool]) -> tuple[Token, Token] | None:
    """In an intro of joined clauses, each with its own subject, the colon introduces the
    last one's words: ``Charis Tasioulis summarized the event's sessions, and Petros
    Amiridis shared yet another insight:`` -> Amiridis, though only "summarized" is a cue."""
    later = [c for c in cue.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > cue.i]
    if not later:
        return None
    verb = later[-1]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or no_inside[verb.i] or not (subject.pos_ == "PROPN" or subject.ent_type_ in _NAMED):
        # ("Smith summarized the sessions and shared an insight:" is Smith's; so are "Activist
        # Wael Abbas wrote on Facebook, and thousands of users shared his post:" and "Kemal
        # Ozturk said the vote had been rigged, and police later arrested him:": only a named
        # subject takes the quotation from the first one)
        return None
    if any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() in _TENSE_AUX for c in verb.children):
        # "Union leader Joe Blake said workers were angry, and Prime Minister Ali Khan must
        # listen:" goes on with what Blake said
        return None
    speaker = speaker_token(verb, no_inside)
    if speaker is None or not plausible_speaker(speaker):
        return None
    return verb, speaker


def _addressee(token: Token) -> bool:
    """Whom a cue is addressed to ("told parliament", "told reporters"), not what it says."""
    if token.lemma_.lower() in DOCUMENT_NOUNS or token.lower_ in DOCUMENT_NOUNS:
        return False  # "denies the reports"
    return (
        token.pos_ in ("PROPN", "PRON")
        or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or plausible_speaker(token)
    )


def _last_stance(sent: Span, no_inside: list[bool]) -> tuple[Token | None, Token | None]:
    """The verb of judgement in a relative clause that ends an intro, and its own subject:
    ``the group immediately gathered at the courthouse where Mehmet Karlı criticized the
    proceedings [tr]:`` (Karlı, not the group), ``Some of his supporters are
    predictable, like Ivan Bolshakov, …, who faulted [ru] critics for taking Yavlinsky's words
    out of context:`` (Bolshakov)."""
    for token in reversed(sent):
        if token.pos_ not in ("VERB", "AUX") or no_inside[token.i]:
            continue
        if token.dep_ != "relcl" or token.lemma_.lower() not in _GOVERNING:
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                return None, None  # a later clause has its own subject ("…, Bahama Republic sees it fit …")
            continue
        subject = speaker_token(token, no_inside)
        if subject is not None and plausible_speaker(subject) and subject.pos_ != "PRON":
            return token, subject
        return None, None
    return None, None


def _written_by(cue: Token) -> Token | None:
    """The author of the writing an intro passes on: ``Another blogger … shared an article
    written by Al Mariam Zelalem on his wall:``, ``She posted a poem by Mahmoud Darwish:``
    — the set-off text is the author's, not the sharer's."""
    work = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if work is None or work.lemma_.lower() not in WRITINGS:
        return None
    bys = [g for c in work.children if c.dep_ == "acl" for g in c.children if g.dep_ == "agent"]
    bys += [c for c in list(work.children) + list(cue.children) if c.dep_ == "prep" and c.lower_ == "by"]
    for by in bys:
        name = next((g for g in by.children if g.dep_ == "pobj"), None)
        if name is not None and name.ent_type_ in ("PERSON", "ORG") and name.pos_ == "PROPN":
            return name
    return None


def _interviewed(verb: Token) -> Token | None:
    """Who speaks in the interview an intro passes on: ``The webpage of the Garrahan hospital
    posted an interview with the Provincial Minister of Health, Alejandro Collia:`` -> Collia."""
    work = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if (
        verb.pos_ != "VERB"
        or verb.lemma_.lower() not in _PUBLISHING
        or work is None
        or work.lemma_.lower() not in _TALKS
    ):
        return None  # (not "Zelensky did an interview with Fox News:", where Zelensky speaks)
    with_ = next((c for c in work.children if c.dep_ == "prep" and c.lower_ == "with"), None)
    guest = next((g for g in with_.children if g.dep_ == "pobj"), None) if with_ is not None else None
    if guest is None:
        return None
    guest = next((a for a in guest.children if a.dep_ == "appos" and a.pos_ == "PROPN"), guest)
    return guest if plausible_speaker(guest) else None


# what a lead passes on in which someone else speaks: "an interview with X"
_TALKS = frozenset({"interview", "conversation", "chat", "q&a"})
_PUBLISHING = frozenset("post publish air run share broadcast release carry print feature".split())


def _bracketed_handle_at_end(sent: Span) -> Token | None:
    if _HANDLE_BEFORE_COLON.search(sent.text) is None:
        return None
    return next((t for t in reversed(sent) if t.text.startswith("@") and len(t.text) > 1), None)


# A letter's salutation, its own paragraph: "Dear President Obama:", "Dear Minister,".
_SALUTATION = re.compile(r"[ \t]*Dear [^\n:,]{1,60}[:,][ \t]*\n*")
# (a language tag may follow the handle: "like Itzel Chavez (@itzelch_07) [es]:")
_HANDLE_BEFORE_COLON = re.compile(r"\(\s*@\w{1,30}\s*\)\s*(?:\[[a-z]{2}(?:-[A-Za-z]{2})?\]\s*)?:\s*$")


def _introduces(text: str, lo: int, hi: int) -> bool:
    """The paragraph ends in a colon that introduces what follows; ``(:`` is a smiley
    closing a tweet (``… a human catastrophe #YemenFoodCrisis (:``), not a colon."""
    body = text[lo:hi].rstrip()
    return body.endswith(":") and not body[:-1].rstrip().endswith("(")


def _marked_share(spans: list[QuoteSpan], lo: int, hi: int) -> float:
    """How much of ``[lo, hi)`` marked quotes cover. A blogger's paragraph quoting a few
    words (``Searches for "Wang Lijun" remain uncensored``), or a sentence of someone else
    (``… and said, "Around 1 million children are food insecure."``), is still a set-off
    quotation; a paragraph that is one marked quote is not."""
    covered = sum(max(0, min(s.closed, hi) - max(s.opened, lo)) for s in spans)
    return covered / max(hi - lo, 1)


def _names_after_marks(text: str, spans: list[QuoteSpan], lo: int, hi: int) -> bool:
    """After the last quotation in ``[lo, hi)`` a capitalised word says whose words they are:
    ``@bob_k: "I am not a crook." Nixon, 1973.``"""
    closes = [s.closed for s in spans if lo <= s.opened < hi]
    rest = text[max(closes) : hi] if closes else ""
    return any(w[:1].isupper() for w in re.findall(r"(?<![#@\w])[^\W\d_][\w'-]*", rest))


def _first_closer(text: str, lo: int, hi: int) -> int:
    """The set-off quotation ends at a stray closing mark: ``I have ordered the stay
    revoked." "An order of stay is …`` -> ``I have ordered the stay revoked.``."""
    for i in range(lo, hi):
        if text[i] in MARKS:
            if closes_first(text, lo, hi):
                end = i
                while end > lo and text[end - 1] in " \t":
                    end -= 1
                return end if end > lo else hi
            break
    return hi


def _tweet_handle(doc: Doc, text: str, lo: int, hi: int) -> Token | None:
    """``@hamza101: Gilani is not just in contempt of court …``: a paragraph that opens with
    a handle and a colon is a quoted tweet, said by that handle (the token)."""
    if not _HANDLE.match(text, lo, hi):
        shown = _display_name(doc, text, lo, hi)
        if shown is None:
            return None
        lo = shown  # "Raul Gonzalez @Raulexio: #Bankia Hands up, this is a hold-up!!!!!"
    for token in doc[_token_at(doc, lo) :]:
        if token.idx >= hi:
            break
        if token.text.startswith("@"):
            return token
    return None


def _display_name(doc: Doc, text: str, lo: int, hi: int) -> int | None:
    """Where the handle starts after the display name a quoted tweet may open with, as the
    site shows it: ``LoveWillTearUsAznar @lwtuaznar: Selling track suits …``, ``Joan Baldoví
    i Roda @joanbaldovi: Health+education budget …``. A name of one to five words with no
    verb, comma or colon in it; None when the paragraph opens otherwise."""
    match = _DISPLAY.match(text, lo, hi)
    if match is None:
        return None
    words = [t for t in doc[_token_at(doc, lo) : _token_at(doc, match.end(1))] if not t.is_space]
    if not 1 <= len(words) <= 5 or any(t.pos_ in ("VERB", "AUX") or t.is_punct and t.text != "." for t in words):
        return None
    return match.end()


def _named_line(doc: Doc, text: str, lo: int, hi: int) -> Token | None:
    """``> Ed Dalisay: China has a bigger problem at home.``: a blockquote that opens with a
    name of one to four capitalised words and a colon is that person's comment (the name's
    last token); not "Update:" or "Editor's note:", which are no names."""
    match = _NAME_COLON.match(text, lo, hi)
    if match is None:
        return None
    k = _token_at(doc, lo)
    name = [t for t in doc[k : _token_at(doc, match.end(1))] if t.idx < match.end(1)]
    if len(name) == 1 and initials_defined(text, name[0].text):
        return name[0]  # "MK: …" after "Mark Kaigwa (MK): …", whatever the tagger made of "MK"
    if not name or not all(t.pos_ == "PROPN" or t.ent_type_ == "PERSON" for t in name):
        return None
    return name[-1]


def _speaking_parts(doc: Doc, text: str, spans: Sequence[tuple[int, int]]) -> dict[int, Token]:
    """Paragraphs of a dialogue or a list of comments, set down as plain text: ``Karimdjanov:
    Look, she is drinking beer.`` / ``Policewoman: I have a praznik`` / ``Karimdjanov: But
    you are on duty…``, or ``Miko Lucena: Call it desperate …`` / ``Ed Dalisay: China has a
    bigger problem at home.`` Without a blockquote's mark, a name and a colon open a quotation
    only where the article does it twice or more, each name a person's or one that speaks
    more than once ("Update:" or "Price:" once is a label). Returns each such paragraph's
    name (its last token), by paragraph index."""
    named: dict[int, Token] = {}
    for n, (lo, hi) in enumerate(spans):
        if set_off_start(text, lo, hi) is not None:
            continue
        name = _named_line(doc, text, lo, hi)
        if name is not None:
            named[n] = name
    labels = {n: text[spans[n][0] : name.idx + len(name.text)] for n, name in named.items()}
    for n in named:
        match = _NAME_COLON.match(text, *spans[n])
        if match is not None and match.group(2):
            labels[n] = match.group(2)  # "Mark Kaigwa (MK): …" and "MK: …" are one speaker's turns
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    speaking = {
        n: name
        for n, name in named.items()
        if counts[labels[n]] > 1 or doc[_token_at(doc, spans[n][0])].ent_type_ == "PERSON"
    }
    return speaking if len(speaking) > 1 else {}


def _after_name(text: str, name: Token) -> int:
    colon = text.index(":", name.idx + len(name.text))
    return colon + 1 + len(text[colon + 1 :]) - len(text[colon + 1 :].lstrip(" \t"))


def _after_handles(text: str, lo: int, hi: int) -> int:
    """Where a tweet's text starts after its handle and any reply-to handles:
    ``@imatambo: @munshyamunshya: are the judges …``, ``@munshyamunshya: @imatambo No, …``."""
    pos = lo
    while True:
        match = _HANDLE.match(text, pos, hi) or _REPLY.match(text, pos, hi)
        if match is None:
            return pos
        pos = match.end()


def _token_starts(doc: Doc) -> list[int]:
    """Each token's character offset, computed once per document (every look-up by
    offset bisects it: per paragraph, per quote, per candidate cue)."""
    starts = doc.user_data.get("newsreader_token_starts")
    if starts is None:
        starts = doc.user_data["newsreader_token_starts"] = [t.idx for t in doc]
    return starts


def _token_at(doc: Doc, char: int) -> int:
    k = bisect.bisect_left(_token_starts(doc), char)
    return min(k, len(doc))


_NOUN_VERBS = frozenset(
    {"tweet", "comment", "post", "blog", "note", "write", "say", "add", "reply", "answer", "state", "read"}
)


def _handle_name(text: str, token: Token) -> tuple[int, int] | None:
    """The whole handle a quoted post opens with, a Weibo name of two words too: "@Rom
    Senakant" in ``@Rom Senakant: sad group of people …`` (the token is "@Rom"); with the
    display name before it, when the post shows one (``Raul Gonzalez @Raulexio: …``)."""
    match = _HANDLE.match(text, token.idx) if token.text.startswith("@") else None
    if match is None:
        return None
    line = text.rfind("\n", 0, token.idx) + 1
    line = set_off_start(text, line, match.end()) or line  # (after a blockquote's "> ")
    shown = _DISPLAY.match(text, line, match.end())
    return (line if shown is not None and shown.end() == token.idx else match.start()), match.end("name")


# a handle and its colon; a Weibo name may have two words, a link's language tag, and a
# full-width colon: "@hamza101: …", "@Zhao Chu [zh]: Beijing Daily is a joke.", "@毛聊：Al Jazeera …"
_HANDLE = re.compile(
    r"(?P<name>@\w{1,30}(?:[ \t][A-Z]\w{0,30})?)(?:[ \t]*\[[a-z]{2}(?:-[A-Za-z]{2})?\])?\s*[:\uff1a]\s*"
)
# a display name and the handle after it: "Raul Gonzalez @Raulexio: …" (group 1 the name)
_DISPLAY = re.compile(r"([^\s:@,>][^:@,\n]{0,40}?)[ \t]+(?=@\w{1,30}[ \t]*[:\uff1a])")
# an editor's label opening a paragraph: "UPDATE:", "Update (May 4):", "Editor's note:"
_EDITORS_LABEL = re.compile(
    r"[ \t]*(?:update[sd]?|editor['\u2019]s note|note|correction|clarification|disclaimer)\b[^:\n]{0,30}:",
    re.IGNORECASE,
)
# (an interview's first turns give each speaker's initials: "Mark Kaigwa (MK): I started …")
_NAME_COLON = re.compile(r"([A-Z][\w'.\-]*(?:[ \t]+[A-Z][\w'.\-]*){0,3})(?:[ \t]+\(([A-Z]{2,5})\))?:[ \t]+(?=\S)")
_REPLY = re.compile(r"@\w{1,30}\s+(?=\S)")


def _term(text: str, span: QuoteSpan) -> Term:
    return Term(start=span.start, end=span.end, text=text[span.start : span.end])


def _headline(text: str, span: QuoteSpan) -> bool:
    """A quoted title in headline case: ``the slogan "A CPP Win Means the Whole of Cambodia
    Wins"``: four words or more, every word capitalised but short function words, no
    sentence-ending stop."""
    words = text[span.start : span.end].split()
    if len(words) < 4 or text[span.start : span.end].rstrip()[-1:] in ".!?":
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _TITLE_SMALL for w in words)


_TITLE_SMALL = frozenset("a an and as at but by for from in into of on or the to with vs".split())


def _few_words(text: str, span: QuoteSpan) -> bool:
    return span.words(text) <= _SHORT_WORDS


def _embedded(text: str, span: QuoteSpan, sents: list[Span], sent_starts: list[int]) -> bool:
    """True when the quote sits inside the reporter's own sentence (mixed quote, scare quote)
    rather than standing as its own utterance.

    Stand-alone: the quote opens its sentence or paragraph (``"We will win," she said.``),
    follows a colon (``She had a warning: "Don't count on it."``), or opens with a capital
    right after a cue and its comma (``She said, "We will win."``). Embedded: anything else
    (``The mayor, who called the deal "a win for everyone", left early.``).
    """
    prefix = _prefix(text, span, sents, sent_starts)
    if not prefix or prefix[-1] in ":\u2014\u2013" or prefix[-1] in MARKS:
        return False
    body = text[span.start : span.end].lstrip("\u2026.[( '\u2018")
    capital = body[:1].isupper()
    if capital and (prefix[-1] == "," or prefix.split()[-1].lower() in _CONJUNCTIONS) and _cue_follows(text, span):
        return False  # "Khut Samphors saw the demonstration, but "I didn't participate," she told VOA."
    if prefix[-1] == "," and _cue_follows(text, span):
        return False  # 'Even though …, "no model creator has actually tried …," Lemley wrote'
    before = prefix[:-1].split()
    if (
        prefix[-1] == ","
        and before
        and before[-1].lower() in _CUE_WORDS
        and span.words(text) >= _SHORT_WORDS
        and _ends_sentence(text, span)
    ):
        return False  # 'Even so, he added, "good luck enforcing that against a Chinese company."'

    if prefix[-1] == ",":
        return not capital
    last = prefix.split()[-1].lower().strip(".,;")
    if last.endswith("ing"):  # 'noting "Mr. Patel knows it …"', not 'a page saying "…" message'
        return not (capital and last in _CUE_WORDS and _ends_sentence(text, span))
    return not (capital and last in _CUE_WORDS)


_CONJUNCTIONS = frozenset({"but", "and", "or", "yet", "so"})


def _ends_sentence(text: str, span: QuoteSpan) -> bool:
    """Nothing but punctuation follows the closing mark up to the paragraph's end or the
    next sentence."""
    rest = text[span.closed : span.closed + 200]
    stop = re.search(r"\n|[.!?]\s+[A-Z\u201c\"]", rest)
    tail = rest[: stop.start() + 1] if stop else rest
    return not tail.strip(' .!?,;\u201d"\n')


def _cue_follows(text: str, span: QuoteSpan) -> bool:
    """The quote ends in a comma, question or exclamation mark inside its marks and a cue
    follows within a few words (``"…," she told VOA``): it is what the cue says, whatever
    the sentence said before it."""
    body = text[span.start : span.end].rstrip()
    if not body or body[-1] not in ",?!":
        return False
    after = text[span.closed + 1 : span.closed + 60].split()[:4]
    return any(word.lower().strip(".,;") in _CUE_WORDS for word in after)


def _named_as(text: str, span: QuoteSpan, words: frozenset[str] | None = None) -> bool:
    """The quoted words are a title the sentence gives: ``In a post entitled "A brave lady
    Speaks out about the CIA Drone Strikes", Yemeni blogger Afrah Nasser …`` (or a slogan,
    a hashtag: ``_TITLING``; ``words`` narrows the naming words)."""
    before = text[max(0, span.opened - 20) : span.opened].split()
    return bool(before) and before[-1].lower().strip(",:") in (words or _TITLING)


# Titles are titles even when the sentence names their writer ('In a post titled "Why we
# march", activist Sara Lee argues …'); a slogan or hashtag only when nobody is quoted.
_TITLED = frozenset({"entitled", "titled", "headlined", "captioned"})
_TITLING = _TITLED | {"headline", "slogan", "hashtag"}
# Before a quoted word the sentence mentions, not uses (not "words": 'his last words "I love you"')
# (not "meaning": 'meaning "we will not leave"' translates someone's words)
_AS_A_WORD = frozenset({"word", "term", "phrase", "expression", "so-called"})
# Works whose name may follow them in quote marks: 'her post "I failed"'
_WORKS = frozenset(
    "post page blog column article essay book novel film documentary song album programme "
    "initiative campaign petition headline".split()
)


def _work_named(text: str, span: QuoteSpan) -> bool:
    """A capitalised name right after a work: 'in its post "Equality for few", the blog
    says …' — but not what a cue just before the work gives: 'wrote in a post "We will
    fight this in court,"', 'told the programme "I regret nothing."'."""
    if not _named_as(text, span, _WORKS) or not text[span.start : span.start + 1].isupper():
        return False
    before = text[max(0, span.opened - 40) : span.opened].lower().split()[-5:-1]
    return not any(w.strip(",.;:") in _CUE_WORDS for w in before)


def _known_as(text: str, span: QuoteSpan) -> bool:
    """``a new federal law known as "For an unconditional basic income"``."""
    return text[max(0, span.opened - 12) : span.opened].lower().split()[-2:] == ["known", "as"]


def _after_word(text: str, span: QuoteSpan, sents: list[Span], sent_starts: list[int]) -> bool:
    """The opening mark follows a word of the same sentence: ``told "Morning Roundup."``."""
    prefix = _prefix(text, span, sents, sent_starts)
    return bool(prefix) and prefix[-1].isalnum()


def _prefix(text: str, span: QuoteSpan, sents: list[Span], sent_starts: list[int]) -> str:
    """What the quote's sentence (within its paragraph) says before the opening mark."""
    k = bisect.bisect_right(sent_starts, span.opened) - 1
    lo = max(sents[k].start_char if k >= 0 else 0, paragraphs(text).bounds(span.opened)[0])
    return text[lo : span.opened].rstrip()


# A capitalised quote right after one of these opens its own utterance: ``said "It's over."``
_CUE_WORDS = frozenset(
    "said says say told asked added wrote writes stated declared replied tweeted posted noted "
    "explained warned insisted argued announced read reads continued concluded "
    "saying adding noting writing telling asking arguing warning explaining insisting".split()
)


# -- direct quotes ------------------------------------------------------------


def _inside_quotes(doc: Doc, spans: list[QuoteSpan]) -> list[bool]:
    inside = [False] * len(doc)
    k = 0
    for token in doc:
        while k < len(spans) and spans[k].closed <= token.idx:
            k += 1
        if k < len(spans) and spans[k].opened <= token.idx < spans[k].closed:
            inside[token.i] = True
    return inside


def _is_short(text: str, span: QuoteSpan) -> bool:
    body = text[span.start : span.end].rstrip()
    return span.words(text) <= _SHORT_WORDS and not (body and body[-1] in _END_PUNCT)


def _direct(
    doc: Doc,
    span_text: str,
    span: QuoteSpan,
    inside: list[bool],
    sents: list[Span],
    sent_starts: list[int],
    token_starts: list[int],
    reported: list[Attribution],
    earlier: list[Attribution],
) -> Attribution:
    text = span_text
    record = Attribution(start=span.start, end=span.end, direct=True)
    if _is_short(text, span):
        return _scare(doc, span, record, inside, token_starts, reported)
    paras = paragraphs(text)
    first_para_end = paras.bounds(span.opened)[1]
    near = sentences_between(sents, sent_starts, span.opened, span.closed)
    near = [s for s in near if s.start_char < first_para_end or s.end_char >= span.end]
    cue, speaker = _nearest_cue(near, span, inside)
    if cue is None:
        before = sentences_between(sents, sent_starts, span.opened - 1, span.opened)
        previous = [
            s for s in before if s.end_char <= span.opened and text[s.start_char : span.opened].rstrip().endswith(":")
        ]
        cue, speaker = _nearest_cue(previous, span, inside)
    if cue is None:
        cue, speaker = _nearest_cue(_tail_after(text, span, sents, sent_starts), span, inside)
    if cue is None:
        cue, speaker = _colon_intro(doc, text, span, inside)
    if cue is None and text[span.end - 1 : span.end] == "," and span.closed >= paras.bounds(span.opened)[1]:
        # "…, we don't let this thing fall back down the hole again," / "William Fallon said."
        following = sentences_between(sents, sent_starts, span.closed + 1, span.closed + 2)
        cue, speaker = _nearest_cue(following[:1], span, inside)
    if cue is not None and speaker is not None:
        record.cue = cue_span(cue)
        record.speaker = speaker
        record.speaker_span = phrase(speaker)
        return record
    return _continued(text, span, record, earlier + [r for r in reported if r.end <= span.opened])


def _colon_intro(doc: Doc, text: str, span: QuoteSpan, inside: list[bool]) -> tuple[Token | None, Token | None]:
    """``The mayor had a warning: "Don't count on it."`` / ``Okafor was blunt: "We will
    rebuild."``: a quotation its own sentence introduces with a colon, whatever the verb,
    is said by that verb's subject when the subject can speak ("Three things matter:" or
    "The question is simple:" name nobody)."""
    if title_cased(text[span.start : span.end]):
        return None, None  # 'the most ubiquitous: "A CPP Win Means the Whole of Cambodia Wins"': a slogan
    colon = span.opened
    while colon > 0 and text[colon - 1] in " \t":
        colon -= 1
    if colon == 0 or text[colon - 1] not in ":\uff1a":
        return None, None
    k = _token_at(doc, colon - 1)
    if k >= len(doc) or doc[k].idx != colon - 1:
        return None, None
    lo = sentence_of(doc[k]).start
    # the intro's own head: the verb before the colon that hangs on nothing before the colon
    # (the parser may hang it on the quotation: "Okafor was blunt:" -> "was" under "rebuild")
    verb = next(
        (t for t in doc[lo:k] if (t.head.i == t.i or not lo <= t.head.i < k) and t.pos_ in ("VERB", "AUX")),
        None,
    )
    if verb is None or inside[verb.i] or not (is_cue(verb) or verb.lemma_.lower() in _INTRO_VERBS):
        return None, None  # "Police found a note at the scene:" / "Smith received a text from his brother:"
    if any(t.lower_ in ("from", "by") and t.dep_ in ("prep", "agent") for t in doc[verb.i : k]):
        return None, None  # "Okafor had a message from her brother:": whose words, the intro says
    subject = speaker_token(verb, inside)
    if subject is None or subject.i >= k or not plausible_speaker(subject) or subject.lemma_.lower() in _NOT_WRITERS:
        return None, None
    return verb, subject


# Verbs that introduce what their subject says when a colon follows: "Okafor was blunt:", "The
# mayor had a warning:", "She put it bluntly:", "He gave a warning:".
_INTRO_VERBS = frozenset({"be", "have", "put", "give", "issue", "offer", "sound", "deliver"})

# Verbs that answer a quotation rather than say it: "Critics disagree.", "Smith denied."
_REACTIONS = frozenset({"agree", "disagree", "deny", "dispute", "doubt", "reject", "refute", "contest", "question"})


def _tail_after(text: str, span: QuoteSpan, sents: list[Span], sent_starts: list[int]) -> list[Span]:
    """``"Who pays for this?" the mayor asked.``: after a question or an exclamation the
    parser ends the sentence at the closing mark, and the attribution is a sentence of its
    own. A sentence never opens in lower case, so one that does right after the mark
    continues the quote's."""
    after = span.closed + 1
    following = sentences_between(sents, sent_starts, after, after + 1)
    if not following or text[after : following[0].start_char].strip():
        return []
    first = following[0].text.lstrip()
    end = text[span.end - 1 : span.end]
    if end in ("?", "!") and first[:1].islower():
        return following[:1]
    if "\n" in text[span.closed : following[0].start_char]:
        return []  # a new paragraph is never the attribution of the one before
    return following[:1] if end in ("?", "!", ".") and _bare_attribution(following[0]) else []


def _bare_attribution(sent: Span) -> bool:
    """``"Glad gold is safe!" Mnuchin tweeted after the visit.`` / ``"Who is confirming that
    gold wasn't stolen?" Musk posted on X on Feb. 17.`` / ``"We will rebuild." A spokeswoman
    for the ministry said.``: a sentence after a quotation that ends a sentence is its
    attribution when it is nothing else, a speaker and a cue that says nothing of its own
    (no clause, no object): "Critics say the city will pay." is a statement of its own."""
    root = sent.root
    if root.lemma_.lower() in _REACTIONS:
        return False  # '"It is a waste of money." Critics agree.' answers the quote; they did not say it
    if not is_cue(root) or any(
        c.dep_ in ("ccomp", "xcomp", "dative") or (c.dep_ == "dobj" and not _addressee(c)) for c in root.children
    ):
        return False  # (whom it was said to is no content: "Smith asked the council.")
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < root.i), None)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN") or not plausible_speaker(subject):
        return False
    start = next(t.i for t in sent if not (t.is_space or t.is_punct))
    return subject.left_edge.i == start


def _nearest_cue(sents: list[Span], span: QuoteSpan, inside: list[bool]) -> tuple[Token | None, Token | None]:
    options = []
    for sent in sents:
        for token in sent:
            if inside[token.i]:
                continue
            if token.lower_ in ACCORDING:
                speaker = according_source(token)
            elif token.pos_ == "NOUN" and (holder := view_holder(token)) is not None and holder.pos_ != "PRON":
                # 'was, in the opinion of the journalist Rodrigo Vianna "a lesson …"'; "in his
                # opinion" inside a cue's sentence leaves the speaker to the cue
                speaker = holder
            elif is_cue(token) or _governs(token, span, inside):
                speaker = speaker_token(token, inside)
            else:
                continue
            if speaker is None or inside[speaker.i] or not plausible_speaker(speaker):
                continue
            if token.idx >= span.closed:
                distance = token.idx - span.closed
            else:
                distance = max(span.opened - (token.idx + len(token.text)), 0) + 1
            options.append((distance, token.i, token, speaker))
    if not options:
        return None, None
    best = min(options, key=lambda o: (o[0], o[1]))
    return best[2], best[3]


def _governs(token: Token, span: QuoteSpan, inside: list[bool]) -> bool:
    """A verb of thought or judgement whose object the quoted words are: ``Edward Hutcheson
    wonders "what the nation would look like now …"``, ``Ouk Dalin believes "the livelihood of
    the workers will actually get better."`` — the words are the subject's, though "wonder"
    and "believe" introduce no direct quote on their own."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in _GOVERNING or span.start <= token.idx:
        return False  # the quoted words follow the verb that governs them
    doc = token.doc
    k = _token_at(doc, span.start)
    if k >= len(doc) or not inside[k]:
        return False
    return any(a.i == token.i for a in doc[k].ancestors)


_GOVERNING = CLAUSE_LEMMAS | OBJECT_LEMMAS


def _continued(text: str, span: QuoteSpan, record: Attribution, earlier: list[Attribution]) -> Attribution:
    """A quote with no cue of its own continues the latest attribution before it.

    Only within its paragraph, or from the previous paragraph when the quote opens
    its paragraph: ``"…," said Chávez. "And why? Because of our time."``
    """
    paras = paragraphs(text)
    para_start, para_end = paras.bounds(span.opened)
    body = set_off_start(text, para_start, para_end)  # a blockquote's "> " is no words
    opens_paragraph = not text[body if body is not None else para_start : span.opened].strip()
    previous = _before_headings(text, span.opened)
    floor = previous[0] if (opens_paragraph and previous is not None) else para_start
    _follow(record, earlier, span.opened, floor)
    return record


def _follow(record: Attribution, earlier: list[Attribution], before: int, floor: int) -> None:
    """``record`` takes the speaker of the latest attribution in ``earlier`` that starts before
    ``before`` and reaches ``floor`` (:func:`_reach`), if any, as a continuation with no cue."""
    candidates = [
        r for r in earlier if r is not record and r.speaker is not None and r.start < before and _reach(r) >= floor
    ]
    if candidates:
        prior = max(candidates, key=_reach)
        record.speaker, record.speaker_span, record.cue = prior.speaker, prior.speaker_span, None
        record.inherited = True


def _reach(record: Attribution) -> int:
    """The later of a spoken-for quote's end and its speaker's offset."""
    assert record.speaker is not None
    return max(record.end, record.speaker.idx)


def _scare(
    doc: Doc,
    span: QuoteSpan,
    record: Attribution,
    inside: list[bool],
    token_starts: list[int],
    reported: list[Attribution],
) -> Attribution:
    for other in reported:
        if other.start <= span.opened and span.closed <= other.end + 1:
            record.speaker, record.speaker_span, record.cue = other.speaker, other.speaker_span, other.cue
            return record
    k = bisect.bisect_left(token_starts, span.start)
    if k >= len(doc):
        return record
    token = doc[k]
    for ancestor in token.ancestors:
        if inside[ancestor.i]:
            continue
        if is_cue(ancestor) or (ancestor.pos_ == "VERB" and ancestor.lemma_.lower() in _GOVERNING):
            speaker = speaker_token(ancestor, inside)
            if speaker is not None and not inside[speaker.i]:
                record.cue, record.speaker, record.speaker_span = cue_span(ancestor), speaker, phrase(speaker)
            break
    return record


# -- assembly -------------------------------------------------------------------


def _assemble(
    doc: Doc, text: str, records: list[Attribution], drafts: list[SourceDraft], assigned: list[SourceDraft | None]
) -> tuple[list[Quote], list[Source], list[Claim]]:
    # sources that speak, numbered by first speaking mention
    speaking = {id(d) for d in assigned if d is not None}
    first: dict[int, int] = {}
    for record, draft in zip(records, assigned):
        if draft is not None and record.speaker_span is not None:
            first[id(draft)] = min(first.get(id(draft), 1 << 60), record.speaker_span[0])
    ordered = sorted((d for d in drafts if id(d) in speaking), key=lambda d: (first[id(d)], d.key))
    source_id = {id(d): f"s{i}" for i, d in enumerate(ordered, 1)}

    order = sorted(range(len(records)), key=lambda k: (records[k].start, records[k].end, records[k].direct))
    quote_id: dict[int, str] = {}
    quotes: list[Quote] = []
    for n, k in enumerate(order, 1):
        r, draft = records[k], assigned[k]
        qid = f"q{n}"
        quote_id[k] = qid
        speaker = None
        if r.speaker_span is not None:
            s, e = r.speaker_span
            if r.speaker is not None and s <= r.speaker.idx < e:
                s, e = joint_speakers(r.speaker, (s, e))
            speaker = Speaker(text=text[s:e], start=s, end=e, source_id=source_id.get(id(draft)) if draft else None)
        cue = Cue(text=text[r.cue[0] : r.cue[1]], start=r.cue[0], end=r.cue[1]) if r.cue else None
        quotes.append(
            Quote(
                id=qid,
                start=r.start,
                end=r.end,
                text=text[r.start : r.end],
                direct=r.direct,
                speaker=speaker,
                cue=cue,
                mixed=r.mixed,
                statement=Statement(r.statement[0], r.statement[1], text[r.statement[0] : r.statement[1]])
                if r.statement
                else None,
            )
        )

    grouped = group_claims(doc, text, [(r.start, r.end) for r in records])
    items: list[tuple[int, int, str | None, str | None, tuple[str, ...]]] = []
    for g in grouped:
        keys = sorted(g.quote_keys, key=lambda k: int(quote_id[k][1:]))
        lead = next((k for k in keys if assigned[k] is not None), None)
        sid = source_id.get(id(assigned[lead])) if lead is not None else None
        claim_cue = None
        if lead is not None:
            lead_cue = next((records[k].cue for k in keys if assigned[k] is assigned[lead] and records[k].cue), None)
            claim_cue = text[lead_cue[0] : lead_cue[1]] if lead_cue else None
        items.append((g.start, g.end, sid, claim_cue, tuple(quote_id[k] for k in keys)))
    for lo, hi in outlet_claims(doc, text, [(g.start, g.end) for g in grouped]):
        items.append((lo, hi, None, None, ()))
    items.sort(key=lambda it: (it[0], it[1]))
    claims = [
        Claim(id=f"c{i}", start=lo, end=hi, text=text[lo:hi], source_id=sid, cue=cue, quote_ids=qids)
        for i, (lo, hi, sid, cue, qids) in enumerate(items, 1)
    ]

    sources = []
    for draft in ordered:
        sid = source_id[id(draft)]
        sources.append(
            Source(
                id=sid,
                name=draft.name,
                kind=draft.kind,
                description=draft.description,
                mentions=tuple(Mention(s, e) for s, e in sorted(draft.mentions)),
                quote_ids=tuple(q.id for q in quotes if q.speaker is not None and q.speaker.source_id == sid),
                claim_ids=tuple(c.id for c in claims if c.source_id == sid),
            )
        )
    return quotes, sources, claims
