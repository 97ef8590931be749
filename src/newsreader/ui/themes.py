"""Themes from TOML files: the bundled ``themes/*.toml`` plus the user's own.

A theme file (see ``themes/newsreader-dark.toml`` for a complete one)::

    name = "my-theme"            # letters, digits, - and _
    dark = true                  # optional, default true
    [colors]                     # Textual's theme colours; primary, foreground
    primary = "#61afef"          # and background are required, the rest optional
    foreground = "#dcdfe4"
    background = "#1d2026"
    [highlights]                 # all of HIGHLIGHTS, each becomes variable nr-<key>
    quote = "#2b3349"            # → $nr-quote / app.theme_variables["nr-quote"]
    ...

Bundled themes ship inside the package (``newsreader/themes`` is the repository's
top-level ``themes/`` folder), read from disk or with :mod:`importlib.resources`. User
themes live in ``<config dir>/themes/*.toml`` and override a bundled theme of the
same name. A file that can't be used (bad TOML, a colour Textual can't parse, a
missing or unknown key) is skipped with ONE notice naming the file and every
problem in it; the app then uses the default theme, and never crashes on it.

The theme picked in the command palette is remembered by writing ``theme = "…"``
into ``config.toml`` (:func:`newsreader.config.save_theme`, other content kept).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Collection, Iterable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from ..config import DEFAULT_THEME, Config, ConfigError, save_theme, user_themes_dir

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LIGHT_THEME = "newsreader-light"
PREFIX = "nr-"
HIGHLIGHTS = (
    "entity-person",
    "entity-org",
    "entity-place",
    "entity-other",
    "quote",
    "number",
    "date",
    "anonymous",
    "named",
    "claim",
    "search",
    "status-supported",
    "status-disputed",
    "status-false",
    "status-unverifiable",
)
VARIABLES = tuple(PREFIX + key for key in HIGHLIGHTS)
COLOR_KEYS = ("primary", "secondary", "accent", "warning", "error", "success", "foreground", "background", "surface", "panel", "boost")
REQUIRED_COLORS = ("primary", "foreground", "background")
TOP_KEYS = ("name", "dark", "colors", "highlights")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class ThemeFileError(Exception):
    """A theme file that can't be used; the message lists every problem in it."""


@dataclass
class ThemeSet:
    """Every usable theme, plus one notice per file that was skipped."""

    themes: dict[str, Theme]
    notices: list[str]
    failed: dict[str, str]  # theme name (or file stem) -> its notice


def theme_from_mapping(data: dict[str, Any]) -> Theme:
    """A Textual :class:`Theme` from a parsed theme file; :class:`ThemeFileError` if unusable."""
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
    colors = _table(data, "colors", problems)
    highlights = _table(data, "highlights", problems)
    theme_colors = _colors(colors, "colors", COLOR_KEYS, REQUIRED_COLORS, problems)
    variables = _colors(highlights, "highlights", HIGHLIGHTS, HIGHLIGHTS, problems)
    if problems:
        raise ThemeFileError("; ".join(problems))
    return Theme(
        name=name,
        dark=dark,
        variables={PREFIX + key: value for key, value in variables.items()},
        **theme_colors,
    )


def _table(data: dict[str, Any], key: str, problems: list[str]) -> dict[str, Any] | None:
    value = data.get(key)
    if value is None:
        problems.append(f"missing table [{key}]")
        return None
    if not isinstance(value, dict):
        problems.append(f"'{key}' must be a table [{key}]")
        return None
    return value


def _colors(
    table: dict[str, Any] | None, where: str, known: Iterable[str], required: Iterable[str], problems: list[str]
) -> dict[str, str]:
    """The table's colours normalised to ``#rrggbb``; problems appended, never raised."""
    known = tuple(known)
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
            out[key] = Color.parse(value).hex
        except ColorParseError:
            problems.append(f"unknown colour {value!r} for '{where}.{key}'")
    return out


def load_theme_file(path: Path | Traversable) -> Theme:
    """Read and check one theme file; :class:`ThemeFileError` says what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ThemeFileError(f"not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ThemeFileError(f"cannot be read ({exc})") from None
    return theme_from_mapping(data)


def bundled_theme_files(names: Collection[str] | None = None) -> list[Traversable]:
    """The theme files shipped in the package, sorted by name (only ``names`` if given:
    a bundled theme's file is named after it)."""
    folder = _bundled_folder()
    if not folder.is_dir():
        return []
    if names is not None:
        return [f for f in (folder / f"{name}.toml" for name in sorted(names)) if f.is_file()]
    return sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)


def _bundled_folder() -> Path | Traversable:
    """``newsreader/themes``: straight from disk when the package is a folder (any normal
    install; importlib.resources' readers cost ~3 ms to import on the way to the first
    frame), through importlib.resources otherwise (a zipped package)."""
    folder = Path(__file__).parent.parent / "themes"
    if folder.is_dir():
        return folder
    from importlib import resources

    return resources.files("newsreader") / "themes"


def user_theme_files(folder: Path | None = None) -> list[Path]:
    folder = folder or user_themes_dir()
    try:
        return sorted(p for p in folder.glob("*.toml") if p.is_file())
    except OSError:
        return []


def load_themes(user_dir: Path | None = None, bundled: Collection[str] | None = None) -> ThemeSet:
    """Bundled themes (those named in ``bundled``, when given), then the user's (a user
    theme replaces a bundled one of its name)."""
    themes: dict[str, Theme] = {}
    notices: list[str] = []
    failed: dict[str, str] = {}
    sources: list[tuple[str, Path | Traversable]] = [(f"bundled theme {f.name}", f) for f in bundled_theme_files(bundled)]
    sources += [(f"theme file {p}", p) for p in user_theme_files(user_dir)]
    for label, source in sources:
        try:
            theme = load_theme_file(source)
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


def with_highlights(theme: Theme, defaults: dict[str, Theme]) -> Theme:
    """A theme without ``nr-*`` variables (Textual's own) gets those of the newsreader
    theme of its darkness, so every theme in the picker highlights sensibly."""
    if all(v in theme.variables for v in VARIABLES):
        return theme
    base = defaults.get(DEFAULT_THEME if theme.dark else LIGHT_THEME)
    if base is None:
        return theme
    highlights = {k: v for k, v in base.variables.items() if k.startswith(PREFIX)}
    return replace(theme, variables={**highlights, **theme.variables})


def select_theme(app: App, name: str, *, before_start: bool = False) -> None:
    """Make ``name`` the app's theme.

    ``before_start`` (no stylesheet parsed yet, e.g. from ``get_default_screen``): set it
    without Textual's theme watcher, which would queue a re-parse of every stylesheet
    (~10 ms before the first frame) to replace variables nothing has used yet. Only when
    light/dark stays as it was, since the watcher also swaps the ANSI colour filter."""
    theme = app.get_theme(name)
    if not before_start or theme is None or theme.dark != app.current_theme.dark:
        app.theme = name
        return
    app.set_reactive(App.theme, name)
    classes = {c: False for c in app.classes if c.startswith("-theme-")}
    app.update_classes({**classes, f"-theme-{name}": True}, update=False)
    app.stylesheet.set_variables(app.get_css_variables())


def register_configured_theme(app: App, config: Config) -> bool:
    """Start-up's share of :func:`register_themes`: register and select only the
    configured theme, reading the user's theme files and one bundled file (a Textual theme
    borrows its highlights from the bundled theme of its darkness) instead of all of them.

    False, with nothing selected, when the theme isn't found that way or a theme file is
    broken: :func:`register_themes` then does it all and says why. Otherwise call
    :func:`register_themes` once the app is painted, for the theme picker."""
    wanted = config.theme
    textual_theme = BUILTIN_THEMES.get(wanted)
    base = LIGHT_THEME if textual_theme is not None and not textual_theme.dark else DEFAULT_THEME
    found = load_themes(bundled={wanted, base})
    if found.notices:
        return False
    theme = found.themes.get(wanted)
    if theme is None and textual_theme is not None:
        theme = with_highlights(textual_theme, found.themes)
    if theme is None:
        return False
    app.register_theme(theme)
    select_theme(app, wanted, before_start=True)
    return True


def register_themes(
    app: App, config: Config | None = None, *, remember: bool = True, before_start: bool = False
) -> list[str]:
    """Register every theme with ``app``, select ``config.theme``, and return the notices
    for the app to show (``app.notify(n, severity="warning")``).

    With ``remember``, a later change of ``app.theme`` (the palette's "Change theme")
    is saved to ``config.toml``; a failure to save becomes a notification, not a crash.
    Call it from ``App.__init__`` (after ``super().__init__()``), ``get_default_screen``
    (with ``before_start``) or ``on_mount``.
    """
    config = config or Config()
    found = load_themes()
    notices = list(found.notices)
    for theme in found.themes.values():
        app.register_theme(theme)
    for name, theme in BUILTIN_THEMES.items():
        if name not in found.themes:
            app.register_theme(with_highlights(theme, found.themes))

    wanted = config.theme
    if wanted in app.available_themes:
        chosen = wanted
    else:
        chosen = DEFAULT_THEME if DEFAULT_THEME in app.available_themes else "textual-dark"
        if wanted in found.failed:
            # The file's own notice already names the problem: extend it, don't add another.
            index = notices.index(found.failed[wanted])
            notices[index] = notices[index].replace("; theme skipped", f"; using {chosen} instead")
        else:
            where = f" in {config.path}" if config.path else ""
            notices.append(f"unknown theme {wanted!r}{where}; using {chosen} instead")
    select_theme(app, chosen, before_start=before_start)
    if remember:
        _remember_choice(app, config, chosen)
    return notices


def _remember_choice(app: App, config: Config, current: str) -> None:
    saved = {"name": current}

    def on_theme(name: str) -> None:
        if name == saved["name"]:
            return
        saved["name"] = name
        try:
            save_theme(name, config.path)
        except (ConfigError, OSError) as exc:
            app.notify(f"theme not saved: {exc}", severity="warning")

    app.watch(app, "theme", on_theme, init=False)
