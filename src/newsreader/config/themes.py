"""The one theme reader: theme files (TOML) found, read and checked, without Textual.

A theme file (see ``themes/newsreader-dark.toml`` for a complete one)::

    name = "my-theme"            # letters, digits, - and _
    dark = true                  # optional, default true
    [colors]                     # Textual's theme colours; primary, foreground
    primary = "#61afef"          # and background are required, the rest optional
    foreground = "#dcdfe4"
    background = "#1d2026"
    [highlights]                 # every key of vocabulary.HIGHLIGHTS, each becomes
    quote = "#2b3349"            # the theme variable nr-<key>
    ...

Bundled themes ship inside the package (``newsreader/themes`` is the repository's
top-level ``themes/`` folder). User themes live in ``<config dir>/themes/*.toml`` and
override a bundled theme of the same name. A file that can't be used (bad TOML, a bad
colour, a missing or unknown key) is skipped with ONE notice naming the file and every
problem in it. The reader (``newsreader.ui.themes``) turns what is read here into
Textual themes, checking colours with Textual's parser; exports take the colours of a
theme by name with :func:`theme_colours`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ..lazy import lazy_import
from ..model.vocabulary import COLOUR, HIGHLIGHT_PREFIX, HIGHLIGHTS
from .settings import user_themes_dir

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

if TYPE_CHECKING:
    from importlib import resources
    from importlib.resources.abc import Traversable
else:
    # Only for a zipped install: its readers cost ~3 ms on the way to the first frame.
    resources = lazy_import("importlib.resources")

COLOR_KEYS = (
    "primary", "secondary", "accent", "warning", "error", "success",
    "foreground", "background", "surface", "panel", "boost",
)  # fmt: skip
REQUIRED_COLORS = ("primary", "foreground", "background")
TOP_KEYS = ("name", "dark", "colors", "highlights")
#: The page colours an export takes from a theme's ``[colors]``.
PAGE_KEYS = ("background", "foreground", "surface", "panel", "primary")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

#: Checks and normalises one colour value; raises ValueError for one it can't use.
ColourParser = Callable[[str], str]


class ThemeFileError(Exception):
    """A theme file that can't be used; the message lists every problem in it."""


@dataclass(frozen=True)
class ThemeFile:
    """A checked theme: ``colors`` by Textual colour name, ``highlights`` by vocabulary key."""

    name: str
    dark: bool
    colors: dict[str, str]
    highlights: dict[str, str]

    @property
    def variables(self) -> dict[str, str]:
        """The highlights as theme variables, ``{"nr-quote": …}``."""
        return {HIGHLIGHT_PREFIX + key: value for key, value in self.highlights.items()}


T = TypeVar("T")


@dataclass
class ThemeSet(Generic[T]):
    """Every usable theme (a :class:`ThemeFile`, or the reader's Textual theme made of
    one), plus one notice per file that was skipped."""

    themes: dict[str, T]
    notices: list[str]
    failed: dict[str, str]  # theme name (or file stem) -> its notice


def plain_colour(value: str) -> str:
    """The default colour check: a ``#hex``, ``rgb()``/``hsl()`` or a colour name, as written."""
    value = value.strip()
    if not COLOUR.fullmatch(value):
        raise ValueError(value)
    return value


def theme_from_mapping(data: dict[str, Any], colour: ColourParser = plain_colour) -> ThemeFile:
    """A :class:`ThemeFile` from a parsed theme file; :class:`ThemeFileError` if unusable."""
    problems: list[str] = []
    unknown = [k for k in data if k not in TOP_KEYS]
    if unknown:
        problems.append(f"unknown key{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}")
    name = data.get("name")
    if name is None:
        problems.append("missing key 'name'")
    elif not isinstance(name, str) or not _NAME.match(name):
        problems.append(f"'name' must be a string of letters, digits, - and _ (got {name!r})")
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        problems.append(f"'dark' must be true or false (got {dark!r})")
    colors = _colours(_table(data, "colors", problems), "colors", COLOR_KEYS, REQUIRED_COLORS, colour, problems)
    highlights = _colours(_table(data, "highlights", problems), "highlights", HIGHLIGHTS, HIGHLIGHTS, colour, problems)
    if problems or not isinstance(name, str) or not isinstance(dark, bool):
        raise ThemeFileError("; ".join(problems))
    return ThemeFile(name=name, dark=dark, colors=colors, highlights=highlights)


def _table(data: dict[str, Any], key: str, problems: list[str]) -> dict[str, Any] | None:
    value = data.get(key)
    if value is None:
        problems.append(f"missing table [{key}]")
        return None
    if not isinstance(value, dict):
        problems.append(f"'{key}' must be a table [{key}]")
        return None
    return value


def _colours(
    table: dict[str, Any] | None,
    where: str,
    known: Collection[str],
    required: Collection[str],
    colour: ColourParser,
    problems: list[str],
) -> dict[str, str]:
    """The table's colours, normalised by ``colour``; problems appended, never raised."""
    out: dict[str, str] = {}
    if table is None:
        return out
    missing = [k for k in required if k not in table]
    if missing:
        problems.append(f"missing [{where}] {'keys' if len(missing) > 1 else 'key'} {', '.join(missing)}")
    for key, value in table.items():
        if key not in known:
            problems.append(f"unknown key '{where}.{key}'")
            continue
        if not isinstance(value, str):
            problems.append(f"'{where}.{key}' must be a colour string such as \"#1d2026\" (got {value!r})")
            continue
        try:
            out[key] = colour(value)
        except ValueError:
            problems.append(f"unknown colour {value!r} for '{where}.{key}'")
    return out


def load_theme_file(path: Path | Traversable, colour: ColourParser = plain_colour) -> ThemeFile:
    """Read and check one theme file; :class:`ThemeFileError` says what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(f"cannot be read ({exc})") from None
    return theme_from_mapping(data, colour)


def bundled_theme_files(names: Collection[str] | None = None) -> list[Traversable]:
    """The theme files shipped in the package, sorted by name (only ``names`` if given:
    a bundled theme's file is named after it)."""
    folder = _bundled_folder()
    if not folder.is_dir():
        return []
    if names is not None:
        return [f for f in (folder / f"{name}.toml" for name in sorted(names)) if f.is_file()]
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


def _bundled_folder() -> Traversable:
    """``newsreader/themes``: straight from disk when the package is a folder (any normal
    install), through importlib.resources otherwise (a zipped package)."""
    folder = Path(__file__).parent.parent / "themes"
    if folder.is_dir():
        return folder
    return resources.files("newsreader") / "themes"


def user_theme_files(folder: Path | None = None) -> list[Path]:
    folder = folder or user_themes_dir()
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_themes(
    user_dir: Path | None = None, bundled: Collection[str] | None = None, colour: ColourParser = plain_colour
) -> ThemeSet[ThemeFile]:
    """Bundled themes (those named in ``bundled``, when given), then the user's (a user
    theme replaces a bundled one of its name)."""
    themes: dict[str, ThemeFile] = {}
    notices: list[str] = []
    failed: dict[str, str] = {}
    sources: list[tuple[str, Path | Traversable]] = [
        (f"bundled theme {f.name}", f) for f in bundled_theme_files(bundled)
    ]
    sources += [(f"theme file {p}", p) for p in user_theme_files(user_dir)]
    for label, source in sources:
        try:
            theme = load_theme_file(source, colour)
        except ThemeFileError as exc:
            notice = f"{label}: {exc}; theme skipped"
            notices.append(notice)
            failed[source.name.removesuffix(".toml")] = notice
            name = _name_in(source)
            if name:
                failed[name] = notice
            continue
        themes[theme.name] = theme
    return ThemeSet(themes, notices, failed)


def _name_in(source: Path | Traversable) -> str | None:
    """The ``name = "…"`` of a broken file, when it can still be found."""
    try:
        match = re.search(r'^\s*name\s*=\s*"([^"]+)"', source.read_text(encoding="utf-8"), re.MULTILINE)
    except (OSError, UnicodeDecodeError):
        return None
    return match.group(1) if match else None


def theme_colours(name: str, user_dir: Path | None = None) -> dict[str, str] | None:
    """An export's colours for the theme called ``name``: its page colours (``background``
    …) and highlights as ``nr-*`` variables; None when no usable theme file has that name
    (a Textual theme, say), and the export uses the vocabulary's defaults."""
    theme = load_themes(user_dir).themes.get(name)
    if theme is None:
        return None
    page = {key: theme.colors[key] for key in PAGE_KEYS if key in theme.colors}
    return {**page, **theme.variables}
