"""``config.toml`` in the user config dir, read with tomllib (tomli below 3.11).

Every key has a default; :func:`load_config` returns the effective :class:`Config`.
Unknown keys produce warnings (``Config.warnings``); a wrong type or value raises
:class:`ConfigError` with one line naming the file and the key::

    theme = "newsreader-dark"      # a bundled theme, a user theme, or a Textual one
    model = "en_core_web_sm"       # spaCy model (package name)
    panel_width = 44               # side panel width in cells (20-120)
    panel_position = "right"       # right | left | bottom
    advance_after_review = true    # a status key moves on to the next claim (false: stays)
    library_sort = "published"     # published | title | source | to_review (s in the library)
    max_bytes = 5000000            # input size limit
    cache_dir = "~/.cache/nr"      # where the document cache lives (default: platformdirs)
    reviews_url = "postgresql://team@db.example/newsreader"  # a team's review server
                                   # (default: a file under the data dir; env NEWSREADER_REVIEWS_URL wins)
    reviewer = "ann"               # whose verdicts these are (default: the login name; with
                                   # per-person server roles the server's user name is used)
    organisation = "Example Checks" # who publishes ClaimReview exports (default: the reviewers)

    [layers]                       # which highlight layers are on at start
    dates = false

    [keys]                         # key overrides by binding id (see `?` in the app)
    "article.cursor_down" = "ctrl+j,down"

This module never imports textual: theme files are checked by ``newsreader.ui.themes``.
:func:`save_theme` rewrites only the top-level ``theme = …`` line of the file, so the
theme picked in the app is remembered without touching the user's other settings.
"""

from __future__ import annotations

import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Re-exported (``newsreader.config.tomllib``): the same TOML reader for callers and tests.
if sys.version_info >= (3, 11):
    import tomllib as tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..ingest import DEFAULT_MAX_BYTES
from ..model.vocabulary import LAYERS, LIBRARY_ORDERS
from ..store.files import write_atomic
from ..store.paths import cache_dir as default_cache_dir
from ..store.paths import config_dir
from ..store.reviews import default_reviewer, is_postgres_url, redact_url

FILENAME = "config.toml"
PANEL_POSITIONS = ("right", "left", "bottom")
DEFAULT_THEME = "newsreader-dark"
REVIEWS_URL_VAR = "NEWSREADER_REVIEWS_URL"


class ConfigError(Exception):
    """A config file that can't be used: the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """The effective settings (``config.toml`` over the defaults)."""

    theme: str = DEFAULT_THEME
    model: str = "en_core_web_sm"
    panel_width: int = 44
    panel_position: str = "right"
    advance_after_review: bool = True
    library_sort: str = "published"
    layers: dict[str, bool] = field(default_factory=lambda: {name: True for name in LAYERS})
    keys: dict[str, str] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    cache_dir: str | None = None
    reviews_url: str | None = None
    reviewer: str | None = None
    organisation: str | None = None
    path: Path | None = None
    warnings: tuple[str, ...] = ()

    @property
    def effective_cache_dir(self) -> Path:
        """The cache directory in use: ``cache_dir`` when set, else the platform default."""
        return Path(self.cache_dir).expanduser() if self.cache_dir else default_cache_dir()

    @property
    def effective_reviews_url(self) -> str | None:
        """The review server: ``NEWSREADER_REVIEWS_URL`` when set, else ``reviews_url``
        (None: the reviews file under the data dir)."""
        return os.environ.get(REVIEWS_URL_VAR) or self.reviews_url or None

    @property
    def effective_reviewer(self) -> str:
        """Whose verdicts these are: ``reviewer``, else the login name."""
        return self.reviewer or default_reviewer()


_TYPES: dict[str, type] = {
    "theme": str,
    "model": str,
    "panel_width": int,
    "panel_position": str,
    "advance_after_review": bool,
    "library_sort": str,
    "layers": dict,
    "keys": dict,
    "max_bytes": int,
    "cache_dir": str,
    "reviews_url": str,
    "reviewer": str,
    "organisation": str,
}

_TYPE_NAMES = {str: "string", int: "integer", bool: "boolean", dict: "table", float: "number", list: "array"}


def config_path() -> Path:
    return config_dir() / FILENAME


def user_themes_dir() -> Path:
    """Where users drop their own ``*.toml`` themes."""
    return config_dir() / "themes"


def load_config(path: Path | None = None) -> Config:
    """The effective configuration: defaults overlaid with the file, when it exists."""
    path = path or config_path()
    if not path.exists():
        return Config(path=path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror})") from None
    return from_mapping(data, path)


def _type_name(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _wrong_type(where: str, key: str, expected: str, value: Any) -> ConfigError:
    shown = repr(value) if not isinstance(value, dict) else "a table"
    return ConfigError(f"{where}: key '{key}' must be {expected}, not {_type_name(value)} ({shown})")


def from_mapping(data: dict[str, Any], path: Path | None = None) -> Config:
    """A :class:`Config` from parsed TOML; raises :class:`ConfigError` on a bad value."""
    where = str(path) if path else "config"
    values: dict[str, Any] = {}
    warnings = []
    for key, value in data.items():
        if key not in _TYPES:
            warnings.append(f"{where}: unknown key {key!r} ignored (known: {', '.join(_TYPES)})")
            continue
        expected = _TYPES[key]
        if isinstance(value, bool) and expected is not bool or not isinstance(value, expected):
            name = _TYPE_NAMES[expected]
            raise _wrong_type(where, key, f"an {name}" if name[0] in "aeiou" else f"a {name}", value)
        values[key] = value
    for key in ("theme", "model", "cache_dir", "reviewer", "organisation"):
        if key in values and not values[key].strip():
            raise ConfigError(f"{where}: key '{key}' must not be empty")
    if values.get("reviews_url") and not is_postgres_url(values["reviews_url"]):
        raise ConfigError(f"{where}: key 'reviews_url' must be a postgresql:// URL (or left out for the local file)")
    if "panel_position" in values and values["panel_position"] not in PANEL_POSITIONS:
        raise ConfigError(f"{where}: key 'panel_position' must be one of {', '.join(PANEL_POSITIONS)}")
    if "library_sort" in values and values["library_sort"] not in LIBRARY_ORDERS:
        raise ConfigError(f"{where}: key 'library_sort' must be one of {', '.join(LIBRARY_ORDERS)}")
    if "panel_width" in values and not 20 <= values["panel_width"] <= 120:
        raise ConfigError(f"{where}: key 'panel_width' must be between 20 and 120")
    if "max_bytes" in values and values["max_bytes"] <= 0:
        raise ConfigError(f"{where}: key 'max_bytes' must be positive")
    if "layers" in values:
        layers = dict(Config().layers)
        for name, on in values["layers"].items():
            if name not in LAYERS:
                warnings.append(f"{where}: unknown layer {name!r} in 'layers' ignored (known: {', '.join(LAYERS)})")
            elif not isinstance(on, bool):
                raise _wrong_type(where, f"layers.{name}", "true or false", on)
            else:
                layers[name] = on
        values["layers"] = layers
    if "keys" in values:
        values["keys"] = _keymap(values["keys"], where)
    return Config(**values, path=path, warnings=tuple(warnings))


_KEY = re.compile(r"^[A-Za-z0-9_+\-]+$")


def _keymap(table: dict[str, Any], where: str, prefix: str = "") -> dict[str, str]:
    """``[keys]`` flattened to ``{binding id: "key,key"}``.

    ``"article.cursor_down" = "ctrl+j"`` and ``[keys.article] cursor_down = "ctrl+j"``
    (which is what TOML makes of an unquoted dotted key) mean the same.
    """
    keymap: dict[str, str] = {}
    for name, value in table.items():
        binding_id = f"{prefix}{name}"
        if isinstance(value, dict):
            keymap.update(_keymap(value, where, f"{binding_id}."))
            continue
        if not isinstance(value, str):
            raise _wrong_type(where, f"keys.{binding_id}", 'a string such as "ctrl+j"', value)
        keys = [k.strip() for k in value.split(",")]
        if not all(keys) or not all(_KEY.match(k) for k in keys):
            raise ConfigError(
                f"{where}: key 'keys.{binding_id}' must be key names separated by commas, such as \"ctrl+j,down\" (got {value!r})"
            )
        keymap[binding_id] = ",".join(keys)
    return keymap


# -- writing -----------------------------------------------------------------------


def toml_string(value: str) -> str:
    """A TOML basic string (JSON escapes are TOML escapes, DEL must be escaped too)."""
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_key(key: str) -> str:
    return key if re.match(r"^[A-Za-z0-9_-]+$", key) else toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return toml_string(str(value))


def to_toml(config: Config) -> str:
    """The effective configuration as a TOML document that ``load_config`` reads back."""
    lines = [
        f"theme = {_toml_value(config.theme)}",
        f"model = {_toml_value(config.model)}",
        f"panel_width = {_toml_value(config.panel_width)}",
        f"panel_position = {_toml_value(config.panel_position)}",
        f"advance_after_review = {_toml_value(config.advance_after_review)}",
        f"library_sort = {_toml_value(config.library_sort)}",
        f"max_bytes = {_toml_value(config.max_bytes)}",
        f"cache_dir = {_toml_value(str(config.effective_cache_dir))}",
        f"reviewer = {_toml_value(config.effective_reviewer)}",
    ]
    url = config.effective_reviews_url
    if url:  # never with its password: this is printed
        lines.append(f"reviews_url = {_toml_value(redact_url(url))}")
    else:
        lines.append("# reviews_url: none, reviews are kept in a file under the data dir")
    if config.organisation:
        lines.append(f"organisation = {_toml_value(config.organisation)}")
    lines += [
        "",
        "[layers]",
        *(f"{name} = {_toml_value(on)}" for name, on in config.layers.items()),
        "",
        "[keys]",
    ]
    if config.keys:
        lines += [f"{_toml_key(bid)} = {_toml_value(keys)}" for bid, keys in sorted(config.keys.items())]
    else:
        lines.append('# none overridden; e.g. "article.cursor_down" = "ctrl+j,down"')
    return "\n".join(lines) + "\n"


_TABLE_HEADER = re.compile(r"^\s*\[")


def save_theme(name: str, path: Path | None = None) -> Path:
    """Remember the theme: set ``theme = "<name>"`` in config.toml, keep everything else."""
    return save_setting("theme", name, path)


def save_setting(key: str, value: str, path: Path | None = None) -> Path:
    """Remember one top-level string setting (``theme``, ``library_sort``) in config.toml.

    Only the top-level ``key = …`` line is replaced (or a new one inserted before the
    first table); comments, other keys and tables are left as they are. The new text
    is parsed before it replaces the file (atomically), so a file this can't edit
    safely raises :class:`ConfigError` and stays untouched.
    """
    path = path or config_path()
    try:
        old = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read to save the {key} ({exc})") from None
    new_line = f"{key} = {toml_string(value)}"
    key_line = re.compile(rf"^(\s*){re.escape(key)}\s*=")
    lines = old.splitlines(keepends=True)
    replaced = False
    insert_at = len(lines)
    for i, line in enumerate(lines):
        if _TABLE_HEADER.match(line):
            insert_at = i
            break
        if key_line.match(line):
            lines[i] = new_line + line[len(line.rstrip("\r\n")) :]
            replaced = True
            break
    if not replaced:
        # After the last top-level line, before the blank lines that precede a table.
        while insert_at > 0 and not lines[insert_at - 1].strip():
            insert_at -= 1
        if insert_at and not lines[insert_at - 1].endswith("\n"):
            lines[insert_at - 1] += "\n"
        blank_after = "\n" if insert_at < len(lines) and _TABLE_HEADER.match(lines[insert_at]) else ""
        lines.insert(insert_at, new_line + "\n" + blank_after)
    text = "".join(lines)
    try:
        parsed = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML, {key} not saved ({exc})") from None
    if parsed.get(key) != value:
        raise ConfigError(f"{path}: could not set '{key}' safely, {key} not saved")
    write_atomic(path, text, mkdir=True)
    return path
