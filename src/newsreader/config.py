"""``config.toml`` in the user config dir, read with tomllib (tomli below 3.11).

Every key has a default; :func:`load_config` returns the effective :class:`Config`.
Unknown keys produce warnings (``Config.warnings``); a wrong type raises
:class:`ConfigError` naming the key and the file.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .ingest import DEFAULT_MAX_BYTES
from .store.paths import config_dir

FILENAME = "config.toml"
LAYERS = ("entities", "quotes", "numbers", "dates")


class ConfigError(Exception):
    """A config file that can't be used: the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    theme: str = "newsreader-dark"
    model: str = "en_core_web_sm"
    panel_width: int = 44
    panel_position: str = "right"
    layers: dict[str, bool] = field(default_factory=lambda: {name: True for name in LAYERS})
    keys: dict[str, str] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    cache_dir: str | None = None
    path: Path | None = None
    warnings: tuple[str, ...] = ()


_TYPES: dict[str, type | tuple[type, ...]] = {
    "theme": str,
    "model": str,
    "panel_width": int,
    "panel_position": str,
    "layers": dict,
    "keys": dict,
    "max_bytes": int,
    "cache_dir": str,
}


def config_path() -> Path:
    return config_dir() / FILENAME


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


def from_mapping(data: dict[str, Any], path: Path | None = None) -> Config:
    where = str(path) if path else "config"
    values: dict[str, Any] = {}
    warnings = []
    known = {f.name for f in fields(Config)} - {"path", "warnings"}
    for key, value in data.items():
        if key not in known:
            warnings.append(f"{where}: unknown key {key!r} ignored")
            continue
        expected = _TYPES[key]
        if isinstance(value, bool) and expected is int or not isinstance(value, expected):
            name = expected.__name__ if isinstance(expected, type) else "/".join(t.__name__ for t in expected)
            raise ConfigError(f"{where}: key {key!r} must be a {name}, not {type(value).__name__} ({value!r})")
        values[key] = value
    if "panel_position" in values and values["panel_position"] not in ("right", "left", "bottom"):
        raise ConfigError(f"{where}: key 'panel_position' must be one of right, left, bottom")
    if "panel_width" in values and not 20 <= values["panel_width"] <= 120:
        raise ConfigError(f"{where}: key 'panel_width' must be between 20 and 120")
    if "max_bytes" in values and values["max_bytes"] <= 0:
        raise ConfigError(f"{where}: key 'max_bytes' must be positive")
    if "layers" in values:
        layers = dict(Config().layers)
        for name, on in values["layers"].items():
            if name not in LAYERS:
                warnings.append(f"{where}: unknown layer {name!r} in 'layers' ignored")
            elif not isinstance(on, bool):
                raise ConfigError(f"{where}: key 'layers.{name}' must be true or false")
            else:
                layers[name] = on
        values["layers"] = layers
    if "keys" in values:
        for binding_id, key in values["keys"].items():
            if not isinstance(key, str):
                raise ConfigError(f"{where}: key 'keys.{binding_id}' must be a string such as \"ctrl+j\"")
    return Config(**values, path=path, warnings=tuple(warnings))
