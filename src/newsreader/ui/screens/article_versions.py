"""The article screen's part in article versions (issue 23): a header line when other
versions of the article are kept, and ``V`` to see what changed.

Once the document is in and the first frame is shown, a thread worker carries your
reviews of an earlier version into this one (``carry_reviews``: off the UI thread, like
every version-store read) and asks the version store where it stands
(``service.versions.place_of``; no store, or no other version: nothing is shown, and the
store is not created for it). That may parse the other version, so it starts only after
this one's analysis is done. ``V`` opens :class:`VersionDiffScreen` on the pair the line
names: this version and the newest, or, for the newest, the one before and it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual import work
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from ...lazy import lazy_import
from ...model import Document, RawArticle
from .. import render
from ..bindings import effective_keys, spec_by_id

if TYPE_CHECKING:
    from ...service import versions as version_service
    from ..app import NewsreaderApp
    from . import versions as versions_screen
else:
    # Neither is on the first frame's path: the look-up starts after it, in a worker.
    version_service = lazy_import("newsreader.service.versions")
    versions_screen = lazy_import("newsreader.ui.screens.versions")  # built when V is pressed


class VersionsLine(Screen[None]):
    """Mixed into :class:`ArticleScreen`, whose header has a hidden ``#versions`` line."""

    article: RawArticle
    doc: Document | None
    version_place: version_service.VersionPlace | None = None
    _versions_pending = False  # the look-up is under way

    @property
    def nr(self) -> NewsreaderApp:
        return cast("NewsreaderApp", self.app)

    def look_up_versions(self) -> None:
        """Start the look-up (once the first frame is on the terminal)."""
        self.nr.after_first_paint(self._look_up_versions)

    def _look_up_versions(self) -> None:
        if self.is_attached and self.doc is not None and self.version_place is None:
            self._versions_pending = True
            self._find_versions(self.doc.id)

    @work(thread=True, exclusive=True, group="versions", exit_on_error=False)
    def _find_versions(self, doc_id: str) -> None:
        try:
            doc, reviews = self.doc, self.nr.reviews
            if doc is not None and reviews is not None:  # a later version: your reviews follow the text
                carried = version_service.carry_reviews(reviews, doc, cache=self.nr.cache)
                if carried is not None and carried.any and not get_current_worker().is_cancelled:
                    self.app.call_from_thread(self.reviews_carried, carried.summary())
            place = version_service.place_of(doc_id, self.nr.cache)
            if place is not None and not get_current_worker().is_cancelled:
                self.app.call_from_thread(self._show_versions, place)
        finally:
            self._versions_pending = False

    def reviews_carried(self, summary: str) -> None:
        """Reviews of an earlier version were carried into this one: say so (the article
        screen also shows them)."""
        self.notify(summary, timeout=8)

    def _show_versions(self, place: version_service.VersionPlace) -> None:
        self.version_place = place
        spec = spec_by_id("article.versions")
        key = effective_keys(spec, dict(self.nr.config.keys)).split(", ")[0] if spec is not None else "V"
        other = place.old if place.latest else place.new
        line = self.query_one("#versions", Static)
        line.update(render.versions_line(place.n, place.count, other, place.latest, place.summary, key))
        line.add_class("-on")

    def action_versions(self) -> None:
        place = self.version_place
        if place is None:
            if self._versions_pending:
                self.notify("Still looking for other versions of this article…", markup=False)
            else:
                self.notify("No other version of this article is kept.", markup=False)
            return
        title = self.doc.title if self.doc is not None else self.article.title
        self.app.push_screen(versions_screen.VersionDiffScreen(place.identity, place.old, place.new, title))
