"""The newsreader Textual app: wiring only; screens and widgets live in their modules.

``NewsreaderApp(article, cache=..., reviews=..., config=...)`` is also the factory the
tests use; :func:`run_app` is what ``newsreader`` / ``newsreader open`` call.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from ..config import Config, load_config
from ..lazy import lazy_import
from ..model import Document, RawArticle
from ..service.documents import cached_document
from ..service.stores import open_feed_list, open_stores
from ..store import DocumentCache
from ..store.feeds import FeedStore
from ..store.paths import data_dir
from ..store.reviews import ReviewStore
from . import render
from .bindings import bindings, effective_keys, specs

if TYPE_CHECKING:
    from . import themes
    from .screens import article as article_screen
    from .screens import help as help_screen
    from .screens import library as library_screen
else:
    # Screens are built when first shown (the article or the library, not both, at start);
    # themes are read in get_default_screen, after the app's module is loaded.
    article_screen = lazy_import("newsreader.ui.screens.article")
    help_screen = lazy_import("newsreader.ui.screens.help")
    library_screen = lazy_import("newsreader.ui.screens.library")
    themes = lazy_import("newsreader.ui.themes")


FRAME_GRACE = 0.01  # seconds between a frame and the work that follows it (see after_frame)
STOP_GRACE = 1.0  # seconds a refresh gets to stop after the app closed, before it is abandoned


class NewsreaderApp(App[int]):
    TITLE = "newsreader"
    BINDINGS = bindings("app")
    CSS = """
    Footer { background: $panel; }
    """

    def __init__(
        self,
        article: RawArticle | None = None,
        *,
        cache: DocumentCache | None = None,
        reviews: ReviewStore | None = None,
        config: Config | None = None,
        notices: Iterable[str] = (),
        feeds: FeedStore | None = None,
    ) -> None:
        super().__init__()
        self.article = article
        self.cache = cache
        self.reviews = reviews
        self._feeds = feeds
        self._feeds_opened = False  # whether feed_store() opened (and so closes) the feed list
        self._feeds_failed = False
        self.background: list[threading.Thread] = []  # daemon threads of work the app started (a refresh)
        self.live_stops: list[threading.Event] = []  # set on exit: ends the workers listening for reviews
        self.config = config or Config()
        self.startup_notices = list(notices)
        self._palette: render.Palette | None = None
        self.told_advance = False  # whether a review key has said it moves on to the next claim
        self._painted = False
        self._after_paint: list[Any] = []

    # -- first paint --------------------------------------------------------------------
    def after_first_paint(self, callback: Any) -> None:
        """Run ``callback`` once a frame is on the terminal.

        Textual discards the very first render (it happens inside the start-up batch), so
        ``call_after_refresh`` from a screen mounted at start would run before anything
        is shown; :class:`textual.events.Ready` marks the end of that batch.
        """
        if self._painted:
            self.call_after_refresh(callback)
        else:
            self._after_paint.append(callback)

    def after_frame(self, callback: Any) -> None:
        """Run ``callback`` a moment after the next frame, not right after it: Textual hands
        frames to a writer thread that needs the GIL, and follow-up work started at once
        (the panel following the cursor, painting ahead) held that frame back ~5 ms, one
        GIL switch interval."""
        self.call_after_refresh(self.set_timer, FRAME_GRACE, callback)

    def on_ready(self) -> None:
        self._painted = True
        pending, self._after_paint = self._after_paint, []
        for callback in pending:
            self.call_after_refresh(callback)

    def get_default_screen(self) -> Screen[Any]:
        """The article (or the library) is the app's first screen itself: no blank default
        screen is composed and laid out before it. Themes and keys are set up here, since
        this runs before the app's own mount."""
        self.startup_notices += self._register_themes()
        self.set_keymap(dict(self.config.keys))
        if self.article is not None:
            return article_screen.ArticleScreen(self.article)
        return library_screen.LibraryScreen()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        for stop in self.live_stops:  # a listening worker thread must end for the app to end
            stop.set()
        super().exit(*args, **kwargs)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        for source in (self.cache, self.reviews):
            self.startup_notices += list(getattr(source, "notices", []) or [])
        for line in dict.fromkeys(self.startup_notices):
            self.notify(line, title="newsreader", severity="warning", timeout=8, markup=False)

    def _register_themes(self) -> list[str]:
        """Bundled and user TOML themes (``ui/themes.py``); the config picks one. Before the
        first frame only the configured theme is read, the others right after it."""
        if themes.register_configured_theme(self, self.config):
            self.after_first_paint(self._register_all_themes)
            return []
        return list(themes.register_themes(self, self.config, before_start=True))

    def _register_all_themes(self) -> None:
        for line in themes.register_themes(self, self.config):
            self.notify(line, title="newsreader", severity="warning", timeout=8, markup=False)

    # -- theme colours for render.py and exports ---------------------------------------
    def palette(self) -> render.Palette:
        if self._palette is None:
            self._palette = render.palette(self.theme_variables, dark=self.current_theme.dark)
        return self._palette

    def theme_colors(self) -> dict[str, str]:
        return {name: color.hex for name, color in self.palette().colors.items()}

    def _theme_changed(self, _theme: Any) -> None:
        old = self._palette
        self._palette = None
        if old is not None and old == self.palette():
            return  # same colours (e.g. the theme chosen at start-up): nothing to redraw
        for screen in self.screen_stack:
            refresh = getattr(screen, "refresh_theme", None)
            if refresh is not None:
                refresh()

    # -- documents and feeds -------------------------------------------------------------
    def feed_store(self) -> FeedStore | None:
        """The feed list: the one given, else opened when the library first needs it and it
        exists (``newsreader feeds add`` makes it); None when there is none. Asked again on
        each reload, so feeds added from another terminal show up on the next one."""
        if self._feeds is None and not self._feeds_failed:
            store, notices = open_feed_list()
            self._feeds, self._feeds_opened = store, store is not None
            self._feeds_failed = store is None and bool(notices)
            for line in notices:
                self.notify(line, title="newsreader", severity="warning", timeout=8, markup=False)
        return self._feeds

    def finish_background(self, grace: float) -> bool:
        """Give background work (a feed refresh, told to stop when the app closed) ``grace``
        seconds to end; False when some still runs (a request waiting on a silent server)."""
        end = time.monotonic() + grace
        for thread in self.background:
            thread.join(max(0.0, end - time.monotonic()))
        return not any(t.is_alive() for t in self.background)

    def close_feeds(self) -> None:
        if self._feeds is not None and self._feeds_opened:
            self._feeds.close()
            self._feeds = None

    def cached(self, article: RawArticle) -> Document | None:
        return cached_document(article, self.cache, self.config.model)

    # -- help and command palette -----------------------------------------------------
    def action_help(self) -> None:
        if isinstance(self.screen, help_screen.HelpScreen):
            return
        self.push_screen(help_screen.HelpScreen(self._scopes(self.screen), dict(self._keymap)))

    def _scopes(self, screen: Screen[Any]) -> tuple[str, ...]:
        """The binding scopes of a screen: its ``SCOPE`` (the article's, the library's)."""
        scope = getattr(screen, "SCOPE", None)
        return (scope,) if isinstance(scope, str) else ()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action of the current screen, named as in the help screen, plus Textual's own."""
        keymap = dict(self._keymap)
        for scope in ("app", *self._scopes(screen)):
            for spec in specs(scope):
                if spec.action == "command_palette":
                    continue
                target = self if scope == "app" else screen
                yield SystemCommand(
                    spec.description,
                    f"{effective_keys(spec, keymap)}  ·  {spec.id}",
                    _runner(target, spec.action),
                )
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":  # Textual's saves to ~/Downloads, often missing
                command = SystemCommand(
                    "Screenshot",
                    "Save an SVG picture of the screen in the current folder (else the data folder)",
                    lambda: self.set_timer(0.1, self.save_screen_picture),
                )
            yield command

    def save_screen_picture(self) -> Path | None:
        """An SVG of the screen, in the current folder when it can be written there, else in
        ``<data dir>/screenshots``; says where (or why not)."""
        name = f"newsreader-{time.strftime('%Y-%m-%d_%H-%M-%S')}.svg"
        errors: list[str] = []
        for folder in (Path.cwd(), data_dir() / "screenshots"):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                saved = Path(self.save_screenshot(name, str(folder)))
            except OSError as exc:
                errors.append(f"{folder}: {exc.strerror or exc}")
                continue
            self.notify(f"Saved a screenshot: {saved}", title="Screenshot", markup=False)
            return saved
        self.notify(f"Could not save a screenshot ({'; '.join(errors)})", severity="error", markup=False)
        return None


def _runner(target: Any, action: str) -> Any:
    async def run() -> None:
        await target.run_action(action)

    return run


def _collect_from_now_on() -> None:
    """After the first frame: what start-up built lives as long as the app, so it moves to
    the permanent generation (later collections skip it) and the collector resumes."""
    gc.freeze()
    gc.enable()


def run_app(article: RawArticle | None) -> int:
    """Run the reader on one article, or the library when ``article`` is None."""
    config = load_config()
    stores = open_stores(config)
    app = NewsreaderApp(
        article, cache=stores.cache, reviews=stores.reviews, config=config, notices=[*config.warnings, *stores.notices]
    )
    if not gc.isenabled():  # paused for the start-up (cli._collector_paused)
        app.after_first_paint(_collect_from_now_on)
    stopped = False
    try:
        result = app.run()
        stopped = app.finish_background(STOP_GRACE)
    finally:
        if stopped or not app.background:
            app.close_feeds()
            stores.close()
        elif stores.reviews is not None:
            stores.reviews.close()  # the refresh still uses the feed list and the document cache
    code = int(result or 0) if app.return_code in (None, 0) else int(app.return_code or 1)
    if not stopped and any(t.is_alive() for t in app.background):
        _exit_now(code)
    return code


def _exit_now(code: int) -> None:
    """End the process without waiting for a refresh's requests to time out (a server that
    never answers would hold the shell for the whole fetch timeout). Nothing is lost: each
    SQLite commit is atomic, and a feed's validators are stored only after its entries, so
    the next refresh fetches again whatever this one had not finished."""
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
