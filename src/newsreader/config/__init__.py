"""Configuration: ``config.toml`` with defaults (``settings.py``) and the theme files
(``themes.py``). Never imports Textual."""

from .settings import (
    DEFAULT_THEME,
    FILENAME,
    PANEL_POSITIONS,
    Config,
    ConfigError,
    config_path,
    from_mapping,
    load_config,
    save_setting,
    save_theme,
    to_toml,
    toml_string,
    tomllib,
    user_themes_dir,
)

__all__ = [
    "DEFAULT_THEME",
    "FILENAME",
    "PANEL_POSITIONS",
    "Config",
    "ConfigError",
    "config_path",
    "from_mapping",
    "load_config",
    "save_setting",
    "save_theme",
    "to_toml",
    "toml_string",
    "tomllib",
    "user_themes_dir",
]
