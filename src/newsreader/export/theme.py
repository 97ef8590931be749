"""Theme colours for the HTML export, read from the theme's TOML without Textual.

The reader (``newsreader.ui.themes``) validates and registers themes for the app; the
command line only needs their colours, so it reads the same files here: the user's
``<config dir>/themes/*.toml`` first, then the bundled ``newsreader/themes/*.toml``.
A theme that is missing or unreadable gives ``None`` (the export's built-in colours).
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from ..config import user_themes_dir

_PAGE_KEYS = ("background", "foreground", "surface", "panel", "primary")


def colours_from_theme(data: dict[str, Any]) -> dict[str, str]:
    """``[colors]`` page colours and ``[highlights]`` as ``nr-<key>`` variables."""
    out: dict[str, str] = {}
    colors = data.get("colors") if isinstance(data.get("colors"), dict) else {}
    highlights = data.get("highlights") if isinstance(data.get("highlights"), dict) else {}
    for key in _PAGE_KEYS:
        if isinstance(colors.get(key), str):
            out[key] = colors[key]
    for key, value in highlights.items():
        if isinstance(value, str):
            out[f"nr-{key}"] = value
    return out


def load_theme_colours(name: str, user_dir: Path | None = None) -> dict[str, str] | None:
    """The colours of the theme called ``name`` (user themes win over bundled ones)."""
    folder = user_dir if user_dir is not None else user_themes_dir()
    candidates: list[Any] = []
    if folder.is_dir():
        candidates += sorted(folder.glob("*.toml"))
    try:
        bundled = resources.files("newsreader").joinpath("themes")
        candidates += sorted((f for f in bundled.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError):
        pass
    for candidate in candidates:
        try:
            data = tomllib.loads(candidate.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if data.get("name", candidate.name.rsplit(".", 1)[0]) == name:
            return colours_from_theme(data)
    return None
