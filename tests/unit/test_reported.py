"""Indirect (reported) speech from the dependency parse (reported.py)."""

from __future__ import annotations

import pytest

from ._attribution_helpers import cued, parse, reported, source_of


def only_reported(text: str):
    doc = parse(text)
    found = reported(doc)
    assert len(found) == 1, [q.text for q in found]
    return doc, found[0]


def test_said_that():
    # reference: A senior defense official said Tuesday that not all of the remaining $5.6 billion ...
    doc, q = only_reported(
        "A senior defense official said Tuesday that not all of the remaining $5.6 billion may be used in time."
    )
    assert q.text == "not all of the remaining $5.6 billion may be used in time"
    assert q.cue.text == "said"
    assert q.speaker.text == "A senior defense official"


def test_said_without_that():
    doc, q = only_reported(
        "Ukraine's commander-in-chief Oleksandr Syrsky said Russia has used North Korean troops in Kursk."
    )
    assert q.text == "Russia has used North Korean troops in Kursk"
    assert source_of(doc, q).name == "Oleksandr Syrsky"


def test_claimed_in_coordination_takes_the_subject_of_the_first_verb():
    # reference: Trump has repeatedly criticized US assistance to Ukraine and claimed he could secure a ceasefire ...
    doc = parse(
        "Donald Trump has repeatedly criticized US assistance to Ukraine and claimed he could secure a ceasefire within hours."
    )
    criticized, q = sorted(reported(doc), key=lambda r: r.start)  # a noun phrase is content too (issue 21)
    assert criticized.text == "US assistance to Ukraine" and criticized.cue.text == "criticized"
    assert q.text == "he could secure a ceasefire within hours"
    assert q.cue.text == "claimed"
    assert source_of(doc, q).name == "Donald Trump"


def test_posted_claiming():
    # reference: Zelensky also posted footage on X claiming to show North Korean soldiers on the battlefield.
    doc, q = only_reported(
        "Ukrainian President Volodymyr Zelensky also posted footage on X claiming to show North Korean soldiers on the battlefield."
    )
    assert q.text == "to show North Korean soldiers on the battlefield"
    assert source_of(doc, q).name == "Volodymyr Zelensky"


def test_told_reuters():
    doc, q = only_reported("Foreign Minister Yang Jiechi told Reuters that Bush should not attend the ceremony.")
    assert q.text == "Bush should not attend the ceremony"
    assert q.cue.text == "told"


def test_according_to_at_the_start():
    doc, q = only_reported(
        "According to Hugo Chavez, the new time zone would allow school children to wake up with the sun."
    )
    assert q.text.startswith("the new time zone would allow")
    assert q.cue.text == "According to"
    assert source_of(doc, q).name == "Hugo Chavez"


def test_according_to_at_the_end():
    # 109: Thousands of civilians fled their homes ..., according to the U.N. peacekeeping mission there.
    doc, q = only_reported(
        "Thousands of civilians fled their homes on Saturday, according to the U.N. peacekeeping mission."
    )
    assert q.text == "Thousands of civilians fled their homes on Saturday"


def test_dateline_is_not_content():
    # reference: Kursk, Russia - North Korean forces have suffered ... casualties, a senior US military official claimed Tuesday.
    doc, q = only_reported(
        "Kursk, Russia - North Korean forces have suffered heavy casualties in Kursk, a senior US military official claimed Tuesday."
    )
    assert q.text.startswith("North Korean forces")


def test_outlet_comment_after_which_is_cut():
    doc, q = only_reported(
        "Trump claimed he could secure a ceasefire within hours, which has triggered fears about US aid."
    )
    assert q.text == "he could secure a ceasefire within hours"


def test_negated_cue_is_not_a_claim():
    # 128: Although he did not say how long a pause would be, ...
    doc = parse("Robert Gates did not say how long a pause would be.")
    assert reported(doc) == []


def test_direct_quote_is_not_also_reported():
    doc = parse('"Several hundred casualties is our latest estimate," the official said on condition of anonymity.')
    assert reported(doc) == []


def test_second_speaker_clause_is_cut():
    # 005: The U.S. military said nearly 70 suspected insurgents were killed, while local witnesses said that ...
    doc = parse(
        "The U.S. military said nearly 70 suspected insurgents were killed, while local witnesses said that at least 39 civilians died."
    )
    texts = sorted(q.text for q in reported(doc))
    assert texts == ["at least 39 civilians died", "nearly 70 suspected insurgents were killed"]


def test_as_reported_by_names_the_reporter():
    """``…, as reported by the Phnom Penh Post``: the Post reports, not the main clause's subject."""
    from newsreader.analysis.nlp import load_nlp
    from newsreader.analysis.speakers import speaker_token

    doc = load_nlp()("Rights activists have also raised the matter, as reported by the Phnom Penh Post.")
    cue = next(t for t in doc if t.lower_ == "reported")
    speaker = speaker_token(cue)
    assert speaker is not None and speaker.text == "Post"


def test_according_to_in_the_middle_reports_the_whole_sentence():
    """``The study does not change the landing site, according to Weber, because …``: the
    cue inside the content no longer vetoes it."""
    doc = parse(
        "The study does not change the choice of landing site, according to Weber, because "
        "nobody can predict where a moonquake will strike."
    )
    [quote] = cued(reported(doc), "according to")
    assert quote.text.startswith("The study does not change") and quote.speaker.text == "Weber"


def test_according_to_in_parentheses_vouches_for_the_phrase_before_it():
    """``around 20,000 protesters (according to the police, or more than 25,000 according to the
    organizers) rallied …``: each source vouches for its figure, not for the sentence."""
    doc = parse(
        "On Saturday, around 20,000 protesters (according to the police, or more than 25,000 "
        "according to the organizers) rallied in the city center."
    )
    found = {q.text: q.speaker.text for q in cued(reported(doc), "according to")}
    assert found == {"around 20,000 protesters": "the police", "more than 25,000": "the organizers"}


def test_one_statement_per_content_span():
    """``Dara said he was expected to join the party …``: "said" and the passive "was expected"
    report the same words; one statement, the speaker's."""
    doc = parse("Dara said he was expected to join the party when he began working as a teacher.")
    [quote] = reported(doc)
    assert quote.speaker is not None and quote.speaker.text == "Dara"


@pytest.mark.parametrize(
    ("text", "not_content"),
    [
        # VOA, South Asia: where he wrote, and when
        ('"We shall continue to do so in the future," Sharif wrote on X Monday.', "X Monday"),
        # Global Voices, Russia: the link's language and a date before the quotation
        (
            'Twitter user Lucius Aevus, for instance, wrote [ru] on April 24, "Buy weapons, stockpile ammunition."',
            "April 24",
        ),
        # Global Voices, South Korea: the link's language the parser took for the object
        ("Twitter user @badasok, referencing the questions, argued [ko]:\n\nKim said he would keep talking.", "ko"),
        # Global Voices, Mexico: whom they questioned, not what anyone said
        (
            "On Twitter, citizens condemned the killings, and some questioned President Calder\u00f3n.",
            "President Calder\u00f3n",
        ),
    ],
)
def test_a_when_a_where_a_whom_or_a_language_tag_is_no_content(text, not_content):
    doc = parse(text)
    assert not_content not in [q.text for q in reported(doc)]
    assert doc.quotes  # the sentence still reports or quotes something


def test_the_content_ends_before_a_conjunction_left_over():
    """Wikinews, Iran: in "… have not confirmed the reports that any of their servicemen and
    women would be released and British Prime Minister Tony Blair called …" the parser hangs
    the second clause's "and" on the reported one, whose content must not end with it."""
    doc = parse(
        "Officials in Britain have not confirmed the reports that any of their servicemen and women would be"
        ' released and British Prime Minister Tony Blair called the detention of the sailors "wrong and illegal."'
    )
    assert not [q.text for q in reported(doc) if q.text.endswith(" and")]
    assert "any of their servicemen and women would be released" in [q.text for q in reported(doc)]


def test_a_relative_clause_reports_what_follows_its_cue():
    """VOA, sanctions: "The startup … named two firms that it said were involved in the
    alleged scheme": the relative pronoun is the reported clause's subject, so the content
    is what follows "said", not nothing."""
    doc = parse("The startup named two firms that it said were involved in the alleged scheme.")
    [said] = cued(reported(doc), "said")
    assert said.text == "were involved in the alleged scheme"


@pytest.mark.parametrize(
    ("text", "cue", "content", "speaker"),
    [
        # VOA, sanctions: a free relative is the reported clause's subject, wherever the
        # parser hangs "say" (here under "break up", not as a relative clause)
        (
            "It was yet another move to break up what U.S. authorities say was an international scheme.",
            "say",
            "was an international scheme",
            "U.S. authorities",
        ),
        # VOA, Native Americans: the parser takes "say" for an auxiliary of "thrived"
        (
            "That's a shadow of the population that historians say thrived on the continent before colonization.",
            "say",
            "thrived on the continent before colonization",
            "historians",
        ),
    ],
)
def test_a_relative_clause_cue_reports_the_verb_after_it(text, cue, content, speaker):
    doc = parse(text)
    [found] = cued(reported(doc), cue)
    assert found.text == content
    assert found.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # VOA, South Asia
        (
            "Many analysts in South Asia see Trump's return to office as an opportunity for expanded cooperation.",
            "Trump's return to office as an opportunity for expanded cooperation",
        ),
        # VOA, tariffs
        (
            "The president sees tariffs as the key to recovering America's economic strength.",
            "tariffs as the key to recovering America's economic strength",
        ),
    ],
)
def test_what_a_source_sees_something_as_is_reported(text, content):
    """What a speaker takes something for ("see X as Y", "view X as Y") is their view,
    object and "as" phrase together."""
    doc = parse(text)
    assert [q.text for q in reported(doc)] == [content]


def test_seeing_without_as_reports_nothing():
    doc = parse("Residents saw smoke rising over the plant on Tuesday.")
    assert reported(doc) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        # VOA, North Korea talks: no "by", a noun subject: the whole view
        (
            "That consensus was seen as a positive step after the talks stalled.",
            "consensus was seen as a positive step after the talks stalled",  # (a leading "That" is dropped as a "that")
        ),
        # VOA, DeepSeek: a pronoun subject (and the parser's loose apposition): what it is taken for
        (
            "SEOUL \u2014 When the startup released its model this month, it was hailed as a breakthrough, a sign "
            "that Chinese companies could compete.",
            "a breakthrough, a sign that Chinese companies could compete",
        ),
        # Global Voices, Thailand: with "by": what it is taken for, said by them
        (
            "Thaksin's appeal for unity is interpreted by some people as betrayal to the cause of the Red Shirts.",
            "betrayal to the cause of the Red Shirts",
        ),
    ],
)
def test_what_something_is_seen_as_is_reported(text, content):
    doc = parse(text)
    assert [q.text for q in reported(doc)] == [content]


@pytest.mark.parametrize(
    "text",
    [
        "Pupils study what has become known as the scarf case.",  # a name
        "He reiterated it in what has been regarded as an escalation of his rhetoric.",  # the reporter's framing
        "The resignation will likely be seen as an indication that the crisis is deep.",  # a forecast
    ],
)
def test_a_name_a_framing_or_a_forecast_is_not_seen_as_anything(text):
    assert reported(parse(text)) == []


def test_charged_with_is_what_the_charge_says():
    """VOA, sanctions: "Postovoy was charged with conspiring to violate sanctions on Russia"."""
    doc = parse("Postovoy was charged with conspiring to violate sanctions on Russia and commit smuggling.")
    [charged] = reported(doc)
    assert charged.text == "conspiring to violate sanctions on Russia and commit smuggling"
    assert charged.speaker is None


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # VOA, China tariffs
        (
            "In Gunter's view, Trump may use the tariffs to force China to make more concessions on trade.",
            "Trump may use the tariffs to force China to make more concessions on trade",
            "Gunter",
        ),
        ("The deal is a bad one, in the senator's opinion.", "The deal is a bad one", "the senator"),
    ],
)
def test_in_someones_view_reports_the_rest_of_the_sentence(text, content, speaker):
    doc, quote = only_reported(text)
    assert quote.text == content
    assert quote.speaker.text == speaker


def test_in_my_opinion_is_the_writers_own():
    """Global Voices, Ukraine: a blogger's "In my opinion, this is a lousy excuse" is no report."""
    assert reported(parse("In my opinion, this is a lousy excuse.")) == []


def test_a_noun_cue_takes_a_clause_without_that():
    """VOA, Cambodia: "jailed on widely derided allegations it was fomenting an internationally
    backed plot" (the parser's acl, no "that")."""
    doc = parse(
        "Its leader Kem Sokha was jailed on widely derided allegations it was fomenting an internationally "
        "backed plot to overthrow the government."
    )
    [allegations] = cued(reported(doc), "allegations")
    assert allegations.text == "it was fomenting an internationally backed plot to overthrow the government"


def test_what_follows_a_noun_cues_content_belongs_to_it():
    """VOA, Ratcliffe: "Trump's allegations of nefarious activity by his opponent in the 2016
    election": the "by" and "in" phrases are part of what is alleged; the speaker stays the
    possessor."""
    doc = parse(
        "The assessment seemed to back Trump's allegations of nefarious activity by his opponent in the 2016 election."
    )
    [allegations] = cued(reported(doc), "allegations")
    assert allegations.text == "nefarious activity by his opponent in the 2016 election"
    assert allegations.speaker.text == "Trump"


def test_an_interposed_cue_with_the_clauses_subject_hung_on_it():
    """VOA, foreign policy: "However, the adviser, McKean said, has the ear of the president
    …". The parser makes both "adviser" and "McKean" subjects of "said"; the one next to the
    cue speaks, and the clause on both sides is what he said."""
    doc = parse(
        "However, the adviser, McKean said, has the ear of the president while the secretary of State is abroad."
    )
    [said] = cued(reported(doc), "said")
    assert said.speaker.text == "McKean"
    assert "the adviser" in said.text and "has the ear of the president" in said.text
