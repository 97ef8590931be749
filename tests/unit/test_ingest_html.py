"""HTML files: only the article text is kept, with title, date and author from metadata."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsreader.ingest import IngestError, read_input
from newsreader.ingest.html import strip_byline
from newsreader.ingest.html_meta import choose_date, choose_title, page_metadata, parse_date
from newsreader.ingest.sniff import sniff_html

HTML = Path(__file__).parents[1] / "data" / "html"
PAGES = sorted(p.name[: -len(".gold.json")] for p in HTML.glob("*.gold.json"))
BOILERPLATE = [
    "We use cookies",  # cookie banner
    "Advertisement",  # ad slot
    "Related stories",  # related links
    "Markets slide as investors",
    "reader1987",  # comments
    "Nobody listens",
    "Sign up for our free newsletter",
    "All rights reserved",  # footer
    "Celebrity chef",  # most read
    "Share on Facebook",
    "Garage sale",  # sidebar
    "Lire aussi",
    "Read more:",
    "Download our app",  # inline app promo
    "RELATED:",
]


def gold(name: str) -> dict:
    return json.loads((HTML / f"{name}.gold.json").read_text(encoding="utf-8"))


def test_there_are_enough_fixtures():
    assert len(PAGES) >= 6


@pytest.mark.parametrize("name", PAGES)
def test_fixture_title_date_and_only_article_text(name):
    expected = gold(name)
    article = read_input(str(HTML / f"{name}.html"))
    assert article.title == expected["title"]
    assert article.published == expected["published"]
    lines = article.text.split("\n")
    for paragraph in expected["text"].split("\n"):
        assert paragraph in lines  # every paragraph kept, one per line
    for junk in BOILERPLATE:
        assert junk not in article.text, junk
    assert lines[0] != article.title  # the headline is not repeated as the first paragraph
    assert article.source == str(HTML / f"{name}.html")


def test_author_from_json_ld_and_meta():
    assert read_input(str(HTML / "ledger-transit.html")).author == "Maria Chen"
    assert read_input(str(HTML / "courier-drought.html")).author == "Sarah Whitfield"


def test_html_is_sniffed_without_an_extension(tmp_path):
    path = tmp_path / "saved-page"
    path.write_bytes((HTML / "courier-drought.html").read_bytes())
    assert read_input(str(path)).title == gold("courier-drought")["title"]
    stdin = io.BytesIO((HTML / "metro-hospitals.html").read_bytes())
    assert read_input("-", stdin=stdin).published == "2022-11-10"


def test_stray_nul_bytes_in_a_page_are_not_binary(tmp_path):
    path = tmp_path / "nul.html"
    path.write_bytes((HTML / "courier-drought.html").read_bytes().replace(b"<footer", b"\x00<footer"))
    assert read_input(str(path)).title == gold("courier-drought")["title"]


def test_page_without_article_text_is_an_error():
    with pytest.raises(IngestError, match="no article text found"):
        read_input(str(HTML / "no-text.html"))


def test_published_override_wins(tmp_path):
    assert read_input(str(HTML / "ledger-transit.html"), published="2001-02-03").published == "2001-02-03"


def test_sniff_html():
    assert sniff_html(b"\xef\xbb\xbf  <!DOCTYPE html><html>")
    assert sniff_html(b"<?xml version='1.0'?>\n<!-- saved -->\n<html lang='en'>")
    assert not sniff_html(b"date 2024-01-01 Title\n<html> in a body line")


def test_title_vote_strips_site_names_and_ignores_logo_h1():
    meta = {
        "site_name": "The Daily",
        "title_tag": "Storm closes schools across the county | The Daily",
        "og_title": "Storm closes schools across the county",
        "h1": ["The Daily", "Storm closes schools across the county"],
        "article_h1": ["Storm closes schools across the county"],
    }
    assert choose_title(meta) == "Storm closes schools across the county"
    # Only <title>: a short suffix is read as the site name; a short prefix is kept.
    assert choose_title({"title_tag": "Storm closes schools - Metro Post"}) == "Storm closes schools"
    assert choose_title({"title_tag": "Storm closes schools across the county | Local | Metro Post"}) == (
        "Storm closes schools across the county"
    )
    assert choose_title({"title_tag": "Biden - Trump debate ends in chaos"}) == "Biden - Trump debate ends in chaos"
    # An SEO og:title loses to the headline that h1, twitter and JSON-LD agree on.
    meta = {
        "og_title": "Storm: schools shut",
        "twitter_title": "Storm closes schools",
        "jsonld_headline": "Storm closes schools",
        "h1": ["Storm closes schools"],
    }
    assert choose_title(meta) == "Storm closes schools"


def test_logo_h1_does_not_vote():
    page = (
        "<html><head><title>Storm closes schools across the county | Metro Post</title></head><body>"
        "<header><h1><a href='/'>Metro Post</a></h1></header>"
        "<div class='top'><h1 class='brand'>Metro Post</h1></div>"
        "<div class='story'><h1>Storm closes schools across the county</h1>"
        "<p>The storm closed every school in the county on Monday, officials said in a statement.</p>"
        "</div></body></html>"
    )
    assert page_metadata(page)["h1"] == ["Storm closes schools across the county"]


def test_leading_byline_and_dateline_are_dropped():
    assert strip_byline("January 15, 2024 · 10:58 PM EST\nBy Ana Lopes\nThe quake hit.") == "The quake hit."
    assert strip_byline("Par Claire Dubois\nDes vols annulés.") == "Des vols annulés."
    # A subheading or a sentence is body text.
    assert strip_byline("By the numbers\nX.") == "By the numbers\nX."
    assert strip_byline("On 15 January 2024 the quake hit the coast.\nMore.").startswith("On 15 January")


def test_date_priority_and_formats():
    meta = {
        "jsonld_published": "2024-03-12T23:58:00-05:00",
        "props": {"article:published_time": "2024-03-14T08:00:00Z"},
    }
    # JSON-LD first, and the date as written (no shift to UTC).
    assert choose_date(meta, "2024-03-15", None) == "2024-03-12"
    assert choose_date({"props": {"sailthru.date": "Tue, 05 Mar 2024 10:00:00 GMT"}}, None, None) == "2024-03-05"
    assert choose_date({}, None, "https://x.example/2023/05/14/story.html") == "2023-05-14"
    # The URL's (local) date beats a UTC timestamp that crossed midnight; canonical URLs count.
    utc = {"jsonld_published": "2023-05-15T02:10:00Z", "canonical_url": "https://x.example/2023/05/14"}
    assert choose_date(utc, None, None) == "2023-05-14"
    assert choose_date({"props": {"date": "2020-01-01"}, "time_published": "2019-12-31"}, None, None) == "2019-12-31"
    assert choose_date({"jsonld_published": "not a date"}, None, None) is None
    assert parse_date("1700000000") == "2023-11-14"
    assert parse_date("2999-01-01") is None  # implausible (future)


def test_a_date_in_the_page_title_beats_htmldate_s_guess():
    # A real DW page: no date meta, no JSON-LD, no <time>; "| DW | 10.06.2013" in <title>,
    # while htmldate picked a related article's teaser date.
    meta = {"title_tag": "Uncorking Germany's wine | Culture | DW | 10.06.2013", "props": {}}
    assert choose_date(meta, "2019-08-01", None) == "2013-06-10"
    assert choose_date({"title_tag": "Storm hits coast - March 3, 2021", "props": {}}, None, None) == "2021-03-03"
    # A slashed date could be read either way: not taken from a title.
    assert choose_date({"title_tag": "Report 06/10/2013", "props": {}}, "2013-06-09", None) == "2013-06-09"


def test_precision_mode_may_drop_one_block_but_not_the_article_s_structure():
    from newsreader.ingest.html import _drops_inside

    body = ["Intro paragraph.", "Q1?", "Answer one.", "Q2?", "Answer two.", "Q3?", "Answer three."]
    headings_gone = "\n".join(line for line in body if not line.endswith("?"))
    assert _drops_inside("\n".join(body), headings_gone)
    promo = ["First paragraph.", "Get breaking news alerts on your phone.", "Download our app", "Second paragraph."]
    assert not _drops_inside("\n".join(promo), "First paragraph.\nSecond paragraph.")
    assert not _drops_inside("Dateline\nOne.\nTwo.", "One.\nTwo.")


def test_googleoff_regions_are_not_article_text():
    from newsreader.ingest.html import extract_html

    story = "".join(f"<p>Paragraph {i} of the post says something worth reading about the topic.</p>" for i in range(4))
    teasers = "".join(
        f'<div class="nextstory"><h2><a href="/{i}">Next post {i}</a></h2><p>A teaser for another story number {i} '
        f"that is not part of this one at all, with enough words to look like prose.</p></div>"
        for i in range(6)
    )
    html = (
        f"<html><head><title>Millennials and money</title></head><body><article><h1>Millennials and money</h1>"
        f"<div id='story'>{story}<!--googleoff: all--><div id='next'>{teasers}</div><!--googleon: all--></div>"
        f"</article></body></html>"
    )
    text = extract_html(html).text
    assert "Paragraph 3 of the post" in text
    assert "teaser" not in text.lower()


def test_a_dateline_under_the_headline_is_dropped_with_it():
    # Seen opening the wire-quake fixture over HTTP in tmux: the first body line was
    # "January 15, 2024 · 10:58 PM EST" -- the byline check ran before the headline was removed.
    from newsreader.ingest.html import extract_html

    story = "".join(f"<p>Sentence {i} of the report tells the reader what happened in the town.</p>" for i in range(4))
    html = (
        "<html><head><title>Quake strikes coast</title></head><body><article><h1>Quake strikes coast</h1>"
        f"<p>January 15, 2024 · 10:58 PM EST</p>{story}</article></body></html>"
    )
    text = extract_html(html).text
    assert text.startswith("Sentence 0 of the report")
