"""App-level behaviour: no spaCy for a cached document, notices, themes, a failing store."""

from __future__ import annotations

import subprocess
import sys
import textwrap

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


# -- start-up: the first frame is the final one ------------------------------------------


async def test_first_frame_has_the_panel_width_and_the_body_wrap_of_the_last(make_app, sample_article, monkeypatch):
    """Motivated by the first frame laying the panel out at half the screen and the body
    wrapped at 10 columns, fixed two frames later by Resize messages."""
    from newsreader.ui.widgets.side_panel import SidePanel

    seen: list[tuple[int, int, int]] = []
    original = ArticleBody.render_lines

    def spy(self, crop):
        strips = original(self, crop)
        panel = self.screen.query_one(SidePanel)
        seen.append((self.size.width, self.layout_.width if self.layout_ else 0, panel.outer_size.width))
        return strips

    monkeypatch.setattr(ArticleBody, "render_lines", spy)
    app = make_app(sample_article)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        body = app.screen.query_one(ArticleBody)
        assert seen[0] == seen[-1]
        assert seen[0][1] == body.measure > 10
        assert seen[0][2] == Config().panel_width


async def test_the_theme_from_the_config_is_set_without_reparsing_the_css(make_app, sample_article, monkeypatch):
    from textual.app import App

    calls = []
    original = App.refresh_css
    monkeypatch.setattr(App, "refresh_css", lambda self, *a, **k: (calls.append(1), original(self, *a, **k)))
    app = make_app(sample_article, config=Config(theme="newsreader-high-contrast"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "newsreader-high-contrast" and app.has_class("-theme-newsreader-high-contrast")
        assert app.stylesheet._variables["nr-quote"] == app.current_theme.variables["nr-quote"]
        assert calls == []
        app.theme = "newsreader-light"  # a change while running goes through Textual's watcher
        await pilot.pause()
        assert calls and app.has_class("-light-mode") and not app.has_class("-theme-newsreader-high-contrast")


async def test_a_light_theme_from_the_config_switches_to_light_mode(make_app, sample_article):
    app = make_app(sample_article, config=Config(theme="newsreader-light"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "newsreader-light" and not app.current_theme.dark
        assert app.has_class("-light-mode") and not app.has_class("-dark-mode")
        body = app.screen.query_one(ArticleBody)
        assert body.palette["nr-quote"].hex.upper() == app.current_theme.variables["nr-quote"].upper()


async def test_the_collector_paused_for_start_up_resumes_after_the_first_frame(make_app, sample_article):
    import gc

    from newsreader.ui.app import _collect_from_now_on

    app = make_app(sample_article)
    app.after_first_paint(_collect_from_now_on)
    gc.disable()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


def test_the_collector_is_on_again_when_the_app_fails_to_start(tmp_path, monkeypatch):
    import gc

    from newsreader.cli import main
    from newsreader.ui import app as app_module

    seen = []

    def broken(article):
        seen.append(gc.isenabled())
        raise RuntimeError("the terminal went away")

    monkeypatch.setattr(app_module, "run_app", broken)
    path = tmp_path / "a.txt"
    path.write_text("date 2024-03-02 Council votes\nThe council voted on Tuesday.\n", encoding="utf-8")
    assert main(["open", str(path)]) == 1
    assert seen == [False]  # paused while the app started
    assert gc.isenabled()


async def test_every_theme_is_in_the_picker_once_the_article_is_painted(make_app, sample_article):
    app = make_app(sample_article)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert {"newsreader-dark", "newsreader-light", "newsreader-high-contrast", "nord"} <= set(app.available_themes)
        assert app.get_theme("nord").variables["nr-quote"]
        assert app.theme == "newsreader-dark" and not list(app._notifications)
