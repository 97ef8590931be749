"""config.toml: defaults, one-line errors naming key and file, warnings, keys, saving the theme."""

import os
import subprocess
import sys

import pytest

from newsreader.config import (
    Config,
    ConfigError,
    config_path,
    from_mapping,
    load_config,
    save_theme,
    to_toml,
    tomllib,
    user_themes_dir,
)


def write_config(home, text):
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run_cli(*args, home, **env):
    environ = dict(os.environ, NEWSREADER_HOME=str(home), **env)
    return subprocess.run(
        [sys.executable, "-m", "newsreader.cli", *args], capture_output=True, text=True, env=environ, timeout=120
    )


def test_no_file_means_every_default(isolated_home):
    config = load_config()
    assert config.path == isolated_home / "config" / "config.toml" == config_path()
    assert (config.theme, config.model, config.panel_width, config.panel_position) == (
        "newsreader-dark",
        "en_core_web_sm",
        44,
        "right",
    )
    assert config.layers == {"entities": True, "quotes": True, "numbers": True, "dates": True}
    assert config.keys == {} and config.warnings == () and config.cache_dir is None
    assert config.effective_cache_dir == isolated_home / "cache"
    assert user_themes_dir() == isolated_home / "config" / "themes"


def test_values_from_the_file_override_defaults(isolated_home, tmp_path):
    write_config(
        isolated_home,
        f'theme = "newsreader-light"\nmodel = "en_core_web_md"\npanel_width = 60\npanel_position = "left"\n'
        f'max_bytes = 1000\ncache_dir = "{tmp_path / "c"}"\n[layers]\ndates = false\n',
    )
    config = load_config()
    assert config.theme == "newsreader-light" and config.model == "en_core_web_md"
    assert config.panel_width == 60 and config.panel_position == "left" and config.max_bytes == 1000
    assert config.layers == {"entities": True, "quotes": True, "numbers": True, "dates": False}
    assert config.effective_cache_dir == tmp_path / "c"


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("theme = 42", "theme", "must be a string, not integer (42)"),
        ("panel_width = true", "panel_width", "must be an integer, not boolean"),
        ('panel_width = "wide"', "panel_width", "must be an integer, not string"),
        ("panel_width = 5", "panel_width", "between 20 and 120"),
        ('panel_position = "top"', "panel_position", "one of right, left, bottom"),
        ("max_bytes = 0", "max_bytes", "positive"),
        ('layers = "all"', "layers", "must be a table"),
        ('[layers]\nquotes = "yes"', "layers.quotes", "true or false"),
        ("[keys]\n'article.search' = 1", "keys.article.search", "string"),
        ("[keys]\n'article.search' = 'ctrl j'", "keys.article.search", "separated by commas"),
        ('theme = " "', "theme", "must not be empty"),
    ],
)
def test_a_wrong_value_is_an_error_naming_key_and_file(isolated_home, text, key, words):
    path = write_config(isolated_home, text + "\n")
    with pytest.raises(ConfigError) as info:
        load_config()
    message = str(info.value)
    assert message.startswith(f"{path}: key '{key}' "), message
    assert words in message and "\n" not in message


def test_bad_toml_is_an_error_naming_the_file(isolated_home):
    path = write_config(isolated_home, "theme = \n")
    with pytest.raises(ConfigError, match="not valid TOML") as info:
        load_config()
    assert str(path) in str(info.value)


def test_unknown_keys_and_layers_are_warnings(isolated_home):
    path = write_config(isolated_home, 'colour = "red"\n[layers]\nsparkles = true\n')
    config = load_config()
    assert config.warnings == (
        f"{path}: unknown key 'colour' ignored (known: theme, model, panel_width, panel_position, advance_after_review, library_sort, layers, keys, max_bytes, cache_dir, reviews_url, reviewer, organisation)",
        f"{path}: unknown layer 'sparkles' in 'layers' ignored (known: entities, quotes, numbers, dates)",
    )
    assert config.theme == "newsreader-dark"


def test_key_overrides_by_binding_id_quoted_or_dotted():
    quoted = from_mapping({"keys": {"article.cursor_down": "ctrl+j, down", "app.help": "f1"}})
    # `article.cursor_down = "ctrl+j"` unquoted is a nested table in TOML: same meaning.
    dotted = from_mapping(tomllib.loads('[keys]\narticle.cursor_down = "ctrl+j,down"\napp.help = "f1"\n'))
    assert quoted.keys == dotted.keys == {"article.cursor_down": "ctrl+j,down", "app.help": "f1"}


def test_to_toml_round_trips(isolated_home):
    config = from_mapping(
        {
            "theme": 'a "quoted" \\ theme',
            "panel_width": 30,
            "layers": {"numbers": False},
            "keys": {"article.search": "ctrl+f"},
        }
    )
    again = from_mapping(tomllib.loads(to_toml(config)))
    for name in ("theme", "model", "panel_width", "panel_position", "layers", "keys", "max_bytes"):
        assert getattr(again, name) == getattr(config, name), name
    assert again.cache_dir == str(config.effective_cache_dir)


def test_save_theme_creates_the_file(isolated_home):
    path = save_theme("newsreader-light")
    assert path == config_path()
    assert load_config().theme == "newsreader-light"


def test_save_theme_keeps_comments_keys_and_tables(isolated_home):
    original = (
        '# my settings\nmodel = "en_core_web_md"  # bigger\n\n[layers]\ndates = false\n\n[keys]\n"app.help" = "f1"\n'
    )
    path = write_config(isolated_home, original)
    save_theme("newsreader-high-contrast")
    text = path.read_text()
    assert text == original.replace("  # bigger\n", '  # bigger\ntheme = "newsreader-high-contrast"\n', 1)
    config = load_config()
    assert config.theme == "newsreader-high-contrast" and config.layers["dates"] is False
    assert config.keys == {"app.help": "f1"} and config.model == "en_core_web_md"
    # A second save replaces the line instead of adding another.
    save_theme("nord")
    assert path.read_text().count("theme =") == 1 and load_config().theme == "nord"


def test_save_theme_leaves_a_broken_file_alone(isolated_home):
    path = write_config(isolated_home, "model = \n")
    with pytest.raises(ConfigError, match="theme not saved"):
        save_theme("newsreader-light")
    assert path.read_text() == "model = \n"


# -- the command line --------------------------------------------------------------


def test_config_command_on_a_fresh_home_prints_defaults_and_paths(isolated_home):
    result = run_cli("config", home=isolated_home, NO_COLOR="1")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert f"# config file: {isolated_home / 'config' / 'config.toml'}" in out
    assert f"# cache dir:   {isolated_home / 'cache'}" in out
    assert f"# data dir:    {isolated_home / 'data'}" in out
    assert f"# themes dir:  {isolated_home / 'config' / 'themes'}" in out
    assert "\x1b[" not in out
    data = tomllib.loads(out)  # the whole output is TOML
    assert data["theme"] == "newsreader-dark" and data["layers"]["quotes"] is True
    assert result.stderr == ""


def test_config_command_with_a_wrong_type_exits_2_with_one_line(isolated_home):
    path = write_config(isolated_home, "theme = 42\n")
    result = run_cli("config", home=isolated_home)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"newsreader: error: {path}: key 'theme' must be a string, not integer (42)\n"


def test_config_command_warns_about_unknown_keys(isolated_home):
    write_config(isolated_home, 'thme = "newsreader-light"\n')
    result = run_cli("config", home=isolated_home)
    assert result.returncode == 0
    assert "unknown key 'thme' ignored" in result.stderr and result.stderr.count("\n") == 1


def test_config_is_core_and_never_imports_textual():
    code = "import sys, newsreader.config; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_defaults_object_is_the_documented_default():
    assert Config().theme == "newsreader-dark"


def test_save_theme_into_a_file_that_starts_with_a_table(isolated_home):
    path = write_config(isolated_home, "[layers]\ndates = false")
    save_theme("newsreader-light")
    assert path.read_text() == 'theme = "newsreader-light"\n\n[layers]\ndates = false'
    assert load_config().layers["dates"] is False


@pytest.mark.parametrize(("env", "coloured"), [({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False)])
def test_config_command_colours_only_a_terminal_that_wants_it(isolated_home, env, coloured):
    import pty

    leader, follower = pty.openpty()
    environ = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    environ.update(NEWSREADER_HOME=str(isolated_home), TERM="xterm-256color")
    environ.update(env)
    proc = subprocess.run(
        [sys.executable, "-m", "newsreader.cli", "config"],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=environ,
        timeout=120,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    out = b"".join(chunks).decode()
    assert proc.returncode == 0 and "theme = " in out
    assert ("\x1b[" in out) is coloured
