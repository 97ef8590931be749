"""Pen names: a blogger's name no dictionary has, which the parser takes for a word.

Global Voices quotes bloggers by their pen names ("Maxibeats", "Odessablogger", "nkhosi");
the small model tags them as nouns, adjectives or even adverbs, and a common noun cannot
speak, so the quotation they introduce had no speaker, or was no quotation at all
(issue 21). A word outside the model's dictionary (the lemmatizer's WordNet index) is
coined; as the subject, or as the first word the parser hung on a verb with no subject,
it names someone.
"""

from __future__ import annotations

import pytest

from newsreader.analysis.nlp import load_nlp
from newsreader.analysis.speakers import coined

from ._attribution_helpers import direct, parse, reported, source_of


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.mark.parametrize("word", ["Maxibeats", "Odessablogger", "nkhosi", "happydsf", "Wikileaks"])
def test_a_pen_name_is_coined(nlp, word):
    assert coined(nlp(f"{word} wrote about it.")[0])


@pytest.mark.parametrize(
    "word",
    # dictionary words, function words, words built with an English suffix, short words
    ["Evidence", "Blogger", "Those", "Among", "Radicalization", "Crowdfunding", "Unfriended", "Zxq"],
)
def test_a_dictionary_or_derived_word_is_not(nlp, word):
    assert not coined(nlp(f"{word} wrote about it.")[0])


def test_a_pen_name_the_parser_made_a_noun_introduces_a_set_off_quotation():
    """From e10 (Global Voices): "Maxibeats" was a plural noun, the intro named no one, and
    the set-off paragraph was no quotation."""
    doc = parse(
        "Maxibeats compiled statements from former playing colleagues:\n"
        "It is so sad but the truth of the matter is that our dear friend is dead.\n"
        "The funeral is on Friday."
    )
    quotes = direct(doc)
    assert [q.text for q in quotes] == ["It is so sad but the truth of the matter is that our dear friend is dead."]
    assert source_of(doc, quotes[0]).name == "Maxibeats"


def test_a_pen_name_the_parser_made_an_adverb_is_the_subject():
    """From m04 (Global Voices): "Odessablogger" hung on "noted" as an adverb, so the verb
    had no subject and neither the report nor the set-off quotation had a speaker."""
    doc = parse(
        "Odessablogger also noted Yulia Tymoshenko's stance on the boycott:\n"
        "In case you are wondering, the current position taken by Ms Tymoshenko is clear.\n"
        "The tournament opens in June."
    )
    [quote] = direct(doc)
    assert source_of(doc, quote).name == "Odessablogger"
    [report] = reported(doc)
    assert report.text == "Yulia Tymoshenko's stance on the boycott"
    assert source_of(doc, report).name == "Odessablogger"


def test_a_coined_name_is_not_an_anonymous_group():
    """From Wikinews 117: "Wikileaks" tagged a plural noun is a name, not "officials"."""
    doc = parse("Wikileaks claims that the report was published on October 22, 2007.")
    [report] = reported(doc)
    source = source_of(doc, report)
    assert source.name == "Wikileaks"
    assert source.kind != "anonymous"


def test_a_new_word_after_a_cue_is_what_was_said_not_who():
    """A coined word that is neither subject nor first word is a thing: in the r09 sentence
    "rejecting the radicalization of protest tactics", "radicalization" (which the
    dictionary lacks) would have been read as who rejects."""
    doc = parse(
        "Echoing the critique, Sobchak affirmed her commitment to peaceful resistance, "
        "rejecting the radicalization of protest tactics."
    )
    [report] = [q for q in reported(doc) if "radicalization" in q.text]
    assert source_of(doc, report).name == "Sobchak"


@pytest.mark.parametrize(
    "text",
    [
        # new words for things take an article or an adjective; a name does not
        "The smartphone shows that sales have fallen sharply this year.",
        "New ransomware demanded that the city pay.",
    ],
)
def test_a_new_word_for_a_thing_is_no_speaker(text):
    doc = parse(text)
    assert all(q.speaker is None for q in doc.quotes)


def test_a_new_word_for_people_stays_an_anonymous_group():
    """ "commenters", "gamers" are not in the dictionary either, but they are people, not a
    name: the group stays anonymous."""
    doc = parse("Some commenters argued that the fine was too small.")
    [report] = reported(doc)
    assert source_of(doc, report).kind == "anonymous"


def test_a_pen_name_after_a_role_title_speaks():
    doc = parse("The blogger happydsf wrote that the ban was wrong.")
    [report] = reported(doc)
    assert "happydsf" in source_of(doc, report).name
