"""Themes in the reader: the theme files read by :mod:`newsreader.config.themes` become
Textual themes (colours checked with Textual's own parser), registered and selected.

A file that can't be used is skipped with ONE notice naming the file and every problem
in it; the app then uses the default theme, and never crashes on it. The theme picked
in the command palette is remembered by writing ``theme = "…"`` into ``config.toml``
(:func:`newsreader.config.save_theme`, other content kept).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import BUILTIN_THEMES, Theme

from ..config import DEFAULT_THEME, Config, ConfigError, save_theme
from ..config import themes as theme_files
from ..config.themes import ThemeFile, ThemeFileError, ThemeSet, bundled_theme_files
from ..model.vocabulary import HIGHLIGHT_PREFIX, HIGHLIGHTS

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

LIGHT_THEME = "newsreader-light"
PREFIX = HIGHLIGHT_PREFIX
VARIABLES = tuple(PREFIX + key for key in HIGHLIGHTS)

__all__ = [
    "DEFAULT_THEME",
    "HIGHLIGHTS",
    "VARIABLES",
    "ThemeFileError",
    "ThemeSet",
    "bundled_theme_files",
    "load_theme_file",
    "load_themes",
    "register_configured_theme",
    "register_themes",
]


def textual_colour(value: str) -> str:
    """A colour as Textual reads it, normalised to ``#rrggbb``; ValueError if it can't."""
    try:
        return Color.parse(value).hex
    except ColorParseError as exc:
        raise ValueError(value) from exc


def to_textual(theme: ThemeFile) -> Theme:
    c = theme.colors
    return Theme(
        name=theme.name,
        primary=c["primary"],
        secondary=c.get("secondary"),
        warning=c.get("warning"),
        error=c.get("error"),
        success=c.get("success"),
        accent=c.get("accent"),
        foreground=c.get("foreground"),
        background=c.get("background"),
        surface=c.get("surface"),
        panel=c.get("panel"),
        boost=c.get("boost"),
        dark=theme.dark,
        variables=theme.variables,
    )


def theme_from_mapping(data: dict[str, Any]) -> Theme:
    """A Textual :class:`Theme` from a parsed theme file; :class:`ThemeFileError` if unusable."""
    return to_textual(theme_files.theme_from_mapping(data, textual_colour))


def load_theme_file(path: Path | Traversable) -> Theme:
    """Read and check one theme file; :class:`ThemeFileError` says what is wrong."""
    return to_textual(theme_files.load_theme_file(path, textual_colour))


def load_themes(user_dir: Path | None = None, bundled: Collection[str] | None = None) -> ThemeSet[Theme]:
    """Bundled themes (those named in ``bundled``, when given), then the user's (a user
    theme replaces a bundled one of its name)."""
    found = theme_files.load_themes(user_dir, bundled, textual_colour)
    return ThemeSet({name: to_textual(t) for name, t in found.themes.items()}, found.notices, found.failed)


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


def select_theme(app: App[Any], name: str, *, before_start: bool = False) -> None:
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


def register_configured_theme(app: App[Any], config: Config) -> bool:
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
    app: App[Any], config: Config | None = None, *, remember: bool = True, before_start: bool = False
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


def _remember_choice(app: App[Any], config: Config, current: str) -> None:
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
