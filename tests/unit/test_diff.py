"""The structural diff of two versions: one test per kind of change, each with the sentence
pair that motivated it, both versions parsed by the real pipeline."""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest

from newsreader.analysis import parse_texts
from newsreader.analysis.diff import SCHEMA, DocumentDiff, diff_documents, paragraphs, sentences, text_diff
from tests.conftest import SAMPLE

DATE = "date 2024-03-05"


def versions(old: str, new: str, title: str = "Quake toll rises") -> DocumentDiff:
    """The diff of two article bodies (one paragraph per line), both under ``title``
    unless a body starts with its own ``date`` line."""
    texts = [t if t.startswith("date ") else f"{DATE} {title}\n{t}" for t in (old, new)]
    before, after = parse_texts(texts)
    return diff_documents(before, after)


def no_change(diff: DocumentDiff) -> None:
    assert not diff.changed, diff.to_dict()
    assert (diff.headline, diff.quotes, diff.numbers, diff.sources, diff.dates) == (None, (), (), (), ())


# -- numbers --------------------------------------------------------------------------------------


def test_a_revised_toll_is_one_number_change_and_not_a_reworded_quote():
    diff = versions(
        "At least 12 people were killed in the quake, police said.\nRescue teams searched the rubble overnight.",
        "At least 15 people were killed in the quake, police said.\nRescue teams searched the rubble overnight.",
    )
    [change] = diff.numbers
    assert (change.old.text, change.old.value, change.new.text, change.new.value) == ("12", 12, "15", 15)
    assert change.context == "At least 15 people were killed in the quake, police said."
    # The police's indirect quote holds the number: its change is the number's, not a rewording.
    assert diff.quotes == () and diff.sources == ()
    assert diff.summary() == "1 number revised (12 → 15)"


def test_several_hundred_becoming_about_1000_is_a_change_from_vague_to_a_count():
    diff = versions(
        "Several hundred people were evacuated from the coastal villages.",
        "About 1,000 people were evacuated from the coastal villages.",
    )
    [change] = diff.numbers
    assert (change.old.kind, change.old.value) == ("vague", None)
    assert (change.new.kind, change.new.value) == ("count", 1000)
    assert diff.summary() == "1 number revised (Several hundred → 1,000)"


def test_a_number_that_stays_in_an_edited_sentence_is_no_change():
    diff = versions(
        "At least 12 people were killed in the quake.",
        "At least 12 people were killed in the quake on Monday, officials confirmed.",
    )
    assert diff.numbers == ()


def test_two_numbers_of_one_sentence_pair_by_their_place_in_it():
    diff = versions(
        "The storm killed 12 people and injured 30 people in the region.",
        "The storm killed 14 people and injured 30 people in the region.",
    )
    [change] = diff.numbers
    assert (change.old.value, change.new.value) == (12, 14)


# -- quotes ---------------------------------------------------------------------------------------


def test_a_removed_quote_is_reported_with_its_speaker_and_old_span():
    old = (
        "The council approved the budget on Tuesday.\n"
        '"This budget puts families first," Mayor Ana Ruiz said.\n'
        "The vote was 7 to 2."
    )
    new = "The council approved the budget on Tuesday.\nThe vote was 7 to 2."
    diff = versions(old, new, title="Council passes budget")
    [change] = diff.quotes
    assert change.kind == "removed" and change.new is None
    assert change.speaker is not None and change.speaker.endswith("Ana Ruiz")
    assert change.old is not None and change.old.text.startswith("This budget puts families first")
    before = parse_texts([f"{DATE} Council passes budget\n{old}"])
    assert next(before).text[change.old.start : change.old.end] == change.old.text
    assert "1 quote removed" in diff.summary()


def test_a_softened_quote_is_reworded_by_the_same_speaker():
    diff = versions(
        '"We will never sign this deal," Foreign Minister Jan Novak said on Monday.',
        '"We are unlikely to sign this deal soon," Foreign Minister Jan Novak said on Monday.',
        title="Talks stall",
    )
    [change] = diff.quotes
    assert change.kind == "reworded" and change.speaker == "Jan Novak"
    assert change.old is not None and change.old.text.startswith("We will never sign this deal")
    assert change.new is not None and change.new.text.startswith("We are unlikely to sign this deal soon")
    assert 0.4 < change.similarity < 1
    assert diff.sources == () and diff.summary() == "1 quote reworded"


def test_an_added_quote():
    diff = versions(
        "The ministry announced the new rules on Monday.",
        'The ministry announced the new rules on Monday.\n"The rules will save lives," Health Minister Eva Berg said.',
        title="New rules",
    )
    assert [q.kind for q in diff.quotes] == ["added"]
    assert [(s.kind, s.new and s.new.name) for s in diff.sources] == [("added", "Eva Berg")]


# -- sources --------------------------------------------------------------------------------------


def test_an_anonymous_official_later_named_with_the_same_description():
    diff = versions(
        '"We will not sign this deal," a senior official said.\nThe ministry declined to comment.',
        '"We will not sign this deal," Jane Doe, a senior official at the ministry, said.\n'
        "The ministry declined to comment.",
        title="Talks stall",
    )
    [change] = diff.sources
    assert change.kind == "named" and change.reason == "description"
    assert change.old is not None and (change.old.kind, change.old.name) == ("anonymous", "a senior official")
    assert change.new is not None and (change.new.kind, change.new.name) == ("person", "Jane Doe")
    # The quote stays: its speaker is the same source, now named.
    assert diff.quotes == ()
    assert diff.summary() == "1 source named"


def test_an_anonymous_source_named_because_its_quote_moved_to_the_name():
    diff = versions(
        '"The ceasefire is holding for now," a diplomat said on condition of anonymity.',
        '"The ceasefire is holding for now," Pierre Martin said.',
        title="Ceasefire holds",
    )
    [change] = diff.sources
    assert (change.kind, change.reason) == ("named", "quote")
    assert change.new is not None and change.new.name == "Pierre Martin"
    assert diff.quotes == ()


def test_a_source_that_disappears():
    old = (
        "Fuel prices rose for the third week in a row.\n"
        "Economist Maria Lopez said the rise would slow the economy.\n"
        "Drivers queued at petrol stations across the capital."
    )
    new = "Fuel prices rose for the third week in a row.\nDrivers queued at petrol stations across the capital."
    diff = versions(old, new, title="Fuel prices rise")
    [change] = diff.sources
    assert change.kind == "removed" and change.new is None
    assert change.old is not None and change.old.name == "Maria Lopez"
    assert "1 source removed" in diff.summary()


def test_a_source_named_in_full_later_is_the_same_source():
    diff = versions(
        '"Prices will fall," Lopez said.',
        '"Prices will fall," Maria Lopez said.',
        title="Prices",
    )
    assert diff.sources == () and diff.quotes == ()


# -- dates and headline ---------------------------------------------------------------------------


def test_a_date_moved():
    diff = versions(
        "The parliament will vote on the bill on Monday, the speaker said.",
        "The parliament will vote on the bill on Wednesday, the speaker said.",
        title="Vote set",
    )
    [change] = diff.dates
    # A vote "will" take place: the coming Monday and Wednesday after publication (Tuesday 5 March).
    assert (change.old.text, change.old.value) == ("Monday", "2024-03-11")
    assert (change.new.text, change.new.value) == ("Wednesday", "2024-03-06")
    assert diff.quotes == ()  # the speaker's words changed only in their date
    assert diff.summary() == "1 date moved (Monday → Wednesday)"


def test_a_headline_changed():
    body = "At least 12 people were killed in the quake, police said."
    diff = versions(f"{DATE} Quake kills 12\n{body}", f"{DATE} Quake kills at least 12 in coastal towns\n{body}")
    assert diff.headline is not None
    assert (diff.headline.old, diff.headline.new) == ("Quake kills 12", "Quake kills at least 12 in coastal towns")
    assert diff.summary() == "headline changed"


# -- no change ------------------------------------------------------------------------------------


def test_a_moved_paragraph_is_no_change():
    first = "Rescue teams searched the rubble overnight for survivors."
    second = "At least 12 people were killed in the quake on Monday, police said."
    third = '"We are doing everything we can," Governor Luis Prado told reporters.'
    diff = versions(f"{first}\n{second}\n{third}", f"{second}\n{third}\n{first}")
    no_change(diff)
    assert diff.text_changed is False
    assert diff.summary() == "no change"
    assert text_diff(f"{first}\n{second}\n{third}", f"{second}\n{third}\n{first}") == ()


def test_a_moved_quote_paragraph_the_parser_gives_another_speaker_is_no_change():
    """A continuation quote takes the speaker of the paragraph before it: moved after Tom
    Berg's paragraph, the parser gives Ana Ruiz's words to him. The words did not change."""
    ruiz = '"The bridge will reopen in spring," Mayor Ana Ruiz said.'
    more = '"We have the money for it and the crews are ready."'
    berg = "Opposition leader Tom Berg said the plan was far too costly for the town."
    diff = versions(f"{ruiz}\n{more}\n{berg}", f"{ruiz}\n{berg}\n{more}", title="Bridge")
    no_change(diff)


def test_a_title_dropped_from_a_name_is_the_same_source():
    diff = versions(
        '"Prices will fall," Ms Lopez said.\nThe bank raised rates twice this year.',
        '"Prices will fall," Lopez said.\nThe bank raised rates twice this year.',
        title="Prices",
    )
    assert diff.sources == () and diff.quotes == ()


def test_identical_versions_are_no_change(sample_doc):
    diff = diff_documents(sample_doc, sample_doc)
    no_change(diff)
    assert diff.summary() == "no change"
    assert text_diff(sample_doc.text, sample_doc.text) == ()


def test_wording_outside_any_span_is_text_edited():
    diff = versions(
        "Rescue teams searched the rubble overnight.",
        "Rescue teams searched the rubble through the night.",
    )
    no_change(diff)
    assert diff.text_changed is True and diff.summary() == "text edited"


# -- the reference article ------------------------------------------------------------------------


def test_the_kursk_article_revised_and_one_official_named():
    old = SAMPLE.read_text(encoding="utf-8")
    new = old.replace("$5.6 billion", "$5.9 billion").replace(
        "A senior defense official said Tuesday", "Jane Doe, a senior defense official, said Tuesday"
    )
    lines = new.split("\n")
    lines.insert(3, lines.pop(7))  # and a paragraph moved up: not a change
    before, after = parse_texts([old, "\n".join(lines)])
    diff = diff_documents(before, after)
    assert diff.summary() == "1 number revised ($5.6 billion → $5.9 billion); 1 source named"
    [number] = diff.numbers
    assert (number.old.value, number.new.value) == (5.6e9, 5.9e9) and number.new.unit == "USD"
    [named] = diff.sources
    assert named.old is not None and named.old.name == "a senior defense official"
    assert named.new is not None and named.new.name == "Jane Doe"
    assert diff.quotes == () and diff.dates == () and diff.headline is None
    # The display diff shows the one edited paragraph, word by word; the moved one not at all.
    [paragraph] = text_diff(before.text, after.text)
    assert paragraph.op == "changed"
    marks = [(w.op, w.old_text, w.new_text) for w in paragraph.words if w.op != "equal"]
    assert ("replace", "$5.6", "$5.9") in marks
    for w in paragraph.words:
        assert before.text[w.old_start : w.old_end] == w.old_text
        assert after.text[w.new_start : w.new_end] == w.new_text


# -- the result and the display diff --------------------------------------------------------------


def test_to_dict_is_json_in_the_versioned_schema():
    diff = versions(
        '"We will never sign this deal," a senior official said on Monday.',
        '"We may sign this deal," Jane Doe, a senior official at the ministry, said on Tuesday.',
        title="Talks",
    )
    data = json.loads(json.dumps(diff.to_dict()))
    assert data["schema"] == SCHEMA == "newsreader.diff/1"
    assert set(data) == {
        "schema",
        "old",
        "new",
        "summary",
        "headline",
        "quotes",
        "numbers",
        "sources",
        "dates",
        "text_changed",
    }
    assert data["sources"][0]["kind"] == "named"
    assert data["quotes"][0]["kind"] == "reworded"
    assert data["dates"][0]["new"]["value"] == "2024-03-05"


def test_text_diff_lists_added_removed_and_changed_paragraphs_in_new_order():
    old = "Alpha beta gamma delta.\nThe storm hit the coast on Monday night.\nThis paragraph goes away entirely."
    new = "The storm hit the northern coast on Monday night.\nAlpha beta gamma delta.\nA new paragraph arrives."
    edits = text_diff(old, new)
    # The removed paragraph follows the new place of the one before it ("The storm…").
    assert [e.op for e in edits] == ["changed", "removed", "added"]
    changed = edits[0]
    assert [(w.op, w.old_text, w.new_text) for w in changed.words if w.op != "equal"] == [("insert", "", "northern")]
    insert = next(w for w in changed.words if w.op == "insert")
    assert new[insert.new_start : insert.new_end] == "northern" and insert.old_start == insert.old_end
    assert edits[1].old_text == "This paragraph goes away entirely." and edits[1].new_start == -1
    assert edits[2].new_text == "A new paragraph arrives." and edits[2].old_start == -1
    assert json.dumps([e.to_dict() for e in edits])


def test_paragraphs_and_sentences_of_wrapped_text():
    text = "First line of a wrapped\nparagraph goes on here\n\nSecond one. It has two sentences."
    assert [text[s:e] for s, e in paragraphs(text)] == [
        "First line of a wrapped\nparagraph goes on here",
        "Second one. It has two sentences.",
    ]
    text = "Mr. Smith arrived. He left at 5 p.m. Monday."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Mr. Smith arrived.",
        "He left at 5 p.m. Monday.",
    ]


def test_the_diff_imports_only_the_model_and_the_standard_library():
    import newsreader.analysis.diff as module

    tree = ast.parse(open(module.__file__, encoding="utf-8").read())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or "") if node.level else (node.module or "").split(".")[0])
    local = {m for m in imported if m.startswith(".")}
    assert local == {"..model"}
    assert {m for m in imported - local if m not in sys.stdlib_module_names} == set()


@pytest.mark.parametrize("edit", ["12 people", "15 people"])
def test_the_diff_is_symmetric_in_what_it_finds(edit):
    old = f"At least {edit} were killed in the quake, police said."
    new = "At least 20 people were killed in the quake, police said."
    assert len(versions(old, new).numbers) == len(versions(new, old).numbers) == 1


def test_a_paragraph_edited_only_in_punctuation_is_shown():
    [edit] = text_diff("The vote is on Monday.\nIt is close.", "The vote is on Monday!\nIt is close.")
    assert edit.op == "changed"
    assert [(w.op, w.old_text, w.new_text) for w in edit.words if w.op != "equal"] == [
        ("replace", "Monday.", "Monday!")
    ]


def test_the_diff_module_is_not_part_of_the_pipeline_version():
    """Editing the diff must not invalidate every cached document: it never runs in a parse."""
    from newsreader.analysis import version

    assert "diff.py" in version.NOT_PIPELINE
    assert (Path(version.__file__).parent / "diff.py").is_file()
