"""Exports: golden files per format, escaping, the Web Annotation invariant, atomic writes.

Regenerate the golden files after an intended change with
``NEWSREADER_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_export.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsreader.export import FORMATS, render_export
from newsreader.export.html import theme_variables
from newsreader.export.markdown import escape
from newsreader.model import Claim, Cue, DateSpan, Document, Entity, Mention, Number, Quote, Source, Speaker
from newsreader.service import save_export as write_export
from newsreader.store.reviews import Review, ReviewStore

GOLDEN = Path(__file__).parents[1] / "data" / "export"
UPDATE = os.environ.get("NEWSREADER_UPDATE_GOLDEN") == "1"
UPDATED = 1734523200.0  # 2024-12-18T12:00:00Z

TEXT = (
    "Mayor Ann Lee said the *budget* rose 5% to $2 million | in June.\n"
    "\"It is <script>alert('x')</script> fine,\" an official said on condition of anonymity.\n"
    "# Not a heading, and [not](a link) or `code` or _emphasis_ or $math$ & &amp; more.\n"
)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def build_doc() -> Document:
    t = TEXT
    s = lambda needle, nth=0: _span(t, needle, nth)  # noqa: E731
    lee = s("Mayor Ann Lee")
    official = s("an official")
    q1 = s("It is <script>alert('x')</script> fine,")
    reported = s("the *budget* rose 5% to $2 million | in June")
    sent1 = s("Mayor Ann Lee said the *budget* rose 5% to $2 million | in June.")
    sent2 = (t.index('"It'), t.index("anonymity.") + len("anonymity."))
    sent3 = s("# Not a heading, and [not](a link) or `code` or _emphasis_ or $math$ & &amp; more.")
    return Document(
        id="f" * 64,
        title="Budget <b>rises</b> | *again*",
        published="2024-12-18",
        source="tests/budget.txt",
        text=t,
        entities=(
            Entity("e1", *s("Ann Lee"), "Ann Lee", "PERSON", "Ann Lee"),
            Entity("e2", *s("June"), "June", "DATE", "June"),
        ),
        numbers=(
            Number("n1", *s("5%"), "5%", "percent", 5.0, "%"),
            Number("n2", *s("$2 million"), "$2 million", "money", 2e6, "USD"),
        ),
        quotes=(
            Quote(
                "q1",
                *reported,
                t[reported[0] : reported[1]],
                False,
                Speaker("Mayor Ann Lee", *lee, "s1"),
                Cue("said", *s("said")),
            ),
            Quote(
                "q2", *q1, t[q1[0] : q1[1]], True, Speaker("an official", *official, "s2"), Cue("said", *s("said", 1))
            ),
        ),
        sources=(
            Source("s1", "Ann Lee", "person", "Mayor Ann Lee", (Mention(*lee),), ("q1",), ("c1",)),
            Source(
                "s2",
                "an official",
                "anonymous",
                "an official, on condition of anonymity",
                (Mention(*official),),
                ("q2",),
                ("c2",),
            ),
        ),
        claims=(
            Claim("c1", *sent1, t[sent1[0] : sent1[1]], "s1", "said", ("q1",)),
            Claim("c2", *sent2, t[sent2[0] : sent2[1]], "s2", "said", ("q2",)),
            Claim("c3", *sent3, t[sent3[0] : sent3[1]], None, None, ()),
        ),
        dates=(DateSpan("d1", *s("June"), "June", "2024-06", "month", True),),
    )


def build_reviews(doc: Document) -> dict[str, Review]:
    c1, c2 = doc.claims[0], doc.claims[1]
    return {
        "c1": Review(
            doc.id,
            "c1",
            c1.text,
            c1.start,
            c1.end,
            "disputed",
            "City records say 4% | not 5% *yet*.\n<b>x</b>",
            UPDATED,
        ),
        "c2": Review(doc.id, "c2", c2.text, c2.start, c2.end, "unverifiable", "", UPDATED),
        "orphan:9": Review(
            doc.id, "orphan:9", "A sentence that was removed.", 500, 528, "false", "gone", UPDATED, orphaned=True
        ),
    }


@pytest.fixture
def doc():
    d = build_doc()
    assert d.span_errors() == []
    return d


def reviewer_claims(doc: Document) -> tuple[list[Claim], list[Claim]]:
    """The claims under review: c3 dismissed, one reviewer-added claim inside c1."""
    start, end = _span(doc.text, "5% to $2 million")
    added = Claim("u4", start, end, doc.text[start:end], None, None)
    return [doc.claims[0], added, doc.claims[1]], [doc.claims[2]]


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(doc, fmt):
    claims, dismissed = reviewer_claims(doc)
    reviews = build_reviews(doc)
    reviews["u4"] = Review(doc.id, "u4", claims[1].text, claims[1].start, claims[1].end, "supported", "", UPDATED)
    out = render_export(doc, reviews, fmt, claims=claims, dismissed=dismissed)
    suffix = {"md": "md", "html": "html", "json": "json", "annotations": "jsonld", "claimreview": "claimreview.jsonld"}[
        fmt
    ]
    golden = GOLDEN / f"budget.{suffix}"
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert golden.exists(), f"missing golden file {golden}; run with NEWSREADER_UPDATE_GOLDEN=1"
    assert out == golden.read_text(encoding="utf-8")


def test_unknown_format_is_refused(doc):
    with pytest.raises(ValueError):
        render_export(doc, {}, "pdf")


# -- HTML ------------------------------------------------------------------------------


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.links += [v for k, v in attrs if k in ("src", "href") and v]

    def handle_data(self, data):
        self.text.append(data)


def test_html_escapes_article_text_and_is_self_contained(doc):
    out = render_export(doc, build_reviews(doc), "html")
    parser = _Collect()
    parser.feed(out)
    assert "script" not in parser.tags and "b" not in parser.tags
    assert "<script>" not in out and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in out
    assert "<script>alert('x')</script>" in "".join(parser.text)  # shown as text
    assert all(link.startswith("#") for link in parser.links)  # no external resources
    assert "http://" not in out and "https://" not in out and "@import" not in out
    assert "Content-Security-Policy" in out


def test_html_layers_overlap_and_every_character_is_kept(doc):
    out = render_export(doc, {}, "html")
    article = out[out.index('<article class="text">') : out.index("</article>")]
    # A number inside a reported quote inside a claim carries all three classes.
    assert re.search(
        r'<span class="[^"]*hl-quote[^"]*hl-number[^"]*hl-claim[^"]*"[^>]*>5%</span>', article
    ) or re.search(r'<span class="(?=[^"]*hl-quote)(?=[^"]*hl-number)(?=[^"]*hl-claim)[^"]*"[^>]*>5%</span>', article)
    parser = _Collect()
    parser.feed(article.replace("</sup>", "</sup>\x00"))
    shown = re.sub(r"(c\d)\x00", "", "".join(parser.text))
    assert shown.replace("\n", "") == doc.text.replace("\n", "")


def test_html_uses_theme_colours_and_rejects_non_colours():
    variables = theme_variables({"nr-quote": "#123456", "nr-date": "red; } body { display: none", "background": "#000"})
    assert variables["nr-quote"] == "#123456"
    assert variables["nr-date"] != "red; } body { display: none"
    assert variables["background"] == "#000"
    light = theme_variables({"nr-quote": "#e4e9f5"})
    assert light["background"] != theme_variables(None)["background"]


def test_html_theme_reaches_the_page(doc):
    out = render_export(doc, {}, "html", theme={"nr-number": "#abcdef"})
    assert "--nr-number: #abcdef;" in out


# -- Markdown ------------------------------------------------------------------------------


def test_markdown_escapes_article_text(doc):
    out = render_export(doc, build_reviews(doc), "md")
    assert "\\*budget\\*" in out and "\\| in June" in out
    assert "\\<script>" in out and "<script>" not in out.replace("\\<script>", "")
    assert "\\# Not a heading" in out
    assert "\\[not\\](a link)" in out and "\\`code\\`" in out and "\\_emphasis\\_" in out and "\\$math\\$" in out
    assert "\\&amp;" in out
    # Table rows keep their column count: each | inside a cell is escaped.
    table = out[out.index("| # | Claim") :].split("\n\n")[0].splitlines()
    counts = {len(re.findall(r"(?<!\\)\|", row)) for row in table}
    assert counts == {6}


def test_markdown_escape_function():
    assert escape("a|b*c_d`e[f]g<h>i$j~k\\l") == "a\\|b\\*c\\_d\\`e\\[f\\]g\\<h>i\\$j\\~k\\\\l"
    assert escape("- item", line_start=True) == "\\- item"
    assert escape("1. first", line_start=True) == "1\\. first"
    assert escape("> quote", line_start=True) == "\\> quote"
    assert escape("AT&T and &copy;") == "AT&T and \\&copy;"


def test_markdown_marks_every_claim_and_bolds_reviewed_ones(doc):
    out = render_export(doc, build_reviews(doc), "md")
    article = out[out.index("## Article") : out.index("## Claims")]
    for claim in doc.claims:
        assert f"[^{claim.id}]" in article
        assert f"\n[^{claim.id}]: " in out
    assert article.count("**") == 4  # c1 and c2 are reviewed, c3 is not
    assert "a sentence that was removed" in out.lower()  # the orphan is listed


# -- JSON and Web Annotations ---------------------------------------------------------------


def test_json_is_the_document_plus_reviews(doc):
    data = json.loads(render_export(doc, build_reviews(doc), "json"))
    assert Document.from_dict(data) == doc
    assert [r["claim_id"] for r in data["reviews"]] == ["c1", "c2", "orphan:9"]
    assert data["reviews"][2]["orphaned"] is True
    assert data["reviews"][0]["updated"] == "2024-12-18T12:00:00Z"
    assert data["review_progress"] == {"reviewed": 2, "total": 3}


def test_annotations_exact_matches_the_text(doc):
    data = json.loads(render_export(doc, build_reviews(doc), "annotations"))
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert len(items) == len(doc.claims) == data["total"]
    for item in items:
        assert item["type"] == "Annotation"
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        assert quote["exact"] == doc.text[position["start"] : position["end"]]
        assert doc.text[: position["start"]].endswith(quote.get("prefix", ""))
        assert doc.text[position["end"] :].startswith(quote.get("suffix", ""))
        assert item["target"]["source"] == f"urn:sha256:{doc.id}"
    purposes = {b["purpose"]: b["value"] for b in items[0]["body"]}
    assert purposes["assessing"] == "disputed" and purposes["commenting"].startswith("City records")
    assert items[0]["motivation"] == "assessing" and items[2]["motivation"] == "highlighting"


def test_exports_of_the_sample_with_a_real_store(sample_doc, tmp_path):
    store = ReviewStore(tmp_path / "r.sqlite3")
    assert sample_doc.claims, "the sample article should have claims"
    first = sample_doc.claims[0]
    store.set_status(sample_doc, first, "supported")
    store.set_note(sample_doc, first, "Checked | against *the* briefing")
    added = store.add_claim(sample_doc, 0, 5)
    store.dismiss(sample_doc, sample_doc.claims[-1])
    kw = dict(claims=store.claims(sample_doc), dismissed=store.dismissed(sample_doc))
    outputs = {fmt: render_export(sample_doc, store.reviews(sample_doc), fmt, **kw) for fmt in FORMATS}
    data = json.loads(outputs["json"])
    assert [c["id"] for c in data["reviewer_claims"]] == [added.id]
    assert [c["id"] for c in data["dismissed_claims"]] == [sample_doc.claims[-1].id]
    items = json.loads(outputs["annotations"])["first"]["items"]
    assert len(items) == len(kw["claims"])
    for item in items:
        quote, position = item["target"]["selector"]
        assert quote["exact"] == sample_doc.text[position["start"] : position["end"]]
    assert "Checked \\| against \\*the\\* briefing" in outputs["md"]
    assert "(added by reviewer)" in outputs["html"]


# -- atomic writes ----------------------------------------------------------------------------


def test_write_export_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "out.md"
    target.write_text("precious")
    with pytest.raises(FileExistsError):
        write_export(target, "new content")
    assert target.read_text() == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]  # no temporary file left behind
    write_export(target, "new content", force=True)
    assert target.read_text() == "new content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_write_export_creates_a_readable_file(tmp_path):
    target = tmp_path / "fresh.html"
    write_export(target, "<p>ü</p>\n")
    assert target.read_bytes() == "<p>ü</p>\n".encode()
    assert target.stat().st_mode & 0o044  # not left 0600 like a temporary file


def test_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "out.json"
    target.write_text("old")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_export(target, "new", force=True)
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_markdown_renders_article_text_verbatim(doc):
    """Through a CommonMark + GFM-tables renderer, the article comes back as plain text."""
    markdown_it = pytest.importorskip("markdown_it")
    footnote = pytest.importorskip("mdit_py_plugins.footnote")
    md = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote.footnote_plugin)
    dismissed_md = md.render(render_export(doc, {}, "md", claims=doc.claims[:2], dismissed=doc.claims[2:]))
    assert "<li># Not a heading" in dismissed_md and "<h1>Not" not in dismissed_md
    html_out = md.render(render_export(doc, build_reviews(doc), "md"))
    article = html_out[html_out.index("<h2>Article</h2>") : html_out.index("<h2>Claims</h2>")]
    paragraphs = re.findall(r"<p>(.*?)</p>", article, re.S)
    plain = [re.sub(r"<sup class=\"footnote-ref\">.*?</sup>", "", p) for p in paragraphs]
    plain = [re.sub(r"</?strong>", "", p) for p in plain]
    import html as html_mod

    assert [html_mod.unescape(p) for p in plain] == [line for line in doc.text.splitlines()]
    body = html_out[html_out.index("<h2>Article</h2>") :]
    assert not re.search(r"<(script|b>|a href=\"a link\"|code|em|h\d>Not)", body)
    rows = re.findall(
        r"<tr>(.*?)</tr>", html_out[html_out.index("<h2>Claims</h2>") : html_out.index("<h2>Sources")], re.S
    )
    assert all(r.count("<td") == 5 for r in rows[1:]) and len(rows) == 4


def test_html_never_puts_a_raw_status_in_markup(doc):
    c1 = doc.claims[0]
    evil = {"c1": Review(doc.id, "c1", c1.text, c1.start, c1.end, 'x" onmouseover="alert(1)', "", UPDATED)}
    out = render_export(doc, evil, "html")
    assert 'onmouseover="alert(1)' not in out
    assert "st-other" in out


def test_markdown_footnote_does_not_double_a_note_s_final_period(doc):
    c2 = doc.claims[1]
    reviews = {
        "c2": Review(doc.id, "c2", c2.text, c2.start, c2.end, "unverifiable", "Checked the DoD briefing.", UPDATED)
    }
    out = render_export(doc, reviews, "md")
    footnote = next(line for line in out.splitlines() if line.startswith("[^c2]:"))
    assert footnote.endswith("note: Checked the DoD briefing.")
    assert next(line for line in out.splitlines() if line.startswith("[^c1]:")).endswith(".")


def _html_article(text: str, entities: list[Entity] | None = None) -> str:
    """The ``<article>`` of the HTML export of a bare document (no analysis but ``entities``)."""
    doc = Document(
        id="sha256:" + "0" * 64,
        title="Blockquote",
        published="2024-12-18",
        source="quote.txt",
        text=text,
        entities=entities or [],
        quotes=[],
        numbers=[],
        dates=[],
        claims=[],
        sources=[],
    )
    out = render_export(doc, {}, "html")
    return out[out.index('<article class="text">') : out.index("</article>")]


def test_html_gives_a_marked_paragraph_back_its_blockquote():
    """Ingest writes a page's blockquote as a "> " paragraph; the HTML copy shows it as a
    blockquote again, with the mark kept in the page but hidden."""
    article = _html_article("Mambwe wrote:\n> A president must learn to absorb criticism.\nThe case goes on.")
    assert (
        '<blockquote><p><span class="set-off">&gt; </span>A president must learn to absorb criticism.</p></blockquote>'
        in article
    )
    assert "<p>Mambwe wrote:</p>" in article and "<p>The case goes on.</p>" in article


def test_html_finds_the_blockquote_mark_under_a_highlight():
    """The mark is found in the text, not in the escaped page: a highlight that starts at the
    paragraph's first character still leaves a blockquote, the mark hidden and kept."""
    text = "Mambwe wrote:\n> Mwanawasa was right about criticism.\nThe case goes on."
    start = text.index("> ")
    person = Entity("e1", start, start + len("> Mwanawasa"), "> Mwanawasa", "PERSON", "Mwanawasa")
    quoted = next(line for line in _html_article(text, [person]).splitlines() if "was right" in line)
    assert quoted.startswith('<blockquote><p><span class="set-off">&gt; </span>')
    assert quoted.endswith("</p></blockquote>") and "Mwanawasa</span> was right about criticism." in quoted
