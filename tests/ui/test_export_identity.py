"""One export path: the app's ``ctrl+s`` and ``newsreader export`` write the same bytes.

Before the service layer the app built its copy without the review store's claim list,
so a claim the reviewer added was missing from it and a claim the reviewer dismissed
came back. Here the reviewer has done all of it (statuses, a note, an added claim, a
dismissed claim) and every format is compared byte for byte.
"""

from __future__ import annotations

import json

import pytest
from textual.widgets import Input, RadioButton

from newsreader.cli import main as newsreader_main
from newsreader.export import FORMATS
from newsreader.ui.screens.export import ExportScreen

from ..conftest import SAMPLE
from .test_article import SIZE, opened


@pytest.fixture
def reviewed(sample_doc, reviews):
    """The sample with a review of every kind: two statuses, a note, one claim added, one dismissed."""
    claims = reviews.claims(sample_doc)
    reviews.set_status(sample_doc, claims[0], "supported")
    reviews.set_status(sample_doc, claims[1], "disputed")
    reviews.set_note(sample_doc, claims[1], "Two sources disagree | *check* <this>")
    dismissed = claims[2]
    reviews.dismiss(sample_doc, dismissed)
    start = sample_doc.text.index("Kursk")
    added = reviews.add_claim(sample_doc, start, start + len("Kursk"))  # no analysis claim is one word
    assert added.id.startswith("u")
    reviews.set_status(sample_doc, added, "unverifiable")
    return added, dismissed


@pytest.mark.parametrize("fmt", FORMATS)
async def test_app_and_cli_exports_are_byte_identical(fmt, make_app, sample_article, reviewed, tmp_path, capsys):
    added, dismissed = reviewed
    from_app = tmp_path / f"app.{fmt}"
    from_cli = tmp_path / f"cli.{fmt}"

    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await opened(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        dialog.query_one(f"#fmt-{fmt}", RadioButton).value = True
        await pilot.pause()
        dialog.query_one("#path", Input).value = str(from_app)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen), "the dialog saved and closed"

    assert newsreader_main(["export", str(SAMPLE), "--format", fmt, "-o", str(from_cli)]) == 0
    capsys.readouterr()
    assert from_app.read_bytes() == from_cli.read_bytes()

    text = from_app.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert [c["id"] for c in data["reviewer_claims"]] == [added.id]
        assert [c["id"] for c in data["dismissed_claims"]] == [dismissed.id]
        assert {r["status"] for r in data["reviews"]} == {"supported", "disputed", "unverifiable"}
    elif fmt in ("md", "html"):
        assert "Two sources disagree" in text
