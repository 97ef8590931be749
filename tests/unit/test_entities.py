"""Entities: possessives trimmed, canonical names merged, the span invariant."""

import pytest

from newsreader.analysis.entities import canonical_names

from ._attribution_helpers import parse


def names(doc, label=None):
    return {e.text for e in doc.entities if label is None or e.label == label}


def test_reference_entities(sample_doc):
    found = names(sample_doc)
    for expected in ("Oleksandr Syrsky", "Volodymyr Zelensky", "Joe Biden", "Donald Trump", "Kursk", "Pyongyang"):
        assert expected in found
    # "outgoing US President Joe Biden's administration": the possessive is trimmed.
    assert "Joe Biden's" not in found


def test_short_names_take_the_full_name(sample_doc):
    canon = {e.text: e.canonical for e in sample_doc.entities if e.label == "PERSON"}
    # "Trump has repeatedly criticized US assistance" -> Donald Trump
    assert canon["Trump"] == "Donald Trump"
    assert canon["Biden"] == "Joe Biden"


def test_ambiguous_short_name_is_left_alone():
    result = canonical_names([("Smith", "PERSON"), ("John Smith", "PERSON"), ("Jane Smith", "PERSON")])
    assert result[("Smith", "PERSON")] == "Smith"


def test_org_acronym_is_not_merged_by_accident():
    result = canonical_names([("UN", "ORG"), ("United Nations", "ORG")])
    assert result[("UN", "ORG")] == "UN"


def test_possessive_trimmed_and_spans_sound(nlp):
    from newsreader.analysis.entities import extract_entities

    doc = nlp("The plan was Angela Merkel's idea, officials in Germany said.")
    ents = extract_entities(doc)
    assert any(e.text == "Angela Merkel" for e in ents)
    for e in ents:
        assert doc.text[e.start : e.end] == e.text


def test_every_span_of_the_reference_is_sound(sample_doc):
    assert sample_doc.span_errors() == []


def test_a_family_name_first_is_the_person_it_heads():
    """VOA Cambodia: "CPP spokesman Sok Eysan" ... "Sok said" (Khmer names put the family name first)."""
    from newsreader.analysis.entities import canonical_names

    names = canonical_names([("Sok Eysan", "PERSON"), ("Sok", "PERSON"), ("Hun Sen", "PERSON"), ("Sen", "PERSON")])
    assert names[("Sok", "PERSON")] == "Sok Eysan" and names[("Sen", "PERSON")] == "Hun Sen"
    ambiguous = canonical_names([("Kem Sokha", "PERSON"), ("Kem Monovithya", "PERSON"), ("Kem", "PERSON")])
    assert ambiguous[("Kem", "PERSON")] == "Kem"


def test_a_name_misspelt_once_is_the_name_used_more():
    """VOA: ``Hieng Hoeun, 48, owns one of those enterprises`` … ``Hieng Hoeum`` once."""
    names = [("Hieng Hoeun", "PERSON"), ("Hieng Hoeum", "PERSON"), ("Hieng Hoeun", "PERSON"), ("Hoeun", "PERSON")]
    result = canonical_names(names)
    assert {result[n] for n in names} == {"Hieng Hoeun"}


def test_a_surname_with_two_letters_swapped_is_the_persons():
    """VOA: ``Alan Makovsky`` … ``Makovsky said`` … ``Makovksy added`` (i06): one person.
    A one-word name that is itself a full name's surname stays its owner's."""
    names = [("Alan Makovsky", "PERSON"), ("Makovsky", "PERSON"), ("Makovksy", "PERSON")]
    result = canonical_names(names)
    assert {result[n] for n in names} == {"Alan Makovsky"}
    pair = [("Maria Jansen", "PERSON"), ("Peter Janssen", "PERSON"), ("Janssen", "PERSON"), ("Jansen", "PERSON")]
    result = canonical_names(pair)
    assert result[("Jansen", "PERSON")] == "Maria Jansen" and result[("Janssen", "PERSON")] == "Peter Janssen"


@pytest.mark.parametrize(
    "names",
    [
        # (a review's invented cases) first-name-only people beside a surname a letter away
        [("Sarah Williams", "PERSON"), ("William", "PERSON"), ("William", "PERSON")],
        [("Ibrahim Khalil", "PERSON"), ("Khalid", "PERSON")],
        [("Nguyen Phu Trong", "PERSON"), ("Trung", "PERSON")],
        [("Jaime Lopez", "PERSON"), ("Jamie Lopez", "PERSON")],  # given names swapped: maybe two people
    ],
)
def test_a_name_a_letter_from_anothers_surname_stays_its_own(names):
    result = canonical_names(names)
    assert all(result[n] == n[0] for n in names)


def test_a_given_name_stays_with_the_full_name_it_begins():
    names = [("Daniel Ortega", "PERSON"), ("Stormy Daniels", "PERSON"), ("Daniels", "PERSON"), ("Daniel", "PERSON")]
    assert canonical_names(names)[("Daniel", "PERSON")] == "Daniel Ortega"


def test_names_a_letter_apart_in_a_short_or_first_letter_stay_apart():
    """ "Jon Smith" and "Jan Smith", "Linda Marks" and "Linda Parks" may be two people."""
    names = [("Jon Smith", "PERSON"), ("Jan Smith", "PERSON"), ("Linda Marks", "PERSON"), ("Linda Parks", "PERSON")]
    result = canonical_names(names)
    assert all(result[n] == n[0] for n in names)


def test_a_name_with_a_persons_role_in_apposition_is_a_person():
    """VOA: ``Um Dina, general secretary of the Coalition Free Trade Union of Women's Textiles,
    has a sense of what the future may hold.`` — the tagger reads "Um" as an interjection and
    tags nothing; the apposition says who she is, and her later mentions follow."""
    doc = parse(
        "Um Dina, general secretary of the Coalition Free Trade Union of Women's Textiles, has a sense of "
        "what the future may hold. Later that day Um Dina met the minister."
    )
    people = [e.text for e in doc.entities if e.label == "PERSON"]
    assert people == ["Um Dina", "Um Dina"]


def test_a_name_tagged_as_an_organisation_with_a_persons_role_in_apposition_is_a_person():
    """VOA: ``Dalibor Rohac, a senior fellow at the American Enterprise Institute, was less
    complimentary.`` — the tagger calls "Dalibor Rohac" ORG here, and the "he" of the quote
    after it went to the man named before him. A senior fellow is a person's role."""
    doc = parse(
        "Wojciech Przybylski praised the visit.\n"
        "Dalibor Rohac, a senior fellow at the American Enterprise Institute, was less complimentary.\n"
        "\u201cI don't see a lot of reasons for rewarding Slovenia's PM with a visit to the Oval Office,\u201d "
        "he wrote to VOA by email."
    )
    assert "Dalibor Rohac" in names(doc, "PERSON")
    [quote] = [q for q in doc.quotes if q.direct]
    assert doc.source_by_id(quote.speaker.source_id).name == "Dalibor Rohac"


def test_an_untagged_mention_of_a_full_name_tagged_elsewhere_is_that_person():
    """VOA: ``Khut Samphors saw the demonstration, but "I didn't participate," she told VOA.``
    — the tagger calls her a person five times and misses this mention, so "she" went to
    someone else."""
    doc = parse(
        "Khut Samphors works on an infant clothing line. Khut Samphors saw the demonstration, but "
        "\u201cI didn\u2019t participate,\u201d she told VOA."
    )
    people = [e.text for e in doc.entities if e.label == "PERSON"]
    assert people.count("Khut Samphors") == 2
    [quote] = [q for q in doc.quotes if q.direct]
    assert not quote.mixed and doc.source_by_id(quote.speaker.source_id).name == "Khut Samphors"


def test_an_acronym_tagged_as_a_person_is_an_organisation():
    """VOA Cambodia: "... officials from the ruling CPP, the opposition CNRP and the royalist
    FUNCINPEC party." The small model tags the acronym PERSON; a later "he said" then went to it."""
    doc = parse(
        "Hieng Hoeun owns a small grocery store. His shop became a gathering spot for officials "
        "from the ruling party and the royalist FUNCENPEC party. But since the court dissolved the "
        'opposition, he said the political types "don\'t come here to purchase anything from my store anymore."'
    )
    assert "FUNCENPEC" not in names(doc, "PERSON")
    mixed = [q for q in doc.quotes if q.mixed]
    assert mixed and doc.source_by_id(mixed[0].speaker.source_id).name == "Hieng Hoeun"


def test_a_role_word_the_tagger_took_into_a_name_is_left_out():
    """ "Lawyer Peter Okoth, who represents the activist, said …": the tagger's PERSON starts at
    the sentence's capitalised role word; the person is Peter Okoth."""
    doc = parse("Lawyer Peter Okoth, who represents the activist, said he had not been allowed to see his client.")
    assert "Peter Okoth" in names(doc, "PERSON") and "Lawyer Peter Okoth" not in names(doc)
    assert [s.name for s in doc.sources] == ["Peter Okoth"]


def test_a_name_the_tagger_cut_short_runs_on_through_its_head():
    """VOA: "JX Fund managing director Penelope Winterhager agreed." The small model tags
    "Penelope" alone; her name runs on through the proper noun it is a compound of. A title
    after a word the tagger misread stays out ("Moldovan President Vladimir Voronin")."""
    doc = parse(
        "JX Fund managing director Penelope Winterhager agreed. "
        'These outlets "are thrown back to emergency mode," she said.'
    )
    assert "Penelope Winterhager" in names(doc, "PERSON")
    [quote] = doc.quotes
    assert doc.source_by_id(quote.speaker.source_id).name == "Penelope Winterhager"
    doc = parse("Moldovan President Vladimir Voronin accused the Transnistrian authorities on Sunday.")
    assert not any("President" in name for name in names(doc, "PERSON"))


def test_a_lone_surname_tagged_otherwise_is_the_person_named_in_full():
    """VOA: after "Justin Hughes, a law professor, said …" the tagger calls a later "Hughes"
    an organisation, and "he added" went to another man."""
    doc = parse(
        "Justin Hughes, a Loyola Law School professor, said the accusations were ironic. "
        "The Chinese model, Donald Trump said, was a positive development for AI.\n"
        "If DeepSeek has built a cheap model, that may be bad for investors in AI companies, Hughes said.\n"
        '"But it might be good for the rest of us," he added.'
    )
    quote = next(q for q in doc.quotes if q.direct)
    assert doc.source_by_id(quote.speaker.source_id).name == "Justin Hughes"


def test_an_acronym_the_article_defines_is_the_name_it_spells():
    """VOA, Chinese hacking: "The Cybersecurity and Infrastructure Security Agency (CISA)
    issued guidance …" and later "… CISA said". The tagger finds neither the agency's name
    nor every "CISA"; each mention is the agency, one source."""
    doc = parse(
        "Warning for Americans\n\n"
        "The Cybersecurity and Infrastructure Security Agency (CISA) issued\nguidance on Wednesday. "
        "Among the other advice CISA offered was to avoid SMS messages. "
        "CISA said the hackers were still active in the networks."
    )
    agency = "Cybersecurity and Infrastructure Security Agency"
    assert {e.canonical for e in doc.entities if e.text == "CISA"} == {agency}
    assert sum(e.text == "CISA" for e in doc.entities) == 3
    [said] = [q for q in doc.quotes if q.cue.text == "said"]
    source = doc.source_by_id(said.speaker.source_id)
    assert source.name == agency and source.kind == "organization"
    assert {doc.text[m.start : m.end] for m in source.mentions} == {agency, "CISA"}


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        # the letters do not spell the name: no alias
        ("Doctors Without Borders (MSF) said the clinic was shelled. MSF staff left.", "MSF"),
        # one acronym for two names: neither
        ("The Cambodia National Party (CNP) won. The Centre for National Peace (CNP) lost. CNP said more.", "CNP"),
    ],
)
def test_an_acronym_that_spells_no_one_name_stays_itself(text, acronym):
    doc = parse(text)
    assert all(e.canonical == acronym for e in doc.entities if e.text == acronym)


def test_neither_at_a_sentence_start_is_not_part_of_the_name():
    """VOA, sanctions: "Neither Cubios nor any of its officers …": the small model tags
    "Neither Cubios", and every later "Cubios" then took that name."""
    doc = parse(
        "Its appearance in the indictment provoked a rapid response from Cubios, another company.\n"
        '"Neither Cubios nor any of its officers have any connection to the HK Entity whatsoever," '
        "the company said in a statement."
    )
    assert "Neither Cubios" not in names(doc) and "Cubios" in names(doc)


def test_a_code_with_digits_is_no_person_a_later_she_could_be():
    """VOA, bird flu: the small model tags "H5N1" a person; the next "she" then went to it,
    not to Van Kerkhove, who had just spoken."""
    doc = parse(
        "Van Kerkhove noted that Cambodia and Vietnam also reported outbreaks.\n"
        "Based on available information, she said that the H5N1 viruses have remained avian viruses.\n"
        "\u201cHowever, this can change quickly as the virus is evolving,\u201d she said."
    )
    assert "H5N1" not in [e.text for e in doc.entities if e.label == "PERSON"]
    quote = next(q for q in doc.quotes if q.direct)
    assert doc.source_by_id(quote.speaker.source_id).name == "Van Kerkhove"


def test_doc_text_is_read_once_and_is_the_docs_text(nlp):
    """The analysis reads ``Doc.text`` through one per-Doc copy (spaCy joins every token on
    each read); the copy is the text."""
    from newsreader.analysis.spans import doc_text

    doc = nlp("Officials said the bridge would reopen.\n\nIt did not.")
    assert doc_text(doc) == doc.text
    assert doc_text(doc) is doc_text(doc)
