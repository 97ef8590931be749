"""App-level behaviour: no spaCy for a cached document, notices, themes, a failing store."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from newsreader.analysis.version import pipeline_version
from newsreader.config import Config
from newsreader.ui.screens.article import ArticleScreen
from newsreader.ui.widgets.article_body import ArticleBody

SIZE = (120, 40)


def test_cached_document_opens_without_importing_spacy(tmp_path, sample_doc, sample_article):
    payload = tmp_path / "doc.json"
    payload.write_text(sample_doc.to_json(), encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import asyncio, sys
        from pathlib import Path
        from newsreader.analysis.version import pipeline_version
        from newsreader.config import Config
        from newsreader.ingest import read_input
        from newsreader.model import Document
        from newsreader.store import DocumentCache
        from newsreader.ui.app import NewsreaderApp

        doc = Document.from_json(Path({str(payload)!r}).read_text(encoding="utf-8"))
        cache = DocumentCache()
        cache.put(doc, pipeline_version(Config().model))
        article = read_input({sample_article.source!r})

        async def main():
            app = NewsreaderApp(article, cache=cache)
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                assert app.screen.doc is not None
                assert app.screen.query_one("ArticleBody").layer_marks()
        asyncio.run(main())
        print(sorted(m for m in ("spacy", "dateparser") if m in sys.modules))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


async def test_store_notices_become_notifications(make_app, sample_article, cache):
    cache.notices.append("The document cache was from another version (schema 0); it was emptied.")
    app = make_app(sample_article, notices=["config.toml: unknown key 'colour' ignored"])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("schema 0" in m for m in messages)
        assert any("unknown key" in m for m in messages)


async def test_theme_change_recolours_the_highlights(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        before = body.palette["nr-quote"]
        light = next((name for name in app.available_themes if "light" in name), "textual-light")
        app.theme = light
        await pilot.pause()
        await pilot.pause()
        assert body.palette["nr-quote"] != before
        assert any(m.style.background == body.palette["nr-quote"] for m in body.layer_marks() if m.layer == "quotes")


async def test_a_failing_review_store_is_a_notification_not_a_crash(make_app, sample_article, reviews):
    def broken(*args, **kwargs):
        raise RuntimeError("the review store is read-only")

    reviews.set_status = broken
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, ArticleScreen)
        assert any("read-only" in n.message for n in app._notifications)


async def test_run_app_factory_defaults(monkeypatch, sample_article):
    from newsreader.ui import app as app_module

    seen = {}

    def fake_run(self):
        seen["app"] = self
        return 0

    monkeypatch.setattr(app_module.NewsreaderApp, "run", fake_run)
    assert app_module.run_app(sample_article) == 0
    made = seen["app"]
    assert made.article is sample_article and made.cache is not None and made.reviews is not None
    assert isinstance(made.config, Config)
