"""Every bundled theme renders a small article sample through its ``nr-*`` variables.

The sample app is self-contained (it does not depend on the reader's screens) and
uses each variable in the role render.py gives it: entity/number/date colours as
text, quote and claim as background tints, search and the ANON badge as
backgrounds under black text, statuses as text colours.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.content import Content, Span
from textual.style import Style
from textual.widget import Widget
from textual.widgets import Footer, Header

from newsreader.config import Config
from newsreader.ui.themes import register_themes

THEMES = sorted(p.stem for p in (Path(__file__).parents[2] / "themes").glob("*.toml"))
BLACK = Color(0, 0, 0)


class Sample(Widget):
    DEFAULT_CSS = "Sample { height: auto; padding: 1 2; }"

    def render(self) -> Content:
        v = self.app.theme_variables

        def fg(name: str, **flags: bool) -> Style:
            return Style(foreground=Color.parse(v[f"nr-{name}"]), **flags)

        def bg(name: str, **flags: bool) -> Style:
            return Style(background=Color.parse(v[f"nr-{name}"]), **flags)

        lines = [
            (
                "Joe Biden met NATO officials in Kyiv with Ukrainian envoys.",
                [
                    ("Joe Biden", fg("entity-person")),
                    ("NATO", fg("entity-org")),
                    ("Kyiv", fg("entity-place")),
                    ("Ukrainian", fg("entity-other")),
                ],
            ),
            (
                "\u201cWe lost 3,000 troops on Tuesday,\u201d the official said.",
                [("\u201cWe lost 3,000 troops on Tuesday,\u201d", bg("quote"))],
            ),
            (
                "Russia spent $5.6 billion in February 2022, it claimed.",
                [
                    ("Russia spent $5.6 billion in February 2022", bg("claim")),
                    ("$5.6 billion", fg("number", bold=True)),
                    ("February 2022", fg("date", underline=True)),
                ],
            ),
            (
                "Search: Kursk matches Kursk (2/5)",
                [
                    ("Kursk", Style(background=Color.parse(v["nr-search"]), foreground=BLACK)),
                    (
                        "Kursk",
                        Style(background=Color.parse(v["nr-search"]), foreground=BLACK, bold=True, underline=True),
                    ),
                ],
            ),
            (
                " ANON  a senior official   Pentagon",
                [
                    (" ANON ", Style(background=Color.parse(v["nr-anonymous"]), foreground=BLACK, bold=True)),
                    ("a senior official", fg("anonymous")),
                    ("Pentagon", fg("named", bold=True)),
                ],
            ),
            (
                "\u2713 supported  \u2248 disputed  \u2717 false  ? unverifiable",
                [
                    ("\u2713 supported", fg("status-supported")),
                    ("\u2248 disputed", fg("status-disputed")),
                    ("\u2717 false", fg("status-false")),
                    ("? unverifiable", fg("status-unverifiable")),
                ],
            ),
        ]
        parts = []
        for text, styled in lines:
            spans, seen = [], {}
            for word, style in styled:
                # The nth occurrence of a word for the nth span naming it ("Kursk" twice).
                start = -1
                for _ in range(seen.get(word, 0) + 1):
                    start = text.index(word, start + 1)
                seen[word] = seen.get(word, 0) + 1
                spans.append(Span(start, start + len(word), style))
            parts.append(Content(text, spans))
        return Content("\n\n").join(parts)


class ThemeSample(App[None]):
    CSS = "Screen { background: $background; }"
    BINDINGS = [("q", "quit", "Quit"), ("slash", "search", "Search")]

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.notices = register_themes(self, Config(theme=theme), remember=False)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Sample()
        yield Footer()


@pytest.mark.parametrize("theme", THEMES)
def test_bundled_theme_snapshot(snap_compare, theme):
    app = ThemeSample(theme)
    assert app.notices == []
    assert snap_compare(app, terminal_size=(72, 18))
    assert app.theme == theme
