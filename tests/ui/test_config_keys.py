"""config.toml reaches the running app: key overrides by binding id, and the theme."""

from __future__ import annotations

from newsreader.config import Config, from_mapping
from newsreader.ui.app import NewsreaderApp
from newsreader.ui.screens.help import HelpScreen


async def test_a_key_override_by_binding_id_rebinds_the_action(isolated_home):
    config = from_mapping({"keys": {"app": {"help": "f1"}}})  # [keys] app.help = "f1"
    app = NewsreaderApp(config=config)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)  # the old key no longer shows help
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_without_override_the_default_key_works(isolated_home):
    app = NewsreaderApp(config=Config())
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_configured_theme_is_the_app_theme(isolated_home):
    app = NewsreaderApp(config=Config(theme="newsreader-light"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "newsreader-light"
        assert app.theme_variables["nr-quote"] == "#E4E9F5"
