"""Theme files: the bundled ones load and are legible (WCAG ratios), bad files give one
notice and the default, the palette choice is remembered in config.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.color import Color

from newsreader.config import Config, load_config, save_theme, tomllib
from newsreader.ui.themes import (
    DEFAULT_THEME,
    HIGHLIGHTS,
    VARIABLES,
    ThemeFileError,
    bundled_theme_files,
    load_theme_file,
    load_themes,
    register_configured_theme,
    register_themes,
)

REPO = Path(__file__).parents[2]
BUNDLED = sorted((REPO / "themes").glob("*.toml"))
DARK = (REPO / "themes" / "newsreader-dark.toml").read_text()

# -- WCAG 2 contrast ---------------------------------------------------------------


def luminance(color: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = Color.parse(color).rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#0072B2", "#000000") == pytest.approx(4.05, abs=0.01)


# How render.py uses each variable: text colours sit on the theme's backgrounds;
# quote and claim are background tints under text; search and the ANON badge are
# backgrounds under black text.
TEXT = [h for h in HIGHLIGHTS if h not in ("quote", "claim", "search")]
TINTS = ("quote", "claim")
BODY_TEXT = ("entity-person", "entity-org", "entity-place", "entity-other", "number", "date")


def theme_data(path: Path) -> dict:
    return tomllib.loads(path.read_text())


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_theme_is_legible(path):
    data = theme_data(path)
    colors, hl = data["colors"], data["highlights"]
    grounds = [colors[k] for k in ("background", "surface", "panel")]
    low = []
    for ground in grounds:
        if contrast(colors["foreground"], ground) < 7:
            low.append(f"foreground on {ground}: {contrast(colors['foreground'], ground):.2f} < 7")
        for key in TEXT:
            ratio = contrast(hl[key], ground)
            if ratio < 4.5:
                low.append(f"{key} on {ground}: {ratio:.2f} < 4.5")
    for tint in TINTS:
        ratio = contrast(colors["foreground"], hl[tint])
        if ratio < 4.5:
            low.append(f"foreground on {tint}: {ratio:.2f} < 4.5")
        for key in BODY_TEXT:
            ratio = contrast(hl[key], hl[tint])
            if ratio < 3:
                low.append(f"{key} on {tint}: {ratio:.2f} < 3")
    if contrast("#000000", hl["search"]) < 4.5:
        low.append(f"black on search: {contrast('#000000', hl['search']):.2f} < 4.5")
    if contrast("#000000", hl["anonymous"]) < 3:
        low.append(f"black on anonymous badge: {contrast('#000000', hl['anonymous']):.2f} < 3")
    assert low == []


def test_the_six_body_highlights_of_each_theme_are_distinct():
    for path in BUNDLED:
        hl = theme_data(path)["highlights"]
        assert len({hl[k].lower() for k in BODY_TEXT}) == len(BODY_TEXT), path.name


def test_high_contrast_uses_okabe_ito_for_the_body_highlights():
    okabe_ito = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#d55e00", "#cc79a7"}
    hl = theme_data(REPO / "themes" / "newsreader-high-contrast.toml")["highlights"]
    assert {hl[k].lower() for k in BODY_TEXT} == okabe_ito


# -- loading -----------------------------------------------------------------------


def test_the_three_required_themes_are_bundled_in_the_package():
    names = {f.name for f in bundled_theme_files()}
    assert {"newsreader-dark.toml", "newsreader-light.toml", "newsreader-high-contrast.toml"} <= names
    # The package folder is the repository's themes/ folder, not a copy that can drift.
    assert names == {p.name for p in BUNDLED}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_bundled_theme_loads_with_every_highlight_variable(path):
    theme = load_theme_file(path)
    assert theme.name == path.stem
    assert set(theme.variables) == set(VARIABLES)
    assert theme.dark is (path.stem != "newsreader-light")


def test_loading_bundled_themes_gives_no_notice():
    found = load_themes()
    assert found.notices == []
    assert {"newsreader-dark", "newsreader-light", "newsreader-high-contrast"} <= set(found.themes)


BAD_FILES = {
    "bad-toml": ('name = "broken"\n[colors\n', "not valid TOML"),
    "unknown-colour": (
        DARK.replace('"newsreader-dark"', '"mine"').replace('primary = "#61afef"', 'primary = "bluish"'),
        "unknown colour 'bluish' for 'colors.primary'",
    ),
    "missing-key": (
        DARK.replace('"newsreader-dark"', '"mine"').replace('quote = "#2b3349"\n', ""),
        "missing [highlights] key quote",
    ),
    "missing-name": (DARK.replace('name = "newsreader-dark"\n', ""), "missing key 'name'"),
    "unknown-highlight": (
        DARK.replace('"newsreader-dark"', '"mine"').replace("quote =", "qoute ="),
        "unknown key 'highlights.qoute'",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_theme_file_raises_a_clear_error(tmp_path, case):
    text, words = BAD_FILES[case]
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(ThemeFileError, match=None) as info:
        load_theme_file(path)
    assert words in str(info.value)


def user_theme(home: Path, filename: str, text: str) -> Path:
    folder = home / "config" / "themes"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / filename
    path.write_text(text)
    return path


async def registered(config: Config | None = None, **kw) -> tuple[str, list[str], dict]:
    app = App()
    async with app.run_test() as pilot:
        notices = register_themes(app, config, **kw)
        await pilot.pause()
        return app.theme, notices, dict(app.theme_variables)


@pytest.mark.parametrize("case", BAD_FILES)
async def test_a_bad_user_theme_gives_one_notice_and_the_default(isolated_home, case):
    text, words = BAD_FILES[case]
    path = user_theme(isolated_home, "mine.toml", text)
    theme, notices, _ = await registered(Config(theme="mine"))
    assert theme == DEFAULT_THEME
    assert len(notices) == 1, notices
    assert str(path) in notices[0] and words in notices[0]
    assert notices[0].endswith(f"using {DEFAULT_THEME} instead")


async def test_a_bad_theme_that_is_not_selected_is_still_reported_once(isolated_home):
    user_theme(isolated_home, "mine.toml", BAD_FILES["bad-toml"][0])
    theme, notices, _ = await registered(Config(theme="newsreader-light"))
    assert theme == "newsreader-light"
    assert len(notices) == 1 and notices[0].endswith("theme skipped")


async def test_an_unknown_theme_name_gives_one_notice_and_the_default(isolated_home):
    theme, notices, _ = await registered(Config(theme="no-such-theme", path=Path("/x/config.toml")))
    assert theme == DEFAULT_THEME
    assert notices == [f"unknown theme 'no-such-theme' in /x/config.toml; using {DEFAULT_THEME} instead"]


async def test_a_copied_user_theme_with_two_new_colours_is_used(isolated_home):
    text = DARK.replace('"newsreader-dark"', '"my-dark"')
    text = text.replace('entity-person = "#e8c07b"', 'entity-person = "#ff00ff"').replace(
        'quote = "#2b3349"', 'quote = "rgb(0, 64, 0)"'
    )
    user_theme(isolated_home, "my-dark.toml", text)
    theme, notices, variables = await registered(Config(theme="my-dark"))
    assert (theme, notices) == ("my-dark", [])
    assert variables["nr-entity-person"] == "#FF00FF"
    assert variables["nr-quote"] == "#004000"
    assert variables["nr-date"] == "#F28B9A"


async def test_default_theme_variables_reach_the_app(isolated_home):
    theme, notices, variables = await registered()
    assert (theme, notices) == (DEFAULT_THEME, [])
    expected = theme_data(REPO / "themes" / "newsreader-dark.toml")["highlights"]
    assert {k: variables[f"nr-{k}"] for k in HIGHLIGHTS} == {k: v.upper() for k, v in expected.items()}


async def test_textual_builtin_themes_get_highlights_of_their_darkness(isolated_home):
    app = App()
    async with app.run_test() as pilot:
        register_themes(app, Config(theme="nord"))
        await pilot.pause()
        assert app.theme == "nord"
        assert app.theme_variables["nr-quote"] == "#2B3349"  # from newsreader-dark
        app.theme = "textual-light"
        await pilot.pause()
        assert app.theme_variables["nr-quote"] == "#E4E9F5"  # from newsreader-light


async def test_the_palette_choice_is_saved_to_config_toml(isolated_home):
    save_theme("newsreader-dark")  # an existing config file
    config = load_config()
    app = App()
    async with app.run_test() as pilot:
        register_themes(app, config)
        await pilot.pause()
        assert load_config().theme == "newsreader-dark"
        app.theme = "newsreader-high-contrast"  # what "Change theme" does
        await pilot.pause()
    assert load_config().theme == "newsreader-high-contrast"


async def test_selecting_the_configured_theme_does_not_rewrite_config(isolated_home):
    app = App()
    async with app.run_test() as pilot:
        register_themes(app, Config(theme="newsreader-light"))
        await pilot.pause()
    assert not (isolated_home / "config" / "config.toml").exists()


async def test_register_before_running_works_too(isolated_home):
    app = App()
    register_themes(app, Config(theme="newsreader-light"))
    async with app.run_test() as pilot:
        assert app.theme == "newsreader-light"
        assert app.theme_variables["nr-search"] == "#FBBF24"
        app.theme = "newsreader-dark"
        await pilot.pause()
    assert load_config().theme == "newsreader-dark"


# -- start-up: only the configured theme before the first frame ----------------------------


@pytest.mark.parametrize(
    ("name", "quote"), [("newsreader-light", "#E4E9F5"), ("nord", "#2B3349"), ("textual-light", "#E4E9F5")]
)
def test_start_up_registers_only_the_configured_theme(isolated_home, name, quote):
    app = App()
    assert register_configured_theme(app, Config(theme=name))
    assert app.theme == name
    assert not {"newsreader-dark", "newsreader-high-contrast"} & set(app._registered_themes) - {name}
    assert app.get_theme(name).variables["nr-quote"].upper() == quote


def test_start_up_finds_a_user_theme_that_overrides_a_bundled_one(isolated_home):
    user_theme(isolated_home, "any-file-name.toml", DARK.replace('quote = "#2b3349"', 'quote = "#004000"'))
    app = App()
    assert register_configured_theme(app, Config(theme="newsreader-dark"))
    assert app.get_theme("newsreader-dark").variables["nr-quote"] == "#004000"


@pytest.mark.parametrize("theme", ["no-such-theme", "newsreader-dark"])
def test_start_up_leaves_unknown_themes_and_broken_files_to_the_full_registration(isolated_home, theme):
    user_theme(isolated_home, "mine.toml", BAD_FILES["bad-toml"][0])
    app = App()
    assert not register_configured_theme(app, Config(theme="no-such-theme"))
    assert not register_configured_theme(app, Config(theme=theme))
    assert app.theme == "textual-dark"  # nothing selected: register_themes decides and says why
