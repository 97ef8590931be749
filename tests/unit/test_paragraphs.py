"""Paragraphs as real text has them (analysis/paragraphs.py), and the rules that use them."""

from __future__ import annotations

from newsreader.analysis import parse_article
from newsreader.analysis.paragraphs import paragraphs
from newsreader.model import RawArticle


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraphs(text).spans]


def test_one_paragraph_per_line():
    assert texts("One.\nTwo.\n  Three.  ") == ["One.", "Two.", "Three."]


def test_blank_lines_separate_and_are_never_paragraphs():
    text = '"We will win," the mayor said.\n\n"Nobody doubts it."\n\n\nThe end.'
    assert texts(text) == ['"We will win," the mayor said.', '"Nobody doubts it."', "The end."]
    p = paragraphs(text)
    assert p.previous(text.index("Nobody")) == p.spans[0]


def test_wrapped_lines_join_into_one_paragraph():
    text = (
        "The council voted on Tuesday to expand the tram line to the\n"
        "northern districts, a project officials said would cost\n"
        "$240 million.\n\n"
        '"This is the most important decision in a generation," the\n'
        "mayor said.\n"
    )
    assert texts(text) == [text[: text.index("\n\n")], text[text.index('"This') :].rstrip()]
    assert text.index("\n") in paragraphs(text).soft


def test_blank_lines_between_long_one_line_paragraphs_are_spacing():
    long = "This sentence is long enough that no one would wrap a line at this point, surely not. " * 2
    text = f"{long}\n{long}\n\n{long}"
    assert len(texts(text)) == 3


def test_a_stand_alone_quote_paragraph_after_a_blank_line_keeps_its_speaker():
    """The motivating case: web text puts a blank line between paragraphs, and the speaker
    carry-over looked at the empty line."""
    text = (
        '"The line will change how this city moves," Mayor Ana Ruiz said on Tuesday.\n\n'
        '"Nobody will need a car to reach the northern districts."\n\n'
        "The council approved the plan by nine votes to two."
    )
    doc = parse_article(RawArticle("t", None, text, "t"))
    second = next(q for q in doc.quotes if q.text.startswith("Nobody"))
    assert second.speaker is not None and "Ruiz" in second.speaker.text


def test_a_quote_across_wrapped_lines_is_one_quote_with_its_speaker():
    text = (
        "The council voted on Tuesday to expand the tram line to the\n"
        "northern districts at a cost of $240 million.\n\n"
        '"This is the most important transport decision in a\n'
        'generation," Mayor Ana Ruiz told reporters after the vote.\n'
    )
    doc = parse_article(RawArticle("t", None, text, "t"))
    [quote] = [q for q in doc.quotes if q.direct]
    assert quote.text.startswith("This is") and quote.text.rstrip(",").endswith("generation")
    assert quote.speaker is not None and "Ruiz" in quote.speaker.text


def test_the_parser_reads_a_wrapped_line_as_one_line():
    """VOA wire copy wrapped at ~70 characters: ``brought 104 deportees, according to media`` /
    ``reports.`` The parse joins the wrap (same offsets), so the source is "media reports";
    the document keeps its newlines and every span its exact text."""
    from newsreader.analysis.pipeline import parse_text

    text = (
        "The first flight landed in the morning after a long delay at the base\n"
        "near the border, and officials met it on the runway.\n\n"
        "The military aircraft, which landed amid tight security, brought 104\n"
        "deportees, according to media\n"
        "reports.\n\n"
        "Another flight is due next week, the officials said in a short statement.\n"
    )
    joined = parse_text(text)
    assert len(joined) == len(text) and "media reports" in joined and "\n\n" in joined
    doc = parse_article(RawArticle(title="Deportees", published="2025-01-24", text=text, source="<test>"))
    assert doc.text == text and doc.span_errors() == []
    [quote] = [q for q in doc.quotes if q.cue is not None and q.cue.text == "according to"]
    assert quote.text.startswith("The military aircraft, which landed") and quote.text.endswith("deportees")
    assert quote.speaker is not None and quote.speaker.text == "media\nreports"
