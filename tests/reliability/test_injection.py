"""Injection: article text carrying Textual/Rich markup, terminal escapes (ANSI, OSC 52
clipboard, OSC 0 title), bidi overrides and HTML/Markdown active content is data.

Ingest strips control characters (so every escape loses its ESC/BEL and what remains
is printable text), the app shows the text literally and fires no action, and every
export format escapes it.
"""

from __future__ import annotations

import html
import json
import unicodedata
from html.parser import HTMLParser

import pytest

from newsreader.analysis.pipeline import parse_texts
from newsreader.export import render_export
from newsreader.ingest import read_input

OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
OSC_TITLE = "\x1b]0;pwned title\x07"
PAYLOAD_LINES = [
    "[@click=app.quit]Quit now[/] and [bold red]shout[/] \\[escaped] [link=https://evil.example]x[/link].",
    f"An escape \x1b[31mred\x1b[0m and a clipboard write {OSC52} and a title {OSC_TITLE} and C1 \x9b2J \x9d0;t\x9c.",
    "The minister said \u202eevil\u202c reversed \u2066isolate\u2069 text, and a zero\u200bwidth joiner.",
    '<script>alert(1)</script> <img src=x onerror=alert(2)> <a href="javascript:alert(3)">link</a> &amp; &lt;',
    "[click me](javascript:alert(4)) ![img](https://evil.example/p.png) <https://evil.example> | a | b |",
    "# not a heading *not em* _not em_ `not code` ~~not struck~~ $x$ [^1] --- > not a quote",
    "\u201c[@click=app.quit]Quit[/] <script>alert(5)</script> is the plan,\u201d the official said on Tuesday.",
]
# What must survive ingest, character for character (controls removed).
LITERALS = [
    "[@click=app.quit]Quit now[/]",
    "[bold red]shout[/]",
    "[31mred",
    "]52;c;ZWNobyBwd25lZA==",
    "]0;pwned title",
    "<script>alert(1)</script>",
    "[click me](javascript:alert(4))",
    "# not a heading *not em*",
]


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("inject") / "inject.txt"
    body = "\n".join(PAYLOAD_LINES)
    path.write_bytes(("date 2024-12-18 [b]Title[/b] \x1b]0;t\x07<i>x</i>\n" + body + "\n").encode())
    return path


@pytest.fixture(scope="module")
def hostile_article(hostile_file):
    return read_input(str(hostile_file))


@pytest.fixture(scope="module")
def hostile_doc(nlp, hostile_article):
    (doc,) = parse_texts([hostile_article])
    assert doc.span_errors() == []
    return doc


def test_ingest_strips_controls_and_leaves_inert_text(hostile_article):
    for field in (hostile_article.text, hostile_article.title):
        assert not [c for c in field if unicodedata.category(c) == "Cc" and c not in "\n\t"]
        assert "\x1b" not in field and "\x07" not in field and "\x9b" not in field and "\x9d" not in field
    for literal in LITERALS:
        assert literal in hostile_article.text
    assert hostile_article.title == "[b]Title[/b] ]0;t<i>x</i>"


def test_quotes_and_claims_carry_the_payload_as_text(hostile_doc):
    assert any("[@click=app.quit]" in q.text for q in hostile_doc.quotes)
    assert any("<script>" in c.text for c in hostile_doc.claims)


# -- exports -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reviews_with_hostile_note(hostile_doc, tmp_path_factory):
    from newsreader.store.reviews import ReviewStore

    store = ReviewStore(tmp_path_factory.mktemp("reviews") / "reviews.sqlite3")
    claim = hostile_doc.claims[0]
    store.set_status(hostile_doc, claim, "disputed")
    store.set_note(hostile_doc, claim, "note <script>alert(6)</script> [@click=app.quit]q[/] \x1b]52;c;eA==\x07")
    yield store
    store.close()


def export(doc, store, fmt):
    return render_export(doc, store.reviews(doc), fmt, claims=store.claims(doc), dismissed=store.dismissed(doc))


class _Active(HTMLParser):
    """Collects active HTML: elements, event attributes and script URLs; and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.bad: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("script", "img", "iframe", "object", "embed", "link", "base", "form", "meta"):
            harmless_meta = tag == "meta" and all(
                k in ("charset", "name", "content") or (k == "http-equiv" and v == "Content-Security-Policy")
                for k, v in attrs
            )
            if not harmless_meta:
                self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith(("javascript:", "data:")):
                self.bad.append(f"{tag} {name}={value}")
            if name in ("href", "src") and not (value or "").startswith("#"):
                self.bad.append(f"{tag} {name}={value}")

    def handle_data(self, data):
        self.text.append(data)


def test_html_export_is_escaped(hostile_doc, reviews_with_hostile_note):
    out = export(hostile_doc, reviews_with_hostile_note, "html")
    parser = _Active()
    parser.feed(out)
    assert parser.bad == []
    assert parser.tags.count("style") <= 1
    visible = "".join(parser.text)
    assert "<script>alert(1)</script>" in visible
    assert "[@click=app.quit]Quit now[/]" in visible
    assert "note <script>alert(6)</script>" in visible
    assert "\x1b" not in out and "\x07" not in out


def test_markdown_export_renders_no_active_content(hostile_doc, reviews_with_hostile_note):
    from markdown_it import MarkdownIt

    out = export(hostile_doc, reviews_with_hostile_note, "md")
    assert "\x1b" not in out and "\x07" not in out
    rendered = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(out)
    parser = _Active()
    parser.feed(rendered)
    assert parser.bad == [], parser.bad
    visible = html.unescape("".join(parser.text))
    for literal in ("<script>alert(1)</script>", "[click me](javascript:alert(4))", "[@click=app.quit]Quit now[/]"):
        assert literal in visible, literal
    for tag in ("h1", "h2", "h3", "em", "code", "del", "blockquote", "hr"):
        # Only the exporter's own structure may produce these; none from the article line 6.
        assert "not a heading" not in _inside(rendered, tag)


def _inside(rendered: str, tag: str) -> str:
    chunks = rendered.split(f"<{tag}>")[1:]
    return " ".join(c.split(f"</{tag}>")[0] for c in chunks)


@pytest.mark.parametrize("fmt", ["json", "annotations"])
def test_json_exports_keep_the_text_exactly(hostile_doc, reviews_with_hostile_note, fmt):
    out = export(hostile_doc, reviews_with_hostile_note, fmt)
    data = json.loads(out)
    assert "\x1b" not in out and "\x07" not in out
    flat = json.dumps(data, ensure_ascii=False)
    assert json.dumps("<script>alert(1)</script>", ensure_ascii=False)[1:-1] in flat
    if fmt == "json":
        document = data.get("document", data)
        assert document["text"] == hostile_doc.text


# -- the app ----------------------------------------------------------------------------


async def test_app_shows_hostile_text_literally_and_fires_nothing(hostile_article, hostile_doc, tmp_path):
    from newsreader.analysis.version import pipeline_version
    from newsreader.config import Config
    from newsreader.store import DocumentCache
    from newsreader.store.reviews import ReviewStore
    from newsreader.ui.app import NewsreaderApp

    cache = DocumentCache(tmp_path / "c.sqlite3")
    cache.put(hostile_doc, pipeline_version(Config().model))
    reviews = ReviewStore(tmp_path / "r.sqlite3")
    app = NewsreaderApp(hostile_article, cache=cache, reviews=reviews, config=Config())
    fired: list[str] = []
    real_run_action = app.run_action

    async def spy(action, *args, **kwargs):
        fired.append(str(action))
        return await real_run_action(action, *args, **kwargs)

    app.run_action = spy  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            screen_text = "\n".join(strip.text for strip in strips)
            for literal in (
                "[@click=app.quit]Quit now[/]",
                "[bold red]shout[/]",
                "<script>alert(1)</script>",
                "[b]Title[/b]",
                "]52;c;ZWNobyBwd25lZA==",
            ):
                assert literal in screen_text, literal
            for strip in strips:
                for segment in strip:
                    assert not [c for c in segment.text if unicodedata.category(c) == "Cc"], repr(segment.text)
                    assert "\u202e" not in segment.text and "\u2066" not in segment.text, repr(segment.text)
            # Click every cell of every line that shows the payload.
            for y, line in enumerate(screen_text.splitlines()):
                x = line.find("[@click=app.quit]")
                if x != -1:
                    for dx in range(0, 18, 3):
                        await pilot.click(offset=(x + dx, y))
                        await pilot.pause()
            assert app.is_running and app.return_code is None
            assert not [a for a in fired if "quit" in a], fired
    finally:
        cache.close()
        reviews.close()
