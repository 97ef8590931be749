"""Who is who across articles (analysis/identity.py): each rule with the names that motivated it."""

from __future__ import annotations

import pytest

from newsreader.analysis.identity import (
    AnonymousMention,
    display_name,
    group_anonymous,
    is_generic,
    merge_people,
    organization_name,
    person_name,
    source_identity,
)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Barack Obama", "barack obama"),
        ("President Obama", "obama"),
        ("Mr Obama's", "obama"),
        ("Mr. Obama’s", "obama"),
        ("Sen. John McCain", "john mccain"),
        ("George W. Bush", "george w bush"),
        ("Martin Luther King Jr.", "martin luther king"),
        ("Angela Merkel", "angela merkel"),
        ("José Manuel Barroso", "jose manuel barroso"),
        ("the President", ""),
    ],
)
def test_person_names_agree_without_titles_possessives_accents_and_dots(written, key):
    assert person_name(written) == key


def test_a_partial_name_joins_the_one_longer_name_it_is_part_of():
    # "Obama" in one article, "Barack Obama" in others: one person.
    assert merge_people(["obama", "barack obama"]) == {"obama": "barack obama"}
    # "George Bush" is part of "George W. Bush" (same first and family name, in order).
    assert merge_people(["bush", "george bush", "george w bush"]) == {
        "bush": "george w bush",
        "george bush": "george w bush",
    }


def test_a_partial_name_with_two_candidates_stays_on_its_own():
    # The corpus has both Bill and Hillary Clinton: "Clinton" alone says not which.
    assert merge_people(["clinton", "bill clinton", "hillary clinton"]) == {}
    # "George Bush" with both Bushes known: ambiguous too.
    assert "george bush" not in merge_people(["george bush", "george w bush", "george h w bush"])


def test_a_first_name_alone_is_never_merged():
    assert merge_people(["barack", "barack obama"]) == {}


@pytest.mark.parametrize(
    "description",
    ["the government", "Police", "police", "the company", "a spokesperson", "the report", "Reports", "you", "someone"],
)
def test_generic_descriptions_are_generic(description):
    assert is_generic(description)


@pytest.mark.parametrize(
    "name", ["Reuters", "the Iranian government", "the SBS report", "U.S. officials", "BBC", "South Australian police"]
)
def test_a_proper_word_makes_a_name_specific(name):
    assert not is_generic(name)


def test_generic_sources_keep_their_article_in_the_key():
    a = source_identity("organization", "the government", "government", doc_id="a" * 64, source_id="s1")
    b = source_identity("organization", "the government", "government", doc_id="b" * 64, source_id="s1")
    assert a.scoped and b.scoped and a.key != b.key
    you = source_identity("unknown", "you", "you", doc_id="a" * 64, source_id="s2")
    assert you.scoped


def test_specific_organisations_merge_by_name_and_known_aliases():
    keys = {
        source_identity("organization", name, name, doc_id=str(i) * 64, source_id="s1").key
        for i, name in enumerate(["the U.S.", "US", "United States"])
    }
    assert keys == {"organization:united states"}
    assert organization_name("The New York Times") == "new york times"


def test_anonymous_sources_are_never_keyed_by_description_alone():
    one = source_identity("anonymous", "a senior official", "senior official", doc_id="a" * 64, source_id="s3")
    two = source_identity("anonymous", "a senior official", "senior official", doc_id="b" * 64, source_id="s3")
    assert one.scoped and one.key != two.key


def test_one_outlets_identical_anonymous_descriptions_within_days_are_a_guess():
    # The same paper quoting "a senior State Department official" on the 1st, 3rd and 5th.
    mentions = [
        AnonymousMention("k1", "example.org", "a senior State Department official", "2024-03-01"),
        AnonymousMention("k2", "example.org", "the senior State Department official", "2024-03-03"),
        AnonymousMention("k3", "example.org", "a senior State Department official", "2024-03-05"),
        # Another outlet, a month later, a local file (no outlet): never grouped.
        AnonymousMention("k4", "other.net", "a senior State Department official", "2024-03-02"),
        AnonymousMention("k5", "example.org", "a senior State Department official", "2024-04-20"),
        AnonymousMention("k6", None, "a senior State Department official", "2024-03-02"),
    ]
    assert group_anonymous(mentions) == {"k1": "k1", "k2": "k1", "k3": "k1"}


def test_crowds_are_never_grouped():
    # "officials" on two days are surely not one person.
    mentions = [
        AnonymousMention("k1", "example.org", "U.S. officials", "2024-03-01"),
        AnonymousMention("k2", "example.org", "U.S. officials", "2024-03-02"),
    ]
    assert group_anonymous(mentions) == {}


def test_the_display_name_is_the_fullest_name():
    assert display_name({"Obama": 5, "Barack Obama": 2, "President Obama": 1}) == "Barack Obama"


def test_the_display_name_leaves_titles_out_when_it_can():
    assert display_name({"Sen Arlen Specter": 3, "Arlen Specter": 1}) == "Arlen Specter"
