"""Direct quotes: spans between quote marks, bounded by paragraphs (quotes.py)."""

from __future__ import annotations

import pytest

from newsreader.analysis.quotes import find_quote_spans

from ._attribution_helpers import direct, parse, reported, source_of


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def test_straight_quotes():
    text = '"Several hundred casualties is our latest estimate," the official said.'
    assert spans(text) == ["Several hundred casualties is our latest estimate,"]


def test_curly_quotes():
    text = "\u201cWe are furious,\u201d Zhang Qingli told reporters."
    assert spans(text) == ["We are furious,"]


def test_quote_interrupted_by_attribution_is_two_spans():
    text = '"This alleged action is repugnant," U.S. Maj. Gen. Jason Kamiya said, "This command takes all allegations seriously."'
    assert spans(text) == ["This alleged action is repugnant,", "This command takes all allegations seriously."]


def test_quote_running_over_paragraphs():
    # News convention: no closing mark at paragraph end, the next paragraph reopens.
    text = '"The first part of it goes on\n"and the second part ends here," she said.\nNext paragraph.'
    (only,) = find_quote_spans(text)
    assert text[only.start : only.end] == 'The first part of it goes on\n"and the second part ends here,'


def test_quote_continued_by_a_paragraph_that_closes_first():
    # 109: "What I saw was horrendous. … where to go.\nThree women gave birth …," she said.
    text = (
        '"What I saw was horrendous. They did not know where to go.\nThree women gave birth while fleeing," she said.'
    )
    (only,) = find_quote_spans(text)
    quoted = text[only.start : only.end]
    assert quoted.startswith("What I saw") and quoted.endswith("while fleeing,") and "\n" in quoted


def test_unpaired_mark_is_bounded_by_its_paragraph():
    text = 'He said "this never closes and goes on\nA new paragraph with "a real quote" in it.\nAnother one.'
    found = spans(text)
    assert found[0] == "this never closes and goes on"
    assert found[1] == "a real quote"
    assert all("\n" not in f for f in found)


def test_unpaired_short_fragment_is_dropped():
    assert spans('A 12" gun and a stray " mark.\nMore.') == []


def test_nested_single_quotes_stay_inside():
    text = "\"He told me 'no way' and left,\" she said."
    assert spans(text) == ["He told me 'no way' and left,"]


def test_title_like_span_is_flagged_as_a_title():
    # 012: At a conference called "The World without Zionism", the president said ...
    [span] = find_quote_spans('At a conference called "The World without Zionism", he spoke.')
    assert span.title


def test_title_like_span_is_a_term_not_a_quote():
    doc = parse('At a conference called "The World without Zionism", he spoke.')
    assert direct(doc) == [] and [t.text for t in doc.terms] == ["The World without Zionism"]


def test_a_title_ending_in_a_full_stop_is_a_term():
    """Issue 21: "a title that ends in a full stop slips past today's short-quote test"."""
    doc = parse('The minister told "Morning Roundup." that the plan would go ahead.')
    assert [t.text for t in doc.terms] == ["Morning Roundup."] and direct(doc) == []


def test_glued_closing_mark():
    # 095: have been labeled "foreign terrorist organization"s by a number of bodies
    text = 'They have been labeled "foreign terrorist organization"s by several bodies.'
    assert spans(text) == ["foreign terrorist organization"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('"We are winning the green battle," Evo Morales said.', "Evo Morales"),
        ('"The police just completely swarmed the territory," said protester Mike Desroches.', "Mike Desroches"),
        ('Clinton said, "There is no way that I am going to let petty politics win."', "Clinton"),
    ],
)
def test_speaker_of_direct_quote(text, speaker):
    doc = parse(text)
    (quote,) = direct(doc)
    assert speaker in source_of(doc, quote).name
    assert quote.cue is not None and quote.cue.text in ("said", "says")


def test_attribution_in_next_paragraph():
    # 128: a quote ending with ," at paragraph end, then "William Fallon said."
    doc = parse(
        '"We are hopeful that we can continue that in a measured way,"\nWilliam Fallon said. He made no mention of a pause.'
    )
    (quote,) = direct(doc)
    assert source_of(doc, quote).name == "William Fallon"


def test_quote_without_cue_continues_the_previous_speaker():
    # 119: "…," said Chávez. "And why? Because of our time."
    doc = parse(
        '"These children have to get up at five in the morning," said Hugo Chavez. "And why? Because of our time."'
    )
    first, second = direct(doc)
    assert second.speaker is not None
    assert second.speaker.source_id == first.speaker.source_id


def test_scare_quote_inside_reported_speech_takes_its_speaker():
    # reference: Syrsky said Russia has used North Korean troops at the heart of an "intensive offensive"
    doc = parse(
        'Commander Oleksandr Syrsky said Russia has used North Korean troops in an "intensive offensive" in Kursk.'
    )
    scare = next(q for q in direct(doc) if q.text == "intensive offensive")
    assert source_of(doc, scare).name == "Oleksandr Syrsky"


def test_scare_quote_in_outlet_voice_is_a_term():
    doc = parse('The so-called "peace dividend" never arrived in the region.')
    assert direct(doc) == [] and [t.text for t in doc.terms] == ["peace dividend"]
    assert not any("peace dividend" in c.text and c.quote_ids for c in doc.claims)


def test_a_fragment_inside_the_reporters_sentence_is_a_mixed_quote():
    """Issue 21 item 6: ``said the plan was "a disaster for farmers"`` is the minister's words,
    inside the reporter's sentence."""
    doc = parse('Agriculture Minister Jane Moss said the plan was "a disaster for farmers and their families."')
    [quote] = direct(doc)
    assert quote.mixed and quote.speaker is not None and "Moss" in quote.speaker.text


def test_a_mixed_quote_and_its_reported_statement_are_one_quote():
    """Issue 21 item 6, "one quote of that speaker": ``Zelenskyy told a news conference that
    Ukraine and the U.S. are "making progress" in reaching a deal.`` was a reported
    statement plus a mixed quote inside it, two quotes for one thing said. Now the mixed
    quote carries the whole clause as its ``statement``; the claim is still the sentence."""
    doc = parse(
        "Ukrainian President Volodymyr Zelenskyy told a news conference in Kyiv that Ukraine and "
        'the U.S. are "making progress" in reaching a deal.'
    )
    [quote] = doc.quotes
    assert quote.mixed and quote.text == "making progress"
    assert quote.statement is not None
    assert quote.statement.text == 'Ukraine and the U.S. are "making progress" in reaching a deal'
    assert source_of(doc, quote).name == "Volodymyr Zelenskyy"
    [claim] = doc.claims
    assert claim.quote_ids == (quote.id,) and claim.source_id == quote.speaker.source_id


def test_words_someone_else_is_named_for_leave_the_statement_alone():
    """``The minister said the bill would pass, though critics have called it "a giveaway
    …"``: the quoted words are the critics', so the minister's reported statement stays its
    own and the words are not hers."""
    doc = parse(
        "Agriculture Minister Jane Moss said the bill would pass next week, though critics have "
        'called it "a giveaway to the biggest farms in the country".'
    )
    [statement] = [q for q in doc.quotes if not q.direct]
    assert statement.text.startswith("the bill would pass") and "Moss" in statement.speaker.text
    [words] = [q for q in doc.quotes if q.mixed]
    assert words.statement is None and words.speaker.text == "critics"


def test_a_quote_that_stands_alone_is_not_mixed():
    for text in (
        '"We will win this vote," Agriculture Minister Jane Moss said.',
        'Agriculture Minister Jane Moss said, "We will win this vote."',
        'Agriculture Minister Jane Moss had a warning: "Don\'t count on it."',
    ):
        [quote] = direct(parse(text))
        assert not quote.mixed, text


def test_a_whole_sentence_quoted_right_after_its_cue_stays_direct_after_a_clause():
    """VOA: ``When asked how the United States would pressure Russia …, he said, "I have an
    idea what it is but I'm not going to talk about it."`` The parser made the clause before
    the cue part of what "said" reports, and the quote became a mixed fragment of it. Two
    fragments with words between them stay mixed."""
    doc = parse(
        "Rogers was bullish. When asked how the United States would pressure Russia to lay down its "
        "weapons, he said, \u201cI have an idea what it is but I\u2019m not going to talk about it.\u201d"
    )
    [quote] = direct(doc)
    assert quote.text.startswith("I have an idea") and not quote.mixed
    assert not [q for q in doc.quotes if not q.direct]
    doc = parse(
        "Montgomery said, \u201cWe immediately gave away what leverage we had\u201d and "
        "\u201cmisattributed who the aggressor was\u201d while rushing into talks."
    )
    assert [q.mixed for q in direct(doc)] == [True, True]


def test_unpaired_quote_does_not_swallow_the_article():
    doc = parse(
        'He said "this never closes and runs on.\nThe next paragraph is the outlet speaking again.\n"A real quote," she said.'
    )
    assert all("\n" not in q.text for q in doc.quotes)
    assert any(q.text == "A real quote," for q in direct(doc))


def test_a_set_off_paragraph_after_a_colon_is_a_quote_of_the_speaker_named_there():
    """Issue 21: web pages set quotations off as blockquotes, which arrive as plain
    paragraphs after ``Mambwe wrote:`` (no quote marks at all)."""
    doc = parse(
        "Readers reacted quickly to the lawsuit.\n\n"
        "Commenting on the story, Mambwe wrote:\n\n"
        "A president must learn to absorb criticism from the public.\n\n"
        "The case will be heard next month."
    )
    [quote] = direct(doc)
    assert quote.text == "A president must learn to absorb criticism from the public."
    assert "Mambwe" in source_of(doc, quote).name


def test_any_verb_before_the_colon_introduces_the_set_off_paragraph():
    doc = parse("Again, the blogger Jing Gao reflects:\nBut one thing is certain: the censors are losing.")
    [quote] = direct(doc)
    assert quote.text.startswith("But one thing") and "Jing Gao" in source_of(doc, quote).name


@pytest.mark.parametrize(
    ("intro", "name"),
    [
        # Global Voices, Colombia: the small parser started a sentence at the link's language
        # tag ("[es]" its root), and the intro lost its speaker and cue
        (
            "Eliana Caraballo (@elianaca) argues the case for Cartagena [es] as a possible location, "
            "where the last Summit of the Americas took place:",
            "Eliana Caraballo",
        ),
        # Global Voices, Pakistan: the parser ends a sentence inside the quoted title; the
        # verb is in the sentence before it
        ("Ingrid Luden on TechCrunch wrote 'Sure, Draw Something. Just Not The Prophet':", "Ingrid Luden"),
    ],
    ids=["language-tag", "title"],
)
def test_an_intro_the_parser_split_still_names_the_speaker(intro, name):
    doc = parse(intro + "\n\nIf they could hold the summit there, why not an important technological event?")
    [quote] = direct(doc)
    assert quote.text.startswith("If they could") and name in source_of(doc, quote).name


@pytest.mark.parametrize(
    ("intro", "name"),
    [
        # Global Voices, Venezuela: with the tag, "Vanessa [es] opines" parsed as one noun
        # phrase headed by "opines" (a plural noun): no verb, no speaker
        ("On the other hand, Vanessa [es] opines:", "Vanessa"),
        # Global Voices, Argentina: "reported" hung on the tag as a participle
        ("The newspaper Infobae [es] reported just after the law was passed:", "Infobae"),
        # Global Voices, Russia: "tweeted" a participle hung on "project"
        ("A journalist from the website CarambaTV.ru [ru], a webtv project, tweeted [ru]:", "journalist"),
    ],
    ids=["opines", "reported", "tweeted"],
)
def test_a_language_tag_in_the_intro_reads_as_a_space(intro, name):
    doc = parse(intro + "\n\nI think that they do have a right to express their opinion on whatever they feel like.")
    [quote] = direct(doc)
    assert quote.text.startswith("I think") and name in source_of(doc, quote).name


def test_a_language_tag_is_one_token_the_models_read_as_a_space():
    from newsreader.analysis.nlp import load_nlp

    doc = load_nlp()("On the other hand, Vanessa [es] opines: the text [pt-BR] stays.")
    tags = [t for t in doc if t.text.startswith("[")]
    assert [t.text for t in tags] == ["[es]", "[pt-BR]"] and all(t.is_space for t in tags)
    assert doc.text == "On the other hand, Vanessa [es] opines: the text [pt-BR] stays."
    assert [t.tag_ for t in doc if t.text == "opines"] == ["VBZ"]


def test_a_quoted_name_that_speaks_is_a_term_not_a_quote():
    """Global Voices, Colombia: '"Mujer Florestal" maintains [es] that the blog entry …':
    the quoted words are the blog's name, the subject of "maintains"."""
    doc = parse('"Mujer Florestal" maintains that the blog entry published by Paco Ragageles generated misinformation.')
    assert direct(doc) == []
    assert [t.text for t in doc.terms] == ["Mujer Florestal"]
    [statement] = reported(doc)
    assert statement.text.endswith("generated misinformation")


def test_a_tweet_after_a_colon_drops_its_handle():
    doc = parse("Journalist Carolina Ruiz tweets:\n@CaroRuizG: Terrorism affects us all, no matter our politics.")
    [quote] = direct(doc)
    assert quote.text.startswith("Terrorism affects")


@pytest.mark.parametrize(
    ("post", "handle", "words"),
    [
        # Global Voices, China: a Weibo post with a full-width colon
        ("@maoliao\uff1aAl Jazeera is more objective than most major media.", "@maoliao", "Al Jazeera is more"),
        # Global Voices, China: a two-word Weibo name and a link's language tag
        ("@Zhao Chu [zh]: Beijing Daily is a joke, and its editors know it.", "@Zhao Chu", "Beijing Daily is"),
        # Global Voices, Thailand
        (
            "@Rom Senakant: sad group of people, they thought they were fighting for a just cause.",
            "@Rom Senakant",
            "sad",
        ),
    ],
    ids=["full-width-colon", "weibo-name-and-tag", "two-word-name"],
)
def test_a_post_after_a_tweet_handle_is_the_handles(post, handle, words):
    doc = parse(
        "The decision drew a storm of comments online.\n\n"
        "@someone_else: We will see what happens next, and nobody should be surprised.\n\n" + post
    )
    quote = next(q for q in direct(doc) if q.text.startswith(words))
    assert source_of(doc, quote).name == handle
    assert doc.text[quote.speaker.start : quote.speaker.end] == handle


def test_a_handle_and_its_colon_are_no_part_of_a_name():
    """``@maoliao：Al Jazeera is …``: the entity recogniser reads "@maoliao：Al Jazeera" as one
    organisation; the name is "Al Jazeera", and the handle is not its apposition."""
    doc = parse("Comments followed.\n\n@a_b: Fine work by all.\n\n@maoliao\uff1aAl Jazeera is a third-world media.")
    assert "@maoliao\uff1aAl Jazeera" not in [e.text for e in doc.entities]
    assert "Al Jazeera" not in [s.name for s in doc.sources]


def test_a_full_width_colon_is_a_token_of_its_own():
    from newsreader.analysis.nlp import load_nlp

    words = [t.text for t in load_nlp().make_doc("@maoliao\uff1aAl Jazeera said\uff1a yes at 10:30.")]
    assert words == ["@maoliao", "\uff1a", "Al", "Jazeera", "said", "\uff1a", "yes", "at", "10:30", "."]


def test_a_role_noun_before_the_name_is_that_person():
    """``asked observer Emmanuel Dupuy, president of …``: the parser's subject is the role."""
    doc = parse(
        '"How can we criticize the elections in Cambodia," asked observer Emmanuel Dupuy, president of the institute.'
    )
    [quote] = direct(doc)
    assert "Dupuy" in source_of(doc, quote).name


def test_the_n_year_old_is_the_person_introduced_with_that_age():
    doc = parse(
        "Korng Kungkea, 29, works at the cement plant near his village. Sok Dara runs a shop.\n\n"
        '"I think it is good to have companies like this close to us," the 29-year-old said.'
    )
    [quote] = direct(doc)
    assert source_of(doc, quote).name == "Korng Kungkea"


def test_the_n_year_old_without_an_age_given_is_the_person_just_mentioned():
    doc = parse(
        "During a lunch break, Korng Kungkea said that he is happy to be earning $300 per month.\n\n"
        '"I think it is good to have companies like this close to us," said the 29-year-old.'
    )
    [quote] = direct(doc)
    assert source_of(doc, quote).name == "Korng Kungkea"


def test_an_intro_after_an_intro_is_no_quote():
    """``… on the radio:`` / ``Ayelet quipped:`` / ``…``: the middle line introduces, it says nothing."""
    doc = parse("The host asked her listeners:\n\nAyelet quipped:\n\nThe only crime here is the headline.")
    assert [q.text for q in direct(doc)] == ["The only crime here is the headline."]


def test_a_cue_the_parser_left_without_subject_takes_the_role_and_name_after_it():
    """VOA: the parser made both "observer" and "Dupuy" objects of "asked"."""
    doc = parse(
        "\u201cHow can we on one side, accept to host the Thailand president in France and on the other side, "
        "criticize the elections in Cambodia,\u201d asked observer Emmanuel Dupuy, president of the Institut "
        "Prospective et S\u00e9curit\u00e9 en Europe."
    )
    [quote] = direct(doc)
    assert "Dupuy" in source_of(doc, quote).name


def test_a_paragraph_that_opens_with_a_handle_is_a_quoted_tweet():
    """Global Voices: tweets set off without any introduction, one after another."""
    doc = parse(
        "Some people call the verdict a triumph of justice.\n\n"
        "@ruralvoter9: The minister is not just in contempt of court, he has lost our trust.\n\n"
        "@citywatch: @ruralvoter9 No, the court went too far this time and everyone knows it."
    )
    first, second = direct(doc)
    assert first.text == "The minister is not just in contempt of court, he has lost our trust."
    assert "ruralvoter9" in first.speaker.text
    assert second.text == "No, the court went too far this time and everyone knows it."
    assert "citywatch" in second.speaker.text


def test_a_named_intro_speaks_the_tweet_a_vague_one_leaves_it_to_the_handle():
    doc = parse(
        "Blogger Anna Mertens urged readers to act:\n\n"
        "@amertens: Children are going hungry while we argue about budgets.\n\n"
        "One sceptical reader doubted the whole campaign:\n\n"
        "@dryreader: Good campaign, but we all know nothing will change."
    )
    first, second = direct(doc)
    assert "Mertens" in source_of(doc, first).name
    assert "dryreader" in second.speaker.text


def test_a_smiley_at_the_end_of_a_tweet_is_no_introducing_colon():
    """``… a human catastrophe #FoodCrisis (:`` ends a tweet; the next paragraph is the author's."""
    doc = parse(
        "Blogger Anna Mertens urged readers to act:\n\n"
        "@amertens: Children are going hungry. Stop ignoring them #FoodCrisis (:\n\n"
        "It is hoped that the crisis will be discussed at the donor conference in May."
    )
    assert [q.text for q in direct(doc)] == ["Children are going hungry. Stop ignoring them #FoodCrisis (:"]


def test_a_set_off_paragraph_quoting_a_few_words_with_marks_is_still_a_quote():
    """A blogger's set-off paragraph keeps its own marked terms (``Searches for "Wang Lijun"
    remain uncensored``); the marks no longer veto the quotation."""
    doc = parse(
        "Blogger Tom Reyes, from the China Desk, writes:\n\n"
        'At the moment, the mayor is trending twice. Searches for "Li Wen" remain uncensored, '
        "so the portal is clearly not trying to bury this story.\n\n"
        "The government has not commented."
    )
    [quote] = direct(doc)
    assert quote.text.startswith("At the moment") and quote.text.endswith("bury this story.")
    assert "Reyes" in source_of(doc, quote).name
    assert [t.text for t in doc.terms] == ["Li Wen"]


def test_a_sentence_quoted_inside_a_set_off_paragraph_keeps_its_own_speaker():
    doc = parse(
        "Blogger Sara Ali wrote a post about the shortage:\n\n"
        "Food prices keep rising in the capital. Last night a UNICEF spokesman spoke to reporters and said, "
        '"One million children are malnourished." Politicians cannot ignore this.\n\n'
        "The conference opens on Monday."
    )
    block, inner = sorted(direct(doc), key=lambda q: q.start)
    assert block.text.startswith("Food prices") and "Ali" in source_of(doc, block).name
    assert inner.text.startswith("One million") and "spokesman" in inner.speaker.text


def test_a_set_off_quotation_ends_at_a_stray_closing_mark():
    """``… revoked." "An order of stay is …``: the page's own marks end the quotation."""
    doc = parse(
        "Justice Minister Sebastian Zulu issued a statement ordering the Solicitor-General to act:\n\n"
        'I have ordered the Solicitor-General to have that stay revoked at once." "An order of stay '
        "is in fact a mandatory injunction, and the law does not allow it."
    )
    texts = sorted(q.text for q in direct(doc))
    assert "I have ordered the Solicitor-General to have that stay revoked at once." in texts


def test_as_explained_on_a_website_names_the_website_not_the_main_subject():
    doc = parse(
        "In Uganda, the same move towards a local content policy is being made, as explained on the "
        "EastWatch website:\n\nUganda wants a strong local share in its nascent oil industry."
    )
    [quote] = direct(doc)
    assert "EastWatch" in quote.speaker.text


def test_quotes_the_letter_as_saying_makes_the_letter_the_speaker():
    doc = parse(
        "The Lusaka Herald story quotes the letter to the editor as saying:\n\n"
        "We have been retained by the president to act for him in a matter of defamation."
    )
    [quote] = direct(doc)
    assert "letter" in quote.speaker.text


def test_a_cue_that_opens_its_sentence_puts_the_speaker_after_it():
    """``Said the sharp-tongued Amsterdam (…):``: the parser makes the speaker an object."""
    doc = parse(
        "Said the sharp-tongued Amsterdam (this author has interviewed him before):\n\n"
        "The president's crude efforts to silence his opponents with threats will not work."
    )
    [quote] = direct(doc)
    assert "Amsterdam" in quote.speaker.text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('Said one resident: "It is a disaster for all of us who live here."', "resident"),
        ('Added the mayor: "We will rebuild the bridge before the winter."', "mayor"),
        ("Wrote the mayor on her blog:\n\nThe council has failed the city again and again this year.", "mayor"),
    ],
)
def test_an_inverted_cue_before_a_colon_puts_a_common_noun_speaker_after_it(text, speaker):
    """``Reported the website popularly known as ZWD among Zambian netizens:`` (Global
    Voices): before the introducing colon the object of an opening cue is who speaks."""
    doc = parse(text)
    [quote] = direct(doc)
    assert speaker in quote.speaker.text
    assert reported(doc) == []  # the speaker is not also what the cue reports


def test_an_imperative_before_a_colon_names_no_speaker():
    """``Tell the children: "…"`` addresses the children; they do not say the words."""
    [quote] = direct(parse('Tell the children: "The school will reopen on Monday after the repairs."'))
    assert quote.speaker is None


def test_a_speaker_in_the_object_of_an_intro_is_not_its_topic():
    """``Commented another reader, Jackson:`` names the writer, not what he wrote about."""
    doc = parse("Commented another reader, Jackson:\n\nThe council has failed the city again and again this year.")
    [quote] = direct(doc)
    assert quote.speaker.text == "Jackson"
    assert reported(doc) == []


def test_whom_a_writer_quotes_is_the_speaker():
    """Global Voices: ``Afrah Nasser commended Medea Benjamin's courage and quoted her
    words:`` — the quoted words are Benjamin's (nobody quotes themselves); so with
    ``The minister quoted Gandhi:``."""
    doc = parse(
        "Yemeni blogger Afrah Nasser commended Medea Benjamin's courage and quoted her words:\n\n"
        '"What about the hundreds of innocent people killed by our drone strikes in Pakistan?"'
    )
    [quote] = direct(doc)
    assert "Benjamin" in source_of(doc, quote).name
    doc = parse("The minister quoted Gandhi:\n\nAn eye for an eye only ends up making the whole world blind.")
    [quote] = direct(doc)
    assert quote.speaker.text == "Gandhi"
    # after a subject that is not a name, the pronoun is left to the resolver
    doc = parse('Senator John Smith spoke after Mary Jones, who quoted him: "We will win this fight together."')
    [quote] = direct(doc)
    assert "Jones" not in quote.speaker.text


def test_writing_an_intro_passes_on_is_its_authors():
    """Global Voices: ``Another blogger residing in Addis Ababa shared an article written by
    Al Mariam Zelalem on his wall:`` — the set-off text is the author's, not the sharer's;
    so with ``She posted a poem by Mahmoud Darwish:``."""
    doc = parse(
        "Another blogger residing in Addis Ababa shared an article written by Al Mariam Zelalem on his wall:\n\n"
        "Eskinder is a hero of a special kind. He is a hero who fights with nothing more than ideas."
    )
    [quote] = direct(doc)
    assert "Zelalem" in quote.speaker.text
    doc = parse(
        "She posted a poem by Mahmoud Darwish:\n\nWe love life if we find a way to it, and we dance between two martyrs."
    )
    [quote] = direct(doc)
    assert quote.speaker.text == "Mahmoud Darwish"


def test_who_names_someone_in_a_by_phrase_says_the_words():
    """VOA: 'The first undocumented migrants — described by U.S. officials as "the worst of
    the worst" — are being held …': the quoted words are the officials'."""
    doc = parse(
        'The first undocumented migrants — described by U.S. officials as "the worst of the worst" — '
        "are being held in jail cells at the naval base."
    )
    [quote] = doc.quotes
    assert quote.speaker is not None and quote.speaker.text == "U.S. officials"


def test_roles_joined_before_a_name_are_that_persons():
    """Global Voices: ``Blogger and journalist Joseph Dana wrote about Adnan's case in
    February:`` — one person with two roles; the name speaks."""
    doc = parse(
        "Blogger and journalist Joseph Dana wrote about Adnan's case in February:\n\n"
        "Mr Adnan's story is emblematic of the administrative detention experience of many Palestinians."
    )
    [quote] = direct(doc)
    assert "Dana" in quote.speaker.text and "Dana" in source_of(doc, quote).name


def test_a_lead_the_tagger_made_one_noun_phrase_names_its_writer():
    """Global Voices: ``The Armenian Observer blog comments.`` / ``[...] the activists forced
    …``: "comments" tagged a plural noun, the blog's name before it."""
    doc = parse(
        "The Armenian Observer blog comments.\n\n"
        "[...] the activists forced the country's top official to carry out their demand and this is a victory."
    )
    [quote] = direct(doc)
    assert quote.speaker is not None and quote.speaker.text == "Armenian Observer blog"
    doc = parse(
        "In a long post, the Armenian Observer blog comments.\n\n"
        "[...] the activists forced the country's top official to carry out their demand and this is a victory."
    )
    [quote] = direct(doc)
    assert quote.speaker is not None and quote.speaker.text == "Armenian Observer blog"


def test_a_verb_the_tagger_took_for_a_plural_noun_still_introduces():
    """``Dan Gamboa (@dgamboa) wonders about …:``: "wonders" tagged NNS, the name its subject."""
    doc = parse(
        "Dan Gamboa Rojas (@dgamboa) wonders about the possible reasons for the attack on the minister:\n\n"
        "The minister must be holding dangerous information. That is the only reason to attack him."
    )
    [quote] = direct(doc)
    assert "Gamboa" in quote.speaker.text


def test_a_handle_before_the_colon_is_the_speaker():
    """``@JuliethBlues states :``: the parser made a verb of the handle."""
    doc = parse("@MariaBlues states :\n\nThe worst thing that might happen is that the minister gets killed.")
    [quote] = direct(doc)
    assert "MariaBlues" in quote.speaker.text


def test_the_story_and_the_blog_speak_as_documents():
    """``The story continues:`` introduces more of the quoted article."""
    doc = parse(
        "The Lusaka Watch reported that fuel would run out.\n\nThe story continues:\n\n"
        "Sources in the ministry have said that the situation is likely to worsen this month."
    )
    [quote] = direct(doc)
    assert quote.text.startswith("Sources in the ministry") and quote.speaker.text == "The story"


def test_a_paragraph_cut_with_elision_marks_is_an_excerpt_of_the_speaker_before_it():
    """Global Voices: ``Another blog, Le Retour, comments on the policing.`` / ``[...] we were no
    longer in control …``: an editor's elision mark at a paragraph's edge stands only inside a
    quotation."""
    doc = parse(
        "Blogger Anna Mertens said the police had failed the marchers.\n\n"
        "[...] we were no longer in control. From this point on it was the police telling us where to go.\n\n"
        "The march ended at noon."
    )
    [quote] = direct(doc)
    assert quote.text == "we were no longer in control. From this point on it was the police telling us where to go."
    assert "Mertens" in source_of(doc, quote).name


def test_an_elision_mark_at_the_end_brackets_the_paragraphs_back_to_the_lead():
    """Global Voices: after ``Unzipped: Gay Armenia likens the 21 May disruption to fascism.``
    come ``To mark United Nation's World Day …``, ``But the notion of diversity was once again
    attacked …`` and ``Neo-nazi elements attacked marchers … [...]``: the closing mark makes
    all three the blog's. Without a mark, or with narration in between, nothing changes."""
    lead = "Another blog, Unzipped, likens the disruption of the march to fascism.\n\n"
    body = (
        "To mark the day of cultural diversity, two groups planned events. The week should have begun with a march.\n\n"
        "But the idea of diversity was once again attacked in an organised provocation by nationalists.\n\n"
    )
    doc = parse(lead + body + "Nationalists attacked the marchers with the support of officials at every level. [...]")
    quotes = direct(doc)
    assert [q.text[:12] for q in quotes] == ["To mark the ", "But the idea", "Nationalists"]
    assert all(source_of(doc, q).name == "Unzipped" for q in quotes)
    doc = parse(lead + body + "Nationalists attacked the marchers with the support of officials at every level.")
    assert direct(doc) == []


def test_an_elision_mark_at_the_end_closes_the_excerpt():
    doc = parse(
        "Blogger Anna Mertens said the police had failed the marchers.\n\n"
        "Neo-nazi elements attacked the marchers, encouraged by the silence of the state. [...]\n\n"
        "The march ended at noon."
    )
    [quote] = direct(doc)
    assert quote.text == "Neo-nazi elements attacked the marchers, encouraged by the silence of the state."


def test_a_first_person_paragraph_after_a_lead_is_the_named_writers_excerpt():
    """Global Voices, its blockquote markup lost: ``Meanwhile, Le Retour in 3 Parts says that
    officials should instead be condemning the attack …`` / ``If there was ever a time for
    state officials … to speak out, it is now. And again, I say, …``: news is narrated in the
    third person, so a paragraph in the first person outside quote marks is someone's excerpt,
    and what it reports is part of the quotation."""
    doc = parse(
        "Armenian bloggers reacted to the attack on the bar.\n\n"
        "Meanwhile, the blogger Anna Mertens says that officials should be condemning the attack.\n\n"
        "If there was ever a time for officials to speak out, it is now. I believe the authorities must respond.\n\n"
        "We need answers from the president himself, and we need them this week.\n\n"
        "The bar reopened on Friday."
    )
    first, second = _two_cuts_by(doc, "Mertens")
    assert first.text.startswith("If there was ever a time") and first.text.endswith("must respond.")
    assert second.text.startswith("We need answers")
    assert [q.text for q in reported(doc)] == ["officials should be condemning the attack"]


def test_a_paragraph_asking_the_reader_after_a_set_off_quotation_goes_on_with_it():
    """Global Voices: after the blogger's set-off ``… But support for terrorists?
    Unbelievable.`` the paragraph ``What is the position of the president of Public Council
    re this matter?`` is still the blog's, and so is ``Bahamas, you deserve better.``; news
    narration asks its reader nothing. A question in narration after narration stays."""
    lead = (
        "Armenian bloggers reacted to the attack on the bar.\n\n"
        "The blogger Anna Mertens wrote:\n\n"
        "This is truly the scandal of the day. The council is a formality, and its members know it.\n\n"
    )
    doc = parse(
        lead + "What is the position of the president of the council on this matter?\n\n"
        "The bar reopened on Friday. Will the council act now?"
    )
    quotes = direct(doc)
    assert [q.text[:20] for q in quotes] == ["This is truly the sc", "What is the position"]
    assert all("Mertens" in source_of(doc, q).name for q in quotes)
    doc = parse(lead + "Voters, you deserve better than this council and its silence.")
    assert [q.text[:20] for q in direct(doc)] == ["This is truly the sc", "Voters, you deserve "]
    # a paragraph with its own attribution, or instructions to the reader, is narration
    doc = parse(lead + "But will it last? Economists doubt it, pointing to rising pension costs.")
    assert [q.text[:20] for q in direct(doc)] == ["This is truly the sc"]
    doc = parse(lead + "If you have information about the fire, call the police hotline.")
    assert [q.text[:20] for q in direct(doc)] == ["This is truly the sc"]


def test_a_first_person_paragraph_that_reports_someone_after_a_lead_is_narration():
    """Wikinews: a paragraph with its own attribution (``McManigan says that Kinnane has
    demanded our …``) after a reported lead is the reporter's, not an excerpt."""
    doc = parse(
        "Union leader Tom Kinnane said the staff would stay in the offices.\n\n"
        "McManigan says that Kinnane has demanded that our members be paid before Christmas.\n\n"
        "The talks resume on Monday."
    )
    assert direct(doc) == []


def test_first_person_paragraphs_of_a_column_or_an_interview_stay_the_writers():
    """A first paragraph in the first person (a column, a diary), or two paragraphs in five
    (an interview transcript): the narration itself speaks so, nothing is an excerpt."""
    column = parse(
        "I have covered elections in this country for twenty years.\n\n"
        "Senator Ruiz said the vote would be close.\n\n"
        "I think she is wrong about the north, where our polls show a landslide."
    )
    assert direct(column) == []
    interview = parse(
        "Wikinews spoke to the candidate about the campaign.\n\n"
        "The candidate said the economy comes first.\n\n"
        "We want jobs in every town, and I will fight for them.\n\n"
        "What about our schools?\n\n"
        "I would build more of them, and we would pay teachers better."
    )
    assert direct(interview) == []


def test_a_name_that_looks_like_a_contraction_stays_a_name():
    """VOA: ``Im Vutha, spokesperson for the Telecommunication Regulator of Cambodia …`` —
    the tokenizer's exception read "Im" as "I'm", so "I" spoke the quote after it."""
    doc = parse("\u201cWhatever activities that affect and disturb the election, we take actions,\u201d Im Vutha said.")
    [quote] = direct(doc)
    assert quote.speaker is not None and quote.speaker.text == "Im Vutha"


def test_a_handle_next_to_the_cue_is_the_speaker():
    doc = parse(
        "\u201cOur website isn\u2019t working, and neither are the other sites,\u201d tweeted @rainchannel on May 6."
    )
    [quote] = direct(doc)
    assert quote.speaker is not None and quote.speaker.text == "@rainchannel"


def test_quoted_words_that_open_a_reported_statement_are_one_mixed_quote():
    """VOA: ``"For our barracks and our soldiers, … will welcome" a spending review, he
    said.``: the quote runs on into the reporter's words, so it is one mixed quote whose
    statement is the whole clause, not a direct quote plus a reported statement."""
    doc = parse(
        "“For our barracks and our soldiers, we need all the efficiency we can get in the Pentagon, and I think "
        "the American people and the soldiers will welcome” a spending review, Defense Secretary Pete Hegseth said."
    )
    [quote] = doc.quotes
    assert quote.mixed and quote.statement is not None and quote.statement.text.endswith("a spending review")


def test_a_title_in_headline_case_with_no_speaker_is_a_term():
    """``The party's slogan, "A CPP Win Means the Whole of Cambodia Wins", was everywhere.``"""
    doc = parse('The party\'s slogan, "A CPP Win Means the Whole of Cambodia Wins", was everywhere.')
    assert doc.quotes == () and [t.text for t in doc.terms] == ["A CPP Win Means the Whole of Cambodia Wins"]


def test_two_apostrophes_close_a_quote():
    """VOA: ``in its report, titled "Cambodia Civil Society at a Critical Juncture,’’ found
    that the Cambodian courts were …``: the title closes at the two apostrophes; the finding
    after it is the report's, not part of the title."""
    text = (
        "The Center for Strategic and International Studies (CSIS) in its report, titled “Cambodia Civil Society "
        "at a Critical Juncture,’’ found that the Cambodian courts were the main tool used by the authorities."
    )
    [span] = find_quote_spans(text)
    assert text[span.start : span.end] == "Cambodia Civil Society at a Critical Juncture,"
    assert text[span.closed - 2 : span.closed] == "’’"
    doc = parse(text)
    assert [t.text for t in doc.terms] == ["Cambodia Civil Society at a Critical Juncture,"]
    [quote] = doc.quotes
    assert not quote.direct and quote.text.startswith("the Cambodian courts were")


def test_quoted_words_a_verb_of_thought_governs_are_its_subjects():
    """Global Voices: ``While Weblog Bahamas' Edward Hutcheson wonders "what the nation would
    look like now if a different choice was made in 1984", Bahama Republic sees it fit …``;
    VOA: ``Ouk Dalin believes "the livelihood of the workers will actually get better."``."""
    doc = parse(
        "If the government continues to reform the garment industry, Ouk Dalin believes "
        "\u201cthe livelihood of the workers will actually get better.\u201d"
    )
    [quote] = direct(doc)
    assert quote.mixed and "Ouk Dalin" in source_of(doc, quote).name


def test_a_lone_elision_paragraph_joins_two_cuts_of_one_text():
    """Global Voices: an excerpt, a paragraph holding only ``[...]``, then more of the same
    text in the first person: the second cut is the same writer's."""
    doc = parse(
        "The news site said the council was a formality.\n\n"
        "Blogger Anna Mertens wrote about the council:\n\n"
        "This council is pretty much a formality, and its members know it.\n\n"
        "[...]\n\n"
        "We need urgent answers, as the damage to our reputation could be enormous."
    )
    _, second = _two_cuts_by(doc, "Mertens")
    assert second.text.startswith("We need urgent answers")


def test_entries_under_a_dated_heading_are_the_diarists():
    """Global Voices: ``In early April, he wrote two blog posts …, explaining why the film might
    do more harm than good`` /
    ``April 5, 2012 :`` / ``[...] The prison is indeed like this, only worse.`` / ``I'm afraid
    that the first result …``: the entry under the date is the blogger's."""
    doc = parse(
        "Blogger and activist Aleksandr Volodarskiy spent a month in prison in 2009. In early April, "
        "he wrote that the documentary might do more harm than good.\n\n"
        "April 5, 2012 :\n\n"
        "They did not show the boxes where people are kept for hours before their hearings.\n\n"
        "I am afraid that the first result of the film will be a confiscation of phones."
    )
    first, second = _two_cuts_by(doc, "Volodarskiy")
    assert first.text.startswith("They did not show") and second.text.startswith("I am afraid")


def test_an_excerpt_after_a_lead_without_a_colon_is_the_leads_writer():
    """Global Voices: ``Another Armenian blog, Le Retour in 3 Parts, comments on the policing of
    the event.`` / ``[...] we were no longer in control …``: the lead names the writer even
    though it reports nothing the rules extract."""
    doc = parse(
        "Another Armenian blog, Le Retour in 3 Parts, comments on the policing of the event.\n\n"
        "[...] we were no longer in control. From this point on it was the cops telling us how to move."
    )
    [quote] = direct(doc)
    assert quote.speaker is not None and quote.speaker.text.startswith("Le Retour")  # the blog's name


def _two_cuts_by(doc, writer: str):
    """The article's two direct quotes, both attributed to ``writer``."""
    first, second = direct(doc)
    assert writer in source_of(doc, first).name and writer in source_of(doc, second).name
    return first, second


def test_a_title_the_sentence_gives_is_a_term():
    """Global Voices: ``In a post entitled "A brave lady Speaks out about the CIA Drone
    Strikes", Yemeni blogger Afrah Nasser commended …``: a title, however long, is nobody's
    statement."""
    doc = parse(
        'In a post entitled "A brave lady Speaks out about the CIA Drone Strikes", '
        "Yemeni blogger Afrah Nasser commended her courage."
    )
    assert direct(doc) == []
    assert [t.text for t in doc.terms] == ["A brave lady Speaks out about the CIA Drone Strikes"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # issue 21: the parser ends the sentence at the closing mark after a question
        ('"Who pays for this?" the mayor asked.', "the mayor"),
        ('The mayor spoke. "Who pays for this?" she asked.', "she"),
        # inverted after the quote: the parser sees an object where the speaker is
        ('"Why now?" asked the mayor.', "the mayor"),
        ('"Why now?" asked a reporter.', "a reporter"),
    ],
)
def test_the_attribution_after_a_quoted_question_is_found(text, speaker):
    (quote,) = direct(parse(text))
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.cue is not None and quote.cue.text == "asked"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # VOA, February 2025 (tests/data/mainstream j06): after a question or an exclamation
        # the parser ends the sentence at the closing mark, and a capitalised name opens the next
        ('"Glad gold is safe!" Mnuchin tweeted after the visit.', "Mnuchin", "tweeted"),
        ('"Who is confirming that gold wasn\'t stolen from Fort Knox?" Musk posted on X on Feb. 17.', "Musk", "posted"),
        ('The council met on Monday.\n\n"Is the bridge safe?" Okafor asked.', "Okafor", "asked"),
        ('"Who pays for this?" Smith asked the council.', "Smith", "asked"),
        # web-extracted text closes a sentence inside the marks, then attributes it
        ('"We will rebuild." A spokeswoman for the ministry said.', "A spokeswoman for the ministry", "said"),
        ('The council met on Monday.\n\n"We will rebuild." Okafor told reporters.', "Okafor", "told"),
    ],
)
def test_a_named_attribution_after_a_quoted_question_is_found(text, speaker, cue):
    quote = direct(parse(text))[0]
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # issue 21: colon introductions ("The mayor had a warning: "Don't count on it."")
        ('The mayor had a warning: "Don\'t count on it."', "The mayor"),
        ('Okafor was blunt: "We will rebuild the bridge."', "Okafor"),
        ('The ministry was clear: "We will rebuild the bridge."', "The ministry"),
    ],
)
def test_a_colon_introduction_names_the_speaker(text, speaker):
    (quote,) = direct(parse(text))
    assert quote.speaker is not None and quote.speaker.text == speaker


@pytest.mark.parametrize(
    "text",
    [
        'The question is simple: "Who pays for the bridge?"',
        'Three things matter: "We will rebuild the bridge."',
    ],
)
def test_a_colon_introduction_without_a_speaker_names_nobody(text):
    assert all(q.speaker is None for q in direct(parse(text)))


def test_a_slogan_after_a_colon_is_a_term():
    """VOA (tests/data/mainstream a11): 'including perhaps the most ubiquitous: "A CPP Win Means
    the Whole of Cambodia Wins".' is the campaign's slogan, a term, not the party's statement."""
    doc = parse(
        "The CPP has used many slogans during its campaign, including perhaps the most ubiquitous: "
        '"A CPP Win Means the Whole of Cambodia Wins".'
    )
    assert direct(doc) == []
    assert [t.text for t in doc.terms] == ["A CPP Win Means the Whole of Cambodia Wins"]


def test_the_next_paragraph_is_not_the_attribution_of_a_quote():
    """VOA, February 2025 (tests/data/mainstream v06): a paragraph that opens with someone who
    "also posted about the visit" does not attribute the quote that ends the paragraph before."""
    doc = parse(
        '"These warriors are directly supporting the mission," he wrote in one post. "We cannot thank them '
        'enough."\nThe deputy press secretary, Kingsley Wilson, also posted about the visit on her X account.'
    )
    assert [q.speaker.text for q in direct(doc) if q.speaker is not None] == ["he", "he"]


def test_a_statement_after_a_quoted_question_is_not_its_attribution():
    """``"Who pays for this?" Critics say the city will.``: the sentence after the question
    says something of its own; it does not attribute the question."""
    doc = parse('"Who pays for this?" Critics say the city will.')
    assert direct(doc)[0].speaker is None
    assert [q.text for q in reported(doc)] == ["the city will"]


def test_whom_a_question_was_asked_is_not_its_speaker():
    (quote,) = direct(parse('"Is it over?" he asked the mayor.'))
    assert quote.speaker is not None and quote.speaker.text == "he"


def test_a_title_is_a_term_even_when_its_writer_is_named():
    """``In a post titled "Why we march", activist Sara Lee argues that the protests are
    peaceful.`` — the title is not Lee's quote (the nearest cue used to make it hers)."""
    doc = parse('In a post titled "Why we march", activist Sara Lee argues that the protests are peaceful.')
    assert [t.text for t in doc.terms] == ["Why we march"]
    assert [(q.direct, q.text) for q in doc.quotes] == [(False, "the protests are peaceful")]


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # issue 21: cue verbs of manner were missing (retorted, blurted, scolded …)
        ('"Enough," the protesters chanted.', "chanted", "the protesters"),
        ('"Get out!" she shouted.', "shouted", "she"),
        ('"That is a lie," he retorted.', "retorted", "he"),
        # VOA, February 2025 (j05): 'cannot lead to a peace "that rewards the aggressor," Starmer underscored'
        (
            'Any deal cannot lead to a peace "that rewards the aggressor," Starmer underscored.',
            "underscored",
            "Starmer",
        ),
    ],
)
def test_verbs_of_manner_of_speaking_are_cues(text, cue, speaker):
    (quote,) = direct(parse(text))
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker is not None and quote.speaker.text == speaker


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # VOA: a whole clause after its cue and a comma, or before it after a fronted clause
        ('Even so, he added, "good luck enforcing that against a company without assets here."', "direct"),
        (
            'Even though AI models have restrictive terms, "no model creator has actually tried to enforce '
            'these terms," Lemley wrote.',
            "direct",
        ),
        ('The FBI was weaponized, Grassley said, noting "Mr. Patel knows it, and Mr. Patel was targeted."', "direct"),
        # fragments are no one's sentence: two words after an interposed cue, a page's text
        ('The party, Cambodians are told, "gives life."', "term"),
        ('Visitors are sent to a page saying "The site has been blocked by order" when they browse.', "term"),
    ],
)
def test_a_whole_clause_after_or_before_its_cue_is_direct(text, kind):
    """VOA: 'Even if that were the case, though, he added, "good luck enforcing that …"' and
    '…, noting "Mr. Patel knows it, Mr. Patel exposed it …"' are the speakers' own sentences,
    not fragments of the reporter's."""
    doc = parse(text)
    quotes = doc.quotes
    if kind == "term":
        assert not any(q.direct and not q.mixed for q in quotes)
        return
    quote = next(q for q in quotes if q.direct)
    assert not quote.mixed


def test_a_gerund_the_tagger_made_a_noun_still_cues_and_a_readout_speaks():
    """VOA: 'the National Retail Federation registered its opposition to the policy, writing,
    "NRF strongly opposes …"' ("writing" tagged a noun) and 'A Chinese readout said, "China
    welcomes …"' (a readout is a document that speaks)."""
    doc = parse(
        "In an email exchange with VOA, the National Retail Federation registered its opposition to the "
        'policy, writing, "NRF strongly opposes a port fee remedy, which will do nothing to force China to change."'
    )
    [quote] = direct(doc)
    assert quote.speaker is not None and "National Retail Federation" in quote.speaker.text
    doc = parse('A Chinese readout said, "China welcomes the positive efforts made by Russia to resolve the crisis."')
    [quote] = direct(doc)
    assert quote.speaker is not None and source_of(doc, quote).kind == "document"


def test_a_lone_comma_before_a_quote_is_no_cue():
    """Found by the quote-mark storm property test: a paragraph that opens with a comma
    before a quote has no cue word before that comma."""
    doc = parse(', "one two three four five six."')
    assert doc.span_errors() == []


def test_a_dialogue_set_down_as_plain_text_is_quoted_line_by_line():
    """Global Voices, Kyrgyzstan: a blogger's video transcript, "Karimdjanov: Look, she is
    drinking beer. Shall we go?" … "Policewoman: I have a praznik …", with no blockquote
    marks once the page is text."""
    doc = parse(
        "The blogger filmed the exchange in a cafe.\n\n"
        "Karimdjanov: Look, she is drinking beer in uniform. Shall we go?\n\n"
        "Policewoman: I have a holiday today, and it is non-alcoholic anyway.\n\n"
        "Karimdjanov: But you are on duty, and the rules say no drinking on duty.\n\n"
        "The video has been viewed thousands of times."
    )
    quotes = direct(doc)
    assert [q.text.split()[0] for q in quotes] == ["Look,", "I", "But"]
    assert [source_of(doc, q).name for q in quotes] == ["Karimdjanov", "Policewoman", "Karimdjanov"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry issued new rules on Monday.\n\nUpdate: The ministry has since withdrawn the rules.",
        "Prices rose again.\n\nFood: Rice and flour cost more than in May.\n\nFuel: Petrol rose by a tenth.",
    ],
    ids=["one-label", "labels-of-a-list"],
)
def test_a_label_and_a_colon_is_no_speaker(text):
    assert not direct(parse(text))


def test_a_startup_speaks_as_a_company_does():
    """VOA, sanctions: 'The startup also said that Postovoy "falsely listed himself as a VP of
    the Company" on LinkedIn': the quoted words had no speaker, "startup" being no noun that
    can speak."""
    doc = parse('The startup also said that Postovoy "falsely listed himself as a VP of the Company" on LinkedIn.')
    [quote] = direct(doc)
    assert source_of(doc, quote).name == "the startup" and source_of(doc, quote).kind == "organization"


def test_in_the_opinion_of_someone_gives_the_quoted_words_a_holder():
    """Global Voices, Brazil: 'The first lawsuit … was, in the opinion [pt] of the journalist
    Rodrigo Vianna "a lesson [from the judge] on what is freedom of expression."' The parser
    hangs "of" on the link's language tag; the holder is still the journalist."""
    doc = parse(
        "The first lawsuit, which resulted in a tie in September 2011, was, in the opinion [pt] of the "
        'journalist Rodrigo Vianna "a lesson [from the judge] on what is freedom of expression."'
    )
    [quote] = direct(doc)
    assert source_of(doc, quote).name == "Rodrigo Vianna"


def test_a_letter_after_its_intro_is_quoted_from_its_salutation_on():
    """Global Voices, Ethiopia: "Joel Simon, Executive Director of CPJ, writes a public letter
    to President Barack Obama:" then "Dear President Obama:" then the letter. The salutation
    ends in a colon too, but it opens the letter, not another introduction."""
    doc = parse(
        "Joel Simon, Executive Director of CPJ, writes a public letter to President Barack Obama:\n\n"
        "Dear President Obama:\n\n"
        "As you prepare to host the G-8 summit, we call on you to consider the role of an independent press.\n\n"
        "The summit opens on Friday."
    )
    quotes = direct(doc)
    assert [q.text[:12] for q in quotes] == ["Dear Preside", "As you prepa"]
    assert {source_of(doc, q).name for q in quotes} == {"Joel Simon"}


def test_a_document_that_states_before_a_colon_speaks_for_itself():
    """Global Voices, Hong Kong: with the link's tag, "The online poster [zh] states:" parses
    as a noun phrase headed by "states" (a plural noun); the poster is who speaks."""
    doc = parse(
        "A right wing evangelist group has launched an online campaign against the tour.\n"
        "The online poster [zh] states:\n"
        "Lady Gaga's concerts will be held between May 2 and May 7 in Hong Kong, and we plead with Christians to pray."
    )
    [quote] = direct(doc)
    assert source_of(doc, quote).name == "the online poster"


@pytest.mark.parametrize(
    "text",
    [
        # the intro names whose words they are, or its verb introduces nobody's words (review)
        'The minister faced a simple question from reporters: "Will you resign?"',
        'Smith received a text message from his brother: "Get out of the city now."',
        'Police found a note at the scene: "I am sorry for everything."',
        # a verb that answers the quote does not attribute it
        '"We will win." Smith denied.',
        # a post that names whom it quotes after the marks
        '@bob_k: "I am not a crook." Nixon, 1973.',
    ],
)
def test_no_speaker_where_the_text_gives_none(text):
    assert all(q.speaker is None for q in direct(parse(text)))


def test_an_answer_to_a_quote_does_not_take_it_from_its_speaker():
    doc = parse('Smith said the plan would fail.\n\n"It is a waste of money." Critics agree.')
    assert [q.speaker.text for q in direct(doc) if q.speaker is not None] == ["Smith"]


def test_a_magistrate_asks_and_a_crowd_answers():
    """Global Voices, May 2012 (tests/data/mainstream q12): 'The township magistrate asked, "Did
    the people on Orchid Island produce this nuclear waste?" The crowd answered, "Taiwan."' —
    neither "magistrate" nor "crowd" counted as someone who can speak, nor "answer" as a cue."""
    doc = parse(
        'The township magistrate asked, "Did the people on Orchid Island produce this nuclear waste?" '
        'The crowd answered, "Taiwan."'
    )
    assert [(q.speaker.text, q.cue.text) for q in direct(doc) if q.speaker and q.cue] == [
        ("The township magistrate", "asked"),
        ("The crowd", "answered"),
    ]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        # Global Voices (g18): a word mentioned, in a sentence with a speaker of its own
        ('Many parents do not want to hear the word "abortion" because, according to them, it is a sin.', "abortion"),
        # Global Voices (p01): a scare quote after "so-called", in a quoted writer's sentence
        (
            "It is woeful that, after 5 decades of this so-called “nation building”, Singaporeans still argue.",
            "nation building",
        ),
        # VOA (v05): a term a speaker avoids
        (
            'Chinese officials called for a "political settlement," refraining from using the term "Ukraine war."',
            "Ukraine war.",
        ),
        # Global Voices (l08, j11)
        (
            'On the other side, the blog Unificacionistas, in its post "Equality for few", says the law is unfair.',
            "Equality for few",
        ),
        (
            'An initiative to establish a new federal law known as "For an unconditional basic income" was launched.',
            "For an unconditional basic income",
        ),
    ],
)
def test_a_word_mentioned_or_a_works_name_is_a_term_whoever_speaks(text, term):
    doc = parse(text)
    assert term in [t.text for t in doc.terms]
    assert not [q for q in doc.quotes if q.direct and q.text == term]


@pytest.mark.parametrize(
    "text",
    ['She said the post "was a lie" and deleted it.', 'The minister called the post "a disgrace to journalism".'],
)
def test_words_after_a_work_that_do_not_name_it_stay_a_quote(text):
    assert [q.mixed for q in direct(parse(text))] == [True]


@pytest.mark.parametrize(
    "text",
    [
        # (a review's invented cases) a cue right before the work gives the words
        'Ruto told the programme "I will not sign this bill."',
        'Musk wrote in a post "We will fight this in court," and logged off.',
        # a translation of someone's words is theirs
        'Protesters chanted "Hatutoki," meaning "we will not leave," as police watched.',
    ],
)
def test_words_a_cue_gives_before_a_work_stay_a_quote(text):
    assert direct(parse(text))
